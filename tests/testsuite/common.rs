//! A hand-built portfolio for render tests: every kind of record and page, with a text function
//! applied to every free-text field so the same portfolio can be made hostile.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use folio::metrics::testkit;
pub(crate) use folio::metrics::testkit::d;
use folio::model::*;

pub(crate) const AS_OF: &str = "2026-11-20";

/// Appends attacks on every vector we know of to `s`.
pub(crate) fn hostile(s: &str) -> String {
    format!(
        "{s}<script>alert('x')</script><img src=x onerror=alert(1)>\"'><svg onload=alert(2)>\
         <a href=\"javascript:alert(3)\">j</a>{{{{ layout }}}}{{% raw %}}"
    )
}

pub(crate) fn plain(s: &str) -> String {
    s.to_string()
}

fn update(t: &dyn Fn(&str) -> String, date: &str, overall: Rag, pct: f64, ac: f64, body: &str) -> Update {
    let mut u = testkit::update(date, pct, ac);
    u.front.author = Some(t("Ada Author"));
    u.front.status = DeclaredStatus {
        overall,
        schedule: Some(Rag::Amber),
        budget: Some(overall),
        scope: None,
    };
    u.front.hours = Some(ac / 100.0);
    u.front.forecast_end = Some(d("2027-03-31"));
    u.body = t(body);
    u
}

fn project(t: &dyn Fn(&str) -> String, id: &str, engagement: Engagement) -> Project {
    let mut p = testkit::project(id, "2026-01-05", "2027-03-31", 1_200_000.0, 900_000.0);
    let milestone = |id: &str, name: &str, due: &str, weight: Option<f64>| Milestone {
        name: t(name),
        weight,
        ..testkit::milestone(id, due)
    };
    let member = |name: &str, role: &str, allocation: f64| TeamMember {
        name: t(name),
        role: t(role),
        allocation,
        from: None,
        to: None,
    };
    p.def = ProjectFile {
        name: t(&format!("Project {id}")),
        customer: t("Contoso & Sons"),
        program: Some("core".to_string()),
        region: Some(t("EMEA")),
        manager: t("Pat Manager"),
        sponsor: Some(t("Sam Sponsor")),
        engagement,
        rate: Some(150.0),
        plan: vec![PlanPoint {
            date: d("2026-06-30"),
            percent: 40.0,
        }],
        milestones: vec![
            milestone("m1", "Design signed off", "2026-06-01", None),
            milestone("m2", "Go-live", "2026-12-01", Some(2.0)),
            milestone("m3", "Data migration", "2026-11-01", None),
        ],
        team: vec![
            member("Lee Lead", "Architect", 80.0),
            member("Pat Manager", "PM", 60.0),
        ],
        partners: vec![Partner {
            name: t("Fabrikam"),
            role: t("Subcontractor"),
            budget: Some(50_000.0),
        }],
        tags: vec![t("cloud")],
        description: Some(t("A **migration** project.\n\n[link](https://example.org)")),
        ..p.def
    };
    p
}

/// Three projects (one healthy-looking watermelon with records, one amber, one without
/// updates) in one program, with targets, as of [`AS_OF`].
pub(crate) fn portfolio(t: &dyn Fn(&str) -> String) -> Portfolio {
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
        title: Some(t("Key person leaves")),
        owner: Some(t("Lee Lead")),
        mitigation: Some(t("Pair up")),
        ..testkit::risk("r1", 4, 5, OpenClosed::Open)
    });
    u1.front.changes.push(ChangeMention {
        title: Some(t("Extra site")),
        ..testkit::change(
            "c1",
            ChangeStatus::Approved,
            Some(100_000.0),
            Some(150_000.0),
            Some(14),
        )
    });
    let mut u2 = update(
        t,
        "2026-11-18",
        Rag::Green,
        52.0,
        700_000.0,
        "## Highlights\n\nAll **good**.[^a]\n\n[^a]: Really.\n\n<script>alert('body')</script>",
    );
    u2.front
        .milestones
        .push(testkit::mention("m2", Some("2026-12-10"), None));
    u2.front
        .milestones
        .push(testkit::mention("m1", None, Some("2026-06-10")));
    u2.front.risks.push(RiskMention {
        title: Some(t("Vendor delay")),
        ..testkit::risk("r2", 2, 3, OpenClosed::Open)
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
        title: Some(t("Customer blocks access")),
        raised: Some(d("2026-10-01")),
        owner: Some(t("VP Delivery")),
        ..testkit::escalation("e1", Severity::Critical, OpenResolved::Open)
    });
    alpha.updates = vec![u1, u2];

    let mut beta = project(t, "beta", Engagement::TimeAndMaterials);
    beta.updates = vec![update(t, "2026-10-01", Rag::Amber, 30.0, 200_000.0, "Quiet.")];
    let gamma = project(t, "gamma", Engagement::FixedPrice);

    let mut targets = BTreeMap::new();
    for q in ["FY26-Q3", "FY26-Q4", "FY27-Q1"] {
        targets.insert(q.to_string(), 400_000.0);
    }
    let mut portfolio = testkit::portfolio(vec![alpha, beta, gamma]);
    portfolio.config.title = t("Acme PS Portfolio");
    portfolio.config.organization = Some(t("Acme Corp"));
    portfolio.config.revenue_targets = targets;
    portfolio.programs = vec![Program {
        id: "core".into(),
        file: ProgramFile {
            name: t("Core Platform"),
            description: Some(t("The *core* program.")),
            sponsor: Some(t("Chief Sponsor")),
        },
        path: PathBuf::from("programs/core.yaml"),
    }];
    portfolio
}

/// The settings the render tests build with: as of [`AS_OF`], base URL
/// `https://example.org/portfolio/`.
pub(crate) fn settings(live_reload: bool) -> folio::driver::Settings {
    folio::driver::Settings {
        as_of: Some(d(AS_OF)),
        base_url: Some("https://example.org/portfolio/".into()),
        live_reload,
        ..folio::driver::Settings::new("content")
    }
}

/// The files of an in-memory portfolio built by the real driver (compute, render, export).
pub(crate) fn site(
    portfolio: &Portfolio,
    settings: &folio::driver::Settings,
) -> Result<folio::driver::SiteFiles, folio::driver::BuildError> {
    folio::driver::site_of(portfolio, Vec::new(), settings).map(|s| s.files)
}
