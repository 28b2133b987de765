//! `portfolio.json` (SPEC §4.1): every key present, `schema_version: 1`, numbers as JSON
//! numbers, `null` for undefined ratios, lists sorted by id.

use serde_json::Value;

use crate::metrics::testkit::spec_keys::{has as keys, *};
use crate::metrics::testkit::*;
use crate::model::{OpenClosed, Program, ProgramFile};

#[test]
fn portfolio_json_has_every_spec_key() {
    let mut a = project("b-started", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
    a.def.program = Some("core".to_string());
    a.def.milestones.push(milestone("m1", "2026-06-01"));
    let mut u = update("2026-02-01", 0.0, 0.0); // AC = 0 and EV = 0: CPI null, margin null
    u.front.risks.push(risk("r1", 2, 2, OpenClosed::Open));
    a.updates.push(u);
    let b = project("a-new", "2026-05-01", "2026-12-31", 500.0, 400.0);
    let mut pf = portfolio(vec![a, b]);
    pf.config.revenue_targets.insert("FY26-Q1".to_string(), 0.0); // zero target: null ratios
    pf.programs.push(Program {
        id: "core".to_string(),
        file: ProgramFile {
            name: "Core".to_string(),
            description: None,
            sponsor: None,
        },
        path: "programs/core.yaml".into(),
    });
    let report = crate::metrics::compute(&pf, d("2026-03-01"));
    let files = crate::export::export_all(&pf, &report, "/").unwrap();
    let (_, bytes) = files.iter().find(|(p, _)| p == "portfolio.json").unwrap();
    let v: Value = serde_json::from_slice(bytes).unwrap();

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
    }
    let new = &projects[0];
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
}
