//! The four export formats read from small fixtures written as each tool writes them, the
//! errors of malformed cells at their line and column, and the matching of rows to people and
//! projects (unknown names, duplicates across files, `{client, project}`).

use std::path::Path;

use super::*;
use crate::diagnostics::Level;
use crate::metrics::testkit::{d, portfolio, project};
use crate::model::{ClientProject, DateOrder, Person, TimeProjectName};

fn read_str(text: &str, order: DateOrder) -> (Option<TimeFile>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Through the line-end reader, with a 7-byte buffer so a CRLF falls across two reads.
    let input = Lf(std::io::BufReader::with_capacity(7, text.as_bytes()));
    let f = read(Path::new("time/x.csv"), input, order, &mut diags);
    (f, diags)
}

fn ok(text: &str) -> TimeFile {
    let (f, diags) = read_str(text, DateOrder::Mdy);
    assert!(diags.is_empty(), "{diags:?}");
    f.expect("read")
}

/// The one row of `text`, read without a problem as `format`.
fn only_row(text: &str, format: Format) -> Row {
    let mut f = ok(text);
    assert_eq!(f.format, format);
    assert_eq!(f.rows.len(), 1);
    f.rows.remove(0)
}

/// folio's own format, columns in another order, an extra column, `yes`/`false`, CRLF.
#[test]
fn folio_format() {
    let f = ok("person,hours,extra,date,project,billable,description\r\nAna Ruiz,7.5,x,2027-01-04,Globex,yes,Design\r\nAna Ruiz,0.5,,2027-01-04,Training,false,\r\n");
    assert_eq!(f.format, Format::Folio);
    assert_eq!(f.rows.len(), 2);
    let r = &f.rows[0];
    assert_eq!(
        (r.date, r.person.as_str(), r.project.as_str()),
        (d("2027-01-04"), "Ana Ruiz", "Globex")
    );
    assert_eq!(
        (r.hours, r.billable, r.description.as_str(), r.line),
        (7.5, true, "Design", 2)
    );
    assert_eq!(
        (f.rows[1].hours, f.rows[1].billable, f.rows[1].line),
        (0.5, false, 3)
    );
}

/// Harvest "Detailed time": first + last name, `Billable?` Yes/No, `Notes` as description, with
/// a byte-order mark before the header.
#[test]
fn harvest_detailed_time_with_a_bom() {
    let r = only_row("\u{feff}Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,Cost Amount,Currency,External Reference URL\n2027-01-05,Globex,DevSecOps adoption,,Consulting,\"Pipelines, part 2\",6.25,6.25,Yes,No,Yes,Ana,Ruiz,Consultant,Yes,200,1250,90,562.5,US Dollar - USD,\n", Format::Harvest);
    assert_eq!(r.person, "Ana Ruiz");
    assert_eq!(
        (r.client.as_str(), r.project.as_str()),
        ("Globex", "DevSecOps adoption")
    );
    assert_eq!(
        (r.hours, r.billable, r.description.as_str()),
        (6.25, true, "Pipelines, part 2")
    );
}

/// Clockify "Detailed": `MM/DD/YYYY` dates, `Duration (decimal)` (not `Duration (h)`).
#[test]
fn clockify_detailed_month_first() {
    let text = "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)\nRunner fleet,Wayne,Autoscaling,,Ben Okafor,,ben@example.com,,Yes,01/06/2027,09:00:00 AM,01/06/2027,12:30:00 PM,03:30:00,3.50,180.00,630.00\n";
    let r = only_row(text, Format::Clockify);
    assert_eq!(
        (r.date, r.person.as_str(), r.email.as_str()),
        (d("2027-01-06"), "Ben Okafor", "ben@example.com")
    );
    assert_eq!((r.hours, r.billable), (3.5, true));
    // Read day first, the same cell is 1 June.
    let (f, _) = read_str(text, DateOrder::Dmy);
    assert_eq!(f.expect("read").rows[0].date, d("2027-06-01"));
}

/// Toggl "Detailed": `Duration` as `H:MM:SS`; 1:15:36 = 1 + 15/60 + 36/3600 = 1.26 h.
#[test]
fn toggl_detailed_duration() {
    let r = only_row("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (USD)\nCara Li,cara@example.com,Initech,Enablement,,Workshop,No,2027-01-07,13:00:00,2027-01-07,14:15:36,01:15:36,,\n", Format::Toggl);
    assert_eq!(r.person, "Cara Li");
    assert_eq!(r.hours, 1.0 + 15.0 / 60.0 + 36.0 / 3600.0);
    assert!(!r.billable);
    assert_eq!(format::parse_duration("12:00:00"), Some(12.0));
    assert_eq!(format::parse_duration("1:60:00"), None);
    assert_eq!(format::parse_duration("1.5"), None);
}

/// Each malformed cell is an error at its line and column; the file gives no rows.
#[test]
fn malformed_cells_at_line_and_column() {
    let (f, diags) = read_str(
        "date,person,project,hours,billable\n2027-01-04,Ana,Globex,7,yes\n2027-13-04,Ana,Globex,7,yes\n2027-01-05,Ana,Globex,-1,yes\n2027-01-05,Ana,Globex,25,yes\n2027-01-05,Ana,Globex,2,maybe\n",
        DateOrder::Mdy,
    );
    assert!(f.is_none());
    let got: Vec<(usize, usize, &str)> = diags
        .iter()
        .map(|d| (d.line, d.column, d.message.as_str()))
        .collect();
    // Line 3: the date, column 1. Line 4: `2027-01-05,Ana,Globex,` is 22 characters: hours at 23.
    // Line 6: `2027-01-05,Ana,Globex,2,` is 24 characters: billable at 25.
    assert_eq!(
        got,
        [
            (3, 1, "a date that does not parse"),
            (4, 23, "negative hours"),
            (5, 23, "more than 24 hours in one row"),
            (6, 25, "a billable value that does not parse"),
        ]
    );
    assert!(diags
        .iter()
        .all(|d| d.level == Level::Error && d.code == "invalid-time-entry"));
}

