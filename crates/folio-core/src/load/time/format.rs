//! The four export formats folio reads (folio's own, Harvest "Detailed time", Clockify
//! "Detailed", Toggl "Detailed"): each recognized by the columns of its header row, found by
//! name in any order (case-insensitive, extra columns ignored), and how one row's cells read.

use chrono::NaiveDate;

use crate::model::DateOrder;

use super::{BadCell, Row};

/// Which tool wrote an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Folio,
    Harvest,
    Clockify,
    Toggl,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Folio => "folio",
            Format::Harvest => "Harvest \"Detailed time\"",
            Format::Clockify => "Clockify \"Detailed\"",
            Format::Toggl => "Toggl \"Detailed\"",
        }
    }
}

/// The formats and the columns each requires, as an error message lists them.
pub(super) const EXPECTED: &str =
    "the header row of one of: folio (`date, person, project, hours, billable`), \
Harvest \"Detailed time\" (`Date, Project, Hours, Billable?, First Name, Last Name`), \
Clockify \"Detailed\" (`Project, User, Email, Billable, Start Date, Duration (decimal)`) or \
Toggl \"Detailed\" (`User, Email, Project, Billable, Start date, Duration`)";

/// Each format with the columns it requires, in the order tried (Clockify before Toggl: a
/// Clockify export has a `Duration (h)` column too).
const FORMATS: [(Format, &[&str]); 4] = [
    (Format::Folio, &["date", "person", "project", "hours", "billable"]),
    (
        Format::Harvest,
        &["date", "project", "hours", "billable?", "first name", "last name"],
    ),
    (
        Format::Clockify,
        &[
            "project",
            "user",
            "email",
            "billable",
            "start date",
            "duration (decimal)",
        ],
    ),
    (
        Format::Toggl,
        &["user", "email", "project", "billable", "start date", "duration"],
    ),
];

/// Where each column is in one file's rows.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    pub format: Format,
    date: usize,
    /// Folio's `person`, Harvest's `First Name`, Clockify's and Toggl's `User`.
    person: usize,
    /// Harvest's `Last Name`.
    last_name: Option<usize>,
    email: Option<usize>,
    project: usize,
    client: Option<usize>,
    hours: usize,
    billable: usize,
    description: Option<usize>,
}

/// Recognizes the format of a header row; `Err` says what the nearest format lacks.
pub(super) fn recognize(header: &[String]) -> Result<Columns, String> {
    let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let find = |name: &str| lower.iter().position(|h| h == name);
    let mut nearest: Option<(Format, Vec<&str>)> = None;
    for (format, required) in FORMATS {
        let missing: Vec<&str> = required.iter().copied().filter(|c| find(c).is_none()).collect();
        if missing.is_empty() {
            let at = |name: &str| find(name).expect("a required column");
            let (person, last_name, email, hours, date, billable) = match format {
                Format::Folio => (
                    at("person"),
                    None,
                    find("email"),
                    at("hours"),
                    at("date"),
                    at("billable"),
                ),
                Format::Harvest => (
                    at("first name"),
                    Some(at("last name")),
                    None,
                    at("hours"),
                    at("date"),
                    at("billable?"),
                ),
                Format::Clockify => (
                    at("user"),
                    None,
                    Some(at("email")),
                    at("duration (decimal)"),
                    at("start date"),
                    at("billable"),
                ),
                Format::Toggl => (
                    at("user"),
                    None,
                    Some(at("email")),
                    at("duration"),
                    at("start date"),
                    at("billable"),
                ),
            };
            let description = match format {
                Format::Harvest => find("notes"),
                _ => find("description"),
            };
            return Ok(Columns {
                format,
                date,
                person,
                last_name,
                email,
                project: at("project"),
                client: find("client"),
                hours,
                billable,
                description,
            });
        }
        if nearest.as_ref().is_none_or(|(_, m)| missing.len() < m.len()) {
            nearest = Some((format, missing));
        }
    }
    let (format, missing) = nearest.expect("four formats tried");
    Err(format!(
        "closest is {}, which also needs the column{} {}; export the entries again with the tool's detailed report, or rename the columns",
        format.name(),
        if missing.len() == 1 { "" } else { "s" },
        missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
    ))
}

fn cell(record: &csv::ByteRecord, i: usize) -> &str {
    record
        .get(i)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("")
        .trim()
}

