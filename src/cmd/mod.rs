//! One module per `folio` command: its arguments (clap) and a `run` that calls the library and
//! reports to the terminal. Exit codes: `Ok(0)` success, `Ok(1)` invalid content, `Err` any
//! other failure (printed by `main`, exit 1).

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod generate;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod report;
pub(crate) mod schema;
#[cfg(feature = "serve")]
pub(crate) mod serve;

/// A date on the command line, in the one form content accepts: `YYYY-MM-DD`, zero-padded, no
/// sign (`2026-1-1` and `+2026-01-01` are refused, as they are in content), and in the same
/// range (1970-01-01 to 2199-12-31).
pub(crate) fn strict_date(s: &str) -> Result<chrono::NaiveDate, String> {
    use folio::load::{MAX_DATE, MIN_DATE};
    let d = folio::load::date_of_name(s)
        .ok_or_else(|| "not a date of the form YYYY-MM-DD (for example 2026-01-09)".to_string())?;
    if !folio::load::date_in_range(d) {
        return Err(format!("out of range: dates run from {MIN_DATE} to {MAX_DATE}"));
    }
    Ok(d)
}
