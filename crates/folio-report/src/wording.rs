//! The words of every judgement the report carries: a typed health [`Reason`] or
//! [`WeekEvent`] becomes the one sentence that `portfolio.json`, the CSV exports and every page
//! show. Figures are formatted by
//! [`crate::format`]; no page or export edits these sentences afterwards.

use chrono::NaiveDate;
use serde::Serialize;

use crate::format;
use crate::report::{
    AllocationLevel, Concern, EventValue, FoldedEvents, Reason, WeekEvent, WeekEventKind, Why,
};
use crate::vocabulary::Severity;

/// Where a sentence goes: exports keep the comparison sign (`CPI 0.80 < 0.85`), pages read it
/// as prose (`CPI 0.80 below 0.85`). Everything else is worded the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `portfolio.json` and the CSV exports.
    Data,
    /// Pages and the one-file report.
    Prose,
}

/// The routine week's events of one kind folded into one line ("$263K recognized across 11
/// projects", "3 issues closed in 2 projects"); `currency` formats the amount compactly.
pub fn folded(f: &FoldedEvents, currency: &str) -> String {
    use WeekEventKind as K;
    let across = format::plural(f.projects, "project");
    match f.kind {
        K::RevenueRecognized => format!(
            "{} recognized across {across}",
            format::money_compact(f.amount.unwrap_or(0.0), currency)
        ),
        K::ForecastEndMoved => format!("Expected end moved in {}", format::plural(f.projects, "project")),
        K::RiskClosed => format!("{} closed in {across}", format::plural(f.events, "risk")),
        K::IssueOpened => format!("{} opened in {across}", format::plural(f.events, "issue")),
        K::IssueClosed => format!("{} closed in {across}", format::plural(f.events, "issue")),
        _ => format!("{} in {across}", format::plural(f.events, "event")),
    }
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

/// A positive day count and its noun (`1 day`, `6 days`): the rules that word days only hold
/// for counts above a limit of at least 0.
fn days(n: i64) -> String {
    format::plural(usize::try_from(n).unwrap_or(0), "day")
}

/// A whole amount in the sentences (`14,250`): halves round away from zero (`0.5` → `1`), as
/// they always have in these texts, then [`format::number`] groups the digits.
fn whole(x: f64) -> String {
    format::number(x.round(), 0)
}

/// A health reason in words, naming the thing by its name or title.
pub fn reason(r: &Reason, style: Style) -> String {
    let below_word = match style {
        Style::Data => "<",
        Style::Prose => "below",
    };
    match &r.why {
        Why::Cpi { value, threshold } | Why::Spi { value, threshold } => {
            let name = if matches!(r.why, Why::Cpi { .. }) {
                "CPI"
            } else {
                "SPI"
            };
            format!("{name} {} {below_word} {threshold}", below(*value, *threshold))
        }
        Why::Slip {
            milestone,
            days: d,
            limit,
        } => format!("Milestone {milestone} slipped {} (more than {limit})", days(*d)),
        Why::Escalation { severity, title } => {
            let word = match severity {
                Severity::Critical => "critical",
                Severity::High => "high",
                Severity::Medium => "medium",
                Severity::Low => "low",
            };
            format!("Open {word} escalation: {title}")
        }
        Why::Stale {
            days: d,
            limit: Some(limit),
        } => format!("No update for {} (more than {limit})", days(*d)),
        Why::Stale { days: d, limit: None } => format!("No update for {}", days(*d)),
        Why::Cap {
            percent_complete,
            unbillable,
        } => {
            let more = unbillable
                .map(|u| format!("; {} projected unbillable at completion", whole(u)))
                .unwrap_or_default();
            format!("Time-and-materials cap used up at {percent_complete}% complete{more}")
        }
        Why::Unbillable { amount } => format!(
            "Projected hours exceed the cap: {} unbillable at completion",
            whole(*amount)
        ),
    }
}

/// A concern about a project (attention list, forecast at risk) in words.
pub fn concern(c: &Concern, style: Style) -> String {
    match c {
        Concern::Health(r) => reason(r, style),
        Concern::Watermelon => "Declared green, but the numbers say red".to_string(),
        Concern::Stale { days: Some(d) } => format!("Stale: no update for {d} days"),
        Concern::Stale { days: None } => "No status update yet".to_string(),
        Concern::ComputedRed => "Computed red".to_string(),
        Concern::LateMilestone { milestone, due } => {
            format!("Late milestone: {milestone} (due {})", format::date(*due))
        }
    }
}

/// A week event in words, naming things by name or title: `Data` begins with the project's
/// name (`Apollo: milestone M1 done`), `Prose` leaves it out, for a list grouped by project,
/// and begins with a capital (`Milestone M1 done`).
pub fn event(e: &WeekEvent, style: Style) -> String {
    use WeekEventKind as K;
    let subject = e.subject.as_deref().unwrap_or_default();
    let number = |v: &Option<EventValue>| match v {
        Some(EventValue::Number(n)) => Some(*n),
        _ => None,
    };
    let date = |v: &Option<EventValue>| match v {
        Some(EventValue::Date(d)) => Some(*d),
        _ => None,
    };
    let health = |v: &Option<EventValue>| match v {
        Some(EventValue::Health(h)) => h.as_str(),
        _ => format::NONE,
    };
    // A score or an amount as the figure it was given as (`8`, `4.5`).
    let plain = |v: &Option<EventValue>| number(v).map_or(format::NONE.to_string(), |n| n.to_string());
    let sentence = match e.kind {
        K::FirstUpdate => "first status update".to_string(),
        K::DeclaredHealth => format!("declared health {} → {}", health(&e.from), health(&e.to)),
        K::ComputedHealth => format!("computed health {} → {}", health(&e.from), health(&e.to)),
        K::BecameStale => format!("no update for {} days", e.days.unwrap_or(0)),
        K::EscalationOpened => format!("escalation opened: {subject}"),
        K::EscalationResolved => format!("escalation resolved: {subject}"),
        K::RiskOpened => format!("risk opened: {subject} (score {})", plain(&e.to)),
        K::RiskRescored => format!("risk {subject} rescored {} → {}", plain(&e.from), plain(&e.to)),
        K::RiskClosed => format!("risk closed: {subject}"),
        K::IssueOpened => format!("issue opened: {subject}"),
        K::IssueClosed => format!("issue closed: {subject}"),
        K::ChangeProposed => format!("change request proposed: {subject}"),
        K::ChangeApproved => format!("change request approved: {subject}"),
        K::ChangeRejected => format!("change request rejected: {subject}"),
        K::MilestoneDone => format!("milestone {subject} done"),
        K::MilestoneMoved => {
            let days = match (date(&e.from), date(&e.to)) {
                (Some(a), Some(b)) => (b - a).num_days(),
                _ => 0,
            };
            format!("milestone {subject} moved {days:+} days")
        }
        K::EacChanged => format!(
            "EAC {} → {}",
            number(&e.from).map_or(format::NONE.to_string(), whole),
            number(&e.to).map_or(format::NONE.to_string(), whole)
        ),
        K::ForecastEndMoved => {
            let show = |d: Option<NaiveDate>| d.map_or("none".to_string(), format::date);
            format!("forecast end {} → {}", show(date(&e.from)), show(date(&e.to)))
        }
        K::RevenueRecognized => format!(
            "{} revenue recognized",
            number(&e.to).map_or(format::NONE.to_string(), whole)
        ),
    };
    match style {
        Style::Data => format!("{}: {sentence}", e.project_name),
        Style::Prose => capitalized(&sentence),
    }
}

/// `s` with its first letter a capital (the sentences above begin with a word of folio's own).
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

// How the report's typed judgements serialize into `portfolio.json`: their `text` is worded
// here, so the report module names no wording.

/// `impl Serialize` for a judgement: the struct `$name` with the fields given (`$this` is the
/// judgement), in order.
macro_rules! serialize_struct {
    ($ty:ty as $name:literal, |$this:ident| { $($field:literal => $value:expr),* $(,)? }) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let $this = self;
                let mut st = s.serialize_struct($name, [$($field),*].len())?;
                $(st.serialize_field($field, &$value)?;)*
                st.end()
            }
        }
    };
}

