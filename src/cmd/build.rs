//! `folio build`: validate, compute, render, and replace the output folder only on success.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::cli::ui::Ui;
use folio::driver::{BuildError, Settings};
use folio::format::plural;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Output folder (GitLab Pages uses `public`).
    #[arg(long, default_value = "output")]
    output: PathBuf,
    /// Compute everything as of this date (YYYY-MM-DD); updates after it are ignored.
    #[arg(long, value_name = "DATE", value_parser = super::strict_date)]
    as_of: Option<NaiveDate>,
    /// Absolute URL the site is published at (default: portfolio.yaml, $CI_PAGES_URL, `/`).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Theme folder or name (default: portfolio.yaml's `theme`).
    #[arg(long)]
    theme: Option<String>,
}

pub fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let output = args.output.clone();
    // Ctrl-C or a cancelled CI job deletes the write stage's temporary folders.
    folio::write::interrupt::install()?;
    let opts = Settings {
        as_of: args.as_of,
        base_url: args.base_url,
        theme: args.theme,
        ..Settings::new(args.content)
    };
    let started = Instant::now();
    let result = ui.spin(&format!("building {}", opts.content.display()), || {
        folio::driver::build(&opts, &output)
    });
    let site = match result {
        Ok(site) => site,
        Err(BuildError::Content(diags)) => {
            ui.diagnostics(&opts.content, &diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            ui.error(format!(
                "build failed: {} in the content; {} was left untouched",
                plural(errors, "problem"),
                output.display()
            ));
            return Ok(ExitCode::from(1));
        }
        Err(BuildError::Other(e)) => return Err(e),
    };
    ui.diagnostics(&opts.content, &site.warnings);
    let t = &site.times;
    ui.detail(format!(
        "stages: load {}, metrics {}, render {}, export {} (beside render), write {}",
        ms(t.load),
        ms(t.metrics),
        ms(t.render),
        ms(t.export),
        ms(t.write)
    ));
    ui.detail(format!(
        "output: {} ({} files, {} KiB)",
        output.canonicalize().unwrap_or(output.clone()).display(),
        site.files,
        site.bytes / 1024
    ));
    ui.info(format!(
        "{} {} for {} as of {} into {} ({}, {:.2}s)",
        ui.term.ok("built"),
        plural(site.pages, "page"),
        plural(site.report.projects.len(), "project"),
        site.report.as_of,
        output.display(),
        plural(site.warnings.len(), "warning"),
        started.elapsed().as_secs_f64()
    ));
    Ok(ExitCode::SUCCESS)
}

/// A duration in milliseconds, for stage timings.
fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
