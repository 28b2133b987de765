//! The current quarter, answered first: the verdict in words, both ends of the range (committed
//! and best case) against the target with the gap in money, the change since last week, then
//! recognized and forecast, how much of the forecast is at risk and from which projects, and the
//! quarter's revenue project by project (actual, forecast, at risk and why). Shared by the
//! summary and the region pages, each with its own set of projects and quarters.

use serde::Serialize;

use super::tables::{Cell, Table};
use super::{Ctx, Link};
use crate::format;
use crate::report::{ProjectReport, QuarterFigures, Verdict};
use crate::wording::{self, Style};

/// The quarter's answer in sentences, with the at-risk projects named.
#[derive(Debug, Serialize)]
pub struct QuarterAnswer {
    /// `FY27-Q4`.
    pub label: String,
    /// The verdict in a word ("On track", "At risk", "Short"), as a badge; `None` without a
    /// target.
    pub verdict: Option<super::Badge>,
    /// "FY27-Q4: $1.8M committed, 59% of the $3.1M target, $1.3M short; $2.9M (92%) if the
    /// at-risk forecast lands, $241K short."
    pub headline: String,
    /// "Since last week: committed down from 60%, best case down from 93%."; `None` when
    /// nothing is known of last week.
    pub change: Option<String>,
    /// Recognized and forecast so far ("… more forecast by the quarter's end,").
    pub detail: String,
    /// The quarter's last day (`YYYY-MM-DD`), kept on one line after `detail`.
    pub end: String,
    /// "$1.0M of the $2.6M forecast is at risk, from 4 projects:"; `None` when nothing is.
    pub at_risk: Option<String>,
    pub at_risk_projects: Vec<AtRisk>,
    /// "and 12 more projects with $1.1M at risk" when the list is cut.
    pub at_risk_more: Option<String>,
    /// True when the quarter is projected short of its target.
    pub short: bool,
}

/// One project whose forecast in the quarter is at risk.
#[derive(Debug, Serialize)]
pub struct AtRisk {
    pub project: Link,
    pub amount: String,
    pub why: String,
}

/// How many at-risk projects the answer names; the rest are counted and summed.
const AT_RISK_LIMIT: usize = 5;

/// The figures of `label` among `quarters` (zeros when nothing is booked or forecast there).
pub fn quarter<'a>(quarters: &'a [QuarterFigures], label: &str) -> Option<&'a QuarterFigures> {
    quarters.iter().find(|q| q.label == label)
}

/// This project's actual and forecast in the quarter `label` (zeros when none).
fn project_quarter(p: &ProjectReport, label: &str) -> (f64, f64) {
    quarter(&p.revenue_by_quarter, label).map_or((0.0, 0.0), |q| (q.actual, q.forecast))
}

/// Why a project's forecast is at risk, in words (judged by `metrics::attention`).
pub fn at_risk_why(p: &ProjectReport) -> String {
    at_risk_reasons(p).join("; ")
}

fn at_risk_reasons(p: &ProjectReport) -> Vec<String> {
    p.at_risk_reasons
        .iter()
        .map(|c| wording::concern(c, Style::Prose))
        .collect()
}

/// [`at_risk_why`] in one line: the first reason, and how many more there are.
fn short_why(p: &ProjectReport) -> String {
    let all = at_risk_reasons(p);
    match all.len() {
        0 | 1 => all.concat(),
        n => format!("{} (and {})", all[0], format::plural(n - 1, "more reason")),
    }
}

