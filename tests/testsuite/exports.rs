//! The exports (`projects.csv`, `feed.xml`, `milestones.ics`) read back with independent
//! parsers (csv reader, quick-xml, ical), on a hand-built portfolio and report with hostile
//! text, so they do not depend on the metrics stage.

use std::collections::BTreeMap;

use folio::model::Rag;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

mod fixture;

use fixture::{d, fixture, update, BASE, HOSTILE};

fn export(name: &str) -> Vec<u8> {
    let (_, r) = fixture();
    folio::export::export_all(&r, BASE)
        .unwrap()
        .into_iter()
        .find(|(path, _)| path == name)
        .unwrap_or_else(|| panic!("{name} not exported"))
        .1
}

#[test]
fn export_all_lists_every_file() {
    let (_, r) = fixture();
    let paths: Vec<String> = folio::export::export_all(&r, BASE)
        .unwrap()
        .into_iter()
        .map(|f| f.0)
        .collect();
    for want in [
        "portfolio.json",
        "projects.csv",
        "feed.xml",
        "milestones.ics",
        "schemas/portfolio.schema.json",
        "schemas/project.schema.json",
        "schemas/update.schema.json",
    ] {
        assert!(paths.iter().any(|p| p == want), "{want} missing from {paths:?}");
    }
    // Deterministic: the same input gives the same bytes.
    assert_eq!(
        folio::export::export_all(&r, BASE).unwrap(),
        folio::export::export_all(&r, BASE).unwrap()
    );
}

/// The columns the `projects.csv` table of docs/exports.md names (the back-quoted words of its
/// first column), in order.
fn documented_csv_columns() -> Vec<String> {
    let doc = include_str!("../../docs/exports.md");
    let section = &doc[doc.find("## `projects.csv`").expect("the projects.csv section")..];
    section
        .lines()
        .skip_while(|l| !l.starts_with("| column |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .flat_map(|row| {
            let cell = row.split('|').nth(1).unwrap();
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn csv_is_rfc4180_with_neutralized_formulas() {
    let bytes = export("projects.csv");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("\r\n"));
    assert!(
        !text
            .replace("\r\n", "")
            .replace("Acme, \"\"Inc\"\"\nLtd", "")
            .contains('\n'),
        "records end in CRLF"
    );

    let mut rdr = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, folio::export::csv::COLUMNS);
    let rows: Vec<BTreeMap<String, String>> = rdr
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 2);
    let a = &rows[0];
    assert_eq!(a["id"], "alpha");
    assert_eq!(
        a["name"], HOSTILE,
        "quotes, commas and angle brackets survive quoting"
    );
    assert_eq!(a["customer"], "Acme, \"Inc\"\nLtd");
    assert_eq!(a["manager"], "'-Bob");
    assert_eq!(a["program"], "'=cmd|' /C calc'!A0");
    assert_eq!(a["region"], "'@SUM(1+1)");
    assert_eq!(a["tags"], "'+tag, crm");
    assert_eq!(a["cv"], "-1500.5", "negative numbers are not neutralized");
    assert_eq!(a["margin"], "-0.25");
    assert_eq!(a["tcpi"], "", "null is an empty cell");
    assert_eq!(a["spi"].parse::<f64>().unwrap(), 0.1 + 0.2, "full precision");
    assert_eq!(a["cpi"].parse::<f64>().unwrap(), 28_400.0 / 29_900.5);
    assert_eq!(
        a["recognized_revenue"].parse::<f64>().unwrap(),
        12_345.678_901_234_5
    );
    assert_eq!(a["declared_health"], "green");
    assert_eq!(a["computed_health"], "red");
    assert_eq!(a["watermelon"], "true");
    assert_eq!(a["latest_update"], "2026-03-02");
    assert_eq!(a["days_since_update"], "8");
    assert_eq!(a["late_milestones"], "1");
    let b = &rows[1];
    assert_eq!(b["name"], "Beta — “unicode” ünïcödé");
    assert_eq!(b["program"], "");
    assert_eq!(b["percent_complete"], "");
    assert_eq!(b["declared_health"], "unknown");
    // The columns docs/exports.md lists, in its order; the ten figures added with the second
    // revision, from `planned_percent_today` on, at the end of the row.
    let documented = documented_csv_columns();
    assert_eq!(header, documented, "docs/exports.md");
    let added = header.iter().position(|c| c == "planned_percent_today").unwrap();
    assert_eq!(header.len() - added, 10, "{:?}", &header[added..]);
    let (_, report) = fixture();
    for (row, p) in rows.iter().zip(&report.projects) {
        assert_eq!(
            row["remaining_revenue"].parse::<f64>().unwrap(),
            p.remaining_revenue
        );
        assert_eq!(row["forecast_at_risk"], p.forecast_at_risk.to_string());
        assert_eq!(
            row["planned_percent_today"].parse::<f64>().unwrap(),
            p.planned_percent_today
        );
        assert_eq!(row["open_asks"], p.asks.len().to_string());
        let reasons: Vec<String> = p.health.reasons.iter().map(|r| r.text()).collect();
        assert_eq!(row["health_reasons"], reasons.join("; "));
    }
    assert_eq!(a["projected_hours"], "", "fixed price: no cap figures");
}

