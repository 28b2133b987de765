//! folio: turns a folder of project definitions and weekly status updates into a static
//! portfolio website (see the README and docs/).
//!
//! The pipeline runs one way, one module per stage:
//!
//! 1. [`load`]: read and validate `content/` into the typed [`model`] (all YAML goes through
//!    [`yaml`]); problems come back as located [`diagnostics::Diagnostic`]s.
//! 2. [`metrics`]: pure functions from the model and an as-of date to a [`report::Report`].
//! 3. [`charts`]: figures to inline SVG.
//! 4. [`render`]: Tera templates (the embedded default theme or a theme folder) to pages.
//! 5. [`export`]: machine-readable files (`portfolio.json`, CSV, Atom, iCalendar).
//! 6. [`write`]: the whole site swapped into the output folder atomically.
//!
//! [`driver`] runs the stages, one driver for `folio build`, `folio report` and `folio serve`,
//! from one [`settings::Settings`]; the `folio` binary is a thin clap layer over it, so tests
//! call the library directly.

pub mod charts;
pub mod codequality;
pub mod diagnostics;
pub mod driver;
pub mod export;
pub mod fiscal;
pub mod format;
pub mod init;
pub mod lint;
pub mod load;
pub mod markup;
pub mod metrics;
pub mod model;
pub mod quarter_end;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod settings;
pub mod slug;
pub mod status_report;
pub mod synth;
pub mod term;
#[cfg(test)]
mod testutil;
pub mod wording;
pub mod write;
pub mod yaml;
