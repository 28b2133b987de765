//! `folio report`: the customer report of a project whose content hides internal-only text in
//! every place it can (tests/fixtures/report: every `INTERNAL-…` string, every cost figure, the
//! margin) shows none of it and shows every customer-visible item (the birds); both audiences
//! are one self-contained file; the site links each project page to its customer report; bad
//! project ids get a did-you-mean hint and exit 1.

use std::path::PathBuf;

use folio::driver::{BuildError, Settings};
use folio::status_report::{Audience, ReportFile};

use crate::harness::{assert_contains_all, edit, folio};
use crate::testutil::copy_dir;

/// What a `folio report` call asks for, in these tests.
struct ReportOptions {
    content: PathBuf,
    project: String,
    audience: Audience,
    as_of: Option<chrono::NaiveDate>,
    theme: Option<String>,
}

/// `folio report` through the driver.
fn report_html(o: &ReportOptions) -> Result<ReportFile, BuildError> {
    let settings = Settings {
        as_of: o.as_of,
        theme: o.theme.clone(),
        ..Settings::new(&o.content)
    };
    folio::driver::report(&settings, &o.project, o.audience)
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// A copy of the fixture at `<tmp>/content`: the temporary folder (kept while the test runs) and
/// the content folder.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    (tmp, content)
}

/// [`fixture_copy`] with `change` made to leaky's update of 2026-11-20.
fn fixture_with_leaky_update(change: impl FnOnce(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let (tmp, content) = fixture_copy();
    edit(&content.join("projects/leaky/updates/2026-11-20.md"), change);
    (tmp, content)
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

/// What an HTML file shows and holds, as the HTML standard's tokenizer (html5ever) reads it: the
/// text of the body (character references decoded, white space collapsed; styles and scripts
/// are not text), the `<title>`, every attribute value and every comment.
#[derive(Debug, Default)]
struct Read {
    text: String,
    title: String,
    attrs: Vec<String>,
    comments: Vec<String>,
}

impl Read {
    /// Everything a reader or a program could get out of the file.
    fn all(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}",
            self.title,
            self.text,
            self.attrs.join("\n"),
            self.comments.join("\n")
        )
    }
}

fn read_html(html: &str) -> Read {
    use folio::render::html_tokens::{each, Token};
    let mut read = Read::default();
    // Open `<svg>` elements: their `<style>` text is read as text, as a page's is not.
    let mut svg = 0usize;
    each(html, |token| {
        match token {
            Token::Start { name, attrs } => {
                read.attrs.extend(attrs.iter().map(|(_, v)| v.clone()));
                svg += usize::from(name == "svg");
                read.text.push(' ');
            }
            Token::End { name } => {
                svg = svg.saturating_sub(usize::from(name == "svg"));
                read.text.push(' ');
            }
            Token::Text { text, element } => match element {
                Some("title") => read.title.push_str(text),
                Some("style") if svg > 0 => read.text.push_str(text),
                Some("style" | "script" | "xmp" | "iframe" | "noembed" | "noframes" | "textarea") => {}
                _ => read.text.push_str(text),
            },
            Token::Comment(c) => read.comments.push(c.to_string()),
        }
        true
    });
    read.text = read.text.split_whitespace().collect::<Vec<_>>().join(" ");
    read.title = read.title.split_whitespace().collect::<Vec<_>>().join(" ");
    read
}

/// Internal text of `leaky` other than its `INTERNAL-` and `OLDWEEK-` strings: none of it may
/// reach a customer.
const INTERNAL: &[&str] = &[
    "17.3%",
    // Cost, budget, EAC, contract value, rate, hours, allocation, partner budget, deltas.
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
    "31,337",
    "42,424",
    "53,535",
    // Words that only come with internal figures, charts and the internal report.
    "Margin",
    "margin",
    "CPI",
    "SPI",
    "EAC",
    "Earned value",
    "S-curve",
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
    "Team",
    "Partners",
    "not to be forwarded",
    "This week",
];

