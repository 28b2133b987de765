//! Tests of the charts stage: every chart's SVG is well-formed XML, accessible (role, title, desc,
//! aria-labelledby), inline-ready (no XML declaration, viewBox, no pixel height), safe (hostile
//! names escaped, no scripts, no external references), theme-neutral (currentColor), states the
//! as-of date, and carries its data as a table; empty data never panics.
//!
//! `cargo run --example visual_review -- charts /tmp/charts` writes every chart fixture to that
//! folder for a look.

use std::collections::BTreeMap;

use folio::charts::{self, Chart};
use folio::report::*;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

pub(crate) mod fixtures;

use fixtures::*;

/// No attribute of the element `e` is an event handler (`on…`).
fn assert_no_event_handler(e: &BytesStart) {
    for a in e.attributes() {
        let key = a.expect("attribute").key;
        assert!(
            !key.as_ref().to_ascii_lowercase().starts_with(b"on"),
            "event handler attribute"
        );
    }
}

/// Parses the SVG with quick-xml; returns (root attributes, all text content).
fn parse(svg: &str) -> (BTreeMap<String, String>, String) {
    let mut reader = Reader::from_str(svg);
    let mut root = BTreeMap::new();
    let mut text = String::new();
    let mut depth = 0i32;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                assert_no_event_handler(&e);
                if depth == 0 {
                    roots += 1;
                    assert_eq!(e.name().as_ref(), b"svg");
                    for a in e.attributes() {
                        let a = a.expect("attribute");
                        root.insert(
                            String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                            a.unescape_value().unwrap().into_owned(),
                        );
                    }
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) => assert_no_event_handler(&e),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => text.push_str(&t.unescape().expect("text unescapes")),
            Ok(Event::Eof) => break,
            Ok(Event::Decl(_)) => panic!("XML declaration in inline SVG"),
            Ok(Event::CData(_)) | Ok(Event::PI(_)) | Ok(Event::DocType(_)) => panic!("unexpected node"),
            Ok(_) => {}
            Err(e) => panic!("malformed SVG at {}: {e}\n{svg}", reader.buffer_position()),
        }
    }
    assert_eq!(depth, 0, "unbalanced tags");
    assert_eq!(roots, 1, "exactly one root element");
    (root, text)
}

fn check(chart: &Chart) {
    let id = &chart.id;
    let (root, text) = parse(&chart.svg);
    assert!(chart.svg.starts_with("<svg "), "{id}: starts with <svg");
    assert_eq!(root["role"], "img");
    assert_eq!(root["width"], "100%");
    assert!(!root.contains_key("height"), "{id}: no fixed height");
    assert!(root["viewBox"].starts_with("0 0 "));
    let labelled = format!("{id}-title {id}-desc");
    assert_eq!(root["aria-labelledby"], labelled);
    assert!(chart.svg.contains(&format!("<title id=\"{id}-title\">")));
    assert!(chart.svg.contains(&format!("<desc id=\"{id}-desc\">")));
    assert!(text.contains(&chart.title), "{id}: <title> holds the title");
    assert!(
        text.contains(&chart.description),
        "{id}: <desc> holds the description"
    );
    assert!(
        chart.title.contains(&format!("as of {AS_OF}")),
        "{id}: title has as-of date"
    );
    let lower = chart.svg.to_lowercase();
    assert!(!lower.contains("<script"), "{id}: no script");
    assert!(!lower.contains("<?xml"));
    assert!(!lower.contains("href"), "{id}: no references");
    assert!(!lower.contains("url("), "{id}: no url()");
    assert_eq!(lower.matches("http").count(), 1, "{id}: only the SVG namespace");
    assert!(
        !lower.contains("#000000") && !lower.contains("#010203"),
        "{id}: no hard-coded black"
    );
    assert!(chart.svg.contains("currentColor"), "{id}: text uses currentColor");
    assert!(!lower.contains("#ffffff"), "{id}: transparent background");
    assert!(!chart.description.is_empty());
    for row in &chart.table.rows {
        assert_eq!(
            row.len(),
            chart.table.headers.len(),
            "{id}: table rows match headers"
        );
    }
}

