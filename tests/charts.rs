//! Tests of the charts stage: every chart's SVG is well-formed XML, accessible (role, title, desc,
//! aria-labelledby), inline-ready (no XML declaration, viewBox, no pixel height), safe (hostile
//! names escaped, no scripts, no external references), theme-neutral (currentColor), states the
//! as-of date, and carries its data as a table; empty data never panics.
//!
//! Set `FOLIO_CHART_GALLERY=/tmp/charts` to also write every chart to that folder for a look.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use folio::charts::{self, Chart};
use folio::model::{Engagement, OpenClosed};
use folio::report::*;
use quick_xml::events::Event;
use quick_xml::Reader;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const AS_OF: &str = "2026-11-27";
const HOSTILE: &str = "<script>alert('x')</script> R&D \"Quoted\" ]]> <!-- c -->";

fn counts(pairs: [usize; 4]) -> BTreeMap<Health, usize> {
    Health::ALL.iter().copied().zip(pairs).collect()
}

fn health_counts() -> HealthCounts {
    HealthCounts {
        declared: counts([8, 3, 1, 2]),
        computed: counts([5, 4, 3, 2]),
        watermelons: 1,
        stale: 2,
    }
}

fn quarter(
    label: &str,
    start: &str,
    end: &str,
    target: Option<f64>,
    actual: f64,
    forecast: f64,
) -> QuarterFigures {
    QuarterFigures {
        label: label.into(),
        start: d(start),
        end: d(end),
        target,
        actual,
        forecast,
        attainment: target.map(|t| actual / t),
        projected_attainment: target.map(|t| (actual + forecast) / t),
    }
}

fn quarters() -> Vec<QuarterFigures> {
    vec![
        quarter(
            "FY26-Q3",
            "2026-01-01",
            "2026-03-31",
            Some(900_000.0),
            850_000.0,
            0.0,
        ),
        quarter(
            "FY26-Q4",
            "2026-04-01",
            "2026-06-30",
            Some(1_000_000.0),
            1_100_000.0,
            0.0,
        ),
        quarter(
            "FY27-Q1",
            "2026-07-01",
            "2026-09-30",
            Some(1_200_000.0),
            1_050_000.0,
            0.0,
        ),
        quarter(
            "FY27-Q2",
            "2026-10-01",
            "2026-12-31",
            Some(1_600_000.0),
            1_200_000.0,
            300_000.0,
        ),
        quarter(
            "FY27-Q3",
            "2027-01-01",
            "2027-03-31",
            Some(1_500_000.0),
            0.0,
            1_250_000.0,
        ),
        quarter("FY27-Q4", "2027-04-01", "2027-06-30", None, 0.0, 640_000.0),
    ]
}

fn history(date: &str, planned: f64, complete: f64, ac: f64) -> HistoryPoint {
    let bac = 1_000_000.0;
    let (pv, ev) = (bac * planned / 100.0, bac * complete / 100.0);
    let cpi = (ac > 0.0).then(|| ev / ac);
    HistoryPoint {
        date: d(date),
        declared: Health::Amber,
        percent_complete: complete,
        planned_percent: planned,
        bac,
        pv,
        ev,
        ac,
        eac: cpi.map_or(bac, |c| bac / c),
        cpi,
        spi: (pv > 0.0).then(|| ev / pv),
        recognized_revenue: ac * 1.2,
    }
}

fn milestone(id: &str, name: &str, due: &str, forecast: &str, done: Option<&str>) -> MilestoneStatus {
    let as_of = d(AS_OF);
    let (due, forecast, done) = (d(due), d(forecast), done.map(d));
    MilestoneStatus {
        id: id.into(),
        name: name.into(),
        due,
        forecast,
        done,
        slip_days: (done.unwrap_or(forecast) - due).num_days(),
        late: done.is_none() && due < as_of,
        upcoming: done.is_none() && as_of <= forecast && (forecast - as_of).num_days() <= 30,
        weight: None,
    }
}

fn risk(id: &str, title: &str, p: u8, i: u8, open: bool) -> RiskRecord {
    RiskRecord {
        id: id.into(),
        title: title.into(),
        probability: p,
        impact: i,
        score: p * i,
        owner: None,
        mitigation: None,
        status: if open {
            OpenClosed::Open
        } else {
            OpenClosed::Closed
        },
        opened: d("2026-09-01"),
        updated: d("2026-11-20"),
    }
}

