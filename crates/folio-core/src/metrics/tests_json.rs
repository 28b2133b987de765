//! `portfolio.json` (see docs/exports.md): every key present, `schema_version: 1`, numbers as JSON
//! numbers, `null` for undefined ratios, lists sorted by id; the shape of the worked example of
//! `tests_project` key by key, with unrounded numbers.

use serde_json::Value;

use crate::metrics::testkit::spec_keys::{has as keys, *};

use crate::metrics::testkit::*;
use crate::metrics::tests_project::worked;
use crate::model::{Ask, Engagement, OpenClosed, OpenResolved, Region, Severity};

#[test]
fn portfolio_json_has_every_spec_key() {
    let mut a = project("b-started", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.def.program = Some("core".to_string());
    a.def.milestones.push(milestone("m1", "2026-06-01"));
    a.def.region = Some("EMEA".to_string());
    let mut u = update("2026-02-01", 0.0, 0.0); // AC = 0 and EV = 0: CPI null, margin null
    u.front.risks.push(risk("r1", 2, 2, OpenClosed::Open));
    let mut e = escalation("e1", Severity::High, OpenResolved::Open);
    e.next_step_by = Some(d("2026-02-20"));
    u.front.escalations.push(e);
    u.front.asks.push(Ask {
        ask: "Sign the SOW".to_string(),
        of: None,
        by: Some(d("2026-03-10")),
        customer: None,
        change: None,
    });
    a.updates.push(u);
    let mut b = project("a-new", "2026-05-01", "2026-12-31", 500.0, 400.0);
    b.def.engagement = Engagement::TimeAndMaterials;
    b.def.rate = Some(100.0);
    let mut pf = portfolio(vec![a, b]);
    pf.config.regions = Some(
        [(
            "EMEA".to_string(),
            Region {
                name: "Europe".to_string(),
                lead: None,
                revenue_targets: [("FY26-Q4".to_string(), 100.0)].into(),
            },
        )]
        .into(),
    );
    pf.config.revenue_targets.insert("FY26-Q1".to_string(), 0.0); // zero target: null ratios
    pf.programs.push(program("core", "Core"));
    let report = crate::metrics::compute(&pf, d("2026-03-01"));
    // `portfolio.json` is the report serialized (folio-site's `export_all`; the exported file
    // itself is checked end to end in tests/testsuite/exports.rs).
    let v: Value = serde_json::to_value(&report).unwrap();

    keys(&v, "root", TOP);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["as_of"], "2026-03-01");
    assert_eq!(v["currency"], "USD");
    let p = &v["portfolio"];
    keys(p, "portfolio", ROLLUP);
    keys(&p["health"], "portfolio.health", &["declared", "computed"]);
    keys(&p["health"]["declared"], "health.declared", COLOURS);
    keys(&p["health"]["computed"], "health.computed", COLOURS);
    assert_eq!(p["health"]["declared"]["red"], 0);
    assert_eq!(p["bac"], 1400.0);
    assert_eq!(p["cpi"], Value::Null); // Σac = 0
    let q = &p["quarters"][0];
    keys(q, "quarter", QUARTER);
    assert_eq!(q["label"], "FY26-Q1");
    assert_eq!(
        (&q["attainment"], &q["projected_attainment"]),
        (&Value::Null, &Value::Null)
    );
    assert!(q["forecast_at_risk"].is_f64());
    assert!(q["gap"].is_f64());
    assert!(p["week_events"].is_array()); // keys: tests_week
    let region = &v["regions"][0];
    keys(region, "region", &["id", "name"]);
    keys(region, "region", ROLLUP);
    assert_eq!(
        (&region["id"], &region["name"]),
        (&Value::from("EMEA"), &Value::from("Europe"))
    );

    let prog = &v["programs"][0];
    keys(prog, "program", &["id", "name"]);
    keys(prog, "program", ROLLUP);
    assert_eq!(prog["id"], "core");

    let projects = v["projects"].as_array().unwrap();
    assert_eq!(projects[0]["id"], "a-new"); // sorted by id
    for pr in projects {
        keys(pr, "project", PROJECT);
        keys(&pr["health"], "project.health", PROJECT_HEALTH);
        keys(&pr["evm"], "evm", EVM);
        assert_eq!(pr["margin"], Value::Null);
        for q in pr["revenue_by_quarter"].as_array().unwrap() {
            keys(q, "project quarter", PROJECT_QUARTER);
        }
    }
    let new = &projects[0];
    keys(&new["tm"], "tm", TM);
    assert_eq!(new["tm"]["projected_hours"], Value::Null);
    assert_eq!(new["health"]["declared"], "unknown");
    assert_eq!(new["evm"]["bac"], Value::Null);
    assert_eq!(new["latest_update"], Value::Null);
    let started = &projects[1];
    assert_eq!(started["engagement"], "fixed_price");
    assert_eq!(started["evm"]["cpi"], Value::Null);
    assert!(started["evm"]["bac"].is_f64());
    assert!(started["evm"]["tcpi"].is_f64());
    let m = &started["milestones"][0];
    keys(m, "milestone", MILESTONE);
    assert_eq!(m["done"], Value::Null);
    assert_eq!(started["risks"][0]["score"], 4);
    assert_eq!(started["risks"][0]["level"], "low");
    assert_eq!(started["risks"][0]["customer"], false);
    assert_eq!(started["tm"], Value::Null);
    assert!(started["planned_percent_today"].is_f64());
    assert_eq!(started["evm"]["status_date"], "2026-02-01");
    let esc = &started["escalations"][0];
    keys(esc, "escalation", ESCALATION);
    assert_eq!(esc["overdue"], true); // open, next step due 02-20 < A = 03-01
    assert_eq!(started["asks"][0]["ask"], "Sign the SOW");
    // An ask is internal unless marked; who asks is the update's author, else the manager.
    assert_eq!(started["asks"][0]["customer"], false);
    assert_eq!(started["asks"][0]["change"], Value::Null);
    assert_eq!(started["asks"][0]["author"], "Pat Manager");
    // The customer part of the narrative stays out of `portfolio.json`.
    assert!(started.get("customer_part").is_none() && started.get("latest_author").is_none());
    let reason = &started["health"]["reasons"][0];
    keys(reason, "reason", REASON);
    // EV 0 against PV > 0: SPI 0 is red and listed first; then the amber ones: the open high
    // escalation and staleness (28 days > 14, but not above 28).
    assert_eq!(started["health"]["computed"], "red");
    let rules: Vec<&str> = started["health"]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["spi", "escalation", "stale"]);
    assert_eq!(reason["level"], "red");
}

