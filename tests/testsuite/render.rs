//! The render stage over a hand-built portfolio: every page of the site exists, links resolve
//! relatively, ids are unique, output is deterministic, the live-reload script appears only
//! when asked, the 404 page uses the base URL, a theme folder overrides the default, and
//! hostile content in every text field and narrative cannot run script anywhere.

use crate::common;
use crate::harness::{assert_contains_all, write_files};

use std::collections::{BTreeSet, HashSet};

use folio::driver::{Settings, SiteFiles};

fn opts(live: bool) -> Settings {
    common::settings(live)
}

fn build(text: &dyn Fn(&str) -> String, opts: &Settings) -> SiteFiles {
    common::site(&common::portfolio(text), opts).expect("render")
}

/// The site's pages (not the one-file customer reports next to project pages).
fn pages(files: &SiteFiles) -> Vec<(&String, String)> {
    files
        .iter()
        .filter(|(k, _)| k.ends_with(".html") && !is_report(k))
        .map(|(k, v)| (k, String::from_utf8(v.clone()).expect("utf-8")))
        .collect()
}

/// A project's customer report: `projects/<id>/<id>-status-<hash>.html`.
fn is_report(path: &str) -> bool {
    path.starts_with("projects/") && path.contains("-status-") && !path.ends_with("/index.html")
}

/// One start tag: name (lowercase) and attributes (lowercase names, raw values).
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    end: usize,
}

/// A small HTML tokenizer: enough to see every real tag (escaped text has no raw `<`).
fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off + 1;
        if html[start..].starts_with("!--") {
            i = start + html[start..].find("-->").map_or(html.len() - start, |e| e + 3);
            continue;
        }
        let mut j = start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
            j += 1;
        }
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let ns = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'=' && b[j] != b'>' && b[j] != b'/' {
                j += 1;
            }
            let an = html[ns..j].to_ascii_lowercase();
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    j = vs + html[vs..].find(q as char).unwrap_or(html.len() - vs);
                    value = html[vs..j].to_string();
                    j += 1;
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[vs..j].to_string();
                }
            }
            attrs.push((an, value));
        }
        out.push(Tag { name, attrs, end: j });
        i = j.min(html.len());
    }
    out
}

