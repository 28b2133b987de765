//! The computed figures (see docs/metrics.md) in the shape of `portfolio.json` (see docs/exports.md), plus the extra
//! figures the site needs (history for the S-curve, change since last week, people, partners).
//!
//! `folio_core::metrics` fills a [`Report`]; charts, pages and exports only read it. Serializing a
//! `Report` with serde_json *is* `portfolio.json`: numbers unrounded, `None` → `null`, every
//! list sorted so the output is deterministic.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::vocabulary::Rag;
/// The vocabulary the report speaks in (record statuses, severities, engagement types), the
/// same enums the content is written in; views import them from here, not from the model.
pub use crate::vocabulary::{
    ChangeStatus, Engagement, OpenClosed, OpenResolved, RiskLevel, RiskLevels, Severity, Stakeholder,
};

/// Health as shown on the site: a declared or computed RAG, or `unknown` without an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Health {
    /// Declared green, or computed with no health rule holding.
    Green,
    /// Declared amber, or computed with an amber rule holding and no red one.
    Amber,
    /// Declared red, or computed with a red rule holding.
    Red,
    /// No update on or before the as-of date, so no status to judge.
    Unknown,
}

impl Health {
    /// Every health, green to unknown (the order the health counts are listed in).
    pub const ALL: [Health; 4] = [Health::Green, Health::Amber, Health::Red, Health::Unknown];

    /// Worst first: red 0, amber 1, unknown 2, green 3.
    pub fn rank(self) -> u8 {
        match self {
            Health::Red => 0,
            Health::Amber => 1,
            Health::Unknown => 2,
            Health::Green => 3,
        }
    }

    /// The lowercase name, as serialized: `green`, `amber`, `red` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Green => "green",
            Health::Amber => "amber",
            Health::Red => "red",
            Health::Unknown => "unknown",
        }
    }
}

impl From<Rag> for Health {
    fn from(r: Rag) -> Self {
        match r {
            Rag::Green => Health::Green,
            Rag::Amber => Health::Amber,
            Rag::Red => Health::Red,
        }
    }
}

/// `portfolio.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always 1.
    pub schema_version: u32,
    /// The date everything is computed as of (A): updates dated after it are ignored.
    pub as_of: NaiveDate,
    /// The currency every amount is in (`currency` of `portfolio.yaml`, e.g. `USD`).
    pub currency: String,
    /// Fiscal context of the as-of date (extra).
    pub fiscal: FiscalContext,
    /// The roll-up of every project.
    pub portfolio: Rollup,
    /// Sorted by id.
    pub programs: Vec<ProgramReport>,
    /// Regions (declared in `portfolio.yaml`, else the `region`s projects name), sorted by id.
    pub regions: Vec<RegionReport>,
    /// One account per customer name of the projects and the pipeline, sorted by id (slug).
    pub accounts: Vec<AccountReport>,
    /// The sales pipeline (docs/metrics.md, pipeline and coverage).
    pub pipeline: PipelineReport,
    /// Sorted by id.
    pub projects: Vec<ProjectReport>,
    /// Sorted by name (docs/metrics.md, people).
    pub people: Vec<PersonAllocation>,
    /// Under target, over-allocated, the bench, per role (extra).
    pub staffing: Staffing,
    /// Sorted by name (extra; docs/metrics.md, roll-ups).
    pub partners: Vec<PartnerRollup>,
    /// The projects that need an executive's attention, most money at stake first (extra;
    /// `metrics::attention`).
    pub attention: Vec<Attention>,
    /// The last 13 week ends, oldest first (site only: not part of `portfolio.json`).
    #[serde(skip)]
    pub trend: Vec<TrendPoint>,
    /// What the pages show of `portfolio.yaml` (site only: not part of `portfolio.json`).
    #[serde(skip)]
    pub site: SiteInfo,
}

/// The settings of `portfolio.yaml` that pages and exports show, carried in the report so that
/// no view reads the content model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SiteInfo {
    /// `title`.
    pub title: String,
    /// `organization`.
    pub organization: Option<String>,
    /// `risk_levels`: the scale risk scores are banded on.
    pub risk_levels: RiskLevels,
}

/// One status update as the project page and the feed show it (site only).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateNarrative {
    /// The update's date.
    pub date: NaiveDate,
    /// Who wrote it: its `author`, else the project manager.
    pub author: String,
    /// The status the update declares.
    pub declared: DeclaredStatusReport,
    /// The update's percent complete, 0-100.
    pub percent_complete: f64,
    /// The Markdown narrative as written (unsanitized: every reader renders it through
    /// `render::markdown`, whose one policy sanitizes it).
    pub markdown: String,
}

/// A member of a project's team as listed in its `project.yaml` (site only).
#[derive(Debug, Clone, PartialEq)]
pub struct TeamLine {
    /// As written in the team list.
    pub name: String,
    /// The member's role on the project.
    pub role: String,
    /// Percent of a full week, 0-100.
    pub allocation: f64,
}

/// A partner of a project as listed in its `project.yaml` (site only).
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerLine {
    /// As written in the partner list.
    pub name: String,
    /// What the partner does on the project.
    pub role: String,
    /// The partner's budget on the project, in the portfolio currency; null when not given.
    pub budget: Option<f64>,
}

/// What the project page shows besides the figures: the listed team and partners, the
/// description and every update's narrative (site only: not part of `portfolio.json`). Shared
/// (`Arc`) so that copying a report, which the week change and `folio serve` do, stays cheap.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectText {
    /// `description` of `project.yaml` (Markdown).
    pub description: Option<String>,
    /// The team as listed, in file order.
    pub team: Vec<TeamLine>,
    /// The partners as listed, in file order.
    pub partners: Vec<PartnerLine>,
    /// The updates dated on or before the as-of date, oldest first.
    pub updates: Vec<UpdateNarrative>,
}

/// The portfolio at one week end: the current quarter's figures and computed health counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The week end this point is computed as of.
    pub date: NaiveDate,
    /// The current quarter's revenue target; null without one.
    pub target: Option<f64>,
    /// Revenue recognized in the current quarter up to `date`.
    pub actual: f64,
    /// Revenue forecast for the rest of the current quarter as of `date`.
    pub forecast: f64,
    /// (actual + forecast) / target; null without a (non-zero) target.
    pub projected_attainment: Option<f64>,
    /// Projects computed red at `date`.
    pub red: usize,
    /// Projects computed amber at `date`.
    pub amber: usize,
    /// Projects computed green at `date`.
    pub green: usize,
    /// Projects without an update on or before `date` (computed unknown).
    pub unknown: usize,
}