const ATOM: &[u8] = b"http://www.w3.org/2005/Atom";

/// The parts of a feed the tests look at, read with quick-xml's namespace-aware reader.
#[derive(Default, Debug)]
struct Feed {
    root_in_atom_ns: bool,
    feed_updated: String,
    links: Vec<(String, String)>,
    entries: Vec<BTreeMap<String, String>>,
}

fn element(e: &BytesStart, in_atom: bool, path: &[String], feed: &mut Feed) -> String {
    let name = String::from_utf8(e.local_name().as_ref().to_vec()).unwrap();
    assert!(in_atom, "<{name}> outside the Atom namespace");
    if path.is_empty() {
        feed.root_in_atom_ns = name == "feed";
    }
    if name == "entry" {
        feed.entries.push(BTreeMap::new());
    }
    if name == "link" {
        let attr = |k: &str| {
            e.try_get_attribute(k)
                .unwrap()
                .map(|a| a.unescape_value().unwrap().into_owned())
                .unwrap_or_default()
        };
        let (rel, href) = (attr("rel"), attr("href"));
        if path.last().is_some_and(|p| p == "entry") {
            feed.entries
                .last_mut()
                .unwrap()
                .insert(format!("link:{rel}"), href.clone());
        }
        feed.links.push((rel, href));
    }
    name
}

