//! The YAML pre-pass: one walk over yaml-rust2's event stream that refuses what folio never
//! accepts (anchors, aliases, tags, deep nesting, complex keys, several documents), reports
//! every duplicate key, and builds the document tree ([`KeyIndex`]) that is both deserialized
//! (see `de.rs`) and searched by key path (`risks[2].probability`) to locate problems.

use std::collections::HashSet;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};

use super::tree::{Key, Kind, Node, Pos};
use super::{Source, MAX_DEPTH};
use crate::diagnostics::Diagnostic;

/// The document tree of a YAML text, searchable by key path.
///
/// Paths join mapping keys with `.` and sequence indexes with `[i]`: `status.overall`,
/// `risks[2].probability`; the root is the empty path.
#[derive(Debug, Clone, Default)]
pub struct KeyIndex {
    root: Option<Node>,
}

impl KeyIndex {
    /// The root node; `None` for a text without any node (blank or only comments).
    pub fn root(&self) -> Option<&Node> {
        self.root.as_ref()
    }

    /// True when `path` exists in the text.
    pub fn contains(&self, path: &str) -> bool {
        self.lookup(path).is_some()
    }

    /// Position of a path's value; for a path that is not in the text (a missing key), the
    /// position of its nearest ancestor; the root, else line 1.
    pub fn value(&self, path: &str) -> Pos {
        self.find(path, |_, n| n.pos)
    }

    /// Position of a path's key (for a sequence item: the item); missing paths as in
    /// [`KeyIndex::value`].
    pub fn key(&self, path: &str) -> Pos {
        self.find(path, |k, _| k)
    }

    /// The text of a path's value, if it is a scalar.
    pub fn scalar(&self, path: &str) -> Option<&str> {
        match &self.lookup(path)?.1.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    fn find(&self, path: &str, pick: impl Fn(Pos, &Node) -> Pos) -> Pos {
        let mut p = path;
        loop {
            if let Some((k, n)) = self.lookup(p) {
                return pick(k, n);
            }
            match parent(p) {
                Some(up) => p = up,
                None => return Pos::new(1, 1),
            }
        }
    }

    /// The key position and node of a path.
    fn lookup(&self, path: &str) -> Option<(Pos, &Node)> {
        let mut node = self.root.as_ref()?;
        let mut key = node.pos;
        let mut rest = path;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('[') {
                let (i, after) = r.split_once(']')?;
                let Kind::Seq(items) = &node.kind else {
                    return None;
                };
                node = items.get(i.parse::<usize>().ok()?)?;
                key = node.pos;
                rest = after;
            } else {
                let r = rest.strip_prefix('.').unwrap_or(rest);
                let Kind::Map(entries) = &node.kind else {
                    return None;
                };
                // The longest key that ends where a path segment ends (keys may contain `.`).
                let (k, v) = entries
                    .iter()
                    .filter(|(k, _)| {
                        r.starts_with(k.text.as_str())
                            && matches!(r.as_bytes().get(k.text.len()), None | Some(b'.' | b'['))
                    })
                    .max_by_key(|(k, _)| k.text.len())?;
                node = v;
                key = k.pos;
                rest = &r[k.text.len()..];
            }
        }
        Some((key, node))
    }
}

/// The parent of a key path (`a.b[2]` → `a.b`, `a.b` → `a`, `a` → the root, root → none).
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    let cut = if path.ends_with(']') {
        path.rfind('[')
    } else {
        path.rfind('.')
    };
    Some(cut.map_or("", |i| &path[..i]))
}

/// A collection being built.
enum Open {
    Seq(Pos, Vec<Node>),
    Map {
        pos: Pos,
        entries: Vec<(Key, Node)>,
        pending: Option<Key>,
        /// Keys of a large mapping, for duplicate detection without quadratic work.
        set: Option<HashSet<String>>,
    },
}

/// Keys compared one by one up to this many entries, through a set beyond.
const LINEAR_KEYS: usize = 16;

const REFUSED_HINT: &str = "write the value out in full; anchors, aliases and tags are refused so that no file can expand into gigabytes (\"billion laughs\")";

/// Runs the pre-pass over a YAML text and builds its tree.
pub fn scan(src: Source<'_>) -> Result<KeyIndex, Vec<Diagnostic>> {
    if let Some(root) = super::fast::scan(src.text) {
        return Ok(KeyIndex { root });
    }
    scan_events(src)
}

