//! The content model: the typed form of everything under `content/` (see docs/content.md).
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

pub mod pipeline;
/// The vocabulary the content is written in and the report speaks in, defined with the report
/// (`folio_report::vocabulary`) so views can name it without the model.
pub use folio_report::vocabulary::*;
pub use pipeline::{Opportunity, OpportunityAt, Pipeline, PipelineFile};

/// A whole portfolio as loaded from a content folder.
#[derive(Debug, Clone)]
pub struct Portfolio {
    /// The content root the portfolio was read from.
    pub root: PathBuf,
    pub config: PortfolioFile,
    /// Sorted by id.
    pub programs: Vec<Program>,
    /// Sorted by id. Shared: `folio serve` keeps the projects an edit did not touch between
    /// builds, and a page rendered later reads the same project.
    pub projects: Vec<std::sync::Arc<Project>>,
    /// `pipeline.yaml` (empty without one).
    pub pipeline: Pipeline,
    /// `people.yaml`, when the content folder has one.
    pub people: Option<Vec<Person>>,
    /// The time entries of `time/**/*.csv`, resolved to people and projects.
    pub time: std::sync::Arc<TimeEntries>,
}

/// `portfolio.yaml` (see docs/content.md, `portfolio.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioFile {
    /// Site title.
    #[schemars(regex(pattern = r"\S"), length(max = 200))]
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
    /// Computed-health thresholds (see docs/metrics.md, health).
    #[serde(default)]
    pub thresholds: Thresholds,
    /// Theme name or folder (see docs/themes.md).
    #[schemars(regex(pattern = r"\S"))]
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Fixed as-of date for an archived or demo portfolio.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// Regions by id; when given, a project's `region` must name one of them.
    #[serde(default)]
    pub regions: Option<BTreeMap<String, Region>>,
    /// The one risk scale: the lowest score of each level.
    #[serde(default)]
    pub risk_levels: RiskLevels,
    /// What customer reports check their text against.
    #[serde(default)]
    pub customer_report: CustomerReportConfig,
    /// Billable utilization (percent) a person is expected to reach; a person's
    /// `billable_target` overrides it.
    #[schemars(range(min = 1, max = 100))]
    #[serde(default = "default_utilization_target")]
    pub utilization_target: f64,
    /// Project names in time exports that are our own work (training, pre-sales): they count
    /// for their person and are not warned about.
    #[serde(default)]
    pub internal_projects: Vec<String>,
    /// Project names in time exports that are leave (holiday, sick leave): their hours reduce
    /// the person's available hours and count nowhere else.
    #[serde(default)]
    pub leave_projects: Vec<String>,
    /// Public holidays by region id (or `all`): not available for the people of that region.
    #[serde(default)]
    pub holidays: BTreeMap<String, Vec<NaiveDate>>,
    /// How `NN/NN/YYYY` dates in time exports are read.
    #[serde(default)]
    pub time_date_order: DateOrder,
}

fn default_utilization_target() -> f64 {
    75.0
}

/// `time_date_order`: month first (`mdy`) or day first (`dmy`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    #[default]
    Mdy,
    Dmy,
}

/// `portfolio.yaml`'s `customer_report`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerReportConfig {
    /// Words that must not appear in text a customer sees: each one found (a whole word, any
    /// case) in the customer part of a narrative, a title, owner, mitigation, next step, ask or
    /// milestone name a customer report shows is an `internal-term` warning.
    #[serde(default = "default_internal_terms")]
    pub internal_terms: Vec<String>,
}

impl Default for CustomerReportConfig {
    fn default() -> Self {
        CustomerReportConfig {
            internal_terms: default_internal_terms(),
        }
    }
}

/// The default `customer_report.internal_terms`.
pub const DEFAULT_INTERNAL_TERMS: &[&str] = &[
    "EAC",
    "ETC",
    "CPI",
    "SPI",
    "margin",
    "burn",
    "bench",
    "rate card",
    "earned value",
    "write-off",
    "internal",
];

fn default_internal_terms() -> Vec<String> {
    DEFAULT_INTERNAL_TERMS.iter().map(|t| t.to_string()).collect()
}

