//! The internal status report's view model: the project page's own view model
//! ([`super::project::ProjectView`]), so whatever the project page shows the internal report
//! shows too, plus the open asks; content HTML is stripped of references so the file stays
//! self-contained.

use serde::Serialize;

use super::customer_report::{self, AskRow, ReportHead};
use super::project::{self, ProjectView};
use super::Ctx;
use crate::render::selfcontained::offline_html;
use crate::report::ProjectReport;

/// Everything folio knows about one project, for leadership.
#[derive(Debug, Serialize)]
pub struct InternalReportView {
    pub head: ReportHead,
    pub project: ProjectView,
    pub asks: Vec<AskRow>,
}

pub fn build(ctx: &Ctx, p: &ProjectReport, head: ReportHead) -> InternalReportView {
    let mut view = project::build(ctx, "", p);
    view.program = None;
    view.narrative = view.narrative.as_deref().map(offline_html);
    view.description = view.description.as_deref().map(offline_html);
    for h in &mut view.history {
        h.html = offline_html(&h.html);
    }
    let asks = customer_report::asks(p, true);
    InternalReportView {
        head,
        project: view,
        asks,
    }
}