impl Columns {
    /// Reads one row.
    pub(crate) fn row(&self, record: &csv::ByteRecord, line: u32, order: DateOrder) -> Result<Row, BadCell> {
        let utf8 = |i: usize| -> Result<&str, BadCell> {
            match record.get(i).map(std::str::from_utf8) {
                Some(Err(_)) => Err(BadCell {
                    field: i,
                    message: "a cell that is not UTF-8 text".to_string(),
                    found: String::from_utf8_lossy(record.get(i).unwrap_or_default()).into_owned(),
                    expected: "UTF-8 text",
                    hint: "export the file again as UTF-8",
                }),
                _ => Ok(cell(record, i)),
            }
        };
        let date_text = utf8(self.date)?;
        let date = parse_date(date_text, order).ok_or_else(|| BadCell {
            field: self.date,
            message: "a date that does not parse".to_string(),
            found: date_text.to_string(),
            expected: "a date written `YYYY-MM-DD` or `NN/NN/YYYY` (read by `time_date_order`)",
            hint: "fix the date; `time_date_order: dmy` in portfolio.yaml reads `31/01/2027` day first",
        })?;
        let hours_text = utf8(self.hours)?;
        let hours = match self.format {
            Format::Toggl => parse_duration(hours_text),
            _ => parse_hours(hours_text),
        };
        let hours = match hours {
            Some(h) if (0.0..=24.0).contains(&h) => h,
            other => {
                let (message, expected) = match other {
                    Some(h) if h < 0.0 => ("negative hours", "hours ≥ 0"),
                    Some(_) => ("more than 24 hours in one row", "at most 24 hours"),
                    None if self.format == Format::Toggl => (
                        "a duration that does not parse",
                        "a duration written `H:MM:SS`, e.g. `1:30:00`",
                    ),
                    None => ("hours that do not parse", "a decimal number of hours, e.g. `1.5`"),
                };
                return Err(BadCell {
                    field: self.hours,
                    message: message.to_string(),
                    found: hours_text.to_string(),
                    expected,
                    hint: "fix the row in the tool and export again",
                });
            }
        };
        let billable_text = utf8(self.billable)?;
        let billable = match billable_text.to_ascii_lowercase().as_str() {
            "true" | "yes" => true,
            "false" | "no" => false,
            _ => {
                return Err(BadCell {
                    field: self.billable,
                    message: "a billable value that does not parse".to_string(),
                    found: billable_text.to_string(),
                    expected: "`true`/`false` or `yes`/`no`",
                    hint: "mark the row billable or not",
                })
            }
        };
        let mut person = utf8(self.person)?.to_string();
        if let Some(last) = self.last_name {
            let last = utf8(last)?;
            if !last.is_empty() {
                if !person.is_empty() {
                    person.push(' ');
                }
                person.push_str(last);
            }
        }
        let opt = |i: Option<usize>| -> Result<String, BadCell> {
            Ok(i.map(utf8).transpose()?.unwrap_or("").to_string())
        };
        Ok(Row {
            date,
            person,
            email: opt(self.email)?,
            project: utf8(self.project)?.to_string(),
            client: opt(self.client)?,
            hours,
            billable,
            description: opt(self.description)?,
            line,
        })
    }
}

/// `YYYY-MM-DD`, or `NN/NN/YYYY` read month first (`mdy`) or day first (`dmy`).
pub(super) fn parse_date(s: &str, order: DateOrder) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    }
    let mut parts = s.split('/');
    let (a, c, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || a.is_empty() || a.len() > 2 || c.is_empty() || c.len() > 2 {
        return None;
    }
    let (a, c, y): (u32, u32, i32) = (a.parse().ok()?, c.parse().ok()?, y.parse().ok()?);
    match order {
        DateOrder::Mdy => NaiveDate::from_ymd_opt(y, a, c),
        DateOrder::Dmy => NaiveDate::from_ymd_opt(y, c, a),
    }
}

/// A decimal number of hours (`1.5`; a decimal comma `1,5` is read too).
pub(super) fn parse_hours(s: &str) -> Option<f64> {
    let v: f64 = if s.contains(',') && !s.contains('.') {
        s.replace(',', ".").parse().ok()?
    } else {
        s.parse().ok()?
    };
    v.is_finite().then_some(v)
}

/// Toggl's `H:MM:SS` (hours may exceed two digits; `MM` and `SS` below 60).
pub(super) fn parse_duration(s: &str) -> Option<f64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut it = s.split(':');
    let (h, m, sec) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || m.len() != 2 || sec.len() != 2 || h.is_empty() {
        return None;
    }
    let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(h) && all_digits(m) && all_digits(sec)) {
        return None;
    }
    let (h, m, sec): (f64, f64, f64) = (h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?);
    if m >= 60.0 || sec >= 60.0 {
        return None;
    }
    let v = h + m / 60.0 + sec / 3600.0;
    Some(if neg { -v } else { v })
}
