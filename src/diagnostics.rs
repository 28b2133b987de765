//! Diagnostics: one located problem in the content (SPEC §7), and how a list of them is
//! printed (human text, JSON, GitLab Code Quality). Every stage that rejects input reports
//! through [`Diagnostic`], so `folio check` and `folio build` word problems the same way.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

/// One problem, located in a content file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// Stable machine-readable code, e.g. `unknown-key`, `invalid-date`.
    pub code: &'static str,
    /// Path relative to the content root (or as given, when outside it).
    pub path: PathBuf,
    /// 1-based line in the file itself (front matter's opening `---` is line 1); 0 = whole file.
    pub line: usize,
    /// 1-based column; 0 = unknown.
    pub column: usize,
    pub message: String,
    /// What was found, if it helps.
    pub found: Option<String>,
    /// What was expected.
    pub expected: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
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
            message: message.into(),
            found: None,
            expected: None,
            hint: None,
        }
    }

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

    pub fn found(mut self, found: impl Into<String>) -> Self {
        self.found = Some(found.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

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
        write!(f, "{}: {level}[{}]: {}", self.location(), self.code, self.message)?;
        if let Some(found) = &self.found {
            write!(f, "\n    found: {found}")?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "\n    expected: {expected}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line, column, then message, and removes exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.level, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.level, &b.message))
    });
    diags.dedup();
}
