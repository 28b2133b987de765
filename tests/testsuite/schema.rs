//! `folio schema`: the JSON Schemas accept what the loader's structs accept and reject what
//! they reject (checked with the independent `jsonschema` validator), and the CLI prints and
//! writes them. Every file of the bundled `content/` validates (missing is a failure). The schemas
//! committed in `schemas/` are exactly what `folio schema` generates.

use assert_cmd::Command;
use folio::model::{PortfolioFile, ProjectFile, UpdateFrontMatter};
use folio::schema::{schema, schema_value, SchemaKind};
use serde_json::Value;
use std::sync::OnceLock;

/// The compiled validator of `kind`'s schema, built once per test run (compiling one in a debug
/// build costs more than validating a hundred files with it).
fn validator(kind: SchemaKind) -> &'static jsonschema::Validator {
    static COMPILED: [OnceLock<jsonschema::Validator>; SchemaKind::ALL.len()] =
        [const { OnceLock::new() }; SchemaKind::ALL.len()];
    let i = SchemaKind::ALL.iter().position(|k| *k == kind).unwrap();
    COMPILED[i].get_or_init(|| {
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema_value(kind))
            .expect("the generated schema compiles")
    })
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("test YAML parses")
}

fn errors(kind: SchemaKind, doc: &Value) -> Vec<String> {
    validator(kind)
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

const PORTFOLIO: &str = "
title: ACME PS
organization: ACME
currency: EUR
fiscal_year_start_month: 2
stale_after_days: 10
revenue_targets:
  FY27-Q1: 2400000
  FY27-Q2: 2500000.5
thresholds:
  cpi_red: 0.8
  slip_amber_days: 3
theme: default
as_of: 2026-03-31
base_url: https://acme.gitlab.io/portfolio/
";

const PROJECT: &str = "
name: CRM rollout
customer: Globex
program: crm-2026
region: EMEA
manager: Ann Lee
sponsor: Bob
engagement: time_and_materials
contract_value: 250000
budget: 180000
rate: 150
start: 2026-01-05
end: 2026-06-30
plan:
  - {date: 2026-03-01, percent: 40}
milestones:
  - {id: M1 design, name: Design, due: 2026-02-15, weight: 2}
team:
  - {name: Ann Lee, role: PM, allocation: 50}
partners:
  - {name: Initech, role: integration, budget: 20000}
tags: [crm, emea]
description: |
  **Markdown**
";

const UPDATE: &str = "
date: 2026-03-02
author: Ann Lee
status: {overall: amber, schedule: red, budget: green, scope: green}
percent_complete: 35.5
planned_percent: 40
actual_cost: 61000
hours: 400
estimate_at_completion: 190000
forecast_end: 2026-07-15
milestones:
  - {id: M1 design, forecast: 2026-02-20, done: 2026-02-21}
risks:
  - {id: R-1, title: Data quality, probability: 3, impact: 4, owner: Ann, mitigation: Clean-up sprint, status: open}
issues:
  - {id: I-1, title: VPN, severity: high, owner: Bob, status: open}
escalations:
  - {id: E-1, title: Sign-off, severity: critical, raised: 2026-02-28, owner: Bob, status: open}
changes:
  - {id: CR-1, title: Extra country, status: approved, budget_delta: 20000, value_delta: 30000, schedule_delta_days: 14}
";

#[test]
fn valid_files_validate_and_load() {
    for (kind, text) in [
        (SchemaKind::Portfolio, PORTFOLIO),
        (SchemaKind::Project, PROJECT),
        (SchemaKind::Update, UPDATE),
    ] {
        assert_eq!(errors(kind, &yaml(text)), Vec::<String>::new(), "{kind:?}");
    }
    // The loader's structs accept the same documents.
    serde_yaml::from_str::<PortfolioFile>(PORTFOLIO).unwrap();
    serde_yaml::from_str::<ProjectFile>(PROJECT).unwrap();
    serde_yaml::from_str::<UpdateFrontMatter>(UPDATE).unwrap();
    // Minimal files too.
    let minimal_update = "status: {overall: green}\npercent_complete: 0\nactual_cost: 0\n";
    assert!(errors(SchemaKind::Update, &yaml(minimal_update)).is_empty());
    assert!(errors(SchemaKind::Portfolio, &yaml("title: x\n")).is_empty());
}

/// `base` with one key replaced (or added) at a top-level or nested path.
fn with(base: &str, path: &[&str], value: Value) -> Value {
    let mut doc = yaml(base);
    let mut cur = &mut doc;
    for key in &path[..path.len() - 1] {
        cur = match key.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => &mut cur[*key],
        };
    }
    cur[path[path.len() - 1]] = value;
    doc
}

