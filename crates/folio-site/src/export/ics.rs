//! `milestones.ics`: an iCalendar file (RFC 5545) with one all-day event per milestone that is
//! not done, at its forecast date, so a calendar app shows what is coming and what slipped.
//!
//! Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; text
//! values are escaped (`\`, `;`, `,`, newlines). `DTSTAMP` is the as-of date at midnight UTC
//! and every `UID` is derived from the project and milestone ids, so the file is deterministic
//! and a re-published calendar updates its events in place.

use chrono::{Days, NaiveDate};

use super::project_url;
use crate::report::{MilestoneStatus, ProjectReport, Report};
use crate::settings::with_slash;

/// Maximum octets of one physical line, CRLF excluded (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11); control characters other than tab are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: at most 75 octets per physical line, continuation lines start
/// with a space, a multi-byte character is never split. Appends the result with CRLFs.
///
/// A physical line never ends in whitespace when that can be helped (a few trailing blanks
/// move to the next line), because some readers trim line ends before unfolding.
pub fn fold_into(out: &mut String, line: &str) {
    let mut current = String::new();
    let mut limit = MAX_LINE_OCTETS;
    for c in line.chars() {
        if current.len() + c.len_utf8() > limit {
            let kept = current.trim_end_matches([' ', '\t']).len();
            let carry = if kept > 0 && current.len() - kept <= 8 {
                current.split_off(kept)
            } else {
                String::new()
            };
            out.push_str(&current);
            out.push_str("\r\n");
            current = format!(" {carry}");
            limit = MAX_LINE_OCTETS;
        }
        current.push(c);
    }
    out.push_str(&current);
    out.push_str("\r\n");
}

fn ical_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Keeps `[A-Za-z0-9._-]` and percent-encodes every other byte, for use inside a UID.
fn uid_part(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The UID domain: the host of an absolute base URL, else `folio`.
fn uid_domain(base_url: &str) -> String {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"));
    rest.and_then(|r| r.split('/').next())
        .and_then(|a| a.rsplit('@').next())
        .and_then(|a| a.split(':').next())
        .filter(|h| !h.is_empty())
        .map(|h| uid_part(&h.to_ascii_lowercase()))
        .unwrap_or_else(|| "folio".to_string())
}

/// A stable event UID: `<project>-<milestone>@<host or folio>`.
pub fn uid(base_url: &str, project_id: &str, milestone_id: &str) -> String {
    format!(
        "{}-{}@{}",
        uid_part(project_id),
        uid_part(milestone_id),
        uid_domain(base_url)
    )
}

/// Words for a slip in days.
fn slip_words(days: i64) -> String {
    match days {
        0 => "on schedule".to_string(),
        1 => "1 day late".to_string(),
        -1 => "1 day early".to_string(),
        d if d > 0 => format!("{d} days late"),
        d => format!("{} days early", -d),
    }
}

/// The DESCRIPTION of a milestone event (unescaped).
pub fn description(p: &ProjectReport, m: &MilestoneStatus) -> String {
    let mut text = format!(
        "Milestone {} of {} ({}). Due {}, forecast {}: {}.",
        m.id,
        p.name,
        p.customer,
        m.due.format("%Y-%m-%d"),
        m.forecast.format("%Y-%m-%d"),
        slip_words(m.slip_days)
    );
    if m.late {
        text.push_str(" Late: the due date has passed.");
    }
    text.push_str(&format!(
        "\nProject manager: {}. Declared health: {}, computed: {}.",
        p.manager,
        p.health.declared.as_str(),
        p.health.computed.as_str()
    ));
    text
}

/// `milestones.ics` for the report's not-done milestones, sorted by forecast date.
pub fn milestones_ics(report: &Report, base_url: &str) -> String {
    let base = with_slash(base_url);
    let title = super::title(report);
    let dtstamp = format!("{}T000000Z", ical_date(report.as_of));
    let mut events: Vec<(&ProjectReport, &MilestoneStatus)> = report
        .projects
        .iter()
        .flat_map(|p| {
            p.milestones
                .iter()
                .filter(|m| m.done.is_none())
                .map(move |m| (p, m))
        })
        .collect();
    events.sort_by(|a, b| (a.1.forecast, &a.0.id, &a.1.id).cmp(&(b.1.forecast, &b.0.id, &b.1.id)));

    let mut out = String::new();
    let mut line = |l: String| fold_into(&mut out, &l);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!(
        "PRODID:-//folio//folio {}//EN",
        env!("CARGO_PKG_VERSION")
    ));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    let name = escape_text(&format!("{title} — milestones"));
    line(format!("NAME:{name}"));
    line(format!("X-WR-CALNAME:{name}"));
    for (p, m) in events {
        let end = m.forecast.checked_add_days(Days::new(1)).unwrap_or(m.forecast);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", uid(&base, &p.id, &m.id)));
        line(format!("DTSTAMP:{dtstamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", ical_date(m.forecast)));
        line(format!("DTEND;VALUE=DATE:{}", ical_date(end)));
        line(format!(
            "SUMMARY:{}",
            escape_text(&format!("{}: {}", p.name, m.name))
        ));
        line(format!("DESCRIPTION:{}", escape_text(&description(p, m))));
        let url: String = project_url(&base, &p.id)
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        // RFC 5545 wants a full URI; without an absolute base URL the property is left out.
        if url.contains("://") {
            line(format!("URL:{url}"));
        }
        line(format!("CATEGORIES:{}", escape_text(&p.id)));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_respects_octets_and_characters() {
        let mut out = String::new();
        for long in [
            format!("SUMMARY:{}", "é".repeat(100)),
            format!("SUMMARY:{}", "word ".repeat(60)),
            format!("SUMMARY:{}€{}", "x".repeat(66), " ".repeat(200)),
        ] {
            out.clear();
            fold_into(&mut out, &long);
            assert!(out.ends_with("\r\n"));
            let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
            for l in &lines {
                assert!(l.len() <= MAX_LINE_OCTETS, "{} octets", l.len());
            }
            for l in &lines[1..] {
                assert!(l.starts_with(' '));
            }
            let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
            assert_eq!(unfolded, long);
        }
        out.clear();
        fold_into(&mut out, &format!("SUMMARY:{}end", "word ".repeat(60)));
        for l in out.split("\r\n") {
            assert!(!l.ends_with(' '), "{l:?}");
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a\\b;c,d\ne\r\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(
            uid("https://x.gitlab.io/p/", "acme", "go live/2"),
            "acme-go%20live%2F2@x.gitlab.io"
        );
        assert_eq!(uid("/", "acme", "m1"), "acme-m1@folio");
    }
}