/// A header none of the formats has is an error naming all four, and what the closest lacks.
#[test]
fn unrecognized_header_names_the_formats() {
    let (f, diags) = read_str("Day,Who,What,Time\n2027-01-04,Ana,Globex,7\n", DateOrder::Mdy);
    assert!(f.is_none());
    assert_eq!(diags.len(), 1);
    let e = &diags[0];
    assert_eq!((e.code, e.line), ("unknown-time-format", 1));
    let expected = e.expected.as_deref().unwrap_or("");
    for name in ["folio", "Harvest", "Clockify", "Toggl"] {
        assert!(expected.contains(name), "{expected}");
    }
}

fn row_file(path: &str, rows: &[(&str, &str, &str, f64, &str)]) -> TimeFile {
    TimeFile {
        path: path.into(),
        format: Format::Folio,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (date, person, project, hours, client))| Row {
                date: d(date),
                person: person.to_string(),
                email: String::new(),
                project: project.to_string(),
                client: client.to_string(),
                hours: *hours,
                billable: true,
                description: String::new(),
                line: i as u32 + 2,
            })
            .collect(),
    }
}

/// Matching: a project by id, name (any case, spaces trimmed) and `{client, project}`; a person
/// by alias; internal and leave names known; unknown names warned once each with rows and
/// hours; the same entry in two files counted once.
#[test]
fn rows_matched_to_people_and_projects() {
    let mut a = project("alpha", "2027-01-01", "2027-12-31", 1.0, 1.0);
    a.def.name = "Alpha Rollout".into();
    let mut b = project("beta", "2027-01-01", "2027-12-31", 1.0, 1.0);
    b.def.time_projects = vec![TimeProjectName::Client(ClientProject {
        client: "Beta Corp".into(),
        project: "Phase 2".into(),
    })];
    let mut pf = portfolio(vec![a, b]);
    pf.config.internal_projects = vec!["Training".into()];
    pf.config.leave_projects = vec!["Holiday".into()];
    let mut ana = Person::named("Ana Ruiz");
    ana.aliases = vec!["Ana R.".into()];
    let people = vec![ana, Person::named("Ben Okafor")];
    let one = row_file(
        "time/a.csv",
        &[
            ("2027-01-04", "Ana R.", " alpha rollout ", 4.0, ""),
            ("2027-01-04", "Ben Okafor", "Phase 2", 3.0, "Beta Corp"),
            ("2027-01-04", "Ben Okafor", "Phase 2", 1.0, "Other Corp"),
            ("2027-01-05", "Zoe Unknown", "alpha", 2.0, ""),
            ("2027-01-05", "Zoe Unknown", "alpha", 1.5, ""),
            ("2027-01-05", "Ana Ruiz", "Training", 1.0, ""),
            ("2027-01-06", "Ana Ruiz", "Holiday", 8.0, ""),
        ],
    );
    let two = row_file(
        "time/b.csv",
        &[("2027-01-04", "ana ruiz", "Alpha Rollout", 4.0, "")],
    );
    let (time, diags) = resolve::resolve(&pf.config, Some(&people), &pf.projects, &[&one, &two]);
    let got: Vec<(Option<u32>, crate::model::Booked, f64)> = time
        .entries
        .iter()
        .map(|e| (e.person, e.booked, e.hours))
        .collect();
    use crate::model::Booked::*;
    assert_eq!(
        got,
        [
            (Some(0), Project(0), 4.0),
            (Some(1), Project(1), 3.0),
            (Some(1), Unknown, 1.0),
            (None, Project(0), 2.0),
            (None, Project(0), 1.5),
            (Some(0), Internal, 1.0),
            (Some(0), Leave, 8.0),
        ]
    );
    let codes: Vec<(&str, &str)> = diags.iter().map(|d| (d.code, d.message.as_str())).collect();
    assert_eq!(
        codes,
        [
            (
                "duplicate-time-entry",
                "the same time entry as time/a.csv:2 (2027-01-04 4.00 h by ana ruiz on `Alpha Rollout`), counted once"
            ),
            ("unknown-person", "unknown person `Zoe Unknown` in time entries: 2 rows, 3.50 h"),
            ("unknown-time-project", "unknown project `Phase 2` in time entries: 1 row, 1.00 h"),
        ]
    );
    // Alpha's days: 4 h on the 4th, 3.5 h (the unknown person's) on the 5th.
    let days: Vec<(chrono::NaiveDate, f64)> = time
        .project_days("alpha")
        .iter()
        .map(|d| (d.date, d.hours))
        .collect();
    assert_eq!(days, [(d("2027-01-04"), 4.0), (d("2027-01-05"), 3.5)]);
}

#[test]
fn crlf_lines() {
    let f = ok("date,person,project,hours,billable\r\n2027-01-04,A,P,1,yes\r\n2027-01-04,A,P,2,yes\r\n");
    assert_eq!(f.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
}