impl WeekEvent {
    /// What happened, in words as exports carry it, naming things by name or title.
    pub fn text(&self) -> String {
        event(self, Style::Data)
    }
}

serialize_struct!(WeekEvent as "WeekEvent", |e| {
    "project" => e.project,
    "kind" => e.kind,
    "id" => e.id,
    "text" => e.text(),
    "from" => e.from,
    "to" => e.to,
});

serialize_struct!(Concern as "Concern", |c| {
    "kind" => c.kind(),
    "text" => concern(c, Style::Data),
});

impl Reason {
    /// The reason in words as exports carry it (`CPI 0.80 < 0.85`).
    pub fn text(&self) -> String {
        reason(self, Style::Data)
    }
}

serialize_struct!(Reason as "Reason", |r| {
    "level" => r.level,
    "rule" => r.rule(),
    "text" => r.text(),
});

/// The word of a week's allocation level (`110 % over`): every heat-grid cell says it, so the
/// grid never relies on colour alone.
pub fn allocation_level(level: AllocationLevel) -> &'static str {
    match level {
        AllocationLevel::Bench => "bench",
        AllocationLevel::Partial => "partial",
        AllocationLevel::Full => "full",
        AllocationLevel::Over => "over",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Health;

    fn r(level: Health, why: Why) -> Reason {
        Reason { level, why }
    }

    #[test]
    fn every_reason_in_both_styles() {
        let cases = [
            (
                r(
                    Health::Red,
                    Why::Cpi {
                        value: 0.8,
                        threshold: 0.85,
                    },
                ),
                "CPI 0.80 < 0.85",
                "CPI 0.80 below 0.85",
            ),
            // The fewest decimals that still read below the limit.
            (
                r(
                    Health::Amber,
                    Why::Spi {
                        value: 0.8499,
                        threshold: 0.85,
                    },
                ),
                "SPI 0.8499 < 0.85",
                "SPI 0.8499 below 0.85",
            ),
            (
                r(
                    Health::Amber,
                    Why::Slip {
                        milestone: "Go-live".into(),
                        days: 6,
                        limit: 5,
                    },
                ),
                "Milestone Go-live slipped 6 days (more than 5)",
                "Milestone Go-live slipped 6 days (more than 5)",
            ),
            (
                r(
                    Health::Amber,
                    Why::Slip {
                        milestone: "M1".into(),
                        days: 1,
                        limit: 0,
                    },
                ),
                "Milestone M1 slipped 1 day (more than 0)",
                "Milestone M1 slipped 1 day (more than 0)",
            ),
            (
                r(
                    Health::Red,
                    Why::Escalation {
                        severity: Severity::Critical,
                        title: "Data centre < capacity".into(),
                    },
                ),
                // A title is shown as written, in both styles.
                "Open critical escalation: Data centre < capacity",
                "Open critical escalation: Data centre < capacity",
            ),
            (
                r(
                    Health::Red,
                    Why::Stale {
                        days: 29,
                        limit: Some(28),
                    },
                ),
                "No update for 29 days (more than 28)",
                "No update for 29 days (more than 28)",
            ),
            (
                r(
                    Health::Amber,
                    Why::Stale {
                        days: 15,
                        limit: None,
                    },
                ),
                "No update for 15 days",
                "No update for 15 days",
            ),
            (
                r(
                    Health::Red,
                    Why::Cap {
                        percent_complete: 62.5,
                        unbillable: Some(14250.4),
                    },
                ),
                "Time-and-materials cap used up at 62.5% complete; 14,250 projected unbillable at completion",
                "Time-and-materials cap used up at 62.5% complete; 14,250 projected unbillable at completion",
            ),
            (
                r(
                    Health::Red,
                    Why::Cap {
                        percent_complete: 80.0,
                        unbillable: None,
                    },
                ),
                "Time-and-materials cap used up at 80% complete",
                "Time-and-materials cap used up at 80% complete",
            ),
            (
                r(Health::Amber, Why::Unbillable { amount: 1234567.0 }),
                "Projected hours exceed the cap: 1,234,567 unbillable at completion",
                "Projected hours exceed the cap: 1,234,567 unbillable at completion",
            ),
        ];
        for (reason, data, prose) in cases {
            assert_eq!(reason.text(), data);
            assert_eq!(super::reason(&reason, Style::Data), data);
            assert_eq!(super::reason(&reason, Style::Prose), prose);
        }
    }

    /// Exports name the project first; pages group events by project and leave it out.
    #[test]
    fn events_in_both_styles() {
        let e = |kind, subject: Option<&str>, from, to| WeekEvent {
            project: "apollo".into(),
            project_name: "Apollo".into(),
            kind,
            id: None,
            subject: subject.map(str::to_string),
            days: None,
            from,
            to,
        };
        let date = |s: &str| Some(EventValue::Date(s.parse().unwrap()));
        let moved = e(
            WeekEventKind::MilestoneMoved,
            Some("Go-live"),
            date("2026-05-01"),
            date("2026-05-10"),
        );
        assert_eq!(moved.text(), "Apollo: milestone Go-live moved +9 days");
        assert_eq!(event(&moved, Style::Prose), "Milestone Go-live moved +9 days");
        let eac = e(
            WeekEventKind::EacChanged,
            None,
            Some(EventValue::Number(158_692.5)),
            Some(EventValue::Number(-1_000.0)),
        );
        // Halves round away from zero; negatives carry the minus sign of `format`.
        assert_eq!(eac.text(), "Apollo: EAC 158,693 → −1,000");
        let mut stale = e(WeekEventKind::BecameStale, None, None, None);
        stale.days = Some(15);
        assert_eq!(event(&stale, Style::Prose), "No update for 15 days");
    }

    #[test]
    fn concerns() {
        let c = |c: Concern| concern(&c, Style::Prose);
        assert_eq!(c(Concern::Watermelon), "Declared green, but the numbers say red");
        assert_eq!(
            c(Concern::Stale { days: Some(20) }),
            "Stale: no update for 20 days"
        );
        assert_eq!(c(Concern::Stale { days: None }), "No status update yet");
        assert_eq!(c(Concern::ComputedRed), "Computed red");
        assert_eq!(
            c(Concern::LateMilestone {
                milestone: "M1".into(),
                due: "2026-03-01".parse().unwrap()
            }),
            "Late milestone: M1 (due 2026-03-01)"
        );
        let cpi = Reason {
            level: Health::Red,
            why: Why::Cpi {
                value: 0.5,
                threshold: 0.85,
            },
        };
        assert_eq!(c(Concern::Health(cpi)), "CPI 0.50 below 0.85");
    }
}