fn decode(v: &str) -> String {
    v.replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

fn assert_no_active_content(path: &str, html: &str) {
    for tag in tags(html) {
        assert!(
            !matches!(
                tag.name.as_str(),
                "iframe" | "object" | "embed" | "base" | "form" | "style" | "foreignobject"
            ),
            "{path}: <{}> tag",
            tag.name
        );
        if tag.name == "script" {
            let src = tag
                .attrs
                .iter()
                .find(|(n, _)| n == "src")
                .map(|(_, v)| v.as_str())
                .unwrap_or("");
            assert!(
                src.ends_with("static/site.js") || src.ends_with("__folio/live.js"),
                "{path}: unexpected script {src:?}"
            );
            assert!(
                html[tag.end + 1..].starts_with("</script>"),
                "{path}: inline script body"
            );
        }
        for (name, value) in &tag.attrs {
            assert!(
                !name.starts_with("on"),
                "{path}: event handler {name}={value:?} on <{}>",
                tag.name
            );
            assert!(
                name != "style",
                "{path}: style attribute on <{}> (breaks a strict CSP)",
                tag.name
            );
            let v: String = decode(value)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase();
            if matches!(
                name.as_str(),
                "href" | "src" | "xlink:href" | "action" | "formaction" | "srcset"
            ) {
                assert!(
                    !v.starts_with("javascript:")
                        && !v.starts_with("data:text")
                        && !v.starts_with("vbscript:"),
                    "{path}: {name}={value:?}"
                );
            }
        }
    }
}

#[test]
fn hostile_content_never_runs() {
    let files = build(&common::hostile, &opts(true));
    let pages = pages(&files);
    assert!(pages.len() >= 12, "{}", pages.len());
    for (path, html) in &pages {
        assert_no_active_content(path, html);
        // The attack strings did reach the page, escaped.
        if path.starts_with("projects/alpha") {
            assert!(
                html.contains("&lt;script&gt;alert("),
                "{path}: hostile name not shown escaped"
            );
        }
    }
    // The customer reports: one inline style element (the theme's), nothing else active.
    let reports: Vec<_> = files.iter().filter(|(k, _)| is_report(k)).collect();
    let project_pages = files
        .keys()
        .filter(|k| {
            k.starts_with("projects/")
                && k.ends_with("/index.html")
                && *k != "projects/index.html"
                // The pre-rendered filtered project lists are not project pages.
                && !k.starts_with("projects/_by/")
        })
        .count();
    assert_eq!(reports.len(), project_pages, "one per project");
    for (path, bytes) in reports {
        let html = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(html.matches("<style").count(), 1, "{path}");
        let (head, rest) = html.split_once("<style>").unwrap();
        let (_, body) = rest.split_once("</style>").unwrap();
        assert_no_active_content(path, &format!("{head}{body}"));
        assert!(
            html.contains("&lt;script&gt;alert("),
            "{path}: hostile name not shown escaped"
        );
    }
    // Tera syntax in content is shown literally, not evaluated.
    let alpha = String::from_utf8(files["projects/alpha/index.html"].clone()).unwrap();
    assert!(alpha.contains("Project alpha&lt;script&gt;"), "name escaped");
    assert!(
        alpha.contains("{{ layout }}"),
        "template syntax in content must stay text"
    );
}

#[test]
fn every_page_exists_and_links_resolve() {
    let files = build(&common::plain, &opts(false));
    for p in [
        "index.html",
        "projects/index.html",
        "projects/alpha/index.html",
        "projects/beta/index.html",
        "projects/gamma/index.html",
        "programs/index.html",
        "programs/core/index.html",
        "risks/index.html",
        "escalations/index.html",
        "milestones/index.html",
        "people/index.html",
        "partners/index.html",
        "404.html",
        "static/site.css",
        "static/site.js",
    ] {
        assert!(files.contains_key(p), "missing {p}");
    }
    let exports: BTreeSet<&str> = ["portfolio.json", "projects.csv", "feed.xml", "milestones.ics"].into();
    for (path, html) in pages(&files) {
        assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
        let landmarks = [
            "<header",
            "<nav",
            "<main id=\"main\"",
            "<footer",
            "href=\"#main\"",
        ];
        assert_contains_all(&html, path, &landmarks);
        let tags = tags(&html);
        let mut ids = HashSet::new();
        for t in &tags {
            for (n, v) in &t.attrs {
                if n == "id" {
                    assert!(ids.insert(v.clone()), "{path}: duplicate id {v}");
                }
            }
        }
        // Every body row of every table has as many cells as its header row.
        for table in html.split("<table").skip(1) {
            let table = &table[..table.find("</table>").expect("closed table")];
            let Some((head, body)) = table.split_once("</thead>") else {
                continue;
            };
            let cols = head.matches("<th scope=").count();
            for row in body.split("<tr>").skip(1) {
                let cells = row.matches("<td").count() + row.matches("<th scope=").count();
                assert_eq!(
                    cells, cols,
                    "{path}: row with {cells} cells under {cols} headers: {row}"
                );
            }
        }
        if path == "404.html" {
            assert!(
                html.contains("href=\"https://example.org/portfolio/static/site.css\""),
                "{html}"
            );
            continue;
        }
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for t in &tags {
            for (n, v) in &t.attrs {
                if !(n == "href" || n == "src")
                    || v.starts_with('#')
                    || v.starts_with("http")
                    || v.starts_with("mailto:")
                {
                    continue;
                }
                let target = v.split('#').next().unwrap();
                assert!(
                    !target.ends_with('/') && !target.starts_with('/'),
                    "{path}: {v} is not a relative file link"
                );
                let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
                for seg in target.split('/') {
                    match seg {
                        ".." => assert!(parts.pop().is_some(), "{path}: {v} climbs above the root"),
                        "." | "" => {}
                        s => parts.push(s),
                    }
                }
                let resolved = parts.join("/");
                assert!(
                    files.contains_key(&resolved) || exports.contains(resolved.as_str()),
                    "{path}: broken link {v} → {resolved}"
                );
            }
            if t.name == "a" && t.attrs.iter().any(|(n, v)| n == "href" && v.starts_with('#')) {
                let (_, v) = t.attrs.iter().find(|(n, _)| n == "href").unwrap();
                assert!(ids.contains(&v[1..]), "{path}: in-page link {v} has no target");
            }
        }
        assert!(!html.contains("__folio"), "{path}: live reload without --serve");
    }
}

#[test]
fn summary_answers_first_with_formatted_figures() {
    let files = build(&common::plain, &opts(false));
    let html = String::from_utf8(files["index.html"].clone()).unwrap();
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("summary lacks {s}"));
    // Answer (revenue and health tiles) before exceptions before detail.
    assert!(pos("Revenue FY26") < pos("Needs attention"));
    // The open escalations are named on the first screen, beside the quarter.
    assert!(pos("open escalation") < pos("Needs attention"));
    assert!(html.contains("2026-11-20"), "as-of date shown");
    assert!(
        html.contains("Watermelon"),
        "alpha is declared green, computed red"
    );
    assert!(
        html.contains("$1.2M") || html.contains("$1.3M") || html.contains("$2.4M"),
        "compact money in tiles"
    );
    assert!(html.contains("class=\"badge badge-red\""), "status badges");
    assert!(html.contains("Customer blocks access"), "open escalation listed");
    let project = String::from_utf8(files["projects/alpha/index.html"].clone()).unwrap();
    assert!(project.contains("Declared by the PM") && project.contains("Computed from the numbers"));
    assert!(
        project.contains("id=\"md-u-2026-11-18-fn-a\"") && project.contains("id=\"md-u-2026-11-06-fn-a\"")
    );
    assert!(
        project.find("2026-11-18").unwrap() < project.find("2026-11-06").unwrap(),
        "history newest first"
    );
    assert!(
        project.contains("$1,000,000") || project.contains("$1,050,000") || project.contains(","),
        "thousands separators"
    );
}

