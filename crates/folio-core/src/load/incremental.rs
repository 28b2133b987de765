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
    /// The time exports as read, by path: a file is read again only when it changed.
    time_reads: HashMap<PathBuf, super::TimeRead>,
    /// What the entries were matched against, the entries and the matching's problems: matched
    /// again only when one of them changed.
    resolved: Option<(
        TimeInputs,
        std::sync::Arc<crate::model::TimeEntries>,
        Vec<Diagnostic>,
    )>,
}

/// Everything matching time entries reads besides the rows: settings, people and each
/// project's id, names, engagement and team names, and which reads of the files.
#[derive(Debug, PartialEq)]
struct TimeInputs {
    config: crate::model::PortfolioFile,
    people: Option<Vec<crate::model::Person>>,
    projects: Vec<(String, String, Vec<crate::model::TimeProjectName>, Vec<String>)>,
    /// Each file's path with the address of its read (a re-read file is a new allocation).
    files: Vec<(PathBuf, usize)>,
}

impl TimeInputs {
    fn of(
        config: &crate::model::PortfolioFile,
        people: &Option<Vec<crate::model::Person>>,
        projects: &[std::sync::Arc<Project>],
        reads: &[super::TimeRead],
    ) -> TimeInputs {
        TimeInputs {
            config: config.clone(),
            people: people.clone(),
            projects: projects
                .iter()
                .map(|p| {
                    (
                        p.id.clone(),
                        p.def.name.clone(),
                        p.def.time_projects.clone(),
                        p.def.team.iter().map(|m| m.name.clone()).collect(),
                    )
                })
                .collect(),
            files: reads
                .iter()
                .map(|r| {
                    (
                        r.path.clone(),
                        r.file.as_ref().map_or(0, |f| std::sync::Arc::as_ptr(f) as usize),
                    )
                })
                .collect(),
        }
    }
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
        let mut old = self.state.take().filter(|s| {
            s.root == root
                && s.canon_root == top.canon_root
                && s.today == today
                && s.program_ids == top.program_ids
                && s.region_ids == top.region_ids
        });
        let everything = old.is_none();
        let (old_time_reads, old_resolved) = match &mut old {
            Some(s) => (std::mem::take(&mut s.time_reads), s.resolved.take()),
            None => (HashMap::new(), None),
        };
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
        let Some(config) = top.config else {
            crate::diagnostics::sort(&mut diags);
            return Err(diags);
        };
        let order = config.time_date_order;
        let time_reads = super::read_time(root, &top.time_files, order, |rel| {
            let edited = changed
                .iter()
                .any(|p| roots.iter().any(|r| p.starts_with(r.join(rel))));
            (!edited).then(|| old_time_reads.get(rel).cloned()).flatten()
        });
        let inputs = TimeInputs::of(&config, &top.people, &projects, &time_reads);
        // Matched again when anything it reads changed: then any project's figures may differ.
        let (time, time_diags, time_changed) = match old_resolved {
            Some((i, t, d)) if i == inputs => (t, d, false),
            _ => {
                let (t, d) = super::resolve_time(&config, top.people.as_deref(), &projects, &time_reads);
                (t, d, true)
            }
        };
        diags.extend(time_diags.iter().cloned());
        super::check_time(root, &config, &projects, &time, today, &mut diags);
        crate::diagnostics::sort(&mut diags);
        self.state = Some(State {
            time_reads: time_reads.iter().map(|r| (r.path.clone(), r.clone())).collect(),
            resolved: Some((inputs, time.clone(), time_diags)),
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
                people: top.people,
                time,
            },
        });
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        let state = self.state.as_ref().expect("just set");
        Ok(Reloaded {
            portfolio: &state.portfolio,
            warnings: diags,
            // Changed time entries may change any project's figures.
            reread: (!everything && !time_changed).then_some(reread),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// An edit to one time export reads that file again and no other; the entries then equal
    /// those of a full load.
    #[test]
    fn an_edited_time_file_is_read_again_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("content");
        write(&root, "portfolio.yaml", "title: T\nas_of: 2026-03-06\n");
        write(
            &root,
            "projects/a/project.yaml",
            "name: A\ncustomer: C\nmanager: M\nengagement: time_and_materials\ncontract_value: 10000\nbudget: 8000\nrate: 100\nstart: 2026-03-02\nend: 2026-06-30\n",
        );
        write(
            &root,
            "projects/a/updates/2026-03-06.md",
            "---\nstatus: {overall: green}\npercent_complete: 5\nactual_cost: 400\n---\nFine.\n",
        );
        let header = "date,person,project,hours,billable\n";
        write(
            &root,
            "time/one.csv",
            &format!("{header}2026-03-02,Ana,a,8,yes\n"),
        );
        write(
            &root,
            "time/two.csv",
            &format!("{header}2026-03-03,Ben,a,6,yes\n"),
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        let mut inc = Incremental::new();
        inc.load(&root, today, &[]).unwrap();
        let ptr = |inc: &Incremental, f: &str| {
            let s = inc.state.as_ref().unwrap();
            Arc::as_ptr(s.time_reads[Path::new(f)].file.as_ref().unwrap())
        };
        use std::sync::Arc;
        let (one, two) = (ptr(&inc, "time/one.csv"), ptr(&inc, "time/two.csv"));
        write(
            &root,
            "time/two.csv",
            &format!("{header}2026-03-03,Ben,a,7,yes\n"),
        );
        let r = inc.load(&root, today, &[root.join("time/two.csv")]).unwrap();
        assert!(r.reread.is_none(), "changed entries recompute every project");
        let hours: Vec<f64> = r.portfolio.time.entries.iter().map(|e| e.hours).collect();
        assert_eq!(hours, [8.0, 7.0]);
        let full = crate::load::load_with_today(&root, today).unwrap();
        assert_eq!(*r.portfolio.time, *full.portfolio.time);
        assert_eq!(
            ptr(&inc, "time/one.csv"),
            one,
            "the unchanged file is not read again"
        );
        assert_ne!(ptr(&inc, "time/two.csv"), two);
        // An update edit reads no time file again and reuses the matching.
        let t = Arc::as_ptr(&inc.state.as_ref().unwrap().portfolio.time);
        let upd = root.join("projects/a/updates/2026-03-06.md");
        inc.load(&root, today, &[upd]).unwrap();
        assert_eq!(ptr(&inc, "time/one.csv"), one);
        assert_eq!(Arc::as_ptr(&inc.state.as_ref().unwrap().portfolio.time), t);
    }
}