#[test]
fn broken_files_are_rejected_like_the_loader_does() {
    let cases = broken_cases();
    for (kind, doc, what) in cases {
        assert!(
            !errors(kind, &doc).is_empty(),
            "{what} must be rejected by the {kind:?} schema"
        );
    }
    // Required keys.
    let mut doc = yaml(UPDATE);
    doc.as_object_mut().unwrap().remove("status");
    assert!(!errors(SchemaKind::Update, &doc).is_empty());
    // Time and materials needs a rate; fixed price does not.
    let mut doc = yaml(PROJECT);
    doc.as_object_mut().unwrap().remove("rate");
    assert!(!errors(SchemaKind::Project, &doc).is_empty(), "T&M without rate");
    doc["engagement"] = "fixed_price".into();
    assert!(
        errors(SchemaKind::Project, &doc).is_empty(),
        "fixed price without rate"
    );
    // The loader's structs reject unknown keys as well.
    assert!(serde_yaml::from_str::<UpdateFrontMatter>(&format!("{UPDATE}percent_compelte: 5\n")).is_err());
}

#[test]
fn schemas_carry_identification_and_deny_unknown_keys() {
    for kind in SchemaKind::ALL {
        let v = schema_value(kind);
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(v["$id"], format!("urn:folio:schema:{}", kind.name()));
        assert!(v["title"].as_str().unwrap().contains("folio"));
        assert!(v["description"].is_string());
        // people.yaml is a list: each person denies unknown keys.
        let object = if kind == SchemaKind::People {
            let name = v["items"]["$ref"].as_str().unwrap().rsplit('/').next().unwrap();
            v["definitions"][name].clone()
        } else {
            v.clone()
        };
        assert_eq!(object["additionalProperties"], false, "{kind:?}");
        // The meta-schema accepts it.
        assert!(jsonschema::meta::is_valid(&v), "{kind:?}");
    }
}

#[test]
fn cli_prints_one_schema_and_writes_all() {
    let out = Command::cargo_bin("folio")
        .unwrap()
        .args(["schema", "update"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.ends_with("}\n"));
    assert_eq!(text, schema(SchemaKind::Update));
    let parsed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed["properties"]["percent_complete"]["maximum"], 100);

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nested/schemas");
    Command::cargo_bin("folio")
        .unwrap()
        .args(["schema", "--out"])
        .arg(&target)
        .assert()
        .success();
    for kind in SchemaKind::ALL {
        let text = std::fs::read_to_string(target.join(format!("{}.schema.json", kind.name()))).unwrap();
        assert_eq!(text, schema(kind));
    }
    Command::cargo_bin("folio")
        .unwrap()
        .args(["schema", "bogus"])
        .assert()
        .code(2);
}

#[test]
fn the_loaders_value_rules_are_in_the_schemas() {
    let cases = value_rule_cases();
    for (kind, doc, what) in cases {
        assert!(
            !errors(kind, &doc).is_empty(),
            "{what} must be rejected by the {kind:?} schema"
        );
    }
    // Ids of exactly 64 characters, with spaces and non-ASCII letters, are fine.
    let id: String = "é d".repeat(22).chars().take(64).collect();
    let doc = with(PROJECT, &["milestones", "0", "id"], id.into());
    assert_eq!(errors(SchemaKind::Project, &doc), Vec::<String>::new());
    // A name of exactly 200 characters (not bytes) is fine, as it is for the loader.
    let doc = with(PROJECT, &["name"], "é".repeat(200).into());
    assert_eq!(errors(SchemaKind::Project, &doc), Vec::<String>::new());
}

#[test]
fn only_standard_formats_remain() {
    for kind in SchemaKind::ALL {
        let text = schema(kind);
        for f in ["\"double\"", "\"uint8\"", "\"uint32\"", "\"int64\""] {
            assert!(!text.contains(f), "{kind:?} still has format {f}");
        }
        assert!(text.contains("\"format\": \"date\""), "{kind:?}");
    }
}

mod content;
mod loader;

