//! The promises of docs/reliability.md, each tested by trying to break it: overlapping folders,
//! interrupted builds, hostile numbers and text. Each test is named after the fault it pins.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::harness::{
    assert_contains_all, bin as folio, copy_fixture_to, edit, fixture_copy, fixture_copy_at, tree,
};

/// Names in `parent` that start with `.NAME.folio-` (temporary folders of the write stage).
fn leftovers(parent: &Path, name: &str) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.folio-")))
        .collect()
}

/// `folio -q build --content CONTENT --output OUT ARGS`, to run or to spawn.
fn build_command(content: &Path, out: &Path, args: &[&str]) -> Command {
    let mut cmd = folio();
    cmd.args(["-q", "build", "--content"])
        .arg(content)
        .arg("--output")
        .arg(out)
        .args(args);
    cmd
}

/// `folio -q build` of `content` into `out` as of 2026-03-20.
fn build(content: &Path, out: &Path) -> std::process::Output {
    build_command(content, out, &["--as-of", "2026-03-20"])
        .output()
        .unwrap()
}

#[test]
fn output_containing_content_is_refused() {
    let (tmp, base) = fixture_copy_at("valid", "base");
    let publ = tmp.path().join("pub");
    assert!(build(&base, &publ).status.success());
    let inner = publ.join("content");
    copy_fixture_to("valid", &inner);
    let before = tree(&inner);

    let out = build(&inner, &publ);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("lies inside the output folder"), "{err}");
    assert_eq!(tree(&inner), before, "the content inside the output must survive");

    // The output inside the content is refused too, and so is a theme inside the output.
    let out = build(&base, &base.join("site"));
    assert_eq!(out.status.code(), Some(1));
    assert!(!base.join("site").exists());
    fs::create_dir_all(publ.join("theme/templates")).unwrap();
    let theme = publ.join("theme").display().to_string();
    let out = build_command(&base, &publ, &["--as-of", "2026-03-20", "--theme", &theme])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("theme folder"));
    assert!(publ.join("theme/templates").is_dir());
}

/// Starts a build of `content` into `out` and sends `signal` as soon as the write stage has
/// created its temporary folder. Returns the exit code (None when killed by a signal) and
/// whether the temporary folder still existed when the signal was sent.
#[cfg(unix)]
fn interrupt_build(content: &Path, out: &Path, base_url: &str, signal: &str) -> (Option<i32>, bool) {
    use std::time::{Duration, Instant};
    let parent = out.parent().unwrap();
    let name = out.file_name().unwrap().to_str().unwrap();
    let mut child = build_command(content, out, &["--as-of", "2026-06-01", "--base-url", base_url])
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut mid_write = false;
    while started.elapsed() < Duration::from_secs(60) {
        if leftovers(parent, name).iter().any(|n| n.contains("folio-new-")) {
            mid_write = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_micros(300));
    }
    let status = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success() || !mid_write);
    let code = child.wait().unwrap().code();
    (code, mid_write)
}

