//! `folio report`: the customer report of a project whose content hides internal-only text in
//! every place it can (tests/fixtures/report: every `INTERNAL-…` string, every cost figure, the
//! margin) shows none of it and shows every customer-visible item (the birds); both audiences
//! are one self-contained file; the site links each project page to its customer report; bad
//! project ids get a did-you-mean hint and exit 1.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use folio::{report_html, Audience, ReportOptions};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

fn report(project: &str, audience: Audience) -> String {
    report_at(project, audience, None)
}

fn report_at(project: &str, audience: Audience, as_of: Option<&str>) -> String {
    let opts = ReportOptions {
        content: fixture(),
        project: project.to_string(),
        audience,
        as_of: as_of.map(|d| d.parse().unwrap()),
        theme: None,
    };
    report_html(&opts).unwrap().html
}

/// Internal-only text of the fixture: none of it may reach a customer.
const INTERNAL: &[&str] = &[
    // `## Internal` parts of the latest narrative (also `## internal ##` at the end) and the
    // heading itself, and a previous update's internal part.
    "INTERNAL-NARRATIVE-Walrus",
    "17.3%",
    "INTERNAL-SUBHEADING-Hyena",
    "INTERNAL-LOWERCASE-Jackal",
    "INTERNAL-SETEXT-Aardvark",
    "INTERNAL-OLD-NARRATIVE-Badger",
    ">Internal<",
    // Records not marked `customer: true`, or marked true and later false.
    "INTERNAL-RISK-Zebra",
    "INTERNAL-OWNER-Gnu",
    "INTERNAL-MITIGATION-Ibex",
    "INTERNAL-RISK-Flipped Ocelot",
    "INTERNAL-ISSUE-Okapi",
    "INTERNAL-ESCALATION-Narwhal",
    "INTERNAL-STAKEHOLDER-Vole",
    "INTERNAL-NEXT-STEP-Marmot",
    "INTERNAL-CHANGE-Mole",
    "31,337",
    // The project definition's internal parts.
    "INTERNAL-TEAM-Quentin",
    "INTERNAL-PARTNER-Subco",
    "INTERNAL-DESCRIPTION-Tapir",
    "INTERNAL-TAG-Lemur",
    "INTERNAL-REGION-Yak",
    // Cost, budget, EAC, contract value, rate, hours, allocation, partner budget, budget delta.
    "456,789",
    "765,432",
    "811,111",
    "987,654",
    "$234",
    "1,357",
    "2,468",
    "73%",
    "54,321",
    "19,191",
    // Words that only come with internal figures.
    "Margin",
    "margin",
    "CPI",
    "SPI",
    "EAC",
    "Earned value",
    "Budget",
    "budget",
    "Revenue",
    "revenue",
    "Computed",
    "computed",
    "Watermelon",
    "Hours",
    "Bill rate",
    "Allocation",
];

/// Customer-visible items of the fixture.
const VISIBLE: &[&str] = &[
    "Heron Data Platform",
    "Initrode Corp",
    "Pat Quill",
    "2026-11-20",
    // Declared status with words: overall green, schedule amber, scope green.
    "Green",
    "Amber",
    "Schedule",
    "Scope",
    "42%",
    "Forecast completion 2027-03-05",
    // The narrative outside its internal parts.
    "narrative Kestrel",
    "Next step Cormorant",
    // Milestones: baseline, forecast, done, slip.
    "Kickoff Wren",
    "Design signed off Finch",
    "Go-live Swallow",
    "2027-02-19",
    "2027-03-05",
    "2026-10-20",
    "+14 d",
    "+4 d",
    // Change requests with status and value.
    "Change Osprey",
    "Approved",
    "$25,000",
    // Open asks.
    "Approve the cutover window Egret",
    "Initrode change board",
    "2026-11-30",
    "Name a data owner Gannet",
    // Records marked `customer: true`.
    "Shared risk Heron",
    "Mitigation Plover",
    "Shared issue Falcon",
    "Shared escalation Puffin",
    "Joint workshop Ibis",
];

