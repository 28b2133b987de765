//! What executives must act on and what happened: *Decisions needed* (every open ask and every
//! proposed change request, oldest deadline first; an ask and the change request it is about
//! are one decision, listed once), in two groups — asked of us, waiting on customers — each
//! saying who asks and of whom, with the projects that need a quarter-end update; and the week's
//! events: those that change a judgement grouped by project, the routine ones folded into one
//! line per kind.

use serde::Serialize;

use super::{word_badge, Badge, Ctx, Link};
use crate::format;

use crate::report::{
    ChangeRecord, DecisionRef, EventValue, FoldedEvents, Rollup, WaitsOn, WeekEvent, WeekEventKind,
};
use crate::wording::{self, Style};

/// One decision an executive is asked for.
#[derive(Debug, Serialize)]
pub struct Decision {
    /// "Ask" or "Change request".
    pub kind: Badge,
    pub text: String,
    pub project: Link,
    /// Who asks: the update's author.
    pub asked_by: Option<String>,
    /// Of whom; for a change request on its own, the customer (by name).
    pub of: Option<String>,
    /// By when (`YYYY-MM-DD`), or `None`.
    pub by: Option<String>,
    /// The date has passed.
    pub overdue: bool,
    /// Value, budget and schedule deltas of a change request, in words.
    pub deltas: Option<String>,
    /// When the change request was proposed.
    pub since: Option<String>,
}

/// The decisions of a roll-up, in the order `metrics::decisions` gives them.
pub fn decisions(ctx: &Ctx, root: &str, refs: &[DecisionRef]) -> Vec<Decision> {
    refs.iter()
        .filter_map(|d| {
            let p = ctx.project(&d.project)?;
            let change = d
                .change
                .as_deref()
                .and_then(|id| p.changes.iter().find(|c| c.id == id));
            Some(match d.ask.and_then(|i| p.asks.get(i)) {
                Some(a) => Decision {
                    kind: word_badge("Ask", "info", "?"),
                    text: match change {
                        Some(c) => format!("{} ({}: {})", a.ask, c.id.to_uppercase(), c.title),
                        None => a.ask.clone(),
                    },
                    project: ctx.project_link(root, &p.id),
                    asked_by: d.asked_by.clone(),
                    of: d.of.clone(),
                    by: d.by.map(format::date),
                    overdue: d.overdue,
                    deltas: change.and_then(|c| deltas(ctx, c)),
                    since: change.map(|c| format::date(c.opened)),
                },
                None => {
                    let c = change?;
                    Decision {
                        kind: word_badge("Change request", "amber", "▲"),
                        text: format!("Approve or reject {}: {}", c.id.to_uppercase(), c.title),
                        project: ctx.project_link(root, &p.id),
                        asked_by: d.asked_by.clone(),
                        of: Some(p.customer.clone()),
                        by: None,
                        overdue: false,
                        deltas: deltas(ctx, c),
                        since: Some(format::date(c.opened)),
                    }
                }
            })
        })
        .collect()
}

/// *Decisions needed* of a roll-up, in two groups, with the quarter-end updates due.
#[derive(Debug, Serialize)]
pub struct DecisionGroups {
    /// Asked of our own people (leadership, sales, delivery).
    pub of_us: Vec<Decision>,
    /// Waiting on customers: asks of the customer and change requests for them to sign.
    pub of_customers: Vec<Decision>,
    /// Projects that need a quarter-end update, each with its latest update's date.
    pub quarter_end: Vec<QuarterEndLine>,
    /// "2 projects need a quarter-end update by 2027-01-31: what they earn this quarter is booked
    /// only by an update dated in its last 7 days."; `None` when none does.
    pub quarter_end_note: Option<String>,
    /// Nothing at all to decide.
    pub empty: bool,
}

/// A project that needs a quarter-end update.
#[derive(Debug, Serialize)]
pub struct QuarterEndLine {
    pub project: Link,
    /// "Pat Manager · latest update 2027-01-12".
    pub line: String,
}

/// The decisions of a roll-up, kept apart by whom they wait on.
pub fn groups(ctx: &Ctx, root: &str, rollup: &Rollup) -> DecisionGroups {
    let part = |w: WaitsOn| -> Vec<Decision> {
        let refs: Vec<DecisionRef> = rollup
            .decisions
            .iter()
            .filter(|d| d.waits_on == w)
            .cloned()
            .collect();
        decisions(ctx, root, &refs)
    };
    let (of_us, of_customers) = (part(WaitsOn::Us), part(WaitsOn::Customer));
    let quarter_end: Vec<QuarterEndLine> = rollup
        .quarter_end_updates
        .iter()
        .filter_map(|id| {
            let p = ctx.project(id)?;
            Some(QuarterEndLine {
                project: ctx.project_link(root, id),
                line: format!(
                    "{} · {}",
                    p.manager,
                    p.latest_update.map_or_else(
                        || "no update yet".to_string(),
                        |d| format!("latest update {}", format::date(d))
                    )
                ),
            })
        })
        .collect();
    let end = ctx
        .report
        .portfolio
        .quarters
        .iter()
        .find(|q| q.label == ctx.report.fiscal.quarter)
        .map(|q| format::date(q.end));
    let quarter_end_note = (!quarter_end.is_empty()).then(|| {
        format!(
            "{} a quarter-end update{}: what {} this quarter is booked in it only by an update dated in its last 7 days.",
            format::plural_of(quarter_end.len(), "project needs", "projects need"),
            end.map(|e| format!(" by {e}")).unwrap_or_default(),
            if quarter_end.len() == 1 { "it earns" } else { "they earn" }
        )
    });
    DecisionGroups {
        empty: of_us.is_empty() && of_customers.is_empty() && quarter_end.is_empty(),
        of_us,
        of_customers,
        quarter_end,
        quarter_end_note,
    }
}

