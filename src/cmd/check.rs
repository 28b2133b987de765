//! `folio check`: validate the content only, as human text, JSON or a GitLab Code Quality
//! report.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{stdout, ui::Ui};
use folio::format::plural;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Output format: human text, JSON, or a GitLab Code Quality report.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Gitlab,
}

pub fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let content = args.content;
    let result = ui.spin(&format!("checking {}", content.display()), || {
        folio::load::load(&content)
    });
    let (diags, loaded) = match result {
        Ok(loaded) => {
            let mut diags = loaded.warnings.clone();
            diags.extend(folio::driver::check_computed(&loaded.portfolio));
            folio::diagnostics::sort(&mut diags);
            (diags, Some(loaded))
        }
        Err(diags) => (diags, None),
    };
    let errors = diags.iter().filter(|d| d.is_error()).count();
    match args.format {
        Format::Human => {
            ui.diagnostics(&content, &diags);
            match (&loaded, errors) {
                (Some(l), 0) => {
                    let updates: usize = l.portfolio.projects.iter().map(|p| p.updates.len()).sum();
                    ui.info(format!(
                        "{}: content is valid ({}); {}, {}",
                        content.display(),
                        plural(diags.len(), "warning"),
                        plural(l.portfolio.projects.len(), "project"),
                        plural(updates, "update")
                    ));
                }
                _ => ui.error(format!("{} found", plural(errors.max(1), "problem"))),
            }
        }
        Format::Json => stdout::write_with(|out| {
            serde_json::to_writer_pretty(&mut *out, &diags)?;
            writeln!(out)
        })?,
        Format::Gitlab => stdout::write(&folio::codequality::gitlab_report(&diags, &content))?,
    }
    Ok(if loaded.is_some() && errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
