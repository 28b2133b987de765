//! `folio check` on time exports: each malformed cell at its file, line and column, unknown
//! names counted once each, an unrecognized header naming the four formats; the bundled
//! example's exports agree with the typed hours but for its one deliberate mismatch.

use std::fs;
use std::path::Path;

use crate::harness;
use crate::testutil::copy_dir;

/// `folio check` in `dir`: (exit code, stderr followed by stdout).
fn check(dir: &Path) -> (i32, String) {
    let (code, out, err) = harness::check(dir, &[]);
    (code, err + &out)
}

/// The valid fixture with `time/` files.
fn with_time(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = harness::fixture_copy("valid");
    harness::write_files(&tmp.path().join("time"), files.iter().copied());
    tmp
}

#[test]
fn malformed_cells_at_their_line_and_column() {
    let tmp = with_time(&[(
        "2026/toggl.csv",
        "\u{feff}User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration\r\n\
         Priya Raman,p@example.com,Acme Corp,acme,,Cutover,Yes,2026-03-02,09:00:00,2026-03-02,17:00:00,8:00:00\r\n\
         Priya Raman,p@example.com,Acme Corp,acme,,Cutover,Maybe,2026-03-03,09:00:00,2026-03-03,17:00:00,8:00:00\r\n\
         Priya Raman,p@example.com,Acme Corp,acme,,Cutover,Yes,2026-03-04,09:00:00,2026-03-04,17:00:00,8.5\r\n",
    )]);
    let (code, out) = check(tmp.path());
    assert_eq!(code, 1, "{out}");
    // `Priya Raman,p@example.com,Acme Corp,acme,,Cutover,` is 50 characters: Billable at 51.
    assert!(
        out.contains("time/2026/toggl.csv:3:51: error[invalid-time-entry]"),
        "{out}"
    );
    assert!(out.contains("`Maybe`"), "{out}");
    // Duration is the 12th cell: after the 11 cells before it and their commas.
    let line4 =
        "Priya Raman,p@example.com,Acme Corp,acme,,Cutover,Yes,2026-03-04,09:00:00,2026-03-04,17:00:00,";
    assert!(
        out.contains(&format!(
            "time/2026/toggl.csv:4:{}: error[invalid-time-entry]",
            line4.chars().count() + 1
        )),
        "{out}"
    );
    assert!(out.contains("H:MM:SS"), "{out}");
}

#[test]
fn unrecognized_header_names_the_four_formats() {
    let tmp = with_time(&[("hours.csv", "Day,Who,Hours\n2026-03-02,Priya Raman,8\n")]);
    let (code, out) = check(tmp.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("time/hours.csv:1:1: error[unknown-time-format]"),
        "{out}"
    );
    for f in [
        "folio (",
        "Harvest \"Detailed time\"",
        "Clockify \"Detailed\"",
        "Toggl \"Detailed\"",
    ] {
        assert!(out.contains(f), "{f} not named:\n{out}");
    }
}

#[test]
fn unknown_names_are_counted_once_each() {
    let tmp = with_time(&[
        (
            "a.csv",
            "date,person,project,hours,billable\n2026-03-02,Priya Raman,Side quest,2,no\n2026-03-03,Priya Raman,Side quest,1.5,no\n2026-03-03,Priya Raman,acme,8,yes\n",
        ),
        ("b.csv", "date,person,project,hours,billable\n2026-03-03,Priya Raman,acme,8,yes\n"),
    ]);
    fs::write(tmp.path().join("people.yaml"), "- {name: Sofia Rossi}\n").unwrap();
    let (code, out) = check(tmp.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("warning[unknown-time-project]").count(), 1, "{out}");
    assert!(
        out.contains("unknown project `Side quest` in time entries: 2 rows, 3.50 h"),
        "{out}"
    );
    assert!(
        out.contains("unknown person `Priya Raman` in time entries: 4 rows, 19.50 h"),
        "{out}"
    );
    assert!(
        out.contains("time/b.csv:2:1: warning[duplicate-time-entry]"),
        "{out}"
    );
}

/// The example's exports agree with what the PMs typed, but for Wayne's latest update (570
/// typed, 550 in the entries): one warning about time. (The example's other warning is its
/// deliberately slid opportunity, `opportunity-start-passed`.)
#[test]
fn the_example_has_one_deliberate_mismatch() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), tmp.path());
    let (code, out) = check(tmp.path());
    assert_eq!(code, 0, "{out}");
    let time_codes = [
        "hours-mismatch",
        "duplicate-time-entry",
        "unknown-person",
        "unknown-time-project",
    ];
    let about_time = time_codes
        .iter()
        .map(|c| out.matches(&format!("warning[{c}]")).count())
        .sum::<usize>();
    assert_eq!(about_time, 1, "{out}");
    assert_eq!(out.matches("warning[").count(), 2, "{out}");
    assert!(out.contains("warning[opportunity-start-passed]"), "{out}");
    assert!(
        out.contains("projects/wayne-runner-fleet/updates/2026-11-20.md:5:8: warning[hours-mismatch]: `hours` is 570.0 but the time entries up to 2026-11-20 give 550.0 billable hours"),
        "{out}"
    );
}
