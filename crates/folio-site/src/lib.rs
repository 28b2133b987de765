//! folio-site: the showing half of folio (docs/architecture.md).
//!
//! Every function here is a function of a [`report::Report`] (crate `folio-report`, the
//! contract) and the settings: [`charts`] draws figures as inline SVG, [`render`] runs the
//! Tera templates to pages, [`export`] writes the machine-readable files and [`mod@write`] swaps the
//! whole site into the output folder. This crate does not depend on `folio-core`, so no view
//! can read the content model:
//!
//! ```compile_fail,E0433
//! // The content model is not a dependency of folio-site: this does not compile.
//! fn view(portfolio: &folio_core::model::Portfolio) -> usize {
//!     portfolio.projects.len()
//! }
//! ```
//!
//! while the report API is (the same shape of function, compiling):
//!
//! ```
//! fn view(report: &folio_site::report::Report) -> usize {
//!     report.projects.len()
//! }
//! ```

pub use folio_report::{diagnostics, fiscal, format, markup, report, settings, slug, term, wording};

pub mod charts;
pub mod export;
pub mod render;
pub mod write;
