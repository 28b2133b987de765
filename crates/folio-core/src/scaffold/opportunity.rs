//! `folio new opportunity <id>`: appends a commented opportunity to `pipeline.yaml` (creating
//! the file when there is none). The entry is valid once its `TODO`s are replaced; nothing
//! already in the file is changed.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{Duration, NaiveDate};

use super::{check_content_root, check_inside, known_projects, valid_id, write_new};
use crate::model::PipelineFile;
use crate::yaml::{self, Source};

/// Appends opportunity `id` to `content/pipeline.yaml`; `today` dates it (start in 30 days,
/// end 90 days later). Refuses an invalid id, a project's id (a won opportunity is a
/// project), an id already in the pipeline, and a `pipeline.yaml` that does not end in its
/// `opportunities:` list.
pub fn new_opportunity(content: &Path, id: &str, today: NaiveDate) -> anyhow::Result<PathBuf> {
    if !valid_id(id) {
        anyhow::bail!(
            "`{id}` is not a valid opportunity id: use 1-64 lowercase letters, digits and `-`, \
             starting with a letter or digit (it becomes the project's id once won), e.g. `acme-data-platform`"
        );
    }
    check_content_root(content)?;
    if known_projects(content).iter().any(|p| p == id) {
        anyhow::bail!(
            "`{id}` is already a project (projects/{id}): a won opportunity is a project; choose another id"
        );
    }
    let path = content.join("pipeline.yaml");
    check_inside(content, &path)?;
    let entry = entry(id, today);
    if !path.exists() {
        write_new(&path, &format!("{HEADER}opportunities:\n{entry}"))?;
        return Ok(path);
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let file: PipelineFile = yaml::parse(Source::file(Path::new("pipeline.yaml"), &text))
        .map(|(f, _)| f)
        .map_err(|_| {
            anyhow::anyhow!(
                "{} has problems; run `folio check` and fix them first",
                path.display()
            )
        })?;
    if file.opportunities.iter().any(|o| o.id == id) {
        anyhow::bail!("opportunity `{id}` is already in {}", path.display());
    }
    if !ends_in_list(&text) {
        anyhow::bail!(
            "{} does not end with its `opportunities:` list (as a block of `- id:` items), so folio \
             cannot append to it safely; move `opportunities:` to the end of the file",
            path.display()
        );
    }
    let mut out = text;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&entry);
    std::fs::write(&path, out).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

const HEADER: &str =
    "# The sales pipeline: signed-soon work, weighted by probability into the coming quarters.\n\
# Add one with `folio new opportunity <id>`; remove one once it is won (its project takes over).\n\n";

/// True when the last line that is not blank or a comment belongs to the top-level
/// `opportunities:` block list (or is `opportunities:` itself).
fn ends_in_list(text: &str) -> bool {
    let mut in_list = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let top_level = !line.starts_with([' ', '-']);
        if top_level {
            in_list = line.trim_end() == "opportunities:";
        }
    }
    in_list
}

/// The commented entry, indented for the `opportunities:` list.
fn entry(id: &str, today: NaiveDate) -> String {
    let start = today + Duration::days(30);
    let end = start + Duration::days(90);
    format!(
        r#"
  - id: {id}
    customer: "TODO customer"       # as its projects write it: one account per customer name
    name: "TODO what is being sold"
    amount: 1                       # TODO: expected contract value (> 0)
    probability: 10                 # percent, 0-100; 0 lists it as unlikely and counts it nowhere
    start: {start}               # expected start of the work; slides forward once passed
    end: {end}                 # expected end, after start
    stage: qualify                  # e.g. qualify, propose, negotiate, commit
    # region: emea                  # a region id of portfolio.yaml
    # owner: "Account Executive"    # the sales owner
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn creates_then_appends_and_refuses_duplicates_and_projects() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("portfolio.yaml"), "title: T\n").unwrap();
        std::fs::create_dir_all(dir.path().join("projects/alpha")).unwrap();
        std::fs::write(dir.path().join("projects/alpha/project.yaml"), "name: A\n").unwrap();
        let p = new_opportunity(dir.path(), "acme-x", d("2026-12-02")).unwrap();
        new_opportunity(dir.path(), "acme-y", d("2026-12-02")).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        let file: PipelineFile = yaml::parse(Source::file(Path::new("pipeline.yaml"), &text))
            .unwrap()
            .0;
        let ids: Vec<&str> = file.opportunities.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, vec!["acme-x", "acme-y"]);
        assert_eq!(file.opportunities[0].start, d("2027-01-01"));
        assert_eq!(file.opportunities[0].end, d("2027-04-01"));
        let again = new_opportunity(dir.path(), "acme-x", d("2026-12-02"))
            .unwrap_err()
            .to_string();
        assert!(again.contains("already in"), "{again}");
        let project = new_opportunity(dir.path(), "alpha", d("2026-12-02"))
            .unwrap_err()
            .to_string();
        assert!(project.contains("already a project"), "{project}");
        assert!(new_opportunity(dir.path(), "Bad Id", d("2026-12-02")).is_err());
    }

    #[test]
    fn refuses_a_file_that_does_not_end_in_the_list() {
        assert!(ends_in_list("opportunities:\n  - id: a\n    amount: 1\n# done\n"));
        assert!(ends_in_list("opportunities:\n"));
        assert!(!ends_in_list("opportunities: []\n"));
        assert!(!ends_in_list("opportunities:\n  - id: a\nother: 1\n"));
    }
}
