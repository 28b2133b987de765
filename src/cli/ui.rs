//! Terminal output of the `folio` binary: `-q` (errors only), `-v` (detail), colours
//! (`NO_COLOR`, terminal detection) and a spinner for builds that take a while.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use folio::diagnostics::Diagnostic;
use folio::term::Term;

/// A build shorter than this never shows a spinner.
const SPINNER_DELAY: Duration = Duration::from_millis(300);

/// Output settings shared by all commands.
pub(crate) struct Ui {
    pub quiet: bool,
    pub verbose: bool,
    pub term: Term,
    /// stderr is a terminal (spinners allowed).
    pub interactive: bool,
}

impl Ui {
    pub(crate) fn new(quiet: bool, verbose: bool) -> Ui {
        use std::io::IsTerminal;
        Ui {
            quiet,
            verbose,
            term: Term::detect(),
            interactive: std::io::stderr().is_terminal(),
        }
    }

    /// A normal message (hidden by `-q`).
    pub(crate) fn info(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }

    /// A detail shown only with `-v`.
    pub(crate) fn detail(&self, msg: impl std::fmt::Display) {
        if self.verbose {
            eprintln!("{}", self.term.dim(&msg.to_string()));
        }
    }

    /// `error: <msg>`, always shown.
    pub(crate) fn error(&self, msg: impl std::fmt::Display) {
        // Errors quote paths and values from the content: no escape sequences reach the terminal.
        let msg = msg.to_string();
        eprintln!(
            "{}: {}",
            self.term.error_word(),
            folio::diagnostics::printable(&msg)
        );
    }

    /// Diagnostics, warnings hidden by `-q`. Paths are shown as seen from the working directory
    /// (`content/projects/x/updates/2026-01-09.md:5:3`), so terminals and editors can open them.
    pub(crate) fn diagnostics(&self, content: &std::path::Path, diags: &[Diagnostic]) {
        for d in diags {
            if self.quiet && !d.is_error() {
                continue;
            }
            let mut shown = d.clone();
            // Paths are relative to the content folder, except for the folder itself (a
            // missing content folder), which is named as given.
            if content != std::path::Path::new(".") && d.path != content {
                shown.path = content.join(&d.path);
            }
            eprintln!("{}", self.term.diagnostic(&shown));
        }
    }

    /// Runs `work` with a spinner showing `msg` when it takes long enough and stderr is a
    /// terminal (never with `-q`); the spinner is cleared afterwards.
    pub(crate) fn spin<T>(&self, msg: &str, work: impl FnOnce() -> T) -> T {
        if self.quiet || !self.interactive {
            return work();
        }
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            pb.set_style(style);
        }
        pb.set_message(msg.to_string());
        let done = Arc::new(Mutex::new(false));
        let shower = {
            let (pb, done) = (pb.clone(), done.clone());
            std::thread::spawn(move || {
                std::thread::sleep(SPINNER_DELAY);
                let done = done.lock().unwrap_or_else(|e| e.into_inner());
                if !*done {
                    pb.set_draw_target(ProgressDrawTarget::stderr());
                    pb.enable_steady_tick(Duration::from_millis(100));
                }
            })
        };
        let out = work();
        {
            let mut d = done.lock().unwrap_or_else(|e| e.into_inner());
            *d = true;
            pb.finish_and_clear();
        }
        drop(shower); // detached: it sleeps at most SPINNER_DELAY and then does nothing
        out
    }
}
