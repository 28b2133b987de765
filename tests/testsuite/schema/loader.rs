//! The schemas and the loader agree: the valid examples load, and every document a schema
//! rejects is rejected by `folio::load::load` as well (so the schema never promises more, or
//! less, than `folio check`).

use std::path::Path;

use folio::schema::SchemaKind;
use serde_json::Value;

use super::{broken_cases, value_rule_cases, yaml, PORTFOLIO, PROJECT, UPDATE};

/// Writes a one-project content folder; each document is given as a JSON value.
fn write_content(root: &Path, portfolio: &Value, project: &Value, update: &Value) {
    let to_yaml = |v: &Value| serde_yaml::to_string(v).unwrap();
    std::fs::create_dir_all(root.join("programs")).unwrap();
    std::fs::create_dir_all(root.join("projects/crm/updates")).unwrap();
    std::fs::write(root.join("portfolio.yaml"), to_yaml(portfolio)).unwrap();
    std::fs::write(root.join("programs/crm-2026.yaml"), "name: CRM 2026\n").unwrap();
    std::fs::write(root.join("projects/crm/project.yaml"), to_yaml(project)).unwrap();
    let md = format!("---\n{}---\nAll fine; M1 design moved.\n", to_yaml(update));
    std::fs::write(root.join("projects/crm/updates/2026-03-02.md"), md).unwrap();
}

fn load(portfolio: &Value, project: &Value, update: &Value) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("content");
    write_content(&root, portfolio, project, update);
    match folio::load::load(&root) {
        Ok(_) => Ok(()),
        Err(diags) => Err(diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")),
    }
}

/// The valid one-project folder with `people.yaml` holding `people`.
fn load_people(people: &Value) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("content");
    write_content(&root, &yaml(PORTFOLIO), &yaml(PROJECT), &yaml(UPDATE));
    std::fs::write(root.join("people.yaml"), serde_yaml::to_string(people).unwrap()).unwrap();
    match folio::load::load(&root) {
        Ok(_) => Ok(()),
        Err(diags) => Err(diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")),
    }
}

/// A people.yaml both accept, and what the schema rejects (an unknown key, a capacity over a
/// week's 168 hours, a target over 100) the loader rejects.
#[test]
fn people_schema_and_loader_agree() {
    let ok = yaml("- {name: Ana Ruiz, email: ana@example.com, aliases: [Ana R.], capacity: 32, billable_target: 70, time_off: [{from: 2026-03-02, to: 2026-03-03}]}\n- {name: Ben Okafor, billable: false}\n");
    assert!(super::errors(SchemaKind::People, &ok).is_empty());
    load_people(&ok).unwrap();
    for bad in [
        "- {name: Ana, capcity: 32}\n",
        "- {name: Ana, capacity: 200}\n",
        "- {name: Ana, billable_target: 120}\n",
        "name: Ana\n",
    ] {
        let doc = yaml(bad);
        assert!(
            !super::errors(SchemaKind::People, &doc).is_empty(),
            "schema accepts {bad}"
        );
        assert!(load_people(&doc).is_err(), "loader accepts {bad}");
    }
}

#[test]
fn the_valid_examples_load() {
    load(&yaml(PORTFOLIO), &yaml(PROJECT), &yaml(UPDATE)).unwrap();
}

#[test]
fn what_the_schemas_reject_the_loader_rejects() {
    let (pf, pj, up) = (yaml(PORTFOLIO), yaml(PROJECT), yaml(UPDATE));
    for (kind, doc, what) in broken_cases().into_iter().chain(value_rule_cases()) {
        let result = match kind {
            SchemaKind::Portfolio => load(&doc, &pj, &up),
            SchemaKind::Project => load(&pf, &doc, &up),
            SchemaKind::Update => load(&pf, &pj, &doc),
            SchemaKind::Pipeline => unreachable!(
                "the cases cover the three project files; pipeline.yaml has its own tests (pipeline.rs)"
            ),
            SchemaKind::People => load_people(&doc),
        };
        assert!(
            result.is_err(),
            "the loader accepts what the {kind:?} schema rejects: {what}"
        );
    }
}