/// The fiscal year and quarter the as-of date falls in, with their totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FiscalContext {
    /// The month (1-12) the fiscal year starts in.
    pub fiscal_year_start_month: u32,
    /// e.g. `FY27`.
    pub fiscal_year: String,
    /// e.g. `FY27-Q1`.
    pub quarter: String,
    /// Sum over the fiscal year's four quarters of the portfolio.
    pub year_target: Option<f64>,
    /// Σ revenue recognized in the fiscal year's quarters so far.
    pub year_actual: f64,
    /// Σ forecast of the fiscal year's quarters.
    pub year_forecast: f64,
    /// year_actual / year_target; null without a (non-zero) target.
    pub year_attainment: Option<f64>,
    /// (year_actual + year_forecast) / year_target; null without a (non-zero) target.
    pub year_projected_attainment: Option<f64>,
}

/// Counts of projects per health colour; every colour is present (zero when none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HealthCounts {
    /// Projects per declared health (the latest update's overall status; unknown without one).
    pub declared: BTreeMap<Health, usize>,
    /// Projects per computed health.
    pub computed: BTreeMap<Health, usize>,
    /// Projects flagged watermelon (extra).
    pub watermelons: usize,
    /// Stale projects (extra).
    pub stale: usize,
}

/// Roll-up of a set of projects (see docs/metrics.md, roll-ups): the portfolio or one program.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollup {
    /// Projects per declared and computed health.
    pub health: HealthCounts,
    /// Σ budget at completion (the current baseline) of every project, in the portfolio currency.
    pub bac: f64,
    /// Σ actual cost of the projects with an update.
    pub ac: f64,
    /// Σ earned value of the projects with an update.
    pub ev: f64,
    /// Σ planned value of the projects with an update.
    pub pv: f64,
    /// Σev / Σac, null when Σac = 0.
    pub cpi: Option<f64>,
    /// Σev / Σpv, null when Σpv = 0.
    pub spi: Option<f64>,
    /// The CPI against the CPI thresholds: red, amber, green, or unknown when there is no CPI
    /// (extra; computed by `metrics::health::rating`).
    pub cpi_rating: Health,
    /// The SPI against the SPI thresholds, as `cpi_rating` (extra).
    pub spi_rating: Health,
    /// Σ current value (contract value + approved value changes) of every project.
    pub current_value: f64,
    /// Σ revenue recognized to date by the projects.
    pub recognized_revenue: f64,
    /// Chronological; every quarter that has a target, booked revenue or forecast.
    pub quarters: Vec<QuarterFigures>,
    /// Number of projects rolled up (extra).
    pub project_count: usize,
    /// Σ remaining revenue of the projects: booked work still to recognize.
    pub backlog: f64,
    /// Σ EAC over the projects (a project without an update counts its BAC): what the work is
    /// now expected to cost, against `bac` (extra).
    pub eac: f64,
    /// Σ bac − Σ eac: negative when the projects are expected to overrun their budgets (extra).
    pub vac: f64,
    /// (Σ eac − Σ bac) / Σ bac: the expected overrun as a share of the budget (negative: under
    /// budget); null when Σ bac = 0 (extra).
    pub eac_overrun: Option<f64>,
    /// What happened in (as_of − 7, as_of] in these projects, by project, then kind order.
    pub week_events: Vec<WeekEvent>,
    /// The routine kinds among `week_events` (those that change no judgement, see
    /// [`WeekEventKind::is_routine`]), folded into one line per kind, in kind order (extra).
    pub routine_events: Vec<FoldedEvents>,
    /// The decisions asked in these projects, oldest deadline first (extra;
    /// `metrics::decisions`).
    pub decisions: Vec<DecisionRef>,
    /// Utilization of the people (the portfolio's, or the region's by the person's `region`);
    /// absent for programs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utilization: Option<PersonUtilization>,
    /// Ids of the projects that need a quarter-end update, by name (extra; see
    /// `ProjectReport::needs_quarter_end_update`).
    pub quarter_end_updates: Vec<String>,
}

/// The week's events of one routine kind, folded: how many, in how many projects, and the
/// amount they add up to (recognized revenue; null for the other kinds).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoldedEvents {
    /// The routine kind folded.
    pub kind: WeekEventKind,
    /// How many events of the kind.
    pub events: usize,
    /// In how many projects.
    pub projects: usize,
    /// Σ of the events' amounts: recognized revenue for `revenue_recognized`; null for the other
    /// kinds.
    pub amount: Option<f64>,
}

/// Who a decision waits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaitsOn {
    /// Our own people: leadership, sales, delivery (an ask not marked `customer`).
    Us,
    /// The customer: an ask marked `customer: true`, or a proposed change request no ask is
    /// about (a change to the contract is the customer's to sign).
    Customer,
}

/// One decision an executive is asked for: an open ask (with the proposed change request it
/// is about, if any), or a proposed change request no ask is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionRef {
    /// Project id.
    pub project: String,
    /// The ask's position in the project's `asks`; null for a change request on its own.
    pub ask: Option<usize>,
    /// The proposed change request (id).
    pub change: Option<String>,
    /// Asked of us or waiting on the customer.
    pub waits_on: WaitsOn,
    /// Who asks: the author of the update that asks (a change request on its own: the author of
    /// the latest update).
    pub asked_by: Option<String>,
    /// Of whom (the ask's `of`); null when the ask does not say.
    pub of: Option<String>,
    /// Needed by.
    pub by: Option<NaiveDate>,
    /// `by` is before the as-of date.
    pub overdue: bool,
}

/// One thing that happened in the week before the as-of date. `portfolio.json` carries it as
/// `{project, kind, id, text, from, to}`, `text` worded by [`crate::wording::event`].
#[derive(Debug, Clone, PartialEq)]
pub struct WeekEvent {
    /// Project id.
    pub project: String,
    /// The project's name, which the exported text begins with.
    pub project_name: String,
    /// What happened.
    pub kind: WeekEventKind,
    /// The record's or milestone's id; null where it does not apply.
    pub id: Option<String>,
    /// The record's title or the milestone's name, for the kinds about one.
    pub subject: Option<String>,
    /// Days without an update, for [`WeekEventKind::BecameStale`].
    pub days: Option<i64>,
    /// The value before, where the kind has one (a health, a date or an amount); null otherwise.
    pub from: Option<EventValue>,
    /// The value after, where the kind has one; null otherwise.
    pub to: Option<EventValue>,
}

