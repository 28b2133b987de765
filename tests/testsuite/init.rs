//! `folio init DIR`: the new repository's layout, refusal to touch a non-empty folder, and that
//! the sample passes `folio check` and `folio build` with the defaults.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::NaiveDate;
use predicates::prelude::*;

fn folio() -> Command {
    Command::cargo_bin("folio").unwrap()
}

/// A repository `folio init` made today in a new temporary folder: (the folder, to keep, and the
/// repository in it).
fn sample() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portfolio");
    folio::init::init(&dir).unwrap();
    (tmp, dir)
}

fn listing(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn creates_the_repository_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme-ps");
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let written = folio::init::init_on(&dir, today).unwrap();
    assert_eq!(written.len(), 13);
    assert_eq!(
        listing(&dir),
        [
            ".gitignore",
            ".gitlab-ci.yml",
            ".vscode/settings.json",
            "README.md",
            "content/portfolio.yaml",
            "content/programs/onboarding.yaml",
            "content/projects/sample-rollout/project.yaml",
            "content/projects/sample-rollout/updates/2026-11-27.md",
            "schemas/people.schema.json",
            "schemas/pipeline.schema.json",
            "schemas/portfolio.schema.json",
            "schemas/project.schema.json",
            "schemas/update.schema.json",
        ]
    );
    let portfolio = std::fs::read_to_string(dir.join("content/portfolio.yaml")).unwrap();
    assert!(portfolio.contains("title: \"Acme Ps portfolio\""), "{portfolio}");
    assert!(portfolio.contains("FY26-Q4: 150000") && portfolio.contains("FY27-Q1: 150000"));
    let project = std::fs::read_to_string(dir.join("content/projects/sample-rollout/project.yaml")).unwrap();
    assert!(
        project.contains("start: 2026-10-02") && project.contains("end: 2027-04-02"),
        "{project}"
    );
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".vscode/settings.json")).unwrap()).unwrap();
    for schema in settings["yaml.schemas"].as_object().unwrap().keys() {
        assert!(dir.join(schema).exists(), "{schema} is mapped but missing");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitlab-ci.yml")).unwrap(),
        folio::init::gitlab_ci_template()
    );
}

#[test]
fn the_sample_loads_into_the_model_structs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("p");
    let today = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    folio::init::init_on(&dir, today).unwrap();
    let c = dir.join("content");
    let read = |p: &str| std::fs::read_to_string(c.join(p)).unwrap();
    let pf: folio::model::PortfolioFile = serde_yaml::from_str(&read("portfolio.yaml")).unwrap();
    assert!(pf.revenue_targets.contains_key("FY27-Q1"));
    let _: folio::model::ProgramFile = serde_yaml::from_str(&read("programs/onboarding.yaml")).unwrap();
    let project: folio::model::ProjectFile =
        serde_yaml::from_str(&read("projects/sample-rollout/project.yaml")).unwrap();
    assert_eq!(project.program.as_deref(), Some("onboarding"));
    assert!(project.start < today && today < project.end);
    let update = read("projects/sample-rollout/updates/2027-01-04.md");
    let front = update
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    let fm: folio::model::UpdateFrontMatter = serde_yaml::from_str(front).unwrap();
    let ids: Vec<&str> = project.milestones.iter().map(|m| m.id.as_str()).collect();
    for m in &fm.milestones {
        assert!(
            ids.contains(&m.id.as_str()),
            "{} is not a baseline milestone",
            m.id
        );
        assert!(m.done.unwrap() <= today);
    }
    assert!(fm.percent_complete > 0.0 && fm.actual_cost > 0.0);
}

#[test]
fn refuses_a_non_empty_folder_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("existing");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "keep me").unwrap();
    let err = folio::init::init(&dir).unwrap_err().to_string();
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(listing(&dir), ["notes.txt"]);
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "keep me");

    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    assert!(folio::init::init(&file).is_err());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");

    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    folio::init::init(&empty).unwrap();
    assert!(empty.join("content/portfolio.yaml").exists());
}

#[test]
fn cli_init_reports_and_fails_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    folio()
        .arg("init")
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicates::str::contains("folio build"));
    assert!(dir.join(".gitlab-ci.yml").exists());
    folio()
        .arg("init")
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not empty"));
}