#[cfg(unix)]
#[test]
fn interrupted_build_leaves_old_or_new_site_and_no_temp_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let made = folio()
        .args(["generate", "--projects", "40", "--weeks", "20", "--out"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(made.status.success());
    let out = tmp.path().join("o");
    let site = |dir: &Path, url: &str| {
        let r = build_command(&content, dir, &["--as-of", "2026-06-01", "--base-url", url])
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        tree(dir)
    };
    let old = site(&out, "https://old.example/");
    let new = site(&tmp.path().join("reference"), "https://new.example/");
    assert_ne!(old, new);

    // SIGTERM: the handler deletes the temporary folder before exiting.
    let mut landed = 0;
    for _ in 0..5 {
        let (code, mid) = interrupt_build(&content, &out, "https://new.example/", "TERM");
        let now = tree(&out);
        assert!(
            now == old || now == new,
            "the output is neither the old nor the new site"
        );
        assert_eq!(
            leftovers(tmp.path(), "o"),
            Vec::<String>::new(),
            "SIGTERM left temp folders"
        );
        if mid && code.is_some_and(|c| c != 0) {
            landed += 1;
            break;
        }
    }
    assert!(
        landed > 0,
        "no SIGTERM landed during the write; the test proved nothing"
    );

    // SIGKILL cannot be caught: what it leaves is removed by the next build.
    let mut left = false;
    for _ in 0..5 {
        let (code, _) = interrupt_build(&content, &out, "https://old.example/", "KILL");
        let now = tree(&out);
        assert!(
            now == old || now == new,
            "the output is neither the old nor the new site"
        );
        if code.is_none() && !leftovers(tmp.path(), "o").is_empty() {
            left = true;
            break;
        }
    }
    assert!(
        left,
        "no SIGKILL landed during the write; the test proved nothing"
    );
    assert_eq!(site(&out, "https://new.example/"), new);
    assert_eq!(
        leftovers(tmp.path(), "o"),
        Vec::<String>::new(),
        "stale temp folders survived a build"
    );
}

/// The valid fixture's latest update of acme.
const ACME_UPDATE: &str = "projects/acme/updates/2026-01-16.md";

/// `folio check` of `content` fails (exit code 1): its stderr.
#[track_caller]
fn fails_check(content: &Path) -> String {
    let out = check(content);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

fn check(content: &Path) -> std::process::Output {
    folio()
        .args(["check", "--content"])
        .arg(content)
        .output()
        .unwrap()
}

#[test]
fn nul_byte_in_yaml_is_an_error_in_check() {
    let tmp = fixture_copy("valid");
    edit(&tmp.path().join(ACME_UPDATE), |t| {
        t.replace("  - {id: r-1, probability: 4}", "  - {id: r-1, probability: 4}\0")
    });
    let err = fails_check(tmp.path());
    assert!(err.contains("2026-01-16.md:13:30"), "{err}");
    assert!(err.contains("NUL"), "{err}");
}

#[test]
fn base_url_flag_and_ci_pages_url_get_the_scheme_check() {
    let (tmp, content) = fixture_copy_at("valid", "c");
    let out = tmp.path().join("o");
    let flag = build_command(&content, &out, &["--base-url", "javascript:alert(1)//"])
        .output()
        .unwrap();
    assert_eq!(flag.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&flag.stderr).contains("base URL"));
    assert!(!out.exists());
    let env = build_command(&content, &out, &[])
        .env("CI_PAGES_URL", "https://user:secret@example.com/")
        .output()
        .unwrap();
    assert_eq!(env.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&env.stderr).contains("password"));
    assert!(!out.exists());
}

#[test]
fn control_sequences_in_content_are_escaped_in_diagnostics() {
    let tmp = fixture_copy("valid");
    edit(&tmp.path().join("projects/beta/project.yaml"), |t| {
        format!("{t}\"\\e[2J\\e[1;1Hall good\": 1\n")
    });
    let err = fails_check(tmp.path());
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(err.contains("\\u{1b}[2J"), "{err}");
}

use crate::charts::fixtures as chart_fixtures;

/// Runs `f` on a thread and fails the test if it has not finished within `secs`.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .expect("did not finish in time (an infinite loop?)")
}

#[test]
fn huge_finite_amounts_do_not_hang_the_charts() {
    use folio::charts;
    for v in [1.7e308, f64::MAX, -f64::MAX, 1e300, 5e-324] {
        let svgs = within(30, move || {
            let mut p = chart_fixtures::portfolio().remove(0);
            for h in &mut p.history {
                (h.pv, h.ev, h.ac, h.bac, h.eac) = (v, v, v, v, v);
            }
            p.evm.eac = Some(v);
            let mut q = chart_fixtures::quarters();
            for x in &mut q {
                (x.actual, x.forecast, x.target) = (v, v, Some(v));
            }
            let as_of = chart_fixtures::d("2026-06-01");
            [
                charts::s_curve(&p, as_of, "USD").svg,
                charts::revenue_by_quarter(&q, as_of, "USD").svg,
            ]
        });
        for svg in svgs {
            assert!(
                svg.starts_with("<svg") && !svg.contains("NaN") && !svg.contains("inf"),
                "{v}"
            );
        }
    }
}

#[test]
fn amount_near_f64_max_is_refused_by_check_and_schema() {
    let tmp = fixture_copy("valid");
    edit(&tmp.path().join(ACME_UPDATE), |t| {
        t.replace("actual_cost: 11000", "actual_cost: 1.7e308").replace(
            "schedule_delta_days: 3}",
            "schedule_delta_days: 3, budget_delta: -2e15}",
        )
    });
    let out = within(60, move || {
        let o = check(tmp.path());
        drop(tmp);
        o
    });
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`actual_cost` is too large"), "{err}");
    assert!(err.contains("`changes[0].budget_delta` is too large"), "{err}");
    let schema = folio::schema::schema_value(folio::schema::SchemaKind::Update);
    assert_eq!(schema["properties"]["actual_cost"]["maximum"], 1e15 as i64);
}