#[test]
fn all_charts_are_well_formed_and_accessible() {
    for c in all_charts("Website relaunch") {
        check(&c);
    }
}

#[test]
fn empty_data_gives_sensible_charts() {
    for c in empty_charts() {
        check(&c);
        let zero = |cell: &String| cell == "0" || !cell.chars().all(|ch| ch.is_ascii_digit());
        assert!(
            c.table.rows.iter().flatten().all(zero),
            "{}: no data in the table",
            c.id
        );
        let (_, text) = parse(&c.svg);
        assert!(
            text.to_lowercase().contains("no "),
            "{}: says there is no data: {text}",
            c.id
        );
    }
}

#[test]
fn hostile_names_are_escaped() {
    for c in all_charts(HOSTILE) {
        check(&c);
        assert!(!c.svg.contains("<script>"), "{}", c.id);
        assert!(!c.svg.contains("R&D"), "{}: bare ampersand", c.id);
        assert!(!c.svg.contains("<!--"), "{}: comment injected", c.id);
        if ["s-curve", "milestones"].contains(&c.id.as_str()) {
            assert!(c.title.contains(HOSTILE));
            let (_, text) = parse(&c.svg);
            assert!(
                text.contains(HOSTILE),
                "{}: name survives escaping round trip",
                c.id
            );
        }
    }
}

#[test]
fn ids_are_unique_and_with_id_relabels() {
    let cs = all_charts("X");
    let mut ids: Vec<&str> = cs.iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6);
    let c = cs[0].clone().with_id("program-rev");
    check(&c);
    assert!(!c.svg.contains("revenue-by-quarter"));
}

#[test]
fn revenue_table_and_description() {
    let c = &all_charts("X")[0];
    assert_eq!(c.table.headers[1], "Target (USD)");
    assert_eq!(c.table.rows.len(), 6);
    assert_eq!(
        c.table.rows[3],
        ["FY27-Q2", "$1,600,000", "$1,200,000", "$300,000", "75%", "94%"]
    );
    assert_eq!(c.table.rows[5][1], "—");
    assert!(
        c.description
            .starts_with("Recognized revenue FY27-Q2 $1.2M of $1.6M target (75%)"),
        "{}",
        c.description
    );
    assert!(c.svg.contains("Revenue (USD)"));
    assert!(c.svg.contains("FY27-Q3"));
}

#[test]
fn health_table_and_words() {
    let c = &all_charts("X")[1];
    assert_eq!(c.table.rows[0], ["green", "8", "5"]);
    assert_eq!(c.table.rows[3], ["unknown", "2", "2"]);
    for w in ["green", "amber", "red", "unknown", "declared", "computed"] {
        assert!(c.svg.contains(w), "bar word {w}");
    }
    assert!(c.description.contains("1 watermelon"));
}

#[test]
fn scatter_covers_points_and_labels_every_point_by_name() {
    let c = &all_charts("X")[2];
    assert_eq!(c.table.rows.len(), 9, "P-006 has no ratios");
    let p8 = c.table.rows.iter().find(|r| r[0] == "P-008").unwrap();
    assert_eq!(p8[2..], ["0.70", "0.66", "red"]);
    assert!(
        c.description.contains("Lowest: Project P-008 (CPI 0.70"),
        "{}",
        c.description
    );
    assert!(c
        .description
        .contains("1 project without both ratios is not shown"));
    for q in ["over budget, behind schedule", "under budget, ahead of schedule"] {
        assert!(c.svg.contains(q));
    }
    let (_, text) = parse(&c.svg);
    for row in &c.table.rows {
        assert!(
            text.contains(&format!("Project {}", row[0])),
            "{} is not labelled: {text}",
            row[0]
        );
    }
    assert!(c.svg.contains("stroke-dasharray"), "1.00 reference lines");
}

#[test]
fn s_curve_table_and_forecast() {
    let c = &all_charts("Website relaunch")[3];
    assert_eq!(c.table.rows.len(), 6);
    assert_eq!(c.table.rows[5][0], "2026-11-20");
    assert_eq!(c.table.rows[5][5], "$830,000");
    assert_eq!(c.table.rows[5][7], "0.84");
    assert!(
        c.title.contains("of Website relaunch in USD"),
        "a name, never an id: {}",
        c.title
    );
    assert!(c.description.contains("forecast finish 2027-04-30"));
    assert!(c.svg.contains("BAC $1M"));
    assert!(c.svg.contains("stroke-dasharray=\"7 5\""), "dashed forecast");
}

