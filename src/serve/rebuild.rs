//! Rebuilding the previewed site in memory, and describing a failed build for the terminal
//! and for the browser overlay.
//!
//! [`Rebuilder`] keeps what the last good build computed ([`Last`]: the site and its warnings;
//! the loaded projects) and receives the changed paths: a rebuild reads again only the changed
//! project folders (see [`crate::load::incremental`]), computes the metrics again and makes a
//! new [`Generation`], which renders pages when they are asked for and carries over the files
//! of the last one whose inputs did not change (see [`crate::render::reuse`]).

#[cfg(test)]
use std::collections::BTreeMap;
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
#[cfg(test)]
use std::path::Path;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::site::Generation;
use super::term::Term;
use crate::diagnostics::Diagnostic;
use crate::driver::{self, BuildError, Settings, StageTimes};
use crate::format::plural;
use crate::load::incremental::Incremental;

/// Base URL of the preview: the site is served at the root of the preview server.
pub const PREVIEW_BASE_URL: &str = "/";

/// What a good build produced.
pub struct Built {
    /// The site, rendered as pages are asked for.
    pub site: Arc<Generation>,
    pub pages: usize,
    pub warnings: Arc<Vec<Diagnostic>>,
    /// The warnings the previous good build did not have (all of them on the first build),
    /// so a rebuild does not repeat every known warning.
    pub new_warnings: Vec<Diagnostic>,
    /// From the first changed path reported to the site ready to serve (load and metrics; the
    /// pages render when asked for, see [`super::site`]).
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
pub struct Last {
    pub site: Arc<Generation>,
    pub warnings: Arc<Vec<Diagnostic>>,
}

/// Builds the site of one content folder again and again.
pub struct Rebuilder {
    /// The preview's settings: base URL [`PREVIEW_BASE_URL`], the live-reload script.
    settings: Settings,
    last: Option<Last>,
    /// Keeps the loaded projects between builds and reads again only changed project folders.
    loader: Incremental,
}

impl Rebuilder {
    /// The rebuilder of `settings`' content folder; the preview serves at the root
    /// ([`PREVIEW_BASE_URL`]) with the live-reload script, whatever `settings` say.
    pub fn new(settings: Settings) -> Rebuilder {
        Rebuilder {
            settings: Settings {
                base_url: Some(PREVIEW_BASE_URL.to_string()),
                live_reload: true,
                ..settings
            },
            last: None,
            loader: Incremental::new(),
        }
    }

    /// What the last good build computed, if there was one.
    pub fn last(&self) -> Option<&Last> {
        self.last.as_ref()
    }

