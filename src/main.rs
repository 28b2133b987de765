//! The `folio` command line: a thin clap layer over the library.

#[path = "cli/ui.rs"]
mod ui;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use folio::serve::term::plural;
use folio::BuildError;
use ui::Ui;

/// Turns a git repository of project definitions and weekly status updates into a static
/// portfolio website.
#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "A project manager's week:\n  folio new update <project-id>   this week's update, carried over from last week's\n  folio serve                     live preview at http://127.0.0.1:1111/\n  folio check                     every mistake named by file and line\n  git commit && git push          CI publishes the site\n\nExit codes: 0 success, 1 invalid content or failed build, 2 usage error. NO_COLOR is respected."
)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more detail (stage timings, output path, files written).
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
        /// Messy content: figures going backwards, unexplained milestone slips (thousands of
        /// warnings at scale) and long narratives.
        #[arg(long)]
        messy: bool,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui::new(cli.quiet, cli.verbose);
    match run(cli.command, &ui) {
        Ok(code) => code,
        Err(e) => {
            ui.error(format!("{e:#}"));
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
            let content_dir = content.clone();
            let opts = folio::BuildOptions {
                content,
                output: output.clone(),
                as_of,
                base_url,
                theme,
            };
            let started = Instant::now();
            let result = ui.spin(&format!("building {}", opts.content.display()), || {
                folio::build(&opts)
            });
            match result {
                Ok(site) => {
                    ui.diagnostics(&content_dir, &site.warnings);
                    let t = &site.times;
                    ui.detail(format!(
                        "stages: load {}, metrics {}, render {}, export {}, write {}",
                        ms(t.load),
                        ms(t.metrics),
                        ms(t.render),
                        ms(t.export),
                        ms(t.write)
                    ));
                    ui.detail(format!(
                        "output: {} ({} files, {} KiB)",
                        output.canonicalize().unwrap_or(output.clone()).display(),
                        site.files.len(),
                        site.files.values().map(Vec::len).sum::<usize>() / 1024
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
                Err(BuildError::Content(diags)) => {
                    ui.diagnostics(&content_dir, &diags);
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    ui.error(format!(
                        "build failed: {} in the content; {} was left untouched",
                        plural(errors, "problem"),
                        output.display()
                    ));
                    Ok(ExitCode::from(1))
                }
                Err(BuildError::Other(e)) => Err(e),
            }
        }
        Command::Check { content, format } => {
            let content_dir = content.clone();
            let result = ui.spin(&format!("checking {}", content.display()), || {
                folio::load::load(&content)
            });
            let (diags, loaded) = match result {
                Ok(loaded) => (loaded.warnings.clone(), Some(loaded)),
                Err(diags) => (diags, None),
            };
            let errors = diags.iter().filter(|d| d.is_error()).count();
            match format {
                Format::Human => {
                    ui.diagnostics(&content_dir, &diags);
                    match (&loaded, errors) {
                        (Some(l), 0) => {
                            let updates: usize = l.portfolio.projects.iter().map(|p| p.updates.len()).sum();
                            // "content is valid (N warning(s))" is relied on by scripts and tests.
                            ui.info(format!(
                                "{}: content is valid ({} warning(s)); {}, {}",
                                content.display(),
                                diags.len(),
                                plural(l.portfolio.projects.len(), "project"),
                                plural(updates, "update")
                            ));
                        }
                        _ => ui.error(format!("{} problem(s) found", errors.max(1))),
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
            Ok(if loaded.is_some() && errors == 0 {
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
                quiet: ui.quiet,
                verbose: ui.verbose,
                term: ui.term,
            };
            folio::serve::serve(&opts)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what } => {
            match what {
                NewCommand::Project { id, content } => {
                    let path = folio::scaffold::new_project(&content, &id)?;
                    ui.info(format!("{} {}", ui.term.ok("wrote"), path.display()));
                    ui.info(format!(
                        "next: fill in the TODOs, then `folio new update {id}{}`",
                        content_flag(&content)
                    ));
                }
                NewCommand::Update {
                    project_id,
                    date,
                    content,
                } => {
                    let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
                    let (path, notes) = folio::scaffold::new_update_noted(&content, &project_id, date)?;
                    ui.info(format!("{} {}", ui.term.ok("wrote"), path.display()));
                    for note in notes {
                        ui.info(format!("{}: {note}", ui.term.warning_word()));
                    }
                    ui.info(format!(
                        "next: edit it, preview with `folio serve{0}`, check with `folio check{0}`, commit",
                        content_flag(&content)
                    ));
                }
            }
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
            messy,
        } => {
            folio::synth::generate_with(&out, projects, weeks, seed, messy)?;
            ui.info(format!(
                "generated {projects} projects × {weeks} weeks into {}",
                out.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A duration in milliseconds, for stage timings.
fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// ` --content DIR` when the content folder is not the default one.
fn content_flag(content: &std::path::Path) -> String {
    if content == std::path::Path::new("content") {
        String::new()
    } else {
        format!(" --content {}", content.display())
    }
}
