//! One project's figures as of A: a single pass over its updates ≤ A (oldest first) merges the
//! change and milestone logs incrementally, computes EVM and recognized revenue at every update
//! (history, bookings per quarter), then the latest figures, records, health and week change.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use crate::metrics::evm::{self, Baseline, EvmFigures};
use crate::metrics::fiscal::{FiscalCalendar, FiscalQuarter};
use crate::metrics::health;
use crate::metrics::milestones::{self, MilestoneLog};
use crate::metrics::records::{self, ChangeLog};
use crate::metrics::revenue;
use crate::metrics::week;
use crate::model::{Engagement, PortfolioFile, Project, ProjectDay, Update};
use crate::report::{
    AsReported, AskReport, CustomerPart, DeclaredStatusReport, Evm, Health, HistoryPoint, MilestoneStatus,
    PartnerLine, ProjectHealth, ProjectReport, ProjectText, QuarterFigures, TeamLine, TmFigures,
    UpdateNarrative, WeekEvent,
};

/// A project's report plus what the roll-ups need.
#[derive(Debug, Clone)]
pub struct ProjectOut {
    pub report: ProjectReport,
    pub extras: Extras,
}

/// The parts of a [`ProjectOut`] besides its report: what the roll-ups read. `folio serve`
/// keeps them with the report, so a project whose inputs did not change is not computed again.
#[derive(Debug, Clone)]
pub struct Extras {
    /// Current baseline as of A (also for projects without an update).
    pub baseline: Baseline,
    /// Latest EVM figures, if the project has an update ≤ A.
    pub evm: Option<EvmFigures>,
    /// Revenue booked per quarter (deltas between consecutive updates).
    pub booked: BTreeMap<FiscalQuarter, f64>,
    /// Forecast of the remaining revenue per quarter.
    pub forecast: BTreeMap<FiscalQuarter, f64>,
    /// What happened in (as_of − 7, as_of].
    pub events: Vec<WeekEvent>,
    /// The revenue figures as of as_of − 7, from the pass the week's events compare with.
    pub week_ago: WeekAgo,
}

/// A project's revenue as of A − 7 (for the quarters' `last_week`).
#[derive(Debug, Clone, Default)]
pub struct WeekAgo {
    pub booked: BTreeMap<FiscalQuarter, f64>,
    pub forecast: BTreeMap<FiscalQuarter, f64>,
    pub forecast_at_risk: bool,
}

/// Who wrote update `u`: its `author`, else the project's manager.
/// What the project page and the feed show of `p` besides figures: its listed team and
/// partners, its description and the narratives of its updates dated on or before `as_of`.
fn text(p: &Project, as_of: NaiveDate) -> ProjectText {
    let def = &p.def;
    let mut updates: Vec<&Update> = p.updates.iter().filter(|u| u.date <= as_of).collect();
    updates.sort_by_key(|u| u.date);
    ProjectText {
        description: def.description.clone(),
        team: def
            .team
            .iter()
            .map(|m| TeamLine {
                name: m.name.clone(),
                role: m.role.clone(),
                allocation: m.allocation,
            })
            .collect(),
        partners: def
            .partners
            .iter()
            .map(|m| PartnerLine {
                name: m.name.clone(),
                role: m.role.clone(),
                budget: m.budget,
            })
            .collect(),
        updates: updates
            .into_iter()
            .map(|u| UpdateNarrative {
                date: u.date,
                author: author(u, &def.manager),
                declared: declared_status(u),
                percent_complete: u.front.percent_complete,
                markdown: u.body.clone(),
            })
            .collect(),
    }
}

/// The declared status of one update in the report's terms.
fn declared_status(u: &Update) -> DeclaredStatusReport {
    let st = &u.front.status;
    DeclaredStatusReport {
        reported_on: u.date,
        overall: st.overall.into(),
        schedule: st.schedule.map(Health::from),
        budget: st.budget.map(Health::from),
        scope: st.scope.map(Health::from),
    }
}

fn author(u: &Update, manager: &str) -> String {
    u.front.author.clone().unwrap_or_else(|| manager.to_string())
}

/// The open asks of update `u`, in the PM's order, each with who asks and whether a customer
/// may read it (default: not), and whether its date has passed at `as_of`.
fn asks(u: &Update, manager: &str, as_of: NaiveDate) -> Vec<AskReport> {
    let author = author(u, manager);
    u.front
        .asks
        .iter()
        .map(|a| AskReport {
            ask: a.ask.clone(),
            of: a.of.clone(),
            by: a.by,
            overdue: a.by.is_some_and(|b| b < as_of),
            customer: a.customer.unwrap_or(false),
            change: a.change.clone(),
            author: author.clone(),
        })
        .collect()
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(NaiveDate::MIN)
}

