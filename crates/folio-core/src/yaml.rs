//! All YAML parsing of folio lives here, so the parser can be swapped in one place.
//!
//! A YAML text goes through three steps:
//! 1. [`decode`]: files over [`MAX_FILE_BYTES`], non-UTF-8 bytes and NUL bytes are refused
//!    with a located error (a byte-order mark is dropped);
//! 2. [`scan`]: one pass over yaml-rust2's event stream that refuses anchors, aliases and
//!    tags (alias bombs), nesting deeper than [`MAX_DEPTH`], complex keys and extra documents,
//!    reports every duplicate key, and builds the document tree, a [`KeyIndex`] that locates
//!    key paths such as `risks[2].probability` by line and column;
//! 3. [`parse`]: a serde deserializer over that tree (YAML 1.2 core schema) into the typed
//!    structs of [`crate::model`]; its errors become diagnostics with a location, what was
//!    found, what was expected and a hint (for an unknown key, the closest allowed key);
//!    every problem of a file is reported, not only the first (see [`parse_recovering`]).
//!
//! The text is parsed once (serde_yaml, deprecated upstream, is not used for reading): the
//! tree both feeds serde and locates every later semantic problem.
//!
//! Lines are reported in the file itself: a [`Source`] carries the offset of the YAML text in
//! its file (1 for an update's front matter, whose opening `---` is line 1).

mod de;
mod errors;
mod fast;
mod index;
mod recover;
mod tree;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;

pub(crate) use errors::{did_you_mean, one_of};
pub use index::{scan, KeyIndex};
pub use tree::{Kind, Node, Pos};

/// Largest content file folio reads.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Deepest nesting of mappings and sequences accepted in a YAML text.
pub const MAX_DEPTH: usize = 32;

/// A YAML text and where it sits: the file (relative to the content root) and the number of
/// file lines before the text's first line.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub line_offset: usize,
}

impl<'a> Source<'a> {
    /// A whole file.
    pub fn file(path: &'a Path, text: &'a str) -> Self {
        Source {
            path,
            text,
            line_offset: 0,
        }
    }

    /// An error at a position of the YAML text (1-based line; column 1-based, 0 = unknown).
    pub fn error(&self, code: &'static str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, self.path, self.file_line(pos.line), pos.column, message)
    }

    /// A warning at a position of the YAML text.
    pub fn warning(&self, code: &'static str, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(code, self.path, self.file_line(pos.line), pos.column, message)
    }

    /// The file line of a line of the YAML text (0 stays 0: the whole file).
    pub fn file_line(&self, line: usize) -> usize {
        if line == 0 {
            0
        } else {
            line + self.line_offset
        }
    }
}

/// Checks the size and encoding of a file's bytes and returns its text without a byte-order
/// mark. `path` is only used to locate the error.
pub fn decode<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Box<Diagnostic>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::error("file-too-large", path, 0, 0, "the file is too large")
                .found(format!("more than {} bytes", MAX_FILE_BYTES))
                .expected(format!("at most {} bytes (1 MiB)", MAX_FILE_BYTES))
                .hint("content files are small text files; split or shorten this one"),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            // yaml-rust2 stops reading at a NUL as if the file ended there.
            Some(at) => {
                let line = 1 + text[..at].matches('\n').count();
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let column = 1 + text[line_start..at].chars().count();
                Err(Box::new(
                    Diagnostic::error("nul-byte", path, line, column, "the file contains a NUL byte")
                        .found("byte 0x00")
                        .expected("text without NUL bytes")
                        .hint("delete the invisible character here (often left by a binary paste or a broken editor)"),
                ))
            }
            None => Ok(text),
        },
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            // Column in characters of the valid prefix of the line.
            let column = 1 + String::from_utf8_lossy(&good[line_start..]).chars().count();
            let bad = &bytes[e.valid_up_to()..];
            let shown: Vec<String> = bad.iter().take(4).map(|b| format!("0x{b:02X}")).collect();
            Err(Box::new(
                Diagnostic::error("not-utf8", path, line, column, "the file is not valid UTF-8")
                    .found(format!(
                        "{} {}",
                        if shown.len() == 1 { "byte" } else { "bytes" },
                        shown.join(" ")
                    ))
                    .expected("UTF-8 text")
                    .hint(
                        "save the file as UTF-8 (most editors offer this in \"Save as\" or the status bar)",
                    ),
            ))
        }
    }
}

