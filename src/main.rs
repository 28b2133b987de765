//! The `folio` command line: a thin clap layer over the library.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use folio::diagnostics::Diagnostic;
use folio::BuildError;

/// Turns a git repository of project definitions and weekly status updates into a static
/// portfolio website.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more detail (stage timings, every file written).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate, compute and render the site; replace the output folder only on success.
    Build {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Output folder (GitLab Pages uses `public`).
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// Compute everything as of this date (YYYY-MM-DD); updates after it are ignored.
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Absolute URL the site is published at (default: portfolio.yaml, $CI_PAGES_URL, `/`).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Theme folder or name (default: portfolio.yaml's `theme`).
        #[arg(long)]
        theme: Option<String>,
    },
    /// Validate the content only.
    Check {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Output format: human text, JSON, or a GitLab Code Quality report.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Live preview with rebuild and browser reload on change.
    Serve {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Port (default 1111; when taken, the next free one is used unless given explicitly).
        #[arg(long)]
        port: Option<u16>,
        /// Address to bind.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Compute everything as of this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Theme folder or name.
        #[arg(long)]
        theme: Option<String>,
    },
    /// Scaffold a project or this week's update (never overwrites).
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Create a new content repository with a sample project and a `.gitlab-ci.yml`.
    Init {
        /// Folder to create (must be empty or absent).
        dir: PathBuf,
    },
    /// Print the JSON Schema of a content file, or write all three with `--out`.
    Schema {
        /// Which schema to print.
        #[arg(value_enum, required_unless_present = "out")]
        kind: Option<folio::schema::SchemaKind>,
        /// Write `portfolio.schema.json`, `project.schema.json` and `update.schema.json` here.
        #[arg(long, value_name = "DIR", conflicts_with = "kind")]
        out: Option<PathBuf>,
    },
    /// Write a deterministic synthetic portfolio (for benchmarks).
    #[command(hide = true)]
    Generate {
        /// Output content folder.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 100)]
        projects: usize,
        #[arg(long, default_value_t = 26)]
        weeks: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum NewCommand {
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
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Gitlab,
}

/// Output settings shared by all commands.
struct Ui {
    quiet: bool,
    verbose: bool,
}

impl Ui {
    fn info(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }
    fn diagnostics(&self, diags: &[Diagnostic]) {
        for d in diags {
            if self.quiet && !d.is_error() {
                continue;
            }
            eprintln!("{d}");
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match run(cli.command, &ui) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, ui: &Ui) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build {
            content,
            output,
            as_of,
            base_url,
            theme,
        } => {
            let opts = folio::BuildOptions {
                content,
                output: output.clone(),
                as_of,
                base_url,
                theme,
            };
            match folio::build(&opts) {
                Ok(site) => {
                    ui.diagnostics(&site.warnings);
                    if ui.verbose {
                        let t = &site.times;
                        ui.info(format!(
                            "stages: load {:?}, metrics {:?}, render {:?}, export {:?}, write {:?}",
                            t.load, t.metrics, t.render, t.export, t.write
                        ));
                    }
                    let total = site.times.load
                        + site.times.metrics
                        + site.times.render
                        + site.times.export
                        + site.times.write;
                    ui.info(format!(
                        "built {} pages for {} projects as of {} into {} ({} warning(s), {:.2}s)",
                        site.pages,
                        site.report.projects.len(),
                        site.report.as_of,
                        output.display(),
                        site.warnings.len(),
                        total.as_secs_f64()
                    ));
                    Ok(ExitCode::SUCCESS)
                }
                Err(BuildError::Content(diags)) => {
                    ui.diagnostics(&diags);
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    eprintln!("error: build failed: {errors} problem(s) in the content; the output folder was left untouched");
                    Ok(ExitCode::from(1))
                }
                Err(BuildError::Other(e)) => Err(e),
            }
        }
        Command::Check { content, format } => {
            let diags = match folio::load::load(&content) {
                Ok(loaded) => loaded.warnings,
                Err(diags) => diags,
            };
            let errors = diags.iter().filter(|d| d.is_error()).count();
            match format {
                Format::Human => {
                    ui.diagnostics(&diags);
                    if errors == 0 {
                        ui.info(format!(
                            "{}: content is valid ({} warning(s))",
                            content.display(),
                            diags.len()
                        ));
                    } else {
                        eprintln!("error: {errors} problem(s) found");
                    }
                }
                Format::Json => {
                    let mut out = std::io::stdout().lock();
                    serde_json::to_writer_pretty(&mut out, &diags)?;
                    writeln!(out)?;
                }
                Format::Gitlab => {
                    print!("{}", folio::codequality::gitlab_report(&diags, &content));
                }
            }
            Ok(if errors == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Serve {
            content,
            port,
            bind,
            as_of,
            theme,
        } => {
            let opts = folio::serve::ServeOptions {
                content,
                bind,
                port: port.unwrap_or(1111),
                port_explicit: port.is_some(),
                as_of,
                theme,
            };
            folio::serve::serve(&opts)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what } => {
            let path = match what {
                NewCommand::Project { id, content } => folio::scaffold::new_project(&content, &id)?,
                NewCommand::Update {
                    project_id,
                    date,
                    content,
                } => {
                    let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
                    folio::scaffold::new_update(&content, &project_id, date)?
                }
            };
            ui.info(format!("wrote {}", path.display()));
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let files = folio::init::init(&dir)?;
            ui.info(format!(
                "created {} with {} files; next: cd {} && folio build",
                dir.display(),
                files.len(),
                dir.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { kind, out } => {
            if let Some(dir) = out {
                for p in folio::schema::write_all(&dir)? {
                    ui.info(format!("wrote {}", p.display()));
                }
            } else if let Some(kind) = kind {
                print!("{}", folio::schema::schema(kind));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            out,
            projects,
            weeks,
            seed,
        } => {
            folio::synth::generate(&out, projects, weeks, seed)?;
            ui.info(format!(
                "generated {projects} projects × {weeks} weeks into {}",
                out.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[allow(dead_code)]
fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}
