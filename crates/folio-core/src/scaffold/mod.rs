//! Scaffolding: `folio new project`, `folio new update`, `folio new opportunity`. Never
//! overwrites a file (a new opportunity is appended to `pipeline.yaml`).
//!
//! - [`new_project`] writes a commented `projects/<id>/project.yaml` that is valid as written
//!   (placeholders marked `TODO`) and explains every key;
//! - [`new_update_noted`] (in [`update`]) writes `projects/<id>/updates/<date>.md` carried over from
//!   the latest earlier update, with the open records listed as comments.

mod alone;
mod opportunity;
mod update;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{Duration, NaiveDate};

pub use opportunity::new_opportunity;
pub use update::{new_update_noted, ProjectErrors};

pub use crate::load::is_valid_id as valid_id;

fn check_content_root(content: &Path) -> anyhow::Result<()> {
    if !content.join("portfolio.yaml").is_file() {
        anyhow::bail!(
            "{} is not a content folder (no portfolio.yaml); pass `--content DIR` or create one with `folio init`",
            content.display()
        );
    }
    Ok(())
}

/// Refuses a `path` whose existing folders lead outside the content folder (a symbolic link
/// such as `projects/x -> /etc`): the loader would refuse the link, and nothing may be written
/// through it.
fn check_inside(content: &Path, path: &Path) -> anyhow::Result<()> {
    let root = content
        .canonicalize()
        .with_context(|| format!("cannot read {}", content.display()))?;
    let mut dir = path.parent();
    while let Some(d) = dir {
        if std::fs::symlink_metadata(d).is_ok() {
            let real = d.canonicalize().with_context(|| {
                format!(
                    "{} is a broken symbolic link; remove it or point it inside the content folder",
                    d.display()
                )
            })?;
            if !real.starts_with(&root) {
                anyhow::bail!(
                    "{} leads outside the content folder (to {}); folio writes only inside it: \
                     remove the link or choose another id",
                    d.display(),
                    real.display()
                );
            }
            return Ok(());
        }
        dir = d.parent();
    }
    Ok(())
}

/// Creates `path` with `text`, refusing to replace an existing file.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{} already exists; folio never overwrites a file: edit it instead",
            path.display()
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
    };
    f.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The ids of the projects in `content/projects` (folders holding a `project.yaml`), sorted.
pub fn known_projects(content: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(content.join("projects"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("project.yaml").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

/// The error for a project id that names no project.
fn unknown_project(content: &Path, id: &str) -> anyhow::Error {
    let known = known_projects(content);
    if known.is_empty() {
        return anyhow::anyhow!(
            "unknown project `{id}`: {} has no projects yet; create one with `folio new project {id}`",
            content.join("projects").display()
        );
    }
    let hint = crate::diagnostics::closest(id, known.iter().map(String::as_str))
        .map(|k| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default();
    anyhow::anyhow!(
        "unknown project `{id}`{hint}; known projects: {}",
        known.join(", ")
    )
}

/// `folio new project ID`: a commented `projects/<id>/project.yaml` skeleton.
pub fn new_project(content: &Path, id: &str) -> anyhow::Result<PathBuf> {
    if !valid_id(id) {
        anyhow::bail!(
            "`{id}` is not a valid project id: use 1-64 lowercase letters, digits and `-`, \
             starting with a letter or digit (it becomes a URL path segment), e.g. `acme-erp-rollout`"
        );
    }
    check_content_root(content)?;
    let path = content.join("projects").join(id).join("project.yaml");
    check_inside(content, &path)?;
    let today = chrono::Local::now().date_naive();
    write_new(&path, &project_skeleton(id, today))?;
    Ok(path)
}

/// The text of a new `project.yaml`; valid as written, every key explained.
pub fn project_skeleton(id: &str, start: NaiveDate) -> String {
    let end = start + Duration::days(90);
    let name = id
        .split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        r#"# Project `{id}`: its definition and baseline. Replace every TODO, then run `folio check`.
# Lines starting with `#` are comments; uncomment the optional keys you need.
# Next: `folio new update {id}` writes this week's status update.

name: "{name}"                  # display name of the project
customer: "TODO customer"       # the customer organization
manager: "TODO project manager" # the PM; default author of the updates
engagement: fixed_price         # fixed_price or time_and_materials
contract_value: 0               # TODO: revenue ceiling of the contract (>= 0)
budget: 1                       # TODO: cost budget, the BAC (> 0)
# rate: 150                     # bill rate per hour; required for time_and_materials
start: {start}               # YYYY-MM-DD
end: {end}                 # baseline end, after start

# program: program-id           # an existing programs/<program-id>.yaml
# region: EMEA                  # e.g. AMER, EMEA, APAC
# sponsor: "Name"               # customer-side sponsor

# Baseline cumulative planned percent complete; (start, 0) and (end, 100) are implied.
# plan:
#   - date: YYYY-MM-DD
#     percent: 50

# Baseline milestones; updates refer to them by id (weight is optional).
# milestones:
#   - id: kickoff
#     name: Kickoff workshop
#     due: YYYY-MM-DD
#     weight: 1

# Team, with allocation in percent of a full week (0-100).
# team:
#   - name: "Full Name"
#     role: Consultant
#     allocation: 50

# Subcontractors and delivery partners (budget is optional).
# partners:
#   - name: "Partner Inc."
#     role: Data migration
#     budget: 20000

# tags: [migration, cloud]

# description: |
#   Markdown: scope, goals, links.
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["a", "0", "acme-erp", "x1-2-3", &"a".repeat(64)] {
            assert!(valid_id(ok), "{ok}");
        }
        for bad in ["", "-a", "A", "a_b", "a/b", "..", "a b", &"a".repeat(65), "é"] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn new_project_refuses_symlink_outside_content() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(content.join("projects")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(content.join("portfolio.yaml"), "title: T\n").unwrap();
        std::os::unix::fs::symlink(&outside, content.join("projects/x")).unwrap();
        let e = new_project(&content, "x").unwrap_err().to_string();
        assert!(e.contains("leads outside the content folder"), "{e}");
        assert!(!outside.join("project.yaml").exists());
        // A link that stays inside the content folder is fine.
        std::fs::create_dir_all(content.join("shared/y")).unwrap();
        std::os::unix::fs::symlink(content.join("shared/y"), content.join("projects/y")).unwrap();
        assert!(new_project(&content, "y").is_ok());
    }

    #[test]
    fn new_project_refuses_bad_ids_and_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        assert!(new_project(dir.path(), "x").is_err(), "no portfolio.yaml");
        std::fs::write(dir.path().join("portfolio.yaml"), "title: T\n").unwrap();
        assert!(new_project(dir.path(), "Bad_Id").is_err());
        let p = new_project(dir.path(), "acme-erp").unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains("name: \"Acme Erp\""));
        let again = new_project(dir.path(), "acme-erp").unwrap_err().to_string();
        assert!(again.contains("already exists"), "{again}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
        assert_eq!(known_projects(dir.path()), vec!["acme-erp".to_string()]);
    }
}
