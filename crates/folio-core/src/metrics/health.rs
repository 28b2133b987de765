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

/// A CPI or SPI against its red and amber thresholds: red below `red`, amber below `amber`,
/// else green; unknown when there is no index. The one rule for project reasons and the
/// portfolio's, programs' and regions' ratings.
pub fn rating(v: Option<f64>, red: f64, amber: f64) -> Health {
    match v {
        None => Health::Unknown,
        Some(v) if v < red => Health::Red,
        Some(v) if v < amber => Health::Amber,
        Some(_) => Health::Green,
    }
}

/// Computed health and every reason for it, red first.
pub fn computed(i: Inputs<'_>, t: &Thresholds) -> (Health, Vec<Reason>) {
    let mut out: Vec<Reason> = Vec::new();
    let mut push = |level: Health, why: Why| out.push(Reason { level, why });
    for (v, red, amber, why) in [
        (i.cpi, t.cpi_red, t.cpi_amber, cpi as fn(f64, f64) -> Why),
        (i.spi, t.spi_red, t.spi_amber, spi),
    ] {
        match (v, rating(v, red, amber)) {
            (Some(v), Health::Red) => push(Health::Red, why(v, red)),
            (Some(v), Health::Amber) => push(Health::Amber, why(v, amber)),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// At the limit is not below it: 0.85 with red 0.85 is amber, 0.95 with amber 0.95 green.
    #[test]
    fn rating_at_the_boundaries() {
        let r = |v| rating(v, 0.85, 0.95);
        assert_eq!(r(None), Health::Unknown);
        assert_eq!(r(Some(0.849_999)), Health::Red);
        assert_eq!(r(Some(0.85)), Health::Amber);
        assert_eq!(r(Some(0.949_999)), Health::Amber);
        assert_eq!(r(Some(0.95)), Health::Green);
        assert_eq!(r(Some(1.2)), Health::Green);
    }

    /// The project reason and the roll-up rating follow the same rule: a CPI at the red limit
    /// gives an amber reason against the amber limit.
    #[test]
    fn reasons_follow_the_rating() {
        let t = Thresholds::default();
        let i = Inputs {
            cpi: Some(t.cpi_red),
            spi: Some(t.spi_red - 0.01),
            milestones: &[],
            escalations: &[],
            stale: false,
            days_since_update: 0,
            cap: None,
        };
        let (h, reasons) = computed(i, &t);
        assert_eq!(h, Health::Red);
        let got: Vec<_> = reasons.iter().map(|r| (r.level, r.why.clone())).collect();
        assert_eq!(
            got,
            [
                (
                    Health::Red,
                    Why::Spi {
                        value: t.spi_red - 0.01,
                        threshold: t.spi_red
                    }
                ),
                (
                    Health::Amber,
                    Why::Cpi {
                        value: t.cpi_red,
                        threshold: t.cpi_amber
                    }
                ),
            ]
        );
    }
}