/// The kinds of week events, in the order they are listed within a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WeekEventKind {
    /// The project's first update on or before the as-of date: `to` is the computed health it
    /// brought.
    FirstUpdate,
    /// The declared health changed: `from` → `to`.
    DeclaredHealth,
    /// The computed health changed: `from` → `to`.
    ComputedHealth,
    /// The project became stale (`days` without an update).
    BecameStale,
    /// An escalation was opened (a new one, or one reopened).
    EscalationOpened,
    /// An escalation was resolved.
    EscalationResolved,
    /// A risk was opened (a new one, or one reopened): `to` is its score.
    RiskOpened,
    /// A risk's score changed: `from` → `to`.
    RiskRescored,
    /// A risk was closed.
    RiskClosed,
    /// An issue was opened (or reopened).
    IssueOpened,
    /// An issue was closed.
    IssueClosed,
    /// A change request was proposed.
    ChangeProposed,
    /// A change request was approved.
    ChangeApproved,
    /// A change request was rejected.
    ChangeRejected,
    /// A milestone was done: `to` is its done date.
    MilestoneDone,
    /// An open milestone's forecast moved: `from` → `to`.
    MilestoneMoved,
    /// The EAC moved by at least `thresholds.eac_change_percent` % of the BAC: `from` → `to`.
    EacChanged,
    /// The date the project is expected to end moved: `from` → `to`.
    ForecastEndMoved,
    /// Revenue was recognized in the week: `to` is the amount.
    RevenueRecognized,
}

impl WeekEventKind {
    /// Routine events change no judgement (an issue opened or closed, a risk closed, the
    /// expected end moving, revenue booked): pages fold them into one line per kind. The
    /// others — health, staleness, escalations, risks opened or rescored, change requests,
    /// milestones done or moved, a material EAC change, a first update and the health it
    /// brought — lead.
    pub fn is_routine(self) -> bool {
        matches!(
            self,
            WeekEventKind::RiskClosed
                | WeekEventKind::IssueOpened
                | WeekEventKind::IssueClosed
                | WeekEventKind::ForecastEndMoved
                | WeekEventKind::RevenueRecognized
        )
    }
}

/// The `from` or `to` of a week event: a health, a date or a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EventValue {
    /// A health word (`green`, `amber`, `red`, `unknown`).
    Health(Health),
    /// A date.
    Date(NaiveDate),
    /// A number: a risk score or an amount in the portfolio currency.
    Number(f64),
}

/// A region's roll-up (projects by `region`), its quarters against its own targets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionReport {
    /// The region's id (`regions` of `portfolio.yaml`, else the `region` projects name).
    pub id: String,
    /// The declared name, else the id.
    pub name: String,
    /// The region's lead, as declared; null when none is.
    pub lead: Option<String>,
    /// Ids of the region's projects, sorted.
    pub project_ids: Vec<String>,
    /// Ids of the accounts with a project or an opportunity in the region, sorted.
    pub account_ids: Vec<String>,
    /// The region's figures, flattened into its object.
    #[serde(flatten)]
    pub rollup: Rollup,
}

/// Revenue of one fiscal quarter (see docs/metrics.md, revenue).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterFigures {
    /// `FY27-Q3`.
    pub label: String,
    /// First and last day of the quarter (extra).
    pub start: NaiveDate,
    /// Last day of the quarter (extra).
    pub end: NaiveDate,
    /// From `revenue_targets`; null when none is set (always null for programs).
    pub target: Option<f64>,
    /// Revenue recognized in the quarter (through the as-of date).
    pub actual: f64,
    /// Revenue forecast for the rest of the quarter (after the as-of date).
    pub forecast: f64,
    /// actual / target; null without a (non-zero) target.
    pub attainment: Option<f64>,
    /// (actual + forecast) / target; null without a (non-zero) target.
    pub projected_attainment: Option<f64>,
    /// The part of `forecast` from projects computed red or stale.
    pub forecast_at_risk: f64,
    /// max(0, target − actual − forecast); null without a target.
    pub gap: Option<f64>,
    /// Committed, best case, pipeline and upside, their attainments and the verdict.
    #[serde(flatten)]
    pub categories: ForecastCategories,
    /// The same figures as of A − 7 (the dated data up to then, today's targets); null for a
    /// project's own quarters.
    pub last_week: Option<Box<LastWeek>>,
}

/// A quarter's figures as of A − 7: from the updates dated up to then, with today's settings
/// and targets (see docs/metrics.md, forecast categories).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastWeek {
    /// Revenue recognized in the quarter as of A − 7.
    pub actual: f64,
    /// Revenue forecast for the rest of the quarter as of A − 7.
    pub forecast: f64,
    /// The part of `forecast` from projects computed red or stale as of A − 7.
    pub forecast_at_risk: f64,
    /// (actual + forecast) / target; null without a (non-zero) target.
    pub projected_attainment: Option<f64>,
    /// Committed, best case, pipeline and upside as of A − 7.
    #[serde(flatten)]
    pub categories: ForecastCategories,
}

/// A quarter's forecast categories (see docs/metrics.md, forecast categories): what the quarter
/// lands at if only healthy projects deliver (`committed`), if the at-risk forecast lands too
/// (`best_case`), and with the weighted sales pipeline on top (`upside`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastCategories {
    /// actual + forecast − forecast_at_risk.
    pub committed: f64,
    /// actual + forecast.
    pub best_case: f64,
    /// The weighted sales pipeline falling in the quarter (0 until folio reads a pipeline).
    pub pipeline: f64,
    /// best_case + pipeline.
    pub upside: f64,
    /// committed / target; null without a (non-zero) target.
    pub committed_attainment: Option<f64>,
    /// best_case / target; null without a (non-zero) target.
    pub best_case_attainment: Option<f64>,
    /// upside / target; null without a (non-zero) target.
    pub upside_attainment: Option<f64>,
    /// From the committed figure; null without a target.
    pub verdict: Option<Verdict>,
    /// For a quarter after the current one with a target: the open pipeline's unweighted
    /// amount in the quarter over what booked work leaves to find (`target − best_case`); null
    /// elsewhere, and when booked work covers the target.
    pub coverage: Option<f64>,
}

