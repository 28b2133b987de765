//! What executives must act on and what happened: *Decisions needed* (every open ask and every
//! proposed change request, oldest deadline first; an ask and the change request it is about
//! are one decision, listed once) and the week's events grouped by project, every kind in words.

use serde::Serialize;

use super::{word_badge, Badge, Ctx, Link};
use crate::format;

use crate::report::{ChangeRecord, DecisionRef, EventValue, WeekEvent, WeekEventKind};
use crate::wording::{self, Style};

/// One decision an executive is asked for.
#[derive(Debug, Serialize)]
pub struct Decision {
    /// "Ask" or "Change request".
    pub kind: Badge,
    pub text: String,
    pub project: Link,
    /// Who must act (`of`); for a change request the project's sponsor; `None` when unknown.
    pub who: Option<String>,
    /// "Who" for an ask, "Sponsor" for a change request.
    pub who_label: &'static str,
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
                    who: a.of.clone(),
                    who_label: "Who",
                    by: a.by.map(format::date),
                    overdue: a.overdue,
                    deltas: change.and_then(|c| deltas(ctx, c)),
                    since: change.map(|c| format::date(c.opened)),
                },
                None => {
                    let c = change?;
                    Decision {
                        kind: word_badge("Change request", "amber", "▲"),
                        text: format!("Approve or reject {}: {}", c.id.to_uppercase(), c.title),
                        project: ctx.project_link(root, &p.id),
                        who: p.sponsor.clone(),
                        who_label: "Sponsor",
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

/// The week's events grouped by project, kinds in their fixed order. Projects whose health
/// changed come first, then those with other news, then those with routine figures only; by
/// name within each.
pub fn week_events(ctx: &Ctx, root: &str, events: &[WeekEvent]) -> Vec<EventGroup> {
    let mut groups: Vec<EventGroup> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for e in events {
        let line = EventLine {
            kind: kind_key(e.kind),
            text: event_text(ctx, e),
            routine: matches!(
                e.kind,
                WeekEventKind::EacChanged
                    | WeekEventKind::ForecastEndMoved
                    | WeekEventKind::RevenueRecognized
            ),
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
    for g in &mut groups {
        g.routine_only = g.events.iter().all(|e| e.routine);
    }
    let rank = |g: &EventGroup| {
        if g.events
            .iter()
            .any(|e| e.kind == "declared_health" || e.kind == "computed_health")
        {
            0
        } else if !g.routine_only {
            1
        } else {
            2
        }
    };
    groups.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.project.text.cmp(&b.project.text))
    });
    groups
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
