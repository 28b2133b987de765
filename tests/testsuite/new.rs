//! End-to-end tests of `folio new project` and `folio new update`: the files they write pass
//! `folio check`, nothing is ever overwritten, and an unknown project id lists the known ones.

use crate::testutil::copy_dir;

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::harness::{self, stderr};

fn copy_of(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel),
        &dir.path().join("content"),
    );
    dir
}

/// `folio ARGS --content CONTENT`, run from the repository.
fn folio(content: &Path, args: &[&str]) -> Output {
    let content = content.to_str().unwrap();
    let args: Vec<&str> = args.iter().copied().chain(["--content", content]).collect();
    harness::folio(Path::new(env!("CARGO_MANIFEST_DIR")), &args)
}

fn assert_ok(o: &Output, what: &str) {
    assert!(o.status.success(), "{what} failed: {}", stderr(o));
}

fn check(content: &Path) {
    assert_ok(&folio(content, &["check"]), "folio check");
}

#[test]
fn new_update_carries_over_and_passes_check() {
    let dir = copy_of("tests/fixtures/serve");
    let content = dir.path().join("content");
    let o = folio(&content, &["new", "update", "atlas", "--date", "2026-01-19"]);
    assert_ok(&o, "new update");
    let path = content.join("projects/atlas/updates/2026-01-19.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(stderr(&o).contains("2026-01-19.md"), "{}", stderr(&o));
    for carried in [
        "overall: amber",
        "schedule: amber",
        "percent_complete: 12",
        "actual_cost: 11000",
        "hours: 80",
        "forecast_end: 2026-04-03",
        "data-access: Source database access is late",
        "vpn: VPN drops during bulk loads",
        "access: Customer security review is blocking access",
        "go-live: Production go-live",
        "## Highlights",
        "## Next steps",
        "## Asks",
    ] {
        assert!(text.contains(carried), "missing {carried:?} in\n{text}");
    }
    check(&content);

    // Never overwrite.
    std::fs::write(&path, "edited by hand").unwrap();
    let again = folio(&content, &["new", "update", "atlas", "--date", "2026-01-19"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand");
}

#[test]
fn unknown_project_lists_known_ids() {
    let dir = copy_of("tests/fixtures/serve");
    let content = dir.path().join("content");
    let o = folio(&content, &["new", "update", "atals"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("unknown project `atals`"), "{err}");
    assert!(err.contains("did you mean `atlas`"), "{err}");
    assert!(err.contains("known projects: atlas"), "{err}");
    assert!(!content.join("projects/atals").exists());
}

#[test]
fn new_project_then_its_first_update_pass_check() {
    let dir = copy_of("tests/fixtures/serve");
    let content = dir.path().join("content");
    assert_ok(
        &folio(&content, &["new", "project", "beta-rollout"]),
        "new project",
    );
    let def = content.join("projects/beta-rollout/project.yaml");
    let text = std::fs::read_to_string(&def).unwrap();
    for key in [
        "engagement:",
        "contract_value:",
        "budget:",
        "# milestones:",
        "# team:",
    ] {
        assert!(text.contains(key), "{key} not explained in\n{text}");
    }
    // The customer and the PM are `TODO`: check refuses the project until they are filled in.
    let refused = folio(&content, &["check"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    for loc in [
        "projects/beta-rollout/project.yaml:6:11: error[placeholder]",
        "projects/beta-rollout/project.yaml:7:10: error[placeholder]",
    ] {
        assert!(err.contains(loc), "{loc} in\n{err}");
    }
    let filled = text
        .replace("\"TODO customer\"", "Beta Corp")
        .replace("\"TODO project manager\"", "Pat Doe");
    std::fs::write(&def, &filled).unwrap();
    check(&content);
    let text = filled;

    let again = folio(&content, &["new", "project", "beta-rollout"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&def).unwrap(), text);

    let bad = folio(&content, &["new", "project", "Beta_Rollout"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("not a valid project id"),
        "{}",
        stderr(&bad)
    );

    assert_ok(
        &folio(
            &content,
            &["new", "update", "beta-rollout", "--date", "2026-01-19"],
        ),
        "first update",
    );
    check(&content);
}

#[test]
fn usage_errors_exit_2() {
    let dir = copy_of("tests/fixtures/serve");
    let o = folio(
        &dir.path().join("content"),
        &["new", "update", "atlas", "--date", "soon"],
    );
    assert_eq!(o.status.code(), Some(2));
}

/// The bundled example portfolio (missing is a failure): a new update for every
/// project passes `folio check`.
#[test]
fn new_update_on_the_bundled_example() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    assert!(
        root.join("content/portfolio.yaml").is_file(),
        "the bundled example content/ is part of the repository; missing from {}",
        root.display()
    );
    let dir = copy_of("content");
    let content = dir.path().join("content");
    let projects: Vec<String> = std::fs::read_dir(content.join("projects"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("project.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!projects.is_empty());
    for id in &projects {
        // A date after every bundled update, so each starts from its project's latest one.
        assert_ok(
            &folio(&content, &["new", "update", id, "--date", "2099-01-05"]),
            &format!("new update {id}"),
        );
    }
    check(&content);
}

#[test]
fn quiet_prints_nothing_on_success_and_the_error_on_failure() {
    let dir = copy_of("tests/fixtures/serve");
    let content = dir.path().join("content");
    let o = folio(
        &content,
        &["-q", "new", "update", "atlas", "--date", "2026-01-26"],
    );
    assert_ok(&o, "new update -q");
    assert_eq!(stderr(&o), "");
    assert!(o.stdout.is_empty());
    let o = folio(
        &content,
        &["-q", "new", "update", "atlas", "--date", "2026-01-26"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("error: "), "{}", stderr(&o));
}

#[test]
fn errors_elsewhere_do_not_block_an_update_but_errors_here_do() {
    let dir = copy_of("tests/fixtures/serve");
    let content = dir.path().join("content");
    assert_ok(&folio(&content, &["new", "project", "beta"]), "new project");
    let beta = content.join("projects/beta/project.yaml");
    let text = std::fs::read_to_string(&beta).unwrap();
    std::fs::write(
        &beta,
        text.replace("engagement: fixed_price", "engagment: fixed_price"),
    )
    .unwrap();

    let o = folio(&content, &["new", "update", "atlas", "--date", "2026-01-19"]);
    assert_ok(&o, "new update with an error in another project");
    assert!(stderr(&o).contains("warning: the content has"), "{}", stderr(&o));
    let written = std::fs::read_to_string(content.join("projects/atlas/updates/2026-01-19.md")).unwrap();
    assert!(written.contains("percent_complete: 12") && written.contains("hours: 80"));

    let o = folio(&content, &["new", "update", "beta", "--date", "2026-01-19"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("project `beta` has "), "{}", stderr(&o));
    assert!(stderr(&o).contains("unknown key `engagment`"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("projects/beta/project.yaml:"),
        "{}",
        stderr(&o)
    );
    assert!(!content.join("projects/beta/updates/2026-01-19.md").exists());
    // One diagnostic per line, as `folio check` prints them: no escaped line breaks.
    assert!(!stderr(&o).contains("\\u{a}"), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .lines()
            .any(|l| l.contains("projects/beta/project.yaml:") && l.contains("error[")),
        "{}",
        stderr(&o)
    );

    // With the typo fixed and the placeholders filled in, the atlas update written above
    // passes check.
    let filled = text
        .replace("\"TODO customer\"", "Beta Corp")
        .replace("\"TODO project manager\"", "Pat Doe");
    std::fs::write(&beta, filled).unwrap();
    check(&content);
}
