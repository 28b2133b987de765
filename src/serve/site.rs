//! The site `folio serve` shows: loaded and computed when the content changes, rendered when a
//! page is asked for.
//!
//! A [`Generation`] is one build of the content: the model, the report (its 13-week trend is
//! computed the first time a page that shows it is asked for), the compiled theme and the
//! render jobs with the paths each one writes — the same jobs, run by the same code, as a full
//! `folio build`. A request runs the job that owns its path, once (the result is kept), so an
//! edit is visible as soon as the edited page is rendered, not when the thousands of others
//! are. A background pass ([`Generation::fill`]) then renders the rest, so a broken page is
//! reported and later requests are served from memory; a newer generation stops it. The
//! bytes of project pages and their customer reports (the bulk of a large site: 520 MiB at
//! 2,000 projects with long narratives) are not kept: such a job is rendered again when asked
//! for (a few milliseconds), so memory holds the model, the report and the pages that list
//! every project. What is known of jobs whose inputs did not change (their files, or that they
//! render without a problem) is carried over from the previous generation (see
//! [`crate::render::reuse`]); kept bytes are shared, not copied.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use crate::metrics::project::Extras;
use crate::model::Portfolio;
use crate::render::reuse::Previous;
use crate::render::views::Ctx;
use crate::render::{Job, Renderer};
use crate::report::Report;

/// The bytes of a file, shared between generations and the request threads.
pub type Bytes = Arc<Vec<u8>>;

/// A site held in memory as path → bytes.
pub type Pages = BTreeMap<String, Bytes>;

/// The files of a job.
type Files = Arc<Vec<(String, Bytes)>>;

/// What a job gave: its files, or why it failed (one line per cause).
type Output = Result<Files, String>;

/// What is known of a job.
#[derive(Debug, Clone)]
enum State {
    Todo,
    /// Rendered; its files kept.
    Kept(Files),
    /// Rendered without a problem; its files not kept (rendered again when asked for): their
    /// paths.
    Checked(Arc<Vec<String>>),
    Failed(String),
}

/// What the server can ask of a site.
pub trait Site: Send + Sync {
    /// True when the site has a file at `path`.
    fn has(&self, path: &str) -> bool;
    /// The file at `path` (rendered now if it was not yet), or why it could not be rendered.
    fn get(&self, path: &str) -> Option<Result<Bytes, String>>;
}

impl Site for Pages {
    fn has(&self, path: &str) -> bool {
        self.contains_key(path)
    }

    fn get(&self, path: &str) -> Option<Result<Bytes, String>> {
        BTreeMap::get(self, path).map(|b| Ok(Arc::clone(b)))
    }
}

/// Which producer writes a path.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Job(usize),
    Exports,
}

/// One build of the content, rendered on demand.
pub struct Generation {
    portfolio: Portfolio,
    /// The report without the trend: what project and program pages read.
    current: Report,
    /// The rest of each project's figures, for the next generation's metrics.
    extras: Vec<Extras>,
    /// The report with the trend, computed when first needed.
    full: OnceLock<Report>,
    base_url: String,
    renderer: Arc<Renderer>,
    jobs: Vec<Job>,
    index: HashMap<String, Slot>,
    states: Vec<Mutex<State>>,
    exports: OnceLock<Output>,
    /// Set when a newer build starts: [`Generation::fill`] stops.
    stopped: AtomicBool,
    /// Held by a running [`Generation::fill`], so a resumed pass waits for a stopping one.
    filling: Mutex<()>,
}

/// How a [`Generation::fill`] ended.
#[derive(Debug, Default)]
pub struct Filled {
    /// Jobs run by this pass (not those already run by requests or carried over).
    pub rendered: usize,
    /// The errors of failed jobs, one entry per job.
    pub errors: Vec<String>,
    /// True when it stopped early because a newer generation exists.
    pub stopped: bool,
}

impl Generation {
    /// A generation of `portfolio` as computed in `current` (without the trend; with the
    /// projects' [`Extras`]). With `prev` (the previous generation and the projects read again
    /// since), the jobs whose inputs are the same take what it knows of them.
    pub fn new(
        portfolio: Portfolio,
        (current, extras): (Report, Vec<Extras>),
        base_url: String,
        renderer: Arc<Renderer>,
        prev: Option<(&Generation, &BTreeSet<String>)>,
    ) -> Generation {
        let prev = prev.map(|(g, reread)| (g, g.previous(reread)));
        let jobs = renderer.jobs(&Ctx::new(&current));
        let mut index = HashMap::new();
        for (i, job) in jobs.iter().enumerate() {
            for path in job.paths(&renderer) {
                index.insert(path, Slot::Job(i));
            }
        }
        for name in crate::export::file_names() {
            index.insert(name, Slot::Exports);
        }
        let states = jobs
            .iter()
            .map(|job| {
                let known = prev
                    .as_ref()
                    .and_then(|(g, p)| g.reusable(job, p, &portfolio, &current, &renderer));
                Mutex::new(known.unwrap_or(State::Todo))
            })
            .collect();
        Generation {
            portfolio,
            current,
            extras,
            full: OnceLock::new(),
            base_url,
            renderer,
            jobs,
            index,
            states,
            exports: OnceLock::new(),
            stopped: AtomicBool::new(false),
            filling: Mutex::new(()),
        }
    }