/// Customer-visible items of `leaky`: all of it must be in its customer report.
const VISIBLE: &[&str] = &[
    "Heron Data Platform",
    "Initrode Corp",
    "Pat Quill",
    "2026-11-20",
    "Update of 2026-11-20",
    // Declared status with words: overall green, schedule amber, scope green.
    "Green",
    "Amber",
    "Schedule",
    "Scope",
    "42%",
    "Forecast completion 2027-03-05",
    // The customer parts of the latest narrative: two `##` parts and a setext one, with their
    // lists, quotes and level-3 headings.
    "Narrative Kestrel",
    "Customer list item Dunlin",
    "Customer list item Sanderling",
    "Customer quote Tern",
    "Next step Cormorant",
    "Load testing with Initrode IT.",
    "Second customer part Avocet.",
    "Customer list item Curlew",
    "Customer quote Godwit",
    "Setext customer part Bittern.",
    // Milestones: baseline, forecast, done, slip.
    "Kickoff Wren",
    "Design signed off Finch",
    "Go-live Swallow",
    "2027-02-19",
    "2027-03-05",
    "2026-10-20",
    "+14 d",
    "+4 d",
    // Change requests marked for the customer, with status and value.
    "Change Osprey",
    "Approved",
    "$25,000",
    "Shared change Pelican",
    // Asks of the customer (one about a change the customer does not see).
    "Approve the cutover window Egret",
    "Initrode change board",
    "2026-11-30",
    "Name a data owner Gannet",
    "Sign the scope extension Grebe",
    "Initrode procurement",
    // Records marked `customer: true` (r-flip: true, false, then true again).
    "Flipped risk Merlin",
    "Shared risk Heron",
    "Mitigation Plover",
    "Initrode IT",
    "Shared issue Falcon",
    "Shared escalation Puffin",
    "Joint workshop Ibis",
];

#[test]
fn customer_report_shows_nothing_internal() {
    let html = report("leaky", Audience::Customer);
    let read = read_html(&html);
    let all = read.all();
    for marker in ["INTERNAL", "OLDWEEK", "Internal", "internal"] {
        if let Some(at) = all.find(marker) {
            let from = all[..at].char_indices().rev().nth(60).map_or(0, |(i, _)| i);
            panic!(
                "`{marker}` in the customer report: …{}…",
                &all[from..(at + 80).min(all.len())]
            );
        }
    }
    let leaked: Vec<_> = INTERNAL.iter().filter(|s| all.contains(*s)).collect();
    assert!(
        leaked.is_empty(),
        "internal text in the customer report: {leaked:?}"
    );
    let missing: Vec<_> = VISIBLE.iter().filter(|s| !read.text.contains(*s)).collect();
    assert!(
        missing.is_empty(),
        "customer-visible items missing: {missing:?}\n{}",
        read.text
    );
    // The declared budget status (red in the fixture) is a cost signal: left out too.
    assert!(!read.text.contains("Red"), "declared budget status leaked");
    // The title names the customer report; a milestone chart, inline.
    assert_eq!(
        read.title,
        "Heron Data Platform — Customer status report, 2026-11-20"
    );
    assert!(html.contains("<svg") && read.text.contains("baseline vs forecast"));
    // The ask about a change the customer does not see is listed without it; the change the
    // customer sees is listed, its internal ask is not.
    assert!(
        read.text
            .contains("Sign the scope extension Grebe Initrode procurement"),
        "{}",
        read.text
    );
}

#[test]
fn the_customer_report_has_no_internal_term() {
    let opts = ReportOptions {
        content: fixture(),
        project: "leaky".to_string(),
        audience: Audience::Customer,
        as_of: None,
        theme: None,
    };
    // Every `INTERNAL-` word of `leaky` is a term of the lint: none is in what its customer sees.
    let warnings = report_html(&opts).unwrap().warnings;
    assert!(
        warnings.iter().all(|w| w.code != "internal-term"),
        "{warnings:#?}"
    );
}

