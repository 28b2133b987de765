//! Fiscal years and quarters (see docs/content.md, `portfolio.yaml`), shared by the loader
//! (labels in `portfolio.yaml`) and the metrics: the calendar ([`FiscalCalendar`], its start
//! month), which quarter a date falls in, its label (`FY27-Q3`), its first and last day, and
//! parsing a label back (for `revenue_targets`).
//!
//! With start month `s`, the fiscal year containing a date is named after the calendar year in
//! which it ends; quarter `q = ((month - s) mod 12) div 3 + 1`.

use chrono::{Datelike, Months, NaiveDate};

/// One fiscal quarter. Ordering is chronological (fiscal year, then quarter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalQuarter {
    /// Calendar year in which the fiscal year ends (the `27` of `FY27`, in full: 2027).
    pub fy: i32,
    /// 1..=4.
    pub q: u32,
}

/// A fiscal calendar: the month (1..=12) its years start in. Passed to every function that
/// places a date in a quarter or a quarter in time, instead of the bare month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FiscalCalendar {
    start_month: u32,
}

impl FiscalCalendar {
    /// The calendar whose years start in `start_month`, clamped into 1..=12 (the loader
    /// validates it; never panic here).
    pub fn new(start_month: u32) -> FiscalCalendar {
        FiscalCalendar {
            start_month: start_month.clamp(1, 12),
        }
    }

    /// The month (1..=12) the fiscal year starts in.
    pub fn start_month(self) -> u32 {
        self.start_month
    }
}

impl FiscalQuarter {
    /// The fiscal quarter of calendar `cal` containing `date`.
    pub fn of(date: NaiveDate, cal: FiscalCalendar) -> FiscalQuarter {
        let s = cal.start_month as i32;
        let m = date.month() as i32;
        let fy = if s == 1 || m < s {
            date.year()
        } else {
            date.year() + 1
        };
        let q = ((m - s).rem_euclid(12) / 3 + 1) as u32;
        FiscalQuarter { fy, q }
    }

    /// `FY27-Q3`: two-digit fiscal year (zero-padded), quarter number.
    pub fn label(self) -> String {
        format!("FY{:02}-Q{}", self.fy.rem_euclid(100), self.q)
    }

    /// `FY27`.
    pub fn year_label(self) -> String {
        format!("FY{:02}", self.fy.rem_euclid(100))
    }

