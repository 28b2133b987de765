//! The one pipeline driver: load → metrics → render → write, for `folio build` (a folder),
//! `folio report` (one file) and `folio serve` (pages in memory), all from one [`Settings`].
//!
//! Each stage is a function here, so the three commands differ only in what they do with the
//! result: [`build`] writes the output folder, [`site`] holds the files in memory, [`report`]
//! renders one project's report, and `folio serve` ([`crate::serve::rebuild`]) calls
//! [`prepare`], [`compute_with`] and [`renderer`] with its incremental loader.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::anyhow;
use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};
use crate::format;
use crate::model::Portfolio;
use crate::render::onefile::Audience;
use crate::render::{self, Renderer};
use crate::report::Report;
pub use crate::settings::{Resolved, Settings};
use crate::status_report::{self, ReportFile};
use crate::{export, lint, load, metrics, write};

pub use crate::render::SiteFiles;

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

/// Stage 1: loads the content folder (every problem found, or the model and its warnings).
pub fn load(settings: &Settings, times: &mut StageTimes) -> Result<load::Loaded, BuildError> {
    let t = Instant::now();
    let loaded = load::load(&settings.content).map_err(BuildError::Content)?;
    times.load = t.elapsed();
    Ok(loaded)
}

/// Resolves as-of date, base URL and theme folder (flag > `portfolio.yaml` > environment >
/// default).
pub fn resolve(portfolio: &Portfolio, settings: &Settings) -> Resolved {
    let as_of = settings
        .as_of
        .or(portfolio.config.as_of)
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let base_url = settings
        .base_url
        .clone()
        .or_else(|| portfolio.config.base_url.clone())
        .or_else(|| std::env::var("CI_PAGES_URL").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "/".to_string());
    let theme = settings.theme.as_deref().unwrap_or(&portfolio.config.theme);
    Resolved {
        as_of,
        base_url: crate::settings::with_slash(&base_url),
        theme_dir: render::theme::find_theme_dir(&portfolio.root, theme),
        live_reload: settings.live_reload,
    }
}

/// What every run does between loading and computing: `--as-of` replaces the as-of date the
/// loader warned against, and the settings are resolved.
pub fn prepare(portfolio: &Portfolio, warnings: &mut Vec<Diagnostic>, settings: &Settings) -> Resolved {
    if let Some(flag) = settings.as_of.filter(|d| Some(*d) != portfolio.config.as_of) {
        warnings.retain(|d| d.code != "after-as-of");
        warnings.extend(load::after_as_of(portfolio, flag));
        diagnostics::sort(warnings);
    }
    resolve(portfolio, settings)
}

/// A site's base URL must be usable in links: an error naming where it came from otherwise.
fn check_base_url(resolved: &Resolved) -> Result<(), BuildError> {
    match load::base_url::problem(&resolved.base_url) {
        None => Ok(()),
        Some(why) => Err(BuildError::Other(anyhow!(
            "the base URL `{}` (from --base-url, portfolio.yaml or $CI_PAGES_URL) is not usable: \
             {why}; give the address the site is published at, e.g. `https://group.gitlab.io/portfolio/`",
            resolved.base_url.escape_debug()
        ))),
    }
}

/// Stage 2: the report of `portfolio` as of the resolved date (with the 13-week trend), and
/// the warnings found by reading it ([`computed_warnings`]) added to `warnings`.
pub fn compute(
    portfolio: &Portfolio,
    resolved: &Resolved,
    warnings: &mut Vec<Diagnostic>,
    times: &mut StageTimes,
) -> Report {
    compute_with(
        portfolio,
        warnings,
        times,
        || metrics::compute(portfolio, resolved.as_of),
        |r| r,
    )
}

/// [`compute`] with the metrics call given (`folio serve` computes without the trend and
/// reuses the unchanged projects of its previous build): times it, and adds the warnings found
/// by reading the report it returns (`report_of`).
pub fn compute_with<T>(
    portfolio: &Portfolio,
    warnings: &mut Vec<Diagnostic>,
    times: &mut StageTimes,
    metrics: impl FnOnce() -> T,
    report_of: impl FnOnce(&T) -> &Report,
) -> T {
    let t = Instant::now();
    let computed = metrics();
    times.metrics = t.elapsed();
    let found = computed_warnings(portfolio, report_of(&computed));
    if !found.is_empty() {
        warnings.extend(found);
        diagnostics::sort(warnings);
    }
    computed
}

/// The warnings found by computing the portfolio, the same for `build`, `serve` and `check`:
/// the `internal-term` lint of every customer report, the opportunities whose start has passed
/// as of the report's date, and the `quarter-end-update` warnings.
fn computed_warnings(portfolio: &Portfolio, report: &Report) -> Vec<Diagnostic> {
    let mut out = lint::internal_terms(portfolio, report, None);
    out.extend(metrics::pipeline::started(portfolio, report.as_of));
    out.extend(crate::quarter_end::warnings(portfolio, report));
    out
}

/// The warnings `folio check` adds to the load's: those found by computing the portfolio as of
/// its as-of date (`portfolio.yaml`'s, else today): the `internal-term` lint of every customer
/// report, the `quarter-end-update` warnings and the opportunities whose start has passed.
pub fn check_computed(portfolio: &Portfolio) -> Vec<Diagnostic> {
    let as_of = resolve(portfolio, &Settings::default()).as_of;
    // The per-project figures decide what a customer sees; the 13-week trend is not needed.
    computed_warnings(portfolio, &metrics::compute_current(portfolio, as_of))
}

