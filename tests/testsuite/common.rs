//! A hand-built portfolio for render tests: every kind of record and page, with a text function
//! applied to every free-text field so the same portfolio can be made hostile.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use folio::model::*;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub const AS_OF: &str = "2026-11-20";

/// Appends attacks on every vector we know of to `s`.
pub fn hostile(s: &str) -> String {
    format!(
        "{s}<script>alert('x')</script><img src=x onerror=alert(1)>\"'><svg onload=alert(2)>\
         <a href=\"javascript:alert(3)\">j</a>{{{{ layout }}}}{{% raw %}}"
    )
}

pub fn plain(s: &str) -> String {
    s.to_string()
}

fn update(t: &dyn Fn(&str) -> String, date: &str, overall: Rag, pct: f64, ac: f64, body: &str) -> Update {
    Update {
        date: d(date),
        front: UpdateFrontMatter {
            date: None,
            author: Some(t("Ada Author")),
            status: DeclaredStatus {
                overall,
                schedule: Some(Rag::Amber),
                budget: Some(overall),
                scope: None,
            },
            percent_complete: pct,
            planned_percent: None,
            actual_cost: ac,
            hours: Some(ac / 100.0),
            estimate_at_completion: None,
            forecast_end: Some(d("2027-03-31")),
            milestones: Vec::new(),
            risks: Vec::new(),
            issues: Vec::new(),
            escalations: Vec::new(),
            changes: Vec::new(),
            hours_at_completion: None,
            asks: Vec::new(),
        },
        body: t(body),
        path: PathBuf::from(format!("updates/{date}.md")),
        body_line: 3,
    }
}

fn project(t: &dyn Fn(&str) -> String, id: &str, engagement: Engagement) -> Project {
    Project {
        id: id.to_string(),
        def: ProjectFile {
            name: t(&format!("Project {id}")),
            customer: t("Contoso & Sons"),
            program: Some("core".to_string()),
            region: Some(t("EMEA")),
            manager: t("Pat Manager"),
            sponsor: Some(t("Sam Sponsor")),
            engagement,
            contract_value: 1_200_000.0,
            budget: 900_000.0,
            rate: Some(150.0),
            start: d("2026-01-05"),
            end: d("2027-03-31"),
            plan: vec![PlanPoint {
                date: d("2026-06-30"),
                percent: 40.0,
            }],
            milestones: vec![
                Milestone {
                    id: "m1".into(),
                    name: t("Design signed off"),
                    due: d("2026-06-01"),
                    weight: None,
                },
                Milestone {
                    id: "m2".into(),
                    name: t("Go-live"),
                    due: d("2026-12-01"),
                    weight: Some(2.0),
                },
                Milestone {
                    id: "m3".into(),
                    name: t("Data migration"),
                    due: d("2026-11-01"),
                    weight: None,
                },
            ],
            team: vec![
                TeamMember {
                    name: t("Lee Lead"),
                    role: t("Architect"),
                    allocation: 80.0,
                },
                TeamMember {
                    name: t("Pat Manager"),
                    role: t("PM"),
                    allocation: 60.0,
                },
            ],
            partners: vec![Partner {
                name: t("Fabrikam"),
                role: t("Subcontractor"),
                budget: Some(50_000.0),
            }],
            tags: vec![t("cloud")],
            description: Some(t("A **migration** project.\n\n[link](https://example.org)")),
        },
        path: PathBuf::from(format!("projects/{id}/project.yaml")),
        updates: Vec::new(),
    }
}

