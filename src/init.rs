//! `folio init DIR`: a new content repository (portfolio.yaml, a sample program, project and
//! update, `.gitlab-ci.yml`, README, editor schemas) that passes `folio check` and builds at
//! once.
//!
//! Layout: `DIR/content/...` (the default content folder, so `cd DIR && folio build` works),
//! `DIR/.gitlab-ci.yml`, `DIR/README.md`, `DIR/.gitignore`, `DIR/schemas/*.schema.json` and
//! `DIR/.vscode/settings.json`. The templates live in `src/init/` and are embedded; their dates
//! are placed relative to the day of `init` so the sample is current. `DIR` must be absent or
//! empty, and no file is ever overwritten.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use chrono::{Datelike, Days, NaiveDate};

use crate::schema::SchemaKind;

const PORTFOLIO: &str = include_str!("init/portfolio.yaml");
const PROGRAM: &str = include_str!("init/program.yaml");
const PROJECT: &str = include_str!("init/project.yaml");
const UPDATE: &str = include_str!("init/update.md");
const GITLAB_CI: &str = include_str!("init/gitlab-ci.yml");
const README: &str = include_str!("init/README.md");
const GITIGNORE: &str = include_str!("init/gitignore");
const VSCODE: &str = include_str!("init/vscode-settings.json");

/// Id of the sample project.
pub const SAMPLE_PROJECT: &str = "sample-rollout";
/// Id of the sample program.
pub const SAMPLE_PROGRAM: &str = "onboarding";

/// The `.gitlab-ci.yml` that `folio init` writes. It pins `FOLIO_VERSION` to this folio's own
/// version, so the pipeline downloads the release that wrote the repository.
pub fn gitlab_ci_template() -> String {
    GITLAB_CI.replace("{{FOLIO_VERSION}}", env!("CARGO_PKG_VERSION"))
}

/// Fiscal quarter label of a date for a fiscal year starting in January (`FY26-Q4`).
fn quarter_label(d: NaiveDate) -> String {
    format!("FY{:02}-Q{}", d.year().rem_euclid(100), (d.month0() / 3) + 1)
}

/// The first day of the quarter after `d`'s.
fn next_quarter_start(d: NaiveDate) -> NaiveDate {
    let q0 = d.month0() / 3;
    let (y, m) = if q0 == 3 {
        (d.year() + 1, 1)
    } else {
        (d.year(), q0 * 3 + 4)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

fn fmt(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn days_before(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

fn days_after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// Every file of a new repository (path relative to `DIR` → text), dated relative to `today`.
pub fn files(title: &str, today: NaiveDate) -> Vec<(String, String)> {
    // A 26-week project, 8 weeks in, on plan and on budget.
    let start = days_before(today, 56);
    let end = days_after(start, 182);
    let percent: f64 = 56.0 * 100.0 / 182.0;
    let percent = (percent * 10.0).round() / 10.0;
    let actual_cost = (120_000.0 * percent / 100.0 * 0.97).round();
    let vars = [
        ("{{TITLE}}", title.to_string()),
        ("{{TODAY}}", fmt(today)),
        ("{{START}}", fmt(start)),
        ("{{END}}", fmt(end)),
        ("{{KICKOFF}}", fmt(days_after(start, 7))),
        ("{{DESIGN}}", fmt(days_after(start, 35))),
        ("{{GO_LIVE}}", fmt(days_before(end, 14))),
        ("{{PERCENT}}", format!("{percent}")),
        ("{{ACTUAL_COST}}", format!("{actual_cost}")),
        ("{{QUARTER}}", quarter_label(today)),
        ("{{NEXT_QUARTER}}", quarter_label(next_quarter_start(today))),
    ];
    let fill = |template: &str| {
        vars.iter()
            .fold(template.to_string(), |s, (k, v)| s.replace(k, v))
    };
    let mut out = vec![
        ("content/portfolio.yaml".to_string(), fill(PORTFOLIO)),
        (format!("content/programs/{SAMPLE_PROGRAM}.yaml"), fill(PROGRAM)),
        (
            format!("content/projects/{SAMPLE_PROJECT}/project.yaml"),
            fill(PROJECT),
        ),
        (
            format!("content/projects/{SAMPLE_PROJECT}/updates/{}.md", fmt(today)),
            fill(UPDATE),
        ),
        (".gitlab-ci.yml".to_string(), gitlab_ci_template()),
        ("README.md".to_string(), fill(README)),
        (".gitignore".to_string(), GITIGNORE.to_string()),
        (".vscode/settings.json".to_string(), VSCODE.to_string()),
    ];
    for kind in SchemaKind::ALL {
        out.push((
            format!("schemas/{}", kind.file_name()),
            crate::schema::schema(kind),
        ));
    }
    out
}

/// A title for the sample from the folder name (`acme-ps` → `Acme Ps`).
fn title_from_dir(dir: &Path) -> String {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect())
                .unwrap_or_default()
        })
        .collect();
    if words.is_empty() {
        "Our".to_string()
    } else {
        // Quotes would end the YAML string the title is placed in.
        words.join(" ").replace(['"', '\\'], "")
    }
}

/// Creates the repository in `dir` (absent or empty). Returns the files written.
pub fn init(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    init_on(dir, chrono::Local::now().date_naive())
}

/// [`init`] with the sample dated relative to `today`.
pub fn init_on(dir: &Path, today: NaiveDate) -> anyhow::Result<Vec<PathBuf>> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{} exists and is not a folder", dir.display());
        }
        let mut entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
        if entries.next().is_some() {
            bail!(
                "{} is not empty; `folio init` only creates a new repository in an empty or absent folder",
                dir.display()
            );
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::new();
    for (rel, text) in files(&title_from_dir(dir), today) {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("creating {}", path.display()))?;
        f.write_all(text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The as-of date of the tests.
    const AS_OF: Option<NaiveDate> = NaiveDate::from_ymd_opt(2026, 11, 27);

    #[test]
    fn quarters() {
        let as_of = AS_OF.unwrap();
        assert_eq!(quarter_label(as_of), "FY26-Q4");
        assert_eq!(quarter_label(next_quarter_start(as_of)), "FY27-Q1");
        let february = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        assert_eq!(quarter_label(next_quarter_start(february)), "FY26-Q2");
    }

    #[test]
    fn templates_are_filled() {
        for (path, text) in files("Acme", AS_OF.unwrap()) {
            assert!(!text.contains("{{"), "{path} has an unfilled placeholder");
        }
        assert_eq!(title_from_dir(Path::new("/tmp/acme-ps")), "Acme Ps");
    }
}
