//! Round 3 of docs/reliability.md for the command line and the preview server: `report
//! --output` that must not overwrite content or foreign files, bounded request headers, escaped
//! file names, unique facet slugs, bounded dates, formula-safe CSV under every separator,
//! shortened echoes of huge values and the warning for a non-loopback `--bind`. Each test is
//! named after the fault it pins.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::harness::{assert_contains_all, copy_fixture_to, folio, stderr};
use crate::testutil::copy_dir;

/// A copy of the `valid` fixture at `<tmp>/content`.
fn valid_content(tmp: &Path) -> PathBuf {
    let content = tmp.join("content");
    copy_fixture_to("valid", &content);
    content
}

/// `folio build` of `<dir>/content` into `<dir>/out` as of 2026-03-20, which must succeed.
fn build_ok(dir: &Path) {
    let o = folio(
        dir,
        &[
            "build",
            "--as-of",
            "2026-03-20",
            "--content",
            "content",
            "--output",
            "out",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

// ---- item 4: `report --output` ----

fn report_to(dir: &Path, out: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "report",
        "acme",
        "--as-of",
        "2026-03-20",
        "--content",
        "content",
        "--output",
        out,
    ];
    args.extend_from_slice(extra);
    folio(dir, &args)
}

#[test]
fn report_output_inside_the_content_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let content = valid_content(dir);
    let yaml = content.join("projects/acme/project.yaml");
    let before = fs::read(&yaml).unwrap();
    fs::create_dir(dir.join("elsewhere")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&content, dir.join("link")).unwrap();
    let mut outs = vec![
        "content/projects/acme/project.yaml",
        "elsewhere/../content/projects/acme/project.yaml",
        "content/new-report.html",
        "content",
    ];
    if cfg!(unix) {
        outs.push("link/projects/acme/project.yaml");
        outs.push("link/projects/acme/report.html");
    }
    for out in outs {
        // Even --force does not allow writing into the content.
        for extra in [&[][..], &["--force"][..]] {
            let o = report_to(dir, out, extra);
            assert_eq!(o.status.code(), Some(2), "{out} {extra:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("inside the content folder"),
                "{out}: {}",
                stderr(&o)
            );
        }
    }
    assert_eq!(fs::read(&yaml).unwrap(), before, "project.yaml was replaced");
    assert!(!content.join("new-report.html").exists());
    assert!(!content.join("projects/acme/report.html").exists());
}

#[test]
fn report_refuses_to_replace_a_file_it_did_not_write_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    valid_content(dir);
    // A report folio wrote is replaced without asking.
    let o = report_to(dir, "acme.html", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = report_to(dir, "acme.html", &[]);
    assert_eq!(o.status.code(), Some(0), "own report: {}", stderr(&o));
    // Anything else is refused, and left as it was.
    fs::write(dir.join("notes.html"), "<p>my notes</p>").unwrap();
    let o = report_to(dir, "notes.html", &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.join("notes.html")).unwrap(),
        "<p>my notes</p>"
    );
    // A folder is not a file to replace, forced or not.
    fs::create_dir(dir.join("folder.html")).unwrap();
    let o = report_to(dir, "folder.html", &["--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // --force replaces it.
    let o = report_to(dir, "notes.html", &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::read_to_string(dir.join("notes.html"))
        .unwrap()
        .contains("<meta name=\"generator\" content=\"folio"));
}

// ---- item 11: CSV under `,`, `;` and tab ----

/// Values that start a formula in a cell when a reader splits where they hide a separator.
const HOSTILE_CSV: &[&str] = &[
    "Acme;=HYPERLINK(\"http://evil\",\"x\")",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "x\t=1+2",
    "x;\"=y",
    "x; =z",
    "x;\t-1",
    "x;;@a",
    "x;\"\"+b",
];

/// `s` as a double-quoted YAML scalar.
fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A content folder with one project per hostile value, carrying it in every text field a
/// project or update has: names, customer, region, manager, sponsor, tags, milestone, risk,
/// issue, escalation, team and partner names, the program's name. Every project is late on a
/// milestone and over budget, so its health reasons quote the milestone's name.
fn hostile_csv_content(dir: &Path) -> PathBuf {
    let content = dir.join("content");
    fs::create_dir_all(content.join("programs")).unwrap();
    fs::write(
        content.join("portfolio.yaml"),
        format!("title: {}\ncurrency: USD\n", yaml_str(HOSTILE_CSV[0])),
    )
    .unwrap();
    fs::write(
        content.join("programs/core.yaml"),
        format!("name: {}\n", yaml_str(HOSTILE_CSV[1])),
    )
    .unwrap();
    for (i, v) in HOSTILE_CSV.iter().enumerate() {
        let q = yaml_str(v);
        let p = content.join(format!("projects/p{i}"));
        fs::create_dir_all(p.join("updates")).unwrap();
        fs::write(
            p.join("project.yaml"),
            format!(
                "name: {q}\ncustomer: {q}\nprogram: core\nregion: {q}\nmanager: {q}\nsponsor: {q}\n\
                 engagement: fixed_price\ncontract_value: 100000\nbudget: 80000\n\
                 start: 2026-01-05\nend: 2026-06-30\n\
                 milestones:\n  - {{id: m1, name: {q}, due: 2026-02-13}}\n\
                 team:\n  - {{name: {q}, role: {q}, allocation: 50}}\n\
                 partners:\n  - {{name: {q}, role: subcontractor, budget: 1000}}\n\
                 tags: [{q}, plain]\ndescription: {q}\n"
            ),
        )
        .unwrap();
        fs::write(
            p.join("updates/2026-03-13.md"),
            format!(
                "---\nauthor: {q}\nstatus: {{overall: red}}\npercent_complete: 10\n\
                 actual_cost: 90000\n\
                 risks:\n  - {{id: r-1, title: {q}, probability: 4, impact: 4, status: open}}\n\
                 issues:\n  - {{id: i-1, title: {q}, severity: low, status: open}}\n\
                 escalations:\n  - {{id: esc-1, title: {q}, severity: high, raised: 2026-03-10, status: open}}\n\
                 ---\n{v}\n"
            ),
        )
        .unwrap();
    }
    content
}

/// Cells of `bytes` read as CSV with `delimiter` (the csv crate's defaults otherwise: `"`
/// quotes, any line end), header row included.
fn cells(bytes: &[u8], delimiter: u8) -> Vec<String> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut out = Vec::new();
    for rec in r.byte_records() {
        for cell in rec.unwrap().iter() {
            out.push(String::from_utf8_lossy(cell).into_owned());
        }
    }
    out
}

#[test]
fn no_csv_cell_starts_a_formula_under_any_separator() {
    let tmp = tempfile::tempdir().unwrap();
    hostile_csv_content(tmp.path());
    build_ok(tmp.path());
    // Every CSV of the site, including any added later.
    let csvs: Vec<PathBuf> = walkdir::WalkDir::new(tmp.path().join("out"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    assert!(!csvs.is_empty(), "the site has no CSV");
    let mut hostile_seen = 0;
    for path in &csvs {
        let bytes = fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        hostile_seen += HOSTILE_CSV.iter().filter(|v| text.contains(&v[2..])).count();
        for delimiter in [b',', b';', b'\t'] {
            for cell in cells(&bytes, delimiter) {
                // A number (`-1500.5`) is data, not a formula; any other cell must not start
                // like one.
                let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                assert!(
                    !formula || cell.trim().parse::<f64>().is_ok_and(f64::is_finite),
                    "{} read with {:?}: cell {cell:?}",
                    path.display(),
                    delimiter as char
                );
            }
        }
    }
    assert!(hostile_seen > 0, "the hostile values did not reach the CSV");
}

// ---- item 10: dates from 1970 to 2199 ----

fn check_at(dir: &Path) -> Output {
    folio(dir, &["check", "--content", "content"])
}

#[test]
fn dates_outside_1970_to_2199_are_out_of_range_in_content() {
    let tmp = tempfile::tempdir().unwrap();
    let content = valid_content(tmp.path());
    let project = content.join("projects/acme/project.yaml");
    let text = fs::read_to_string(&project)
        .unwrap()
        .replace("    due: 2026-06-19", "    due: 9999-12-31")
        .replace("start: 2026-01-05", "start: 1969-12-31");
    fs::write(&project, text).unwrap();
    let portfolio = content.join("portfolio.yaml");
    let text = fs::read_to_string(&portfolio).unwrap();
    fs::write(&portfolio, format!("{text}as_of: 2200-01-01\n")).unwrap();
    let updates = content.join("projects/acme/updates");
    fs::copy(updates.join("2026-01-16.md"), updates.join("2200-01-02.md")).unwrap();
    let o = check_at(tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert_contains_all(
        &err,
        "stderr",
        &[
            "content/projects/acme/project.yaml:10:8: error[out-of-range]: `start` is out of range",
            "content/projects/acme/project.yaml:22:10: error[out-of-range]: `milestones[1].due` is out of range",
            "expected: a date from 1970-01-01 to 2199-12-31",
            "content/portfolio.yaml:12:8: error[out-of-range]: `as_of` is out of range",
            "content/projects/acme/updates/2200-01-02.md: error[out-of-range]",
        ],
    );
    // The bounds themselves are fine.
    let text = fs::read_to_string(&project)
        .unwrap()
        .replace("due: 9999-12-31", "due: 2199-12-31")
        .replace("start: 1969-12-31", "start: 2026-01-05");
    fs::write(&project, text).unwrap();
    fs::write(
        &portfolio,
        fs::read_to_string(&portfolio)
            .unwrap()
            .replace("2200-01-01", "2026-03-20"),
    )
    .unwrap();
    fs::remove_file(updates.join("2200-01-02.md")).unwrap();
    let o = check_at(tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn dates_outside_1970_to_2199_are_usage_errors_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    valid_content(tmp.path());
    for date in ["0000-01-01", "1969-12-31", "2200-01-01", "9999-12-31"] {
        for args in [
            &[
                "build",
                "--content",
                "content",
                "--output",
                "out",
                "--as-of",
                date,
            ][..],
            &["report", "acme", "--content", "content", "--as-of", date][..],
            &["new", "update", "acme", "--content", "content", "--date", date][..],
        ] {
            let o = folio(tmp.path(), args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("out of range: dates run from 1970-01-01 to 2199-12-31"),
                "{args:?}: {}",
                stderr(&o)
            );
        }
    }
    assert!(!tmp.path().join("out").exists());
}

// ---- item 9: one filter page per distinct value ----

#[test]
fn managers_whose_slugs_collide_keep_their_own_filter_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let content = valid_content(tmp.path());
    let managers = ["Pat Lee", "Pat-Lee", "PAT LEE", "pat_lee", ".", "None"];
    let acme = fs::read_to_string(content.join("projects/acme/project.yaml")).unwrap();
    for (i, m) in managers.iter().enumerate() {
        let dir = content.join(format!("projects/m{i}"));
        copy_dir(&content.join("projects/acme"), &dir);
        let text = acme.replace("manager: Sofia Rossi", &format!("manager: {}", yaml_str(m)));
        fs::write(dir.join("project.yaml"), text).unwrap();
    }
    build_ok(tmp.path());
    let by = tmp.path().join("out/projects/_by/manager");
    let mut pages: Vec<String> = fs::read_dir(&by)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    // Sofia Rossi and Rahul Mehta of the fixture, plus one page per new manager.
    assert_eq!(pages.len(), managers.len() + 2, "{pages:?}");
    let index = fs::read_to_string(tmp.path().join("out/projects/index.html")).unwrap();
    for (i, m) in managers.iter().enumerate() {
        // Exactly one page lists project m<i>, and it lists no other of them.
        let holding: Vec<&String> = pages
            .iter()
            .filter(|p| {
                fs::read_to_string(by.join(p).join("index.html"))
                    .unwrap()
                    .contains(&format!("projects/m{i}/"))
            })
            .collect();
        assert_eq!(holding.len(), 1, "{m}: {holding:?}");
        let page = fs::read_to_string(by.join(holding[0]).join("index.html")).unwrap();
        let others = (0..managers.len())
            .filter(|j| *j != i && page.contains(&format!("projects/m{j}/")))
            .count();
        assert_eq!(others, 0, "{m} shares {}", holding[0]);
        // The filter menu names every manager, linking to its own page.
        let link = format!("projects/_by/manager/{}/index.html", holding[0]);
        assert!(index.contains(&link), "{m}: no {link} in the menu");
    }
}

// ---- item 12b: huge values are echoed shortened ----

#[test]
fn a_900kb_key_or_value_is_echoed_shortened_with_its_length() {
    let tmp = tempfile::tempdir().unwrap();
    let content = valid_content(tmp.path());
    let project = content.join("projects/acme/project.yaml");
    let key = "k".repeat(450_000);
    let word = "é".repeat(225_000); // 450 KB: two bytes each
    let text = fs::read_to_string(&project).unwrap().replace(
        "engagement: fixed_price",
        &format!("engagement: {word}\n{key}: 1"),
    );
    fs::write(&project, text).unwrap();
    for format in ["human", "json"] {
        let o = folio(tmp.path(), &["check", "--content", "content", "--format", format]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let out = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
        let out = String::from_utf8(out).unwrap();
        assert!(out.len() < 8_000, "{format}: {} bytes of output", out.len());
        assert!(out.contains("… (450000 characters)"), "{format}: {out}");
        assert!(out.contains("… (225000 characters)"), "{format}: {out}");
        assert!(
            out.contains(&format!("unknown key `{}…", "k".repeat(200))),
            "{format}"
        );
    }
}
