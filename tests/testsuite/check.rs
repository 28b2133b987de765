//! `folio check` on broken content: every fixture under `tests/fixtures/broken/<rule>/` is a
//! minimal content folder broken in exactly one way; the check must fail with exit code 1 and
//! name the file, line and the words of the problem. The valid fixture passes.

use std::fs;
use std::path::Path;

use crate::harness::{check, fixture, fixture_copy, run};

/// Asserts that `dir` fails the check with `location` (e.g. `file:5:`) and every word in
/// `words` on stderr.
fn assert_broken_dir(dir: &Path, location: &str, words: &[&str]) -> String {
    let (code, _, err) = check(dir, &[]);
    assert_eq!(code, 1, "exit code for {}:\n{err}", dir.display());
    assert!(
        err.lines().any(|l| l.starts_with(location)),
        "expected a diagnostic at `{location}`:\n{err}"
    );
    for w in words {
        assert!(err.contains(w), "expected `{w}` in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn assert_broken(rule: &str, location: &str, words: &[&str]) -> String {
    assert_broken_dir(&fixture("broken").join(rule), location, words)
}

const UPDATE: &str = "projects/acme/updates/2026-01-09.md";
const PROJECT: &str = "projects/acme/project.yaml";

macro_rules! broken {
    ($name:ident, $rule:literal, $loc:expr, [$($w:literal),* $(,)?]) => {
        #[test]
        fn $name() {
            assert_broken($rule, &$loc, &[$($w),*]);
        }
    };
}

broken!(
    unknown_key,
    "unknown-key",
    format!("{UPDATE}:4:1:"),
    [
        "unknown key `percent_compelte`",
        "did you mean `percent_complete`?",
        "`actual_cost`"
    ]
);
broken!(
    unknown_key_nested,
    "unknown-key-nested",
    format!("{UPDATE}:4:3:"),
    ["unknown key `schedul` in `status`", "did you mean `schedule`?"]
);
broken!(
    duplicate_key,
    "duplicate-key",
    format!("{PROJECT}:8:1:"),
    ["duplicate key `budget`", "first given on line 7"]
);
broken!(
    invalid_date,
    "invalid-date",
    format!("{PROJECT}:8:8:"),
    ["`start` is not a valid date", "2026-02-30", "YYYY-MM-DD"]
);
broken!(
    percent_over_100,
    "percent-over-100",
    format!("{UPDATE}:4:19:"),
    ["`percent_complete` must be between 0 and 100", "found: 101"]
);
broken!(
    probability_6,
    "probability-6",
    format!("{UPDATE}:9:18:"),
    ["`risks[0].probability` must be from 1 to 5", "found: 6"]
);
broken!(
    negative_money,
    "negative-money",
    format!("{UPDATE}:5:14:"),
    ["`actual_cost` cannot be negative", "-6000"]
);
broken!(
    budget_zero,
    "budget-zero",
    format!("{PROJECT}:7:9:"),
    ["`budget` must be greater than 0"]
);
broken!(
    tm_without_rate,
    "tm-without-rate",
    format!("{PROJECT}:5:13:"),
    ["`time_and_materials` project needs a `rate`"]
);
broken!(
    tm_update_without_hours,
    "tm-update-without-hours",
    format!("{UPDATE}:2:1:"),
    ["missing required key `hours`", "time_and_materials"]
);
broken!(
    end_before_start,
    "end-before-start",
    format!("{PROJECT}:9:6:"),
    ["`end` must be after `start`"]
);
broken!(
    file_name_not_date,
    "file-name-not-date",
    "projects/acme/updates/week-2.md:",
    ["`week-2.md` is not a date", "YYYY-MM-DD.md"]
);
broken!(
    file_name_impossible_date,
    "file-name-impossible-date",
    "projects/acme/updates/2026-02-30.md:",
    ["not a real date"]
);
broken!(
    date_key_mismatch,
    "date-key-mismatch",
    format!("{UPDATE}:2:7:"),
    ["`date` does not match the file name", "2026-01-10", "2026-01-09"]
);
broken!(
    unknown_program,
    "unknown-program",
    format!("{PROJECT}:3:10:"),
    ["unknown program `coer`", "did you mean `core`?"]
);
broken!(
    unknown_milestone,
    "unknown-milestone",
    format!("{UPDATE}:9:9:"),
    ["unknown milestone `m9`", "`m1`"]
);
broken!(
    record_without_title,
    "record-without-title",
    "projects/acme/updates/2026-01-16.md:7:5:",
    ["first mention of issue `i-1` lacks `title`"]
);
broken!(
    bad_project_id,
    "bad-project-id",
    "projects/Acme_Corp:",
    ["invalid project id `Acme_Corp`", "acme-corp"]
);
broken!(
    alias_bomb,
    "alias-bomb",
    format!("{PROJECT}:9:"),
    ["anchors", "not allowed"]
);
broken!(
    deep_nesting,
    "deep-nesting",
    format!("{UPDATE}:6:"),
    ["nested too deeply"]
);
broken!(
    non_utf8,
    "non-utf8",
    format!("{UPDATE}:7:4:"),
    ["not valid UTF-8", "0xE9"]
);
broken!(
    missing_portfolio,
    "missing-portfolio",
    "portfolio.yaml:",
    ["`portfolio.yaml` is missing"]
);
broken!(
    missing_required_key,
    "missing-required-key",
    format!("{PROJECT}:1:1:"),
    ["missing required key `customer`"]
);
broken!(
    front_matter_unclosed,
    "front-matter-unclosed",
    format!("{UPDATE}:1:1:"),
    ["never closed", "`---`"]
);
broken!(
    front_matter_missing,
    "front-matter-missing",
    format!("{UPDATE}:1:1:"),
    ["must start with a `---` line"]
);
broken!(
    bad_enum_value,
    "bad-enum-value",
    format!("{UPDATE}:3:12:"),
    ["`status.overall` cannot be `purple`", "`green`, `amber`, `red`"]
);
broken!(
    missing_project_yaml,
    "missing-project-yaml",
    "projects/acme:",
    ["without `project.yaml`"]
);
broken!(
    yaml_in_updates,
    "yaml-in-updates",
    "projects/acme/updates/2026-01-16.yaml:",
    ["updates must be Markdown files", "2026-01-16.md"]
);
broken!(
    revenue_target_label,
    "revenue-target-label",
    "portfolio.yaml:4:3:",
    ["`FY2027-Q2` is not a fiscal quarter label", "FY27-Q1"]
);
broken!(
    fiscal_month_13,
    "fiscal-month-13",
    "portfolio.yaml:2:26:",
    ["from 1 to 12"]
);
broken!(
    duplicate_milestone_id,
    "duplicate-milestone-id",
    format!("{PROJECT}:12:10:"),
    ["duplicate milestone id `m1`", "line 11"]
);
broken!(
    plan_percent_out_of_range,
    "plan-percent-out-of-range",
    format!("{PROJECT}:14:14:"),
    ["`plan[0].percent` must be between 0 and 100"]
);
broken!(
    team_allocation,
    "team-allocation",
    format!("{PROJECT}:13:53:"),
    ["`team[0].allocation` must be between 0 and 100"]
);
broken!(
    yaml_syntax,
    "yaml-syntax",
    format!("{UPDATE}:4:"),
    ["invalid YAML"]
);
broken!(
    wrong_type,
    "wrong-type",
    format!("{UPDATE}:4:19:"),
    ["`percent_complete` must be a number", "five percent"]
);
broken!(
    record_id_slash,
    "record-id-slash",
    format!("{UPDATE}:7:10:"),
    ["invalid id `r/1`", "`/`"]
);
broken!(
    duplicate_record_in_update,
    "duplicate-record-in-update",
    format!("{UPDATE}:8:10:"),
    ["`esc-1` is mentioned twice", "line 7"]
);
broken!(
    eac_zero,
    "eac-zero",
    format!("{UPDATE}:6:25:"),
    ["`estimate_at_completion` must be greater than 0"]
);

#[test]
fn large_file_is_refused() {
    let tmp = fixture_copy("broken/large-file");
    let mut big = String::from("name: Acme\ndescription: |\n");
    while big.len() < 2 * 1024 * 1024 {
        big.push_str("  lorem ipsum dolor sit amet, consectetur adipiscing elit\n");
    }
    fs::write(tmp.path().join(PROJECT), big).unwrap();
    assert_broken_dir(tmp.path(), &format!("{PROJECT}:"), &["too large", "1 MiB"]);
}

#[cfg(unix)]
#[test]
fn symlink_outside_is_refused() {
    let tmp = fixture_copy("broken/symlink-outside");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    fs::write(&secret, fs::read(tmp.path().join(UPDATE)).unwrap()).unwrap();
    let link = tmp.path().join("projects/acme/updates/2026-01-16.md");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    // A folder linked from outside is refused too, and not read.
    std::os::unix::fs::symlink(outside.path(), tmp.path().join("projects/outside")).unwrap();
    let err = assert_broken_dir(
        tmp.path(),
        "projects/acme/updates/2026-01-16.md:",
        &["symbolic link pointing outside the content folder"],
    );
    assert!(err.lines().any(|l| l.starts_with("projects/outside:")), "{err}");
    assert!(!err.contains("secret.md:"), "{err}");
}

#[cfg(unix)]
#[test]
fn symlink_inside_is_followed() {
    let tmp = fixture_copy("valid");
    let link = tmp.path().join("projects/beta/updates/2026-01-16.md");
    fs::write(
        tmp.path().join("shared.md"),
        "---\nstatus: {overall: green}\npercent_complete: 12\nactual_cost: 3500\nhours: 24\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(tmp.path().join("shared.md"), &link).unwrap();
    // A project folder linked from inside the content folder is read as a project.
    std::os::unix::fs::symlink(
        tmp.path().join("projects/beta"),
        tmp.path().join("projects/gamma"),
    )
    .unwrap();
    let (code, out, err) = check(tmp.path(), &["--format", "json"]);
    assert_eq!(code, 0, "{err}{out}");
    assert_eq!(out.trim(), "[]");
    let loaded = folio::load::load(tmp.path()).unwrap();
    let ids: Vec<&str> = loaded.portfolio.projects.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["acme", "beta", "gamma"]);
    assert_eq!(loaded.portfolio.projects[2].updates.len(), 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_with_an_error() {
    let tmp = fixture_copy("valid");
    let p = tmp.path();
    std::os::unix::fs::symlink("self.md", p.join("projects/acme/updates/self.md")).unwrap();
    std::os::unix::fs::symlink(p.join("projects"), p.join("projects/cycle")).unwrap();
    std::os::unix::fs::symlink(p, p.join("projects/acme/updates/root")).unwrap();
    let err = assert_broken_dir(p, "projects/acme/updates/self.md:", &["broken symbolic link"]);
    assert!(
        err.contains("projects/cycle/acme: warning[unknown-file]"),
        "{err}"
    );
}

#[test]
fn several_broken_files_are_all_reported_sorted() {
    let err = assert_broken("several", "portfolio.yaml:2:11:", &["ISO 4217"]);
    let expected = [
        "portfolio.yaml:2:11:",
        "projects/acme/project.yaml:7:9:",
        "projects/acme/updates/2026-01-09.md:4:19:",
        "projects/zeta/updates/2026-01-09.md:5:1:",
    ];
    let found: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(": error["))
        .map(|l| {
            let end = l.find(" error[").unwrap();
            &l[..end]
        })
        .collect();
    assert_eq!(found, expected, "{err}");
    assert!(err.contains("did you mean `hours`?"));
    assert!(err.contains("error: 4 problems found"));
}

#[test]
fn valid_fixture_passes() {
    let (code, _, err) = check(&fixture("valid"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("content is valid (0 warnings)"), "{err}");
}

#[test]
fn json_format_lists_diagnostics() {
    let (code, out, _) = check(&fixture("broken/percent-over-100"), &["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v.as_array().unwrap()[0];
    assert_eq!(d["path"], UPDATE);
    assert_eq!(d["line"], 4);
    assert_eq!(d["column"], 19);
    assert_eq!(d["code"], "out-of-range");
    assert_eq!(d["level"], "error");
}

#[test]
fn warnings_do_not_fail_the_check() {
    let tmp = fixture_copy("valid");
    let updates = tmp.path().join("projects/acme/updates");
    // Percent and cost go backwards, the pilot's forecast moves without a word, and one
    // update lies in the future.
    fs::write(
        updates.join("2026-01-23.md"),
        "---\nstatus: {overall: amber}\npercent_complete: 7\nactual_cost: 10000\nmilestones:\n  - {id: m1, forecast: 2026-03-06}\n---\nAll quiet.\n",
    )
    .unwrap();
    fs::write(
        updates.join("2099-01-02.md"),
        "---\nstatus: {overall: green}\npercent_complete: 10\nactual_cost: 12000\n---\nLater.\n",
    )
    .unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let f = "projects/acme/updates/2026-01-23.md";
    for (loc, words) in [
        (
            format!("{f}:3:19: warning[going-backwards]"),
            "`percent_complete` went down",
        ),
        (
            format!("{f}:4:14: warning[going-backwards]"),
            "`actual_cost` went down",
        ),
        (
            format!("{f}:6:24: warning[unexplained-slip]"),
            "milestone `m1` moved without a note",
        ),
        (
            "projects/acme/updates/2099-01-02.md:1:1: warning[future-update]".to_string(),
            "in the future",
        ),
    ] {
        assert!(
            err.lines().any(|l| l.starts_with(&loc) && l.contains(words)),
            "`{loc}` {words}:\n{err}"
        );
    }
    assert!(err.contains("content is valid (4 warnings)"), "{err}");
}

#[test]
fn missing_content_folder_is_an_error() {
    let (code, _, err) = run(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "--content", "/nonexistent/folio-content"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("content folder not found"), "{err}");
}

#[test]
fn program_ids_resolve_whatever_their_file_name_order() {
    let tmp = fixture_copy("valid");
    let p = tmp.path();
    fs::write(p.join("programs/core-x.yaml"), "name: Core X\n").unwrap();
    let def = p.join("projects/beta/project.yaml");
    let text = fs::read_to_string(&def).unwrap();
    fs::write(&def, text.replace("manager:", "program: core-x\nmanager:")).unwrap();
    let loaded = folio::load::load(p).unwrap_or_else(|d| panic!("{d:#?}"));
    let ids: Vec<&str> = loaded.portfolio.programs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["core", "core-x"]);
    let beta = &loaded.portfolio.projects[1];
    assert_eq!(beta.def.program.as_deref(), Some("core-x"));
    assert_eq!(beta.updates[0].body_line, 7);
    assert_eq!(beta.updates[0].body, "Training plan agreed.\n");
}

#[test]
fn problems_per_file_are_capped() {
    let tmp = fixture_copy("valid");
    let mut text = String::from("title: Many\nrevenue_targets:\n");
    for i in 0..5000 {
        text.push_str(&format!("  Q{i}: 1\n"));
    }
    fs::write(tmp.path().join("portfolio.yaml"), text).unwrap();
    let start = std::time::Instant::now();
    let diags = folio::load::load(tmp.path()).unwrap_err();
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(diags.len(), 200, "{:?}", &diags[..3]);
    assert!(diags.iter().any(|d| d.code == "too-many-problems"));
    assert_eq!(diags[0].code, "too-many-problems");
    assert_eq!((diags[1].line, diags[1].column), (3, 3));
}

#[test]
fn paths_are_shown_from_the_working_directory() {
    let (_, _, err) = run(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["check", "--content", "tests/fixtures/broken/budget-zero"],
    );
    assert!(
        err.lines().any(|l| l.starts_with("tests/fixtures/broken/budget-zero/projects/acme/project.yaml:7:9: error")),
        "{err}"
    );
}

/// A copy of the valid fixture whose acme update of 2026-01-16 is a green one (10 %, 9000 spent)
/// with the front-matter lines `records` and the text `narrative`.
fn with_update(records: &str, narrative: &str) -> tempfile::TempDir {
    let tmp = fixture_copy("valid");
    let text = format!(
        "---\nstatus: {{overall: green}}\npercent_complete: 10\nactual_cost: 9000\n{records}---\n{narrative}\n"
    );
    fs::write(tmp.path().join("projects/acme/updates/2026-01-16.md"), text).unwrap();
    tmp
}

const LATER: &str = "projects/acme/updates/2026-01-16.md";

/// [`with_update`] fails the check at `LATER:<at>` with every word of `words`: its stderr.
fn assert_broken_update(records: &str, narrative: &str, at: &str, words: &[&str]) -> String {
    let tmp = with_update(records, narrative);
    assert_broken_dir(tmp.path(), &format!("{LATER}:{at}"), words)
}

/// Records of the acme update of 2026-01-16 broken in one field: (the fault, the records, where
/// the check reports it in the update, words of the message).
const BROKEN_RECORDS: &[(&str, &str, &str, &[&str])] = &[
    (
        "ask by a date that does not exist",
        "asks:\n  - ask: Approve the cutover window\n    by: 2026-02-30\n",
        "7:9:",
        &["2026-02-30"],
    ),
    (
        "ask without `ask`",
        "asks:\n  - of: Sponsor\n    by: 2026-02-20\n",
        "6:",
        &["`ask`"],
    ),
    (
        "escalation's next step by a date that does not exist",
        "escalations:\n  - id: e-1\n    title: Access\n    severity: high\n    status: open\n    stakeholders: [{role: TAM, name: Ana Ruiz}]\n    next_step: Call the CIO\n    next_step_by: 2026-13-01\n",
        "12:19:",
        &["2026-13-01"],
    ),
];

#[test]
fn broken_record_fields_are_errors_at_their_line() {
    for (fault, records, at, words) in BROKEN_RECORDS {
        // Names the case above a failure's message.
        eprintln!("case: {fault}");
        assert_broken_update(records, "x", at, words);
    }
}

#[test]
fn undeclared_region() {
    let tmp = fixture_copy("valid");
    let p = tmp.path().join("portfolio.yaml");
    let mut text = fs::read_to_string(&p).unwrap();
    text.push_str(
        "regions:\n  EMEA: {name: Europe, revenue_targets: {FY27-Q1: 50000}}\n  AMER: {name: Americas}\n",
    );
    fs::write(&p, text).unwrap();
    let proj = tmp.path().join(PROJECT);
    let text = fs::read_to_string(&proj)
        .unwrap()
        .replace("region: AMER", "region: EMAE");
    fs::write(&proj, text).unwrap();
    let err = assert_broken_dir(
        tmp.path(),
        &format!("{PROJECT}:4:9:"),
        &["unknown region `EMAE`", "did you mean `EMEA`?"],
    );
    assert!(err.contains("[unknown-region]"), "{err}");
}

/// `err` has one `after-as-of` warning, at the first line of the latest update, and it `says`.
#[track_caller]
fn assert_one_after_as_of_warning(err: &str, says: &str) {
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("warning[after-as-of]"))
        .collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with(&format!("{LATER}:1:1:")) && lines[0].contains(says),
        "{err}"
    );
}

#[test]
fn updates_after_a_fixed_as_of_warn_once() {
    let tmp = fixture_copy("valid");
    let p = tmp.path().join("portfolio.yaml");
    let mut text = fs::read_to_string(&p).unwrap();
    text.push_str("as_of: 2026-01-10\n");
    fs::write(&p, text).unwrap();
    fs::write(
        tmp.path().join("projects/beta/updates/2026-01-12.md"),
        "---\nstatus: {overall: green}\npercent_complete: 10\nactual_cost: 4000\nhours: 30\n---\nx\n",
    )
    .unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_one_after_as_of_warning(
        &err,
        "2 updates dated after the as-of date 2026-01-10 are ignored (newest 2026-01-16)",
    );
}

#[test]
fn reused_record_id_is_an_error_with_the_next_free_id() {
    let err = assert_broken_update(
        "risks:\n  - {id: r-2, title: Key user leaves, probability: 2, impact: 2, status: open}\n  - id: r-1\n    title: Data loss during cutover\n    probability: 4\n    impact: 5\n    status: open\n",
        "x",
        "7:5: error[reused-id]",
        &[
            "risk id `r-1` is already used for another risk",
            "\"Customer change freeze\"",
            "projects/acme/updates/2026-01-09.md",
            "next free id `r-3`",
        ],
    );
    assert_eq!(err.matches("error[").count(), 1, "{err}");
    // Reopening it with its own title (or none) is fine.
    let tmp = with_update(
        "risks:\n  - {id: r-1, title: '  Customer  change freeze', status: closed}\n",
        "x",
    );
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn todo_placeholders_anywhere_are_errors() {
    let err = assert_broken_update(
        "asks:\n  - ask: todo - what do we need?\n    of: TODO\nrisks:\n  - {id: r-1, owner: \"Todoist admin\"}\n",
        "TODO in the narrative is prose, not a value.",
        "6:10: error[placeholder]",
        &[
            "`asks[0].ask` is still a placeholder",
            "`asks[0].of` is still a placeholder",
        ],
    );
    assert!(err.contains(&format!("{LATER}:7:9: error[placeholder]")), "{err}");
    assert_eq!(err.matches("error[").count(), 2, "{err}");
}

#[test]
fn build_with_an_earlier_as_of_warns_once_about_later_updates() {
    let tmp = fixture_copy("valid");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site").display().to_string();
    let (code, _, err) = run(
        tmp.path(),
        &[
            "build",
            "--content",
            ".",
            "--as-of",
            "2026-01-10",
            "--output",
            &site,
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_one_after_as_of_warning(
        &err,
        "1 update dated after the as-of date 2026-01-10 is ignored (newest 2026-01-16)",
    );
}
