//! `folio generate` (hidden): a deterministic synthetic portfolio, for benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::ui::Ui;
use folio::format::plural;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output content folder.
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 100)]
    projects: usize,
    #[arg(long, default_value_t = 26)]
    weeks: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    folio::synth::generate(&args.out, args.projects, args.weeks, args.seed)?;
    ui.info(format!(
        "generated {} × {} into {}",
        plural(args.projects, "project"),
        plural(args.weeks, "week"),
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}