/// A region of `portfolio.yaml`'s `regions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    /// The region's lead.
    #[serde(default)]
    pub lead: Option<String>,
    /// The region's PS revenue target per fiscal quarter label, e.g. `FY27-Q1: 800000`.
    #[schemars(extend("propertyNames" = {"pattern": "^FY[0-9]{2}-Q[1-4]$"}))]
    #[schemars(extend("additionalProperties" = {"type": "number", "minimum": 0}))]
    #[serde(default)]
    pub revenue_targets: BTreeMap<String, f64>,
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

/// Computed-health thresholds (see docs/metrics.md, health); every key is optional.
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
    /// Days without an update after which a project is red.
    #[schemars(range(min = 0))]
    pub stale_red_days: i64,
    /// An EAC change is a week's event when it moves by at least this percentage of BAC.
    #[schemars(range(min = 0))]
    pub eac_change_percent: f64,
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
            stale_red_days: 28,
            eac_change_percent: 2.0,
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

/// `programs/<program-id>.yaml` (see docs/content.md, programs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    #[schemars(regex(pattern = r"\S"), length(max = 200))]
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

impl Project {
    /// The first day a time-and-materials project's revenue and hours come from its entries
    /// (`days`, oldest first): `time_from`, else the first entry's date; `None` without entries
    /// or for fixed price.
    pub fn time_from(&self, days: &[ProjectDay]) -> Option<NaiveDate> {
        (self.def.engagement == Engagement::TimeAndMaterials && !days.is_empty())
            .then(|| self.def.time_from.unwrap_or(days[0].date))
    }
}

/// `projects/<project-id>/project.yaml` (see docs/content.md, `project.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectFile {
    #[schemars(regex(pattern = r"\S"), length(max = 200))]
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
    /// The names under which time-tracking exports book this project; the project's `name`
    /// and id always match.
    #[serde(default)]
    pub time_projects: Vec<TimeProjectName>,
    /// Time and materials: from this date on, revenue and hours come from time entries;
    /// default: the first entry's date.
    #[serde(default)]
    pub time_from: Option<NaiveDate>,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    /// The sales owner of the customer (account pages).
    #[serde(default)]
    pub account_executive: Option<String>,
    /// The technical account manager of the customer (account pages).
    #[serde(default)]
    pub tam: Option<String>,
}

/// A `time_projects` entry: an export's project name, or a project name under one client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum TimeProjectName {
    Name(#[schemars(regex(pattern = r"\S"))] String),
    Client(ClientProject),
}

/// `{client, project}` of `time_projects`: matches the export's client column too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientProject {
    #[schemars(regex(pattern = r"\S"))]
    pub client: String,
    #[schemars(regex(pattern = r"\S"))]
    pub project: String,
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
    /// The first day of the assignment (default: the project's start).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// The last day of the assignment (default: the project's end).
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// One person of `people.yaml` (see docs/content.md, people).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Unique; what teams and time entries call the person (or an alias, or the e-mail).
    #[schemars(regex(pattern = r"\S"))]
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    /// Other spellings of the name in time exports (`Bob Smith` for `Robert Smith`).
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub role: Option<String>,
    /// A region id of `portfolio.yaml` (its holidays apply).
    #[serde(default)]
    pub region: Option<String>,
    /// Hours per week (default 40).
    #[schemars(range(min = 0, max = 168))]
    #[serde(default)]
    pub capacity: Option<f64>,
    /// Billable utilization (percent) expected of this person; default `utilization_target`.
    #[schemars(range(min = 0, max = 100))]
    #[serde(default)]
    pub billable_target: Option<f64>,
    /// First working day.
    #[serde(default)]
    pub start: Option<NaiveDate>,
    /// Last working day.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Days off, each span both ends included.
    #[serde(default)]
    pub time_off: Vec<DateSpan>,
    /// `false` for account executives, TAMs and others outside delivery: listed, but left out
    /// of utilization and the bench (default true).
    #[serde(default)]
    pub billable: Option<bool>,
}

impl Person {
    /// Hours per week.
    pub fn capacity(&self) -> f64 {
        self.capacity.unwrap_or(DEFAULT_CAPACITY)
    }
    /// A person with every default (someone named in a team or a time entry only).
    pub fn named(name: &str) -> Person {
        Person {
            name: name.to_string(),
            email: None,
            aliases: Vec::new(),
            role: None,
            region: None,
            capacity: None,
            billable_target: None,
            start: None,
            end: None,
            time_off: Vec::new(),
            billable: None,
        }
    }
}

/// Hours per week of a person without `capacity`.
pub const DEFAULT_CAPACITY: f64 = 40.0;

