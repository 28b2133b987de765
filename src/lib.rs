//! folio: turns a folder of project definitions and weekly status updates into a static
//! portfolio website (see the README and docs/).
//!
//! The pipeline runs one way, one module per stage:
//!
//! 1. [`load`]: read and validate `content/` into the typed [`model`] (all YAML goes through
//!    [`yaml`]); problems come back as located [`diagnostics::Diagnostic`]s.
//! 2. [`metrics`]: pure functions from the model and an as-of date to a [`report::Report`].
//! 3. [`charts`]: figures to inline SVG.
//! 4. [`render`]: Tera templates (the embedded default theme or a theme folder) to pages.
//! 5. [`export`]: machine-readable files (`portfolio.json`, CSV, Atom, iCalendar).
//! 6. [`write`]: the whole site swapped into the output folder atomically.
//!
//! The `folio` binary is a thin clap layer over [`build`] and friends, so tests call the
//! library directly.

pub mod charts;
pub mod codequality;
pub mod diagnostics;
pub mod export;
pub mod fiscal;
pub mod format;
pub mod init;
pub mod lint;
pub mod load;
pub mod markup;
pub mod metrics;
pub mod model;
pub mod quarter_end;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod slug;
pub mod status_report;
pub mod synth;
pub mod term;
#[cfg(test)]
mod testutil;
pub mod wording;
pub mod write;
pub mod yaml;

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::model::Portfolio;
use crate::report::Report;
pub use crate::status_report::{report_html, Audience, ReportFile, ReportOptions};

/// Every file of a built site: path relative to the output root (`/`-separated) → bytes.
/// A `BTreeMap` so iteration order, and therefore output, is deterministic.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// What `folio build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub output: PathBuf,
    /// `--as-of`; falls back to `portfolio.yaml`'s `as_of`, then today.
    pub as_of: Option<NaiveDate>,
    /// `--base-url`; falls back to `portfolio.yaml`'s `base_url`, then `$CI_PAGES_URL`, then `/`.
    pub base_url: Option<String>,
    /// `--theme`; falls back to `portfolio.yaml`'s `theme`.
    pub theme: Option<String>,
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// The content is invalid: every problem found, sorted by file and line.
    Content(Vec<Diagnostic>),
    /// Anything else (I/O, a broken theme template, a refused output folder).
    Other(anyhow::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(d) => write!(
                f,
                "{} in the content",
                format::plural(d.iter().filter(|d| d.is_error()).count(), "problem")
            ),
            BuildError::Other(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<anyhow::Error> for BuildError {
    fn from(e: anyhow::Error) -> Self {
        BuildError::Other(e)
    }
}

/// Wall time spent in each stage of a build.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    pub load: Duration,
    pub metrics: Duration,
    /// Rendering the pages (and, in `folio build`, writing each into the temporary folder).
    pub render: Duration,
    /// Making the exports, which runs at the same time as `render`.
    pub export: Duration,
    /// Swapping the new output in and deleting the previous one.
    pub write: Duration,
}

/// A site built in memory.
#[derive(Debug, Clone)]
pub struct Site {
    pub files: SiteFiles,
    pub report: Report,
    /// Suspicious but valid content (warnings, not errors).
    pub warnings: Vec<Diagnostic>,
    pub times: StageTimes,
    /// Number of HTML pages in `files` (not counting the customer reports).
    pub pages: usize,
    /// The theme folder the build read, if any (the output must not overlap it).
    pub theme_dir: Option<PathBuf>,
}

/// Settings that hold for one build, resolved from flags, `portfolio.yaml` and the environment.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub as_of: NaiveDate,
    pub base_url: String,
    /// Theme folder on disk that overrides the embedded default, if any.
    pub theme_dir: Option<PathBuf>,
}

/// Resolves as-of date, base URL and theme folder (flag > `portfolio.yaml` > environment > default).
pub fn resolve(
    portfolio: &Portfolio,
    as_of: Option<NaiveDate>,
    base_url: Option<&str>,
    theme: Option<&str>,
) -> Resolved {
    let as_of = as_of
        .or(portfolio.config.as_of)
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let base_url = base_url
        .map(str::to_string)
        .or_else(|| portfolio.config.base_url.clone())
        .or_else(|| std::env::var("CI_PAGES_URL").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "/".to_string());
    let base_url = with_slash(&base_url);
    let theme = theme.unwrap_or(&portfolio.config.theme);
    let theme_dir = render::theme::find_theme_dir(&portfolio.root, theme);
    Resolved {
        as_of,
        base_url,
        theme_dir,
    }
}

impl Resolved {
    /// How to render with these settings.
    pub fn site_options(&self, live_reload: bool) -> render::SiteOptions {
        render::SiteOptions {
            base_url: self.base_url.clone(),
            theme_dir: self.theme_dir.clone(),
            live_reload,
        }
    }
}

