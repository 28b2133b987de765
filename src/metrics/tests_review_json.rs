//! Independent review of `portfolio.json` (see docs/exports.md) for the worked example of
//! `tests_review`: every key with its name and nesting, unrounded numbers, `null` for undefined
//! ratios, lists sorted by id.

use serde_json::Value;

use crate::metrics::testkit::close;
use crate::metrics::testkit::spec_keys::*;
use crate::metrics::tests_review::worked;

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