/// Stage 3's theme: the compiled templates and static files of the resolved theme.
pub fn renderer(resolved: &Resolved) -> Result<Renderer, BuildError> {
    Ok(Renderer::new(resolved)?)
}

/// What [`produce`] handed over.
#[derive(Default)]
struct Made {
    /// HTML pages (not counting the customer reports beside project pages: downloads).
    pages: usize,
    files: usize,
    bytes: u64,
}

/// Stages 3 and 4: renders every page of the site and makes the exports, handing each file to
/// `sink` (from several threads) as soon as it exists: what `folio build` writes and what a
/// build in memory holds are made by this one function. Sets the render and export times.
fn produce(
    report: &Report,
    resolved: &Resolved,
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
    let renderer = renderer(resolved)?;
    let ctx = render::views::Ctx::new(report);
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
        || timed(&|| hand_over(export::export_all(report, &resolved.base_url)?)),
    );
    times.render = render_time;
    times.export = export_time;
    let (pages, exports) = (pages?, exports?);
    Ok(add(pages, exports))
}

/// Loads, computes and renders a site in memory, without touching an output folder.
pub fn site(settings: &Settings) -> Result<Site, BuildError> {
    let mut times = StageTimes::default();
    let loaded = load(settings, &mut times)?;
    let mut site = site_of(&loaded.portfolio, loaded.warnings, settings)?;
    site.times.load = times.load;
    Ok(site)
}

/// The stages of [`site`] after loading: computes and renders the loaded `portfolio` (whose
/// load found `warnings`).
pub fn site_of(
    portfolio: &Portfolio,
    mut warnings: Vec<Diagnostic>,
    settings: &Settings,
) -> Result<Site, BuildError> {
    let resolved = prepare(portfolio, &mut warnings, settings);
    check_base_url(&resolved)?;
    let mut times = StageTimes::default();
    let report = compute(portfolio, &resolved, &mut warnings, &mut times);
    let files = std::sync::Mutex::new(SiteFiles::new());
    let made = produce(&report, &resolved, &mut times, |path, bytes| {
        files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, bytes);
        Ok(())
    })?;
    Ok(Site {
        files: files.into_inner().unwrap_or_else(|e| e.into_inner()),
        report,
        warnings,
        times,
        pages: made.pages,
        theme_dir: resolved.theme_dir,
    })
}

/// `folio build`: validate, compute, render, then replace the `output` folder only when all of
/// it succeeded. Pages are written into a temporary folder beside the output as they are
/// rendered (the whole site is never held in memory); that folder replaces the output in one
/// step at the end, or is deleted if anything failed.
pub fn build(settings: &Settings, output: &Path) -> Result<Written, BuildError> {
    write::refuse_overlap(output, &[("content", &settings.content)])?;
    let mut times = StageTimes::default();
    let loaded = load(settings, &mut times)?;
    let portfolio = &loaded.portfolio;
    let mut warnings = loaded.warnings;
    let resolved = prepare(portfolio, &mut warnings, settings);
    check_base_url(&resolved)?;
    if let Some(theme) = &resolved.theme_dir {
        write::refuse_overlap(output, &[("theme", theme)])?;
    }
    let report = compute(portfolio, &resolved, &mut warnings, &mut times);

    let staging = write::Staging::begin(output)?;
    let made = produce(&report, &resolved, &mut times, |path, bytes| {
        staging.write(&path, &bytes)
    })?;

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

/// `folio report`: the status report of `project` for `audience` as one self-contained HTML
/// file. An unknown project id is an error with a did-you-mean hint; a project without an
/// update as of the date gets a report that says so.
pub fn report(settings: &Settings, project: &str, audience: Audience) -> Result<ReportFile, BuildError> {
    let loaded = load(settings, &mut StageTimes::default())?;
    let portfolio = &loaded.portfolio;
    if !portfolio.projects.iter().any(|p| p.id == project) {
        let ids: Vec<&str> = portfolio.projects.iter().map(|p| p.id.as_str()).collect();
        return Err(BuildError::Other(anyhow!(
            "{}",
            status_report::unknown_project(project, &ids, &settings.content)
        )));
    }
    let mut warnings = loaded.warnings;
    let resolved = prepare(portfolio, &mut warnings, settings);
    // The warnings about this project and the portfolio, not about every other project.
    let own = Path::new("projects").join(project);
    warnings.retain(|d| d.path.starts_with(&own) || !d.path.starts_with("projects"));
    let report = metrics::compute(portfolio, resolved.as_of);
    warnings.extend(lint::internal_terms(portfolio, &report, Some(project)));
    warnings.extend(metrics::pipeline::started(portfolio, resolved.as_of));
    let renderer = renderer(&resolved)?;
    let ctx = render::views::Ctx::new(&report);
    let p = ctx
        .project(project)
        .ok_or_else(|| anyhow!("project `{project}` has no computed report"))?;
    warnings.extend(status_report::said_in_the_report(portfolio, p, audience));
    diagnostics::sort(&mut warnings);
    let html = renderer.report(&ctx, p, audience)?;
    Ok(ReportFile {
        html,
        as_of: resolved.as_of,
        warnings,
    })
}
