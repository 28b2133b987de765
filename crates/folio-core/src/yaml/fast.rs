//! A fast path for the YAML that content files are made of: block mappings and sequences of
//! plain keys and plain scalars, with one-line flow mappings and sequences (`{id: r-1, status:
//! open}`, `[a, b]`). It builds exactly the tree the general pre-pass builds (same nodes, same
//! positions) and gives up (`None`) on anything else — quotes, block scalars, comments after
//! values, anchors, tags, tabs, duplicate keys, multi-line scalars, unusual indentation — so
//! the general pre-pass handles, and words, every other text. It exists because the weekly
//! updates of a large portfolio are mostly this simple, and the general scanner is the costliest
//! part of loading them.

use super::tree::{Key, Kind, Node, Pos};
use super::MAX_DEPTH;

struct Line<'a> {
    no: usize,
    indent: usize,
    /// The text after the indentation.
    text: &'a str,
    /// The whole line, for character columns of non-ASCII lines.
    raw: &'a str,
}

impl Line<'_> {
    /// 1-based character column of byte `off` of `text`.
    fn col(&self, off: usize) -> usize {
        let b = self.raw.len() - self.text.len() + off;
        if self.raw.is_ascii() {
            b + 1
        } else {
            self.raw[..b].chars().count() + 1
        }
    }

    fn pos(&self, off: usize) -> Pos {
        Pos::new(self.no, self.col(off))
    }
}

/// The tree of `text` if it is within the simple subset; `None` otherwise. `Some(None)` is a
/// text without any node.
pub(super) fn scan(text: &str) -> Option<Option<Node>> {
    if text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || c == '\u{FEFF}')
    {
        return None;
    }
    let mut lines = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let body = raw.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if body.contains(" #") || body.ends_with(' ') {
            return None;
        }
        lines.push(Line {
            no: i + 1,
            indent: raw.len() - body.len(),
            text: body,
            raw,
        });
    }
    if lines.is_empty() {
        return Some(None);
    }
    if lines[0].indent != 0 {
        return None;
    }
    let mut p = Parser { lines, i: 0 };
    let root = p.block(0, 0)?;
    (p.i == p.lines.len()).then_some(Some(root))
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    i: usize,
}

fn is_key_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

/// Splits `key: rest` / `key:`; the key is plain word characters.
fn split_key(t: &str) -> Option<(&str, &str)> {
    let end = t.bytes().position(|c| !is_key_char(c))?;
    let (key, after) = t.split_at(end);
    if key.is_empty() || key.starts_with(['-', '.']) {
        return None;
    }
    let after = after.strip_prefix(':')?;
    if after.is_empty() {
        Some((key, ""))
    } else {
        Some((key, after.strip_prefix(' ')?.trim_start_matches(' ')))
    }
}

/// True for a plain scalar both parsers read the same way in block or flow context.
fn simple_scalar(s: &str, flow: bool) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    let starts_ok = match first {
        b'[' | b']' | b'{' | b'}' | b',' | b'#' | b':' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"'
        | b'%' | b'@' | b'`' | b'?' => false,
        b'-' => b.get(1).is_some_and(|c| c.is_ascii_digit() || *c == b'.'),
        _ => true,
    };
    if !starts_ok || s.ends_with(':') || s.contains(": ") {
        return false;
    }
    !(flow && s.contains(['[', ']', '{', '}', ',', ':']))
}

fn scalar(text: &str, pos: Pos) -> Node {
    Node {
        pos,
        kind: Kind::Scalar {
            text: text.to_string(),
            plain: true,
        },
    }
}