/// Project names listed in the body of a projects table page.
fn table_rows(html: &str) -> Vec<String> {
    let body = &html[html.find("<tbody>").expect("a table")..];
    body.split("<th scope=\"row\"><a href=\"")
        .skip(1)
        .map(|r| r[r.find('>').unwrap() + 1..r.find("</a>").unwrap()].to_string())
        .collect()
}

#[test]
fn projects_filter_by_region_program_health_and_manager_without_javascript() {
    let files = build(&common::plain, &opts(false));
    let all = String::from_utf8(files["projects/index.html"].clone()).unwrap();
    assert_eq!(table_rows(&all).len(), 3, "every project on the full list");
    // One menu of links per facet, each to a pre-rendered page.
    for (facet, value) in [
        ("region", "emea"),
        ("program", "core"),
        ("health", "red"),
        ("manager", "pat-manager"),
    ] {
        let path = format!("projects/_by/{facet}/{value}/index.html");
        assert!(all.contains(&format!("href=\"../{path}\"")), "no link to {path}");
        assert!(files.contains_key(&path), "no page {path}");
    }
    // A filtered page lists exactly the matching rows, and says which filter is on.
    let red = String::from_utf8(files["projects/_by/health/red/index.html"].clone()).unwrap();
    let report = folio::metrics::compute(&common::portfolio(&common::plain), common::d(common::AS_OF));
    let want: Vec<&str> = report
        .projects
        .iter()
        .filter(|p| p.health.computed == folio::report::Health::Red)
        .map(|p| p.name.as_str())
        .collect();
    assert!(
        !want.is_empty() && want.len() < 3,
        "the fixture has red and non-red projects"
    );
    let mut got = table_rows(&red);
    got.sort();
    assert_eq!(got, want);
    assert!(red.contains("Health: Red") && red.contains("aria-current=\"page\">Red</a>"));
    // Columns a reader scans for: health, last update with staleness, the money (remaining,
    // this quarter, EAC), region, type, end; on the full list each header links to the list
    // sorted by it (sorting without JavaScript).
    for (h, key) in [
        ("Last update", "last-update"),
        ("Remaining revenue (all quarters)", "remaining"),
        ("Forecast this quarter", "forecast"),
        ("EAC", "eac"),
        ("Region", "region"),
        ("Type", "type"),
        ("End", "end"),
        ("Manager", "manager"),
    ] {
        assert!(
            all.contains(&format!("projects/_sort-{key}.html\">{h}</a></th>")),
            "no {h} column linking to its sorted copy"
        );
        assert!(
            red.contains(&format!(">{h}</th>")),
            "no {h} column on a filtered page"
        );
    }
    // The customer is named once: not under a name that already says it.
    assert!(all.contains("<span class=\"note\">Contoso &amp; Sons</span>"));
}

#[test]
fn issue_and_change_registers_and_program_raid() {
    let files = build(&common::plain, &opts(false));
    let page = |p: &str| String::from_utf8(files[p].clone()).unwrap();
    let issues = page("issues/index.html");
    assert!(issues.contains("Test env down") && issues.contains("id=\"issue-alpha-"));
    let changes = page("changes/index.html");
    assert!(changes.contains("Extra site") && changes.contains("Approved"));
    // Every page's navigation reaches the new registers.
    let summary = page("index.html");
    assert!(summary.contains("href=\"issues/index.html\">Issues</a>"));
    assert!(summary.contains("href=\"changes/index.html\">Changes</a>"));
    // The program page shows the RAID, milestones and changes of its projects.
    let program = page("programs/core/index.html");
    for (heading, record) in [
        ("Escalations", "Customer blocks access"),
        ("Risks", "Vendor delay"),
        ("Issues", "Test env down"),
        ("Milestones", "Go-live"),
        ("Change requests", "Extra site"),
    ] {
        let at = program
            .find(&format!(">{heading}</h2>"))
            .unwrap_or_else(|| panic!("program page has no {heading} section"));
        assert!(program[at..].contains(record), "{heading}: {record} missing");
    }
}

