//! The `folio` command line: clap's argument types and the dispatch to one module per command
//! (`src/cmd/`); every command is a thin layer over the library.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cli::ui::Ui;

// glibc's allocator spent a quarter of a large build's CPU time in malloc/free under rayon's
// threads (measured with perf on 2,000 × 52); mimalloc's per-thread heaps do not. Its
// transparent-huge-page use is off (`no_thp`): zeroing 2 MiB pages was 15 % of a build's CPU.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns a git repository of project definitions and weekly status updates into a static
/// portfolio website.
#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "A project manager's week:\n  folio new update <project-id>   this week's update, carried over from last week's\n  folio serve                     live preview at http://127.0.0.1:1111/\n  folio check                     every mistake named by file and line\n  folio report <project-id>       the customer's one-file status report, to email
                                  (only the `## For the customer` part and what says customer: true)\n  git commit && git push          CI publishes the site\n\nExit codes: 0 success, 1 invalid content or failed build, 2 usage error. NO_COLOR is respected."
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
    Build(cmd::build::Args),
    /// Validate the content only.
    Check(cmd::check::Args),
    /// Live preview with rebuild and browser reload on change.
    #[cfg(feature = "serve")]
    Serve(cmd::serve::Args),
    /// Scaffold a project, this week's update or a sales opportunity (never overwrites).
    New {
        #[command(subcommand)]
        what: cmd::new::What,
    },
    /// Create a new content repository with a sample project and a `.gitlab-ci.yml`.
    Init(cmd::init::Args),
    /// Write one project's status report as a single self-contained HTML file: for the
    /// customer by default (only what is marked for the customer), `<id>-<as-of>-customer.html`;
    /// `--audience internal` for leadership, `<id>-<as-of>-internal.html`, marked INTERNAL.
    /// Never inside the content folder, and over an existing file only if folio wrote it or
    /// with `--force`.
    Report(cmd::report::Args),
    /// Print the JSON Schema of a content file, or write them all with `--out`.
    Schema(cmd::schema::Args),
    /// Write a deterministic synthetic portfolio (for benchmarks).
    #[command(hide = true)]
    Generate(cmd::generate::Args),
}

fn main() -> ExitCode {
    // A file-size limit makes a write fail (reported, temporary files removed), not kill folio.
    folio::write::interrupt::ignore_file_size_signal();
    let cli = Cli::parse();
    let ui = Ui::new(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args, &ui),
        Command::Report(args) => cmd::report::run(args, &ui),
        Command::Check(args) => cmd::check::run(args, &ui),
        #[cfg(feature = "serve")]
        Command::Serve(args) => cmd::serve::run(args, &ui),
        Command::New { what } => cmd::new::run(what, &ui),
        Command::Init(args) => cmd::init::run(args, &ui),
        Command::Schema(args) => cmd::schema::run(args, &ui),
        Command::Generate(args) => cmd::generate::run(args, &ui),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`folio schema project | head -c1`) is the reader's choice, not an
        // error: stop quietly, as ripgrep and other Unix tools do.
        Err(e) if cli::stdout::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            ui.error(format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}