/// Reads a feed with quick-xml's namespace-aware reader.
fn parse_feed(xml: &str) -> Feed {
    let mut reader = quick_xml::reader::NsReader::from_str(xml);
    let mut feed = Feed::default();
    let mut path: Vec<String> = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event().expect("well-formed XML");
        let in_atom = matches!(ns, ResolveResult::Bound(Namespace(n)) if n == ATOM);
        match event {
            Event::Start(e) => {
                let name = element(&e, in_atom, &path, &mut feed);
                path.push(name);
            }
            Event::Empty(e) => {
                element(&e, in_atom, &path, &mut feed);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                let text = t.unescape().unwrap().into_owned();
                let joined = path.join("/");
                if joined == "feed/updated" {
                    feed.feed_updated = text;
                } else if let Some(field) = joined.strip_prefix("feed/entry/") {
                    let entry = feed.entries.last_mut().unwrap();
                    entry.entry(field.to_string()).or_default().push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(path.is_empty(), "unclosed elements: {path:?}");
    feed
}

#[test]
fn feed_is_atom_newest_first_with_absolute_links_and_escaped_text() {
    let xml = String::from_utf8(export("feed.xml")).unwrap();
    let feed = parse_feed(&xml);
    assert!(feed.root_in_atom_ns);
    assert_eq!(
        feed.feed_updated, "2026-03-10T00:00:00Z",
        "as-of date, not the clock"
    );
    assert!(feed.links.contains(&("self".into(), format!("{BASE}feed.xml"))));
    for (_, href) in &feed.links {
        assert!(
            href.starts_with(BASE),
            "{href} is not absolute under the base URL"
        );
    }
    // Three updates are on or before the as-of date; the future one is left out.
    let dates: Vec<&str> = feed.entries.iter().map(|e| e["updated"].as_str()).collect();
    assert_eq!(
        dates,
        [
            "2026-03-09T00:00:00Z",
            "2026-03-02T00:00:00Z",
            "2026-02-23T00:00:00Z"
        ]
    );
    assert!(!xml.contains("From the future"));
    let alpha = &feed.entries[1];
    assert_eq!(
        alpha["link:alternate"],
        format!("{BASE}projects/alpha/index.html#u-2026-03-02")
    );
    assert_eq!(
        alpha["title"],
        format!("{HOSTILE} — 2026-03-02 — amber"),
        "hostile text round-trips"
    );
    assert_eq!(alpha["author/name"], "-Bob");
    assert!(alpha["summary"].contains("Declared status: amber (schedule red); 35.5% complete"));
    assert!(xml.contains(&format!(
        "<content type=\"html\" xml:base=\"{BASE}projects/alpha/index.html\">"
    )));
    let html = &alpha["content"];
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    assert!(html.contains("&amp; more"), "{html}");
    assert!(
        !html.to_lowercase().contains("<script"),
        "narrative must be sanitized: {html}"
    );
    // Ids are unique, stable tag URIs.
    let mut ids: Vec<&str> = feed.entries.iter().map(|e| e["id"].as_str()).collect();
    assert_eq!(
        ids[1],
        "tag:acme.gitlab.io,2026-03-02:/portfolio/projects/alpha/updates/2026-03-02"
    );
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3);
}

#[test]
fn feed_is_capped_to_the_most_recent_entries() {
    let (mut p, r) = fixture();
    let start = d("2025-01-01");
    std::sync::Arc::make_mut(&mut p.projects[1]).updates = (0..250)
        .map(|i| {
            let date = start + chrono::Days::new(i);
            update(&date.to_string(), Rag::Green, 1.0, "x")
        })
        .collect();
    let r = fixture::with_text(&p, r);
    let xml = folio::export::feed::atom_feed(&r, BASE);
    let feed = parse_feed(&xml);
    assert_eq!(feed.entries.len(), folio::export::feed::MAX_ENTRIES);
    let dates: Vec<&String> = feed.entries.iter().map(|e| &e["updated"]).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert_eq!(dates[0], "2026-03-02T00:00:00Z");
}

#[test]
fn feed_with_relative_base_still_parses() {
    let (_, r) = fixture();
    let feed = parse_feed(&folio::export::feed::atom_feed(&r, "/"));
    assert!(feed.root_in_atom_ns);
    assert!(feed.entries[0]["id"].starts_with("urn:folio:update:beta:"));
}

#[test]
fn calendar_is_rfc5545() {
    let bytes = export("milestones.ics");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.ends_with("\r\n"));
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "line without CRLF: {line:?}");
        let body = &line[..line.len() - 2];
        assert!(body.len() <= 75, "{} octets: {body:?}", body.len());
        assert!(!body.contains('\r'));
    }
    let mut parser = ical::IcalParser::new(bytes.as_slice());
    let cal = parser.next().expect("one calendar").expect("valid calendar");
    assert!(parser.next().is_none());
    let prop = |props: &[ical::property::Property], name: &str| -> String {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(prop(&cal.properties, "VERSION"), "2.0");
    assert!(prop(&cal.properties, "PRODID").contains("folio"));
    assert_eq!(prop(&cal.properties, "CALSCALE"), "GREGORIAN");
    // Not-done milestones only, by forecast date.
    let uids: Vec<String> = cal.events.iter().map(|e| prop(&e.properties, "UID")).collect();
    assert_eq!(
        uids,
        [
            "beta-kick@acme.gitlab.io",
            "alpha-go%20live@acme.gitlab.io",
            "alpha-m3@acme.gitlab.io"
        ]
    );
    let go_live = &cal.events[1].properties;
    assert_eq!(prop(go_live, "DTSTAMP"), "20260310T000000Z");
    assert_eq!(prop(go_live, "DTSTART"), "20260320");
    assert_eq!(prop(go_live, "DTEND"), "20260321");
    let dtstart = go_live.iter().find(|p| p.name == "DTSTART").unwrap();
    assert_eq!(
        dtstart.params,
        Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
    );
    assert_eq!(prop(go_live, "URL"), format!("{BASE}projects/alpha/index.html"));
    // Text is escaped and, once unescaped, round-trips (the long name was folded).
    let unescape = |s: &str| {
        s.replace("\\n", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\")
    };
    let summary = unescape(&prop(go_live, "SUMMARY"));
    assert_eq!(
        summary,
        format!("{HOSTILE}: Go-live, phase 1; {}", "ünïcödé ".repeat(12)).trim_end()
    );
    let description = unescape(&prop(go_live, "DESCRIPTION"));
    assert!(
        description.contains("Due 2026-03-01, forecast 2026-03-20: 19 days late."),
        "{description}"
    );
    assert!(description.contains("Late"), "{description}");
    assert!(description.contains('\n'));
    let m3 = unescape(&prop(&cal.events[2].properties, "DESCRIPTION"));
    assert!(m3.contains("5 days early"), "{m3}");
}

/// The bundled example portfolio (missing is a failure), loaded and computed by the real
/// stages, exported and read back.
#[test]
fn bundled_content_exports_parse() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    assert!(
        root.join("portfolio.yaml").is_file(),
        "the bundled example content/ is part of the repository; missing from {}",
        root.display()
    );
    let loaded = folio::load::load(&root).expect("the bundled content is valid");
    let p = &loaded.portfolio;
    let settings = folio::driver::Settings {
        base_url: Some(BASE.into()),
        ..folio::driver::Settings::new(&root)
    };
    let resolved = folio::driver::resolve(p, &settings);
    let report = folio::metrics::compute(p, resolved.as_of);
    let files: BTreeMap<String, Vec<u8>> = folio::export::export_all(&report, &resolved.base_url)
        .unwrap()
        .into_iter()
        .collect();

    let mut rdr = csv::Reader::from_reader(files["projects.csv"].as_slice());
    let ids: Vec<String> = rdr.records().map(|r| r.unwrap()[0].to_string()).collect();
    let want: Vec<String> = p.projects.iter().map(|p| p.id.clone()).collect();
    assert_eq!(ids, want);

    let feed = parse_feed(std::str::from_utf8(&files["feed.xml"]).unwrap());
    let updates = p
        .projects
        .iter()
        .flat_map(|p| &p.updates)
        .filter(|u| u.date <= report.as_of)
        .count();
    assert_eq!(feed.entries.len(), updates.min(folio::export::feed::MAX_ENTRIES));
    assert_eq!(feed.feed_updated, format!("{}T00:00:00Z", report.as_of));
    for (_, href) in &feed.links {
        assert!(href.starts_with(BASE), "{href}");
    }
    for e in &feed.entries {
        assert!(!e["content"].to_lowercase().contains("<script"));
    }

    let ics = &files["milestones.ics"];
    for line in std::str::from_utf8(ics).unwrap().split_inclusive('\n') {
        assert!(line.ends_with("\r\n") && line.len() <= 77, "{line:?}");
    }
    let cal = ical::IcalParser::new(ics.as_slice()).next().unwrap().unwrap();
    let open = report
        .projects
        .iter()
        .flat_map(|p| &p.milestones)
        .filter(|m| m.done.is_none())
        .count();
    assert_eq!(cal.events.len(), open);
    assert!(open > 0);
    for ev in &cal.events {
        let url = ev
            .properties
            .iter()
            .find(|p| p.name == "URL")
            .and_then(|p| p.value.clone());
        assert!(url.is_some_and(|u| u.starts_with(BASE) && u.ends_with("/index.html")));
    }
    // Without an absolute base URL there is no URI to give: no URL property at all.
    let relative = folio::export::ics::milestones_ics(&report, "/");
    assert!(!relative.contains("\r\nURL:"), "URL with a relative base");

    let json: serde_json::Value = serde_json::from_slice(&files["portfolio.json"]).unwrap();
    assert_eq!(json["as_of"], report.as_of.to_string());
}
