//! `projects.csv`: one row per project with the main figures, and `people.csv`: one row per
//! person with the utilization and allocation figures (RFC 4180: comma-separated, CRLF line
//! ends, every field that is not a number quoted).
//!
//! Numbers are written unrounded (Rust's shortest round-trip form, never an exponent) and
//! undefined values as an empty cell, so the file is as exact as `portfolio.json`. Text that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first) gets a
//! `'` before it, at the start of a cell and after every `;`, tab or line break inside one, so
//! no cell starts a formula whether the file is read with `,`, `;` or a tab as the separator;
//! numbers are never touched, so `-1500` stays a number.

use chrono::NaiveDate;

use crate::report::{OpenClosed, OpenResolved};
use crate::report::{PersonAllocation, ProjectReport, Report, UtilizationFigures};

/// Column names, in order.
pub const COLUMNS: &[&str] = &[
    "id",
    "name",
    "customer",
    "program",
    "region",
    "manager",
    "sponsor",
    "engagement",
    "tags",
    "start",
    "end",
    "current_end",
    "forecast_end",
    "latest_update",
    "days_since_update",
    "stale",
    "declared_health",
    "computed_health",
    "watermelon",
    "percent_complete",
    "planned_percent",
    "contract_value",
    "current_value",
    "budget",
    "bac",
    "pv",
    "ev",
    "ac",
    "cv",
    "sv",
    "cpi",
    "spi",
    "eac",
    "etc",
    "vac",
    "tcpi",
    "recognized_revenue",
    "margin",
    "hours",
    "open_risks",
    "open_issues",
    "open_escalations",
    "late_milestones",
    "planned_percent_today",
    "rate",
    "remaining_revenue",
    "forecast_at_risk",
    "projected_hours",
    "billable_at_completion",
    "cap_used",
    "unbillable_at_completion",
    "open_asks",
    "health_reasons",
];

/// One cell before formatting. Only [`Cell::Text`] is ever formula-neutralized.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    OptText(Option<String>),
    Num(Option<f64>),
    Int(Option<i64>),
    Bool(bool),
    Date(Option<NaiveDate>),
}

impl Cell {
    /// The cell's text as written to the file.
    pub fn render(&self) -> String {
        match self {
            Cell::Text(s) => neutralize(s),
            Cell::OptText(s) => s.as_deref().map(neutralize).unwrap_or_default(),
            Cell::Num(Some(n)) if n.is_finite() => format!("{n}"),
            Cell::Num(_) => String::new(),
            Cell::Int(n) => n.map(|n| n.to_string()).unwrap_or_default(),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        }
    }
}

/// Puts `'` before text a spreadsheet would otherwise evaluate as a formula: at the start of
/// the text, and after every `;`, tab, carriage return or line feed inside it. A reader that
/// splits on `;` or on tabs (a spreadsheet in a locale whose list separator is `;`), or that
/// loses track of the quotes, starts a cell after any of those; the quotes written around the
/// text do not help it. Spaces and `"` between the separator and the formula character are
/// looked through (such a reader drops a lone quote). Text without those sequences is unchanged.
pub fn neutralize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    if starts_formula(text) {
        out.push('\'');
    }
    for (i, c) in text.char_indices() {
        out.push(c);
        if matches!(c, ';' | '\t' | '\r' | '\n') && starts_formula(&text[i + c.len_utf8()..]) {
            out.push('\'');
        }
    }
    out
}