/// How a quarter stands against its target, judged on the committed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// committed ≥ target.
    OnTrack,
    /// best_case ≥ target > committed: the target needs the at-risk forecast.
    AtRisk,
    /// best_case < target.
    Short,
}

/// A program's roll-up: its projects' figures (see docs/metrics.md, roll-ups).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramReport {
    /// The program's id (its file name under `programs/`, without `.yaml`).
    pub id: String,
    /// The program's name, as declared.
    pub name: String,
    /// The program's sponsor, as declared; null when none is.
    pub sponsor: Option<String>,
    /// Ids of the program's projects, sorted.
    pub project_ids: Vec<String>,
    /// `description` of the program file (Markdown; site only).
    #[serde(skip)]
    pub description: Option<String>,
    /// The program's figures, flattened into its object.
    #[serde(flatten)]
    pub rollup: Rollup,
}

/// A project's declared and computed health (docs/metrics.md, health).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectHealth {
    /// The latest update's overall status; unknown without an update.
    pub declared: Health,
    /// From the numbers by the health rules; unknown without an update.
    pub computed: Health,
    /// Declared green and computed red.
    pub watermelon: bool,
    /// Every rule that holds, red first (empty when green or unknown).
    pub reasons: Vec<Reason>,
}

/// One reason for a project's computed health: its level and the rule that holds, with the
/// figures it holds for. `portfolio.json` carries it as `{level, rule, text}`, `text` worded by
/// [`crate::wording::reason`].
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// `red` or `amber`.
    pub level: Health,
    /// The rule that holds, with its figures.
    pub why: Why,
}

/// A project that needs attention, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attention {
    /// Project id.
    pub project: String,
    /// What to say about it, the most serious first.
    pub reasons: Vec<Concern>,
}

/// One thing said about a project in the attention list or why its forecast is at risk.
/// `portfolio.json` carries it as `{kind, text}`, `text` worded by [`crate::wording::concern`].
#[derive(Debug, Clone, PartialEq)]
pub enum Concern {
    /// A computed-health reason.
    Health(Reason),
    /// Declared green, computed red.
    Watermelon,
    /// Stale, and staleness is not a health reason of the project; `days` is null without
    /// any update.
    Stale {
        /// Days since the latest update; null without any update.
        days: Option<i64>,
    },
    /// At risk for no other reason than being computed red.
    ComputedRed,
    /// A late milestone whose slip is not a health reason.
    LateMilestone {
        /// The milestone's name.
        milestone: String,
        /// Its baseline due date.
        due: NaiveDate,
    },
}

impl Concern {
    /// `health`, `watermelon`, `stale`, `computed_red` or `late_milestone`.
    pub fn kind(&self) -> &'static str {
        match self {
            Concern::Health(_) => "health",
            Concern::Watermelon => "watermelon",
            Concern::Stale { .. } => "stale",
            Concern::ComputedRed => "computed_red",
            Concern::LateMilestone { .. } => "late_milestone",
        }
    }
}

/// The rule a [`Reason`] comes from, with its figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The CPI is below `threshold` (the red or the amber limit, by the reason's level).
    Cpi {
        /// The project's CPI.
        value: f64,
        /// The limit it is below (`cpi_red` or `cpi_amber`).
        threshold: f64,
    },
    /// The SPI is below `threshold`.
    Spi {
        /// The project's SPI.
        value: f64,
        /// The limit it is below (`spi_red` or `spi_amber`).
        threshold: f64,
    },
    /// An open milestone slipped `days`, more than `limit`.
    Slip {
        /// The milestone's name.
        milestone: String,
        /// Its slip in days.
        days: i64,
        /// The slip limit passed (`slip_red_days` or `slip_amber_days`), in days.
        limit: i64,
    },
    /// An open escalation of this severity (critical or high).
    Escalation {
        /// Critical (red) or high (amber).
        severity: Severity,
        /// The escalation's title.
        title: String,
    },
    /// No update for `days`; `limit` is the red limit when it is passed (amber: stale only).
    Stale {
        /// Days since the latest update.
        days: i64,
        /// `stale_red_days` when passed (red); null when only stale (amber).
        limit: Option<i64>,
    },
    /// A time-and-materials cap used up before completion, with the projected unbillable
    /// amount at completion when there is one.
    Cap {
        /// The percent complete (below 100) at which the cap is used up.
        percent_complete: f64,
        /// The projected unbillable amount at completion, in the portfolio currency; null when
        /// it cannot be projected.
        unbillable: Option<f64>,
    },
    /// Projected hours exceed the time-and-materials cap by this amount.
    Unbillable {
        /// The projected unbillable amount at completion, in the portfolio currency.
        amount: f64,
    },
}

impl Reason {
    /// The rule this reason comes from.
    pub fn rule(&self) -> Rule {
        match self.why {
            Why::Cpi { .. } => Rule::Cpi,
            Why::Spi { .. } => Rule::Spi,
            Why::Slip { .. } => Rule::Slip,
            Why::Escalation { .. } => Rule::Escalation,
            Why::Stale { .. } => Rule::Stale,
            Why::Cap { .. } => Rule::Cap,
            Why::Unbillable { .. } => Rule::Unbillable,
        }
    }
}

/// The health rule a [`Reason`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The CPI below the amber or red limit.
    Cpi,
    /// The SPI below the amber or red limit.
    Spi,
    /// An open milestone slipped more than the limit.
    Slip,
    /// An open critical or high escalation.
    Escalation,
    /// No update for longer than the stale (amber) or red limit.
    Stale,
    /// A time-and-materials cap used up before completion.
    Cap,
    /// Projected hours beyond the time-and-materials cap.
    Unbillable,
}

/// Time-and-materials figures of a project (docs/metrics.md, revenue).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct TmFigures {
    /// `hours_at_completion`, else hours × 100 / percent complete; null when neither.
    pub projected_hours: Option<f64>,
    /// projected_hours × rate.
    pub billable_at_completion: Option<f64>,
    /// hours × rate / current_value; null when current_value = 0 or without hours.
    pub cap_used: Option<f64>,
    /// max(0, billable_at_completion − current_value).
    pub unbillable_at_completion: Option<f64>,
}

