//! The sales pipeline: `pipeline.yaml` (see docs/content.md, pipeline) as written
//! ([`PipelineFile`], which also generates its JSON Schema) and as loaded ([`Pipeline`]: the
//! file with where each opportunity's keys stand, so checks that need the as-of date or the
//! projects can still name file, line and column).

use std::path::PathBuf;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `pipeline.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PipelineFile {
    /// Signed-soon work the sales team forecasts.
    #[serde(default)]
    pub opportunities: Vec<Opportunity>,
}

/// One opportunity of the sales pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// Unique; the id the project will get once won (so it may not be a project's id).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub id: String,
    /// The customer, written as its projects write it (one account per customer name).
    #[schemars(regex(pattern = r"\S"))]
    pub customer: String,
    #[schemars(regex(pattern = r"\S"), length(max = 200))]
    pub name: String,
    /// A region id of `portfolio.yaml` (when it declares regions).
    #[serde(default)]
    pub region: Option<String>,
    /// The sales owner.
    #[serde(default)]
    pub owner: Option<String>,
    /// Contract value expected (> 0), in the portfolio currency.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub amount: f64,
    /// Chance of winning, in percent (0-100); 0 lists it as unlikely and counts it nowhere.
    #[schemars(range(min = 0, max = 100))]
    pub probability: f64,
    /// Expected start of the work; one on or before the as-of date slides to the day after it.
    pub start: NaiveDate,
    /// Expected end of the work, after `start`.
    pub end: NaiveDate,
    /// Sales stage, free text (e.g. `qualify`, `propose`, `negotiate`, `commit`).
    #[serde(default)]
    pub stage: Option<String>,
    /// The project (id) it was won as, under another id: it is no longer counted.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    #[serde(default)]
    pub project: Option<String>,
}

/// `pipeline.yaml` as loaded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pipeline {
    /// Relative to the content root.
    pub path: PathBuf,
    /// In the file's order.
    pub opportunities: Vec<Opportunity>,
    /// Where each opportunity's keys stand, in the same order.
    pub at: Vec<OpportunityAt>,
}

/// File line and column of an opportunity's keys (0 when unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OpportunityAt {
    pub id: (usize, usize),
    pub customer: (usize, usize),
    pub start: (usize, usize),
    pub project: (usize, usize),
}
