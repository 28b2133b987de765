//! Load stage: walks the content folder, parses every file (YAML only through `crate::yaml`),
//! validates every rule of docs/content.md and builds the typed [`Portfolio`]. All problems of a
//! run are collected, located by file, line and column, and returned together.
//!
//! Submodules: [`walk`] finds and reads the files, [`frontmatter`] cuts updates in two,
//! [`rules`] words the common checks, [`validate`] and [`update`] check one file, [`records`]
//! and [`warnings`] check a project's updates against each other, [`project`] runs one project.

pub mod base_url;
mod frontmatter;
pub mod incremental;
mod layout;
pub mod people;
pub mod pipeline;
mod placeholder;
mod project;
mod records;
mod rules;
pub mod time;
mod update;
mod validate;
mod walk;

pub use rules::{date_in_range, MAX_AMOUNT, MAX_DATE, MIN_DATE};
mod warnings;

use std::cell::OnceCell;
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostics::{self, Diagnostic};
use crate::model::{Person, Portfolio, PortfolioFile, Program, ProgramFile, Update};
use crate::yaml::{self, KeyIndex, Source};

pub use records::next_free_id;
pub use walk::{date_of_name, is_valid_id};
pub use warnings::after_as_of;

/// A successfully loaded portfolio with the warnings (suspicious but valid content) found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub warnings: Vec<Diagnostic>,
}

/// An update read without errors, kept while its project's updates are checked against each
/// other. The front matter's key index is rebuilt from `yaml` only when a problem found across
/// updates must be located.
pub(crate) struct Parsed {
    pub update: Update,
    /// The front matter text.
    pub yaml: String,
    index: OnceCell<KeyIndex>,
}

impl Parsed {
    fn new(update: Update, yaml: String) -> Self {
        Parsed {
            update,
            yaml,
            index: OnceCell::new(),
        }
    }

    /// The front matter as a located source.
    fn source(&self) -> Source<'_> {
        Source {
            path: &self.update.path,
            text: &self.yaml,
            line_offset: 1,
        }
    }

    /// The key index of the front matter (it was read once without errors, so the scan
    /// succeeds again).
    fn index(&self) -> &KeyIndex {
        self.index
            .get_or_init(|| yaml::scan(self.source()).unwrap_or_default())
    }
}

/// The YAML front matter of an update file's text, when it is fenced by `---` lines.
pub fn split_front_matter(text: &str) -> Option<&str> {
    frontmatter::split(Path::new(""), text).ok().map(|s| s.yaml)
}

/// Loads and validates the content folder `root`.
///
/// `Err` holds every diagnostic found (errors and warnings), sorted by file and line.
pub fn load(root: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    load_with_today(root, chrono::Local::now().date_naive())
}

/// [`load`] with a fixed "today", which only decides whether an update lies in the future.
pub fn load_with_today(root: &Path, today: NaiveDate) -> Result<Loaded, Vec<Diagnostic>> {
    let mut top = load_top(root);
    let dirs = std::mem::take(&mut top.dirs);
    let projects = load_projects(root, &top, dirs, today);
    let order = top.config.as_ref().map(|c| c.time_date_order).unwrap_or_default();
    let time = read_time(root, &top.time_files, order, |_| None);
    let mut diags = top.diags;
    let mut portfolio_projects = Vec::with_capacity(projects.len());
    for (_, p, d) in projects {
        diags.extend(d);
        portfolio_projects.extend(p);
    }
    let extra = Extra {
        people: top.people,
        time,
        today,
        pipeline: top.pipeline,
    };
    finish(root, top.config, top.programs, portfolio_projects, diags, extra)
}

/// One time export as read: the file (when it had no error) and its problems.
#[derive(Debug, Clone)]
pub(crate) struct TimeRead {
    pub path: std::path::PathBuf,
    pub order: crate::model::DateOrder,
    pub file: Option<std::sync::Arc<time::TimeFile>>,
    pub diags: Vec<Diagnostic>,
}

/// Reads the time exports `paths` in parallel; `reuse` may give one read earlier.
pub(crate) fn read_time(
    root: &Path,
    paths: &[std::path::PathBuf],
    order: crate::model::DateOrder,
    reuse: impl Fn(&Path) -> Option<TimeRead> + Sync,
) -> Vec<TimeRead> {
    paths
        .par_iter()
        .map(|rel| {
            reuse(rel).filter(|r| r.order == order).unwrap_or_else(|| {
                let mut diags = Vec::new();
                let file = time::read_file(root, rel, order, &mut diags).map(std::sync::Arc::new);
                TimeRead {
                    path: rel.clone(),
                    order,
                    file,
                    diags,
                }
            })
        })
        .collect()
}

