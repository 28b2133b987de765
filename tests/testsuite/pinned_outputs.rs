//! The outputs of the bundled example (`content/`), pinned with insta snapshots: the whole of
//! `portfolio.json` and `projects.csv`, and one project page's HTML with its inline charts
//! redacted (the charts have their own tests in `tests/testsuite/charts.rs`). A change to any of these
//! shows up as a reviewable snapshot diff (`cargo insta review`), never silently.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;

/// The example's site, built once for the tests of this module.
fn example() -> &'static folio::driver::SiteFiles {
    static SITE: OnceLock<folio::driver::SiteFiles> = OnceLock::new();
    SITE.get_or_init(|| {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let settings = folio::driver::Settings {
            // Fixed, so the snapshots do not depend on today's date or on $CI_PAGES_URL.
            as_of: NaiveDate::from_ymd_opt(2026, 11, 20),
            base_url: Some("https://ps.example.org/portfolio/".into()),
            ..folio::driver::Settings::new(&content)
        };
        folio::driver::site(&settings)
            .unwrap_or_else(|e| panic!("{e}"))
            .files
    })
}

fn text(files: &folio::driver::SiteFiles, path: &str) -> String {
    String::from_utf8(files[path].clone()).unwrap()
}

/// Replaces the body of every inline `<svg …>…</svg>` with `[chart]`, keeping its opening tag.
fn redact_charts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let open_end = start + rest[start..].find('>').expect("unclosed <svg") + 1;
        let close = rest[open_end..].find("</svg>").expect("no </svg>") + open_end;
        out.push_str(&rest[..open_end]);
        out.push_str("[chart]");
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[test]
fn example_portfolio_json() {
    let files = example();
    let json: serde_json::Value = serde_json::from_str(&text(files, "portfolio.json")).unwrap();
    insta::assert_json_snapshot!("portfolio.json", json);
}

#[test]
fn example_projects_csv() {
    insta::assert_snapshot!("projects.csv", text(example(), "projects.csv"));
}

#[test]
fn example_project_page() {
    let html = text(example(), "projects/tyrell-geo-dr/index.html");
    assert_eq!(html.matches("<svg").count(), 3, "the page's charts");
    let redacted = redact_charts(&html);
    assert_eq!(redacted.matches("[chart]").count(), 3);
    insta::assert_snapshot!("project-page.html", redacted);
}

#[test]
fn chart_redaction_keeps_everything_else() {
    assert_eq!(
        redact_charts("<p>a</p><svg id=\"x\"><g>1</g></svg><p>b</p>"),
        "<p>a</p><svg id=\"x\">[chart]</svg><p>b</p>"
    );
}
