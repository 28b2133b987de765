//! `folio schema KIND` (to standard output) and `folio schema --out DIR` (every file).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{stdout, ui::Ui};

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Which schema to print.
    #[arg(value_enum, required_unless_present = "out")]
    kind: Option<folio::schema::SchemaKind>,
    /// Write `portfolio.schema.json`, `project.schema.json`, `update.schema.json`,
    /// `pipeline.schema.json` and `people.schema.json` here.
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    if let Some(dir) = args.out {
        for p in folio::schema::write_all(&dir)? {
            ui.info(format!("wrote {}", p.display()));
        }
    } else if let Some(kind) = args.kind {
        stdout::write(&folio::schema::schema(kind))?;
    }
    Ok(ExitCode::SUCCESS)
}
