//! Independent review of `portfolio.json` (SPEC §4.1) for the worked example of
//! `tests_review`: every key with its name and nesting, unrounded numbers, `null` for undefined
//! ratios, lists sorted by id.

use serde_json::Value;

use crate::metrics::testkit::close;
use crate::metrics::tests_review::worked;

#[test]
fn review_portfolio_json_shape() {
    let r = worked();
    let v = serde_json::to_value(&r).unwrap();
    let has = |v: &Value, keys: &[&str]| {
        for k in keys {
            assert!(v.get(*k).is_some(), "missing `{k}` in {v}");
        }
    };
    has(
        &v,
        &[
            "schema_version",
            "as_of",
            "currency",
            "portfolio",
            "programs",
            "projects",
        ],
    );
    assert_eq!(
        (&v["schema_version"], &v["as_of"]),
        (&Value::from(1), &Value::from("2026-05-20"))
    );
    let rollup = [
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
    ];
    let colours = ["green", "amber", "red", "unknown"];
    let p = &v["portfolio"];
    has(p, &rollup);
    has(&p["health"]["declared"], &colours);
    has(&p["health"]["computed"], &colours);
    assert_eq!(p["health"]["declared"]["green"], 1);
    assert_eq!(p["health"]["computed"]["unknown"], 1);
    for q in p["quarters"].as_array().unwrap() {
        has(
            q,
            &[
                "label",
                "target",
                "actual",
                "forecast",
                "attainment",
                "projected_attainment",
            ],
        );
    }
    assert_eq!(p["quarters"][0]["target"], Value::Null);
    for g in v["programs"].as_array().unwrap() {
        has(g, &["id", "name"]);
        has(g, &rollup);
        has(&g["health"]["declared"], &colours);
        has(&g["health"]["computed"], &colours);
    }
    assert_eq!(v["programs"][0]["name"], "P1");
    let projects = v["projects"].as_array().unwrap();
    for pr in projects {
        has(
            pr,
            &[
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
            ],
        );
        has(&pr["health"], &["declared", "computed", "watermelon"]);
        has(
            &pr["evm"],
            &[
                "bac", "pv", "ev", "ac", "cv", "sv", "cpi", "spi", "eac", "etc", "vac", "tcpi",
            ],
        );
        for m in pr["milestones"].as_array().unwrap() {
            has(m, &["id", "name", "due", "forecast", "done", "slip_days", "late"]);
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