#[test]
fn the_sample_passes_folio_check() {
    let (_tmp, dir) = sample();
    folio()
        .current_dir(&dir)
        .arg("check")
        .assert()
        .success()
        .stderr(predicates::str::contains("content is valid").and(predicates::str::contains("0 warning")));
    let out = folio()
        .current_dir(&dir)
        .args(["check", "--format", "gitlab"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "[]\n");
}

#[test]
fn check_writes_a_code_quality_report_with_repository_paths() {
    let (_tmp, dir) = sample();
    let today = chrono::Local::now().date_naive();
    let update = dir.join(format!("content/projects/sample-rollout/updates/{today}.md"));
    let text = std::fs::read_to_string(&update).unwrap();
    std::fs::write(&update, text.replace("percent_complete:", "percent_compelte:")).unwrap();
    let project = dir.join("content/projects/sample-rollout/project.yaml");
    let text = std::fs::read_to_string(&project).unwrap();
    std::fs::write(&project, text.replace("budget: 120000", "budget: -5")).unwrap();

    let out = folio()
        .current_dir(&dir)
        .args(["check", "--content", "./content", "--format", "gitlab"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("Code Quality JSON");
    let issues = report.as_array().unwrap();
    assert!(!issues.is_empty());
    let find = |path_end: &str| {
        issues
            .iter()
            .find(|i| i["location"]["path"].as_str().unwrap().ends_with(path_end))
            .unwrap_or_else(|| panic!("no issue for {path_end}: {report:#}"))
    };
    let typo = find(&format!("updates/{today}.md"));
    assert_eq!(
        typo["location"]["path"],
        format!("content/projects/sample-rollout/updates/{today}.md")
    );
    assert_eq!(typo["severity"], "critical");
    assert!(typo["description"].as_str().unwrap().contains("percent_complete"));
    assert!(typo["location"]["lines"]["begin"].as_u64().unwrap() > 1);
    let budget = find("project.yaml");
    assert_eq!(
        budget["location"]["path"],
        "content/projects/sample-rollout/project.yaml"
    );
    for issue in issues {
        assert!(issue["check_name"].as_str().is_some_and(|c| !c.is_empty()));
        assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 32);
    }
    // Stable across runs.
    let again = folio()
        .current_dir(&dir)
        .args(["check", "--format", "gitlab"])
        .output()
        .unwrap();
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn the_sample_builds_with_the_defaults_and_its_exports_link_to_pages() {
    let (_tmp, dir) = sample();
    folio()
        .current_dir(&dir)
        .args(["build", "--base-url", "https://team.gitlab.io/portfolio/"])
        .env_remove("CI_PAGES_URL")
        .assert()
        .success();
    let out = dir.join("output");
    for f in [
        "index.html",
        "projects/sample-rollout/index.html",
        "programs/onboarding/index.html",
        "portfolio.json",
        "projects.csv",
        "feed.xml",
        "milestones.ics",
        "schemas/update.schema.json",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // Every feed link names a page of the site, and an update link an anchor on it.
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    let mut links = 0;
    for href in feed.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        let rel = href
            .strip_prefix("https://team.gitlab.io/portfolio/")
            .expect("absolute link");
        let (page, anchor) = rel.split_once('#').unwrap_or((rel, ""));
        let html = std::fs::read_to_string(out.join(page)).unwrap_or_default();
        if page.ends_with(".html") {
            assert!(!html.is_empty(), "{page} does not exist");
        }
        if !anchor.is_empty() {
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "no #{anchor} on {page}"
            );
            links += 1;
        }
    }
    assert_eq!(links, 1, "one update, one entry");
    let ics = std::fs::read_to_string(out.join("milestones.ics")).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "only go-live is open");
    let csv = std::fs::read_to_string(out.join("projects.csv")).unwrap();
    assert!(csv.contains("\"sample-rollout\",\"Sample rollout\",\"Example Corp\",\"onboarding\""));
    // The sample is healthy: declared and computed green, nothing stale.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("portfolio.json")).unwrap()).unwrap();
    let p = &json["projects"][0];
    assert_eq!(p["health"]["declared"], "green");
    assert_eq!(p["health"]["computed"], "green", "{:#}", p["health"]);
    assert_eq!(p["stale"], false);
}
