//! Time-tracking exports (`time/**/*.csv`, see docs/content.md, time entries): each file is
//! streamed through the `csv` crate (never read whole into memory), its format recognized from
//! the header row ([`format`]), each row read into a [`Row`] or an error at its file, line and
//! column. [`resolve`] then matches the rows of every file to people and projects, drops the
//! same entry exported twice and builds the model's [`TimeEntries`].

mod format;
mod resolve;

use std::io::BufReader;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::{echo, Diagnostic};
use crate::model::DateOrder;

pub use format::Format;
pub use resolve::{hours_mismatch, hours_up_to, missing_hours, resolve};

/// One row of an export, as read: names as written, hours as a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub date: NaiveDate,
    /// The person's name (empty when the export gives only an e-mail).
    pub person: String,
    pub email: String,
    pub project: String,
    pub client: String,
    pub hours: f64,
    pub billable: bool,
    pub description: String,
    /// 1-based line of the row in its file.
    pub line: u32,
}

/// One export file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeFile {
    /// Relative to the content root.
    pub path: PathBuf,
    pub format: Format,
    pub rows: Vec<Row>,
}

/// At most this many malformed cells are reported per file.
const MAX_PROBLEMS: usize = 50;

/// Reads one export file; problems go to `diags` (the file is `None` when any is an error).
pub fn read_file(root: &Path, rel: &Path, order: DateOrder, diags: &mut Vec<Diagnostic>) -> Option<TimeFile> {
    let file = match std::fs::File::open(root.join(rel)) {
        Ok(f) => f,
        Err(e) => {
            diags.push(Diagnostic::error(
                "unreadable",
                rel,
                0,
                0,
                format!("cannot read the file: {e}"),
            ));
            return None;
        }
    };
    read(rel, Lf(BufReader::with_capacity(64 * 1024, file)), order, diags)
}

/// A reader that turns CRLF line ends into LF as it streams (the `csv` crate counts the
/// line of a row that follows a CRLF one short).
pub struct Lf<R>(pub R);

impl<R: std::io::BufRead> std::io::Read for Lf<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        let (mut n, consumed, lone_cr) = {
            let buf = self.0.fill_buf()?;
            let (mut n, mut i, mut lone) = (0, 0, false);
            while i < buf.len() && n < out.len() {
                if buf[i] == b'\r' {
                    if i + 1 == buf.len() {
                        lone = true;
                        i += 1;
                        break;
                    }
                    if buf[i + 1] == b'\n' {
                        i += 1;
                        continue;
                    }
                }
                out[n] = buf[i];
                n += 1;
                i += 1;
            }
            (n, i, lone)
        };
        self.0.consume(consumed);
        // A `\r` at the end of the buffer: dropped when the next byte is `\n`.
        if lone_cr && self.0.fill_buf()?.first() != Some(&b'\n') {
            out[n] = b'\r';
            n += 1;
        }
        Ok(n)
    }
}

/// [`read_file`] from any reader (tests read fixtures from memory); CRLF line ends must be
/// turned into LF first ([`Lf`]) for the lines reported to be right.
pub fn read(
    rel: &Path,
    input: impl std::io::Read,
    order: DateOrder,
    diags: &mut Vec<Diagnostic>,
) -> Option<TimeFile> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let unreadable = |e: csv::Error, line: u64| {
        Diagnostic::error(
            "unreadable",
            rel,
            line as usize,
            0,
            format!("cannot read the file as CSV: {e}"),
        )
        .hint("export the time entries again as CSV (comma-separated, UTF-8)")
    };
    // The header row: the first non-empty record.
    match rdr.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            diags.push(
                Diagnostic::warning(
                    "empty-time-file",
                    rel,
                    0,
                    0,
                    "time export without a header row, ignored",
                )
                .hint("export the entries again, or remove the file"),
            );
            return None;
        }
        Err(e) => {
            diags.push(unreadable(e, 1));
            return None;
        }
    }
    let header: Vec<String> = record
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = String::from_utf8_lossy(h);
            let h = if i == 0 {
                h.trim_start_matches('\u{feff}')
            } else {
                &h
            };
            h.trim().to_string()
        })
        .collect();
    let header_line = record.position().map_or(1, |p| p.line()) as usize;
    let columns = match format::recognize(&header) {
        Ok(c) => c,
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    "unknown-time-format",
                    rel,
                    header_line,
                    1,
                    "unrecognized header row of a time export",
                )
                .found(echo(&header.join(",")).into_owned())
                .expected(format::EXPECTED)
                .hint(why),
            );
            return None;
        }
    };
    let mut rows = Vec::new();
    let mut problems = 0usize;
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diags.push(unreadable(e, line));
                return None;
            }
        }
        let line = record.position().map_or(0, |p| p.line()) as u32;
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        match columns.row(&record, line, order) {
            Ok(row) => rows.push(row),
            Err(bad) => {
                problems += 1;
                if problems <= MAX_PROBLEMS {
                    let col = column_of(&record, bad.field);
                    diags.push(
                        Diagnostic::error("invalid-time-entry", rel, line as usize, col, bad.message)
                            .found(format!("`{}`", echo(&bad.found)))
                            .expected(bad.expected)
                            .hint(bad.hint),
                    );
                } else if problems == MAX_PROBLEMS + 1 {
                    diags.push(
                        Diagnostic::error(
                            "too-many-problems",
                            rel,
                            0,
                            0,
                            format!("more than {MAX_PROBLEMS} malformed rows in this file; the rest are not shown"),
                        )
                        .hint("fix the rows shown and run `folio check` again"),
                    );
                }
            }
        }
    }
    (problems == 0).then(|| TimeFile {
        path: rel.to_path_buf(),
        format: columns.format,
        rows,
    })
}

/// The 1-based character column where field `field` of `record` starts, counting each
/// earlier field and its comma (a quoted field's quotes are not counted).
fn column_of(record: &csv::ByteRecord, field: usize) -> usize {
    1 + record
        .iter()
        .take(field)
        .map(|f| String::from_utf8_lossy(f).chars().count() + 1)
        .sum::<usize>()
}

/// A cell that does not parse.
#[derive(Debug)]
pub(crate) struct BadCell {
    /// 0-based field index.
    pub field: usize,
    pub message: String,
    pub found: String,
    pub expected: &'static str,
    pub hint: &'static str,
}

#[cfg(test)]
mod tests;
