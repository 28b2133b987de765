//! `folio serve`: live preview with rebuild and browser reload on change.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::ui::Ui;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Port (default 1111; when taken, the next free one is used unless given explicitly).
    #[arg(long)]
    port: Option<u16>,
    /// Address to bind (anything but loopback serves the portfolio to the network: folio
    /// warns).
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Compute everything as of this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = super::strict_date)]
    as_of: Option<NaiveDate>,
    /// Theme folder or name.
    #[arg(long)]
    theme: Option<String>,
}

pub fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let opts = folio::serve::ServeOptions {
        settings: folio::driver::Settings {
            as_of: args.as_of,
            theme: args.theme,
            ..folio::driver::Settings::new(args.content)
        },
        bind: args.bind,
        port: args.port.unwrap_or(1111),
        port_explicit: args.port.is_some(),
        quiet: ui.quiet,
        verbose: ui.verbose,
        term: ui.term,
    };
    folio::serve::serve(&opts)?;
    Ok(ExitCode::SUCCESS)
}