/// Value, budget and schedule deltas of a change request, in words (`None` without any).
fn deltas(ctx: &Ctx, c: &ChangeRecord) -> Option<String> {
    let mut d = Vec::new();
    if let Some(v) = c.value_delta {
        d.push(format!("value {}", signed_money(ctx, v)));
    }
    if let Some(v) = c.budget_delta {
        d.push(format!("budget {}", signed_money(ctx, v)));
    }
    if let Some(v) = c.schedule_delta_days {
        d.push(format!("schedule {}", format::days_signed(v)));
    }
    (!d.is_empty()).then(|| d.join(" · "))
}

/// Money with an explicit sign: `+$100,000`, `−$5,000`.
fn signed_money(ctx: &Ctx, v: f64) -> String {
    if v > 0.0 {
        format!("+{}", ctx.money(v))
    } else {
        ctx.money(v)
    }
}

/// The week's events of one project.
#[derive(Debug, Serialize)]
pub struct EventGroup {
    pub project: Link,
    pub events: Vec<EventLine>,
    /// Every event is a routine figure (see [`EventLine::routine`]).
    pub routine_only: bool,
}

#[derive(Debug, Serialize)]
pub struct EventLine {
    /// `snake_case` kind, for a CSS hook and tests.
    pub kind: String,
    pub text: String,
    /// A routine figure of a weekly update (EAC revised, forecast end stated, revenue
    /// recognized) rather than a change of status, record or milestone; left out on paper.
    pub routine: bool,
}

/// The week's events that change a judgement, grouped by project, kinds in their fixed order.
/// Projects whose health changed come first, then the others, by name within each. The routine
/// ones are left to [`folded`].
pub fn week_events(ctx: &Ctx, root: &str, events: &[WeekEvent]) -> Vec<EventGroup> {
    let mut groups: Vec<EventGroup> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for e in events.iter().filter(|e| !e.kind.is_routine()) {
        let line = EventLine {
            kind: kind_key(e.kind),
            text: event_text(ctx, e),
            routine: false,
        };
        match groups.iter_mut().zip(&names).find(|(_, id)| **id == e.project) {
            Some((g, _)) => g.events.push(line),
            None => {
                names.push(e.project.clone());
                groups.push(EventGroup {
                    project: ctx.project_link(root, &e.project),
                    events: vec![line],
                    routine_only: false,
                });
            }
        }
    }
    let rank = |g: &EventGroup| {
        u8::from(
            !g.events
                .iter()
                .any(|e| e.kind == "declared_health" || e.kind == "computed_health"),
        )
    };
    groups.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.project.text.cmp(&b.project.text))
    });
    groups
}

/// The routine events folded, one line per kind (`metrics::rollup::fold_routine`).
#[derive(Debug, Serialize)]
pub struct FoldedLine {
    /// `snake_case` kind, for a CSS hook and tests.
    pub kind: String,
    pub text: String,
}

/// One line per routine kind: "$263K recognized across 11 projects".
pub fn folded(ctx: &Ctx, list: &[FoldedEvents]) -> Vec<FoldedLine> {
    list.iter()
        .map(|f| FoldedLine {
            kind: kind_key(f.kind),
            text: wording::folded(f, ctx.currency),
        })
        .collect()
}

fn kind_key(k: WeekEventKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn money_of(ctx: &Ctx, v: &Option<EventValue>) -> Option<String> {
    match v {
        Some(EventValue::Number(n)) => Some(ctx.money(*n)),
        _ => None,
    }
}

fn date_of(v: &Option<EventValue>) -> Option<String> {
    match v {
        Some(EventValue::Date(d)) => Some(format::date(*d)),
        _ => None,
    }
}

/// The event in words, figures through the one formatter; without the project's name, which
/// its group already shows.
pub fn event_text(ctx: &Ctx, e: &WeekEvent) -> String {
    use WeekEventKind as K;
    match e.kind {
        K::EacChanged => match (money_of(ctx, &e.from), money_of(ctx, &e.to)) {
            (Some(f), Some(t)) => format!("Estimate at completion revised from {f} to {t}"),
            (None, Some(t)) => format!("Estimate at completion set at {t}"),
            _ => wording::event(e, Style::Prose),
        },
        K::RiskRescored => match (&e.from, &e.to, risk(ctx, e)) {
            (Some(EventValue::Number(f)), Some(EventValue::Number(t)), Some(r)) => format!(
                "Risk rescored from {} to {} ({}): {}",
                format::number(*f, 0),
                format::number(*t, 0),
                r.level.as_str(),
                r.title
            ),
            _ => wording::event(e, Style::Prose),
        },
        K::RevenueRecognized => match money_of(ctx, &e.to) {
            Some(t) => format!("{t} revenue recognized"),
            None => wording::event(e, Style::Prose),
        },
        K::ForecastEndMoved => match (date_of(&e.from), date_of(&e.to)) {
            (Some(f), Some(t)) => format!("Forecast end moved from {f} to {t}"),
            (None, Some(t)) => format!("Forecast end stated: {t}"),
            (Some(f), None) => format!("Forecast end {f} withdrawn; the plan's end date applies"),
            (None, None) => wording::event(e, Style::Prose),
        },
        _ => wording::event(e, Style::Prose),
    }
}

/// The risk an event names.
fn risk<'a>(ctx: &Ctx<'a>, e: &WeekEvent) -> Option<&'a crate::report::RiskRecord> {
    let id = e.id.as_deref()?;
    ctx.project(&e.project)?.risks.iter().find(|r| r.id == id)
}
