//! Current baseline and earned value (see docs/metrics.md), at full f64 precision.

use chrono::{Days, NaiveDate};

use crate::metrics::records::ChangeSums;
use crate::model::{PlanPoint, ProjectFile};

/// The baseline after approved change requests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Baseline {
    /// `budget + Σ budget_delta`.
    pub bac: f64,
    /// `contract_value + Σ value_delta`.
    pub current_value: f64,
    /// `end + Σ schedule_delta_days`.
    pub current_end: NaiveDate,
}

/// Current baseline: the baseline with the given approved-change sums.
pub fn baseline(def: &ProjectFile, sums: ChangeSums) -> Baseline {
    let current_end = if sums.days >= 0 {
        def.end.checked_add_days(Days::new(sums.days as u64))
    } else {
        def.end.checked_sub_days(Days::new(sums.days.unsigned_abs()))
    }
    .unwrap_or(def.end);
    Baseline {
        bac: def.budget + sums.budget,
        current_value: def.contract_value + sums.value,
        current_end,
    }
}

/// The baseline plan points sorted by date (stable: points of one date keep file order).
pub fn sorted_plan(plan: &[PlanPoint]) -> Vec<(NaiveDate, f64)> {
    let mut pts: Vec<(NaiveDate, f64)> = plan.iter().map(|p| (p.date, p.percent)).collect();
    pts.sort_by_key(|p| p.0);
    pts
}

/// Earned value baseline planned percent at `d`: linear interpolation over `(start, 0)`, the plan
/// points strictly between `start` and `current_end`, and `(current_end, 100)`, clamped to
/// 0–100. On or before `start` it is 0; on or after `current_end` it is 100 (so plan points
/// outside that window are ignored). Several points on one date form a step: the value on and
/// after that date starts from the last of them, the segment before it ends at the first.
pub fn planned_percent(
    start: NaiveDate,
    current_end: NaiveDate,
    plan: &[(NaiveDate, f64)],
    d: NaiveDate,
) -> f64 {
    if d <= start {
        return 0.0;
    }
    if d >= current_end {
        return 100.0;
    }
    let lo = plan.partition_point(|p| p.0 <= start);
    let hi = plan.partition_point(|p| p.0 < current_end).max(lo);
    let inner = &plan[lo..hi];
    let i = inner.partition_point(|p| p.0 <= d);
    let left = if i > 0 { inner[i - 1] } else { (start, 0.0) };
    if left.0 == d {
        return left.1.clamp(0.0, 100.0);
    }
    let right = inner.get(i).copied().unwrap_or((current_end, 100.0));
    let span = (right.0 - left.0).num_days() as f64;
    let t = (d - left.0).num_days() as f64;
    (left.1 + (right.1 - left.1) * t / span).clamp(0.0, 100.0)
}

/// Earned value figures at one update.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvmFigures {
    pub bac: f64,
    pub planned_percent: f64,
    pub pv: f64,
    pub ev: f64,
    pub ac: f64,
    pub cv: f64,
    pub sv: f64,
    pub cpi: Option<f64>,
    pub spi: Option<f64>,
    pub eac: f64,
    pub etc: f64,
    pub vac: f64,
    pub tcpi: Option<f64>,
}

/// Earned value formulas. `pm_eac` is the update's `estimate_at_completion`.
pub fn evm(
    bac: f64,
    planned_percent: f64,
    percent_complete: f64,
    ac: f64,
    pm_eac: Option<f64>,
) -> EvmFigures {
    let pv = bac * planned_percent / 100.0;
    let ev = bac * percent_complete / 100.0;
    let cpi = if ac == 0.0 { None } else { Some(ev / ac) };
    let spi = if pv == 0.0 { None } else { Some(ev / pv) };
    let eac = match (pm_eac, cpi) {
        (Some(e), _) => e,
        (None, Some(c)) if c != 0.0 => bac / c,
        _ => bac,
    };
    let tcpi = if bac == ac {
        None
    } else {
        Some((bac - ev) / (bac - ac))
    };
    EvmFigures {
        bac,
        planned_percent,
        pv,
        ev,
        ac,
        cv: ev - ac,
        sv: ev - pv,
        cpi,
        spi,
        eac,
        etc: eac - ac,
        vac: bac - eac,
        tcpi,
    }
}
