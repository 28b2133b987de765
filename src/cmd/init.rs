//! `folio init DIR`: a new content repository with a sample project and a `.gitlab-ci.yml`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::ui::Ui;

#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Folder to create (must be empty or absent).
    dir: PathBuf,
}

pub(crate) fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let dir = args.dir;
    let files = folio::init::init(&dir)?;
    ui.info(format!(
        "created {} with {} files; next: cd {} && folio build",
        dir.display(),
        files.len(),
        dir.display()
    ));
    Ok(ExitCode::SUCCESS)
}
