//! The judgements the summary and the quarter's answer show about single projects: why a
//! project's forecast is at risk, and which projects need an executive's attention, ranked by
//! the money at stake. Computed here from the project reports, carried in the report and
//! `portfolio.json`; pages only word (`crate::wording::concern`) and link them.

use crate::model::Thresholds;
use crate::report::{Attention, Concern, Health, ProjectReport, Rule};

/// A stale project whose staleness is not already a health reason is stale in its own words:
/// "no update for N days", or no update at all.
fn stale_unless_a_reason(p: &ProjectReport) -> Option<Concern> {
    (p.stale && !p.health.reasons.iter().any(|r| r.rule() == Rule::Stale)).then_some(Concern::Stale {
        days: p.days_since_update,
    })
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
    // Never reported although it started more than `stale_after_days` ago.
    if p.latest_update.is_none() {
        why.push(Concern::Stale { days: None });
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testkit::{d, portfolio, project, update};
    use crate::report::{MilestoneStatus, Reason, Why};

    /// A computed project report, then set by hand: green, fresh, no milestones.
    fn base(id: &str, remaining: f64, computed: Health, reasons: Vec<Reason>) -> ProjectReport {
        let mut p = project(id, "2026-01-01", "2026-12-31", 1000.0, 1000.0);
        p.updates.push(update("2026-03-10", 20.0, 200.0));
        let mut r = crate::metrics::compute(&portfolio(vec![p]), d("2026-03-16"))
            .projects
            .remove(0);
        r.name = id.to_uppercase();
        r.remaining_revenue = remaining;
        r.health.computed = computed;
        r.health.declared = Health::Green;
        r.health.watermelon = false;
        r.health.reasons = reasons;
        r.stale = false;
        r.milestones.clear();
        r.forecast_at_risk = computed == Health::Red;
        r
    }

    fn cpi(level: Health, value: f64, threshold: f64) -> Reason {
        Reason {
            level,
            why: Why::Cpi { value, threshold },
        }
    }

    fn stale(level: Health, days: i64) -> Reason {
        Reason {
            level,
            why: Why::Stale { days, limit: None },
        }
    }

    fn milestone(name: &str, slip_days: i64, late: bool) -> MilestoneStatus {
        MilestoneStatus {
            id: name.to_lowercase(),
            name: name.to_string(),
            due: d("2026-03-01"),
            forecast: d("2026-03-01") + chrono::Duration::days(slip_days),
            done: None,
            slip_days,
            late,
            upcoming: false,
            weight: None,
            reported_on: None,
            as_reported: false,
        }
    }

    /// Money at stake first, then more reasons, then worse health, then name; a green, fresh
    /// project without late milestones is not listed.
    #[test]
    fn ranked_by_money_then_reasons_then_health_then_name() {
        let t = Thresholds::default();
        let amber = || vec![cpi(Health::Amber, 0.9, 0.95)];
        let projects = vec![
            base("zeta", 100.0, Health::Amber, amber()),
            base("calm", 900.0, Health::Green, vec![]),
            base(
                "big",
                300.0,
                Health::Red,
                vec![cpi(Health::Red, 0.5, 0.85), stale(Health::Amber, 20)],
            ),
            base("red", 100.0, Health::Red, vec![cpi(Health::Red, 0.8, 0.85)]),
            base("alpha", 100.0, Health::Amber, amber()),
            base("more", 100.0, Health::Amber, {
                let mut r = amber();
                r.push(stale(Health::Amber, 16));
                r
            }),
        ];
        let order: Vec<String> = ranked(&projects, &t).into_iter().map(|a| a.project).collect();
        assert_eq!(order, ["big", "more", "red", "alpha", "zeta"]);
    }

    /// Watermelon first, then the health reasons, staleness (unless already a reason), then
    /// late milestones whose slip (≤ the amber limit) is not a reason.
    #[test]
    fn attention_reasons_in_order() {
        let t = Thresholds::default();
        let mut p = base("p", 0.0, Health::Red, vec![cpi(Health::Red, 0.5, 0.85)]);
        p.health.watermelon = true;
        p.stale = true;
        p.days_since_update = Some(20);
        p.milestones = vec![
            milestone("Late", t.slip_amber_days, true),
            milestone("Slipped", t.slip_amber_days + 1, true),
            milestone("OnTime", 0, false),
        ];
        assert_eq!(
            attention_reasons(&p, &t),
            [
                Concern::Watermelon,
                Concern::Health(cpi(Health::Red, 0.5, 0.85)),
                Concern::Stale { days: Some(20) },
                Concern::LateMilestone {
                    milestone: "Late".into(),
                    due: d("2026-03-01")
                },
            ]
        );
        // Stale as a health reason is said once.
        p.health.reasons.push(stale(Health::Amber, 20));
        assert!(!attention_reasons(&p, &t).contains(&Concern::Stale { days: Some(20) }));
        // A late milestone alone flags a green project.
        let mut g = base("g", 0.0, Health::Green, vec![]);
        assert!(attention_reasons(&g, &t).is_empty());
        g.milestones = vec![milestone("Late", 1, true)];
        assert_eq!(attention_reasons(&g, &t).len(), 1);
    }

    /// At risk: the red reasons and the stale one, the staleness in its own words when it is
    /// no reason, else "computed red"; nothing when the forecast is not at risk.
    #[test]
    fn at_risk_reasons_red_and_stale() {
        let mut p = base(
            "p",
            0.0,
            Health::Red,
            vec![
                cpi(Health::Red, 0.5, 0.85),
                cpi(Health::Amber, 0.9, 0.95),
                stale(Health::Amber, 16),
            ],
        );
        assert_eq!(
            at_risk_reasons(&p),
            [
                Concern::Health(cpi(Health::Red, 0.5, 0.85)),
                Concern::Health(stale(Health::Amber, 16)),
            ]
        );
        p.health.reasons = vec![cpi(Health::Amber, 0.9, 0.95)];
        assert_eq!(at_risk_reasons(&p), [Concern::ComputedRed]);
        p.stale = true;
        p.days_since_update = None;
        assert_eq!(at_risk_reasons(&p), [Concern::Stale { days: None }]);
        p.forecast_at_risk = false;
        assert!(at_risk_reasons(&p).is_empty());
    }
}