fn project(id: &str, name: &str, cpi: Option<f64>, spi: Option<f64>, computed: Health) -> ProjectReport {
    let hist = vec![
        history("2026-06-05", 10.0, 8.0, 90_000.0),
        history("2026-07-03", 25.0, 22.0, 240_000.0),
        history("2026-08-07", 40.0, 36.0, 410_000.0),
        history("2026-09-04", 55.0, 47.0, 560_000.0),
        history("2026-10-02", 68.0, 58.0, 690_000.0),
        history("2026-11-20", 82.0, 70.0, 830_000.0),
    ];
    let last = hist.last().unwrap().clone();
    ProjectReport {
        id: id.into(),
        name: name.into(),
        customer: "ACME & Sons".into(),
        program: None,
        region: None,
        manager: "Pat".into(),
        sponsor: None,
        engagement: Engagement::FixedPrice,
        tags: vec![],
        start: d("2026-05-15"),
        end: d("2027-02-26"),
        current_end: d("2027-03-12"),
        forecast_end: Some(d("2027-04-30")),
        latest_update: Some(last.date),
        days_since_update: Some(7),
        stale: false,
        health: ProjectHealth {
            declared: Health::Green,
            computed,
            watermelon: false,
            reasons: vec![],
        },
        declared_status: None,
        percent_complete: Some(last.percent_complete),
        contract_value: 1_400_000.0,
        current_value: 1_400_000.0,
        budget: 1_000_000.0,
        rate: None,
        hours: None,
        recognized_revenue: 900_000.0,
        margin: Some(0.1),
        evm: Evm {
            bac: Some(last.bac),
            pv: Some(last.pv),
            ev: Some(last.ev),
            ac: Some(last.ac),
            cpi,
            spi,
            eac: Some(last.eac),
            ..Evm::default()
        },
        milestones: vec![
            milestone("M1", "Kick-off", "2026-05-20", "2026-05-20", Some("2026-05-20")),
            milestone(
                "M2",
                "Design sign-off",
                "2026-07-15",
                "2026-07-30",
                Some("2026-07-29"),
            ),
            milestone("M3", "Build complete & tested", "2026-10-30", "2026-12-04", None),
            milestone("M4", "User acceptance", "2026-12-10", "2026-12-18", None),
            milestone("M5", "Go live", "2027-02-26", "2027-03-31", None),
        ],
        risks: vec![],
        issues: vec![],
        escalations: vec![],
        changes: vec![],
        revenue_by_quarter: vec![],
        history: hist,
        week_change: WeekChange {
            declared_now: Health::Green,
            declared_week_ago: Health::Green,
            risks_opened: vec![],
            risks_closed: vec![],
            escalations_opened: vec![],
            escalations_closed: vec![],
            milestones_moved: vec![],
        },
        update_count: 6,
    }
}

fn portfolio() -> Vec<ProjectReport> {
    let specs = [
        ("P-001", Some(1.05), Some(1.02), Health::Green),
        ("P-002", Some(0.84), Some(0.91), Health::Red),
        ("P-003", Some(0.93), Some(1.10), Health::Amber),
        ("P-004", Some(1.12), Some(0.80), Health::Red),
        ("P-005", Some(0.98), Some(0.97), Health::Amber),
        ("P-006", None, None, Health::Unknown),
        ("P-007", Some(1.01), Some(0.99), Health::Green),
        ("P-008", Some(0.70), Some(0.66), Health::Red),
        ("P-009", Some(1.20), Some(1.15), Health::Green),
        ("P-010", Some(0.96), Some(1.00), Health::Amber),
    ];
    specs
        .iter()
        .map(|(id, c, s, h)| project(id, &format!("Project {id}"), *c, *s, *h))
        .collect()
}

fn risks() -> Vec<RiskRecord> {
    vec![
        risk("R1", "Vendor delay", 4, 5, true),
        risk("R2", "Key person leaves", 2, 4, true),
        risk("R3", "Scope creep", 3, 3, true),
        risk("R4", "Licence cost", 3, 3, true),
        risk("R5", "Data migration", 5, 5, true),
        risk("R6", "Old risk", 5, 5, false),
        risk("R7", "Minor UI issue", 1, 2, true),
    ]
}

/// Every chart of the fixtures (normal data).
fn all_charts(name: &str) -> Vec<Chart> {
    let as_of = d(AS_OF);
    let ps = portfolio();
    let refs: Vec<&ProjectReport> = ps.iter().collect();
    let mut one = project("P-042", name, Some(0.84), Some(0.85), Health::Red);
    one.risks = risks();
    vec![
        charts::revenue_by_quarter(&quarters(), as_of, "USD"),
        charts::health_distribution(&health_counts(), as_of),
        charts::cpi_vs_spi(&refs, as_of),
        charts::s_curve(&one, as_of, "USD"),
        charts::milestone_timeline(&one, as_of),
        charts::risk_heatmap(&one.risks, as_of),
    ]
}