/// `{from, to}`, both ends included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateSpan {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// What a time entry was booked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Booked {
    /// A folio project: its index in [`TimeEntries::projects`].
    Project(u32),
    /// One of `internal_projects` (training, pre-sales): counts for its person only.
    Internal,
    /// One of `leave_projects`: reduces the person's available hours, counts nowhere else.
    Leave,
    /// A name that is none of these (warned about): counts for its person only.
    Unknown,
}

/// One time entry, resolved: who (an index in [`TimeEntries::people`], `None` for a name no
/// person has), what, when, how long.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeEntry {
    pub date: NaiveDate,
    pub person: Option<u32>,
    pub booked: Booked,
    pub hours: f64,
    pub billable: bool,
}

/// Every time entry of `time/**/*.csv` (duplicates across files counted once), sorted by date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimeEntries {
    /// The people entries name: `people.yaml`'s names (in its order), or without it every
    /// name found, sorted.
    pub people: Vec<String>,
    /// Project ids, sorted.
    pub projects: Vec<String>,
    pub entries: Vec<TimeEntry>,
    /// Per project (the order of `projects`), its hours per day, oldest first.
    pub by_project: Vec<Vec<ProjectDay>>,
}

/// A project's hours on one day, from its time entries.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectDay {
    pub date: NaiveDate,
    /// All hours booked to the project that day.
    pub hours: f64,
    /// The billable part of `hours`.
    pub billable_hours: f64,
}

impl TimeEntries {
    /// The time entries of `people` on `projects` (ids, sorted): `entries` sorted by date (the
    /// order of one day's entries kept), and each project's hours per day.
    pub fn new(people: Vec<String>, projects: Vec<String>, mut entries: Vec<TimeEntry>) -> Self {
        entries.sort_by_key(|e| e.date);
        let mut by_project: Vec<Vec<ProjectDay>> = vec![Vec::new(); projects.len()];
        for e in &entries {
            if let Booked::Project(i) = e.booked {
                let days = &mut by_project[i as usize];
                let b = if e.billable { e.hours } else { 0.0 };
                match days.last_mut() {
                    Some(d) if d.date == e.date => {
                        d.hours += e.hours;
                        d.billable_hours += b;
                    }
                    _ => days.push(ProjectDay {
                        date: e.date,
                        hours: e.hours,
                        billable_hours: b,
                    }),
                }
            }
        }
        TimeEntries {
            people,
            projects,
            entries,
            by_project,
        }
    }

    /// The days project `id` has entries on, oldest first (empty without entries).
    pub fn project_days(&self, id: &str) -> &[ProjectDay] {
        self.projects
            .binary_search_by(|p| p.as_str().cmp(id))
            .ok()
            .and_then(|i| self.by_project.get(i))
            .map_or(&[], |v| v.as_slice())
    }
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

/// The YAML front matter of `updates/<YYYY-MM-DD>.md` (see docs/content.md, updates).
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
    /// The PM's estimate of total billable hours (> 0); `time_and_materials` only.
    #[schemars(extend("exclusiveMinimum" = 0))]
    #[serde(default)]
    pub hours_at_completion: Option<f64>,
    /// Decisions or help the PM needs; the latest update's asks are the open asks.
    #[serde(default)]
    pub asks: Vec<Ask>,
}

/// A decision or help the PM needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    #[schemars(regex(pattern = r"\S"))]
    pub ask: String,
    /// From whom.
    #[serde(default)]
    pub of: Option<String>,
    /// Needed by.
    #[serde(default)]
    pub by: Option<NaiveDate>,
    /// True for an ask of the customer, which a customer report shows; default false (an ask
    /// of our own people, never shown to a customer).
    #[serde(default)]
    pub customer: Option<bool>,
    /// The id of the change request of this project the ask is about: the two are one decision.
    #[serde(default)]
    pub change: Option<String>,
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
    /// Whether a customer report shows the record (default: false).
    #[serde(default)]
    pub customer: Option<bool>,
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
    /// Whether a customer report shows the record (default: false).
    #[serde(default)]
    pub customer: Option<bool>,
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
    /// Whether a customer report shows the record (default: false).
    #[serde(default)]
    pub customer: Option<bool>,
    /// Who is involved (executive sponsor, sales, TAM, customer...).
    #[serde(default)]
    pub stakeholders: Option<Vec<Stakeholder>>,
    #[serde(default)]
    pub next_step: Option<String>,
    /// An open escalation whose next step is due before the as-of date is overdue.
    #[serde(default)]
    pub next_step_by: Option<NaiveDate>,
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
    /// Days the baseline end moves, from -36500 to 36500 (100 years either way).
    #[serde(default)]
    #[schemars(range(min = -36500, max = 36500))]
    pub schedule_delta_days: Option<i64>,
    /// Whether a customer report shows the record (default: false).
    #[serde(default)]
    pub customer: Option<bool>,
}

