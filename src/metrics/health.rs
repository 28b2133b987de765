//! Computed health: every rule that holds is a typed reason (worded by `crate::wording`); the computed
//! health is the worst level among the reasons, else green. A fact yields one reason, at its
//! worst level; reasons are listed red first, then in rule order. docs/metrics.md words every
//! rule.

use crate::model::{OpenResolved, Severity, Thresholds};
use crate::report::{EscalationRecord, Health, MilestoneStatus, Reason, Why};

/// The time-and-materials facts the cap rules look at.
#[derive(Debug, Clone, Copy)]
pub struct CapInputs {
    /// hours × rate so far.
    pub billed: f64,
    pub current_value: f64,
    pub percent_complete: f64,
    pub unbillable_at_completion: Option<f64>,
}

/// What the health rules look at.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    pub milestones: &'a [MilestoneStatus],
    pub escalations: &'a [EscalationRecord],
    pub stale: bool,
    pub days_since_update: i64,
    /// Null for fixed price.
    pub cap: Option<CapInputs>,
}

/// Computed health and every reason for it, red first.
pub fn computed(i: Inputs<'_>, t: &Thresholds) -> (Health, Vec<Reason>) {
    let mut out: Vec<Reason> = Vec::new();
    let mut push = |level: Health, why: Why| out.push(Reason { level, why });
    for (v, red, amber, why) in [
        (i.cpi, t.cpi_red, t.cpi_amber, cpi as fn(f64, f64) -> Why),
        (i.spi, t.spi_red, t.spi_amber, spi),
    ] {
        match v {
            Some(v) if v < red => push(Health::Red, why(v, red)),
            Some(v) if v < amber => push(Health::Amber, why(v, amber)),
            _ => {}
        }
    }
    for m in i.milestones.iter().filter(|m| m.done.is_none()) {
        let (level, limit) = if m.slip_days > t.slip_red_days {
            (Health::Red, t.slip_red_days)
        } else if m.slip_days > t.slip_amber_days {
            (Health::Amber, t.slip_amber_days)
        } else {
            continue;
        };
        push(
            level,
            Why::Slip {
                milestone: m.name.clone(),
                days: m.slip_days,
                limit,
            },
        );
    }
    for e in i.escalations.iter().filter(|e| e.status == OpenResolved::Open) {
        let level = match e.severity {
            Severity::Critical => Health::Red,
            Severity::High => Health::Amber,
            _ => continue,
        };
        push(
            level,
            Why::Escalation {
                severity: e.severity,
                title: e.title.clone(),
            },
        );
    }
    if i.days_since_update > t.stale_red_days {
        push(
            Health::Red,
            Why::Stale {
                days: i.days_since_update,
                limit: Some(t.stale_red_days),
            },
        );
    } else if i.stale {
        push(
            Health::Amber,
            Why::Stale {
                days: i.days_since_update,
                limit: None,
            },
        );
    }
    if let Some(c) = i.cap {
        let unbillable = c.unbillable_at_completion.filter(|u| *u > 0.0);
        if c.billed >= c.current_value && c.percent_complete < 100.0 {
            // The projected overrun is the same fact as the used-up cap: one reason.
            push(
                Health::Red,
                Why::Cap {
                    percent_complete: c.percent_complete,
                    unbillable,
                },
            );
        } else if let Some(amount) = unbillable {
            push(Health::Amber, Why::Unbillable { amount });
        }
    }
    out.sort_by_key(|r| r.level != Health::Red);
    let health = out.first().map_or(Health::Green, |r| r.level);
    (health, out)
}

fn cpi(value: f64, threshold: f64) -> Why {
    Why::Cpi { value, threshold }
}

fn spi(value: f64, threshold: f64) -> Why {
    Why::Spi { value, threshold }
}
