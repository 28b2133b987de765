//! Hand-built `report::*` values for the chart tests (the metrics stage is developed in
//! parallel), plus every chart rendered from them with normal and with empty data.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use folio::charts::{self, Chart};
use folio::model::{Engagement, OpenClosed, RiskLevels};
use folio::report::*;

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) const AS_OF: &str = "2026-11-27";
pub(crate) const HOSTILE: &str = "<script>alert('x')</script> R&D \"Quoted\" ]]> <!-- c -->";

pub(crate) fn counts(pairs: [usize; 4]) -> BTreeMap<Health, usize> {
    Health::ALL.iter().copied().zip(pairs).collect()
}

pub(crate) fn health_counts() -> HealthCounts {
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
        forecast_at_risk: 0.0,
        gap: target.map(|t| (t - actual - forecast).max(0.0)),
        categories: folio::metrics::revenue::categories(target, actual, forecast, 0.0, 0.0),
        last_week: None,
    }
}

pub(crate) fn quarters() -> Vec<QuarterFigures> {
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
        reported_on: None,
        as_reported: false,
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
        level: RiskLevels::default().level(p * i),
        customer: false,
    }
}

pub(crate) fn project(
    id: &str,
    name: &str,
    cpi: Option<f64>,
    spi: Option<f64>,
    computed: Health,
) -> ProjectReport {
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
        account_executive: None,
        tam: None,
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
        needs_quarter_end_update: false,
        as_reported: None,
        percent_complete: Some(last.percent_complete),
        planned_percent_today: 72.0,
        contract_value: 1_400_000.0,
        current_value: 1_400_000.0,
        budget: 1_000_000.0,
        rate: None,
        hours: None,
        time: None,
        hours_by_week: vec![],
        recognized_revenue: 900_000.0,
        margin: Some(0.1),
        margin_at_sale: None,
        margin_at_completion: None,
        remaining_revenue: 500_000.0,
        tm: None,
        forecast_at_risk: false,
        at_risk_reasons: vec![],
        asks: vec![],
        latest_author: None,
        customer_part: None,
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
        text: Default::default(),
    }
}

pub(crate) fn portfolio() -> Vec<ProjectReport> {
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

pub(crate) fn risks() -> Vec<RiskRecord> {
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
pub(crate) fn all_charts(name: &str) -> Vec<Chart> {
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
        charts::risk_heatmap(&one.risks, &Default::default(), as_of),
    ]
}

/// Every chart with no data at all.
pub(crate) fn empty_charts() -> Vec<Chart> {
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
        charts::risk_heatmap(&[], &Default::default(), as_of),
    ]
}

/// Awkward data: many quarters with a negative catch-up, non-finite numbers, a lone update
/// after the forecast end, many long-named milestones, an extreme CPI outlier among 2,000
/// projects, out-of-range risk scores.
pub(crate) fn edge_charts() -> Vec<Chart> {
    let as_of = d(AS_OF);
    let mut qs = Vec::new();
    for i in 0..20u32 {
        let start = d("2024-01-01") + chrono::Months::new(3 * i);
        let end = start + chrono::Months::new(3) - chrono::Days::new(1);
        let actual = if i == 5 {
            -120_000.0
        } else {
            300_000.0 + f64::from(i) * 25_000.0
        };
        let target = (i % 4 != 3).then_some(400_000.0);
        qs.push(quarter(
            &format!("FY{}-Q{}", 24 + i / 4, i % 4 + 1),
            &date(start),
            &date(end),
            target,
            actual,
            0.0,
        ));
    }
    qs[19].forecast = f64::INFINITY;
    qs[18].target = Some(f64::NAN);

    let mut lone = project(
        "P-LONE",
        "Lone update",
        Some(f64::INFINITY),
        Some(f64::NAN),
        Health::Amber,
    );
    lone.history.truncate(1);
    lone.history[0].eac = f64::NAN;
    lone.forecast_end = Some(d("2026-01-01"));
    lone.milestones = (0..30)
        .map(|i| {
            let due = d("2026-01-05") + chrono::Days::new(i * 17);
            let forecast = due + chrono::Days::new((i * 7) % 40);
            let done = (i < 10).then(|| date(forecast));
            let name = format!("Milestone number {i} with a rather long descriptive name");
            milestone(
                &format!("M{i:02}"),
                &name,
                &date(due),
                &date(forecast),
                done.as_deref(),
            )
        })
        .collect();
    let mut same = project("P-SAME", "Same day", None, None, Health::Unknown);
    same.milestones = vec![milestone("M1", "Today", AS_OF, AS_OF, None)];

    let many: Vec<ProjectReport> = (0..2000)
        .map(|i| {
            let f = f64::from(i % 97) / 100.0;
            let cpi = if i == 7 { 50.0 } else { 0.5 + f };
            project(
                &format!("P-{i:04}"),
                "Bulk",
                Some(cpi),
                Some(1.4 - f),
                Health::ALL[i as usize % 4],
            )
        })
        .collect();
    let refs: Vec<&ProjectReport> = many.iter().collect();
    let weird_risks = vec![risk("R0", "Zero", 0, 9, true), risk("R9", "Nine", 9, 0, true)];
    vec![
        charts::revenue_by_quarter(&qs, as_of, "CHF"),
        charts::cpi_vs_spi(&refs, as_of),
        charts::s_curve(&lone, as_of, "USD"),
        charts::milestone_timeline(&lone, as_of),
        charts::milestone_timeline(&same, as_of),
        charts::risk_heatmap(&weird_risks, &Default::default(), as_of),
    ]
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