/// Earned value figures at the latest update (see docs/metrics.md, earned value); all null without an update.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evm {
    /// Budget at completion: budget + approved budget changes, as of the update.
    pub bac: Option<f64>,
    /// Planned value: bac × planned percent / 100.
    pub pv: Option<f64>,
    /// Earned value: bac × percent complete / 100.
    pub ev: Option<f64>,
    /// Actual cost, as the update reports it.
    pub ac: Option<f64>,
    /// Cost variance: ev − ac (negative: over cost).
    pub cv: Option<f64>,
    /// Schedule variance: ev − pv (negative: behind plan).
    pub sv: Option<f64>,
    /// Cost performance index: ev / ac; null when ac = 0.
    pub cpi: Option<f64>,
    /// Schedule performance index: ev / pv; null when pv = 0.
    pub spi: Option<f64>,
    /// Estimate at completion: the update's `estimate_at_completion`, else bac / cpi, else bac.
    pub eac: Option<f64>,
    /// Estimate to complete: eac − ac.
    pub etc: Option<f64>,
    /// Variance at completion: bac − eac (negative: expected overrun).
    pub vac: Option<f64>,
    /// To-complete performance index: (bac − ev) / (bac − ac); null when bac = ac.
    pub tcpi: Option<f64>,
    /// Planned percent used for PV (extra).
    pub planned_percent: Option<f64>,
    /// The latest update's date, which the figures describe.
    pub status_date: Option<NaiveDate>,
}

/// One project's figures and judgements (docs/metrics.md), as of the as-of date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectReport {
    /// The project's id (its folder name under `projects/`).
    pub id: String,
    /// The project's name.
    pub name: String,
    /// The customer's name, as written (the account is its slug).
    pub customer: String,
    /// The id of the program the project names; null when none.
    pub program: Option<String>,
    /// The region the project names; null when none.
    pub region: Option<String>,
    /// The project manager.
    pub manager: String,
    /// The project's sponsor; null when none is named.
    pub sponsor: Option<String>,
    /// The customer's account executive (the sales owner), as `project.yaml` names them.
    pub account_executive: Option<String>,
    /// The customer's technical account manager, as `project.yaml` names them.
    pub tam: Option<String>,
    /// Fixed price or time and materials.
    pub engagement: Engagement,
    /// The project's tags, as written.
    pub tags: Vec<String>,
    /// Baseline start.
    pub start: NaiveDate,
    /// Baseline end.
    pub end: NaiveDate,
    /// `end` + approved schedule deltas.
    pub current_end: NaiveDate,
    /// Latest update's `forecast_end`, if any.
    pub forecast_end: Option<NaiveDate>,
    /// The latest update's date (on or before the as-of date); null without one.
    pub latest_update: Option<NaiveDate>,
    /// as_of − latest_update, in days; null without an update.
    pub days_since_update: Option<i64>,
    /// days_since_update is over `stale_after_days`; false without any update.
    pub stale: bool,
    /// Declared and computed health, and why.
    pub health: ProjectHealth,
    /// Latest update's declared status (null without an update).
    pub declared_status: Option<DeclaredStatusReport>,
    /// The latest update's percent complete, 0-100; null without an update.
    pub percent_complete: Option<f64>,
    /// Planned percent complete at the as-of date from the baseline plan.
    pub planned_percent_today: f64,
    /// The contract value as sold, in the portfolio currency.
    pub contract_value: f64,
    /// contract_value + approved value changes.
    pub current_value: f64,
    /// Baseline budget before change requests.
    pub budget: f64,
    /// Bill rate per hour (time and materials); null when not given.
    pub rate: Option<f64>,
    /// Cumulative billable hours at the latest update's date (from time entries from
    /// `time_from` on, for time and materials).
    pub hours: Option<f64>,
    /// Hours from time entries (from `time_from` on, for time and materials); null without.
    pub time: Option<TimeFigures>,
    /// The last 13 weeks' hours from the entries beside the PM's figure (site only; empty
    /// without entries).
    #[serde(skip)]
    pub hours_by_week: Vec<WeekHours>,
    /// 0 without an update.
    pub recognized_revenue: f64,
    /// (recognized − ac) / recognized; null when recognized = 0 (always without an update).
    pub margin: Option<f64>,
    /// `(contract_value − budget) / contract_value`: the margin the project was sold at (null
    /// when the contract value is 0).
    pub margin_at_sale: Option<f64>,
    /// `(revenue at completion − eac) / revenue at completion`: the margin now expected (null
    /// without an update, or when revenue at completion is 0 or unknown).
    pub margin_at_completion: Option<f64>,
    /// Revenue still to recognize (never below 0; 0 once 100% complete).
    pub remaining_revenue: f64,
    /// In the last 14 days of the current quarter, with remaining revenue and no update dated
    /// in the quarter's last 7 days: what it earns in the quarter can only be booked there by
    /// an update dated in it (see docs/metrics.md, quarter-end update).
    pub needs_quarter_end_update: bool,
    /// Set when the project is stale: its declared status, milestone forecasts and narrative
    /// are as reported on this date, not this week's.
    pub as_reported: Option<AsReported>,
    /// Null for fixed price.
    pub tm: Option<TmFigures>,
    /// True when the project is computed red or stale: its forecast is at risk.
    pub forecast_at_risk: bool,
    /// Why the forecast is at risk (extra; empty when it is not; `metrics::attention`).
    pub at_risk_reasons: Vec<Concern>,
    /// The latest update's asks: the open asks, in the PM's order.
    pub asks: Vec<AskReport>,
    /// Who wrote the latest update (its `author`, else the manager; site only).
    #[serde(skip)]
    pub latest_author: Option<String>,
    /// The customer part of the latest update's narrative: all a customer reads of it (site
    /// only: not part of `portfolio.json`).
    #[serde(skip)]
    pub customer_part: Option<CustomerPart>,
    /// Earned value at the latest update.
    pub evm: Evm,
    /// Sorted by id.
    pub milestones: Vec<MilestoneStatus>,
    /// Sorted by id.
    pub risks: Vec<RiskRecord>,
    /// Issues, sorted by id.
    pub issues: Vec<IssueRecord>,
    /// Escalations, sorted by id.
    pub escalations: Vec<EscalationRecord>,
    /// Change requests, sorted by id.
    pub changes: Vec<ChangeRecord>,
    /// Revenue booked per quarter by this project (chronological).
    pub revenue_by_quarter: Vec<QuarterFigures>,
    /// One point per update ≤ as-of, oldest first (S-curve).
    pub history: Vec<HistoryPoint>,
    /// What changed in (as_of − 7, as_of].
    pub week_change: WeekChange,
    /// Number of updates ≤ as-of.
    pub update_count: usize,
    /// Team, partners, description and narratives (site only).
    #[serde(skip)]
    pub text: std::sync::Arc<ProjectText>,
}