/// Scans and deserializes one YAML text into `T`.
///
/// An empty text (only comments or blanks) is read as an empty mapping, so a missing required
/// key is named. Every problem of the file is reported, not just the first (see
/// [`parse_recovering`]). On success the [`KeyIndex`] of the text is returned with the value,
/// for the semantic checks to locate what they report.
pub fn parse<T: DeserializeOwned>(src: Source<'_>) -> Result<(T, KeyIndex), Vec<Diagnostic>> {
    let r = parse_recovering::<T>(src)?;
    match r.value {
        Some(value) if r.errors.is_empty() => Ok((value, r.index)),
        _ => Err(r.errors),
    }
}

/// Most deserialization problems reported for one file; each costs one more pass over its
/// tree, so a file crafted with thousands of them stays linear. Unknown keys are not counted:
/// they are all found in one pass.
pub const MAX_VALUE_PROBLEMS: usize = 100;

/// A YAML text read as far as its problems allow.
pub struct Recovered<T> {
    /// The value, when the problems could be stepped over: wrong values replaced by
    /// placeholders, so only checks of single values may be run on it.
    pub value: Option<T>,
    pub index: KeyIndex,
    /// Every problem found, unknown keys, missing keys, wrong types and words alike.
    pub errors: Vec<Diagnostic>,
}

/// Deserializes one YAML text, collecting every problem: unknown keys are skipped (all found
/// in one pass); a wrong value, a wrong word or a missing key is reported and replaced by a
/// placeholder of the expected type in a copy of the tree, and the text read again, so the
/// problems after it are found too. Problems a placeholder itself causes are not reported.
/// `Err` only when the text is not YAML at all (the scan failed).
pub fn parse_recovering<T: DeserializeOwned>(src: Source<'_>) -> Result<Recovered<T>, Vec<Diagnostic>> {
    let index = scan(src)?;
    let empty = Node {
        pos: Pos::new(1, 1),
        kind: Kind::Map(Vec::new()),
    };
    let mut errors = Vec::new();
    let mut seen_unknown = std::collections::BTreeSet::new();
    let mut tree: Option<Node> = None;
    let mut fix = recover::Placeholders::default();
    let mut value_problems = 0;
    loop {
        let root = tree.as_ref().or(index.root()).unwrap_or(&empty);
        let (result, unknown) = de::from_node::<T>(root);
        for u in unknown {
            // Keys skipped in one pass are skipped again in the next: report each once.
            if seen_unknown.insert((u.pos, u.path.clone(), u.msg.clone())) {
                errors.push(errors::translate(src, &index, &u));
            }
        }
        let e = match result {
            Ok(value) => {
                return Ok(Recovered {
                    value: Some(value),
                    index,
                    errors,
                })
            }
            Err(e) => e,
        };
        if !fix.caused(&e) {
            errors.push(errors::translate(src, &index, &e));
            value_problems += 1;
        }
        let t = tree.get_or_insert_with(|| index.root().cloned().unwrap_or_else(|| empty.clone()));
        if value_problems >= MAX_VALUE_PROBLEMS || !fix.step_over(t, &e) {
            if value_problems >= MAX_VALUE_PROBLEMS {
                errors.push(src.error(
                    "too-many-problems",
                    Pos::new(0, 0),
                    format!(
                        "stopped reading after {MAX_VALUE_PROBLEMS} problems in this file; fix these first"
                    ),
                ));
            }
            return Ok(Recovered {
                value: None,
                index,
                errors,
            });
        }
    }
}

#[cfg(test)]
mod tests;
