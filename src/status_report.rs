//! `folio report`: one project's status report as a single self-contained HTML file, for the
//! customer (the default) or for leadership. Loads and computes like a build, then renders one
//! file with the theme's report templates (see [`crate::render::onefile`]).

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
pub use crate::render::onefile::Audience;
use crate::render::{self, theme::Theme, views::Ctx};
use crate::{load, metrics, resolve, BuildError};

/// What `folio report` needs to know.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub content: PathBuf,
    pub project: String,
    pub audience: Audience,
    /// `--as-of`; falls back to `portfolio.yaml`'s `as_of`, then today.
    pub as_of: Option<NaiveDate>,
    /// `--theme`; falls back to `portfolio.yaml`'s `theme`.
    pub theme: Option<String>,
}

/// A rendered report.
#[derive(Debug, Clone)]
pub struct ReportFile {
    pub html: String,
    pub as_of: NaiveDate,
    /// Suspicious but valid content.
    pub warnings: Vec<Diagnostic>,
}

impl ReportFile {
    /// The default file name: `<project-id>-<as-of>.html`.
    pub fn default_name(project: &str, as_of: NaiveDate) -> PathBuf {
        PathBuf::from(format!("{project}-{}.html", as_of.format("%Y-%m-%d")))
    }
}

/// Renders the report of one project. An unknown project id is an error with a did-you-mean
/// hint; a project without an update as of the date gets a report that says so.
pub fn report_html(opts: &ReportOptions) -> Result<ReportFile, BuildError> {
    let loaded = load::load(&opts.content).map_err(BuildError::Content)?;
    let portfolio = &loaded.portfolio;
    if !portfolio.projects.iter().any(|p| p.id == opts.project) {
        let ids: Vec<&str> = portfolio.projects.iter().map(|p| p.id.as_str()).collect();
        return Err(BuildError::Other(anyhow!(
            "{}",
            unknown_project(&opts.project, &ids, &opts.content)
        )));
    }
    let resolved = resolve(portfolio, opts.as_of, None, opts.theme.as_deref());
    let mut warnings = loaded.warnings.clone();
    if opts.as_of.is_some_and(|d| Some(d) != portfolio.config.as_of) {
        warnings.retain(|d| d.code != "after-as-of");
        warnings.extend(load::after_as_of(portfolio, resolved.as_of));
    }
    // The warnings about this project and the portfolio, not about every other project.
    let own = Path::new("projects").join(&opts.project);
    warnings.retain(|d| d.path.starts_with(&own) || !d.path.starts_with("projects"));
    crate::diagnostics::sort(&mut warnings);
    let report = metrics::compute(portfolio, resolved.as_of);
    let theme = Theme::load(resolved.theme_dir.as_deref())?;
    let tera = render::engine(&theme)?;
    let ctx = Ctx::new(portfolio, &report);
    let p = ctx
        .project(&opts.project)
        .ok_or_else(|| anyhow!("project `{}` has no computed report", opts.project))?;
    let html = render::onefile::render(&tera, &ctx, p, opts.audience)?;
    Ok(ReportFile {
        html,
        as_of: resolved.as_of,
        warnings,
    })
}

/// The error for a project id that names no project: the same id in another case, else the
/// closest ids, else where the projects are.
pub fn unknown_project(id: &str, ids: &[&str], content: &Path) -> String {
    let folder = content.join("projects");
    if let Some(same) = ids.iter().find(|p| p.eq_ignore_ascii_case(id)) {
        return format!(
            "no project `{id}` in {}: did you mean `{same}`? (project ids are case-sensitive)",
            folder.display()
        );
    }
    let mut near: Vec<(f64, &str)> = ids
        .iter()
        .map(|p| (strsim::jaro_winkler(id, p), *p))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    match near.as_slice() {
        [] if ids.is_empty() => format!("no project `{id}`: {} holds no project", folder.display()),
        [] => format!(
            "no project `{id}` in {} (`folio check` lists the content; project ids are folder names)",
            folder.display()
        ),
        near => format!(
            "no project `{id}` in {}: did you mean {}?",
            folder.display(),
            near.iter()
                .take(3)
                .map(|(_, p)| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_project_hints() {
        let ids = ["acme-migration", "globex-rollout"];
        let c = Path::new("content");
        let m = unknown_project("Acme-Migration", &ids, c);
        assert!(
            m.contains("did you mean `acme-migration`?") && m.contains("case-sensitive"),
            "{m}"
        );
        let m = unknown_project("acme-migraton", &ids, c);
        assert!(m.contains("did you mean `acme-migration`?"), "{m}");
        let m = unknown_project("zzz", &ids, c);
        assert!(
            m.contains("no project `zzz`") && !m.contains("did you mean"),
            "{m}"
        );
        assert!(unknown_project("x", &[], c).contains("holds no project"));
    }
}
