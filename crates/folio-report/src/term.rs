//! Terminal output shared by the CLI, `folio new` and `folio serve`: whether colour is allowed
//! (`NO_COLOR`, a terminal on stderr) and diagnostics with the `error`/`warning` word coloured.

use std::io::IsTerminal;

use crate::diagnostics::{Diagnostic, Level};

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const GREEN: &str = "\x1b[1;32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// How messages go to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Term {
    /// ANSI colours allowed.
    pub color: bool,
}

impl Term {
    /// Colour when stderr is a terminal and `NO_COLOR` is unset or empty (no-color.org).
    pub fn detect() -> Term {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Term {
            color: !no_color && std::io::stderr().is_terminal(),
        }
    }

    fn paint(&self, style: &str, s: &str) -> String {
        if self.color {
            format!("{style}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    /// `error` in bold red (when colour is allowed).
    pub fn error_word(&self) -> String {
        self.paint(RED, "error")
    }

    /// `warning` in bold yellow (when colour is allowed).
    pub fn warning_word(&self) -> String {
        self.paint(YELLOW, "warning")
    }

    /// A success word in bold green (when colour is allowed).
    pub fn ok(&self, s: &str) -> String {
        self.paint(GREEN, s)
    }

    /// Secondary text, dimmed (when colour is allowed).
    pub fn dim(&self, s: &str) -> String {
        self.paint(DIM, s)
    }

    /// A diagnostic as `Display` prints it, with its level word coloured.
    pub fn diagnostic(&self, d: &Diagnostic) -> String {
        let text = d.to_string();
        if !self.color {
            return text;
        }
        let (word, painted) = match d.level {
            Level::Error => (": error[", format!(": {}[", self.error_word())),
            Level::Warning => (": warning[", format!(": {}[", self.warning_word())),
        };
        text.replacen(word, &painted, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_when_allowed() {
        let d = Diagnostic::error("unknown-key", "p/project.yaml", 3, 1, "unknown key");
        assert_eq!(
            Term { color: false }.diagnostic(&d),
            "p/project.yaml:3:1: error[unknown-key]: unknown key"
        );
        let c = Term { color: true }.diagnostic(&d);
        assert!(c.contains("\x1b[1;31merror\x1b[0m[unknown-key]"), "{c}");
        let w = Diagnostic::warning("stale", "a.md", 0, 0, "old");
        assert!(Term { color: true }.diagnostic(&w).contains("\x1b[1;33mwarning"));
    }
}
