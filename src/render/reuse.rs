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
        let before = self.report.projects.iter().find(|b| b.id == p.id)?;
        let model = |pf: &Portfolio| pf.projects.iter().find(|m| m.id == p.id).cloned();
        let program = |r: &Report| {
            p.program
                .as_deref()
                .map(|id| r.programs.iter().find(|g| g.id == id).map(|g| g.name.clone()))
        };
        if before != p || model(self.portfolio) != model(portfolio) || program(self.report) != program(report)
        {
            return None;
        }
        self.files.get(path).cloned()
    }
}
