//! The sales pipeline and coverage (see docs/metrics.md, pipeline and coverage): each
//! opportunity slid past the as-of date when its start has passed, its weighted amount
//! (`amount × probability / 100`) spread by day over `[start, end]` into quarters, summed for the
//! portfolio, each region and each account; the forecast categories' `pipeline` and `upside`;
//! `coverage` of the quarters after the current one; the accounts (one per customer name)
//! with their account executives and TAMs; and the `opportunity-start-passed` warning.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};

use crate::diagnostics::Diagnostic;
use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::metrics::project::ProjectOut;
use crate::metrics::{revenue, rollup};
use crate::model::{Opportunity, Portfolio};
use crate::report::{
    AccountReport, OpportunityReport, OpportunityStatus, PipelineQuarter, PipelineReport, QuarterBridge,
    QuarterFigures, Report, Rollup,
};

/// The dates an opportunity is counted at: as written when `start` is after the as-of date A;
/// else it starts the day after A and keeps its length (`end − start` days).
pub fn slide(start: NaiveDate, end: NaiveDate, as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
    if start > as_of {
        return (start, end);
    }
    let new_start = as_of.checked_add_days(Days::new(1)).unwrap_or(as_of);
    let new_end = new_start
        .checked_add_signed(end - start)
        .unwrap_or(NaiveDate::MAX);
    (new_start, new_end)
}

/// `opportunity-start-passed`: every counted opportunity whose start is on or before the
/// as-of date, with the dates it is counted at instead.
pub fn started(portfolio: &Portfolio, as_of: NaiveDate) -> Vec<Diagnostic> {
    let pipeline = &portfolio.pipeline;
    let mut out = Vec::new();
    for (o, at) in pipeline.opportunities.iter().zip(&pipeline.at) {
        if o.project.is_some() {
            continue;
        }
        let (start, end) = slide(o.start, o.end, as_of);
        if start == o.start {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "opportunity-start-passed",
                &pipeline.path,
                at.start.0,
                at.start.1,
                format!(
                    "opportunity `{}` starts {}, on or before the as-of date {as_of}: counted from {start} to {end}",
                    o.id, o.start
                ),
            )
            .found(format!("start {}, end {}", o.start, o.end))
            .expected(format!("a start after {as_of}"))
            .hint("move `start` and `end` to when the work is now expected to run, or remove the opportunity if it is lost"),
        );
    }
    out
}

/// Open (counted), unlikely (probability 0) or won under another id (`project:`).
pub fn status(o: &Opportunity) -> OpportunityStatus {
    if o.project.is_some() {
        OpportunityStatus::Won
    } else if o.probability <= 0.0 {
        OpportunityStatus::Unlikely
    } else {
        OpportunityStatus::Open
    }
}

/// Weighted and unweighted amounts per quarter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spread {
    pub weighted: BTreeMap<FiscalQuarter, f64>,
    pub unweighted: BTreeMap<FiscalQuarter, f64>,
}

impl Spread {
    fn add(&mut self, other: &Spread) {
        for (q, v) in &other.weighted {
            revenue::add(&mut self.weighted, *q, *v);
        }
        for (q, v) in &other.unweighted {
            revenue::add(&mut self.unweighted, *q, *v);
        }
    }

    fn quarters(&self) -> Vec<PipelineQuarter> {
        self.unweighted
            .iter()
            .map(|(q, u)| PipelineQuarter {
                label: q.label(),
                pipeline: self.weighted.get(q).copied().unwrap_or(0.0),
                unweighted: *u,
            })
            .collect()
    }
}

/// One opportunity as counted, as of `as_of`; `account` is its account's id.
pub fn opportunity(
    o: &Opportunity,
    account: &str,
    as_of: NaiveDate,
    s: FiscalCalendar,
) -> (OpportunityReport, Spread) {
    let (start, end) = slide(o.start, o.end, as_of);
    let status = status(o);
    let mut spread = Spread::default();
    if status == OpportunityStatus::Open {
        let weighted = o.amount * o.probability / 100.0;
        spread.weighted = revenue::spread(weighted, start, end, s).into_iter().collect();
        spread.unweighted = revenue::spread(o.amount, start, end, s).into_iter().collect();
    }
    let report = OpportunityReport {
        id: o.id.clone(),
        name: o.name.clone(),
        customer: o.customer.clone(),
        account: account.to_string(),
        region: o.region.clone(),
        owner: o.owner.clone(),
        stage: o.stage.clone(),
        amount: o.amount,
        probability: o.probability,
        weighted: if status == OpportunityStatus::Open {
            o.amount * o.probability / 100.0
        } else {
            0.0
        },
        start,
        end,
        slid_from: (start != o.start).then_some(o.start),
        status,
        project: o.project.clone(),
        by_quarter: spread.quarters(),
    };
    (report, spread)
}