/// `html` without its `<style>` element (whose CSS says `margin`).
fn without_style(html: &str) -> String {
    let start = html.find("<style>").expect("inline styles");
    let end = html.find("</style>").expect("closed style element");
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn customer_report_shows_nothing_internal() {
    let html = without_style(&report("leaky", Audience::Customer));
    let leaked: Vec<_> = INTERNAL.iter().filter(|s| html.contains(*s)).collect();
    assert!(
        leaked.is_empty(),
        "internal text in the customer report: {leaked:?}"
    );
    let missing: Vec<_> = VISIBLE.iter().filter(|s| !html.contains(*s)).collect();
    assert!(missing.is_empty(), "customer-visible items missing: {missing:?}");
    // The declared budget status (red in the fixture) is a cost signal: left out too.
    assert!(!html.contains("Red"), "declared budget status leaked");
    // A milestone chart, inline.
    assert!(html.contains("<svg") && html.contains("baseline vs forecast"));
}

#[test]
fn internal_report_shows_everything() {
    let html = report("leaky", Audience::Internal);
    for s in [
        "INTERNAL-NARRATIVE-Walrus",
        "17.3%",
        "INTERNAL-LOWERCASE-Jackal",
        "INTERNAL-RISK-Zebra",
        "INTERNAL-ISSUE-Okapi",
        "INTERNAL-ESCALATION-Narwhal",
        "INTERNAL-CHANGE-Mole",
        "INTERNAL-TEAM-Quentin",
        "INTERNAL-PARTNER-Subco",
        "INTERNAL-DESCRIPTION-Tapir",
        "$456,789",
        "$765,432",
        "$811,111",
        "$987,654",
        "Margin",
        "CPI",
        "Computed from the numbers",
        "Approve the cutover window Egret",
        "Shared risk Heron",
        "Kickoff Wren",
    ] {
        assert!(html.contains(s), "internal report lacks {s}");
    }
}

/// Every `src`/`href` (and `srcset`, `xlink:href`, CSS `url(`) value of `html`, found without
/// folio's own checker.
fn references(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    for attr in [" src=", " href=", " srcset=", ":href=", "url("] {
        for (i, _) in lower.match_indices(attr) {
            let v = &html[i + attr.len()..];
            let v = v.trim_start_matches(['"', '\'']);
            let end = v
                .find(|c: char| c == '"' || c == '\'' || c == '>' || c == ')' || c.is_whitespace())
                .unwrap_or(v.len());
            out.push(v[..end].to_string());
        }
    }
    out
}

fn assert_self_contained(html: &str, what: &str) {
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "{what}: has a script"
    );
    assert!(!html.contains("@import"), "{what}: imports a style sheet");
    for r in references(html) {
        assert!(
            r.starts_with('#') || r.starts_with("data:"),
            "{what}: refers to `{r}` outside the file"
        );
    }
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{what}: not a whole document"
    );
    assert!(html.contains("<style>"), "{what}: styles are not inline");
}

#[test]
fn reports_are_self_contained() {
    for audience in [Audience::Customer, Audience::Internal] {
        let html = report("leaky", audience);
        assert_self_contained(&html, audience.as_str());
    }
    // Footnotes stay as in-page links.
    assert!(references(&report("leaky", Audience::Internal))
        .iter()
        .all(|r| !r.is_empty()));
}

#[test]
fn links_and_images_of_the_narrative_do_not_point_out_of_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    folio_copy(&fixture(), &content);
    let update = content.join("projects/leaky/updates/2026-11-20.md");
    let text = std::fs::read_to_string(&update).unwrap().replace(
        "Next step Cormorant",
        "See [the plan](https://plans.example/p) and ![diagram](diagram.png) and \
         <a href=\"page.html\">raw</a> <img src=\"https://x.example/t.png\">[^1] Next step Cormorant\n\n[^1]: Footnote Loon",
    );
    std::fs::write(&update, text).unwrap();
    for audience in [Audience::Customer, Audience::Internal] {
        let opts = ReportOptions {
            content: content.clone(),
            project: "leaky".into(),
            audience,
            as_of: None,
            theme: None,
        };
        let html = report_html(&opts).unwrap().html;
        assert_self_contained(&html, audience.as_str());
        assert!(
            html.contains("the plan") && html.contains("Footnote Loon"),
            "{html}"
        );
        assert!(!html.contains("plans.example") || audience == Audience::Internal);
    }
}

#[test]
fn no_update_as_of_the_date_says_so() {
    let html = report("quiet", Audience::Customer);
    assert!(html.contains("No status update as of 2026-11-20."), "{html}");
    assert!(html.contains("Quiet Project") && html.contains("Hushed Inc"));
    // Before its first update, `leaky` has none either.
    let html = report_at("leaky", Audience::Customer, Some("2026-11-01"));
    assert!(html.contains("No status update as of 2026-11-01."));
    assert!(!html.contains("Kestrel"));
    let html = report_at("quiet", Audience::Internal, None);
    assert!(html.contains("No status update yet."));
}