/// What a build in memory needs to know (`folio build` adds the output folder, see
/// [`BuildOptions`]; `folio serve` asks for the live-reload script).
#[derive(Debug, Clone, Copy)]
pub struct SiteInputs<'a> {
    pub content: &'a Path,
    /// Falls back to `portfolio.yaml`'s `as_of`, then today.
    pub as_of: Option<NaiveDate>,
    /// Falls back to `portfolio.yaml`'s `base_url`, then `$CI_PAGES_URL`, then `/`.
    pub base_url: Option<&'a str>,
    /// Falls back to `portfolio.yaml`'s `theme`.
    pub theme: Option<&'a str>,
    /// Inject the live-reload script into every page.
    pub live_reload: bool,
}

impl BuildOptions {
    /// The in-memory part of `folio build`: no live reload.
    pub fn site_inputs(&self) -> SiteInputs<'_> {
        SiteInputs {
            content: &self.content,
            as_of: self.as_of,
            base_url: self.base_url.as_deref(),
            theme: self.theme.as_deref(),
            live_reload: false,
        }
    }
}

/// `base_url` with a trailing `/` (added when missing): relative links append to it.
pub fn with_slash(base_url: &str) -> String {
    if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    }
}

/// Loads, computes and renders a site in memory, without touching the output folder.
pub fn build_site(inputs: &SiteInputs) -> Result<Site, BuildError> {
    let t0 = Instant::now();
    let loaded = load::load(inputs.content).map_err(BuildError::Content)?;
    let load_time = t0.elapsed();
    let mut site = build_site_loaded(&loaded.portfolio, loaded.warnings, inputs)?;
    site.times.load = load_time;
    Ok(site)
}

/// The stages of [`build_site`] after loading: computes and renders the loaded `portfolio`
/// (whose load found `warnings`).
pub fn build_site_loaded(
    portfolio: &Portfolio,
    mut warnings: Vec<Diagnostic>,
    inputs: &SiteInputs,
) -> Result<Site, BuildError> {
    let resolved = prepare(portfolio, &mut warnings, inputs)?;
    let mut times = StageTimes::default();
    let t = Instant::now();
    let report = metrics::compute(portfolio, resolved.as_of);
    times.metrics = t.elapsed();
    add_lint(&mut warnings, lint::internal_terms(portfolio, &report, None));
    add_lint(&mut warnings, quarter_end::warnings(portfolio, &report));

    let files = std::sync::Mutex::new(SiteFiles::new());
    let made = produce(
        portfolio,
        &report,
        &resolved,
        inputs.live_reload,
        &mut times,
        |path, bytes| {
            files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path, bytes);
            Ok(())
        },
    )?;
    Ok(Site {
        files: files.into_inner().unwrap_or_else(|e| e.into_inner()),
        report,
        warnings,
        times,
        pages: made.pages,
        theme_dir: resolved.theme_dir.clone(),
    })
}

/// Adds the warnings of a lint over the computed report to the load's, in file order.
fn add_lint(warnings: &mut Vec<Diagnostic>, lint: Vec<Diagnostic>) {
    if !lint.is_empty() {
        warnings.extend(lint);
        diagnostics::sort(warnings);
    }
}

/// The warnings `folio check` adds to the load's: those found by computing the portfolio as of
/// its as-of date (`portfolio.yaml`'s, else today): the `internal-term` lint of every
/// customer report and the `quarter-end-update` warnings.
pub fn check_computed(portfolio: &Portfolio) -> Vec<Diagnostic> {
    let as_of = resolve(portfolio, None, None, None).as_of;
    // The per-project figures decide what a customer sees; the 13-week trend is not needed.
    let report = metrics::compute_current(portfolio, as_of);
    let mut out = lint::internal_terms(portfolio, &report, None);
    out.extend(quarter_end::warnings(portfolio, &report));
    out
}

/// What [`produce`] handed over.
#[derive(Default)]
struct Made {
    /// HTML pages (not counting the customer reports beside project pages: downloads).
    pages: usize,
    files: usize,
    bytes: u64,
}

