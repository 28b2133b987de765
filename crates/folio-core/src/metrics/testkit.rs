//! Test builders: model values constructed directly in Rust (no YAML), with plain defaults
//! that tests then adjust field by field; and the lookups and assertions the metrics tests share
//! (a quarter by label, figures close to the expected ones). Used by folio-core's unit tests and,
//! through the `test-support` feature, by the `folio` crate's integration tests.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::*;
// Through the contract crate itself: the benchmarks include this file in the `folio` crate.
use folio_report::report::QuarterFigures;

/// `YYYY-MM-DD` → date.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// A fixed-price project without plan, milestones, team or updates.
pub fn project(id: &str, start: &str, end: &str, contract_value: f64, budget: f64) -> Project {
    Project {
        id: id.to_string(),
        def: ProjectFile {
            name: format!("Project {id}"),
            customer: "Customer".to_string(),
            program: None,
            region: None,
            manager: "Pat Manager".to_string(),
            sponsor: None,
            engagement: Engagement::FixedPrice,
            contract_value,
            budget,
            rate: None,
            start: d(start),
            end: d(end),
            plan: Vec::new(),
            milestones: Vec::new(),
            team: Vec::new(),
            partners: Vec::new(),
            tags: Vec::new(),
            time_projects: Vec::new(),
            time_from: None,
            description: None,
            account_executive: None,
            tam: None,
        },
        path: PathBuf::from(format!("projects/{id}/project.yaml")),
        updates: Vec::new(),
    }
}

/// A green update with the given percent complete and actual cost.
pub fn update(date: &str, percent_complete: f64, actual_cost: f64) -> Update {
    Update {
        date: d(date),
        front: UpdateFrontMatter {
            date: None,
            author: None,
            status: DeclaredStatus {
                overall: Rag::Green,
                schedule: None,
                budget: None,
                scope: None,
            },
            percent_complete,
            planned_percent: None,
            actual_cost,
            hours: None,
            estimate_at_completion: None,
            forecast_end: None,
            milestones: Vec::new(),
            risks: Vec::new(),
            issues: Vec::new(),
            escalations: Vec::new(),
            changes: Vec::new(),
            hours_at_completion: None,
            asks: Vec::new(),
        },
        body: String::new(),
        path: PathBuf::from(format!("updates/{date}.md")),
        body_line: 3,
    }
}

/// A change mention.
pub fn change(
    id: &str,
    status: ChangeStatus,
    budget: Option<f64>,
    value: Option<f64>,
    days: Option<i64>,
) -> ChangeMention {
    ChangeMention {
        id: id.to_string(),
        title: Some(format!("Change {id}")),
        status: Some(status),
        budget_delta: budget,
        value_delta: value,
        schedule_delta_days: days,
        customer: None,
    }
}

/// A baseline milestone.
pub fn milestone(id: &str, due: &str) -> Milestone {
    Milestone {
        id: id.to_string(),
        name: format!("Milestone {id}"),
        due: d(due),
        weight: None,
    }
}

/// Baseline milestones, each `(id, due)`.
pub fn milestones(due: &[(&str, &str)]) -> Vec<Milestone> {
    due.iter().map(|&(id, due)| milestone(id, due)).collect()
}

/// A milestone mention.
pub fn mention(id: &str, forecast: Option<&str>, done: Option<&str>) -> MilestoneMention {
    MilestoneMention {
        id: id.to_string(),
        forecast: forecast.map(d),
        done: done.map(d),
    }
}

/// An escalation mention.
pub fn escalation(id: &str, severity: Severity, status: OpenResolved) -> EscalationMention {
    EscalationMention {
        id: id.to_string(),
        title: Some(format!("Escalation {id}")),
        severity: Some(severity),
        raised: None,
        owner: None,
        status: Some(status),
        customer: None,
        stakeholders: None,
        next_step: None,
        next_step_by: None,
    }
}

/// A risk mention.
pub fn risk(id: &str, probability: u8, impact: u8, status: OpenClosed) -> RiskMention {
    RiskMention {
        id: id.to_string(),
        title: Some(format!("Risk {id}")),
        probability: Some(probability),
        impact: Some(impact),
        owner: None,
        mitigation: None,
        status: Some(status),
        customer: None,
    }
}

/// A portfolio with default settings (calendar fiscal year, 14 days stale, default thresholds).
pub fn portfolio(projects: Vec<Project>) -> Portfolio {
    Portfolio {
        root: PathBuf::from("content"),
        config: PortfolioFile {
            title: "Test".to_string(),
            organization: None,
            base_url: None,
            currency: "USD".to_string(),
            fiscal_year_start_month: 1,
            stale_after_days: 14,
            revenue_targets: Default::default(),
            thresholds: Thresholds::default(),
            theme: "default".to_string(),
            as_of: None,
            regions: None,
            risk_levels: Default::default(),
            customer_report: Default::default(),
            utilization_target: 75.0,
            internal_projects: Vec::new(),
            leave_projects: Vec::new(),
            holidays: Default::default(),
            time_date_order: Default::default(),
        },
        programs: Vec::new(),
        projects: projects.into_iter().map(std::sync::Arc::new).collect(),
        pipeline: Default::default(),
        people: None,
        time: Default::default(),
    }
}

