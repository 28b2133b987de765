//! `folio generate` (hidden): a deterministic synthetic portfolio, for benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::ui::Ui;
use folio::format::plural;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Output content folder.
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 100)]
    projects: usize,
    #[arg(long, default_value_t = 26)]
    weeks: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Messy content: figures going backwards, unexplained milestone slips (thousands of
    /// warnings at scale) and long narratives.
    #[arg(long)]
    messy: bool,
    /// Also write `pipeline.yaml` with this many opportunities.
    #[arg(long, default_value_t = 0)]
    opportunities: usize,
    /// People in `people.yaml`, each with one time entry per working day in `time/` (8 hours
    /// on a project, Fridays on internal training); 0 for none.
    #[arg(long, default_value_t = 0)]
    people: usize,
}

pub(crate) fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    folio::synth::generate_full(
        &args.out,
        args.projects,
        args.weeks,
        args.seed,
        args.messy,
        args.people,
    )?;
    if args.opportunities > 0 {
        folio::synth::generate_pipeline(&args.out, args.opportunities, args.seed)?;
    }
    ui.info(format!(
        "generated {} × {} into {}",
        plural(args.projects, "project"),
        plural(args.weeks, "week"),
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}
