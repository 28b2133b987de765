//! folio: turns a folder of project definitions and weekly status updates into a static
//! portfolio website (see the README and docs/).
//!
//! The pipeline runs one way, one module per stage, across three member crates
//! (docs/architecture.md):
//! `folio-core` computes, `folio-report` is the contract, `folio-site` shows. This crate
//! re-exports their modules, so `folio::metrics`, `folio::render`, … name them.
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

pub use folio_core::{codequality, lint, load, metrics, model, quarter_end, scaffold, schema, synth, yaml};
pub use folio_report::{
    diagnostics, fiscal, format, markup, report, settings, slug, term, vocabulary, wording,
};
pub use folio_site::{charts, render, write};

pub mod driver;
pub mod export;
pub mod init;
#[cfg(feature = "serve")]
pub mod serve;
pub mod status_report;
#[cfg(all(test, feature = "serve"))]
#[path = "../crates/folio-core/src/testutil.rs"]
mod testutil;