/// Computes one project as of `as_of`, with the week's events and its revenue a week ago: the
/// project as known at `as_of − 7` is computed the same way (one pass, shared by both) and
/// compared.
pub fn compute(p: &Project, cfg: &PortfolioFile, days: &[ProjectDay], as_of: NaiveDate) -> ProjectOut {
    let week_ago = minus_days(as_of, 7);
    let mut now = at(p, cfg, days, as_of);
    now.report.text = std::sync::Arc::new(text(p, as_of));
    let moved = p.updates.iter().any(|u| week_ago < u.date && u.date <= as_of);
    let eac_pct = cfg.thresholds.eac_change_percent;
    if moved {
        let then = at(p, cfg, days, week_ago);
        now.extras.events = week::events(&then.report, &now.report, week_ago, as_of, eac_pct);
        now.extras.week_ago = WeekAgo {
            booked: then.extras.booked,
            forecast: then.extras.forecast,
            forecast_at_risk: then.report.forecast_at_risk,
        };
    } else {
        // Nothing was reported in the window: only what depends on the date itself can have
        // changed (staleness, a past milestone forecast counting as the date, so health, and
        // the days the remaining revenue is spread over).
        let then = aged(&now.report, cfg, week_ago);
        now.extras.events = week::events(&then, &now.report, week_ago, as_of, eac_pct);
        let s = FiscalCalendar::new(cfg.fiscal_year_start_month);
        let (first, last) =
            revenue::forecast_window(then.forecast_end, then.start, then.current_end, week_ago);
        let mut forecast = BTreeMap::new();
        for (q, v) in revenue::spread(then.remaining_revenue, first, last, s) {
            revenue::add(&mut forecast, q, v);
        }
        now.extras.week_ago = WeekAgo {
            booked: now.extras.booked.clone(),
            forecast,
            forecast_at_risk: forecast_at_risk(
                then.health.computed,
                then.stale,
                then.latest_update,
                then.start,
                cfg.stale_after_days,
                week_ago,
            ),
        };
    }
    now
}

/// A project's forecast is at risk when it is computed red, when it is stale, or when it has no
/// update although it started more than `stale_after_days` before `as_of`.
pub fn forecast_at_risk(
    computed: Health,
    stale: bool,
    latest_update: Option<NaiveDate>,
    start: NaiveDate,
    stale_after_days: i64,
    as_of: NaiveDate,
) -> bool {
    computed == Health::Red
        || stale
        || (latest_update.is_none() && (as_of - start).num_days() > stale_after_days)
}

/// Whether a project needs a quarter-end update at `as_of`: in the last 14 days of the quarter
/// ending `quarter_end` (`as_of` > quarter_end − 14 days), with remaining revenue, started by
/// the quarter's end, and no update dated in the quarter's last 7 days (`latest_update`, if
/// any, before quarter_end − 6 days). A project whose revenue is booked from time entries
/// needs none (folio books those by the entries' dates).
pub fn needs_quarter_end_update(
    as_of: NaiveDate,
    quarter_end: NaiveDate,
    remaining_revenue: f64,
    start: NaiveDate,
    latest_update: Option<NaiveDate>,
) -> bool {
    let days_left = (quarter_end - as_of).num_days();
    let last_seven = minus_days(quarter_end, 6);
    (0..14).contains(&days_left)
        && remaining_revenue > 0.0
        && start <= quarter_end
        && latest_update.is_none_or(|d| d < last_seven)
}

/// `report` (computed as of A) as it read at `date` < A when no update came in between: the
/// same figures and records, with the staleness, milestone slips and computed health of `date`.
pub(super) fn aged(report: &ProjectReport, cfg: &PortfolioFile, date: NaiveDate) -> ProjectReport {
    let mut then = report.clone();
    then.milestones = report
        .milestones
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if m.done.is_none() {
                m.slip_days = (m.forecast.max(date) - m.due).num_days();
            }
            m
        })
        .collect();
    let Some(latest) = report.latest_update.filter(|l| *l <= date) else {
        return then;
    };
    let days = (date - latest).num_days();
    then.days_since_update = Some(days);
    then.stale = days > cfg.stale_after_days;
    let cap = report.tm.map(|t| health::CapInputs {
        billed: report.hours.unwrap_or(0.0) * report.rate.unwrap_or(0.0),
        current_value: report.current_value,
        percent_complete: report.percent_complete.unwrap_or(0.0),
        unbillable_at_completion: t.unbillable_at_completion,
    });
    let (computed, reasons) = health::computed(
        health::Inputs {
            cpi: report.evm.cpi,
            spi: report.evm.spi,
            milestones: &then.milestones,
            escalations: &report.escalations,
            stale: then.stale,
            days_since_update: days,
            cap,
        },
        &cfg.thresholds,
    );
    then.health.computed = computed;
    then.health.reasons = reasons;
    then
}