/// Matches the rows of the time exports to people and projects: the entries, with the
/// problems of reading the files and the warnings of matching them.
pub(crate) fn resolve_time(
    config: &PortfolioFile,
    people: Option<&[Person]>,
    projects: &[std::sync::Arc<crate::model::Project>],
    reads: &[TimeRead],
) -> (std::sync::Arc<crate::model::TimeEntries>, Vec<Diagnostic>) {
    let mut diags: Vec<Diagnostic> = reads.iter().flat_map(|t| t.diags.iter().cloned()).collect();
    let files: Vec<&time::TimeFile> = reads.iter().filter_map(|t| t.file.as_deref()).collect();
    let (time, warnings) = time::resolve(config, people, projects, &files);
    diags.extend(warnings);
    (std::sync::Arc::new(time), diags)
}

/// The checks of updates against the entries: `hours` missing where no entry gives it, and
/// `hours-mismatch` (the latest update as of `as_of`, else `today`).
pub(crate) fn check_time(
    root: &Path,
    config: &PortfolioFile,
    projects: &[std::sync::Arc<crate::model::Project>],
    time: &crate::model::TimeEntries,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) {
    diags.extend(time::missing_hours(projects, time));
    diags.extend(time::hours_mismatch(
        root,
        projects,
        time,
        config.as_of.unwrap_or(today),
    ));
}

/// What [`finish`] needs besides the files every load reads.
pub(crate) struct Extra {
    pub people: Option<Vec<Person>>,
    pub time: Vec<TimeRead>,
    /// Decides which update is the latest for `hours-mismatch` without `as_of`.
    pub today: NaiveDate,
    /// `pipeline.yaml` (empty without one).
    pub pipeline: crate::model::Pipeline,
}

/// What a load reads outside the project folders: the walk, `portfolio.yaml` and the programs.
pub(crate) struct Top {
    /// Problems of the walk, `portfolio.yaml` and the programs, in the order found.
    pub diags: Vec<Diagnostic>,
    pub config: Option<PortfolioFile>,
    pub programs: Vec<Program>,
    pub program_ids: Vec<String>,
    /// The region ids `portfolio.yaml` declares (sorted), when it declares any.
    pub region_ids: Option<Vec<String>>,
    pub canon_root: std::path::PathBuf,
    /// The project folders, sorted by id, not yet listed.
    pub dirs: Vec<walk::ProjectDir>,
    /// `pipeline.yaml` (empty without one).
    pub pipeline: crate::model::Pipeline,
    /// `people.yaml`, when present and valid.
    pub people: Option<Vec<Person>>,
    /// The time exports under `time/`, sorted by path.
    pub time_files: Vec<std::path::PathBuf>,
}

/// Walks `root` and reads `portfolio.yaml` and the program files.
pub(crate) fn load_top(root: &Path) -> Top {
    let mut diags = Vec::new();
    let tree = walk::walk(root, &mut diags);

    let config = match &tree.portfolio {
        Some(rel) => project::yaml_file::<PortfolioFile>(root, rel, &mut diags, validate::portfolio),
        None => {
            if root.is_dir() {
                diags.push(
                    Diagnostic::error(
                        "missing-file",
                        "portfolio.yaml",
                        0,
                        0,
                        "`portfolio.yaml` is missing",
                    )
                    .expected("`portfolio.yaml` at the root of the content folder, with at least `title:`")
                    .hint("create it (see docs/content.md), or start a new content folder with `folio init`"),
                );
            }
            None
        }
    };

    // Sorted by id (file-name order differs: `a-b.yaml` < `a.yaml`, but `a` < `a-b`).
    let mut tree = tree;
    tree.programs.sort();
    tree.projects.sort_by(|a, b| a.id.cmp(&b.id));
    let program_ids: Vec<String> = tree.programs.iter().map(|(id, _)| id.clone()).collect();
    let programs: Vec<(Option<Program>, Vec<Diagnostic>)> = tree
        .programs
        .par_iter()
        .map(|(id, rel)| {
            let mut d = Vec::new();
            let file = project::yaml_file::<ProgramFile>(root, rel, &mut d, validate::program);
            let program = file.map(|file| Program {
                id: id.clone(),
                file,
                path: rel.clone(),
            });
            (program, d)
        })
        .collect();

    let region_ids: Option<Vec<String>> = config
        .as_ref()
        .and_then(|c| c.regions.as_ref())
        .map(|r| r.keys().cloned().collect());
    let mut portfolio_programs = Vec::with_capacity(programs.len());
    for (p, d) in programs {
        diags.extend(d);
        portfolio_programs.extend(p);
    }
    let pipeline = match &tree.pipeline {
        Some(rel) => pipeline::load(root, rel, region_ids.as_deref(), &mut diags),
        None => crate::model::Pipeline::default(),
    };
    let people = tree
        .people
        .as_ref()
        .and_then(|rel| people::load(root, rel, region_ids.as_deref(), &mut diags));
    let time_files = match &tree.time {
        Some(t) => walk::walk_time(root, &tree.canon_root, t, &mut diags),
        None => Vec::new(),
    };
    Top {
        people,
        time_files,
        diags,
        config,
        programs: portfolio_programs,
        program_ids,
        region_ids,
        canon_root: tree.canon_root,
        dirs: tree.projects,
        pipeline,
    }
}

