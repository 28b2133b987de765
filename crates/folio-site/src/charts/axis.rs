//! Axis layout helpers shared by the charts: month-start date ticks that fit the plot width,
//! value ranges (non-finite figures drawn as 0), and spreading end-of-line labels so they do not
//! overlap.

use chrono::{Datelike, NaiveDate};

use super::svg::text_width;

/// First-of-month dates in `[from, to]`, every 1, 2, 3, 6 or 12 months so there are at most
/// `max` of them (at least one: `from` itself when the range holds no month start).
pub(super) fn month_ticks(from: NaiveDate, to: NaiveDate, max: usize) -> Vec<NaiveDate> {
    let index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let first = if from.day() == 1 {
        index(from)
    } else {
        index(from) + 1
    };
    let last = index(to);
    if last < first {
        return vec![from];
    }
    let months = (last - first + 1) as usize;
    let step = [1usize, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| months.div_ceil(*s) <= max.max(1))
        .unwrap_or(months);
    (first..=last)
        .step_by(step)
        .filter_map(|i| NaiveDate::from_ymd_opt(i.div_euclid(12), i.rem_euclid(12) as u32 + 1, 1))
        .collect()
}

/// A figure as drawn: NaN and infinities (a ratio over 0, a corrupt amount) become 0, so one bad
/// value never breaks an axis.
pub(super) fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// Largest magnitude a value axis reaches: far beyond any amount the content may hold (see
/// `MAX_AMOUNT` in the loader), and small enough that the span of an axis, its padding and
/// plotters' tick arithmetic stay finite.
pub(super) const AXIS_LIMIT: f64 = 1e300;

/// Label of a count axis: whole numbers only (a tick at 2.5 projects gets no label).
pub(super) fn whole_count(v: &f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        String::new()
    }
}

/// A value axis range plotters can lay out for any input: both ends finite and within
/// [`AXIS_LIMIT`], `lo < hi` with a span that is not lost to rounding. (An infinite span made
/// plotters' key-point loop spin forever.)
pub(super) fn value_range(lo: f64, hi: f64) -> (f64, f64) {
    let clamp = |v: f64| {
        if v.is_nan() {
            0.0
        } else {
            v.clamp(-AXIS_LIMIT, AXIS_LIMIT)
        }
    };
    let (lo, mut hi) = (clamp(lo), clamp(hi));
    let min_span = lo.abs().max(hi.abs()).max(1.0) * 1e-9;
    if hi - lo < min_span {
        hi = if lo + min_span <= AXIS_LIMIT {
            lo + min_span
        } else {
            AXIS_LIMIT
        };
        if hi - lo < min_span {
            return (AXIS_LIMIT - min_span.max(AXIS_LIMIT * 1e-9), AXIS_LIMIT);
        }
    }
    (lo, hi)
}

/// How many `YYYY-MM-DD` tick labels (nominal 11 px) fit between pixel columns `left` and `right`.
pub(super) fn date_tick_count(left: i32, right: i32) -> usize {
    (f64::from((right - left).max(0)) / (text_width("2026-01-01", 11.0) + 14.0)).max(1.0) as usize
}

/// Spreads label y positions (sorted top to bottom) so they are at least `gap` pixels apart,
/// keeping them within `[top, bottom]` where there is room.
pub(super) fn spread(ys: &mut [(i32, usize)], gap: i32, top: i32, bottom: i32) {
    ys.sort();
    for i in 1..ys.len() {
        if ys[i].0 - ys[i - 1].0 < gap {
            ys[i].0 = ys[i - 1].0 + gap;
        }
    }
    if let Some(last) = ys.last_mut() {
        last.0 = last.0.min(bottom);
    }
    for i in (0..ys.len().saturating_sub(1)).rev() {
        if ys[i + 1].0 - ys[i].0 < gap {
            ys[i].0 = (ys[i + 1].0 - gap).max(top);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn value_range_is_finite_and_ordered_for_any_input() {
        for (lo, hi) in [
            (0.0, f64::MAX),
            (f64::MIN, f64::MAX),
            (0.0, f64::INFINITY),
            (f64::NAN, f64::NAN),
            (5.0, 5.0),
            (1e300, 1e300),
            (f64::MAX, f64::MAX),
            (0.0, 1.7e308 * 1.08),
        ] {
            let (a, b) = value_range(lo, hi);
            assert!(a.is_finite() && b.is_finite() && a < b, "{lo} {hi} -> {a} {b}");
            assert!((b - a).is_finite());
        }
        assert_eq!(value_range(0.0, 100.0), (0.0, 100.0));
    }

    #[test]
    fn month_ticks_step_and_bounds() {
        let t = month_ticks(d(2026, 1, 15), d(2026, 12, 31), 6);
        assert_eq!(
            t,
            [
                d(2026, 2, 1),
                d(2026, 4, 1),
                d(2026, 6, 1),
                d(2026, 8, 1),
                d(2026, 10, 1),
                d(2026, 12, 1)
            ]
        );
        assert_eq!(month_ticks(d(2026, 3, 2), d(2026, 3, 20), 6), [d(2026, 3, 2)]);
        assert!(month_ticks(d(2000, 1, 1), d(2030, 1, 1), 6).len() <= 6);
    }

    #[test]
    fn spread_keeps_gap_and_bounds() {
        let mut ys = vec![(100, 0), (95, 1), (98, 2)];
        spread(&mut ys, 13, 0, 110);
        let v: Vec<i32> = ys.iter().map(|y| y.0).collect();
        assert!(v.windows(2).all(|w| w[1] - w[0] >= 13), "{v:?}");
        assert!(*v.last().unwrap() <= 110);
    }
}