/// What every kind of record mention shares (risk, issue, escalation, change), so that the
/// loader's checks (`crate::load`) and the merge (`crate::metrics`) are written once. A new kind
/// is a mention struct, a list in [`UpdateFrontMatter`] and one implementation of this trait.
pub trait RecordMention: Sized {
    /// The kind's list in an update's front matter (`risks`).
    const LIST: &'static str;
    /// The kind's noun in messages (`risk`).
    const NOUN: &'static str;
    /// What a first mention must give, as the `record-incomplete` diagnostic says it.
    const FIRST_MENTION: &'static str;
    /// Whether a customer report shows a record none of whose mentions says.
    const CUSTOMER_DEFAULT: bool;
    /// This kind's mentions in one update.
    fn list(f: &UpdateFrontMatter) -> &[Self];
    fn id(&self) -> &str;
    fn title(&self) -> Option<&str>;
    fn customer(&self) -> Option<bool>;
    /// The fields a first mention must give, in the order of the docs, each with whether this
    /// mention gives it.
    fn required(&self) -> Vec<(&'static str, bool)>;
}

/// The accessors every mention struct has under the same field names.
macro_rules! mention_accessors {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        fn title(&self) -> Option<&str> {
            self.title.as_deref()
        }
        fn customer(&self) -> Option<bool> {
            self.customer
        }
    };
}

impl RecordMention for RiskMention {
    const LIST: &'static str = "risks";
    const NOUN: &'static str = "risk";
    const FIRST_MENTION: &'static str =
        "`title`, `probability` (1-5), `impact` (1-5) and `status` (open or closed)";
    const CUSTOMER_DEFAULT: bool = false;
    fn list(f: &UpdateFrontMatter) -> &[Self] {
        &f.risks
    }
    mention_accessors!();
    fn required(&self) -> Vec<(&'static str, bool)> {
        vec![
            ("title", self.title.is_some()),
            ("probability", self.probability.is_some()),
            ("impact", self.impact.is_some()),
            ("status", self.status.is_some()),
        ]
    }
}

impl RecordMention for IssueMention {
    const LIST: &'static str = "issues";
    const NOUN: &'static str = "issue";
    const FIRST_MENTION: &'static str =
        "`title`, `severity` (low, medium, high or critical) and `status` (open or closed)";
    const CUSTOMER_DEFAULT: bool = false;
    fn list(f: &UpdateFrontMatter) -> &[Self] {
        &f.issues
    }
    mention_accessors!();
    fn required(&self) -> Vec<(&'static str, bool)> {
        vec![
            ("title", self.title.is_some()),
            ("severity", self.severity.is_some()),
            ("status", self.status.is_some()),
        ]
    }
}

impl RecordMention for EscalationMention {
    const LIST: &'static str = "escalations";
    const NOUN: &'static str = "escalation";
    const FIRST_MENTION: &'static str =
        "`title`, `severity` (low, medium, high or critical) and `status` (open or resolved)";
    const CUSTOMER_DEFAULT: bool = false;
    fn list(f: &UpdateFrontMatter) -> &[Self] {
        &f.escalations
    }
    mention_accessors!();
    fn required(&self) -> Vec<(&'static str, bool)> {
        vec![
            ("title", self.title.is_some()),
            ("severity", self.severity.is_some()),
            ("status", self.status.is_some()),
        ]
    }
}

impl RecordMention for ChangeMention {
    const LIST: &'static str = "changes";
    const NOUN: &'static str = "change";
    const FIRST_MENTION: &'static str = "`title` and `status` (proposed, approved or rejected)";
    const CUSTOMER_DEFAULT: bool = false;
    fn list(f: &UpdateFrontMatter) -> &[Self] {
        &f.changes
    }
    mention_accessors!();
    fn required(&self) -> Vec<(&'static str, bool)> {
        vec![("title", self.title.is_some()), ("status", self.status.is_some())]
    }
}