/// The answer for quarter `label` of a set of projects whose roll-up quarters are `quarters`.
pub fn answer(
    ctx: &Ctx,
    root: &str,
    quarters: &[QuarterFigures],
    label: &str,
    projects: &[&ProjectReport],
) -> QuarterAnswer {
    let c = |v: f64| ctx.compact(v);
    let q = quarter(quarters, label);
    let (actual, forecast) = q.map_or((0.0, 0.0), |q| (q.actual, q.forecast));
    let target = q.and_then(|q| q.target).filter(|t| *t > 0.0);
    let cat = q.map(|q| &q.categories);
    let (committed, best) = cat.map_or((0.0, 0.0), |k| (k.committed, k.best_case));
    let pct = |v: Option<f64>| format::pct_of_fraction(v);
    // "$241K short" / "$80K above it" against the target.
    let against = |v: f64, t: f64| {
        if v < t {
            format!("{} short", c(t - v))
        } else {
            format!("{} above it", c(v - t))
        }
    };
    let headline = match target {
        Some(t) => {
            let (ca, ba) = (
                cat.and_then(|k| k.committed_attainment),
                cat.and_then(|k| k.best_case_attainment),
            );
            let at_risk = committed != best;
            let mut s = format!(
                "{label}: {} committed, {} of the {} target, {}",
                c(committed),
                pct(ca),
                c(t),
                against(committed, t)
            );
            if at_risk {
                s.push_str(&format!(
                    "; {} ({}) if the at-risk forecast lands, {}",
                    c(best),
                    pct(ba),
                    against(best, t)
                ));
            } else {
                s.push_str("; none of the forecast is at risk");
            }
            s.push('.');
            s
        }
        None => format!(
            "{label} has no revenue target: {} committed, {} if the at-risk forecast lands.",
            c(committed),
            c(best)
        ),
    };
    let change = q.and_then(|q| q.last_week.as_deref()).map(|w| {
        let moved = |now: f64, then: f64, now_s: String, then_s: String| {
            if now_s == then_s {
                format!("unchanged at {now_s}")
            } else if now > then {
                format!("up from {then_s}")
            } else {
                format!("down from {then_s}")
            }
        };
        match target {
            Some(t) => {
                let k = &w.categories;
                let pair = |now: f64, then: f64| moved(now, then, pct(Some(now / t)), pct(Some(then / t)));
                format!(
                    "Since last week: committed {}, best case {}.",
                    pair(committed, k.committed),
                    pair(best, k.best_case)
                )
            }
            None => {
                let k = &w.categories;
                let pair = |now: f64, then: f64| moved(now, then, c(now), c(then));
                format!(
                    "Since last week: committed {}, best case {}.",
                    pair(committed, k.committed),
                    pair(best, k.best_case)
                )
            }
        }
    });
    let verdict = cat.and_then(|k| k.verdict).map(|v| match v {
        Verdict::OnTrack => super::word_badge("On track", "green", "●"),
        Verdict::AtRisk => super::word_badge("At risk", "amber", "▲"),
        Verdict::Short => super::word_badge("Short", "red", "■"),
    });
    let end = q.map(|q| format::date(q.end)).unwrap_or_default();
    let detail = format!(
        "{} recognized so far{}; {} more forecast{}",
        c(actual),
        match (target, q.and_then(|q| q.attainment)) {
            (Some(_), Some(a)) => format!(" ({} of target)", format::pct_of_fraction(Some(a))),
            _ => String::new(),
        },
        c(forecast),
        if end.is_empty() {
            String::new()
        } else {
            " by the quarter's end,".to_string()
        }
    );
    let mut risky: Vec<(f64, &ProjectReport)> = projects
        .iter()
        .filter(|p| p.forecast_at_risk)
        .map(|p| (project_quarter(p, label).1, *p))
        .filter(|(f, _)| *f > 0.0)
        .collect();
    risky.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
    let at_risk_total = q.map_or(0.0, |q| q.forecast_at_risk);
    let at_risk = (at_risk_total > 0.0).then(|| {
        format!(
            "{} of the {} forecast ({}) is at risk, from {}; their forecast this quarter:",
            c(at_risk_total),
            c(forecast),
            format::pct_of_fraction((forecast > 0.0).then(|| at_risk_total / forecast)),
            format::plural(risky.len(), "project")
        )
    });
    let more = risky.len().saturating_sub(AT_RISK_LIMIT);
    let at_risk_more = (more > 0).then(|| {
        let rest: f64 = risky[AT_RISK_LIMIT..].iter().map(|(f, _)| f).sum();
        format!(
            "and {} with {} at risk",
            format::plural(more, "more project"),
            c(rest)
        )
    });
    risky.truncate(AT_RISK_LIMIT);
    QuarterAnswer {
        label: label.to_string(),
        at_risk_more,
        short: verdict
            .as_ref()
            .is_some_and(|_| cat.and_then(|k| k.verdict) != Some(Verdict::OnTrack)),
        verdict,
        headline,
        change,
        detail,
        end,
        at_risk,
        at_risk_projects: risky
            .into_iter()
            .map(|(f, p)| AtRisk {
                project: ctx.project_link(root, &p.id),
                amount: c(f),
                why: short_why(p),
            })
            .collect(),
    }
}

