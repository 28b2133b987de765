//! The YAML pre-pass: one walk over yaml-rust2's event stream that refuses what folio never
//! accepts (anchors, aliases, deep nesting, complex keys, several documents), reports every
//! duplicate key, and indexes key paths (`risks[2].probability`) to their line and column.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, ScanError};

use super::{Source, MAX_DEPTH};
use crate::diagnostics::Diagnostic;

/// A position in a YAML text: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    fn from_marker(m: &Marker) -> Self {
        Pos {
            line: m.line(),
            column: m.col() + 1,
        }
    }
}

/// Where one key (or sequence item) and its value sit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key itself (for a sequence item: the item).
    pub key: Pos,
    /// The value (for a sequence item: the item).
    pub value: Pos,
    /// The value's text when it is a scalar.
    pub scalar: Option<String>,
}

/// Key path → position, for every key and sequence item of a YAML text.
///
/// Paths join mapping keys with `.` and sequence indexes with `[i]`: `status.overall`,
/// `risks[2].probability`; the root is the empty path.
#[derive(Debug, Clone, Default)]
pub struct KeyIndex {
    entries: HashMap<String, Entry>,
    /// Position of the root node, if the text has one.
    root: Option<Pos>,
}

impl KeyIndex {
    /// The entry of a path.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// Position of a path's value; for a path that is not in the text (a missing key), the
    /// position of its nearest ancestor; the root, else line 1.
    pub fn value(&self, path: &str) -> Pos {
        self.find(path, |e| e.value)
    }

    /// Position of a path's key (see [`KeyIndex::value`] for missing paths).
    pub fn key(&self, path: &str) -> Pos {
        self.find(path, |e| e.key)
    }

    /// The scalar text of a path's value, if it is a scalar.
    pub fn scalar(&self, path: &str) -> Option<&str> {
        self.entries.get(path).and_then(|e| e.scalar.as_deref())
    }

    /// True when the text holds no node at all (blank or only comments).
    pub fn is_empty_document(&self) -> bool {
        self.root.is_none()
    }

    /// Number of indexed paths.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no path is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, path: &str, pick: impl Fn(&Entry) -> Pos) -> Pos {
        let mut p = path;
        loop {
            if let Some(e) = self.entries.get(p) {
                return pick(e);
            }
            match parent(p) {
                Some(up) => p = up,
                None => return self.root.unwrap_or(Pos::new(1, 1)),
            }
        }
    }
}

/// The parent of a key path (`a.b[2]` → `a.b`, `a.b` → `a`, `a` → none).
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

enum Frame {
    Map {
        path: String,
        /// No key seen yet.
        first: bool,
        /// The key path whose value comes next; `None` while a key is expected.
        pending: Option<String>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

/// Runs the pre-pass over a YAML text.
pub fn scan(src: Source<'_>) -> Result<KeyIndex, Vec<Diagnostic>> {
    let mut index = KeyIndex::default();
    let mut diags = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
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
        let pos = Pos::from_marker(&mark);
        let anchor = match &event {
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
            Event::MappingEnd | Event::SequenceEnd => {
                // The parent mapping's pending key was taken when this value began, so it
                // now expects a key again.
                stack.pop();
                continue;
            }
            Event::Alias(_) => {
                diags.push(
                    src.error("yaml-alias", pos, "YAML aliases (`*name`) are not allowed")
                        .hint("write the value out in full; anchors and aliases are refused so that no file can expand into gigabytes (\"billion laughs\")"),
                );
                return Err(diags);
            }
            Event::Scalar(_, _, a, _) => *a,
            Event::MappingStart(a, _) | Event::SequenceStart(a, _) => *a,
            _ => continue,
        };
        if anchor > 0 {
            diags.push(
                src.error("yaml-anchor", pos, "YAML anchors (`&name`) are not allowed")
                    .hint("write the value out in full; anchors and aliases are refused so that no file can expand into gigabytes (\"billion laughs\")"),
            );
            return Err(diags);
        }
        // Where does this node sit: a key, a value, a sequence item or the root?
        let path = match stack.last_mut() {
            None => {
                index.root = Some(pos);
                String::new()
            }
            Some(Frame::Map { path, first, pending }) => match pending.take() {
                None => {
                    // A key. A block mapping's start is reported after its first key: move it
                    // to the key.
                    if std::mem::take(first) {
                        if path.is_empty() {
                            index.root = index.root.map(|r| r.min(pos));
                        } else if let Some(e) = index.entries.get_mut(path.as_str()) {
                            e.value = e.value.min(pos);
                        }
                    }
                    let Event::Scalar(key, ..) = &event else {
                        diags.push(
                            src.error("yaml-complex-key", pos, "a mapping or list used as a key")
                                .expected("a plain key such as `name:`"),
                        );
                        return Err(diags);
                    };
                    let full = join(path, key);
                    if let Some(first) = index.entries.get(&full) {
                        diags.push(
                            src.error("duplicate-key", pos, format!("duplicate key `{key}`"))
                                .found(format!("`{key}` given a second time"))
                                .expected("each key once per mapping")
                                .hint(format!(
                                    "`{key}` is first given on line {}; remove one of them",
                                    src.file_line(first.key.line)
                                )),
                        );
                    } else {
                        index.entries.insert(
                            full.clone(),
                            Entry {
                                key: pos,
                                value: pos,
                                scalar: None,
                            },
                        );
                    }
                    *pending = Some(full);
                    continue;
                }
                Some(full) => full,
            },
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                index.entries.insert(
                    p.clone(),
                    Entry {
                        key: pos,
                        value: pos,
                        scalar: None,
                    },
                );
                p
            }
        };
        if let Some(e) = index.entries.get_mut(&path) {
            e.value = pos;
        }
        match event {
            Event::Scalar(value, ..) => {
                if let Some(e) = index.entries.get_mut(&path) {
                    e.scalar = Some(value);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
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
                    Frame::Map {
                        path,
                        first: true,
                        pending: None,
                    }
                } else {
                    Frame::Seq { path, next: 0 }
                });
            }
            _ => {}
        }
    }
    if diags.is_empty() {
        Ok(index)
    } else {
        Err(diags)
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        let mut s = String::with_capacity(path.len() + 1 + key.len());
        s.push_str(path);
        s.push('.');
        s.push_str(key);
        s
    }
}

fn syntax_error(src: Source<'_>, e: &ScanError) -> Diagnostic {
    let info = e.info();
    let pos = Pos::from_marker(e.marker());
    if info.contains("recursion limit") {
        return src
            .error("yaml-too-deep", pos, "the YAML is nested too deeply")
            .found("more than 255 levels of nested brackets")
            .expected(format!("at most {MAX_DEPTH} levels"))
            .hint("folio content is at most a few levels deep; check the brackets");
    }
    let d = src.error("yaml-syntax", pos, format!("invalid YAML: {info}"));
    if info.contains("tab") {
        d.hint("indent with spaces, not tabs")
    } else if info.contains("mapping values are not allowed") {
        d.hint("a value containing `: ` must be quoted, e.g. `title: \"Phase 2: cutover\"`")
    } else {
        d.hint("check indentation, quotes and brackets on this line and the one before")
    }
}
