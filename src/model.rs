//! The content model: the typed form of everything under `content/` (SPEC §2).
//!
//! The `*File` / front-matter structs are exactly what the YAML files may contain: they are
//! deserialized with `deny_unknown_fields` and the same structs generate the JSON Schemas
//! (`folio schema`), so the schema and the loader can never disagree. The loader (`crate::load`)
//! fills [`Portfolio`], which every later stage reads. Nothing in this module touches the
//! filesystem or computes figures.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A whole portfolio as loaded from a content folder.
#[derive(Debug, Clone)]
pub struct Portfolio {
    /// The content root the portfolio was read from.
    pub root: PathBuf,
    pub config: PortfolioFile,
    /// Sorted by id.
    pub programs: Vec<Program>,
    /// Sorted by id.
    pub projects: Vec<Project>,
}

/// `portfolio.yaml` (SPEC §2.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioFile {
    /// Site title.
    #[schemars(regex(pattern = r"\S"))]
    pub title: String,
    /// Organization shown in the header.
    #[serde(default)]
    pub organization: Option<String>,
    /// Absolute URL where the site is published; `$CI_PAGES_URL`, else `/`.
    #[schemars(regex(pattern = r"^(https?://|/)"))]
    #[serde(default)]
    pub base_url: Option<String>,
    /// ISO 4217 currency code, display only.
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    #[serde(default = "default_currency")]
    pub currency: String,
    /// First month (1-12) of the fiscal year.
    #[schemars(range(min = 1, max = 12))]
    #[serde(default = "default_fy_start")]
    pub fiscal_year_start_month: u32,
    /// An update older than this many days makes a project stale.
    #[schemars(range(min = 0))]
    #[serde(default = "default_stale_days")]
    pub stale_after_days: i64,
    /// PS revenue target per fiscal quarter label, e.g. `FY27-Q1: 2400000`.
    #[schemars(extend("propertyNames" = {"pattern": "^FY[0-9]{2}-Q[1-4]$"}))]
    #[schemars(extend("additionalProperties" = {"type": "number", "minimum": 0}))]
    #[serde(default)]
    pub revenue_targets: BTreeMap<String, f64>,
    /// Computed-health thresholds (SPEC §3.6).
    #[serde(default)]
    pub thresholds: Thresholds,
    /// Theme name or folder (SPEC §5).
    #[schemars(regex(pattern = r"\S"))]
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Fixed as-of date for an archived or demo portfolio.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
}

fn default_currency() -> String {
    "USD".to_string()
}
fn default_fy_start() -> u32 {
    1
}
fn default_stale_days() -> i64 {
    14
}
fn default_theme() -> String {
    "default".to_string()
}

/// Computed-health thresholds (SPEC §3.6); every key is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    #[schemars(range(min = 0))]
    pub cpi_red: f64,
    #[schemars(range(min = 0))]
    pub cpi_amber: f64,
    #[schemars(range(min = 0))]
    pub spi_red: f64,
    #[schemars(range(min = 0))]
    pub spi_amber: f64,
    #[schemars(range(min = 0))]
    pub slip_red_days: i64,
    #[schemars(range(min = 0))]
    pub slip_amber_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            cpi_red: 0.85,
            cpi_amber: 0.95,
            spi_red: 0.85,
            spi_amber: 0.95,
            slip_red_days: 15,
            slip_amber_days: 5,
        }
    }
}

/// A program: `programs/<id>.yaml` plus its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: String,
    pub file: ProgramFile,
    /// Path relative to the content root.
    pub path: PathBuf,
}

/// `programs/<program-id>.yaml` (SPEC §2.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub sponsor: Option<String>,
}

/// A project: its definition and its updates, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: String,
    pub def: ProjectFile,
    /// Path of `project.yaml` relative to the content root.
    pub path: PathBuf,
    /// Sorted by date, oldest first; dates are unique.
    pub updates: Vec<Update>,
}

/// `engagement` of a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    FixedPrice,
    TimeAndMaterials,
}

impl Engagement {
    pub fn as_str(self) -> &'static str {
        match self {
            Engagement::FixedPrice => "fixed_price",
            Engagement::TimeAndMaterials => "time_and_materials",
        }
    }
}

/// `projects/<project-id>/project.yaml` (SPEC §2.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectFile {
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    #[schemars(regex(pattern = r"\S"))]
    pub customer: String,
    /// Must name an existing `programs/<id>.yaml`.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    #[serde(default)]
    pub program: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// The PM.
    #[schemars(regex(pattern = r"\S"))]
    pub manager: String,
    #[serde(default)]
    pub sponsor: Option<String>,
    pub engagement: Engagement,
    /// Revenue ceiling of the contract (>= 0).
    #[schemars(range(min = 0))]
    pub contract_value: f64,
    /// Cost budget, BAC (> 0).
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub budget: f64,
    /// Bill rate per hour (> 0); required for `time_and_materials`.
    #[schemars(extend("exclusiveMinimum" = 0))]
    #[serde(default)]
    pub rate: Option<f64>,
    pub start: NaiveDate,
    /// Baseline end, after `start`.
    pub end: NaiveDate,
    /// Baseline cumulative planned percent complete; `(start, 0)` and `(end, 100)` are implied.
    #[serde(default)]
    pub plan: Vec<PlanPoint>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub team: Vec<TeamMember>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanPoint {
    pub date: NaiveDate,
    /// 0-100.
    #[schemars(range(min = 0, max = 100))]
    pub percent: f64,
}