#[test]
fn people_over_allocated_first_with_links_to_their_projects() {
    // Aaron (10% on one project) sorts first by name, but the over-allocated come first.
    let mut portfolio = common::portfolio(&common::plain);
    std::sync::Arc::make_mut(&mut portfolio.projects[0])
        .def
        .team
        .push(folio::model::TeamMember {
            name: "Aaron Able".into(),
            role: "Analyst".into(),
            allocation: 10.0,
            from: None,
            to: None,
        });
    let files = common::site(&portfolio, &opts(false)).expect("render");
    let page = String::from_utf8(files["people/index.html"].clone()).unwrap();
    // The table of everyone (the allocation grid comes before it).
    let people = &page[page.find("<table id=\"people\"").expect("people table")..];
    let rows: Vec<&str> = people.split("<tr>").skip(2).collect();
    let over: Vec<bool> = rows.iter().map(|r| r.contains("Over-allocated")).collect();
    assert!(over.len() >= 3 && over[0] && !over[over.len() - 1], "{over:?}");
    assert!(
        over.windows(2).all(|w| w[0] >= w[1]),
        "over-allocated first: {over:?}"
    );
    assert!(rows.last().unwrap().contains("Aaron Able"));
    let pat = people.find(">Pat Manager</th>").expect("Pat listed");
    let row = &people[pat..people[pat..].find("</tr>").unwrap() + pat];
    assert!(row.contains("Over-allocated"));
    assert!(row.contains("href=\"../projects/alpha/index.html\""), "{row}");
}

#[test]
fn a_customer_already_in_the_project_name_is_not_repeated() {
    let mut portfolio = common::portfolio(&common::plain);
    std::sync::Arc::make_mut(&mut portfolio.projects[0]).def.name = "Contoso & Sons — Alpha rollout".into();
    let files = common::site(&portfolio, &opts(false)).expect("render");
    for page in ["projects/index.html", "index.html"] {
        let html = String::from_utf8(files[page].clone()).unwrap();
        let at = html
            .find("Contoso &amp; Sons — Alpha rollout</a>")
            .expect("alpha listed");
        let rest = &html[at..at + 120];
        assert!(
            !rest.contains(">Contoso &amp; Sons</span>"),
            "{page}: customer twice: {rest}"
        );
    }
}

#[test]
fn live_reload_is_injected_only_on_request() {
    let files = build(&common::plain, &opts(true));
    let html = String::from_utf8(files["projects/alpha/index.html"].clone()).unwrap();
    assert!(
        html.contains("<script src=\"../../__folio/live.js\" defer></script>"),
        "{html}"
    );
}

#[test]
fn output_is_deterministic() {
    assert_eq!(
        build(&common::plain, &opts(false)),
        build(&common::plain, &opts(false))
    );
}

/// Options that render with a theme folder holding `files` (kept while the folder lives).
fn with_theme<const N: usize>(files: [(&str, &str); N]) -> (tempfile::TempDir, std::path::PathBuf, Settings) {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    write_files(&theme, files);
    let mut o = opts(false);
    o.theme = Some(theme.display().to_string());
    (tmp, theme, o)
}

#[test]
fn theme_folder_overrides_file_by_file() {
    let (_tmp, theme, o) = with_theme([
        (
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}LOST{% endblock main %}",
        ),
        ("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
    ]);
    let files = build(&common::plain, &o);
    assert!(String::from_utf8_lossy(&files["404.html"]).contains("LOST"));
    assert!(files.contains_key("static/logo.svg") && files.contains_key("static/site.css"));
    // A broken template is an error, not a panic.
    std::fs::write(theme.join("templates/404.html"), "{% if %}").unwrap();
    assert!(common::site(&common::portfolio(&common::plain), &o).is_err());
}

/// A theme that lays out a table's cells itself (its template names `rows`) gets them as data;
/// the embedded theme prints the rendered rows and its pages carry one empty list per row.
#[test]
fn a_theme_that_reads_rows_gets_the_cells() {
    let (_tmp, _, o) = with_theme([(
        "templates/project.html",
        "{% extends \"base.html\" %}{% block main %}{% for row in view.evm.rows %}<i>{{ row.0.text }}</i>{% endfor %}{% endblock main %}",
    )]);
    let files = build(&common::plain, &o);
    let page = files
        .iter()
        .find(|(k, _)| k.starts_with("projects/") && k.ends_with("/index.html") && !k.contains('_'))
        .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
        .expect("a project page");
    assert!(page.contains("<i>") && !page.contains("<i></i>"), "{page}");
}