/// A time-and-materials project at `rate` an hour, otherwise as [`project`].
pub fn tm_project(id: &str, start: &str, end: &str, contract_value: f64, budget: f64, rate: f64) -> Project {
    let mut p = project(id, start, end, contract_value, budget);
    p.def.engagement = Engagement::TimeAndMaterials;
    p.def.rate = Some(rate);
    p
}

/// An update that gives `hours` (cumulative billable hours), otherwise as [`update`].
pub fn hours_update(date: &str, percent_complete: f64, actual_cost: f64, hours: f64) -> Update {
    let mut u = update(date, percent_complete, actual_cost);
    u.front.hours = Some(hours);
    u
}

/// One update per date, each made by `make` from the date's index (as a number, for figures
/// that grow from update to update) and the date.
pub fn series(dates: &[&str], make: impl Fn(f64, &str) -> Update) -> Vec<Update> {
    dates
        .iter()
        .enumerate()
        .map(|(i, date)| make(i as f64, date))
        .collect()
}

/// A program file `programs/<id>.yaml` named `name`, without description or sponsor.
pub fn program(id: &str, name: &str) -> Program {
    Program {
        id: id.to_string(),
        file: ProgramFile {
            name: name.to_string(),
            description: None,
            sponsor: None,
        },
        path: format!("programs/{id}.yaml").into(),
    }
}

/// The quarter labelled `label` of `qs` (a failure lists the labels there are).
#[track_caller]
pub fn quarter<'a>(qs: &'a [QuarterFigures], label: &str) -> &'a QuarterFigures {
    qs.iter().find(|q| q.label == label).unwrap_or_else(|| {
        panic!(
            "no quarter {label} in {:?}",
            qs.iter().map(|q| &q.label).collect::<Vec<_>>()
        )
    })
}

/// Asserts the quarters `qs` by label, actual and forecast: the labels in order, each figure
/// [`close`] to the expected one.
#[track_caller]
pub fn assert_quarters(qs: &[QuarterFigures], expected: &[(&str, f64, f64)]) {
    let got: Vec<(&str, f64, f64)> = qs
        .iter()
        .map(|q| (q.label.as_str(), q.actual, q.forecast))
        .collect();
    let labels: Vec<&str> = got.iter().map(|q| q.0).collect();
    let want: Vec<&str> = expected.iter().map(|q| q.0).collect();
    assert_eq!(labels, want, "{got:?}");
    for ((_, actual, forecast), (_, want_actual, want_forecast)) in got.iter().zip(expected) {
        close(*actual, *want_actual);
        close(*forecast, *want_forecast);
    }
}

/// |a − b| ≤ 1e-9 × max(1, |b|).
#[track_caller]
pub fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

/// The keys docs/exports.md names for each object of `portfolio.json`, written once for every test
/// that checks the JSON shape.
pub mod spec_keys {
    pub const TOP: &[&str] = &[
        "schema_version",
        "as_of",
        "currency",
        "portfolio",
        "programs",
        "regions",
        "projects",
    ];
    pub const ROLLUP: &[&str] = &[
        "health",
        "bac",
        "ac",
        "ev",
        "pv",
        "cpi",
        "spi",
        "current_value",
        "recognized_revenue",
        "quarters",
        "week_events",
    ];
    pub const COLOURS: &[&str] = &["green", "amber", "red", "unknown"];
    pub const QUARTER: &[&str] = &[
        "label",
        "target",
        "actual",
        "forecast",
        "attainment",
        "projected_attainment",
        "forecast_at_risk",
        "gap",
    ];
    pub const PROJECT: &[&str] = &[
        "id",
        "name",
        "customer",
        "program",
        "region",
        "manager",
        "engagement",
        "latest_update",
        "days_since_update",
        "stale",
        "health",
        "percent_complete",
        "current_value",
        "recognized_revenue",
        "margin",
        "evm",
        "milestones",
        "risks",
        "issues",
        "escalations",
        "changes",
        "planned_percent_today",
        "tm",
        "remaining_revenue",
        "revenue_by_quarter",
        "asks",
    ];
    pub const PROJECT_HEALTH: &[&str] = &["declared", "computed", "watermelon", "reasons"];
    pub const REASON: &[&str] = &["level", "rule", "text"];
    pub const EVM: &[&str] = &[
        "bac",
        "pv",
        "ev",
        "ac",
        "cv",
        "sv",
        "cpi",
        "spi",
        "eac",
        "etc",
        "vac",
        "tcpi",
        "status_date",
    ];
    pub const TM: &[&str] = &[
        "projected_hours",
        "billable_at_completion",
        "cap_used",
        "unbillable_at_completion",
    ];
    pub const PROJECT_QUARTER: &[&str] = &["label", "actual", "forecast"];
    pub const WEEK_EVENT: &[&str] = &["project", "kind", "id", "text", "from", "to"];
    pub const ESCALATION: &[&str] = &["stakeholders", "next_step", "next_step_by", "overdue", "customer"];
    pub const MILESTONE: &[&str] = &["id", "name", "due", "forecast", "done", "slip_days", "late"];

    /// Asserts that `v` is an object holding every key of `expected`; `path` names it in failures.
    pub fn has(v: &serde_json::Value, path: &str, expected: &[&str]) {
        let obj = v
            .as_object()
            .unwrap_or_else(|| panic!("{path} is not an object: {v}"));
        for k in expected {
            assert!(obj.contains_key(*k), "{path} lacks key `{k}`: {v}");
        }
    }
}