/// `coverage` of a quarter: the open pipeline's unweighted amount in it over what booked work
/// leaves to find, `target − best_case`; null when that is ≤ 0 (booked work covers the target).
pub fn coverage(unweighted: f64, target: f64, best_case: f64) -> Option<f64> {
    let need = target - best_case;
    (need > 0.0).then(|| unweighted / need)
}

/// Puts a pipeline into a roll-up's quarters: `pipeline` and `upside` (with its attainment) of
/// every quarter, a quarter added where only the pipeline falls, and `coverage` of each quarter
/// after `current` that has a target.
pub fn apply(rollup: &mut Rollup, spread: &Spread, current: FiscalQuarter, s: FiscalCalendar) {
    let mut by_q: BTreeMap<FiscalQuarter, QuarterFigures> = std::mem::take(&mut rollup.quarters)
        .into_iter()
        .map(|f| (FiscalQuarter::of(f.start, s), f))
        .collect();
    for q in spread.weighted.keys() {
        by_q.entry(*q).or_insert_with(|| QuarterFigures {
            label: q.label(),
            start: q.start(s),
            end: q.end(s),
            target: None,
            actual: 0.0,
            forecast: 0.0,
            attainment: None,
            projected_attainment: None,
            forecast_at_risk: 0.0,
            gap: None,
            categories: revenue::categories(None, 0.0, 0.0, 0.0, 0.0),
            last_week: None,
        });
    }
    for (q, f) in by_q.iter_mut() {
        let pipeline = spread.weighted.get(q).copied().unwrap_or(0.0);
        f.categories = revenue::categories(f.target, f.actual, f.forecast, f.forecast_at_risk, pipeline);
        // pipeline.yaml carries no history: last week's upside counts today's pipeline too, so
        // the week's change in upside is the change in booked work.
        if let Some(w) = f.last_week.as_mut() {
            w.categories = revenue::categories(f.target, w.actual, w.forecast, w.forecast_at_risk, pipeline);
        }
        if *q > current {
            if let Some(t) = f.target {
                let open = spread.unweighted.get(q).copied().unwrap_or(0.0);
                f.categories.coverage = coverage(open, t, f.categories.best_case);
            }
        }
    }
    rollup.quarters = by_q.into_values().collect();
}

/// The bridge of quarter `q` of a roll-up (null when the roll-up has no figures for it):
/// target, recognized, committed forecast (`forecast − forecast_at_risk`), forecast at risk,
/// weighted pipeline, and the gap left after all of them, `max(0, target − upside)`.
pub fn bridge(rollup: &Rollup, q: FiscalQuarter, s: FiscalCalendar) -> Option<QuarterBridge> {
    let f = rollup.quarters.iter().find(|f| f.start == q.start(s))?;
    Some(QuarterBridge {
        label: f.label.clone(),
        target: f.target,
        recognized: f.actual,
        committed_forecast: f.forecast - f.forecast_at_risk,
        forecast_at_risk: f.forecast_at_risk,
        pipeline: f.categories.pipeline,
        gap: f.target.map(|t| (t - f.categories.upside).max(0.0)),
    })
}

/// What the pipeline adds to a report, computed while the projects' figures are at hand;
/// [`Parts::fill`] puts it in.
#[derive(Debug, Clone)]
pub struct Parts {
    pipeline: PipelineReport,
    accounts: Vec<AccountReport>,
    total: Spread,
    by_region: BTreeMap<String, Spread>,
    current: FiscalQuarter,
    s: FiscalCalendar,
}