#[test]
fn milestone_table_and_slip() {
    let c = &all_charts("X")[4];
    let m3 = c.table.rows.iter().find(|r| r[0] == "M3").unwrap();
    assert_eq!(m3[2..], ["2026-10-30", "2026-12-04", "—", "35", "late, +35 d"]);
    assert!(c.description.contains("Largest slip: M3"));
    assert!(c.svg.contains("as of 2026-11-27"));
    let (_, text) = parse(&c.svg);
    assert!(text.contains("late, +35 d"));
}

#[test]
fn heatmap_counts_open_risks_only() {
    let c = &all_charts("X")[5];
    assert_eq!(c.table.rows[0], ["5", "5", "25", "severe", "1", "R5"]);
    let r33 = c.table.rows.iter().find(|r| r[0] == "3" && r[1] == "3").unwrap();
    assert_eq!(r33[4..], ["2", "R3, R4"]);
    assert!(
        c.description.starts_with("6 open risks (1 closed not shown)"),
        "{}",
        c.description
    );
}

#[test]
fn many_projects_render_fast() {
    let many: Vec<ProjectReport> = (0..2000)
        .map(|i| {
            let f = (i % 97) as f64 / 100.0;
            project(
                &format!("P-{i:04}"),
                "Bulk",
                Some(0.5 + f),
                Some(1.4 - f),
                Health::Amber,
            )
        })
        .collect();
    let refs: Vec<&ProjectReport> = many.iter().collect();
    let as_of = d(AS_OF);
    let start = std::time::Instant::now();
    let c = charts::cpi_vs_spi(&refs, as_of);
    let scatter = start.elapsed();
    check(&c);
    let start = std::time::Instant::now();
    for p in many.iter().take(200) {
        charts::s_curve(p, as_of, "USD");
        charts::milestone_timeline(p, as_of);
        charts::risk_heatmap(&p.risks, &Default::default(), as_of);
    }
    let per_chart = start.elapsed() / 600;
    eprintln!("scatter of 2000: {scatter:?}, per project chart: {per_chart:?}");
    // Generous bounds for an unoptimized build on a shared machine.
    assert!(per_chart.as_millis() < 25, "per project chart {per_chart:?}");
    assert!(scatter.as_millis() < 500, "scatter {scatter:?}");
}

#[test]
fn awkward_data_never_panics() {
    let cs = edge_charts();
    for c in &cs {
        check(c);
    }
    assert_eq!(
        cs[0].table.rows[19][3], "—",
        "infinite forecast shown as undefined"
    );
    assert!(cs[0].table.rows[5][2].starts_with("−CHF\u{a0}120,000"));
    assert_eq!(cs[3].table.rows.len(), 30);
    assert_eq!(
        cs[5].table.rows.len(),
        2,
        "out-of-range scores are clamped onto the grid"
    );
}

/// The text alternatives (title, description, table) of the fixtures, as a reviewed snapshot.
#[test]
fn text_alternatives_snapshot() {
    let alts: Vec<serde_json::Value> = all_charts("Website relaunch")
        .into_iter()
        .map(|c| serde_json::json!({"id": c.id, "title": c.title, "description": c.description, "table": c.table}))
        .collect();
    insta::assert_json_snapshot!(alts);
}

#[test]
fn heatmap_shades_by_the_portfolio_risk_scale() {
    let levels = folio::model::RiskLevels {
        low: 1,
        medium: 2,
        high: 9,
        severe: 25,
    };
    let c = charts::risk_heatmap(
        &fixtures::risks(),
        &levels,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
    let r33 = c.table.rows.iter().find(|r| r[0] == "3" && r[1] == "3").unwrap();
    assert_eq!(r33[3], "high"); // 9 ≥ 9 on this scale; medium on the default one
    assert_eq!(c.table.rows[0][3], "severe"); // 25
    assert!(c.description.contains(": 1 severe, 3 high,"), "{}", c.description);
}