/// A baseline milestone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    #[schemars(regex(pattern = r"^(?=[^/]*[^/\s])[^/]{1,64}$"))]
    pub id: String,
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    pub due: NaiveDate,
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamMember {
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    pub role: String,
    /// Percent of a full week, 0-100.
    #[schemars(range(min = 0, max = 100))]
    pub allocation: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    pub role: String,
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub budget: Option<f64>,
}

/// A status update: front matter, body and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The date from the file name.
    pub date: NaiveDate,
    pub front: UpdateFrontMatter,
    /// The Markdown narrative (raw, unsanitized).
    pub body: String,
    /// Path relative to the content root.
    pub path: PathBuf,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
}

/// RAG colour of a declared status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

/// The PM's declared status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredStatus {
    pub overall: Rag,
    #[serde(default)]
    pub schedule: Option<Rag>,
    #[serde(default)]
    pub budget: Option<Rag>,
    #[serde(default)]
    pub scope: Option<Rag>,
}

/// The YAML front matter of `updates/<YYYY-MM-DD>.md` (SPEC §2.4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateFrontMatter {
    /// Must equal the file name's date.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Defaults to the project's manager.
    #[serde(default)]
    pub author: Option<String>,
    pub status: DeclaredStatus,
    /// Cumulative, 0-100.
    #[schemars(range(min = 0, max = 100))]
    pub percent_complete: f64,
    /// 0-100; overrides the baseline plan for PV at this date.
    #[schemars(range(min = 0, max = 100))]
    #[serde(default)]
    pub planned_percent: Option<f64>,
    /// Cumulative cost to date (AC), >= 0.
    #[schemars(range(min = 0))]
    pub actual_cost: f64,
    /// Cumulative billable hours; required for `time_and_materials`.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub hours: Option<f64>,
    /// The PM's own EAC (> 0); overrides BAC/CPI.
    #[schemars(extend("exclusiveMinimum" = 0))]
    #[serde(default)]
    pub estimate_at_completion: Option<f64>,
    #[serde(default)]
    pub forecast_end: Option<NaiveDate>,
    #[serde(default)]
    pub milestones: Vec<MilestoneMention>,
    #[serde(default)]
    pub risks: Vec<RiskMention>,
    #[serde(default)]
    pub issues: Vec<IssueMention>,
    #[serde(default)]
    pub escalations: Vec<EscalationMention>,
    #[serde(default)]
    pub changes: Vec<ChangeMention>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneMention {
    /// Names a baseline milestone.
    #[schemars(regex(pattern = r"^(?=[^/]*[^/\s])[^/]{1,64}$"))]
    pub id: String,
    #[serde(default)]
    pub forecast: Option<NaiveDate>,
    #[serde(default)]
    pub done: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenClosed {
    Open,
    Closed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenResolved {
    Open,
    Resolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    Proposed,
    Approved,
    Rejected,
}

/// One mention of a risk in an update; later mentions replace the fields they give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskMention {
    #[schemars(regex(pattern = r"^(?=[^/]*[^/\s])[^/]{1,64}$"))]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    /// 1-5.
    #[schemars(range(min = 1, max = 5))]
    #[serde(default)]
    pub probability: Option<u8>,
    /// 1-5.
    #[schemars(range(min = 1, max = 5))]
    #[serde(default)]
    pub impact: Option<u8>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub mitigation: Option<String>,
    #[serde(default)]
    pub status: Option<OpenClosed>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueMention {
    #[schemars(regex(pattern = r"^(?=[^/]*[^/\s])[^/]{1,64}$"))]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub status: Option<OpenClosed>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationMention {
    #[schemars(regex(pattern = r"^(?=[^/]*[^/\s])[^/]{1,64}$"))]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Overrides the opened date.
    #[serde(default)]
    pub raised: Option<NaiveDate>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub status: Option<OpenResolved>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeMention {
    #[schemars(regex(pattern = r"^(?=[^/]*[^/\s])[^/]{1,64}$"))]
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub status: Option<ChangeStatus>,
    #[serde(default)]
    pub budget_delta: Option<f64>,
    #[serde(default)]
    pub value_delta: Option<f64>,
    #[serde(default)]
    pub schedule_delta_days: Option<i64>,
}
