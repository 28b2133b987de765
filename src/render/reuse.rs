//! Reusing pages of the previous build (`folio serve` rebuilds): a project page depends only on
//! that project's report and model, the name of its program, the as-of date and fiscal quarter,
//! the currency and `portfolio.yaml`, so when none of these changed its previous bytes are kept
//! instead of rendering it again. The caller guarantees the theme and options are the same.

use crate::model::Portfolio;
use crate::report::{ProjectReport, Report};
use crate::SiteFiles;

/// What the previous build rendered, and from what.
#[derive(Clone, Copy)]
pub struct Previous<'a> {
    pub portfolio: &'a Portfolio,
    pub report: &'a Report,
    pub files: &'a SiteFiles,
}

impl Previous<'_> {
    /// The previous bytes of the page at `path` of project `p`, when they are still right.
    pub fn project_page(
        &self,
        portfolio: &Portfolio,
        report: &Report,
        p: &ProjectReport,
        path: &str,
    ) -> Option<Vec<u8>> {
        let same_site = self.report.as_of == report.as_of
            && self.report.fiscal == report.fiscal
            && self.report.currency == report.currency
            && self.portfolio.config == portfolio.config;
        if !same_site {
            return None;
        }
        // Both lists are sorted by id; a miss only means the page is rendered again.
        let before = &self.report.projects[self
            .report
            .projects
            .binary_search_by(|b| b.id.as_str().cmp(&p.id))
            .ok()?];
        if before != p
            || model(self.portfolio, &p.id) != model(portfolio, &p.id)
            || program_name(self.report, p) != program_name(report, p)
        {
            return None;
        }
        self.files.get(path).cloned()
    }
}

/// The model of project `id` (projects are sorted by id; a miss only means a re-render).
fn model<'a>(portfolio: &'a Portfolio, id: &str) -> Option<&'a crate::model::Project> {
    let i = portfolio
        .projects
        .binary_search_by(|m| m.id.as_str().cmp(id))
        .ok()?;
    Some(&portfolio.projects[i])
}

/// The name of the program of `p`, as `report` has it.
fn program_name<'a>(report: &'a Report, p: &ProjectReport) -> Option<Option<&'a str>> {
    let id = p.program.as_deref()?;
    Some(
        report
            .programs
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.name.as_str()),
    )
}