    /// Loads and computes the site again, and prepares it to render on demand. `changed`
    /// lists the paths that triggered the build (empty for the first one); a panic inside a
    /// stage is reported, not propagated.
    ///
    /// Only the project folders holding a changed path are read again (see
    /// [`crate::load::incremental`]). When only files under `projects/` or `programs/`
    /// changed, the files the last build rendered whose inputs are the same are carried over
    /// (see [`crate::render::reuse`]); a change anywhere else (the theme, `portfolio.yaml`)
    /// renders every page again as it is asked for.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Built, Failure> {
        let t = Instant::now();
        if let Some(last) = &self.last {
            // Its background rendering would only compete with this build.
            last.site.stop();
        }
        // Project and program files: a change to them alone leaves the theme and
        // `portfolio.yaml` as they were (what may carry over is then decided page by page).
        let mut roots = Vec::new();
        let content = &self.settings.content;
        for base in [Some(content.clone()), content.canonicalize().ok()]
            .into_iter()
            .flatten()
        {
            roots.push(base.join("projects"));
            roots.push(base.join("programs"));
        }
        let only_records =
            !changed.is_empty() && changed.iter().all(|p| roots.iter().any(|r| p.starts_with(r)));
        let (settings, loader, last) = (&self.settings, &mut self.loader, &self.last);
        let result = catch_unwind(AssertUnwindSafe(|| {
            let mut times = StageTimes::default();
            let t0 = Instant::now();
            let today = chrono::Local::now().date_naive();
            let loaded = loader
                .load(&settings.content, today, changed)
                .map_err(BuildError::Content)?;
            // Projects are shared (`Arc`): this copies the few top-level files' data.
            let portfolio = loaded.portfolio.clone();
            let mut warnings = loaded.warnings;
            times.load = t0.elapsed();
            let resolved = driver::prepare(&portfolio, &mut warnings, settings);
            // The last good build and the projects read again since: what may carry over.
            let since = last.as_ref().zip(loaded.reread.as_ref());
            let earlier = since.map(|(last, reread)| last.site.earlier(reread));
            let computed = driver::compute_with(
                &portfolio,
                &mut warnings,
                &mut times,
                || crate::metrics::compute_current_reusing(&portfolio, resolved.as_of, earlier),
                |(report, _)| report,
            );
            let t2 = Instant::now();
            // Only project or program files changed: the theme's files did not, so its
            // compiled templates serve again.
            let renderer = match last {
                Some(last) if only_records && last.site.renderer().options() == &resolved => {
                    Arc::clone(last.site.renderer())
                }
                _ => Arc::new(driver::renderer(&resolved)?),
            };
            let prev = since
                .filter(|_| only_records)
                .map(|(last, reread)| (last.site.as_ref(), reread));
            let site = Generation::new(portfolio, computed, resolved.base_url, renderer, prev);
            times.render = t2.elapsed();
            Ok::<_, BuildError>((site, warnings, times))
        }));
        let (site, warnings, times) = match result {
            Ok(Ok(built)) => built,
            Ok(Err(BuildError::Content(mut d))) => {
                d.retain(Diagnostic::is_error);
                return Err(Failure::Content(d));
            }
            Ok(Err(BuildError::Other(e))) => return Err(Failure::Other(format!("{e:#}"))),
            Err(panic) => {
                // What the loader kept may be half updated: read everything next time.
                self.loader.reset();
                return Err(Failure::Other(super::site::panic_text(panic.as_ref())));
            }
        };
        let new_warnings = new_warnings(self.last.as_ref().map(|l| l.warnings.as_slice()), &warnings);
        let site = Arc::new(site);
        let warnings = Arc::new(warnings);
        let built = Built {
            site: Arc::clone(&site),
            pages: site.pages(),
            warnings: Arc::clone(&warnings),
            new_warnings,
            elapsed: t.elapsed(),
            times,
        };
        self.last = Some(Last { site, warnings });
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

/// A full `folio build` of `content` in memory, as the preview shows it (base URL `/`, the
/// live-reload script): what every rebuild must equal.
#[cfg(test)]
pub(crate) fn full_build(content: &Path) -> BTreeMap<String, Arc<Vec<u8>>> {
    let settings = Settings {
        base_url: Some(PREVIEW_BASE_URL.to_string()),
        live_reload: true,
        ..Settings::new(content)
    };
    let site = driver::site(&settings).expect("full build");
    site.files.into_iter().map(|(k, v)| (k, Arc::new(v))).collect()
}

#[cfg(test)]
#[path = "rebuild_tests.rs"]
mod property_tests;

#[cfg(test)]
mod tests {
    use super::super::site::Site;
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
        let mut b = Rebuilder::new(Settings::new(&content));
        let first = b.rebuild(&[]).unwrap();
        assert!(!first.warnings.is_empty(), "fixture edit should warn");
        assert_eq!(*first.warnings, first.new_warnings);
        let again = b.rebuild(&[content.join("x")]).unwrap();
        assert!(again.new_warnings.is_empty());
        assert!(again.pages > 0 && again.site.has("index.html"));
        std::fs::write(&upd, text.replace("hours: 80", "hours: [80")).unwrap();
        let Err(Failure::Content(d)) = b.rebuild(std::slice::from_ref(&upd)) else {
            panic!("broken YAML built")
        };
        assert!(!d.is_empty() && d.iter().all(Diagnostic::is_error));
        assert!(b.last().is_some(), "the last good build is kept");
    }