/// When a stale project's figures were reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsReported {
    /// The latest update's date.
    pub date: NaiveDate,
    /// as_of − date.
    pub days_ago: i64,
}

/// An open ask of the latest update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskReport {
    /// What is asked, as written.
    pub ask: String,
    /// Of whom.
    pub of: Option<String>,
    /// Needed by; null when the ask does not say.
    pub by: Option<NaiveDate>,
    /// `by` is before the as-of date (extra).
    pub overdue: bool,
    /// Whether a customer report shows it (an ask of the customer; default false).
    pub customer: bool,
    /// The change request (id) the ask is about.
    pub change: Option<String>,
    /// Who asks: the update's author.
    pub author: String,
}

/// The customer part of a narrative (see `folio_core::metrics::customer`).
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerPart {
    /// The update file (relative to the content folder).
    pub path: std::path::PathBuf,
    /// The line of the file where the narrative starts (1-based).
    pub body_line: usize,
    /// One piece per customer heading with text under it, each with the 0-based line of the
    /// narrative it starts on.
    pub pieces: Vec<(usize, String)>,
}

impl CustomerPart {
    /// The pieces' Markdown, one after the other.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for (_, md) in &self.pieces {
            if !out.is_empty() {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            out.push_str(md);
        }
        out
    }
}

/// The status an update declares (docs/content.md, updates).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeclaredStatusReport {
    /// The date of the update that declared it.
    pub reported_on: NaiveDate,
    /// The overall status.
    pub overall: Health,
    /// The schedule dimension; null when not declared.
    pub schedule: Option<Health>,
    /// The budget dimension; null when not declared.
    pub budget: Option<Health>,
    /// The scope dimension; null when not declared.
    pub scope: Option<Health>,
}

/// A baseline milestone as of the as-of date (docs/metrics.md, milestones).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneStatus {
    /// The milestone's id.
    pub id: String,
    /// The milestone's name.
    pub name: String,
    /// Baseline due date.
    pub due: NaiveDate,
    /// The latest forecast an update gave on or before the as-of date; else `due`.
    pub forecast: NaiveDate,
    /// The date an update marked it done; null while open.
    pub done: Option<NaiveDate>,
    /// done − due when done, else max(forecast, as_of) − due; negative when early.
    pub slip_days: i64,
    /// Not done and `due` is before the as-of date.
    pub late: bool,
    /// Not done and as_of ≤ forecast ≤ as_of + 30 (extra).
    pub upcoming: bool,
    /// The milestone's `weight` as written; null when not given.
    pub weight: Option<f64>,
    /// The date of the update that gave `forecast`; null when no update gave one (the forecast
    /// is the baseline `due`).
    pub reported_on: Option<NaiveDate>,
    /// Not done in a stale project: the forecast is shown as reported on `reported_on` (or the
    /// project's latest update), not as this week's.
    pub as_reported: bool,
}

/// A risk as merged from its mentions up to the as-of date (docs/metrics.md, records).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskRecord {
    /// The risk's id.
    pub id: String,
    /// The risk's title.
    pub title: String,
    /// Probability, 1-5.
    pub probability: u8,
    /// Impact, 1-5.
    pub impact: u8,
    /// probability × impact.
    pub score: u8,
    /// From `risk_levels`.
    pub level: RiskLevel,
    /// Who owns the risk; null when not named.
    pub owner: Option<String>,
    /// The mitigation, as written; null when none.
    pub mitigation: Option<String>,
    /// Open or closed.
    pub status: OpenClosed,
    /// Date of the first mention.
    pub opened: NaiveDate,
    /// Date of the latest mention.
    pub updated: NaiveDate,
    /// Whether a customer report shows the record.
    pub customer: bool,
}

/// An issue as merged from its mentions up to the as-of date (docs/metrics.md, records).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueRecord {
    /// The issue's id.
    pub id: String,
    /// The issue's title.
    pub title: String,
    /// How severe: low, medium, high or critical.
    pub severity: Severity,
    /// Who owns the issue; null when not named.
    pub owner: Option<String>,
    /// Open or closed.
    pub status: OpenClosed,
    /// Date of the first mention.
    pub opened: NaiveDate,
    /// Date of the latest mention.
    pub updated: NaiveDate,
    /// Whether a customer report shows the record.
    pub customer: bool,
}

/// An escalation as merged from its mentions up to the as-of date (docs/metrics.md, records).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EscalationRecord {
    /// The escalation's id.
    pub id: String,
    /// The escalation's title.
    pub title: String,
    /// How severe: an open critical escalation makes the project red, an open high one amber.
    pub severity: Severity,
    /// `raised` if given, else the first mention's date.
    pub raised: NaiveDate,
    /// Who owns the escalation; null when not named.
    pub owner: Option<String>,
    /// Open or resolved.
    pub status: OpenResolved,
    /// Date of the first mention.
    pub opened: NaiveDate,
    /// Date of the latest mention.
    pub updated: NaiveDate,
    /// as_of − raised, for open escalations; null when resolved.
    pub age_days: Option<i64>,
    /// Whether a customer report shows the record.
    pub customer: bool,
    /// Who is involved, as written.
    pub stakeholders: Vec<Stakeholder>,
    /// The next step, as written; null when none.
    pub next_step: Option<String>,
    /// When the next step is due; null when not given.
    pub next_step_by: Option<NaiveDate>,
    /// Open with `next_step_by` before the as-of date.
    pub overdue: bool,
}

/// A change request as merged from its mentions up to the as-of date (docs/metrics.md, current
/// baseline).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRecord {
    /// The change request's id.
    pub id: String,
    /// The change request's title.
    pub title: String,
    /// Its latest status: only an approved change counts in the baseline.
    pub status: ChangeStatus,
    /// What it adds to the budget (bac), in the portfolio currency; null when not given.
    pub budget_delta: Option<f64>,
    /// What it adds to the contract value, in the portfolio currency; null when not given.
    pub value_delta: Option<f64>,
    /// What it adds to the end date, in days; null when not given.
    pub schedule_delta_days: Option<i64>,
    /// Date of the first mention.
    pub opened: NaiveDate,
    /// Date of the latest mention.
    pub updated: NaiveDate,
    /// Whether a customer report shows the record.
    pub customer: bool,
}

