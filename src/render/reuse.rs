//! Reusing pages of the previous build (`folio serve` rebuilds).
//!
//! A project page depends only on that project's report and model, the name of its program,
//! the as-of date and fiscal quarter, the currency and `portfolio.yaml`; a program page only on
//! the program's report and file, the reports of its projects and the same site-wide settings.
//! When none of these changed, the page is not rendered again: the caller keeps its previous
//! bytes (shared, not copied). The caller guarantees the theme and the options are the same,
//! and names the projects whose model may have changed (read again from disk); program files
//! are compared here.

use std::collections::BTreeSet;

use crate::model::{Portfolio, PortfolioFile, Program};
use crate::report::{ProgramReport, ProjectReport, Report};

/// What the previous build rendered, and from what.
#[derive(Clone, Copy)]
pub struct Previous<'a> {
    /// The previous `portfolio.yaml`.
    pub config: &'a PortfolioFile,
    /// The previous program files.
    pub programs: &'a [Program],
    pub report: &'a Report,
    /// The projects whose model may differ from the previous build's (the others' models are
    /// the same).
    pub reread: &'a BTreeSet<String>,
}

impl Previous<'_> {
    /// True when the settings every page shows are the same.
    fn same_site(&self, config: &PortfolioFile, report: &Report) -> bool {
        self.report.as_of == report.as_of
            && self.report.fiscal == report.fiscal
            && self.report.currency == report.currency
            && self.config == config
    }

    /// The previous report of project `id` (sorted by id; a miss only means a re-render).
    fn project(&self, id: &str) -> Option<&ProjectReport> {
        let i = self
            .report
            .projects
            .binary_search_by(|b| b.id.as_str().cmp(id))
            .ok()?;
        Some(&self.report.projects[i])
    }

    /// True when the previous page of project `p` is still right. A project's report is a
    /// function of its model, `portfolio.yaml` and the as-of date: with the same settings and a
    /// model not read again, it is the same (not compared: that is most of a rebuild's time
    /// at thousands of projects).
    pub fn keeps_project_page(&self, config: &PortfolioFile, report: &Report, p: &ProjectReport) -> bool {
        self.same_site(config, report)
            && !self.reread.contains(&p.id)
            && self.project(&p.id).is_some()
            && program_name(self.report, p) == program_name(report, p)
    }

    /// True when the previous page of program `g` is still right: same settings, same program
    /// file, same roll-up and the same projects.
    pub fn keeps_program_page(&self, portfolio: &Portfolio, report: &Report, g: &ProgramReport) -> bool {
        let before = program_file(self.programs, &g.id);
        if !self.same_site(&portfolio.config, report)
            || before.is_none()
            || before != program_file(&portfolio.programs, &g.id)
            || self.report.programs.iter().find(|b| b.id == g.id) != Some(g)
        {
            return false;
        }
        // Its projects' reports are the same when their models are (see above).
        g.project_ids
            .iter()
            .all(|id| !self.reread.contains(id) && self.project(id).is_some())
    }
}

/// The file of program `id`.
fn program_file<'a>(programs: &'a [Program], id: &str) -> Option<&'a crate::model::ProgramFile> {
    programs.iter().find(|p| p.id == id).map(|p| &p.file)
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
