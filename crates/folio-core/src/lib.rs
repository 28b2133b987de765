//! folio-core: the computing half of folio (docs/architecture.md).
//!
//! 1. [`load`]: read and validate `content/` into the typed [`model`] (all YAML goes through
//!    [`yaml`]); problems come back as located [`diagnostics::Diagnostic`]s.
//! 2. [`metrics`]: pure functions from the model and an as-of date to a
//!    [`report::Report`], the contract (crate `folio-report`) that `folio-site` shows.
//!
//! Around them: [`schema`] (the JSON Schemas of the content files), [`synth`] (generated
//! portfolios), [`lint`], [`quarter_end`], [`scaffold`] (`folio new`) and [`codequality`].

pub use folio_report::{diagnostics, fiscal, format, markup, report, settings, slug, term, wording};

pub mod codequality;
pub mod lint;
pub mod load;
pub mod metrics;
pub mod model;
pub mod quarter_end;
pub mod scaffold;
pub mod schema;
pub mod synth;
#[cfg(test)]
mod testutil;
pub mod yaml;
