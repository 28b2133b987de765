//! `folio new project|update|opportunity`: scaffold a file (never overwrites; an opportunity
//! is appended to `pipeline.yaml`) and say what to do next.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::ui::Ui;

#[derive(Debug, clap::Subcommand)]
pub(crate) enum What {
    /// Write `projects/<id>/project.yaml`, a commented skeleton.
    Project {
        id: String,
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Write `projects/<project-id>/updates/<date>.md`, starting from the latest update.
    Update {
        project_id: String,
        /// Date of the update (default: today).
        #[arg(long, value_name = "DATE", value_parser = super::strict_date)]
        date: Option<NaiveDate>,
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Append an opportunity to `pipeline.yaml` (created if missing), with TODOs to fill in.
    Opportunity {
        id: String,
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

pub(crate) fn run(what: What, ui: &Ui) -> anyhow::Result<ExitCode> {
    match what {
        What::Project { id, content } => {
            let path = folio::scaffold::new_project(&content, &id)?;
            ui.info(format!("{} {}", ui.term.ok("wrote"), path.display()));
            ui.info(format!(
                "next: fill in the TODOs, then `folio new update {id}{}`",
                content_flag(&content)
            ));
        }
        What::Update {
            project_id,
            date,
            content,
        } => {
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let (path, notes) = match folio::scaffold::new_update_noted(&content, &project_id, date) {
                Ok(done) => done,
                Err(e) => match e.downcast::<folio::scaffold::ProjectErrors>() {
                    Ok(stop) => {
                        // One diagnostic per line, as `folio check` prints them.
                        ui.diagnostics(&content, &stop.errors);
                        ui.error(&stop);
                        return Ok(ExitCode::from(1));
                    }
                    Err(e) => return Err(e),
                },
            };
            ui.info(format!("{} {}", ui.term.ok("wrote"), path.display()));
            for note in notes {
                ui.info(format!("{}: {note}", ui.term.warning_word()));
            }
            ui.info(format!(
                "next: edit it, preview with `folio serve{0}`, check with `folio check{0}`, commit",
                content_flag(&content)
            ));
        }
        What::Opportunity { id, content } => {
            let today = chrono::Local::now().date_naive();
            let path = folio::scaffold::new_opportunity(&content, &id, today)?;
            ui.info(format!(
                "{} opportunity `{id}` to {}",
                ui.term.ok("added"),
                path.display()
            ));
            ui.info(format!(
                "next: fill in its TODOs, then `folio check{}`",
                content_flag(&content)
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// ` --content DIR` when the content folder is not the default one.
fn content_flag(content: &Path) -> String {
    if content == Path::new("content") {
        String::new()
    } else {
        format!(" --content {}", content.display())
    }
}