/// Renders every page of the site and makes the exports, handing each file to `sink` (from
/// several threads) as soon as it exists: what `folio build` writes and what a build in memory
/// holds are made by this one function. Sets the render and export times.
fn produce(
    portfolio: &Portfolio,
    report: &Report,
    resolved: &Resolved,
    live_reload: bool,
    times: &mut StageTimes,
    sink: impl Fn(String, Vec<u8>) -> anyhow::Result<()> + Sync,
) -> Result<Made, BuildError> {
    let hand_over = |files: Vec<(String, Vec<u8>)>| -> anyhow::Result<Made> {
        let mut made = Made {
            files: files.len(),
            ..Made::default()
        };
        for (path, bytes) in files {
            made.pages += usize::from(path.ends_with(".html") && !render::onefile::is_site_report(&path));
            made.bytes += bytes.len() as u64;
            sink(path, bytes)?;
        }
        Ok(made)
    };
    let add = |a: Made, b: Made| Made {
        pages: a.pages + b.pages,
        files: a.files + b.files,
        bytes: a.bytes + b.bytes,
    };
    let renderer = render::Renderer::new(&resolved.site_options(live_reload))?;
    let ctx = render::views::Ctx::new(portfolio, report);
    let jobs = renderer.jobs(&ctx);
    // The exports (one long single-threaded task: `portfolio.json` of a 10,000-project portfolio
    // is 360 MB) run beside the pages instead of after them, on whichever thread is free.
    let timed = |f: &dyn Fn() -> anyhow::Result<Made>| {
        let t = Instant::now();
        (f(), t.elapsed())
    };
    let ((pages, render_time), (exports, export_time)) = rayon::join(
        || {
            timed(&|| {
                jobs.par_iter()
                    .map(|job| hand_over(renderer.run(&ctx, job)?))
                    .try_reduce(Made::default, |a, b| Ok(add(a, b)))
            })
        },
        || timed(&|| hand_over(export::export_all(portfolio, report, &resolved.base_url)?)),
    );
    times.render = render_time;
    times.export = export_time;
    let (pages, exports) = (pages?, exports?);
    Ok(add(pages, exports))
}

/// What every build does before computing: `--as-of` replaces the as-of date the loader
/// warned against, and the options are resolved and the base URL checked.
pub fn prepare(
    portfolio: &Portfolio,
    warnings: &mut Vec<Diagnostic>,
    inputs: &SiteInputs,
) -> Result<Resolved, BuildError> {
    if let Some(flag) = inputs.as_of.filter(|d| Some(*d) != portfolio.config.as_of) {
        warnings.retain(|d| d.code != "after-as-of");
        warnings.extend(load::after_as_of(portfolio, flag));
        diagnostics::sort(warnings);
    }
    let resolved = resolve(portfolio, inputs.as_of, inputs.base_url, inputs.theme);
    if let Some(why) = load::base_url::problem(&resolved.base_url) {
        return Err(BuildError::Other(anyhow::anyhow!(
            "the base URL `{}` (from --base-url, portfolio.yaml or $CI_PAGES_URL) is not usable: \
             {why}; give the address the site is published at, e.g. `https://group.gitlab.io/portfolio/`",
            resolved.base_url.escape_debug()
        )));
    }
    Ok(resolved)
}

/// What `folio build` wrote.
#[derive(Debug, Clone)]
pub struct Written {
    pub report: Report,
    /// Suspicious but valid content (warnings, not errors).
    pub warnings: Vec<Diagnostic>,
    /// `render` includes writing each page into the temporary output folder as it is rendered;
    /// `write` is putting that folder in place of the output.
    pub times: StageTimes,
    /// HTML pages written (not counting the customer reports).
    pub pages: usize,
    /// Files written, and their bytes.
    pub files: usize,
    pub bytes: u64,
}

/// `folio build`: validate, compute, render, then replace the output folder only when all of
/// it succeeded. Pages are written into a temporary folder beside the output as they are
/// rendered (the whole site is never held in memory); that folder replaces the output in one
/// step at the end, or is deleted if anything failed.
pub fn build(opts: &BuildOptions) -> Result<Written, BuildError> {
    write::refuse_overlap(&opts.output, &[("content", &opts.content)])?;
    let inputs = opts.site_inputs();
    let mut times = StageTimes::default();
    let t = Instant::now();
    let loaded = load::load(inputs.content).map_err(BuildError::Content)?;
    times.load = t.elapsed();
    let portfolio = &loaded.portfolio;
    let mut warnings = loaded.warnings;
    let resolved = prepare(portfolio, &mut warnings, &inputs)?;
    if let Some(theme) = &resolved.theme_dir {
        write::refuse_overlap(&opts.output, &[("theme", theme)])?;
    }
    let t = Instant::now();
    let report = metrics::compute(portfolio, resolved.as_of);
    times.metrics = t.elapsed();
    add_lint(&mut warnings, lint::internal_terms(portfolio, &report, None));
    add_lint(&mut warnings, quarter_end::warnings(portfolio, &report));

    let staging = write::Staging::begin(&opts.output)?;
    let made = produce(
        portfolio,
        &report,
        &resolved,
        inputs.live_reload,
        &mut times,
        |path, bytes| staging.write(&path, &bytes),
    )?;

    let t = Instant::now();
    staging.commit()?;
    times.write = t.elapsed();
    Ok(Written {
        report,
        warnings,
        times,
        pages: made.pages,
        files: made.files,
        bytes: made.bytes,
    })
}