/// Three projects (one healthy-looking watermelon with records, one amber, one without
/// updates) in one program, with targets, as of [`AS_OF`].
pub fn portfolio(t: &dyn Fn(&str) -> String) -> Portfolio {
    let mut alpha = project(t, "alpha", Engagement::FixedPrice);
    let mut u1 = update(
        t,
        "2026-11-06",
        Rag::Green,
        50.0,
        500_000.0,
        "Early week.[^a]\n\n[^a]: A note.",
    );
    u1.front.risks.push(RiskMention {
        id: "r1".into(),
        title: Some(t("Key person leaves")),
        probability: Some(4),
        impact: Some(5),
        owner: Some(t("Lee Lead")),
        mitigation: Some(t("Pair up")),
        status: Some(OpenClosed::Open),
        customer: None,
    });
    u1.front.changes.push(ChangeMention {
        id: "c1".into(),
        title: Some(t("Extra site")),
        status: Some(ChangeStatus::Approved),
        budget_delta: Some(100_000.0),
        value_delta: Some(150_000.0),
        schedule_delta_days: Some(14),
        customer: None,
    });
    let mut u2 = update(
        t,
        "2026-11-18",
        Rag::Green,
        52.0,
        700_000.0,
        "## Highlights\n\nAll **good**.[^a]\n\n[^a]: Really.\n\n<script>alert('body')</script>",
    );
    u2.front.milestones.push(MilestoneMention {
        id: "m2".into(),
        forecast: Some(d("2026-12-10")),
        done: None,
    });
    u2.front.milestones.push(MilestoneMention {
        id: "m1".into(),
        forecast: None,
        done: Some(d("2026-06-10")),
    });
    u2.front.risks.push(RiskMention {
        id: "r2".into(),
        title: Some(t("Vendor delay")),
        probability: Some(2),
        impact: Some(3),
        owner: None,
        mitigation: None,
        status: Some(OpenClosed::Open),
        customer: None,
    });
    u2.front.issues.push(IssueMention {
        id: "i1".into(),
        title: Some(t("Test env down")),
        severity: Some(Severity::High),
        owner: Some(t("Ops")),
        status: Some(OpenClosed::Open),
        customer: None,
    });
    u2.front.escalations.push(EscalationMention {
        id: "e1".into(),
        title: Some(t("Customer blocks access")),
        severity: Some(Severity::Critical),
        raised: Some(d("2026-10-01")),
        owner: Some(t("VP Delivery")),
        status: Some(OpenResolved::Open),
        customer: None,
        stakeholders: None,
        next_step: None,
        next_step_by: None,
    });
    alpha.updates = vec![u1, u2];

    let mut beta = project(t, "beta", Engagement::TimeAndMaterials);
    beta.updates = vec![update(t, "2026-10-01", Rag::Amber, 30.0, 200_000.0, "Quiet.")];
    let gamma = project(t, "gamma", Engagement::FixedPrice);

    let mut targets = BTreeMap::new();
    for q in ["FY26-Q3", "FY26-Q4", "FY27-Q1"] {
        targets.insert(q.to_string(), 400_000.0);
    }
    Portfolio {
        root: PathBuf::from("content"),
        config: PortfolioFile {
            title: t("Acme PS Portfolio"),
            organization: Some(t("Acme Corp")),
            base_url: None,
            currency: "USD".to_string(),
            fiscal_year_start_month: 1,
            stale_after_days: 14,
            revenue_targets: targets,
            thresholds: Thresholds::default(),
            theme: "default".to_string(),
            as_of: None,
            regions: None,
            risk_levels: Default::default(),
            customer_report: Default::default(),
        },
        programs: vec![Program {
            id: "core".into(),
            file: ProgramFile {
                name: t("Core Platform"),
                description: Some(t("The *core* program.")),
                sponsor: Some(t("Chief Sponsor")),
            },
            path: PathBuf::from("programs/core.yaml"),
        }],
        projects: vec![alpha, beta, gamma]
            .into_iter()
            .map(std::sync::Arc::new)
            .collect(),
    }
}

/// The settings the render tests build with: as of [`AS_OF`], base URL
/// `https://example.org/portfolio/`.
pub fn settings(live_reload: bool) -> folio::driver::Settings {
    folio::driver::Settings {
        as_of: Some(d(AS_OF)),
        base_url: Some("https://example.org/portfolio/".into()),
        live_reload,
        ..folio::driver::Settings::new("content")
    }
}

/// The files of an in-memory portfolio built by the real driver (compute, render, export).
pub fn site(
    portfolio: &Portfolio,
    settings: &folio::driver::Settings,
) -> Result<folio::driver::SiteFiles, folio::driver::BuildError> {
    folio::driver::site_of(portfolio, Vec::new(), settings).map(|s| s.files)
}