#[test]
fn review_portfolio_json_shape() {
    let r = worked();
    let v = serde_json::to_value(&r).unwrap();
    has(&v, "portfolio.json", TOP);
    assert_eq!(
        (&v["schema_version"], &v["as_of"]),
        (&Value::from(1), &Value::from("2026-05-20"))
    );
    let p = &v["portfolio"];
    has(p, "portfolio", ROLLUP);
    has(&p["health"]["declared"], "portfolio.health.declared", COLOURS);
    has(&p["health"]["computed"], "portfolio.health.computed", COLOURS);
    assert_eq!(p["health"]["declared"]["green"], 1);
    assert_eq!(p["health"]["computed"]["unknown"], 1);
    for q in p["quarters"].as_array().unwrap() {
        has(q, "quarter", QUARTER);
    }
    assert_eq!(p["quarters"][0]["target"], Value::Null);
    for g in v["programs"].as_array().unwrap() {
        has(g, "program", &["id", "name"]);
        has(g, "program", ROLLUP);
        has(&g["health"]["declared"], "program.health.declared", COLOURS);
        has(&g["health"]["computed"], "program.health.computed", COLOURS);
    }
    assert_eq!(v["programs"][0]["name"], "P1");
    let projects = v["projects"].as_array().unwrap();
    for pr in projects {
        has(pr, "project", PROJECT);
        has(&pr["health"], "project.health", PROJECT_HEALTH);
        has(&pr["evm"], "evm", EVM);
        for m in pr["milestones"].as_array().unwrap() {
            has(m, "milestone", MILESTONE);
        }
    }
    let a = &projects[0];
    assert_eq!(
        (&a["id"], &a["engagement"]),
        (&Value::from("alpha"), &Value::from("fixed_price"))
    );
    assert_eq!(a["health"]["watermelon"], true);
    // Unrounded numbers: pv keeps every digit of 379 560.4395604395…
    let pv = a["evm"]["pv"].as_f64().unwrap();
    close(pv, 379_560.439_560_439_5);
    assert!((pv * 100.0).fract().abs() > 1e-3, "pv looks rounded: {pv}");
    assert_eq!(a["milestones"][0]["id"], "m-a");
    assert_eq!(a["milestones"][1]["done"], Value::Null);
    assert_eq!(a["milestones"][1]["late"], true);
    assert_eq!(a["risks"][0]["id"], "r-a");
    assert_eq!(a["latest_update"], "2026-05-15");
    // A project without update: EVM figures and undefined ratios are null.
    let b = &projects[1];
    for k in ["bac", "pv", "ev", "ac", "cpi", "spi", "eac", "tcpi"] {
        assert_eq!(b["evm"][k], Value::Null, "{k}");
    }
    assert_eq!(
        (&b["margin"], &b["percent_complete"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(b["health"]["declared"], "unknown");
}