impl Parts {
    /// Puts the pipeline into `report`: `pipeline`, `accounts`, and the pipeline of the
    /// portfolio's and each region's quarters (with each region's accounts).
    pub fn fill(self, report: &mut Report) {
        apply(&mut report.portfolio, &self.total, self.current, self.s);
        let none = Spread::default();
        for r in &mut report.regions {
            apply(
                &mut r.rollup,
                self.by_region.get(&r.id).unwrap_or(&none),
                self.current,
                self.s,
            );
            r.account_ids = self
                .accounts
                .iter()
                .filter(|a| a.regions.contains(&r.id))
                .map(|a| a.id.clone())
                .collect();
        }
        report.pipeline = self.pipeline;
        report.pipeline.bridge = bridge(&report.portfolio, self.current, self.s);
        report.accounts = self.accounts;
    }
}

/// The pipeline and the accounts from the opportunities of `portfolio` and the projects'
/// figures `outs` (sorted by id).
pub fn parts(portfolio: &Portfolio, outs: &[&ProjectOut], as_of: NaiveDate) -> Parts {
    let cfg = &portfolio.config;
    let s = FiscalCalendar::new(cfg.fiscal_year_start_month);
    let current = FiscalQuarter::of(as_of, s);
    let names = portfolio.projects.iter().map(|p| p.def.customer.as_str()).chain(
        portfolio
            .pipeline
            .opportunities
            .iter()
            .map(|o| o.customer.as_str()),
    );
    let slugs = crate::slug::unique_slugs(names.map(|n| (n, crate::slug::slug(n))));

    let mut total = Spread::default();
    let mut by_region: BTreeMap<&str, Spread> = BTreeMap::new();
    let mut by_account: BTreeMap<&str, (Spread, Vec<&OpportunityReport>)> = BTreeMap::new();
    let mut opportunities: Vec<(OpportunityReport, Spread)> = portfolio
        .pipeline
        .opportunities
        .iter()
        .map(|o| opportunity(o, &slugs[o.customer.as_str()], as_of, s))
        .collect();
    opportunities.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (o, spread) in &opportunities {
        total.add(spread);
        if let Some(r) = &o.region {
            by_region.entry(r).or_default().add(spread);
        }
        let e = by_account.entry(&slugs[o.customer.as_str()]).or_default();
        e.0.add(spread);
        e.1.push(o);
    }

    // Accounts: the projects by customer name.
    let mut members: BTreeMap<&str, (&str, Vec<&ProjectOut>)> = BTreeMap::new();
    for (name, slug) in &slugs {
        members.insert(slug, (name, Vec::new()));
    }
    for o in outs {
        members
            .get_mut(slugs[o.report.customer.as_str()].as_str())
            .expect("every customer has a slug")
            .1
            .push(o);
    }
    let defs: BTreeMap<&str, &crate::model::ProjectFile> = portfolio
        .projects
        .iter()
        .map(|p| (p.id.as_str(), &p.def))
        .collect();
    let no_targets = BTreeMap::new();
    let empty = (Spread::default(), Vec::new());
    let accounts: Vec<AccountReport> = members
        .into_iter()
        .map(|(id, (name, projects))| {
            let (spread, opps) = by_account.get(id).unwrap_or(&empty);
            let mut rollup = rollup::rollup(&projects, &no_targets, s, &cfg.thresholds, as_of);
            apply(&mut rollup, spread, current, s);
            let distinct = |pick: fn(&crate::model::ProjectFile) -> &Option<String>| -> Vec<String> {
                let set: BTreeSet<&String> = projects
                    .iter()
                    .filter_map(|p| pick(defs[p.report.id.as_str()]).as_ref())
                    .collect();
                set.into_iter().cloned().collect()
            };
            let regions: BTreeSet<String> = projects
                .iter()
                .filter_map(|p| p.report.region.clone())
                .chain(opps.iter().filter_map(|o| o.region.clone()))
                .collect();
            AccountReport {
                id: id.to_string(),
                name: name.to_string(),
                account_executive: distinct(|d| &d.account_executive),
                tam: distinct(|d| &d.tam),
                project_ids: projects.iter().map(|p| p.report.id.clone()).collect(),
                opportunity_ids: opps.iter().map(|o| o.id.clone()).collect(),
                regions: regions.into_iter().collect(),
                pipeline: opps.iter().fold(0.0, |a, o| a + o.weighted),
                rollup,
            }
        })
        .collect();

    let open = opportunities
        .iter()
        .filter(|(o, _)| o.status == OpportunityStatus::Open);
    let pipeline = PipelineReport {
        weighted: open.clone().fold(0.0, |a, (o, _)| a + o.weighted),
        unweighted: open.fold(0.0, |a, (o, _)| a + o.amount),
        by_quarter: total.quarters(),
        opportunities: opportunities.iter().map(|(o, _)| o.clone()).collect(),
        bridge: None,
    };
    Parts {
        pipeline,
        accounts,
        total,
        by_region: by_region.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        current,
        s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testkit::{d, portfolio, project, update};

    fn opp(id: &str, customer: &str, amount: f64, probability: f64, start: &str, end: &str) -> Opportunity {
        Opportunity {
            id: id.to_string(),
            customer: customer.to_string(),
            name: format!("Opportunity {id}"),
            region: None,
            owner: None,
            amount,
            probability,
            start: d(start),
            end: d(end),
            stage: None,
            project: None,
        }
    }

    /// [`opportunity`] as of 2026-12-02 (the date these tests are written at), calendar fiscal
    /// years; `account` is its account's id.
    fn on_dec_2(o: &Opportunity, account: &str) -> (OpportunityReport, Spread) {
        opportunity(o, account, d("2026-12-02"), CAL())
    }

    /// The quarter labelled `label` (the calendar only says which fiscal year the tests use).
    fn q(label: &str, _s: FiscalCalendar) -> FiscalQuarter {
        FiscalQuarter::parse(label, 2027).expect("a label")
    }

    const CAL: fn() -> FiscalCalendar = || FiscalCalendar::new(1);

    /// $200,000 at 50 % from 2027-03-22 to 2027-04-10: 20 days, 10 in March (22-31) and 10 in
    /// April (1-10). Weighted 100,000 → 50,000 in FY27-Q1 and 50,000 in FY27-Q2; unweighted
    /// 100,000 each.
    #[test]
    fn an_opportunity_across_a_quarter_boundary() {
        let (r, spread) = on_dec_2(
            &opp("x", "Acme", 200_000.0, 50.0, "2027-03-22", "2027-04-10"),
            "acme",
        );
        assert_eq!(r.weighted, 100_000.0);
        assert_eq!(r.slid_from, None);
        assert_eq!(spread.weighted[&q("FY27-Q1", CAL())], 50_000.0);
        assert_eq!(spread.weighted[&q("FY27-Q2", CAL())], 50_000.0);
        assert_eq!(spread.unweighted[&q("FY27-Q1", CAL())], 100_000.0);
        assert_eq!(r.by_quarter.len(), 2);
        assert_eq!(r.by_quarter[1].label, "FY27-Q2");
        assert_eq!(r.by_quarter[1].pipeline, 50_000.0);
    }

    /// Written 2026-11-01 to 2026-12-31 (60 days later), as of 2026-12-02: slides to start
    /// 2026-12-03 and end 2026-12-03 + 60 = 2027-02-01. $90,000 at 40 % = 36,000 over 61 days:
    /// 29 in December (3-31) → 36,000 × 29 / 61 = 17,114.754098360656 in FY26-Q4, 32 in
    /// January and February → 36,000 × 32 / 61 = 18,885.245901639344 in FY27-Q1.
    #[test]
    fn an_opportunity_whose_start_passed_slides_forward() {
        assert_eq!(
            slide(d("2026-11-01"), d("2026-12-31"), d("2026-12-02")),
            (d("2026-12-03"), d("2027-02-01"))
        );
        // Starting on the as-of date itself slides too; the day after does not.
        assert_eq!(
            slide(d("2026-12-02"), d("2026-12-10"), d("2026-12-02")),
            (d("2026-12-03"), d("2026-12-11"))
        );
        assert_eq!(
            slide(d("2026-12-03"), d("2026-12-10"), d("2026-12-02")),
            (d("2026-12-03"), d("2026-12-10"))
        );
        let (r, spread) = on_dec_2(
            &opp("x", "Acme", 90_000.0, 40.0, "2026-11-01", "2026-12-31"),
            "acme",
        );
        assert_eq!(
            (r.start, r.end, r.slid_from),
            (d("2026-12-03"), d("2027-02-01"), Some(d("2026-11-01")))
        );
        assert_eq!(spread.weighted[&q("FY26-Q4", CAL())], 36_000.0 * 29.0 / 61.0);
        assert_eq!(spread.weighted[&q("FY27-Q1", CAL())], 36_000.0 * 32.0 / 61.0);
    }

    /// The warning names the new dates, at the `start` line.
    #[test]
    fn a_passed_start_is_warned_about() {
        let mut p = portfolio(vec![]);
        p.pipeline.path = "pipeline.yaml".into();
        p.pipeline.opportunities = vec![
            opp("late", "Acme", 90_000.0, 40.0, "2026-11-01", "2026-12-31"),
            opp("fine", "Acme", 90_000.0, 40.0, "2027-01-01", "2027-02-01"),
        ];
        p.pipeline.at = vec![
            crate::model::OpportunityAt {
                start: (7, 12),
                ..Default::default()
            };
            2
        ];
        let w = started(&p, d("2026-12-02"));
        assert_eq!(w.len(), 1);
        assert_eq!(
            (w[0].code, w[0].line, w[0].column),
            ("opportunity-start-passed", 7, 12)
        );
        assert!(
            w[0].message.contains("counted from 2026-12-03 to 2027-02-01"),
            "{}",
            w[0].message
        );
    }

    /// Probability 100 counts its whole amount; probability 0 is listed as unlikely and counts
    /// nowhere; won under another id is listed as won and counts nowhere.
    #[test]
    fn probability_zero_and_one_hundred_and_won() {
        let (sure, s1) = on_dec_2(&opp("a", "A", 120_000.0, 100.0, "2027-01-01", "2027-03-31"), "a");
        assert_eq!(sure.weighted, 120_000.0);
        assert_eq!(s1.weighted[&q("FY27-Q1", CAL())], 120_000.0);
        let (never, s0) = on_dec_2(&opp("b", "A", 120_000.0, 0.0, "2027-01-01", "2027-03-31"), "a");
        assert_eq!((never.status, never.weighted), (OpportunityStatus::Unlikely, 0.0));
        assert!(s0.weighted.is_empty() && s0.unweighted.is_empty() && never.by_quarter.is_empty());
        let mut o = opp("c", "A", 120_000.0, 80.0, "2027-01-01", "2027-03-31");
        o.project = Some("alpha".into());
        let (won, sw) = on_dec_2(&o, "a");
        assert_eq!((won.status, won.weighted), (OpportunityStatus::Won, 0.0));
        assert!(sw.weighted.is_empty());
    }

    /// Coverage: open $300,000 unweighted in the quarter; target 1,000,000, best case 400,000
    /// leaves 600,000 to find: 300,000 / 600,000 = 0.5. Best case at or above the target:
    /// null. Through `apply`: a later quarter without a target gets no coverage, nor does the
    /// current quarter.
    #[test]
    fn coverage_of_a_quarter_with_and_without_a_target() {
        assert_eq!(coverage(300_000.0, 1_000_000.0, 400_000.0), Some(0.5));
        assert_eq!(coverage(300_000.0, 400_000.0, 400_000.0), None);
        assert_eq!(coverage(300_000.0, 400_000.0, 500_000.0), None);

        let s = CAL();
        let mut p = portfolio(vec![]);
        p.config.revenue_targets = [
            ("FY27-Q1".to_string(), 1_000_000.0),
            ("FY26-Q4".to_string(), 10.0),
        ]
        .into_iter()
        .collect();
        // $400,000 at 25 % over all of FY27-Q1 and FY27-Q2 (2027-01-01..2027-06-30, 181 days:
        // 90 in Q1, 91 in Q2), and one in the current quarter.
        p.pipeline.opportunities = vec![
            opp("a", "A", 400_000.0, 25.0, "2027-01-01", "2027-06-30"),
            opp("b", "A", 1_000.0, 50.0, "2026-12-10", "2026-12-19"),
        ];
        let r = crate::metrics::compute_current(&p, d("2026-12-02"));
        let f = |label: &str| {
            r.portfolio
                .quarters
                .iter()
                .find(|f| f.label == label)
                .expect(label)
        };
        // Q1: no booked work: best case 0, so 400,000 × 90 / 181 over 1,000,000.
        let open_q1 = 400_000.0 * 90.0 / 181.0;
        assert_eq!(f("FY27-Q1").categories.coverage, Some(open_q1 / 1_000_000.0));
        assert_eq!(f("FY27-Q1").categories.pipeline, 100_000.0 * 90.0 / 181.0);
        assert_eq!(f("FY27-Q1").categories.upside, 100_000.0 * 90.0 / 181.0);
        assert_eq!(
            f("FY27-Q1").categories.upside_attainment,
            Some(100_000.0 * 90.0 / 181.0 / 1_000_000.0)
        );
        // Q2 has pipeline but no target: listed, no coverage.
        assert_eq!(f("FY27-Q2").categories.pipeline, 100_000.0 * 91.0 / 181.0);
        assert_eq!(f("FY27-Q2").categories.coverage, None);
        // The current quarter has a target and pipeline (500), but coverage is for later quarters.
        assert_eq!(f("FY26-Q4").categories.pipeline, 500.0);
        assert_eq!(f("FY26-Q4").categories.coverage, None);
        assert_eq!(r.pipeline.weighted, 100_500.0);
        // The bridge of the current quarter: nothing booked, target 10, pipeline 500: no gap.
        let b = r.pipeline.bridge.as_ref().expect("a current quarter");
        assert_eq!(
            (b.label.as_str(), b.target, b.recognized, b.pipeline, b.gap),
            ("FY26-Q4", Some(10.0), 0.0, 500.0, Some(0.0))
        );
        assert_eq!(r.pipeline.unweighted, 401_000.0);
        let _ = s;
    }

    /// Backlog is Σ remaining revenue: fixed price $100,000 at cost 30,000 of EAC 60,000
    /// (BAC 60,000, CPI 1) recognized 50,000, remaining 50,000; a second $80,000 without an
    /// update: remaining 80,000; backlog 130,000.
    #[test]
    fn backlog_is_the_sum_of_remaining_revenue() {
        let mut a = project("a", "2026-10-01", "2027-03-31", 100_000.0, 60_000.0);
        a.updates.push(update("2026-11-30", 50.0, 30_000.0));
        let b = project("b", "2026-10-01", "2027-03-31", 80_000.0, 60_000.0);
        let r = crate::metrics::compute_current(&portfolio(vec![a, b]), d("2026-12-02"));
        let remaining: Vec<f64> = r.projects.iter().map(|p| p.remaining_revenue).collect();
        assert_eq!(remaining, vec![50_000.0, 80_000.0]);
        assert_eq!(r.portfolio.backlog, 130_000.0);
    }

    /// The bridge of the current quarter FY26-Q4 (target $100,000): `a` booked 50,000 on
    /// 2026-11-30; the forecast window is 2026-12-03..2027-03-31 (119 days, 29 in December), so
    /// the quarter's forecast is (50,000 + 80,000) × 29 / 119 = 31,680.672268907563, all of
    /// `b`'s part (80,000 × 29 / 119 = 19,495.79831932773) at risk (stale: its only update,
    /// at 0 %, is 31 days old). An opportunity of $40,000 at 50 % over December 3-12 adds 20,000.
    /// Gap: 100,000 − (50,000 + 31,680.672… + 20,000) = −1,680.67… → 0.
    #[test]
    fn the_bridge_of_the_current_quarter() {
        let mut a = project("a", "2026-10-01", "2027-03-31", 100_000.0, 60_000.0);
        a.updates.push(update("2026-11-30", 50.0, 30_000.0));
        let mut b = project("b", "2026-10-01", "2027-03-31", 80_000.0, 60_000.0);
        b.updates.push(update("2026-11-01", 0.0, 0.0));
        let mut p = portfolio(vec![a, b]);
        p.config.revenue_targets = [("FY26-Q4".to_string(), 100_000.0)].into_iter().collect();
        let r = crate::metrics::compute_current(&p, d("2026-12-02"));
        let bridge = r.pipeline.bridge.clone().expect("a current quarter");
        assert_eq!(bridge.label, "FY26-Q4");
        assert_eq!(bridge.recognized, 50_000.0);
        let at_risk = 80_000.0 * 29.0 / 119.0;
        assert!((bridge.forecast_at_risk - at_risk).abs() < 1e-9, "{bridge:?}");
        assert!(
            (bridge.committed_forecast - 50_000.0 * 29.0 / 119.0).abs() < 1e-9,
            "{bridge:?}"
        );
        assert_eq!(bridge.pipeline, 0.0);
        assert!((bridge.gap.unwrap() - (100_000.0 - 50_000.0 - 130_000.0 * 29.0 / 119.0)).abs() < 1e-9);
        p.pipeline.opportunities = vec![opp("o", "Customer", 40_000.0, 50.0, "2026-12-03", "2026-12-12")];
        let r = crate::metrics::compute_current(&p, d("2026-12-02"));
        let bridge = r.pipeline.bridge.clone().expect("a current quarter");
        assert_eq!(bridge.pipeline, 20_000.0);
        assert_eq!(bridge.gap, Some(0.0));
    }

    /// A region's and an account's pipeline: EMEA has one opportunity ($100,000 at 30 % in
    /// FY27-Q1 → 30,000), AMER one ($50,000 at 60 % → 30,000, FY27-Q2); the account "Acme
    /// Corp" holds the EMEA one and its project, "Globex" the other (no project: a prospect).
    /// "Acme Corp." on a project is another spelling and so another account (`acme-corp-2`; the
    /// loader warns about it).
    #[test]
    fn a_regions_and_an_accounts_pipeline() {
        let mut a = project("a", "2026-10-01", "2027-03-31", 100_000.0, 60_000.0);
        a.def.customer = "Acme Corp".into();
        a.def.region = Some("emea".into());
        a.def.account_executive = Some("Sam Sales".into());
        a.def.tam = Some("Tia Tam".into());
        let mut b = project("b", "2026-10-01", "2027-03-31", 100_000.0, 60_000.0);
        b.def.customer = "Acme Corp".into();
        b.def.account_executive = Some("Al Exec".into());
        b.def.tam = Some("Tia Tam".into());
        let mut c = project("c", "2026-10-01", "2027-03-31", 10.0, 10.0);
        c.def.customer = "Acme Corp.".into();
        let mut p = portfolio(vec![a, b, c]);
        let mut o1 = opp("o1", "Acme Corp", 100_000.0, 30.0, "2027-01-01", "2027-03-31");
        o1.region = Some("emea".into());
        let mut o2 = opp("o2", "Globex", 50_000.0, 60.0, "2027-04-01", "2027-06-30");
        o2.region = Some("amer".into());
        p.pipeline.opportunities = vec![o2, o1];
        let r = crate::metrics::compute_current(&p, d("2026-12-02"));
        let region = |id: &str| r.regions.iter().find(|x| x.id == id).expect(id);
        let pipe =
            |qs: &[QuarterFigures], l: &str| qs.iter().find(|f| f.label == l).map(|f| f.categories.pipeline);
        assert_eq!(pipe(&region("emea").rollup.quarters, "FY27-Q1"), Some(30_000.0));
        assert_eq!(pipe(&region("emea").rollup.quarters, "FY27-Q2"), None);
        assert_eq!(pipe(&region("amer").rollup.quarters, "FY27-Q2"), Some(30_000.0));
        assert_eq!(region("emea").account_ids, vec!["acme-corp".to_string()]);
        assert_eq!(region("amer").account_ids, vec!["globex".to_string()]);

        let ids: Vec<&str> = r.accounts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["acme-corp", "acme-corp-2", "globex"]);
        let acme = &r.accounts[0];
        assert_eq!(acme.name, "Acme Corp");
        assert_eq!(acme.project_ids, vec!["a", "b"]);
        assert_eq!(acme.opportunity_ids, vec!["o1"]);
        assert_eq!(acme.account_executive, vec!["Al Exec", "Sam Sales"]);
        assert_eq!(acme.tam, vec!["Tia Tam"]);
        assert_eq!(acme.pipeline, 30_000.0);
        assert_eq!(pipe(&acme.rollup.quarters, "FY27-Q1"), Some(30_000.0));
        assert_eq!(r.accounts[1].name, "Acme Corp.");
        let globex = &r.accounts[2];
        assert!(globex.project_ids.is_empty());
        assert_eq!(globex.pipeline, 30_000.0);
        assert_eq!(pipe(&globex.rollup.quarters, "FY27-Q2"), Some(30_000.0));
        // Opportunities are listed by id, with their account.
        assert_eq!(r.pipeline.opportunities[0].id, "o1");
        assert_eq!(r.pipeline.opportunities[1].account, "globex");
    }
}
