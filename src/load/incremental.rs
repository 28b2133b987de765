//! Loading the same content folder again after some files changed (`folio serve`).
//!
//! [`Incremental`] keeps the loaded projects and each project's diagnostics between loads. A
//! load walks the folder and reads `portfolio.yaml` and the program files again (a few files),
//! then reads again only the project folders that hold a changed path, that are new, or that
//! the walk now lists differently; the other projects and their diagnostics are kept as they
//! were. Everything else runs as in a full [`super::load`]: the same functions check each
//! project, and the diagnostics are gathered in the same order and sorted the same way, so the
//! result equals a full load of the same files (the serve tests compare the two).
//!
//! A project is loaded on its own: its checks read its own files, the list of program ids and
//! "today". When the program ids, the region ids or "today" change, every project is read again.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::model::{Portfolio, Project};

use super::walk::ProjectDir;

/// How the walk listed a project folder; a folder listed differently is read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirKey {
    dir: PathBuf,
    linked: bool,
}

impl DirKey {
    pub(crate) fn of(dir: &ProjectDir) -> DirKey {
        DirKey {
            dir: dir.dir.clone(),
            linked: dir.linked,
        }
    }
}

/// What one project folder gave the last load.
#[derive(Debug)]
struct Entry {
    key: DirKey,
    diags: Vec<Diagnostic>,
}

#[derive(Debug)]
struct State {
    root: PathBuf,
    canon_root: PathBuf,
    today: NaiveDate,
    program_ids: Vec<String>,
    /// A project's `region` is checked against these.
    region_ids: Option<Vec<String>>,
    /// By project id, in id order (the order of a full load).
    entries: Vec<(String, Entry)>,
    /// The projects whose definition could be read, by id; `portfolio.config` and `.programs`
    /// are those of the last load.
    portfolio: Portfolio,
}

/// A load that reuses what the previous load of the same folder read.
#[derive(Debug, Default)]
pub struct Incremental {
    state: Option<State>,
}

/// The result of [`Incremental::load`].
#[derive(Debug)]
pub struct Reloaded<'a> {
    pub portfolio: &'a Portfolio,
    /// The warnings of the whole portfolio, sorted (as [`super::Loaded::warnings`]).
    pub warnings: Vec<Diagnostic>,
    /// The ids of the projects read again (a project that disappeared is not listed);
    /// `None` when every project was read.
    pub reread: Option<BTreeSet<String>>,
}

impl Incremental {
    pub fn new() -> Incremental {
        Incremental::default()
    }

    /// Forgets everything: the next load reads every file.
    pub fn reset(&mut self) {
        self.state = None;
    }

    /// Loads `root`, reading again only the project folders that hold one of the `changed`
    /// paths (absolute or relative to the working directory, as a file watcher reports them).
    /// `Err` holds every diagnostic, as [`super::load`]; what was read is kept for the next
    /// load either way.
    pub fn load(
        &mut self,
        root: &Path,
        today: NaiveDate,
        changed: &[PathBuf],
    ) -> Result<Reloaded<'_>, Vec<Diagnostic>> {
        let mut top = super::load_top(root);
        let old = self.state.take().filter(|s| {
            s.root == root
                && s.canon_root == top.canon_root
                && s.today == today
                && s.program_ids == top.program_ids
                && s.region_ids == top.region_ids
        });
        let everything = old.is_none();
        let (mut old_entries, mut old_projects) = match old {
            Some(s) => (
                s.entries.into_iter().collect::<HashMap<_, _>>(),
                s.portfolio
                    .projects
                    .into_iter()
                    .map(|p| (p.id.clone(), p))
                    .collect::<HashMap<_, _>>(),
            ),
            None => (HashMap::new(), HashMap::new()),
        };
        let roots = [root.to_path_buf(), top.canon_root.clone()];
        let touched = |dir: &ProjectDir| {
            // A linked folder's files are reported under the link's target: read it again.
            (dir.linked && !changed.is_empty())
                || changed
                    .iter()
                    .any(|p| roots.iter().any(|r| p.starts_with(r.join(&dir.dir))))
        };
        let mut jobs = Vec::new();
        let mut order = Vec::with_capacity(top.dirs.len());
        for dir in std::mem::take(&mut top.dirs) {
            let keep = old_entries
                .get(&dir.id)
                .is_some_and(|e| e.key == DirKey::of(&dir) && !touched(&dir));
            order.push((dir.id.clone(), keep));
            if !keep {
                jobs.push(dir);
            }
        }
        let reread: BTreeSet<String> = jobs.iter().map(|d| d.id.clone()).collect();
        let loaded = super::load_projects(root, &top, jobs, today);
        let mut fresh: HashMap<String, (DirKey, Option<Project>, Vec<Diagnostic>)> =
            reread.iter().cloned().zip(loaded).collect();

        let mut diags = top.diags;
        let mut entries = Vec::with_capacity(order.len());
        let mut projects = Vec::with_capacity(order.len());
        for (id, keep) in order {
            let (entry, project) = if keep {
                let e = old_entries.remove(&id).expect("kept entry");
                (e, old_projects.remove(&id))
            } else {
                let (key, p, d) = fresh.remove(&id).expect("read project");
                (Entry { key, diags: d }, p.map(std::sync::Arc::new))
            };
            diags.extend(entry.diags.iter().cloned());
            projects.extend(project);
            entries.push((id, entry));
        }
        let listed: Vec<&Project> = projects.iter().map(|p| &**p).collect();
        diags.extend(super::pipeline::across(root, &top.pipeline, &listed));
        crate::diagnostics::sort(&mut diags);
        let Some(config) = top.config else {
            return Err(diags);
        };
        self.state = Some(State {
            root: root.to_path_buf(),
            canon_root: top.canon_root,
            today,
            program_ids: top.program_ids,
            region_ids: top.region_ids,
            entries,
            portfolio: Portfolio {
                root: root.to_path_buf(),
                config,
                programs: top.programs,
                projects,
                pipeline: top.pipeline,
            },
        });
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        let state = self.state.as_ref().expect("just set");
        Ok(Reloaded {
            portfolio: &state.portfolio,
            warnings: diags,
            reread: (!everything).then_some(reread),
        })
    }
}
