//! `folio report <project-id>`: the CLI glue over [`folio::driver::report`]; writes the file
//! atomically (a temporary file in the same folder, then a rename).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::ValueEnum;

use crate::cli::ui::Ui;
use folio::driver::{BuildError, Settings};
use folio::format::plural;
use folio::status_report::{Audience, ReportFile};

/// `folio report` arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The project (its folder name under `projects/`).
    project_id: String,
    /// Who the report is for: the customer (nothing internal) or leadership (everything).
    #[arg(long, value_enum, default_value_t = AudienceArg::Customer)]
    audience: AudienceArg,
    /// Report as of this date (YYYY-MM-DD); updates after it are ignored.
    #[arg(long, value_name = "DATE", value_parser = super::strict_date)]
    as_of: Option<NaiveDate>,
    /// File to write (default: `<project-id>-<as-of>-customer.html`, or `-internal.html`, in the
    /// working directory).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Theme folder or name (default: portfolio.yaml's `theme`).
    #[arg(long)]
    theme: Option<String>,
    /// Replace an existing file at the output path even if it is not a report folio wrote
    /// (a path inside the content folder is refused even so).
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AudienceArg {
    Customer,
    Internal,
}

pub fn run(args: Args, ui: &Ui) -> anyhow::Result<ExitCode> {
    let audience = match args.audience {
        AudienceArg::Customer => Audience::Customer,
        AudienceArg::Internal => Audience::Internal,
    };
    let settings = Settings {
        as_of: args.as_of,
        theme: args.theme,
        ..Settings::new(args.content.clone())
    };
    let file = match folio::driver::report(&settings, &args.project_id, audience) {
        Ok(file) => file,
        Err(BuildError::Content(diags)) => {
            ui.diagnostics(&args.content, &diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            ui.error(format!("no report: {} in the content", plural(errors, "problem")));
            return Ok(ExitCode::from(1));
        }
        Err(BuildError::Other(e)) => return Err(e),
    };
    ui.diagnostics(&args.content, &file.warnings);
    let out = args
        .output
        .unwrap_or_else(|| ReportFile::default_name(&args.project_id, file.as_of, audience));
    if let Err(why) = refuse_output(&out, &args.content, args.force) {
        ui.error(why);
        return Ok(ExitCode::from(2));
    }
    write_atomic(&out, file.html.as_bytes())?;
    ui.info(format!(
        "{} the {} report of {} as of {} to {} ({} KiB)",
        ui.term.ok("wrote"),
        audience.as_str(),
        args.project_id,
        file.as_of,
        out.display(),
        file.html.len().div_ceil(1024)
    ));
    Ok(ExitCode::SUCCESS)
}

/// What every report folio writes carries in its first bytes (the `<head>` of the default
/// theme's `report.html`); an existing file without it is not replaced unless `--force`.
const GENERATOR_MARKER: &[u8] = b"<meta name=\"generator\" content=\"folio";

/// How far into an existing file the marker is looked for.
const MARKER_WITHIN: usize = 4096;

/// Why `out` must not be written (a usage error, exit 2), if it must not: it lies inside the
/// content folder (after resolving symbolic links and `..`), or it is an existing file that is
/// not a folio report and `force` is off.
fn refuse_output(out: &Path, content: &Path, force: bool) -> Result<(), String> {
    match folio::write::lies_within(out, content) {
        Ok(false) => {}
        Ok(true) => {
            return Err(format!(
                "refusing to write the report to `{}`: it lies inside the content folder `{}`; \
                 choose an --output outside it",
                out.display(),
                content.display()
            ))
        }
        Err(e) => return Err(format!("cannot check the output path `{}`: {e:#}", out.display())),
    }
    let meta = match std::fs::metadata(out) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot check the output path `{}`: {e}", out.display())),
    };
    if !meta.is_file() {
        return Err(format!(
            "refusing to write the report to `{}`: it exists and is not a file",
            out.display()
        ));
    }
    if force || written_by_folio(out) {
        return Ok(());
    }
    Err(format!(
        "refusing to replace `{}`: it exists and is not a report folio wrote; choose another \
         --output, or pass --force to replace it",
        out.display()
    ))
}

/// True when the file at `path` starts like a report folio wrote (the generator marker in its
/// first [`MARKER_WITHIN`] bytes).
fn written_by_folio(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(MARKER_WITHIN);
    let read = std::fs::File::open(path).and_then(|f| f.take(MARKER_WITHIN as u64).read_to_end(&mut head));
    read.is_ok()
        && head
            .windows(GENERATOR_MARKER.len())
            .any(|w| w == GENERATOR_MARKER)
}

fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write into `{}`", dir.display()))?;
    std::io::Write::write_all(&mut tmp, bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    // A temporary file is private (0600); a report is an ordinary document (0644 under umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    tmp.persist(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}