/// Documents each schema must reject: (kind, document, what is wrong).
pub(crate) fn broken_cases() -> Vec<(SchemaKind, Value, &'static str)> {
    vec![
        (
            SchemaKind::Update,
            with(UPDATE, &["percent_compelte"], 5.into()),
            "unknown key",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["percent_complete"], 101.into()),
            "percent 101",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["percent_complete"], (-1).into()),
            "percent -1",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["actual_cost"], (-5).into()),
            "negative cost",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["estimate_at_completion"], 0.into()),
            "EAC 0",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["status", "overall"], "blue".into()),
            "bad RAG",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["status", "mood"], "ok".into()),
            "unknown nested key",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["risks", "0", "probability"], 6.into()),
            "probability 6",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["risks", "0", "impact"], 0.into()),
            "impact 0",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["risks", "0", "id"], "a/b".into()),
            "id with /",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["issues", "0", "severity"], "huge".into()),
            "severity",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["forecast_end"], "2026-13-01".into()),
            "bad date",
        ),
        (
            SchemaKind::Update,
            with(UPDATE, &["forecast_end"], "next week".into()),
            "not a date",
        ),
        (
            SchemaKind::Project,
            with(PROJECT, &["program"], "CRM 2026".into()),
            "program id",
        ),
        (
            SchemaKind::Project,
            with(PROJECT, &["budget"], 0.into()),
            "budget 0",
        ),
        (
            SchemaKind::Project,
            with(PROJECT, &["engagement"], "retainer".into()),
            "engagement",
        ),
        (
            SchemaKind::Project,
            with(PROJECT, &["team", "0", "allocation"], 120.into()),
            "allocation",
        ),
        (
            SchemaKind::Project,
            with(PROJECT, &["plan", "0", "percent"], 101.into()),
            "plan %",
        ),
        (
            SchemaKind::Portfolio,
            with(PORTFOLIO, &["fiscal_year_start_month"], 13.into()),
            "month 13",
        ),
        (
            SchemaKind::Portfolio,
            with(PORTFOLIO, &["currency"], "euro".into()),
            "currency",
        ),
        (
            SchemaKind::Portfolio,
            with(PORTFOLIO, &["revenue_targets", "Q1-2027"], 1.into()),
            "label",
        ),
        (
            SchemaKind::Portfolio,
            with(PORTFOLIO, &["thresholds", "cpi_redd"], 1.into()),
            "threshold typo",
        ),
    ]
}

/// The value rules the loader checks by hand (ranges, non-blank text, formats).
pub(crate) fn value_rule_cases() -> Vec<(SchemaKind, Value, &'static str)> {
    use SchemaKind::{Portfolio as Pf, Project as Pj};
    let long = "x".repeat(65);
    vec![
        (
            Pf,
            with(PORTFOLIO, &["thresholds", "cpi_red"], (-1).into()),
            "threshold < 0",
        ),
        (
            Pf,
            with(PORTFOLIO, &["revenue_targets", "FY27-Q3"], (-1).into()),
            "target < 0",
        ),
        (
            Pf,
            with(PORTFOLIO, &["base_url"], "acme.gitlab.io".into()),
            "relative URL",
        ),
        (Pf, with(PORTFOLIO, &["title"], "  ".into()), "blank title"),
        (
            Pf,
            with(PORTFOLIO, &["stale_after_days"], (-1).into()),
            "stale < 0",
        ),
        (
            Pj,
            with(PROJECT, &["milestones", "0", "id"], " ".into()),
            "blank id",
        ),
        (
            Pj,
            with(PROJECT, &["milestones", "0", "id"], long.into()),
            "long id",
        ),
        (
            Pj,
            with(PROJECT, &["milestones", "0", "weight"], (-1).into()),
            "weight < 0",
        ),
        (
            Pj,
            with(PROJECT, &["partners", "0", "budget"], (-1).into()),
            "partner budget",
        ),
        (Pj, with(PROJECT, &["manager"], "".into()), "blank manager"),
        (Pj, with(PROJECT, &["start"], "05/01/2026".into()), "US date"),
        (
            Pj,
            with(PROJECT, &["milestones", "0", "due"], "9999-12-31".into()),
            "date after 2199",
        ),
        (
            Pj,
            with(PROJECT, &["start"], "1969-12-31".into()),
            "date before 1970",
        ),
        (
            Pf,
            with(PORTFOLIO, &["title"], "é".repeat(201).into()),
            "title of 201 characters",
        ),
        (
            Pj,
            with(PROJECT, &["name"], "é".repeat(201).into()),
            "name of 201 characters",
        ),
    ]
}

#[test]
fn the_schemas_in_the_repository_are_what_folio_writes() {
    // `schemas/` beside `content/` is what editors validate against (docs/schemas.md); after a
    // change to the content model, regenerate it with `folio schema --out schemas`.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        let committed = std::fs::read_to_string(&path).expect("the schema is in the repository");
        assert_eq!(
            committed.trim_end(),
            schema(kind).trim_end(),
            "{} is out of date: run `folio schema --out schemas`",
            path.display()
        );
    }
}

/// The JSON Schemas committed in `schemas/` (referenced by the example content for editors)
/// must be exactly what `folio schema` generates from the model.
#[test]
fn committed_schemas_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for (kind, file) in [
        (SchemaKind::Portfolio, "portfolio.schema.json"),
        (SchemaKind::Project, "project.schema.json"),
        (SchemaKind::Update, "update.schema.json"),
    ] {
        let committed = std::fs::read_to_string(root.join(file)).unwrap();
        assert_eq!(
            committed,
            schema(kind),
            "schemas/{file} is stale: run `folio schema --out schemas`"
        );
    }
}