#[test]
fn internal_report_shows_everything_and_says_it_is_internal() {
    let html = report("leaky", Audience::Internal);
    let read = read_html(&html);
    for s in [
        "INTERNAL-BEFORE-HEADING-Walrus",
        "INTERNAL-NARRATIVE-Badger",
        "17.3%",
        "INTERNAL-LOWERCASE-Jackal",
        "INTERNAL-RISK-Zebra",
        "INTERNAL-ISSUE-Okapi",
        "INTERNAL-ESCALATION-Narwhal",
        "INTERNAL-CHANGE-FALSE-Mole",
        "INTERNAL-CHANGE-NOFLAG-Vulture",
        "INTERNAL-TEAM-Quentin",
        "INTERNAL-PARTNER-Subco",
        "INTERNAL-DESCRIPTION-Tapir",
        "INTERNAL-ASK-NOFLAG-Toad",
        "INTERNAL-ASK-LINKED-Gecko (change request cr-4 Shared change Pelican)",
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
        assert!(read.text.contains(s), "internal report lacks {s}");
    }
    // First line, title, and (for print) a label on every page.
    assert!(
        read.text.starts_with("INTERNAL — not to be forwarded"),
        "{}",
        &read.text[..80]
    );
    assert!(read.title.contains("INTERNAL"), "{}", read.title);
    assert!(
        html.contains("@top-center { content: \"INTERNAL"),
        "no label on printed pages"
    );
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
    let (_tmp, content) = fixture_with_leaky_update(|t| {
        t.replace(
            "Next step Cormorant",
            "See [the plan](https://plans.example/p) and ![diagram](diagram.png) and \
             <a href=\"page.html\">raw</a> <img src=\"https://x.example/t.png\">[^1] Next step Cormorant\n\n[^1]: Footnote Loon",
        )
    });
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
    // r-flip: shared on 11-06, taken back on 11-13, shared again on 11-20; r-flop the other
    // way round. Each date's report shows that date's customer part only.
    let text = |date: &str| read_html(&report_at("leaky", Audience::Customer, Some(date))).text;
    let first = text("2026-11-06");
    assert!(first.contains("Flipped risk Merlin") && !first.contains("Flopped Ocelot"));
    assert!(first.contains("OLDWEEK-CUSTOMER-Sparrow"), "{first}");
    let second = text("2026-11-13");
    assert!(!second.contains("Flipped risk Merlin") && second.contains("INTERNAL-RISK-Flopped Ocelot"));
    assert!(second.contains("OLDWEEK-CUSTOMER-Starling") && !second.contains("Sparrow"));
    assert!(!second.contains("OLDWEEK-INTERNAL-Badger"));
    let now = text("2026-11-20");
    assert!(now.contains("Flipped risk Merlin") && !now.contains("Flopped Ocelot"));
}

#[test]
fn a_stale_update_says_how_old_it_is_and_report_warns() {
    let read = read_html(&report_at("leaky", Audience::Customer, Some("2026-12-18")));
    assert!(
        read.text.contains("Update of 2026-11-20, 28 days ago"),
        "{}",
        read.text
    );
    assert!(!read.text.contains("This week"));
    let tmp = tempfile::tempdir().unwrap();
    let content = fixture().display().to_string();
    let o = folio(
        tmp.path(),
        &["report", "leaky", "--as-of", "2026-12-18", "--content", &content],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("leaky/updates/2026-11-20.md:1:1: warning[stale-update]: the latest update, of 2026-11-20, is 28 days old"),
        "{err}"
    );
    // Not stale: no warning.
    let o = folio(tmp.path(), &["report", "leaky", "--content", &content]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("stale-update"));
}

#[test]
fn a_theme_template_that_refers_outside_the_file_is_refused() {
    let (tmp, content) = fixture_copy();
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
    assert_contains_all(&err, "the error", &["not self-contained", "corp.css"]);
}