/// Every chart with no data at all.
fn empty_charts() -> Vec<Chart> {
    let as_of = d(AS_OF);
    let mut bare = project("P-000", "Empty", None, None, Health::Unknown);
    bare.history.clear();
    bare.milestones.clear();
    bare.evm = Evm::default();
    let zero = HealthCounts {
        declared: counts([0; 4]),
        computed: counts([0; 4]),
        watermelons: 0,
        stale: 0,
    };
    vec![
        charts::revenue_by_quarter(&[], as_of, "EUR"),
        charts::health_distribution(&zero, as_of),
        charts::cpi_vs_spi(&[&bare, &bare], as_of),
        charts::cpi_vs_spi(&[], as_of),
        charts::s_curve(&bare, as_of, "EUR"),
        charts::milestone_timeline(&bare, as_of),
        charts::risk_heatmap(&[], as_of),
    ]
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
                for a in e.attributes() {
                    let key = a.expect("attribute").key;
                    assert!(
                        !key.as_ref().to_ascii_lowercase().starts_with(b"on"),
                        "event handler attribute"
                    );
                }
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
            Ok(Event::Empty(e)) => {
                for a in e.attributes() {
                    let key = a.expect("attribute").key;
                    assert!(
                        !key.as_ref().to_ascii_lowercase().starts_with(b"on"),
                        "event handler attribute"
                    );
                }
            }
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
    let (root, text) = parse(&chart.svg);
    assert!(chart.svg.starts_with("<svg "), "{}: starts with <svg", chart.id);
    assert_eq!(root["role"], "img");
    assert_eq!(root["width"], "100%");
    assert!(!root.contains_key("height"), "{}: no fixed height", chart.id);
    assert!(root["viewBox"].starts_with("0 0 "));
    let labelled = format!("{0}-title {0}-desc", chart.id);
    assert_eq!(root["aria-labelledby"], labelled);
    assert!(chart.svg.contains(&format!("<title id=\"{}-title\">", chart.id)));
    assert!(chart.svg.contains(&format!("<desc id=\"{}-desc\">", chart.id)));
    assert!(
        text.contains(&chart.title),
        "{}: <title> holds the title",
        chart.id
    );
    assert!(
        text.contains(&chart.description),
        "{}: <desc> holds the description",
        chart.id
    );
    assert!(
        chart.title.contains(&format!("as of {AS_OF}")),
        "{}: title has as-of date",
        chart.id
    );
    let lower = chart.svg.to_lowercase();
    assert!(!lower.contains("<script"), "{}: no script", chart.id);
    assert!(!lower.contains("<?xml"));
    assert!(!lower.contains("href"), "{}: no references", chart.id);
    assert!(!lower.contains("url("), "{}: no url()", chart.id);
    assert_eq!(
        lower.matches("http").count(),
        1,
        "{}: only the SVG namespace",
        chart.id
    );
    assert!(
        !lower.contains("#000000") && !lower.contains("#010203"),
        "{}: no hard-coded black",
        chart.id
    );
    assert!(
        chart.svg.contains("currentColor"),
        "{}: text uses currentColor",
        chart.id
    );
    assert!(!lower.contains("#ffffff"), "{}: transparent background", chart.id);
    assert!(!chart.description.is_empty());
    for row in &chart.table.rows {
        assert_eq!(
            row.len(),
            chart.table.headers.len(),
            "{}: table rows match headers",
            chart.id
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
fn scatter_covers_points_and_labels_worst() {
    let c = &all_charts("X")[2];
    assert_eq!(c.table.rows.len(), 9, "P-006 has no ratios");
    let p8 = c.table.rows.iter().find(|r| r[0] == "P-008").unwrap();
    assert_eq!(p8[2..], ["0.70", "0.66", "red"]);
    assert!(c.description.contains("Lowest: P-008"));
    assert!(c.description.contains("1 project(s) without both ratios"));
    for q in ["over budget, behind schedule", "under budget, ahead of schedule"] {
        assert!(c.svg.contains(q));
    }
    let (_, text) = parse(&c.svg);
    assert!(text.contains("P-008") && text.contains("P-002"), "worst labelled");
    assert!(c.svg.contains("stroke-dasharray"), "1.00 reference lines");
}

#[test]
fn s_curve_table_and_forecast() {
    let c = &all_charts("Website relaunch")[3];
    assert_eq!(c.table.rows.len(), 6);
    assert_eq!(c.table.rows[5][0], "2026-11-20");
    assert_eq!(c.table.rows[5][5], "$830,000");
    assert_eq!(c.table.rows[5][7], "0.84");
    assert!(c.title.contains("P-042 Website relaunch"));
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
    assert_eq!(c.table.rows[0], ["5", "5", "25", "critical", "1", "R5"]);
    let r33 = c.table.rows.iter().find(|r| r[0] == "3" && r[1] == "3").unwrap();
    assert_eq!(r33[4..], ["2", "R3, R4"]);
    assert!(
        c.description.starts_with("6 open risk(s) (1 closed not shown)"),
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
        charts::risk_heatmap(&p.risks, as_of);
    }
    let per_chart = start.elapsed() / 600;
    eprintln!("scatter of 2000: {scatter:?}, per project chart: {per_chart:?}");
    // Generous bounds for an unoptimized build on a shared machine.
    assert!(per_chart.as_millis() < 25, "per project chart {per_chart:?}");
    assert!(scatter.as_millis() < 500, "scatter {scatter:?}");
}

#[test]
fn gallery() {
    let Ok(dir) = std::env::var("FOLIO_CHART_GALLERY") else {
        return;
    };
    std::fs::create_dir_all(&dir).unwrap();
    let mut all = all_charts("Website relaunch");
    all.extend(empty_charts().into_iter().map(|c| {
        let id = format!("empty-{}", c.id);
        c.with_id(&id)
    }));
    for (i, c) in all.iter().enumerate() {
        std::fs::write(format!("{dir}/{i:02}-{}.svg", c.id), &c.svg).unwrap();
    }
}