/// Loads the project folders `dirs` (in parallel) against the top-level files of `top`, in
/// order: see [`load_project`].
pub(crate) fn load_projects(
    root: &Path,
    top: &Top,
    dirs: Vec<walk::ProjectDir>,
    today: NaiveDate,
) -> Vec<(
    incremental::DirKey,
    Option<crate::model::Project>,
    Vec<Diagnostic>,
)> {
    dirs.into_par_iter()
        .map(|dir| {
            load_project(
                root,
                &top.canon_root,
                dir,
                &top.program_ids,
                top.region_ids.as_deref(),
                today,
            )
        })
        .collect()
}

/// Lists and loads one project folder; returns how the walk listed it (the key to reuse it),
/// the project (when its definition could be read) and its problems.
fn load_project(
    root: &Path,
    canon_root: &Path,
    dir: walk::ProjectDir,
    program_ids: &[String],
    region_ids: Option<&[String]>,
    today: NaiveDate,
) -> (
    incremental::DirKey,
    Option<crate::model::Project>,
    Vec<Diagnostic>,
) {
    let key = incremental::DirKey::of(&dir);
    let mut d = Vec::new();
    let p = project::load(root, canon_root, dir, program_ids, region_ids, today, &mut d);
    (key, p, d)
}

/// Sorts the problems and builds the portfolio when none is an error.
pub(crate) fn finish(
    root: &Path,
    config: Option<PortfolioFile>,
    programs: Vec<Program>,
    projects: Vec<crate::model::Project>,
    diags: Vec<Diagnostic>,
    extra: Extra,
) -> Result<Loaded, Vec<Diagnostic>> {
    let projects: Vec<std::sync::Arc<crate::model::Project>> =
        projects.into_iter().map(std::sync::Arc::new).collect();
    finish_shared(root, config, programs, projects, diags, extra)
}

/// [`finish`] of projects already shared (`folio serve` keeps them between loads).
pub(crate) fn finish_shared(
    root: &Path,
    config: Option<PortfolioFile>,
    programs: Vec<Program>,
    projects: Vec<std::sync::Arc<crate::model::Project>>,
    mut diags: Vec<Diagnostic>,
    extra: Extra,
) -> Result<Loaded, Vec<Diagnostic>> {
    let time = match &config {
        Some(config) => {
            let (time, warnings) = resolve_time(config, extra.people.as_deref(), &projects, &extra.time);
            diags.extend(warnings);
            check_time(root, config, &projects, &time, extra.today, &mut diags);
            time
        }
        None => {
            diags.extend(extra.time.iter().flat_map(|t| t.diags.iter().cloned()));
            Default::default()
        }
    };
    let listed: Vec<&crate::model::Project> = projects.iter().map(|p| &**p).collect();
    diags.extend(pipeline::across(root, &extra.pipeline, &listed));
    diagnostics::sort(&mut diags);
    match config {
        Some(config) if !diags.iter().any(Diagnostic::is_error) => {
            let portfolio = Portfolio {
                root: root.to_path_buf(),
                config,
                programs,
                projects,
                pipeline: extra.pipeline,
                people: extra.people,
                time,
            };
            if let Some(as_of) = portfolio.config.as_of {
                diags.extend(after_as_of(&portfolio, as_of));
                diagnostics::sort(&mut diags);
            }
            Ok(Loaded {
                portfolio,
                warnings: diags,
            })
        }
        _ => Err(diags),
    }
}

#[cfg(test)]
mod tests;
