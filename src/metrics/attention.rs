//! The judgements the summary and the quarter's answer show about single projects: why a
//! project's forecast is at risk, and which projects need an executive's attention, ranked by
//! the money at stake. Computed here from the project reports, carried in the report and
//! `portfolio.json`; pages only word (`crate::wording::concern`) and link them.

use crate::model::Thresholds;
use crate::report::{Attention, Concern, Health, ProjectReport, Rule};

/// A stale project whose staleness is not already a health reason is stale in its own words:
/// "no update for N days", or no update at all.
fn stale_unless_a_reason(p: &ProjectReport) -> Option<Concern> {
    (p.stale && !p.health.reasons.iter().any(|r| r.rule() == Rule::Stale)).then_some(
        Concern::Stale {
            days: p.days_since_update,
        },
    )
}

/// Why the project's forecast is at risk: its red reasons and its staleness, else "computed
/// red". Empty when the forecast is not at risk.
pub fn at_risk_reasons(p: &ProjectReport) -> Vec<Concern> {
    if !p.forecast_at_risk {
        return Vec::new();
    }
    let mut why: Vec<Concern> = p
        .health
        .reasons
        .iter()
        .filter(|r| r.level == Health::Red || r.rule() == Rule::Stale)
        .cloned()
        .map(Concern::Health)
        .collect();
    why.extend(stale_unless_a_reason(p));
    if why.is_empty() {
        why.push(Concern::ComputedRed);
    }
    why
}

/// Why the project needs attention: watermelon, every health reason, staleness, and late
/// milestones whose slip is not already a health reason. Empty when it needs none.
pub fn attention_reasons(p: &ProjectReport, t: &Thresholds) -> Vec<Concern> {
    let late: Vec<Concern> = p
        .milestones
        .iter()
        // A late milestone whose slip is already a health reason is one fact, said once.
        .filter(|m| m.late && m.slip_days <= t.slip_amber_days)
        .map(|m| Concern::LateMilestone {
            milestone: m.name.clone(),
            due: m.due,
        })
        .collect();
    let flagged = p.health.watermelon
        || matches!(p.health.computed, Health::Red | Health::Amber)
        || p.stale
        || !late.is_empty();
    if !flagged {
        return Vec::new();
    }
    let mut reasons = Vec::new();
    if p.health.watermelon {
        reasons.push(Concern::Watermelon);
    }
    reasons.extend(p.health.reasons.iter().cloned().map(Concern::Health));
    reasons.extend(stale_unless_a_reason(p));
    reasons.extend(late);
    reasons
}

/// The projects that need attention, most money at stake (revenue still to recognize) first,
/// then more reasons, then worse computed health, then by name.
pub fn ranked(projects: &[ProjectReport], t: &Thresholds) -> Vec<Attention> {
    let mut items: Vec<(&ProjectReport, Vec<Concern>)> = projects
        .iter()
        .map(|p| (p, attention_reasons(p, t)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    items.sort_by(|a, b| {
        b.0.remaining_revenue
            .total_cmp(&a.0.remaining_revenue)
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.0.health.computed.rank().cmp(&b.0.health.computed.rank()))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    items
        .into_iter()
        .map(|(p, reasons)| Attention {
            project: p.id.clone(),
            reasons,
        })
        .collect()
}
