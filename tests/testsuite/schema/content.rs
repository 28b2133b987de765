//! Every file of a content folder (the bundled example, a `folio init` sample) validates
//! against the schemas.

use std::path::Path;

use folio::schema::SchemaKind;

use super::{errors, yaml};

/// The YAML front matter of an update file.
fn front_matter(text: &str) -> &str {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .expect("front matter");
    let end = rest.find("\n---").expect("closing ---");
    &rest[..end]
}

/// Validates every file of a content folder; returns how many were checked.
fn validate_content(root: &Path) -> usize {
    let mut checked = 0;
    let mut problems = Vec::new();
    let mut check = |kind: SchemaKind, path: &Path, doc: &str| {
        checked += 1;
        let errs = errors(kind, &yaml(doc));
        if !errs.is_empty() {
            problems.push(format!("{}: {errs:?}", path.display()));
        }
    };
    let portfolio = root.join("portfolio.yaml");
    check(
        SchemaKind::Portfolio,
        &portfolio,
        &std::fs::read_to_string(&portfolio).unwrap(),
    );
    let people = root.join("people.yaml");
    if people.is_file() {
        check(
            SchemaKind::People,
            &people,
            &std::fs::read_to_string(&people).unwrap(),
        );
    }
    for entry in std::fs::read_dir(root.join("projects")).unwrap() {
        let dir = entry.unwrap().path();
        let project = dir.join("project.yaml");
        if !project.exists() {
            continue;
        }
        check(
            SchemaKind::Project,
            &project,
            &std::fs::read_to_string(&project).unwrap(),
        );
        let Ok(updates) = std::fs::read_dir(dir.join("updates")) else {
            continue;
        };
        for u in updates {
            let path = u.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                check(SchemaKind::Update, &path, front_matter(&text));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    checked
}

#[test]
fn bundled_content_validates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    assert!(
        root.join("portfolio.yaml").is_file(),
        "the bundled example content/ is part of the repository; missing from {}",
        root.display()
    );
    assert!(root.join("people.yaml").is_file(), "the example has people.yaml");
    let n = validate_content(&root);
    assert!(n > 2, "only {n} files checked");
}

#[test]
fn init_sample_validates() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("portfolio");
    folio::init::init(&repo).unwrap();
    assert_eq!(validate_content(&repo.join("content")), 3);
}