    /// First day of the quarter.
    pub fn start(self, cal: FiscalCalendar) -> NaiveDate {
        let s = cal.start_month;
        // The fiscal year starts on the 1st of month s of (fy - 1), or of fy when s = 1.
        let fy_start_year = if s == 1 { self.fy } else { self.fy - 1 };
        let fy_start = NaiveDate::from_ymd_opt(fy_start_year, s, 1).unwrap_or(NaiveDate::MIN);
        fy_start
            .checked_add_months(Months::new(3 * (self.q.clamp(1, 4) - 1)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Last day of the quarter.
    pub fn end(self, cal: FiscalCalendar) -> NaiveDate {
        self.next().start(cal).pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The following quarter.
    pub fn next(self) -> FiscalQuarter {
        if self.q >= 4 {
            FiscalQuarter {
                fy: self.fy + 1,
                q: 1,
            }
        } else {
            FiscalQuarter {
                fy: self.fy,
                q: self.q + 1,
            }
        }
    }

    /// The four quarters of this quarter's fiscal year.
    pub fn year_quarters(self) -> [FiscalQuarter; 4] {
        [1, 2, 3, 4].map(|q| FiscalQuarter { fy: self.fy, q })
    }

    /// Parses `FY27-Q3`. The two-digit year is resolved to the full year closest to
    /// `near_fy` (the as-of date's fiscal year), so `FY99` near 2027 is 2099 - 100 = 1999 only
    /// when that is nearer. Returns `None` for anything that is not exactly `FYnn-Qn`.
    pub fn parse(label: &str, near_fy: i32) -> Option<FiscalQuarter> {
        let b = label.as_bytes();
        if b.len() != 7 || &b[0..2] != b"FY" || &b[4..6] != b"-Q" {
            return None;
        }
        if !b[2].is_ascii_digit() || !b[3].is_ascii_digit() || !(b'1'..=b'4').contains(&b[6]) {
            return None;
        }
        let yy = i32::from(b[2] - b'0') * 10 + i32::from(b[3] - b'0');
        let q = u32::from(b[6] - b'0');
        let base = near_fy - near_fy.rem_euclid(100);
        let fy = [base - 100 + yy, base + yy, base + 100 + yy]
            .into_iter()
            .min_by_key(|y| ((y - near_fy).abs(), *y))?;
        Some(FiscalQuarter { fy, q })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn label(date: &str, s: u32) -> String {
        FiscalQuarter::of(d(date), FiscalCalendar::new(s)).label()
    }

    #[test]
    fn calendar_fiscal_year() {
        // s = 1: fiscal year = calendar year, quarters Jan-Mar, Apr-Jun, ...
        assert_eq!(label("2026-01-01", 1), "FY26-Q1");
        assert_eq!(label("2026-03-31", 1), "FY26-Q1");
        assert_eq!(label("2026-04-01", 1), "FY26-Q2");
        assert_eq!(label("2026-12-31", 1), "FY26-Q4");
        assert_eq!(label("2027-01-01", 1), "FY27-Q1");
    }

    #[test]
    fn february_fiscal_year_is_named_after_its_end() {
        // docs/content.md: s = 2, Feb 2026 - Jan 2027 is FY27.
        assert_eq!(label("2026-01-31", 2), "FY26-Q4");
        assert_eq!(label("2026-02-01", 2), "FY27-Q1");
        assert_eq!(label("2026-04-30", 2), "FY27-Q1");
        assert_eq!(label("2026-05-01", 2), "FY27-Q2");
        assert_eq!(label("2026-10-31", 2), "FY27-Q3");
        assert_eq!(label("2026-11-01", 2), "FY27-Q4");
        assert_eq!(label("2027-01-31", 2), "FY27-Q4");
        assert_eq!(label("2027-02-01", 2), "FY28-Q1");
    }

    #[test]
    fn november_and_december_fiscal_years() {
        // s = 11: Nov 2026 - Oct 2027 is FY27; q = ((m - 11) mod 12) div 3 + 1.
        assert_eq!(label("2026-10-31", 11), "FY26-Q4");
        assert_eq!(label("2026-11-01", 11), "FY27-Q1");
        assert_eq!(label("2027-01-31", 11), "FY27-Q1");
        assert_eq!(label("2027-02-01", 11), "FY27-Q2");
        assert_eq!(label("2027-08-01", 11), "FY27-Q4");
        // s = 12: Dec 2026 - Nov 2027 is FY27.
        assert_eq!(label("2026-11-30", 12), "FY26-Q4");
        assert_eq!(label("2026-12-01", 12), "FY27-Q1");
        assert_eq!(label("2027-02-28", 12), "FY27-Q1");
        assert_eq!(label("2027-03-01", 12), "FY27-Q2");
        assert_eq!(label("2027-11-30", 12), "FY27-Q4");
        // Two-digit years wrap and are zero-padded.
        assert_eq!(label("2099-12-01", 12), "FY00-Q1");
        assert_eq!(label("2008-12-01", 12), "FY09-Q1");
    }

    #[test]
    fn quarter_bounds() {
        let c = FiscalCalendar::new;
        let q = FiscalQuarter::of(d("2026-12-15"), c(2)); // FY27-Q4: Nov 2026 - Jan 2027
        assert_eq!((q.start(c(2)), q.end(c(2))), (d("2026-11-01"), d("2027-01-31")));
        let q = FiscalQuarter::of(d("2027-01-10"), c(11)); // FY27-Q1: Nov 2026 - Jan 2027
        assert_eq!((q.start(c(11)), q.end(c(11))), (d("2026-11-01"), d("2027-01-31")));
        let q = FiscalQuarter::of(d("2026-02-10"), c(1));
        assert_eq!((q.start(c(1)), q.end(c(1))), (d("2026-01-01"), d("2026-03-31")));
        let q = FiscalQuarter::of(d("2027-11-30"), c(12)); // FY27-Q4: Sep - Nov 2027
        assert_eq!((q.start(c(12)), q.end(c(12))), (d("2027-09-01"), d("2027-11-30")));
        // Every day of several years falls inside the bounds of its own quarter.
        for s in 1..=12 {
            let mut day = d("2025-01-01");
            while day < d("2028-01-01") {
                let q = FiscalQuarter::of(day, c(s));
                assert!(q.start(c(s)) <= day && day <= q.end(c(s)), "{day} s={s}");
                assert_eq!(FiscalQuarter::of(q.end(c(s)).succ_opt().unwrap(), c(s)), q.next());
                day = day.succ_opt().unwrap();
            }
        }
    }

    #[test]
    fn the_start_month_is_clamped_into_a_year() {
        assert_eq!(FiscalCalendar::new(0).start_month(), 1);
        assert_eq!(FiscalCalendar::new(13).start_month(), 12);
        assert_eq!(FiscalCalendar::new(7).start_month(), 7);
    }

    #[test]
    fn parse_labels() {
        assert_eq!(
            FiscalQuarter::parse("FY27-Q3", 2026),
            Some(FiscalQuarter { fy: 2027, q: 3 })
        );
        assert_eq!(
            FiscalQuarter::parse("FY99-Q1", 2001),
            Some(FiscalQuarter { fy: 1999, q: 1 })
        );
        assert_eq!(
            FiscalQuarter::parse("FY01-Q4", 2099),
            Some(FiscalQuarter { fy: 2101, q: 4 })
        );
        for bad in [
            "FY27-Q5",
            "FY27-Q0",
            "fy27-Q1",
            "FY2027-Q1",
            "FY27Q1",
            "FY2a-Q1",
            "",
        ] {
            assert_eq!(FiscalQuarter::parse(bad, 2026), None, "{bad}");
        }
        let q = FiscalQuarter { fy: 2027, q: 2 };
        assert_eq!(FiscalQuarter::parse(&q.label(), 2027), Some(q));
    }
}