/// One project's figures as of `as_of` (no week events); `days` are its hours per day from
/// time entries (oldest first, any date: those after `as_of` are ignored).
pub(super) fn at(p: &Project, cfg: &PortfolioFile, days: &[ProjectDay], as_of: NaiveDate) -> ProjectOut {
    let def = &p.def;
    let days = &days[..days.partition_point(|d| d.date <= as_of)];
    // Time and materials with entries: from `from` on, hours and revenue come from the entries.
    let from = p.time_from(days).filter(|_| def.rate.is_some());
    let rate = def.rate.unwrap_or(0.0);
    let mut entries = revenue::EntryBooking::new(
        days,
        from,
        p.updates
            .iter()
            .rev()
            .find(|u| from.is_some_and(|f| u.date < f))
            .and_then(|u| u.front.hours)
            .unwrap_or(0.0),
        rate,
    );
    let s = FiscalCalendar::new(cfg.fiscal_year_start_month);
    let mut ups: Vec<&Update> = p.updates.iter().filter(|u| u.date <= as_of).collect();
    ups.sort_by_key(|u| u.date); // already sorted by the loader: linear
    let week_ago = minus_days(as_of, 7);
    let plan = evm::sorted_plan(&def.plan);

    let mut changes = ChangeLog::default();
    let mut miles = MilestoneLog::default();
    let mut miles_week_ago: Option<MilestoneLog> = None;
    let mut declared_week_ago = Health::Unknown;
    let mut history = Vec::with_capacity(ups.len());
    let mut booked = BTreeMap::new();
    let mut prev_recognized = 0.0;
    let mut latest: Option<(EvmFigures, f64)> = None;
    // Cumulative hours; an update without them (the loader requires them for time and
    // materials) keeps the previous figure rather than booking a negative catch-up.
    let mut hours: Option<f64> = None;

    let mut current_value = evm::baseline(def, changes.sums()).current_value;
    for u in &ups {
        if u.date > week_ago && miles_week_ago.is_none() {
            miles_week_ago = Some(miles.clone());
        }
        let by_entries = from.is_some_and(|f| u.date >= f);
        if by_entries {
            // The entries before the update, capped at the value in force before it.
            entries.book_while(
                |d| d < u.date,
                current_value,
                &mut booked,
                &mut prev_recognized,
                s,
            );
        }
        changes.apply(u);
        miles.apply(u);
        let f = &u.front;
        if u.date <= week_ago {
            declared_week_ago = f.status.overall.into();
        }
        let base = evm::baseline(def, changes.sums());
        let planned = f
            .planned_percent
            .unwrap_or_else(|| evm::planned_percent(def.start, base.current_end, &plan, u.date));
        let e = evm::evm(
            base.bac,
            planned,
            f.percent_complete,
            f.actual_cost,
            f.estimate_at_completion,
        );
        current_value = base.current_value;
        let rec = if by_entries {
            // The update's day (its changes in force), then a catch-up if the cap moved.
            entries.book_while(
                |d| d <= u.date,
                current_value,
                &mut booked,
                &mut prev_recognized,
                s,
            );
            hours = Some(entries.hours());
            entries.recognized(current_value)
        } else {
            hours = f.hours.or(hours);
            revenue::recognized(def.engagement, base.current_value, e.ac, e.eac, hours, def.rate)
        };
        revenue::add(&mut booked, FiscalQuarter::of(u.date, s), rec - prev_recognized);
        prev_recognized = rec;
        history.push(HistoryPoint {
            date: u.date,
            declared: f.status.overall.into(),
            percent_complete: f.percent_complete,
            planned_percent: planned,
            bac: e.bac,
            pv: e.pv,
            ev: e.ev,
            ac: e.ac,
            eac: e.eac,
            cpi: e.cpi,
            spi: e.spi,
            recognized_revenue: rec,
        });
        latest = Some((e, rec));
    }
    let miles_week_ago = miles_week_ago.unwrap_or_else(|| miles.clone());

    let base = evm::baseline(def, changes.sums());
    let last = ups.last().copied();
    let latest_date = last.map(|u| u.date);
    let forecast_end = last.and_then(|u| u.front.forecast_end);
    let recognized = if from.is_some() {
        // Every entry up to A, whatever the date of the latest update.
        entries.book_while(
            |d| d <= as_of,
            base.current_value,
            &mut booked,
            &mut prev_recognized,
            s,
        );
        prev_recognized
    } else {
        latest.map(|l| l.1).unwrap_or(0.0)
    };

    let percent_complete = last.map(|u| u.front.percent_complete);
    let tm = match (def.engagement, def.rate) {
        (Engagement::TimeAndMaterials, Some(rate)) => Some(revenue::tm(
            last.and(hours),
            last.and_then(|u| u.front.hours_at_completion),
            percent_complete,
            rate,
            base.current_value,
        )),
        (Engagement::TimeAndMaterials, None) => Some(TmFigures::default()),
        (Engagement::FixedPrice, _) => None,
    };
    let remaining = revenue::remaining(
        def.engagement,
        base.current_value,
        recognized,
        percent_complete,
        tm.and_then(|t| t.billable_at_completion),
    );
    // Forecast of the remaining revenue, over the days after A only.
    let (first, last_day) = revenue::forecast_window(forecast_end, def.start, base.current_end, as_of);
    let mut forecast = BTreeMap::new();
    for (q, v) in revenue::spread(remaining, first, last_day, s) {
        revenue::add(&mut forecast, q, v);
    }

    let ms = milestones::statuses(&def.milestones, &miles, as_of);
    let risks = records::risks(&ups, &cfg.risk_levels);
    let issues = records::issues(&ups);
    let escalations = records::escalations(&ups, as_of);

    let days_since_update = latest_date.map(|d| (as_of - d).num_days());
    let stale = days_since_update.is_some_and(|n| n > cfg.stale_after_days);
    let esc_records: Vec<_> = escalations.iter().map(|e| e.record.clone()).collect();
    let (declared, computed, reasons) = match (last, latest) {
        (Some(u), Some((e, _))) => {
            let (c, r) = health::computed(
                health::Inputs {
                    cpi: e.cpi,
                    spi: e.spi,
                    milestones: &ms,
                    escalations: &esc_records,
                    stale,
                    days_since_update: days_since_update.unwrap_or(0),
                    cap: tm.map(|t| health::CapInputs {
                        billed: hours.unwrap_or(0.0) * def.rate.unwrap_or(0.0),
                        current_value: base.current_value,
                        percent_complete: u.front.percent_complete,
                        unbillable_at_completion: t.unbillable_at_completion,
                    }),
                },
                &cfg.thresholds,
            );
            (Health::from(u.front.status.overall), c, r)
        }
        _ => (Health::Unknown, Health::Unknown, Vec::new()),
    };

    let week_change = week::change(
        declared,
        declared_week_ago,
        &risks,
        &escalations,
        &def.milestones,
        &miles_week_ago,
        &miles,
        week_ago,
        as_of,
    );

    let at_risk = forecast_at_risk(
        computed,
        stale,
        latest_date,
        def.start,
        cfg.stale_after_days,
        as_of,
    );
    let ms = if stale {
        ms.into_iter()
            .map(|m| MilestoneStatus {
                as_reported: m.done.is_none(),
                ..m
            })
            .collect()
    } else {
        ms
    };
    let quarters: Vec<FiscalQuarter> = {
        let mut k: Vec<_> = booked.keys().chain(forecast.keys()).copied().collect();
        k.sort();
        k.dedup();
        k
    };
    let revenue_by_quarter = quarters
        .into_iter()
        .map(|q| {
            let actual = booked.get(&q).copied().unwrap_or(0.0);
            let f = forecast.get(&q).copied().unwrap_or(0.0);
            let r = if at_risk { f } else { 0.0 };
            QuarterFigures {
                label: q.label(),
                start: q.start(s),
                end: q.end(s),
                target: None,
                actual,
                forecast: f,
                attainment: None,
                projected_attainment: None,
                forecast_at_risk: r,
                gap: None,
                categories: revenue::categories(None, actual, f, r, 0.0),
                last_week: None,
            }
        })
        .collect();

    let e = latest.map(|l| l.0);
    let evm_report = e.map_or_else(Evm::default, |e| Evm {
        bac: Some(e.bac),
        pv: Some(e.pv),
        ev: Some(e.ev),
        ac: Some(e.ac),
        cv: Some(e.cv),
        sv: Some(e.sv),
        cpi: e.cpi,
        spi: e.spi,
        eac: Some(e.eac),
        etc: Some(e.etc),
        vac: Some(e.vac),
        tcpi: e.tcpi,
        planned_percent: Some(e.planned_percent),
        status_date: latest_date,
    });

    let mut report = ProjectReport {
        id: p.id.clone(),
        name: def.name.clone(),
        customer: def.customer.clone(),
        program: def.program.clone(),
        region: def.region.clone(),
        manager: def.manager.clone(),
        sponsor: def.sponsor.clone(),
        account_executive: def.account_executive.clone(),
        tam: def.tam.clone(),
        engagement: def.engagement,
        tags: def.tags.clone(),
        start: def.start,
        end: def.end,
        current_end: base.current_end,
        forecast_end,
        latest_update: latest_date,
        days_since_update,
        stale,
        health: ProjectHealth {
            declared,
            computed,
            watermelon: declared == Health::Green && computed == Health::Red,
            reasons,
        },
        declared_status: last.map(declared_status),
        percent_complete,
        planned_percent_today: evm::planned_percent(def.start, base.current_end, &plan, as_of),
        contract_value: def.contract_value,
        current_value: base.current_value,
        budget: def.budget,
        rate: def.rate,
        hours,
        time: revenue::time_figures(days, from, s),
        hours_by_week: revenue::hours_by_week(days, from, entries.base_hours(), &ups, as_of),
        recognized_revenue: recognized,
        margin: e.and_then(|e| revenue::margin(recognized, e.ac)),
        margin_at_sale: revenue::margin_at_sale(def.contract_value, def.budget),
        margin_at_completion: revenue::margin_at_completion(
            def.engagement,
            base.current_value,
            tm.as_ref().and_then(|t| t.billable_at_completion),
            e.map(|e| e.eac),
        ),
        remaining_revenue: remaining,
        needs_quarter_end_update: needs_quarter_end_update(
            as_of,
            FiscalQuarter::of(as_of, s).end(s),
            remaining,
            def.start,
            latest_date,
        ),
        as_reported: latest_date.filter(|_| stale).map(|date| AsReported {
            date,
            days_ago: (as_of - date).num_days(),
        }),
        tm,
        forecast_at_risk: at_risk,
        at_risk_reasons: Vec::new(),
        asks: last.map(|u| asks(u, &def.manager, as_of)).unwrap_or_default(),
        latest_author: last.map(|u| author(u, &def.manager)),
        customer_part: last.and_then(|u| {
            let pieces = super::customer::customer_part(&u.body);
            (!pieces.is_empty()).then(|| CustomerPart {
                path: u.path.clone(),
                body_line: u.body_line,
                pieces,
            })
        }),
        evm: evm_report,
        milestones: ms,
        risks: risks.into_iter().map(|r| r.record).collect(),
        issues: issues.into_iter().map(|r| r.record).collect(),
        escalations: esc_records,
        changes: changes.records(),
        revenue_by_quarter,
        history,
        week_change,
        update_count: ups.len(),
        text: Default::default(),
    };
    report.at_risk_reasons = crate::metrics::attention::at_risk_reasons(&report);
    ProjectOut {
        report,
        extras: Extras {
            baseline: base,
            evm: e,
            booked,
            forecast,
            events: Vec::new(),
            week_ago: WeekAgo::default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use crate::metrics::testkit::{d, portfolio, project, update};
    use crate::model::Ask;

    /// An ask is overdue when its date is before the as-of date: not on the day itself, not
    /// without a date.
    #[test]
    fn asks_overdue_before_the_as_of_date() {
        let mut p = project("p", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
        let mut u = update("2026-03-10", 20.0, 200.0);
        let ask = |text: &str, by: Option<&str>| Ask {
            ask: text.to_string(),
            of: None,
            by: by.map(d),
            customer: None,
            change: None,
        };
        u.front.asks = vec![
            ask("late", Some("2026-03-15")),
            ask("today", Some("2026-03-16")),
            ask("undated", None),
        ];
        p.updates.push(u);
        let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-16"));
        let got: Vec<(&str, bool)> = r.projects[0]
            .asks
            .iter()
            .map(|a| (a.ask.as_str(), a.overdue))
            .collect();
        assert_eq!(got, [("late", true), ("today", false), ("undated", false)]);
    }
}
