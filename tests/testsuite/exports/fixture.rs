//! A hand-built portfolio and report for the export tests: two projects, hostile text in
//! every field a user can write, figures with full-precision and negative values.

use std::collections::BTreeMap;
use std::path::PathBuf;

use folio::metrics::testkit;
pub(super) use folio::metrics::testkit::d;
use folio::model::*;
use folio::report::*;

pub(super) const BASE: &str = "https://acme.gitlab.io/portfolio/";
pub(super) const HOSTILE: &str = "<script>alert(1)</script> & \"quotes\", 'apos'; back\\slash";

fn project_file(name: &str, customer: &str, manager: &str) -> ProjectFile {
    ProjectFile {
        name: name.into(),
        customer: customer.into(),
        manager: manager.into(),
        ..testkit::project("x", "2026-01-05", "2026-06-30", 100_000.0, 80_000.0).def
    }
}

pub(super) fn update(date: &str, overall: Rag, percent: f64, body: &str) -> Update {
    let mut u = testkit::update(date, percent, 1000.0);
    u.front.status.overall = overall;
    u.front.status.schedule = Some(Rag::Red);
    u.body = body.into();
    u.path = PathBuf::from(format!("projects/x/updates/{date}.md"));
    u.body_line = 5;
    u
}

fn health(declared: Health, computed: Health) -> ProjectHealth {
    ProjectHealth {
        declared,
        computed,
        watermelon: false,
        reasons: vec![],
    }
}

fn milestone(id: &str, name: &str, due: &str, forecast: &str, done: Option<&str>) -> MilestoneStatus {
    let slip = (d(forecast) - d(due)).num_days();
    MilestoneStatus {
        id: id.into(),
        name: name.into(),
        due: d(due),
        forecast: d(forecast),
        done: done.map(d),
        slip_days: slip,
        late: done.is_none() && d(due) < d("2026-03-10"),
        upcoming: false,
        weight: None,
        reported_on: None,
        as_reported: false,
    }
}

fn project_report(id: &str, def: &ProjectFile) -> ProjectReport {
    ProjectReport {
        id: id.into(),
        name: def.name.clone(),
        customer: def.customer.clone(),
        program: def.program.clone(),
        region: def.region.clone(),
        manager: def.manager.clone(),
        sponsor: def.sponsor.clone(),
        account_executive: def.account_executive.clone(),
        tam: def.tam.clone(),
        engagement: def.engagement,
        tags: def.tags.clone(),
        start: def.start,
        end: def.end,
        current_end: def.end,
        forecast_end: None,
        latest_update: None,
        days_since_update: None,
        stale: false,
        health: health(Health::Unknown, Health::Unknown),
        declared_status: None,
        percent_complete: None,
        planned_percent_today: 0.0,
        contract_value: def.contract_value,
        current_value: def.contract_value,
        budget: def.budget,
        rate: def.rate,
        hours: None,
        time: None,
        hours_by_week: vec![],
        recognized_revenue: 0.0,
        margin: None,
        margin_at_sale: None,
        margin_at_completion: None,
        remaining_revenue: 0.0,
        needs_quarter_end_update: false,
        as_reported: None,
        tm: None,
        forecast_at_risk: false,
        at_risk_reasons: vec![],
        asks: vec![],
        latest_author: None,
        customer_part: None,
        evm: Evm::default(),
        milestones: vec![],
        risks: vec![],
        issues: vec![],
        escalations: vec![],
        changes: vec![],
        revenue_by_quarter: vec![],
        history: vec![],
        week_change: WeekChange {
            declared_now: Health::Unknown,
            declared_week_ago: Health::Unknown,
            risks_opened: vec![],
            risks_closed: vec![],
            escalations_opened: vec![],
            escalations_closed: vec![],
            milestones_moved: vec![],
        },
        update_count: 0,
        text: Default::default(),
    }
}

fn rollup() -> Rollup {
    let counts: BTreeMap<Health, usize> = Health::ALL.iter().map(|h| (*h, 0)).collect();
    Rollup {
        health: HealthCounts {
            declared: counts.clone(),
            computed: counts,
            watermelons: 0,
            stale: 0,
        },
        bac: 0.0,
        ac: 0.0,
        ev: 0.0,
        pv: 0.0,
        cpi: None,
        spi: None,
        cpi_rating: Health::Unknown,
        spi_rating: Health::Unknown,
        current_value: 0.0,
        backlog: 0.0,
        recognized_revenue: 0.0,
        quarters: vec![],
        project_count: 0,
        eac: 0.0,
        vac: 0.0,
        eac_overrun: None,
        week_events: vec![],
        routine_events: vec![],
        decisions: vec![],
        utilization: None,
        quarter_end_updates: vec![],
    }
}

