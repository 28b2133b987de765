//! Computed health: every rule that holds is a reason `{level, rule, text}`; the computed
//! health is the worst level among the reasons, else green. A fact yields one reason, at its
//! worst level; reasons are listed red first, then in rule order. docs/metrics.md words every
//! rule.

use crate::model::{OpenResolved, Severity, Thresholds};
use crate::report::{EscalationRecord, Health, MilestoneStatus, Reason, Rule};

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

/// A whole amount with thousands separators (`14250.4` → `14,250`), for reason texts.
pub fn whole(x: f64) -> String {
    let n = x.round();
    let digits = format!("{:.0}", n.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

fn plural(n: i64, one: &str) -> String {
    if n == 1 || n == -1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// Computed health and every reason for it, red first.
pub fn computed(i: Inputs<'_>, t: &Thresholds) -> (Health, Vec<Reason>) {
    let mut out: Vec<Reason> = Vec::new();
    let mut push = |level: Health, rule: Rule, text: String| out.push(Reason { level, rule, text });
    for (name, rule, v, red, amber) in [
        ("CPI", Rule::Cpi, i.cpi, t.cpi_red, t.cpi_amber),
        ("SPI", Rule::Spi, i.spi, t.spi_red, t.spi_amber),
    ] {
        match v {
            Some(v) if v < red => push(Health::Red, rule, format!("{name} {} < {red}", below(v, red))),
            Some(v) if v < amber => push(
                Health::Amber,
                rule,
                format!("{name} {} < {amber}", below(v, amber)),
            ),
            _ => {}
        }
    }
    for m in i.milestones.iter().filter(|m| m.done.is_none()) {
        let level = if m.slip_days > t.slip_red_days {
            Health::Red
        } else if m.slip_days > t.slip_amber_days {
            Health::Amber
        } else {
            continue;
        };
        let limit = if level == Health::Red {
            t.slip_red_days
        } else {
            t.slip_amber_days
        };
        push(
            level,
            Rule::Slip,
            format!(
                "Milestone {} slipped {} (more than {limit})",
                m.name,
                plural(m.slip_days, "day")
            ),
        );
    }
    for e in i.escalations.iter().filter(|e| e.status == OpenResolved::Open) {
        let (level, word) = match e.severity {
            Severity::Critical => (Health::Red, "critical"),
            Severity::High => (Health::Amber, "high"),
            _ => continue,
        };
        push(
            level,
            Rule::Escalation,
            format!("Open {word} escalation: {}", e.title),
        );
    }
    if i.days_since_update > t.stale_red_days {
        push(
            Health::Red,
            Rule::Stale,
            format!(
                "No update for {} (more than {})",
                plural(i.days_since_update, "day"),
                t.stale_red_days
            ),
        );
    } else if i.stale {
        push(
            Health::Amber,
            Rule::Stale,
            format!("No update for {}", plural(i.days_since_update, "day")),
        );
    }
    if let Some(c) = i.cap {
        let unbillable = c.unbillable_at_completion.filter(|u| *u > 0.0);
        if c.billed >= c.current_value && c.percent_complete < 100.0 {
            // The projected overrun is the same fact as the used-up cap: one reason.
            let more = unbillable
                .map(|u| format!("; {} projected unbillable at completion", whole(u)))
                .unwrap_or_default();
            push(
                Health::Red,
                Rule::Cap,
                format!(
                    "Time-and-materials cap used up at {}% complete{more}",
                    c.percent_complete
                ),
            );
        } else if let Some(u) = unbillable {
            push(
                Health::Amber,
                Rule::Unbillable,
                format!(
                    "Projected hours exceed the cap: {} unbillable at completion",
                    whole(u)
                ),
            );
        }
    }
    out.sort_by_key(|r| r.level != Health::Red);
    let health = out.first().map_or(Health::Green, |r| r.level);
    (health, out)
}