/// The quarter's revenue by project: actual, forecast, at risk and why; largest total first. The
/// `limit` largest projects and the `limit` largest forecasts at risk get a row; the rest one
/// row together; a total row closes the table.
pub fn by_project(
    ctx: &Ctx,
    root: &str,
    label: &str,
    projects: &[&ProjectReport],
    id: &str,
    limit: usize,
) -> Table {
    let mut rows: Vec<(f64, f64, &ProjectReport)> = projects
        .iter()
        .map(|p| {
            let (a, f) = project_quarter(p, label);
            (a, f, *p)
        })
        .filter(|(a, f, _)| *a != 0.0 || *f != 0.0)
        .collect();
    rows.sort_by(|a, b| {
        (b.0 + b.1)
            .total_cmp(&(a.0 + a.1))
            .then_with(|| a.2.name.cmp(&b.2.name))
    });
    let mut t = Table::new(
        id,
        &format!("Revenue by project, {label}"),
        &[
            ("Project", false),
            ("Recognized", true),
            ("Forecast", true),
            ("At risk", true),
            ("Why at risk", false),
        ],
        "No project books or forecasts revenue in this quarter.",
    );
    t.order_note = Some("largest first".to_string());
    t.class = "t-revenue".to_string();
    let money_or_none = |v: f64| {
        if v > 0.0 {
            ctx.money(v)
        } else {
            ctx.money_opt(None)
        }
    };
    let (mut sum_a, mut sum_f, mut sum_r) = (0.0, 0.0, 0.0);
    let (mut rest, mut rest_a, mut rest_f, mut rest_r) = (0usize, 0.0, 0.0, 0.0);
    // The largest forecasts at risk get a row even when their total is small.
    let mut by_risk: Vec<(f64, &str)> = rows
        .iter()
        .filter(|(_, _, p)| p.forecast_at_risk)
        .map(|(_, f, p)| (*f, p.id.as_str()))
        .collect();
    by_risk.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let top_risk: std::collections::HashSet<String> =
        by_risk.iter().take(limit).map(|(_, id)| id.to_string()).collect();
    for (i, (a, f, p)) in rows.into_iter().enumerate() {
        let risk = if p.forecast_at_risk { f } else { 0.0 };
        sum_a += a;
        sum_f += f;
        sum_r += risk;
        // A long portfolio lists its largest projects and its largest forecasts at risk; the
        // others are summed in one row, so the columns still add up to the quarter.
        if i >= limit && !top_risk.contains(&p.id) {
            rest += 1;
            rest_a += a;
            rest_f += f;
            rest_r += risk;
            continue;
        }
        t.rows.push(vec![
            Cell::link(ctx.project_link(root, &p.id)).row_header(),
            ctx.money_cell(a),
            ctx.money_cell(f),
            Cell::num(money_or_none(risk), format::sort_key(Some(risk))),
            Cell::text(if risk > 0.0 { at_risk_why(p) } else { String::new() }),
        ]);
    }
    if rest > 0 {
        t.rows.push(vec![
            Cell::text(format!("{} more", format::plural(rest, "project"))).row_header(),
            Cell::num(ctx.money(rest_a), String::new()),
            Cell::num(ctx.money(rest_f), String::new()),
            Cell::num(money_or_none(rest_r), String::new()),
            Cell::text(String::new()),
        ]);
    }
    if !t.rows.is_empty() {
        t.rows.push(vec![
            Cell::text("Total").row_header(),
            Cell::num(ctx.money(sum_a), String::new()),
            Cell::num(ctx.money(sum_f), String::new()),
            Cell::num(money_or_none(sum_r), String::new()),
            Cell::text(String::new()),
        ]);
    }
    t
}