#[test]
fn each_project_page_links_its_customer_report() {
    let content = fixture();
    let site = folio::driver::site(&Settings::new(content)).unwrap();
    for id in ["leaky", "quiet", "wordy"] {
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
            page.contains(&format!(
                "href=\"{name}\" download=\"{id}-2026-11-20-customer.html\""
            )),
            "{id}: no link to {name} saved as {id}-2026-11-20-customer.html"
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

#[test]
fn cli_writes_the_default_file_and_reports_bad_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let content = fixture().display().to_string();
    let o = folio(tmp.path(), &["report", "leaky", "--content", &content]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(tmp.path().join("leaky-2026-11-20-customer.html")).unwrap();
    assert!(
        written == report("leaky", Audience::Customer),
        "the file differs from the library's report"
    );
    // The internal report has a name of its own: it never replaces the customer's.
    let o = folio(
        tmp.path(),
        &["report", "leaky", "--audience", "internal", "--content", &content],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let internal = std::fs::read_to_string(tmp.path().join("leaky-2026-11-20-internal.html")).unwrap();
    assert!(internal == report("leaky", Audience::Internal));
    let again = std::fs::read_to_string(tmp.path().join("leaky-2026-11-20-customer.html")).unwrap();
    assert!(again == written, "the internal report overwrote the customer's");
    assert!(!read_html(&again).all().contains("INTERNAL"));

    let lead = [
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
    ];
    let o = folio(tmp.path(), &lead);
    assert_eq!(o.status.code(), Some(1), "no such folder: exit 1");
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let o = folio(tmp.path(), &lead);
    assert_eq!(o.status.code(), Some(0));
    let lead = std::fs::read_to_string(tmp.path().join("out/lead.html")).unwrap();
    assert!(lead.contains("OLDWEEK-INTERNAL-Badger") && !lead.contains("Walrus"));

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

/// The `internal-term` warnings of `folio <args>` on the fixture, as `path:line:col term`.
fn term_warnings(args: &[&str]) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let o = folio(tmp.path(), args);
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(o.status.success(), "{err}");
    let prefix = fixture().join("projects").display().to_string();
    err.lines()
        .filter(|l| l.contains("warning[internal-term]"))
        .map(|l| {
            let (at, rest) = l.split_once(": warning[internal-term]: \"").unwrap();
            let term = rest.split('"').next().unwrap();
            format!("{} {term}", at.strip_prefix(&prefix).unwrap_or(at))
        })
        .collect()
}

#[test]
fn each_internal_term_a_customer_would_read_is_a_warning_at_its_line() {
    let content = fixture().display().to_string();
    // One per kind of field the customer report carries, where it was written (the title of
    // r-1 in the update that opened it); none for the same words where no customer reads them
    // (another heading, `## Internal`, records, changes and asks not marked for the customer,
    // the team, the description, stakeholders, last week's customer part), none in `leaky`.
    let expected = [
        "/wordy/project.yaml:1:7 Bench",
        "/wordy/project.yaml:2:11 Margin",
        "/wordy/project.yaml:3:10 Internal",
        "/wordy/project.yaml:4:10 Cpi",
        "/wordy/project.yaml:11:21 Earned value",
        "/wordy/updates/2026-11-13.md:6:22 Rate card",
        "/wordy/updates/2026-11-20.md:2:9 Spi",
        "/wordy/updates/2026-11-20.md:8:12 ETC",
        "/wordy/updates/2026-11-20.md:9:17 write-off",
        "/wordy/updates/2026-11-20.md:11:22 Burn",
        "/wordy/updates/2026-11-20.md:11:68 Bench",
        "/wordy/updates/2026-11-20.md:14:12 Margin",
        "/wordy/updates/2026-11-20.md:17:12 EAC",
        "/wordy/updates/2026-11-20.md:20:16 internal",
        "/wordy/updates/2026-11-20.md:22:23 Rate card",
        "/wordy/updates/2026-11-20.md:25:11 burn",
        "/wordy/updates/2026-11-20.md:25:39 CPI",
        "/wordy/updates/2026-11-20.md:34:5 EAC",
        "/wordy/updates/2026-11-20.md:36:5 margin",
        "/wordy/updates/2026-11-20.md:36:20 bench",
        // Inline code is shown; a link's target and a comment are not.
        "/wordy/updates/2026-11-20.md:38:83 ETC",
    ];
    assert_eq!(term_warnings(&["check", "--content", &content]), expected);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site").display().to_string();
    assert_eq!(
        term_warnings(&["build", "--content", &content, "--output", &site]),
        expected
    );
    // `report` names those of its project only.
    let wordy = term_warnings(&["report", "wordy", "--content", &content]);
    assert_eq!(wordy, expected);
    assert!(term_warnings(&["report", "leaky", "--content", &content]).is_empty());
}

#[test]
fn internal_terms_are_set_in_portfolio_yaml() {
    let (_tmp, content) = fixture_copy();
    let yaml = content.join("portfolio.yaml");
    edit(&yaml, |t| {
        format!("{t}customer_report:\n  internal_terms: [Go-live, rate card]\n")
    });
    let c = content.display().to_string();
    let found = term_warnings(&["check", "--content", &c]);
    let prefix = content.join("projects").display().to_string();
    let found: Vec<String> = found
        .iter()
        .map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_string())
        .collect();
    assert_eq!(
        found,
        [
            "/leaky/project.yaml:15:24 Go-live",
            "/leaky/updates/2026-11-20.md:59:61 Go-live",
            "/wordy/project.yaml:12:21 Go-live",
            "/wordy/updates/2026-11-13.md:6:22 Rate card",
            "/wordy/updates/2026-11-20.md:22:23 Rate card",
        ]
    );
    edit(&yaml, |t| {
        t.replace("internal_terms: [Go-live, rate card]", "internal_terms: []")
    });
    assert!(term_warnings(&["check", "--content", &c]).is_empty());
}

#[test]
fn an_ask_about_an_unknown_change_is_an_error() {
    let (tmp, content) = fixture_with_leaky_update(|t| t.replace("change: cr-5}", "change: cr-55}"));
    let o = folio(
        tmp.path(),
        &["check", "--content", &content.display().to_string()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "leaky/updates/2026-11-20.md:49:93: error[unknown-change]: unknown change request `cr-55`"
        ),
        "{err}"
    );
    assert!(err.contains("did you mean `cr-5`?"), "{err}");
}

#[test]
fn an_ask_and_its_change_request_are_one_decision_on_the_summary() {
    let site = folio::driver::site(&Settings::new(fixture())).unwrap();
    let summary = read_html(&String::from_utf8(site.files["index.html"].clone()).unwrap()).text;
    // cr-4 and cr-5 are asked about: listed with their asks, not again on their own.
    assert!(
        summary.contains("INTERNAL-ASK-LINKED-Gecko (CR-4: Shared change Pelican)"),
        "{summary}"
    );
    assert!(summary.contains("Sign the scope extension Grebe (CR-5: INTERNAL-CHANGE-LINKED-Hare)"));
    assert!(!summary.contains("Approve or reject CR-4") && !summary.contains("Approve or reject CR-5"));
    // A proposed change no ask is about is a decision of its own.
    assert!(summary.contains("Approve or reject CR-3: INTERNAL-CHANGE-NOFLAG-Vulture"));
}

#[test]
fn an_update_without_a_customer_part_gives_no_narrative_and_report_says_so() {
    // Every customer heading renamed: the whole narrative is internal.
    let (tmp, content) = fixture_with_leaky_update(|t| {
        t.replace(
            "## For the customer\n\nNarrative",
            "## For the record\n\nNarrative",
        )
        .replace("## CUSTOMER", "## Customers")
        .replace(
            "For the customer\n----------------",
            "For the customers\n-----------------",
        )
    });
    let c = content.display().to_string();
    let o = folio(tmp.path(), &["report", "leaky", "--content", &c]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("leaky/updates/2026-11-20.md:1:1: warning[no-customer-part]"),
        "{err}"
    );
    let html = std::fs::read_to_string(tmp.path().join("leaky-2026-11-20-customer.html")).unwrap();
    let read = read_html(&html);
    assert!(
        read.text
            .contains("Update of 2026-11-20 The project manager has shared no text with this update."),
        "{}",
        read.text
    );
    assert!(!read.text.contains("Kestrel") && !read.text.contains("Avocet"));
    // The internal report has the narrative and no such warning.
    let o = folio(
        tmp.path(),
        &["report", "leaky", "--audience", "internal", "--content", &c],
    );
    assert!(!String::from_utf8_lossy(&o.stderr).contains("no-customer-part"));
}