#[test]
fn every_problem_in_a_file_is_reported_not_just_the_first() {
    let tmp = fixture_copy("valid");
    edit(&tmp.path().join(ACME_UPDATE), |t| {
        t.replace("status: {overall: amber,", "status: {overall: greenish,")
            .replace("actual_cost: 11000", "actual_cost: -5\nsurprise: 1")
            .replace("percent_complete: 9", "percent_complete: nine")
    });
    let err = fails_check(tmp.path());
    assert_contains_all(
        &err,
        "stderr",
        &[
            "2026-01-16.md:4:19: error[invalid-value]",
            "2026-01-16.md:5:19: error[invalid-type]",
            "2026-01-16.md:7:14: error[out-of-range]: `actual_cost` cannot be negative",
            "2026-01-16.md:8:1: error[unknown-key]: unknown key `surprise`",
        ],
    );
    assert!(err.contains("4 problems found"), "{err}");
}

/// A build killed between creating its temporary folder and writing the marker into it leaves
/// an empty, unmarked folder: the next build removes it. A non-empty folder without the marker
/// is not folio's to judge and stays.
#[test]
fn empty_temp_folder_of_a_killed_build_is_removed_unmarked_content_kept() {
    let (tmp, content) = fixture_copy_at("valid", "c");
    let out = tmp.path().join("o");
    // 4294967295 is above any Linux pid_max: that build is certainly gone.
    let empty = tmp.path().join(".o.folio-new-4294967295-AbCdEf");
    let foreign = tmp.path().join(".o.folio-new-4294967295-keepme");
    fs::create_dir(&empty).unwrap();
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "someone's file").unwrap();
    assert_eq!(build(&content, &out).status.code(), Some(0));
    assert!(!empty.exists(), "the empty temporary folder survived");
    assert!(
        foreign.join("notes.txt").exists(),
        "an unmarked folder with content was deleted"
    );
}