impl Parser<'_> {
    fn next_indent(&self) -> Option<usize> {
        self.lines.get(self.i).map(|l| l.indent)
    }

    /// The node starting at the current line, which is indented by `indent`.
    fn block(&mut self, indent: usize, depth: usize) -> Option<Node> {
        if depth >= MAX_DEPTH - 1 {
            return None;
        }
        let line = self.lines.get(self.i)?;
        if line.text == "-" || line.text.starts_with("- ") {
            self.seq(indent, depth)
        } else {
            self.map(indent, depth)
        }
    }

    fn seq(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let start = self.lines[self.i].pos(0);
        let mut items = Vec::new();
        while self.next_indent() == Some(indent) {
            let line = &self.lines[self.i];
            let rest = line.text.strip_prefix("- ")?;
            if rest.starts_with(' ') || rest.is_empty() {
                return None;
            }
            if rest.starts_with('{') || rest.starts_with('[') {
                let node = flow(line, 2)?;
                self.i += 1;
                items.push(node);
            } else if simple_scalar(rest, false) && split_key(rest).is_none() {
                items.push(scalar(rest, line.pos(2)));
                self.i += 1;
            } else if split_key(rest).is_some() {
                // `- key: value`: a mapping whose keys sit two columns in.
                let l = &mut self.lines[self.i];
                l.indent += 2;
                l.text = rest;
                items.push(self.map(indent + 2, depth + 1)?);
            } else {
                return None;
            }
            if self.next_indent().is_some_and(|n| n > indent) {
                return None;
            }
        }
        Some(Node {
            pos: start,
            kind: Kind::Seq(items),
        })
    }

    fn map(&mut self, indent: usize, depth: usize) -> Option<Node> {
        let start = self.lines[self.i].pos(0);
        let mut entries: Vec<(Key, Node)> = Vec::new();
        while self.next_indent() == Some(indent) {
            let line = &self.lines[self.i];
            let (key, rest) = split_key(line.text)?;
            if entries.len() > 64 || entries.iter().any(|(k, _)| k.text == key) {
                return None;
            }
            let kpos = line.pos(0);
            let value = if rest.is_empty() {
                self.i += 1;
                match self.next_indent() {
                    Some(n) if n > indent => self.block(n, depth + 1)?,
                    // An indentless sequence (`key:` then `- x` at the key's indentation).
                    Some(n) if n == indent && self.lines[self.i].text.starts_with('-') => return None,
                    _ => scalar("", kpos),
                }
            } else {
                let off = line.text.len() - rest.len();
                let node = if rest.starts_with('{') || rest.starts_with('[') {
                    flow(line, off)?
                } else if simple_scalar(rest, false) {
                    scalar(rest, line.pos(off))
                } else {
                    return None;
                };
                self.i += 1;
                if self.next_indent().is_some_and(|n| n > indent) {
                    return None;
                }
                node
            };
            entries.push((
                Key {
                    text: key.to_string(),
                    pos: kpos,
                },
                value,
            ));
        }
        if self.next_indent().is_some_and(|n| n > indent) {
            return None;
        }
        Some(Node {
            pos: start,
            kind: Kind::Map(entries),
        })
    }
}

/// A one-line flow mapping or sequence of simple scalars starting at byte `off` of the line's
/// text and ending the line.
fn flow(line: &Line<'_>, off: usize) -> Option<Node> {
    let t = line.text;
    let open = t.as_bytes()[off];
    let close = if open == b'{' { '}' } else { ']' };
    let inner_start = off + 1;
    let end = t.rfind(close)?;
    if end + 1 != t.len() || end < inner_start {
        return None;
    }
    let inner = &t[inner_start..end];
    let mut entries = Vec::new();
    let mut items = Vec::new();
    if !inner.trim_matches(' ').is_empty() {
        let mut at = inner_start;
        for part in inner.split(',') {
            let lead = part.len() - part.trim_start_matches(' ').len();
            let item = part.trim_matches(' ');
            let item_off = at + lead;
            at += part.len() + 1;
            if open == b'{' {
                let (k, v) = item.split_once(": ")?;
                let v = v.trim_start_matches(' ');
                if k.is_empty()
                    || !k.bytes().all(is_key_char)
                    || k.starts_with(['-', '.'])
                    || !simple_scalar(v, true)
                {
                    return None;
                }
                if entries.len() > 64 || entries.iter().any(|(key, _): &(Key, Node)| key.text == k) {
                    return None;
                }
                let v_off = item_off + item.len() - v.len();
                entries.push((
                    Key {
                        text: k.to_string(),
                        pos: line.pos(item_off),
                    },
                    scalar(v, line.pos(v_off)),
                ));
            } else {
                if !simple_scalar(item, true) {
                    return None;
                }
                items.push(scalar(item, line.pos(item_off)));
            }
        }
    }
    Some(Node {
        pos: line.pos(off),
        kind: if open == b'{' {
            Kind::Map(entries)
        } else {
            Kind::Seq(items)
        },
    })
}