/// True when a cell starting with `rest` would be a formula (`=`, `+`, `-`, `@`, tab or
/// carriage return first, after any spaces and quotes).
fn starts_formula(rest: &str) -> bool {
    rest.trim_start_matches([' ', '"'])
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The cells of one project's row, in [`COLUMNS`] order.
pub fn row(p: &ProjectReport) -> Vec<Cell> {
    let e = &p.evm;
    let text = |s: &str| Cell::Text(s.to_string());
    let count = |n: usize| Cell::Int(Some(n as i64));
    let mut cells = vec![
        text(&p.id),
        text(&p.name),
        text(&p.customer),
        Cell::OptText(p.program.clone()),
        Cell::OptText(p.region.clone()),
        text(&p.manager),
        Cell::OptText(p.sponsor.clone()),
        text(p.engagement.as_str()),
        text(&p.tags.join(", ")),
        Cell::Date(Some(p.start)),
        Cell::Date(Some(p.end)),
        Cell::Date(Some(p.current_end)),
        Cell::Date(p.forecast_end),
        Cell::Date(p.latest_update),
        Cell::Int(p.days_since_update),
        Cell::Bool(p.stale),
        text(p.health.declared.as_str()),
        text(p.health.computed.as_str()),
        Cell::Bool(p.health.watermelon),
        Cell::Num(p.percent_complete),
        Cell::Num(e.planned_percent),
        Cell::Num(Some(p.contract_value)),
        Cell::Num(Some(p.current_value)),
        Cell::Num(Some(p.budget)),
    ];
    // The earned-value figures, `bac` to `tcpi`.
    let evm = [
        e.bac, e.pv, e.ev, e.ac, e.cv, e.sv, e.cpi, e.spi, e.eac, e.etc, e.vac, e.tcpi,
    ];
    cells.extend(evm.map(Cell::Num));
    cells.extend([
        Cell::Num(Some(p.recognized_revenue)),
        Cell::Num(p.margin),
        Cell::Num(p.hours),
        count(p.risks.iter().filter(|r| r.status == OpenClosed::Open).count()),
        count(p.issues.iter().filter(|i| i.status == OpenClosed::Open).count()),
        count(
            p.escalations
                .iter()
                .filter(|x| x.status == OpenResolved::Open)
                .count(),
        ),
        count(p.milestones.iter().filter(|m| m.late).count()),
        Cell::Num(Some(p.planned_percent_today)),
        Cell::Num(p.rate),
        Cell::Num(Some(p.remaining_revenue)),
        Cell::Bool(p.forecast_at_risk),
        Cell::Num(p.tm.and_then(|t| t.projected_hours)),
        Cell::Num(p.tm.and_then(|t| t.billable_at_completion)),
        Cell::Num(p.tm.and_then(|t| t.cap_used)),
        Cell::Num(p.tm.and_then(|t| t.unbillable_at_completion)),
        count(p.asks.len()),
        text(
            &p.health
                .reasons
                .iter()
                .map(|r| r.text())
                .collect::<Vec<_>>()
                .join("; "),
        ),
    ]);
    cells
}

/// `projects.csv`: a header row, then one row per project in the report's (id) order.
pub fn projects_csv(report: &Report) -> anyhow::Result<Vec<u8>> {
    table(COLUMNS, &report.projects, row)
}

/// A CSV file: the header row `columns`, then the cells `row` gives of each of `items`.
///
/// Every field that is not a number is quoted (the csv crate's `NonNumeric` style): spreadsheets
/// in locales whose list separator is `;` split an unquoted text field at a `;`, and the part
/// after it could start a formula that [`neutralize`] never saw.
fn table<T>(columns: &[&str], items: &[T], row: fn(&T) -> Vec<Cell>) -> anyhow::Result<Vec<u8>> {
    let mut w = writer();
    w.write_record(columns)?;
    for item in items {
        let cells = row(item);
        debug_assert_eq!(cells.len(), columns.len());
        w.write_record(cells.iter().map(Cell::render))?;
    }
    w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// `people.csv`'s column names, in order.
pub const PEOPLE_COLUMNS: &[&str] = &[
    "name",
    "role",
    "region",
    "capacity",
    "billable_target",
    "billable",
    "hours_13_weeks",
    "billable_hours_13_weeks",
    "available_13_weeks",
    "utilization_13_weeks",
    "billable_utilization_13_weeks",
    "hours_quarter_to_date",
    "billable_hours_quarter_to_date",
    "available_quarter_to_date",
    "utilization_quarter_to_date",
    "billable_utilization_quarter_to_date",
    "under_target",
    "allocation",
    "over_allocated",
    "peak_allocation_12_weeks",
    "bench_from",
    "projects",
];

/// The cells of one person's row, in [`PEOPLE_COLUMNS`] order.
pub fn person_row(p: &PersonAllocation) -> Vec<Cell> {
    // Hours, billable hours, available hours, utilization and billable utilization of a period.
    let figures = |u: Option<UtilizationFigures>| {
        [
            u.map(|u| u.hours),
            u.map(|u| u.billable_hours),
            u.map(|u| u.available),
            u.and_then(|u| u.utilization),
            u.and_then(|u| u.billable_utilization),
        ]
        .map(Cell::Num)
    };
    let mut cells = vec![
        Cell::Text(p.name.clone()),
        Cell::OptText(p.role.clone()),
        Cell::OptText(p.region.clone()),
        Cell::Num(Some(p.capacity)),
        Cell::Num(Some(p.billable_target)),
        Cell::Bool(p.billable),
    ];
    cells.extend(figures(p.utilization.map(|u| u.last_13_weeks)));
    cells.extend(figures(p.utilization.map(|u| u.quarter_to_date)));
    cells.extend([
        Cell::Bool(p.under_target),
        Cell::Num(Some(p.allocation)),
        Cell::Bool(p.over_allocated),
        Cell::Num(p.allocation_by_week.iter().map(|w| w.allocation).reduce(f64::max)),
        Cell::Date(p.bench_from),
        Cell::Text(p.projects.join(", ")),
    ]);
    cells
}

/// `people.csv`: a header row, then one row per person in the report's (name) order, with the
/// utilization and allocation figures.
pub fn people_csv(report: &Report) -> anyhow::Result<Vec<u8>> {
    table(PEOPLE_COLUMNS, &report.people, person_row)
}

/// The CSV writer: CRLF record ends, every field that is not a number quoted.
pub(crate) fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::WriterBuilder::new()
        .quote_style(::csv::QuoteStyle::NonNumeric)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_but_not_numbers() {
        assert_eq!(Cell::Text("=SUM(A1)".into()).render(), "'=SUM(A1)");
        assert_eq!(Cell::Text("+1".into()).render(), "'+1");
        assert_eq!(Cell::Text("-x".into()).render(), "'-x");
        assert_eq!(Cell::Text("@cmd".into()).render(), "'@cmd");
        assert_eq!(Cell::OptText(Some("=1".into())).render(), "'=1");
        assert_eq!(Cell::Text("Acme = best".into()).render(), "Acme = best");
        // After a separator of another locale, or a line break, too.
        assert_eq!(Cell::Text("a;=b".into()).render(), "a;'=b");
        assert_eq!(Cell::Text("a; \"-b".into()).render(), "a;' \"-b");
        assert_eq!(Cell::Text("a\t\t@b".into()).render(), "a\t'\t'@b");
        assert_eq!(Cell::Text("a\r\n+b".into()).render(), "a\r\n'+b");
        assert_eq!(Cell::Text("a; b;c".into()).render(), "a; b;c");
        assert_eq!(Cell::Num(Some(-1500.25)).render(), "-1500.25");
        assert_eq!(Cell::Int(Some(-3)).render(), "-3");
    }

    #[test]
    fn semicolon_in_text_is_quoted_for_semicolon_locales() {
        let cells = [
            Cell::Text("Acme;=HYPERLINK(\"http://x\")".into()),
            Cell::Text("=a;b".into()),
            Cell::Text("plain".into()),
            Cell::Num(Some(-2.5)),
        ];
        let mut w = writer();
        w.write_record(cells.iter().map(Cell::render)).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(
            out,
            "\"Acme;'=HYPERLINK(\"\"http://x\"\")\",\"'=a;b\",\"plain\",-2.5\r\n"
        );
        // Round trip through an RFC 4180 reader: one field each, nothing split.
        let mut r = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(out.as_bytes());
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[0], "Acme;'=HYPERLINK(\"http://x\")");
        assert_eq!(rec.len(), 4);
    }

    #[test]
    fn numbers_keep_full_precision_and_null_is_empty() {
        assert_eq!(Cell::Num(Some(0.1 + 0.2)).render(), "0.30000000000000004");
        assert_eq!(Cell::Num(Some(1e21)).render(), "1000000000000000000000");
        assert_eq!(Cell::Num(None).render(), "");
        assert_eq!(Cell::Num(Some(f64::NAN)).render(), "");
        assert_eq!(Cell::Date(None).render(), "");
    }
}