/// Two projects: `alpha` with hostile text, figures and milestones; `beta` without updates.
pub(super) fn fixture() -> (Portfolio, Report) {
    let mut alpha_def = project_file(HOSTILE, "Acme, \"Inc\"\nLtd", "-Bob");
    alpha_def.program = Some("=cmd|' /C calc'!A0".into());
    alpha_def.region = Some("@SUM(1+1)".into());
    alpha_def.tags = vec!["+tag".into(), "crm".into()];
    let alpha = Project {
        id: "alpha".into(),
        def: alpha_def.clone(),
        path: "projects/alpha/project.yaml".into(),
        updates: vec![
            update("2026-02-23", Rag::Green, 20.0, "First *week*."),
            update(
                "2026-03-02",
                Rag::Amber,
                35.5,
                "Hello <script>alert('x')</script> **bold** & more",
            ),
            update("2026-03-20", Rag::Red, 50.0, "From the future: must not appear"),
        ],
    };
    let beta_def = project_file("Beta — “unicode” ünïcödé", "Globex", "Ann");
    let beta = Project {
        id: "beta".into(),
        def: beta_def.clone(),
        path: "projects/beta/project.yaml".into(),
        updates: vec![update("2026-03-09", Rag::Green, 10.0, "Beta started.")],
    };
    let mut config: PortfolioFile = serde_yaml::from_str("title: ACME <PS> & Co\n").unwrap();
    config.organization = Some("ACME".into());
    let portfolio = Portfolio {
        root: "content".into(),
        config,
        programs: vec![],
        projects: vec![alpha, beta].into_iter().map(std::sync::Arc::new).collect(),
        pipeline: Default::default(),
        people: None,
        time: Default::default(),
    };

    let mut a = project_report("alpha", &alpha_def);
    a.latest_update = Some(d("2026-03-02"));
    a.days_since_update = Some(8);
    a.health = ProjectHealth {
        watermelon: true,
        ..health(Health::Green, Health::Red)
    };
    a.percent_complete = Some(35.5);
    a.recognized_revenue = 12_345.678_901_234_5;
    a.margin = Some(-0.25);
    a.evm = Evm {
        bac: Some(80_000.0),
        pv: Some(30_000.0),
        ev: Some(28_400.0),
        ac: Some(29_900.5),
        cv: Some(-1_500.5),
        sv: Some(-1_600.0),
        cpi: Some(28_400.0 / 29_900.5),
        spi: Some(0.1 + 0.2),
        eac: Some(84_226.0),
        etc: Some(54_325.5),
        vac: Some(-4_226.0),
        tcpi: None,
        planned_percent: Some(37.5),
        status_date: None,
    };
    let long_name = format!("Go-live, phase 1; {}", "ünïcödé ".repeat(12));
    a.milestones = vec![
        milestone("design", "Design", "2026-02-01", "2026-02-01", Some("2026-02-03")),
        milestone("go live", &long_name, "2026-03-01", "2026-03-20", None),
        milestone("m3", "Hand-over", "2026-06-15", "2026-06-10", None),
    ];
    let mut b = project_report("beta", &beta_def);
    b.latest_update = Some(d("2026-03-09"));
    b.milestones = vec![milestone("kick", "Kick-off", "2026-03-12", "2026-03-12", None)];

    let report = Report {
        schema_version: 1,
        as_of: d("2026-03-10"),
        currency: "USD".into(),
        fiscal: FiscalContext {
            fiscal_year_start_month: 1,
            fiscal_year: "FY26".into(),
            quarter: "FY26-Q1".into(),
            year_target: None,
            year_actual: 0.0,
            year_forecast: 0.0,
            year_attainment: None,
            year_projected_attainment: None,
        },
        portfolio: rollup(),
        programs: vec![],
        regions: vec![],
        attention: vec![],
        projects: vec![a, b],
        accounts: vec![],
        pipeline: Default::default(),
        people: vec![],
        staffing: Default::default(),
        partners: vec![],
        trend: vec![],
        site: Default::default(),
    };
    let report = with_text(&portfolio, report);
    (portfolio, report)
}

/// `report` with what metrics carries of `portfolio` for the site: the title and organization,
/// and each project's update narratives (those on or before the as-of date).
pub(super) fn with_text(portfolio: &Portfolio, mut report: Report) -> Report {
    report.site.title = portfolio.config.title.clone();
    report.site.organization = portfolio.config.organization.clone();
    for r in &mut report.projects {
        let Some(p) = portfolio.projects.iter().find(|p| p.id == r.id) else {
            continue;
        };
        let updates = p
            .updates
            .iter()
            .filter(|u| u.date <= report.as_of)
            .map(|u| UpdateNarrative {
                date: u.date,
                author: u.front.author.clone().unwrap_or_else(|| p.def.manager.clone()),
                declared: DeclaredStatusReport {
                    reported_on: u.date,
                    overall: u.front.status.overall.into(),
                    schedule: u.front.status.schedule.map(Health::from),
                    budget: u.front.status.budget.map(Health::from),
                    scope: u.front.status.scope.map(Health::from),
                },
                percent_complete: u.front.percent_complete,
                markdown: u.body.clone(),
            })
            .collect();
        r.text = std::sync::Arc::new(ProjectText {
            updates,
            ..ProjectText::default()
        });
    }
    report
}
