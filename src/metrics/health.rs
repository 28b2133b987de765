//! Computed health (SPEC §3.6): the first matching rule of red, amber, green, with the
//! human-readable reasons that made it so.

use crate::model::{OpenResolved, Severity, Thresholds};
use crate::report::{EscalationRecord, Health, MilestoneStatus};

/// What the health rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    pub milestones: &'a [MilestoneStatus],
    pub escalations: &'a [EscalationRecord],
    pub stale: bool,
    pub days_since_update: i64,
}

/// Formats `x` with the fewest decimals (at least 2) that still show it is below `threshold`,
/// so `0.8499` reads `0.8499 < 0.85`, never `0.85 < 0.85`.
fn below(x: f64, threshold: f64) -> String {
    for decimals in 2..=8 {
        let s = format!("{x:.decimals$}");
        if s.parse::<f64>().map(|v| v < threshold).unwrap_or(false) {
            return s;
        }
    }
    format!("{x}")
}

/// Computed health and its reasons (reasons of the matching rule only; none for green).
pub fn computed(i: Inputs<'_>, t: &Thresholds) -> (Health, Vec<String>) {
    // Largest slip of a not-done milestone (ties: first by id).
    let worst = i
        .milestones
        .iter()
        .filter(|m| m.done.is_none())
        .fold(None::<&MilestoneStatus>, |acc, m| match acc {
            Some(a) if a.slip_days >= m.slip_days => Some(a),
            _ => Some(m),
        });
    let open = |sev: Severity| {
        i.escalations
            .iter()
            .filter(move |e| e.status == OpenResolved::Open && e.severity == sev)
    };
    let ratio = |name: &str, v: Option<f64>, thr: f64| match v {
        Some(v) if v < thr => Some(format!("{name} {} < {thr}", below(v, thr))),
        _ => None,
    };
    let slip = |thr: i64| match worst {
        Some(m) if m.slip_days > thr => Some(format!(
            "milestone `{}` slipped {} days (more than {thr})",
            m.id, m.slip_days
        )),
        _ => None,
    };

    let mut red: Vec<String> = Vec::new();
    red.extend(ratio("CPI", i.cpi, t.cpi_red));
    red.extend(ratio("SPI", i.spi, t.spi_red));
    red.extend(slip(t.slip_red_days));
    red.extend(open(Severity::Critical).map(|e| format!("open critical escalation `{}`", e.id)));
    if !red.is_empty() {
        return (Health::Red, red);
    }

    let mut amber: Vec<String> = Vec::new();
    amber.extend(ratio("CPI", i.cpi, t.cpi_amber));
    amber.extend(ratio("SPI", i.spi, t.spi_amber));
    amber.extend(slip(t.slip_amber_days));
    if i.stale {
        amber.push(format!("no update for {} days", i.days_since_update));
    }
    amber.extend(open(Severity::High).map(|e| format!("open high escalation `{}`", e.id)));
    if !amber.is_empty() {
        return (Health::Amber, amber);
    }
    (Health::Green, Vec::new())
}