#[test]
fn the_latest_customer_flag_of_a_record_wins() {
    // As of the first update, r-flip was shared; the second update takes it back.
    let before = report_at("leaky", Audience::Customer, Some("2026-11-13"));
    assert!(before.contains("INTERNAL-RISK-Flipped Ocelot"));
    assert!(before.contains("Sparrow"), "the narrative of that date");
    assert!(!before.contains("INTERNAL-OLD-NARRATIVE-Badger"));
    let now = report("leaky", Audience::Customer);
    assert!(!now.contains("Flipped Ocelot"));
}

#[test]
fn a_theme_template_that_refers_outside_the_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    folio_copy(&fixture(), &content);
    let templates = tmp.path().join("themes/corp/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("report_customer.html"),
        "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"corp.css\"></head><body>{{ view.project }}</body></html>",
    )
    .unwrap();
    let opts = ReportOptions {
        content,
        project: "leaky".into(),
        audience: Audience::Customer,
        as_of: None,
        theme: Some(tmp.path().join("themes/corp").display().to_string()),
    };
    let err = report_html(&opts).unwrap_err().to_string();
    assert!(
        err.contains("not self-contained") && err.contains("corp.css"),
        "{err}"
    );
}

#[test]
fn each_project_page_links_its_customer_report() {
    let content = fixture();
    let site = folio::build_site(&folio::SiteInputs {
        content: &content,
        as_of: None,
        base_url: None,
        theme: None,
        live_reload: false,
    })
    .unwrap();
    for id in ["leaky", "quiet"] {
        let prefix = format!("projects/{id}/{id}-status-");
        let files: Vec<_> = site.files.keys().filter(|k| k.starts_with(&prefix)).collect();
        assert_eq!(files.len(), 1, "{id}: {files:?}");
        let name = files[0].strip_prefix(&format!("projects/{id}/")).unwrap();
        let hash = name
            .strip_prefix(&format!("{id}-status-"))
            .and_then(|h| h.strip_suffix(".html"))
            .unwrap();
        assert!(
            hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()),
            "{name}"
        );
        let page = String::from_utf8(site.files[&format!("projects/{id}/index.html")].clone()).unwrap();
        assert!(
            page.contains(&format!("href=\"{name}\" download")),
            "{id}: no link to {name}"
        );
        // The file is the customer report `folio report` writes.
        let bytes = String::from_utf8(site.files[files[0]].clone()).unwrap();
        assert!(
            bytes == report(id, Audience::Customer),
            "{id}: differs from `folio report`"
        );
    }
    // Nothing else in the site names the report files: not guessable from the project list.
    for (path, bytes) in &site.files {
        if path.starts_with("projects/leaky/") {
            continue;
        }
        assert!(
            !String::from_utf8_lossy(bytes).contains("leaky-status-"),
            "{path} names the report"
        );
    }
}

fn folio_copy(src: &Path, dest: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let to = dest.join(entry.path().strip_prefix(src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
}

fn folio(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn cli_writes_the_default_file_and_reports_bad_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let content = fixture().display().to_string();
    let o = folio(tmp.path(), &["report", "leaky", "--content", &content]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(tmp.path().join("leaky-2026-11-20.html")).unwrap();
    assert!(
        written == report("leaky", Audience::Customer),
        "the file differs from the library's report"
    );

    let o = folio(
        tmp.path(),
        &[
            "report",
            "leaky",
            "--audience",
            "internal",
            "--as-of",
            "2026-11-13",
            "--output",
            "out/lead.html",
            "--content",
            &content,
        ],
    );
    assert_eq!(o.status.code(), Some(1), "no such folder: exit 1");
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let o = folio(
        tmp.path(),
        &[
            "report",
            "leaky",
            "--audience",
            "internal",
            "--as-of",
            "2026-11-13",
            "--output",
            "out/lead.html",
            "--content",
            &content,
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let lead = std::fs::read_to_string(tmp.path().join("out/lead.html")).unwrap();
    assert!(lead.contains("INTERNAL-OLD-NARRATIVE-Badger") && !lead.contains("Walrus"));

    for (id, hint) in [
        ("Leaky", "did you mean `leaky`? (project ids are case-sensitive)"),
        ("leakky", "did you mean `leaky`?"),
    ] {
        let o = folio(tmp.path(), &["report", id, "--content", &content]);
        assert_eq!(o.status.code(), Some(1));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("no project `{id}`")) && err.contains(hint),
            "{err}"
        );
    }
    let o = folio(
        tmp.path(),
        &["report", "leaky", "--audience", "board", "--content", &content],
    );
    assert_eq!(o.status.code(), Some(2));
    let o = folio(tmp.path(), &["report"]);
    assert_eq!(o.status.code(), Some(2));
    let help = folio(tmp.path(), &["--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("report"));
}
