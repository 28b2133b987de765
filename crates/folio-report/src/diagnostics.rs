//! Diagnostics: one located problem in the content (see docs/content.md, diagnostics), and how a list of them is
//! printed (human text, JSON, GitLab Code Quality). Every stage that rejects input reports
//! through [`Diagnostic`], so `folio check` and `folio build` word problems the same way.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The content cannot be built as it is: `folio check` and `folio build` fail.
    Error,
    /// Built anyway, but probably not what was meant.
    Warning,
}

/// One problem, located in a content file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// Stable machine-readable code, e.g. `unknown-key`, `invalid-date`.
    pub code: &'static str,
    /// Path relative to the content root (or as given, when outside it). Serialized lossily
    /// (a byte that is not UTF-8 becomes U+FFFD), so that a file name that is not UTF-8 cannot
    /// make the JSON report fail half-way.
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// 1-based line in the file itself (front matter's opening `---` is line 1); 0 = whole file.
    pub line: usize,
    /// 1-based column; 0 = unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What was found, if it helps.
    pub found: Option<String>,
    /// What was expected.
    pub expected: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

/// The longest value from the content echoed in a diagnostic, in characters: a 900 KB key is
/// shown by its start, an ellipsis and its length ([`echo`]).
pub const MAX_ECHO_CHARS: usize = 200;

/// The longest message, found, expected or hint, in characters: whatever a check echoes, a
/// diagnostic stays a few lines.
pub const MAX_FIELD_CHARS: usize = 1000;

/// A value from the content as a diagnostic shows it: whole up to [`MAX_ECHO_CHARS`]
/// characters; longer, its start (cut on a character boundary), `…` and its length.
pub fn echo(value: &str) -> std::borrow::Cow<'_, str> {
    cut(value, MAX_ECHO_CHARS)
}

/// `s` cut after `max` characters, with `…` and the total length.
fn cut(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(s),
        Some((end, _)) => {
            std::borrow::Cow::Owned(format!("{}… ({} characters)", &s[..end], s.chars().count()))
        }
    }
}

/// [`cut`] at [`MAX_FIELD_CHARS`], for every text a diagnostic holds.
fn bounded(s: String) -> String {
    match cut(&s, MAX_FIELD_CHARS) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(short) => short,
    }
}

impl Diagnostic {
    /// An error `code` at `path:line:column` (0 for an unknown line or column).
    pub fn error(
        code: &'static str,
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Error,
            code,
            path: path.into(),
            line,
            column,
            message: bounded(message.into()),
            found: None,
            expected: None,
            hint: None,
        }
    }

    /// A warning `code` at `path:line:column` (0 for an unknown line or column).
    pub fn warning(
        code: &'static str,
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, path, line, column, message)
        }
    }

    /// With what was found (shortened when long).
    pub fn found(mut self, found: impl Into<String>) -> Self {
        self.found = Some(bounded(found.into()));
        self
    }

    /// With what was expected (shortened when long).
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(bounded(expected.into()));
        self
    }

    /// With how to fix it (shortened when long).
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(bounded(hint.into()));
        self
    }

    /// Whether it is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// `path:line:column` (line/column left out when unknown).
    pub fn location(&self) -> String {
        let p = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{p}"),
            (l, 0) => format!("{p}:{l}"),
            (l, c) => format!("{p}:{l}:{c}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let location = self.location();
        write!(
            f,
            "{}: {level}[{}]: {}",
            printable(&location),
            self.code,
            printable(&self.message)
        )?;
        if let Some(found) = &self.found {
            write!(f, "\n    found: {}", printable(found))?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "\n    expected: {}", printable(expected))?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {}", printable(hint))?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line, column, then message, and removes exact duplicates.
/// `s` safe to print on a terminal or in a CI log: control characters (escape sequences, carriage
/// returns, line breaks, C1 controls) and the bidirectional overrides that reorder what is
/// shown are written as `\u{..}` escapes, so content cannot clear the screen or fake a line.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.contains(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Sorts diagnostics by file, line, column, level and message: the order they are printed in.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.level, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.level, &b.message))
    });
    diags.dedup();
}

fn lossy_path<S: serde::Serializer>(path: &std::path::Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

/// The candidates within typo distance of `word`, nearest first (ties by name): the one
/// did-you-mean rule of every hint. Case-insensitive Damerau-Levenshtein distance, at most a
/// third of the word's length (and at least 2).
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Vec<&'c str> {
    let lower = word.to_lowercase();
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    let mut near: Vec<(usize, &str)> = candidates
        .into_iter()
        // The distance is at least the difference in length: a 900 KB key is no typo of a
        // short one, and its distance matrix would take seconds.
        .filter(|c| len.abs_diff(c.chars().count()) <= limit)
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    near.sort();
    near.dedup();
    near.into_iter().map(|(_, c)| c).collect()
}

/// The candidate closest to `word` ([`nearest`]), if it is close enough to be a likely typo.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    nearest(word, candidates).into_iter().next()
}

#[cfg(test)]
mod printable_tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let keys = ["percent_complete", "planned_percent", "actual_cost"];
        assert_eq!(closest("percent_compelte", keys), Some("percent_complete"));
        assert_eq!(closest("Actual_Cost", keys), Some("actual_cost"));
        assert_eq!(closest("colour", keys), None);
        // Project ids (`folio new update`, `folio report`): nearest first, ties by name.
        let ids = ["acme-erp", "globex-crm", "acme-ero"];
        assert_eq!(nearest("acme-epr", ids), vec!["acme-erp", "acme-ero"]);
        assert_eq!(closest("globexcrm", ids), Some("globex-crm"));
        assert_eq!(closest("zzz", ids), None);
    }

    #[test]
    fn control_sequences_from_content_are_escaped_in_diagnostics() {
        let d = Diagnostic::error(
            "unknown-key",
            "p/\x1b]0;x\x07.yaml",
            3,
            1,
            "unknown key `\x1b[2J`",
        )
        .found("`a\rb`")
        .expected("one of `name`\u{202E}")
        .hint("fix\u{9b}it");
        let text = d.to_string();
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(text.contains("unknown key `\\u{1b}[2J`"), "{text}");
        assert!(text.contains("`a\\u{d}b`"), "{text}");
        assert!(text.contains("\\u{202e}"), "{text}");
        assert_eq!(printable("plain tab\tok"), "plain tab\tok");
    }
}