/// One update's figures, for charts and the history table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryPoint {
    /// The update's date.
    pub date: NaiveDate,
    /// The update's declared overall status.
    pub declared: Health,
    /// The update's percent complete, 0-100.
    pub percent_complete: f64,
    /// The planned percent at the update's date, 0-100.
    pub planned_percent: f64,
    /// Budget at completion, with the baseline as it stood at the update.
    pub bac: f64,
    /// Planned value at the update.
    pub pv: f64,
    /// Earned value at the update.
    pub ev: f64,
    /// Actual cost at the update.
    pub ac: f64,
    /// Estimate at completion at the update.
    pub eac: f64,
    /// ev / ac at the update; null when ac = 0.
    pub cpi: Option<f64>,
    /// ev / pv at the update; null when pv = 0.
    pub spi: Option<f64>,
    /// Cumulative recognized revenue at that update.
    pub recognized_revenue: f64,
}

/// What changed in (as_of − 7, as_of] (see docs/metrics.md, change since last week).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekChange {
    /// The declared overall status of the latest update on or before A; unknown without one.
    pub declared_now: Health,
    /// The declared overall status of the latest update on or before A − 7; unknown without one.
    pub declared_week_ago: Health,
    /// Ids of the risks opened in the window.
    pub risks_opened: Vec<String>,
    /// Ids of the risks closed in the window.
    pub risks_closed: Vec<String>,
    /// Ids of the escalations raised in the window.
    pub escalations_opened: Vec<String>,
    /// Ids of the escalations resolved in the window.
    pub escalations_closed: Vec<String>,
    /// Milestones not done whose forecast moved since A − 7.
    pub milestones_moved: Vec<MilestoneMove>,
}

impl WeekChange {
    /// True when nothing changed in the window.
    pub fn is_empty(&self) -> bool {
        self.declared_now == self.declared_week_ago
            && self.risks_opened.is_empty()
            && self.risks_closed.is_empty()
            && self.escalations_opened.is_empty()
            && self.escalations_closed.is_empty()
            && self.milestones_moved.is_empty()
    }
}

/// A milestone whose forecast moved in the week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MilestoneMove {
    /// The milestone's id.
    pub id: String,
    /// Its forecast as of A − 7.
    pub from: NaiveDate,
    /// Its forecast as of A.
    pub to: NaiveDate,
}

/// One person (see docs/metrics.md, people): allocation over projects active at the as-of
/// date, utilization against target, the next 12 weeks' allocation and the bench.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonAllocation {
    /// The person's name, as written.
    pub name: String,
    /// The person's role; null when not given.
    pub role: Option<String>,
    /// The person's region; null when not given.
    pub region: Option<String>,
    /// Hours per week.
    pub capacity: f64,
    /// Percent; the person's `billable_target`, else `utilization_target`.
    pub billable_target: f64,
    /// False for people outside delivery: listed, not measured.
    pub billable: bool,
    /// Null for a person who is not billable.
    pub utilization: Option<PersonUtilization>,
    /// Billable utilization over the last 13 weeks below `billable_target`.
    pub under_target: bool,
    /// The 12 weeks after the as-of date's week.
    pub allocation_by_week: Vec<WeekAllocation>,
    /// The first of the next 4 weeks with allocation below 50 % (a billable person only).
    pub bench_from: Option<NaiveDate>,
    /// Σ allocation in percent at the as-of date.
    pub allocation: f64,
    /// Σ allocation above 100 % at the as-of date.
    pub over_allocated: bool,
    /// Sorted by project id.
    pub assignments: Vec<Assignment>,
    /// Every project whose team names the person, sorted (site: the row links to them).
    pub projects: Vec<String>,
    /// The last 13 weeks, oldest first (site only: the utilization chart).
    #[serde(skip)]
    pub weeks: Vec<WeekUtilization>,
}

/// Utilization over the current quarter to date and the last 13 weeks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PersonUtilization {
    /// From the start of the current quarter to the as-of date.
    pub quarter_to_date: UtilizationFigures,
    /// The 13 weeks up to the as-of date.
    pub last_13_weeks: UtilizationFigures,
}

/// Hours against available hours over a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct UtilizationFigures {
    /// Every hour booked (leave excluded).
    pub hours: f64,
    /// The billable part of `hours`.
    pub billable_hours: f64,
    /// Working days' share of capacity, less leave.
    pub available: f64,
    /// hours / available; null when available = 0.
    pub utilization: Option<f64>,
    /// billable_hours / available; null when available = 0.
    pub billable_utilization: Option<f64>,
}

/// One week of a person's utilization (Monday's date).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekUtilization {
    /// The Monday of the week.
    pub week: NaiveDate,
    /// The week's hours and utilization.
    pub figures: UtilizationFigures,
}

/// A person's Σ allocation in one future week, and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekAllocation {
    /// The Monday.
    pub week: NaiveDate,
    /// Percent of capacity.
    pub allocation: f64,
    /// How booked the person is that week.
    pub level: AllocationLevel,
}

/// How booked a person is in a week: `bench` below 50 %, `partial` below 90 %, `full` up to
/// 100 %, `over` above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AllocationLevel {
    /// Below 50 %.
    Bench,
    /// 50 % to below 90 %.
    Partial,
    /// 90 % to 100 %.
    Full,
    /// Above 100 %.
    Over,
}

/// The people roll-ups (see docs/metrics.md, utilization): who is under target, who is
/// over-allocated, who rolls off to the bench and when, per role.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Staffing {
    /// The available-weighted mean of the billable people's targets over the last 13 weeks
    /// (percent).
    pub target: f64,
    /// `portfolio.utilization`'s last 13 weeks below `target`.
    pub under_target: bool,
    /// Names, sorted.
    pub people_under_target: Vec<String>,
    /// Over 100 % at the as-of date or in any of the next 12 weeks: highest peak first.
    pub over_allocated: Vec<String>,
    /// On the bench within 4 weeks: soonest first.
    pub bench: Vec<BenchEntry>,
    /// Per role (the person's `role`), sorted by role.
    pub roles: Vec<RoleUtilization>,
    /// The Mondays of the 12 weeks of `allocation_by_week`.
    pub allocation_weeks: Vec<NaiveDate>,
    /// The measured people's last 13 weeks summed, oldest first (the utilization chart).
    pub weeks: Vec<WeekUtilization>,
}