#[test]
fn approved_change_making_budget_negative_is_an_error() {
    let tmp = fixture_copy("valid");
    // acme: budget 140000, contract value 200000; cr-1 is approved in 2026-01-16.md.
    let first = tmp.path().join("projects/acme/updates/2026-01-09.md");
    edit(&first, |t| {
        t.replace(
            "budget_delta: 10000, value_delta: 15000",
            "budget_delta: -140000, value_delta: -200001",
        )
    });
    let err = fails_check(tmp.path());
    // The approving mention (`status: approved` on line 20) is named, for the budget and the
    // contract value.
    assert!(err.contains("2026-01-16.md:20:"), "{err}");
    assert!(
        err.contains("approved change `cr-1` takes the budget (BAC) to 0"),
        "{err}"
    );
    assert!(
        err.contains("approved change `cr-1` takes the contract value to −1"),
        "{err}"
    );

    // Approved in the same update that gives the delta: the delta is named.
    edit(&first, |t| {
        t.replace(
            "status: proposed, budget_delta: -140000",
            "status: approved, budget_delta: -140000",
        )
    });
    let out = check(tmp.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2026-01-09.md:18:"), "{err}");
    assert!(err.contains("budget (BAC)"), "{err}");

    // A change that lowers the budget but leaves it positive stays valid.
    edit(&first, |t| {
        t.replace(
            "budget_delta: -140000, value_delta: -200001",
            "budget_delta: -139999, value_delta: -200000",
        )
    });
    let out = check(tmp.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn tab_at_start_of_line_is_reported_at_its_own_line() {
    let tmp = fixture_copy("valid");
    // project.yaml, line 4 indented with a tab after a plain scalar on line 3.
    let def = tmp.path().join("projects/acme/project.yaml");
    let text = fs::read_to_string(&def).unwrap();
    fs::write(&def, text.replacen("region: AMER\n", "region: AMER\n\tx: 1\n", 1)).unwrap();
    let line = text.lines().position(|l| l == "region: AMER").unwrap() + 2;
    // An update's front matter: the tab on line 14 (the file's line, not the YAML's).
    edit(&tmp.path().join(ACME_UPDATE), |t| {
        t.replace("\n  - {id: r-2,", "\n\t- {id: r-2,")
    });
    let err = fails_check(tmp.path());
    assert!(
        err.contains(&format!("project.yaml:{line}:1: error[yaml-syntax]")),
        "{err}"
    );
    assert!(err.contains("2026-01-16.md:14:1: error[yaml-syntax]"), "{err}");
    assert!(err.contains("indent with spaces, not tabs"), "{err}");
}

#[test]
fn regular_file_named_projects_is_an_error() {
    let tmp = fixture_copy("valid");
    fs::remove_dir_all(tmp.path().join("projects")).unwrap();
    fs::write(tmp.path().join("projects"), "acme\n").unwrap();
    let err = fails_check(tmp.path());
    assert!(
        err.contains("error[misplaced-file]: `projects` must be a folder, not a file"),
        "{err}"
    );
}

#[test]
fn upper_case_md_update_is_an_error_with_a_rename_hint() {
    let tmp = fixture_copy("valid");
    let dir = tmp.path().join("projects/acme/updates");
    fs::rename(dir.join("2026-01-16.md"), dir.join("2026-01-16.MD")).unwrap();
    let err = fails_check(tmp.path());
    assert!(err.contains("2026-01-16.MD: error[misnamed-file]"), "{err}");
    assert!(err.contains("rename it to `2026-01-16.md`"), "{err}");
}

#[test]
fn as_of_on_the_command_line_is_as_strict_as_dates_in_content() {
    let (tmp, content) = fixture_copy_at("valid", "content");
    for bad in ["2026-1-1", "+2026-01-01", "2026-02-30", " 2026-01-01"] {
        let out = build_command(&content, &tmp.path().join("out"), &["--as-of", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("not a date of the form YYYY-MM-DD"), "{bad}: {err}");
        assert!(!tmp.path().join("out").exists());
    }
    let out = folio()
        .args(["new", "update", "acme", "--date", "2026-2-1", "--content"])
        .arg(&content)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(build(&content, &tmp.path().join("out")).status.success());
}

#[test]
fn no_content_error_names_the_folder_once() {
    let tmp = tempfile::tempdir().unwrap();
    let out = folio()
        .current_dir(tmp.path())
        .args(["check", "--content", "content"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("content: error[no-content]"), "{err}");
    assert!(!err.contains("content/content"), "{err}");
}

#[test]
fn base_url_without_host_or_with_credentials_or_spaces_is_refused() {
    for (url, why) in [
        ("https://", "it has no host name"),
        ("https://user:pw@example.org/", "user name or password"),
        ("https://a b.example.org/", "spaces"),
    ] {
        let tmp = fixture_copy("valid");
        let settings = tmp.path().join("portfolio.yaml");
        let text = fs::read_to_string(&settings).unwrap();
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("base_url:"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(&settings, format!("{text}base_url: \"{url}\"\n")).unwrap();
        eprintln!("case: {url}");
        let err = fails_check(tmp.path());
        assert!(
            err.contains("`base_url` is not usable") && err.contains(why),
            "{url}: {err}"
        );
    }
}

#[test]
fn windows_reserved_ids_are_refused() {
    for (id, program) in [
        ("con", false),
        ("aux", true),
        ("nul", false),
        ("prn", true),
        ("com1", false),
        ("lpt9", true),
    ] {
        let tmp = fixture_copy("valid");
        let rel = if program {
            fs::copy(
                tmp.path().join("programs/core.yaml"),
                tmp.path().join(format!("programs/{id}.yaml")),
            )
            .unwrap();
            format!("programs/{id}.yaml")
        } else {
            fs::rename(
                tmp.path().join("projects/beta"),
                tmp.path().join(format!("projects/{id}")),
            )
            .unwrap();
            format!("projects/{id}")
        };
        eprintln!("case: {id}");
        let err = fails_check(tmp.path());
        assert!(err.contains(&format!("{rel}: error[invalid-id]")), "{id}: {err}");
        assert!(err.contains("device name on Windows"), "{id}: {err}");
    }
    // Names that merely start like one stay valid.
    let tmp = fixture_copy("valid");
    fs::rename(
        tmp.path().join("projects/beta"),
        tmp.path().join("projects/com10"),
    )
    .unwrap();
    assert!(check(tmp.path()).status.success());
}

#[cfg(unix)]
#[test]
fn check_json_with_a_non_utf8_file_name_is_valid_json_with_every_diagnostic() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = fixture_copy("valid");
    let updates = tmp.path().join("projects/acme/updates");
    fs::write(
        updates.join(std::ffi::OsStr::from_bytes(b"2026-01-2\xff.md")),
        "---\n---\n",
    )
    .unwrap();
    fs::write(
        updates.join(std::ffi::OsStr::from_bytes(b"notes-\xfe.yaml")),
        "x: 1\n",
    )
    .unwrap();
    // A third problem after them, in another project.
    edit(&tmp.path().join("projects/beta/project.yaml"), |t| {
        format!("{t}bogus_key: 1\n")
    });
    let out = folio()
        .args(["check", "--format", "json", "--content"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let paths: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"projects/acme/updates/2026-01-2\u{fffd}.md"),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"projects/acme/updates/notes-\u{fffd}.yaml"),
        "{paths:?}"
    );
    assert!(paths.contains(&"projects/beta/project.yaml"), "{paths:?}");
}

#[test]
fn project_name_longer_than_the_limit_is_an_error_and_quick() {
    let tmp = fixture_copy("valid");
    let def = tmp.path().join("projects/acme/project.yaml");
    let text = fs::read_to_string(&def).unwrap();
    // 900 KB, within the file size limit.
    let name = "word ".repeat(180_000);
    fs::write(
        &def,
        text.replacen("name: Acme migration", &format!("name: {}", name.trim()), 1),
    )
    .unwrap();
    let start = std::time::Instant::now();
    let out = check(tmp.path());
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("project.yaml:1:7: error[too-long]: `name` is longer than 200 characters"),
        "{err}"
    );
    // 200 characters are fine.
    fs::write(
        &def,
        text.replacen("name: Acme migration", &format!("name: {}", "n".repeat(200)), 1),
    )
    .unwrap();
    assert!(check(tmp.path()).status.success());
}

/// Appends `tail` after an "Intro." line of an update, and checks that `folio check` warns
/// with `warning` at column `col` of the line after "Intro." and that the build stays quick.
fn nested_narrative_builds_quickly_with_a_warning(tail: &str, col: usize, warning: &str) {
    let (tmp, content) = fixture_copy_at("valid", "content");
    let update = content.join("projects/beta/updates/2026-01-09.md");
    let text = fs::read_to_string(&update).unwrap();
    let line = text.lines().count() + 3;
    fs::write(&update, format!("{text}\nIntro.\n{tail}\n")).unwrap();
    let out = check(&content);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("2026-01-09.md:{line}:{col}: warning[{warning}]")),
        "{err}"
    );
    let start = std::time::Instant::now();
    let out = build(&content, &tmp.path().join("out"));
    assert!(
        start.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// 40,000 unclosed `<div>` took minutes in a debug build while the sanitizer parsed every
/// level; raw HTML deeper than 256 elements is shown as text.
#[test]
fn narrative_of_40k_unclosed_divs_builds_quickly_with_a_warning() {
    let divs = format!("<div>{}", "<div>".repeat(40_000));
    nested_narrative_builds_quickly_with_a_warning(&divs, 1, "html-too-deep");
}

/// 100,000 nested `>` took 87 s to build (the sanitizer looks through every open element for
/// each new one); block containers deeper than 256 are flattened, with a warning at the first.
#[test]
fn narrative_of_deeply_nested_quotes_builds_quickly_with_a_warning() {
    let quotes = format!("{} deep", ">".repeat(100_000));
    nested_narrative_builds_quickly_with_a_warning(&quotes, 257, "markdown-too-deep");
}

/// A schedule change of billions of days used to be accepted silently (the baseline end ignored
/// it when the date overflowed; −3,000,000 days gave an end in year −6187, and 3,000,000 days
/// made the forecast spread take seconds). More than 100 years either way is an error at the
/// change.
#[test]
fn huge_schedule_delta_days_is_out_of_range() {
    for (days, bad) in [
        ("9223372036854775807", true),
        ("-3000000", true),
        ("36501", true),
        ("36500", false),
        ("-36500", false),
    ] {
        let tmp = fixture_copy("valid");
        edit(&tmp.path().join(ACME_UPDATE), |t| {
            t.replace(
                "schedule_delta_days: 3}",
                &format!("schedule_delta_days: {days}}}"),
            )
        });
        let out = check(tmp.path());
        let err = String::from_utf8_lossy(&out.stderr);
        if bad {
            assert_eq!(out.status.code(), Some(1), "{days}: {err}");
            assert!(
                err.contains("2026-01-16.md:20:")
                    && err.contains("`changes[0].schedule_delta_days` is too large"),
                "{days}: {err}"
            );
        } else {
            assert_eq!(out.status.code(), Some(0), "{days}: {err}");
        }
    }
}
