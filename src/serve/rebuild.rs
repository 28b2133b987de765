//! Rebuilding the previewed site in memory, and describing a failed build for the terminal
//! and for the browser overlay.
//!
//! [`Rebuilder`] keeps what the last good build computed ([`Last`]: report and warnings; the
//! loaded projects; the files) and receives the changed paths: a rebuild reads again only the
//! changed project folders and keeps the pages whose inputs did not change (see
//! [`crate::load::incremental`] and [`crate::render::reuse`]); metrics, the pages that list
//! every project and the exports are computed again.

use std::collections::{BTreeMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::term::Term;
use crate::diagnostics::Diagnostic;
use crate::format::plural;
use crate::load::incremental::Incremental;
use crate::model::PortfolioFile;
use crate::report::Report;
use crate::{BuildError, SiteFiles, StageTimes};

/// Base URL of the preview: the site is served at the root of the preview server.
pub const PREVIEW_BASE_URL: &str = "/";

/// A site as `folio serve` holds it: the bytes of a page are shared between the builds (and
/// the server) that have the same page, so a rebuild keeps an unchanged page without a copy.
pub type Pages = BTreeMap<String, Arc<Vec<u8>>>;

/// The pages of a site built in memory.
pub fn pages_of(files: SiteFiles) -> Pages {
    files.into_iter().map(|(k, v)| (k, Arc::new(v))).collect()
}

/// What a good build produced.
#[derive(Debug)]
pub struct Built {
    pub files: Pages,
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    /// The warnings the previous good build did not have (all of them on the first build),
    /// so a rebuild does not repeat every known warning.
    pub new_warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    pub times: StageTimes,
}

/// Why a build failed.
#[derive(Debug)]
pub enum Failure {
    /// Invalid content: the errors (warnings are left out, they do not fail a build).
    Content(Vec<Diagnostic>),
    /// Anything else (a broken theme template, I/O, an internal error).
    Other(String),
}

impl Failure {
    /// One-line summary.
    pub fn headline(&self) -> String {
        match self {
            Failure::Content(d) => {
                let n = d.iter().filter(|d| d.is_error()).count();
                format!("{} in the content", plural(n, "problem"))
            }
            Failure::Other(e) => e.lines().next().unwrap_or("build failed").to_string(),
        }
    }

    /// The details for the terminal, coloured when allowed.
    pub fn terminal_lines(&self, term: &Term) -> Vec<String> {
        match self {
            Failure::Content(d) => d.iter().map(|d| term.diagnostic(d)).collect(),
            Failure::Other(e) => vec![format!("{}: {e}", term.error_word())],
        }
    }

    /// The details for the browser overlay (plain text; each diagnostic starts `file:line`).
    pub fn plain_text(&self) -> String {
        match self {
            Failure::Content(d) => d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"),
            Failure::Other(e) => format!("error: {e}"),
        }
    }
}

/// What the last good build computed (the base of a future incremental rebuild).
#[derive(Debug, Clone)]
pub struct Last {
    pub report: Report,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site of one content folder again and again.
pub struct Rebuilder {
    content: PathBuf,
    as_of: Option<NaiveDate>,
    theme: Option<String>,
    last: Option<Last>,
    /// Keeps the loaded projects between builds and reads again only changed project folders.
    loader: Incremental,
    /// The last good build's `portfolio.yaml` and files, whose unchanged pages a rebuild keeps.
    previous: Option<(PortfolioFile, Pages)>,
}

impl Rebuilder {
    pub fn new(content: &Path, as_of: Option<NaiveDate>, theme: Option<String>) -> Rebuilder {
        Rebuilder {
            content: content.to_path_buf(),
            as_of,
            theme,
            last: None,
            loader: Incremental::new(),
            previous: None,
        }
    }

    /// What the last good build computed, if there was one.
    pub fn last(&self) -> Option<&Last> {
        self.last.as_ref()
    }

    /// Builds the whole site in memory. `changed` lists the paths that triggered the build
    /// (empty for the first one); a panic inside a stage is reported, not propagated.
    ///
    /// Only the project folders holding a changed path are read again (see
    /// [`crate::load::incremental`]). When only files under `projects/` changed, the pages whose
    /// inputs are the same are kept (see [`crate::render::reuse`]); a change anywhere else (the
    /// theme, programs, `portfolio.yaml`) renders every page.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Built, Failure> {
        self.rebuild_with(changed, |_| {})
    }

    /// [`Rebuilder::rebuild`]; when pages are kept, `early` first receives the last good site
    /// with the project and program pages of this build (the pages an edit of a project
    /// changes), before the pages that list every project and the exports are rendered again.
    pub fn rebuild_with(&mut self, changed: &[PathBuf], early: impl FnOnce(Pages)) -> Result<Built, Failure> {
        let t = Instant::now();
        let mut roots = vec![self.content.join("projects")];
        roots.extend(self.content.canonicalize().ok().map(|c| c.join("projects")));
        let only_projects =
            !changed.is_empty() && changed.iter().all(|p| roots.iter().any(|r| p.starts_with(r)));
        let (content, as_of, theme) = (&self.content, self.as_of, self.theme.as_deref());
        let (loader, previous, last) = (&mut self.loader, &self.previous, &self.last);
        let result = catch_unwind(AssertUnwindSafe(|| {
            let t0 = Instant::now();
            let today = chrono::Local::now().date_naive();
            let loaded = loader
                .load(content, today, changed)
                .map_err(BuildError::Content)?;
            let load_time = t0.elapsed();
            let prev = match (previous, last, &loaded.reread) {
                (Some((config, _)), Some(last), Some(reread)) if only_projects => {
                    Some(crate::render::reuse::Previous {
                        config,
                        report: &last.report,
                        reread,
                    })
                }
                _ => None,
            };
            let config = loaded.portfolio.config.clone();
            let inputs = crate::SiteInputs {
                content,
                as_of,
                base_url: Some(PREVIEW_BASE_URL),
                theme,
                live_reload: true,
            };
            let (mut site, kept) =
                crate::build_site_staged(loaded.portfolio, loaded.warnings, &inputs, prev, |entities, _| {
                    if let Some((_, old)) = previous {
                        let mut pages = old.clone();
                        for (path, bytes) in entities {
                            pages.insert(path.clone(), Arc::new(bytes.clone()));
                        }
                        early(pages);
                    }
                })?;
            site.times.load = load_time;
            Ok::<_, BuildError>((site, kept, config))
        }));
        let (site, kept, config) = match result {
            Ok(Ok(built)) => built,
            Ok(Err(BuildError::Content(mut d))) => {
                d.retain(Diagnostic::is_error);
                return Err(Failure::Content(d));
            }
            Ok(Err(BuildError::Other(e))) => return Err(Failure::Other(format!("{e:#}"))),
            Err(panic) => {
                // What the loader kept may be half updated: read everything next time.
                self.loader.reset();
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                return Err(Failure::Other(format!("internal error: {msg}")));
            }
        };
        let new_warnings = new_warnings(self.last.as_ref().map(|l| l.warnings.as_slice()), &site.warnings);
        let mut files = pages_of(site.files);
        for path in kept {
            let Some((_, old)) = self.previous.as_ref() else {
                self.loader.reset();
                return Err(Failure::Other(format!("internal error: no previous page {path}")));
            };
            let Some(bytes) = old.get(&path) else {
                self.loader.reset();
                self.previous = None;
                return Err(Failure::Other(format!("internal error: no previous page {path}")));
            };
            // A kept project page keeps the customer report beside it (a download whose name
            // is a hash of its bytes, so it cannot be named here).
            if let Some(dir) = path
                .strip_suffix("index.html")
                .filter(|d| d.starts_with("projects/"))
            {
                for (name, report) in old.range(dir.to_string()..) {
                    if !name.starts_with(dir) {
                        break;
                    }
                    if crate::render::onefile::is_site_report(name) {
                        files.insert(name.clone(), Arc::clone(report));
                    }
                }
            }
            files.insert(path, Arc::clone(bytes));
        }
        self.previous = Some((config, files.clone()));
        let built = Built {
            files,
            pages: site.pages,
            warnings: site.warnings.clone(),
            new_warnings,
            elapsed: t.elapsed(),
            times: site.times.clone(),
        };
        self.last = Some(Last {
            report: site.report,
            warnings: site.warnings,
        });
        Ok(built)
    }
}

/// The warnings of `now` that `before` did not have (all of them without a previous build),
/// in the order of `now`: one hash-set look-up each.
pub fn new_warnings(before: Option<&[Diagnostic]>, now: &[Diagnostic]) -> Vec<Diagnostic> {
    let Some(before) = before else {
        return now.to_vec();
    };
    let known: HashSet<&Diagnostic> = before.iter().collect();
    now.iter().filter(|w| !known.contains(w)).cloned().collect()
}

#[cfg(test)]
#[path = "rebuild_tests.rs"]
mod property_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_text_starts_with_the_location() {
        let f = Failure::Content(vec![Diagnostic::error(
            "invalid-yaml",
            "projects/a/updates/2026-01-05.md",
            4,
            7,
            "bad",
        )]);
        assert!(f
            .plain_text()
            .starts_with("projects/a/updates/2026-01-05.md:4:7: error"));
        assert_eq!(f.headline(), "1 problem in the content");
    }

    #[test]
    fn only_new_warnings_are_repeated_and_failures_keep_errors_only() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
        crate::testutil::copy_dir(&src, &content);
        // A milestone forecast moved without a word in the narrative: a warning.
        let upd = content.join("projects/atlas/updates/2026-01-12.md");
        let text = std::fs::read_to_string(&upd).unwrap().replace(
            "    done: 2026-01-09\n",
            "    done: 2026-01-09\n  - id: go-live\n    forecast: 2026-04-10\n",
        );
        std::fs::write(&upd, &text).unwrap();
        let mut b = Rebuilder::new(&content, None, None);
        let first = b.rebuild(&[]).unwrap();
        assert!(!first.warnings.is_empty(), "fixture edit should warn");
        assert_eq!(first.warnings, first.new_warnings);
        let again = b.rebuild(&[content.join("x")]).unwrap();
        assert!(again.new_warnings.is_empty());
        assert!(again.pages > 0 && again.files.contains_key("index.html"));
        std::fs::write(&upd, text.replace("hours: 80", "hours: [80")).unwrap();
        let Err(Failure::Content(d)) = b.rebuild(std::slice::from_ref(&upd)) else {
            panic!("broken YAML built")
        };
        assert!(!d.is_empty() && d.iter().all(Diagnostic::is_error));
        assert!(b.last().is_some(), "the last good build is kept");
    }

    /// A rebuild that keeps unchanged project pages gives exactly the files of a full build.
    #[test]
    fn a_rebuild_after_a_project_change_equals_a_full_build() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        crate::testutil::copy_dir(&src, &content);
        let mut b = Rebuilder::new(&content, None, None);
        let first = b.rebuild(&[]).unwrap();
        let upd = content.join("projects/contoso-geo-rollout/updates/2026-11-20.md");
        let text = std::fs::read_to_string(&upd).unwrap();
        std::fs::write(&upd, format!("{text}\nA new closing line.\n")).unwrap();
        let again = b.rebuild(std::slice::from_ref(&upd)).unwrap();
        let full = Rebuilder::new(&content, None, None).rebuild(&[]).unwrap();
        assert_ne!(first.files, full.files, "the edit changed nothing");
        assert_eq!(
            again.files.keys().collect::<Vec<_>>(),
            full.files.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &full.files {
            assert!(again.files[path] == *bytes, "{path} differs from a full build");
        }
        // A page that did not change is kept as it was, shared with the previous build.
        let other = first
            .files
            .keys()
            .find(|k| k.starts_with("projects/c") && !k.contains("contoso-geo") && k.ends_with(".html"))
            .expect("another project page");
        assert!(Arc::ptr_eq(&first.files[other], &again.files[other]));
        let edited = "projects/contoso-geo-rollout/index.html";
        assert!(!Arc::ptr_eq(&first.files[edited], &again.files[edited]));
    }

    #[test]
    fn new_warnings_are_found_by_key() {
        let w = |line| {
            Diagnostic::warning(
                "going-backwards",
                "projects/a/updates/2026-01-05.md",
                line,
                1,
                "down",
            )
        };
        let before = vec![w(1), w(2), w(3)];
        let now = vec![w(2), w(4), w(3), w(5)];
        assert_eq!(new_warnings(Some(&before), &now), vec![w(4), w(5)]);
        assert_eq!(new_warnings(None, &now), now);
        // Tens of thousands of warnings (a messy portfolio at scale): one look-up each, not a
        // scan of the previous list per warning (that took minutes here).
        let many: Vec<Diagnostic> = (0..40_000).map(w).collect();
        let t = Instant::now();
        assert!(new_warnings(Some(&many), &many).is_empty());
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    }

    #[test]
    fn a_broken_stage_is_reported_not_propagated() {
        let dir = tempfile::tempdir().unwrap();
        let mut b = Rebuilder::new(dir.path(), None, None);
        // An empty folder is invalid content (or, before the loader exists, a caught panic).
        assert!(b.rebuild(&[]).is_err());
        assert!(b.last().is_none());
    }
}