    /// What this (previous) generation knows of `job`, when it still holds for the new
    /// generation (`portfolio`, `report`) that `change` describes.
    fn reusable(
        &self,
        job: &Job,
        change: &Previous,
        portfolio: &Portfolio,
        report: &Report,
        renderer: &Renderer,
    ) -> Option<State> {
        let keeps = match job {
            Job::Project(id) => report
                .projects
                .binary_search_by(|p| p.id.as_str().cmp(id))
                .ok()
                .is_some_and(|i| change.keeps_project_page(&portfolio.config, report, &report.projects[i])),
            Job::Program(id) => report
                .programs
                .iter()
                .find(|g| &g.id == id)
                .is_some_and(|g| change.keeps_program_page(portfolio, report, g)),
            // Only project and program files changed: the theme is the same.
            Job::Statics => true,
            _ => false,
        };
        if !keeps {
            return None;
        }
        let first = job.paths(renderer).into_iter().next()?;
        let Some(Slot::Job(i)) = self.index.get(&first) else {
            return None;
        };
        match self.state(*i) {
            s @ (State::Kept(_) | State::Checked(_)) => Some(s),
            _ => None,
        }
    }

    fn state(&self, i: usize) -> State {
        self.states[i].lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The compiled theme (a rebuild with the same theme and options uses it again).
    pub fn renderer(&self) -> &Arc<Renderer> {
        &self.renderer
    }

    /// What the next generation may carry over of this one's pages (see
    /// [`crate::render::reuse`]).
    fn previous<'a>(&'a self, reread: &'a BTreeSet<String>) -> Previous<'a> {
        Previous {
            config: &self.portfolio.config,
            programs: &self.portfolio.programs,
            report: &self.current,
            reread,
        }
    }

    /// What the next generation's metrics may take from this one (see
    /// [`crate::metrics::Earlier`]).
    pub fn earlier<'a>(&'a self, reread: &'a BTreeSet<String>) -> crate::metrics::Earlier<'a> {
        crate::metrics::Earlier {
            config: &self.portfolio.config,
            report: &self.current,
            extras: &self.extras,
            reread,
        }
    }

    /// The report with the 13-week trend (computed on first use).
    pub fn full_report(&self) -> &Report {
        self.full.get_or_init(|| {
            let mut r = self.current.clone();
            r.trend = crate::metrics::trend::trend(&self.portfolio, &self.current);
            r
        })
    }

    /// The number of HTML pages (the customer reports beside project pages are downloads).
    pub fn pages(&self) -> usize {
        self.index.keys().filter(|k| k.ends_with(".html")).count()
    }

    /// Stops a running [`Generation::fill`] (a newer build starts).
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::Relaxed);
    }

    /// Lets [`Generation::fill`] run again after [`Generation::stop`]: the newer build failed,
    /// so this generation stays the one served. A new pass renders what the stopped one left.
    pub fn resume(&self) {
        self.stopped.store(false, Ordering::Relaxed);
    }

    /// The files of job `i`: kept ones, or rendered now with `ctx` (built from the right
    /// report) or a new one.
    fn output(&self, i: usize, ctx: Option<&Ctx>) -> Output {
        match self.state(i) {
            State::Kept(files) => return Ok(files),
            State::Failed(e) => return Err(e),
            State::Todo | State::Checked(_) => {}
        }
        let job = &self.jobs[i];
        let run = || match ctx {
            Some(ctx) => self.renderer.run(ctx, job),
            None => {
                let report = if job.needs_trend() {
                    self.full_report()
                } else {
                    &self.current
                };
                self.renderer.run(&Ctx::new(report), job)
            }
        };
        let result = caught(run);
        let mut state = self.states[i].lock().unwrap_or_else(|e| e.into_inner());
        *state = match &result {
            // A project's page and report: rendered again when asked for.
            Ok(files) if matches!(job, Job::Project(_)) => {
                State::Checked(Arc::new(files.iter().map(|(p, _)| p.clone()).collect()))
            }
            Ok(files) => State::Kept(Arc::clone(files)),
            Err(e) => State::Failed(e.clone()),
        };
        result
    }

    fn exports(&self) -> Output {
        self.exports
            .get_or_init(|| caught(|| crate::export::export_all(self.full_report(), &self.base_url)))
            .clone()
    }

    fn slot_of(&self, path: &str) -> Option<Slot> {
        if let Some(slot) = self.index.get(path) {
            return Some(*slot);
        }
        // A customer report (`projects/<id>/<id>-status-<hash>.html`), whose name is known
        // once its project's job ran.
        if !crate::render::onefile::is_site_report(path) {
            return None;
        }
        let id = path.strip_prefix("projects/")?.split('/').next()?;
        self.index.get(&format!("projects/{id}/index.html")).copied()
    }

    fn find(&self, path: &str) -> Option<Result<Bytes, String>> {
        let output = match self.slot_of(path)? {
            Slot::Job(i) => self.output(i, None),
            Slot::Exports => self.exports(),
        };
        match output {
            Ok(files) => files
                .iter()
                .find(|(p, _)| p == path)
                .map(|(_, b)| Ok(Arc::clone(b))),
            Err(e) => Some(Err(e)),
        }
    }

    /// Renders every job not rendered yet, one after the other on the calling thread (so a
    /// request or a rebuild is not queued behind it), then the exports; stops early once
    /// [`Generation::stop`] is called. One pass at a time: a second call waits for the first.
    pub fn fill(&self) -> Filled {
        let _one_pass_at_a_time = self.filling.lock().unwrap_or_else(|e| e.into_inner());
        let mut rendered = 0;
        let now = Ctx::new(&self.current);
        let mut full = None;
        for (i, job) in self.jobs.iter().enumerate() {
            if self.is_stopped() {
                break;
            }
            if !matches!(self.state(i), State::Todo) {
                continue;
            }
            let ctx = if job.needs_trend() {
                &*full.get_or_insert_with(|| Ctx::new(self.full_report()))
            } else {
                &now
            };
            let _ = self.output(i, Some(ctx));
            rendered += 1;
        }
        let mut errors: Vec<String> = (0..self.jobs.len())
            .filter_map(|i| match self.state(i) {
                State::Failed(e) => Some(e),
                _ => None,
            })
            .collect();
        if !self.is_stopped() {
            errors.extend(self.exports().err());
        }
        Filled {
            rendered,
            errors,
            stopped: self.is_stopped(),
        }
    }

    fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    /// Every file of the generation (rendering what is not kept), or the first error.
    pub fn render_all(&self) -> Result<Pages, String> {
        let mut pages = Pages::new();
        for i in 0..self.jobs.len() {
            for (path, bytes) in self.output(i, None)?.iter() {
                pages.insert(path.clone(), Arc::clone(bytes));
            }
        }
        for (path, bytes) in self.exports()?.iter() {
            pages.insert(path.clone(), Arc::clone(bytes));
        }
        Ok(pages)
    }

    /// The jobs run so far (or carried over).
    #[cfg(test)]
    pub fn rendered(&self) -> usize {
        (0..self.jobs.len())
            .filter(|i| !matches!(self.state(*i), State::Todo))
            .count()
    }

    /// What is known of the job that writes `path`: `todo`, `kept`, `checked` or `failed`.
    #[cfg(test)]
    pub fn state_of(&self, path: &str) -> &'static str {
        match self.slot_of(path).map(|s| match s {
            Slot::Job(i) => self.state(i),
            Slot::Exports => State::Todo,
        }) {
            Some(State::Todo) | None => "todo",
            Some(State::Kept(_)) => "kept",
            Some(State::Checked(_)) => "checked",
            Some(State::Failed(_)) => "failed",
        }
    }

    /// The paths known before rendering (all but the customer reports), sorted.
    #[cfg(test)]
    pub fn paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self.index.keys().cloned().collect();
        v.sort();
        v
    }

    /// True once the 13-week trend was computed.
    #[cfg(test)]
    pub fn trend_computed(&self) -> bool {
        self.full.get().is_some()
    }
}

impl Site for Generation {
    fn has(&self, path: &str) -> bool {
        match self.slot_of(path) {
            Some(Slot::Job(i)) if !self.index.contains_key(path) => {
                // A customer report: it exists when its project's job wrote it.
                match self.state(i) {
                    State::Checked(paths) => paths.iter().any(|p| p == path),
                    State::Failed(_) => false,
                    State::Kept(_) | State::Todo => {
                        matches!(self.output(i, None), Ok(files) if files.iter().any(|(p, _)| p == path))
                    }
                }
            }
            Some(_) => true,
            None => false,
        }
    }

    fn get(&self, path: &str) -> Option<Result<Bytes, String>> {
        self.find(path)
    }
}

/// Runs `f`; an error or a panic becomes the error text.
fn caught(f: impl FnOnce() -> anyhow::Result<Vec<(String, Vec<u8>)>>) -> Output {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(files)) => Ok(Arc::new(
            files.into_iter().map(|(p, b)| (p, Arc::new(b))).collect(),
        )),
        Ok(Err(e)) => Err(format!("{e:#}")),
        Err(panic) => Err(panic_text(panic.as_ref())),
    }
}

/// "internal error: " and the message of a caught panic.
pub(crate) fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    let msg = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("internal error: {msg}")
}
