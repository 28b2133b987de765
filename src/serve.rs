//! `folio serve`: in-memory builds, an HTTP server, file watching and browser reload.

use std::path::PathBuf;

use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub content: PathBuf,
    pub bind: String,
    pub port: u16,
    /// True when the user gave `--port`: a taken port is then an error, not "next free one".
    pub port_explicit: bool,
    pub as_of: Option<NaiveDate>,
    pub theme: Option<String>,
}

/// Runs the live-preview server until interrupted.
pub fn serve(opts: &ServeOptions) -> anyhow::Result<()> {
    let _ = opts;
    anyhow::bail!("`folio serve` is not implemented yet")
}