/// A person rolling off to the bench.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchEntry {
    /// The person's name.
    pub name: String,
    /// The first week (Monday) with allocation below 50 %.
    pub from: NaiveDate,
}

/// The utilization of the people of one role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleUtilization {
    /// The role, as the people give it.
    pub role: String,
    /// Its quarter-to-date and last 13 weeks' figures.
    pub utilization: PersonUtilization,
}

/// A project's hours from time entries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeFigures {
    /// Every hour booked on the project.
    pub hours: f64,
    /// The billable part of `hours`.
    pub billable_hours: f64,
    /// Chronological.
    pub by_quarter: Vec<QuarterHours>,
}

/// A project's hours in one fiscal quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterHours {
    /// The quarter, e.g. `FY27-Q3`.
    pub label: String,
    /// Every hour booked in the quarter.
    pub hours: f64,
    /// The billable part of `hours`.
    pub billable_hours: f64,
}

/// One week of a project's hours (site only).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct WeekHours {
    /// The Monday.
    pub week: NaiveDate,
    /// Every hour booked in the week.
    pub hours: f64,
    /// The billable part of `hours`.
    pub billable_hours: f64,
    /// Cumulative billable hours at the week's end (through the as-of date).
    pub cumulative_billable_hours: f64,
    /// The cumulative hours the PM typed in the latest update dated in the week.
    pub reported: Option<f64>,
}

/// One person's allocation to one project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// Project id.
    pub project: String,
    /// The person's role on the project.
    pub role: String,
    /// Percent of a full week, 0-100.
    pub allocation: f64,
}

/// One partner over every project that lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerRollup {
    /// The partner's name, as written.
    pub name: String,
    /// Σ partner budget over its projects.
    pub budget: f64,
    /// Sorted by project id.
    pub engagements: Vec<PartnerEngagement>,
}

/// One partner on one project.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerEngagement {
    /// Project id.
    pub project: String,
    /// What the partner does on the project.
    pub role: String,
    /// The partner's budget on the project, in the portfolio currency; null when not given.
    pub budget: Option<f64>,
}

/// One account: the projects and opportunities of one customer name (docs/metrics.md,
/// roll-ups), with every distinct account executive and TAM of its projects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountReport {
    /// Slug of the customer name, unique among the accounts.
    pub id: String,
    /// The customer name.
    pub name: String,
    /// Every distinct `account_executive` of the projects, sorted.
    pub account_executive: Vec<String>,
    /// Every distinct `tam` of the projects, sorted.
    pub tam: Vec<String>,
    /// Ids of the account's projects, sorted.
    pub project_ids: Vec<String>,
    /// Ids of the account's opportunities (every status), sorted.
    pub opportunity_ids: Vec<String>,
    /// Regions of its projects and opportunities, sorted.
    pub regions: Vec<String>,
    /// Σ weighted pipeline of its counted opportunities.
    pub pipeline: f64,
    /// The account's figures over its projects, flattened into its object.
    #[serde(flatten)]
    pub rollup: Rollup,
}

/// `pipeline` of `portfolio.json`: every opportunity and the weighted pipeline by quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct PipelineReport {
    /// Sorted by id.
    pub opportunities: Vec<OpportunityReport>,
    /// Every quarter an open opportunity falls in, chronological.
    pub by_quarter: Vec<PipelineQuarter>,
    /// Σ weighted amount of the open opportunities (extra).
    pub weighted: f64,
    /// Σ amount of the open opportunities (extra).
    pub unweighted: f64,
    /// The current quarter's bridge from the target to what is left to find (extra; null when
    /// the portfolio has no figures for the current quarter).
    pub bridge: Option<QuarterBridge>,
}

/// A quarter's bridge (waterfall): the target, then what fills it, in order of certainty, and
/// what is left.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterBridge {
    /// The quarter, e.g. `FY27-Q3`.
    pub label: String,
    /// The quarter's revenue target; null without one.
    pub target: Option<f64>,
    /// Revenue booked in the quarter (`actual`).
    pub recognized: f64,
    /// The forecast of healthy projects: `forecast − forecast_at_risk`.
    pub committed_forecast: f64,
    /// The forecast of projects computed red or stale.
    pub forecast_at_risk: f64,
    /// The weighted pipeline in the quarter.
    pub pipeline: f64,
    /// `max(0, target − upside)`: what is left to find after the pipeline; null without a
    /// target.
    pub gap: Option<f64>,
}

/// The pipeline falling in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PipelineQuarter {
    /// The quarter, e.g. `FY27-Q3`.
    pub label: String,
    /// Weighted: Σ amount × probability / 100, spread by day.
    pub pipeline: f64,
    /// Unweighted amount of the open opportunities, spread by day (extra).
    pub unweighted: f64,
}

/// Whether an opportunity counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OpportunityStatus {
    /// Probability above 0, not won: counted.
    Open,
    /// Probability 0: listed, counted nowhere.
    Unlikely,
    /// Won under another id (`project:`): listed, not counted.
    Won,
}

/// One opportunity, after sliding (docs/metrics.md, pipeline and coverage).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpportunityReport {
    /// The opportunity's id.
    pub id: String,
    /// The opportunity's name.
    pub name: String,
    /// The customer's name, as written.
    pub customer: String,
    /// The account's id.
    pub account: String,
    /// The region; null when not given.
    pub region: Option<String>,
    /// The sales owner; null when not named.
    pub owner: Option<String>,
    /// The sales stage as written (free text); null when not given.
    pub stage: Option<String>,
    /// The contract value expected, in the portfolio currency.
    pub amount: f64,
    /// Percent, 0-100.
    pub probability: f64,
    /// amount × probability / 100; 0 when not counted.
    pub weighted: f64,
    /// The dates counted: after sliding when the start had passed.
    pub start: NaiveDate,
    /// The end date counted (after sliding, like `start`).
    pub end: NaiveDate,
    /// The start as written, when it had passed and the opportunity slid; else null.
    pub slid_from: Option<NaiveDate>,
    /// Open (counted), unlikely or won.
    pub status: OpportunityStatus,
    /// The project it was won as, if any.
    pub project: Option<String>,
    /// Its weighted and unweighted amount per quarter (empty when not counted).
    pub by_quarter: Vec<PipelineQuarter>,
}