    /// A program file change carries over the pages it cannot change: a new description
    /// re-renders that program's page only; a new name also the pages of its projects (their
    /// breadcrumb names it). Every file still equals a full build.
    #[test]
    fn a_program_change_renders_again_only_what_shows_the_program() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        crate::testutil::copy_dir(&src, &content);
        let mut b = Rebuilder::new(Settings::new(&content));
        b.rebuild(&[]).unwrap().site.render_all().unwrap();
        let file = content.join("programs/geo-and-enablement.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        let (in_program, other) = (
            "projects/contoso-geo-rollout/index.html",
            "projects/cyberdyne-dedicated-migration/index.html",
        );
        let (program, other_program) = (
            "programs/geo-and-enablement/index.html",
            "programs/dedicated-migrations/index.html",
        );

        std::fs::write(
            &file,
            text.replace("description: |\n", "description: |\n  A new first line.\n"),
        )
        .unwrap();
        let site = b.rebuild(std::slice::from_ref(&file)).unwrap().site;
        assert_eq!(site.state_of(program), "todo");
        assert_eq!(site.state_of(other_program), "kept");
        assert_eq!(site.state_of(in_program), "checked");
        assert_eq!(site.state_of(other), "checked");
        assert!(
            site.render_all().unwrap() == full_build(&content),
            "after a new description"
        );

        std::fs::write(
            &file,
            text.replace("name: Geo, scale and enablement", "name: Geo and scale"),
        )
        .unwrap();
        let site = b.rebuild(std::slice::from_ref(&file)).unwrap().site;
        assert_eq!(site.state_of(program), "todo");
        assert_eq!(site.state_of(in_program), "todo");
        assert_eq!(site.state_of(other), "checked");
        assert!(
            site.render_all().unwrap() == full_build(&content),
            "after a new name"
        );
    }

    /// A rebuild stops the last good build's background pass; when it fails, that build stays
    /// the one served and its pass can run again and finish what the stopped one left.
    #[test]
    fn a_failed_rebuild_leaves_the_last_good_build_to_finish_rendering() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
        crate::testutil::copy_dir(&src, &content);
        let mut b = Rebuilder::new(Settings::new(&content));
        let good = b.rebuild(&[]).unwrap().site;
        let portfolio = content.join("portfolio.yaml");
        let text = std::fs::read_to_string(&portfolio).unwrap();
        std::fs::write(
            &portfolio,
            format!(
                "{text}
title: [broken\n"
            ),
        )
        .unwrap();
        assert!(b.rebuild(std::slice::from_ref(&portfolio)).is_err());
        let last = &b.last().expect("the last good build is kept").site;
        assert!(Arc::ptr_eq(last, &good));
        let stopped = last.fill();
        assert!(stopped.stopped && stopped.rendered == 0, "{stopped:?}");
        last.resume();
        let filled = last.fill();
        assert!(!filled.stopped && filled.errors.is_empty(), "{filled:?}");
        assert_eq!(
            filled.rendered,
            last.rendered(),
            "every job rendered by this pass"
        );
        // Two passes at once over a new build: the second waits for the first, so no job is
        // rendered twice.
        std::fs::write(&portfolio, &text).unwrap();
        let fresh = b.rebuild(std::slice::from_ref(&portfolio)).unwrap().site;
        let (one, two) = std::thread::scope(|s| {
            let one = s.spawn(|| fresh.fill());
            let two = s.spawn(|| fresh.fill());
            (one.join().unwrap(), two.join().unwrap())
        });
        assert_eq!(one.rendered + two.rendered, fresh.rendered(), "{one:?} {two:?}");
    }

