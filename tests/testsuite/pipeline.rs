//! The sales pipeline end to end: `pipeline.yaml` through `folio check` (errors and warnings
//! at file:line:col with their codes), `folio new opportunity` (an entry that passes `check`
//! once its TODOs are filled in), and `build` writing `pipeline.csv` and the pipeline keys of
//! `portfolio.json`.

use std::fs;
use std::path::PathBuf;

use crate::harness::{check, fixture_copy, run as folio};

const OPPORTUNITY: &str = "  - id: {id}
    customer: {customer}
    name: Next phase
    amount: 100000
    probability: {p}
    start: {start}
    end: 2027-06-30
";

fn opportunity(id: &str, customer: &str, p: &str, start: &str) -> String {
    OPPORTUNITY
        .replace("{id}", id)
        .replace("{customer}", customer)
        .replace("{p}", p)
        .replace("{start}", start)
}

#[test]
fn every_problem_of_a_pipeline_is_located_with_its_code() {
    let tmp = fixture_copy("valid");
    let mut y = String::from("opportunities:\n");
    y += &opportunity("acme", "Acme Corp", "50", "2027-01-04"); // line 2: a project's id
    y += &opportunity("won-elsewhere", "Acme Corp", "50", "2027-01-04"); // line 9
    y += "    project: beta\n"; // line 16
    y += &opportunity("bad-prob", "ACME corp.", "150", "2027-01-04"); // line 17
    y += "    project: betta\n"; // line 24
    fs::write(tmp.path().join("pipeline.yaml"), y).unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 1, "{err}");
    for (at, words) in [
        ("pipeline.yaml:2:9: error[opportunity-is-project]", "it was won"),
        (
            "pipeline.yaml:16:14: warning[opportunity-won]",
            "won as project `beta`",
        ),
        ("pipeline.yaml:21:18: error[out-of-range]", "probability"),
        (
            "pipeline.yaml:24:14: error[unknown-project]",
            "did you mean `beta`?",
        ),
        (
            "pipeline.yaml:18:15: warning[similar-customer]",
            "`ACME corp.` differs from `Acme Corp`",
        ),
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(at))
            .unwrap_or_else(|| panic!("no `{at}` in:\n{err}"));
        let block: String = err[err.find(line).unwrap()..]
            .lines()
            .take(4)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(block.contains(words), "`{words}` not in:\n{block}");
    }
}

#[test]
fn a_passed_start_warns_with_the_new_dates_and_check_passes() {
    let tmp = fixture_copy("valid");
    let y = format!(
        "opportunities:\n{}",
        opportunity("next", "Acme Corp", "40", "2026-01-05")
    );
    fs::write(tmp.path().join("pipeline.yaml"), y).unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("pipeline.yaml:7:12: warning[opportunity-start-passed]"),
        "{err}"
    );
}

#[test]
fn a_new_opportunity_passes_check_once_its_todos_are_filled_in() {
    let tmp = fixture_copy("valid");
    let (code, _, err) = folio(
        tmp.path(),
        &["new", "opportunity", "acme-phase-2", "--content", "."],
    );
    assert_eq!(code, 0, "{err}");
    let path: PathBuf = tmp.path().join("pipeline.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 1, "the TODOs are errors until filled in:\n{err}");
    assert!(err.contains("placeholder"), "{err}");
    let filled = text
        .replace("\"TODO customer\"", "Acme Corp")
        .replace("\"TODO what is being sold\"", "Phase 2")
        .replace("amount: 1  ", "amount: 90000");
    fs::write(&path, filled).unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{err}");
    // A second one is appended to the same list.
    let (code, _, err) = folio(
        tmp.path(),
        &["new", "opportunity", "beta-renewal", "--content", "."],
    );
    assert_eq!(code, 0, "{err}");
    assert!(fs::read_to_string(&path).unwrap().contains("- id: beta-renewal"));
}

#[test]
fn build_writes_pipeline_csv_and_the_pipeline_keys() {
    let tmp = fixture_copy("valid");
    let y = format!(
        "opportunities:\n{}{}",
        opportunity("acme-next", "Acme Corp", "40", "2027-01-05"),
        opportunity("gamma-new", "=Gamma", "0", "2027-01-05")
    );
    fs::write(tmp.path().join("pipeline.yaml"), y).unwrap();
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("out");
    let (code, _, err) = folio(
        tmp.path(),
        &[
            "build",
            "--content",
            ".",
            "--output",
            out.to_str().unwrap(),
            "--as-of",
            "2026-12-02",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let csv = fs::read_to_string(out.join("pipeline.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].starts_with("\"id\",\"name\",\"customer\",\"account\""),
        "{csv}"
    );
    assert!(
        lines[1].starts_with("\"acme-next\",\"Next phase\",\"Acme Corp\",\"acme-corp\""),
        "{csv}"
    );
    assert!(lines[1].contains(",100000,40,40000,\"2027-01-05\""), "{csv}");
    // A customer name that starts a formula is neutralized; probability 0 is unlikely.
    assert!(
        lines[2].contains("\"'=Gamma\"") && lines[2].contains("\"unlikely\""),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("portfolio.json")).unwrap()).unwrap();
    assert_eq!(json["pipeline"]["opportunities"][0]["weighted"], 40000.0);
    assert!(json["portfolio"]["backlog"].is_number());
    let accounts: Vec<&str> = json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(accounts, vec!["acme-corp", "beta-inc", "gamma"]);
}