/// The general pre-pass over yaml-rust2's events (see [`scan`]).
pub(crate) fn scan_events(src: Source<'_>) -> Result<KeyIndex, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let mut root: Option<Node> = None;
    let mut stack: Vec<Open> = Vec::new();
    let mut parser = Parser::new_from_str(src.text);
    let mut documents = 0usize;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(x) => x,
            Err(e) => {
                diags.push(syntax_error(src, &e));
                return Err(diags);
            }
        };
        let pos = pos_of(&mark);
        let refuse = |code, msg: &str| vec![src.error(code, pos, msg.to_string()).hint(REFUSED_HINT)];
        let node = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    diags.push(
                        src.error("yaml-syntax", pos, "more than one YAML document in one file")
                            .expected("a single document")
                            .hint("remove the `---` line (in an update, only the front matter's opening and closing `---` belong)"),
                    );
                    return Err(diags);
                }
                continue;
            }
            Event::Alias(_) => return Err(refuse("yaml-alias", "YAML aliases (`*name`) are not allowed")),
            Event::Scalar(_, _, a, _) | Event::MappingStart(a, _) | Event::SequenceStart(a, _) if a > 0 => {
                return Err(refuse("yaml-anchor", "YAML anchors (`&name`) are not allowed"))
            }
            Event::Scalar(_, _, _, Some(_))
            | Event::MappingStart(_, Some(_))
            | Event::SequenceStart(_, Some(_)) => {
                return Err(refuse(
                    "yaml-tag",
                    "YAML tags (`!!type`, `!name`) are not allowed",
                ))
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if let Some(Open::Map { pending: None, .. }) = stack.last() {
                    diags.push(
                        src.error("yaml-complex-key", pos, "a mapping or list used as a key")
                            .expected("a plain key such as `name:`"),
                    );
                    return Err(diags);
                }
                if stack.len() >= MAX_DEPTH {
                    diags.push(
                        src.error("yaml-too-deep", pos, "the YAML is nested too deeply")
                            .found(format!("more than {MAX_DEPTH} levels of nested mappings or lists"))
                            .expected(format!("at most {MAX_DEPTH} levels"))
                            .hint("folio content is at most a few levels deep; check the indentation and brackets"),
                    );
                    return Err(diags);
                }
                stack.push(if matches!(event, Event::MappingStart(..)) {
                    Open::Map {
                        pos,
                        entries: Vec::new(),
                        pending: None,
                        set: None,
                    }
                } else {
                    Open::Seq(pos, Vec::new())
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop() {
                Some(Open::Seq(pos, items)) => Node {
                    pos,
                    kind: Kind::Seq(items),
                },
                Some(Open::Map { pos, entries, .. }) => Node {
                    pos,
                    kind: Kind::Map(entries),
                },
                None => continue,
            },
            Event::Scalar(text, style, ..) => Node {
                pos,
                kind: Kind::Scalar {
                    text,
                    plain: style == TScalarStyle::Plain,
                },
            },
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map {
                pos: map_pos,
                entries,
                pending,
                set,
            }) => match pending.take() {
                Some(key) => {
                    // An empty value is reported after the key, often on the next line:
                    // locate it at its key.
                    let mut node = node;
                    if matches!(&node.kind, Kind::Scalar { text, plain: true } if text.is_empty()) {
                        node.pos = key.pos;
                    }
                    entries.push((key, node))
                }
                None => {
                    let Kind::Scalar { text, .. } = node.kind else {
                        // Collections as keys are refused when they open.
                        continue;
                    };
                    // A block mapping's start is reported after its first key: use the key.
                    if entries.is_empty() {
                        *map_pos = (*map_pos).min(node.pos);
                    }
                    let first = if entries.len() < LINEAR_KEYS {
                        entries.iter().find(|(k, _)| k.text == text).map(|(k, _)| k.pos)
                    } else {
                        let set =
                            set.get_or_insert_with(|| entries.iter().map(|(k, _)| k.text.clone()).collect());
                        if set.insert(text.clone()) {
                            None
                        } else {
                            entries.iter().find(|(k, _)| k.text == text).map(|(k, _)| k.pos)
                        }
                    };
                    if let Some(first) = first {
                        diags.push(
                            src.error(
                                "duplicate-key",
                                node.pos,
                                format!("duplicate key `{}`", crate::diagnostics::echo(&text)),
                            )
                            .found(format!(
                                "`{}` given a second time",
                                crate::diagnostics::echo(&text)
                            ))
                            .expected("each key once per mapping")
                            .hint(format!(
                                "`{}` is first given on line {}; remove one of them",
                                crate::diagnostics::echo(&text),
                                src.file_line(first.line)
                            )),
                        );
                    }
                    *pending = Some(Key { text, pos: node.pos });
                }
            },
        }
    }
    if diags.is_empty() {
        Ok(KeyIndex { root })
    } else {
        Err(diags)
    }
}

/// The tab a tab error is about: one indenting the marked line or the next (the scanner marks
/// the token it was reading, which for an indenting tab is on the line before, or the character
/// after the tab), else the first tab after the mark on those lines.
fn first_tab_from(text: &str, from: Pos) -> Option<Pos> {
    let first = from.line.saturating_sub(1);
    let lines = || text.split('\n').enumerate().skip(first).take(2);
    let indent = lines().find_map(|(n, line)| {
        line.chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .position(|c| c == '\t')
            .map(|c| Pos::new(n + 1, c + 1))
    });
    indent.or_else(|| {
        lines().find_map(|(n, line)| {
            let skip = if n == first {
                from.column.saturating_sub(1)
            } else {
                0
            };
            line.chars()
                .skip(skip)
                .position(|c| c == '\t')
                .map(|c| Pos::new(n + 1, skip + c + 1))
        })
    })
}

fn syntax_error(src: Source<'_>, e: &ScanError) -> Diagnostic {
    let info = e.info();
    let pos = pos_of(e.marker());
    if info.contains("recursion limit") {
        return src
            .error("yaml-too-deep", pos, "the YAML is nested too deeply")
            .found("more than 255 levels of nested brackets")
            .expected(format!("at most {MAX_DEPTH} levels"))
            .hint("folio content is at most a few levels deep; check the brackets");
    }
    let tab = info.contains("tab");
    // The scanner marks where the token it was reading began (the line before, for a tab that
    // indents a line): point at the tab itself.
    let pos = if tab {
        first_tab_from(src.text, pos).unwrap_or(pos)
    } else {
        pos
    };
    let d = src.error("yaml-syntax", pos, format!("invalid YAML: {info}"));
    if tab {
        d.hint("indent with spaces, not tabs")
    } else if info.contains("mapping values are not allowed") {
        d.hint("a value containing `: ` must be quoted, e.g. `title: \"Phase 2: cutover\"`")
    } else {
        d.hint("check indentation, quotes and brackets on this line and the one before")
    }
}

/// A yaml-rust2 marker as a 1-based [`Pos`].
fn pos_of(m: &Marker) -> Pos {
    Pos::new(m.line(), m.col() + 1)
}
