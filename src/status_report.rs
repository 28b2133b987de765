//! `folio report`: one project's status report as a single self-contained HTML file, for the
//! customer (the default) or for leadership. [`crate::driver::report`] loads and computes like a
//! build, then renders one file with the theme's report templates (see
//! [`crate::render::onefile`]); this module names the file and says what the sender should know.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::format::plural;
use crate::model::Portfolio;
pub use crate::render::onefile::Audience;
use crate::report::ProjectReport;

/// A rendered report.
#[derive(Debug, Clone)]
pub struct ReportFile {
    pub html: String,
    pub as_of: NaiveDate,
    /// Suspicious but valid content.
    pub warnings: Vec<Diagnostic>,
}

impl ReportFile {
    /// The default file name: `<project-id>-<as-of>-customer.html` or
    /// `<project-id>-<as-of>-internal.html`, so one never overwrites the other.
    pub fn default_name(project: &str, as_of: NaiveDate, audience: Audience) -> PathBuf {
        crate::render::onefile::default_name(project, as_of, audience)
    }
}

/// What the report says that its sender should know before sending it: that the latest
/// update is stale (the report says how old it is), and, for the customer, that the update has
/// no customer part (the report has no narrative).
pub(crate) fn said_in_the_report(
    portfolio: &Portfolio,
    p: &ProjectReport,
    audience: Audience,
) -> Vec<Diagnostic> {
    let Some(latest) = p.latest_update else {
        return Vec::new();
    };
    let path = portfolio
        .projects
        .iter()
        .find(|m| m.id == p.id)
        .and_then(|m| m.updates.iter().find(|u| u.date == latest))
        .map(|u| u.path.clone())
        .unwrap_or_default();
    let mut out = Vec::new();
    if let Some(days) = p.days_since_update.filter(|_| p.stale) {
        out.push(
            Diagnostic::warning(
                "stale-update",
                &path,
                1,
                1,
                format!(
                    "the latest update, of {latest}, is {} old: the report says so",
                    plural(days.max(0) as usize, "day")
                ),
            )
            .found(format!("the update of {latest}"))
            .expected(format!(
                "an update at most {} old",
                plural(portfolio.config.stale_after_days.max(0) as usize, "day")
            ))
            .hint(format!(
                "write this week's update first: `folio new update {}`",
                p.id
            )),
        );
    }
    if audience == Audience::Customer && p.customer_part.is_none() {
        out.push(
            Diagnostic::warning(
                "no-customer-part",
                &path,
                1,
                1,
                "the latest update has no customer part: the customer report shows no narrative",
            )
            .found("no `## For the customer` heading with text under it")
            .expected("a `## For the customer` part: the only text of the narrative a customer reads")
            .hint("add `## For the customer` and what the customer may read under it; it ends at the next level-1 or level-2 heading"),
        );
    }
    out
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
    let near = crate::diagnostics::nearest(id, ids.iter().copied());
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
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the report check reads (tags, attributes, comment boundaries) is what html5ever
    /// reads, on the reports of the bundled content (folio-site's own test holds the awkward
    /// cases of the HTML standard).
    #[test]
    fn check_reads_the_bundled_reports_as_html5ever_does() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for project in ["contoso-geo-rollout", "initech-enablement-training"] {
            for audience in [
                crate::render::onefile::Audience::Customer,
                crate::render::onefile::Audience::Internal,
            ] {
                let settings = crate::driver::Settings::new(&content);
                let doc = crate::driver::report(&settings, project, audience).unwrap().html;
                crate::render::selfcontained::reads_tags_as_html5ever_does(&doc)
                    .unwrap_or_else(|e| panic!("{project} {audience:?}: {e}"));
            }
        }
    }

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