    /// A rebuild that carries unchanged project pages over gives exactly the files of a full
    /// `folio build` (with the preview's base URL and live-reload script).
    #[test]
    fn a_rebuild_after_a_project_change_equals_a_full_build() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        crate::testutil::copy_dir(&src, &content);
        let mut b = Rebuilder::new(Settings::new(&content));
        let first = b.rebuild(&[]).unwrap();
        let first_files = first.site.render_all().unwrap();
        assert_eq!(first_files, full_build(&content), "the first build");
        let upd = content.join("projects/contoso-geo-rollout/updates/2026-11-20.md");
        let text = std::fs::read_to_string(&upd).unwrap();
        std::fs::write(&upd, format!("{text}\nA new closing line.\n")).unwrap();
        let again = b.rebuild(std::slice::from_ref(&upd)).unwrap();
        let full = full_build(&content);
        assert_ne!(first_files, full, "the edit changed nothing");
        let files = again.site.render_all().unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
        for (path, bytes) in &full {
            assert!(files[path] == *bytes, "{path} differs from a full build");
        }
        // What the first build knew of an unchanged page is carried over (a program page's
        // bytes are kept and shared; a project page is known to render, its bytes rendered
        // again when asked for); the edited project's page is rendered anew.
        let again = b.rebuild(std::slice::from_ref(&upd)).unwrap();
        let other = "projects/initech-enablement-training/index.html";
        assert!(first_files.contains_key(other));
        assert_eq!(again.site.state_of(other), "checked");
        assert_eq!(
            again.site.state_of("projects/contoso-geo-rollout/index.html"),
            "todo"
        );
        assert_eq!(again.site.state_of("index.html"), "todo");
        let program = first_files
            .keys()
            .find(|k| k.starts_with("programs/") && k.ends_with("/index.html") && *k != "programs/index.html")
            .expect("a program page")
            .clone();
        let unchanged_program = again.site.state_of(&program) == "kept";
        let page = again.site.get(&program).unwrap().unwrap();
        assert_eq!(unchanged_program, Arc::ptr_eq(&first_files[&program], &page));
        assert_eq!(*page, *full[&program]);
    }

    /// Pages are rendered when asked for: the edited project's page without the summary, the
    /// registers or the exports (nor the 13-week trend they need).
    #[test]
    fn a_page_is_rendered_when_asked_for_and_only_it() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        crate::testutil::copy_dir(&src, &content);
        let mut b = Rebuilder::new(Settings::new(&content));
        let built = b.rebuild(&[]).unwrap();
        assert_eq!(built.site.rendered(), 0);
        let page = "projects/contoso-geo-rollout/index.html";
        let bytes = built.site.get(page).unwrap().unwrap();
        assert_eq!(built.site.rendered(), 1);
        assert!(
            !built.site.trend_computed(),
            "a project page does not need the trend"
        );
        // Its customer report exists once the page is rendered, under the name the page links.
        let html = String::from_utf8_lossy(&bytes);
        let name = html
            .split("href=\"")
            .find(|s| s.starts_with("contoso-geo-rollout-status-"))
            .and_then(|s| s.split('"').next())
            .expect("the page links its customer report");
        assert!(built.site.has(&format!("projects/contoso-geo-rollout/{name}")));
        assert!(!built
            .site
            .has("projects/contoso-geo-rollout/contoso-geo-rollout-status-0000000000000000.html"));
        assert!(!built.site.has("projects/no-such-project/index.html"));
        assert_eq!(built.site.rendered(), 1);
        assert!(built.site.get("portfolio.json").unwrap().is_ok());
        assert!(built.site.trend_computed(), "the exports carry the trend");
        let filled = built.site.fill();
        assert!(filled.errors.is_empty() && !filled.stopped, "{filled:?}");
        assert_eq!(built.site.render_all().unwrap(), full_build(&content));
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
        let mut b = Rebuilder::new(Settings::new(dir.path()));
        // An empty folder is invalid content (or, before the loader exists, a caught panic).
        assert!(b.rebuild(&[]).is_err());
        assert!(b.last().is_none());
    }
}
