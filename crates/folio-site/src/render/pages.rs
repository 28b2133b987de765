//! The pages that exist once per site (summary, registers, 404): one enum, so each page has
//! exactly one output path, template, nav section, title and view model, and a page without a
//! view (or a template without a page) cannot be written down.

use serde::Serialize;

use super::views::{self, root_for, Ctx, Layout};
use super::{render_page, Pass};
use crate::settings::Resolved;

/// A page rendered once per site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinglePage {
    Summary,
    Projects,
    Programs,
    Risks,
    Issues,
    Changes,
    Escalations,
    Milestones,
    People,
    Partners,
    Pipeline,
    Customers,
    NotFound,
}

impl SinglePage {
    /// Every single page, in nav order.
    pub const ALL: [SinglePage; 13] = [
        SinglePage::Summary,
        SinglePage::Projects,
        SinglePage::Programs,
        SinglePage::Risks,
        SinglePage::Issues,
        SinglePage::Changes,
        SinglePage::Escalations,
        SinglePage::Milestones,
        SinglePage::People,
        SinglePage::Partners,
        SinglePage::Pipeline,
        SinglePage::Customers,
        SinglePage::NotFound,
    ];

    /// (output path, template, nav section, title).
    fn row(self) -> (&'static str, &'static str, &'static str, &'static str) {
        match self {
            SinglePage::Summary => ("index.html", "index.html", "summary", "Executive summary"),
            SinglePage::Projects => ("projects/index.html", "projects.html", "projects", "Projects"),
            SinglePage::Programs => ("programs/index.html", "programs.html", "programs", "Programs"),
            SinglePage::Risks => ("risks/index.html", "risks.html", "risks", "Risk register"),
            SinglePage::Issues => ("issues/index.html", "issues.html", "issues", "Issue register"),
            SinglePage::Changes => ("changes/index.html", "changes.html", "changes", "Change requests"),
            SinglePage::Escalations => (
                "escalations/index.html",
                "escalations.html",
                "escalations",
                "Escalations",
            ),
            SinglePage::Milestones => (
                "milestones/index.html",
                "milestones.html",
                "milestones",
                "Milestones",
            ),
            SinglePage::People => ("people/index.html", "people.html", "people", "People"),
            SinglePage::Partners => ("partners/index.html", "partners.html", "partners", "Partners"),
            SinglePage::Pipeline => (
                "pipeline/index.html",
                "pipeline.html",
                "pipeline",
                "Sales pipeline",
            ),
            SinglePage::Customers => ("customers/index.html", "customers.html", "customers", "Customers"),
            // No nav section is current on the 404 page.
            SinglePage::NotFound => ("404.html", "404.html", "", "Page not found"),
        }
    }

    /// Output path relative to the site root.
    pub fn path(self) -> &'static str {
        self.row().0
    }

    /// Renders the page: its layout and its view model through its template.
    pub fn render(self, tera: &Pass, ctx: &Ctx, opts: &Resolved) -> anyhow::Result<(String, Vec<u8>)> {
        let (path, template, section, title) = self.row();
        let not_found = self == SinglePage::NotFound;
        // The 404 page is served at any depth, so its links are absolute.
        let base = not_found.then_some(opts.base_url.as_str());
        let layout = Layout::new(ctx, path, section, title, base, opts.live_reload);
        let root = base.map_or_else(|| root_for(path), str::to_string);
        // The page's view model through its template.
        macro_rules! with_view {
            ($view:expr) => {
                render_page(tera, template, &layout, &$view)
            };
        }
        let bytes = match self {
            SinglePage::Summary => with_view!(views::summary::build(ctx, &root)),
            SinglePage::Projects => with_view!(views::projects::build(ctx, &root, None)),
            SinglePage::Programs => with_view!(views::registers::programs_page(ctx, &root)),
            SinglePage::Risks => with_view!(views::registers::risks_page(ctx, &root)),
            SinglePage::Issues => with_view!(views::registers::issues_page(ctx, &root)),
            SinglePage::Changes => with_view!(views::registers::changes_page(ctx, &root)),
            SinglePage::Escalations => with_view!(views::registers::escalations_page(ctx, &root)),
            SinglePage::Milestones => with_view!(views::registers::milestones_page(ctx, &root)),
            SinglePage::People => with_view!(views::people::page(ctx, &root)),
            SinglePage::Partners => with_view!(views::registers::partners_page(ctx, &root)),
            SinglePage::Pipeline => with_view!(views::accounts::pipeline_page(ctx, &root)),
            SinglePage::Customers => with_view!(views::accounts::customers_page(ctx, &root)),
            SinglePage::NotFound => with_view!(NoView {}),
        }?;
        Ok((path.to_string(), bytes))
    }
}

/// The 404 page's view: nothing beyond the layout.
#[derive(Serialize)]
struct NoView {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_single_page_has_its_own_path_and_template() {
        let paths: std::collections::BTreeSet<_> = SinglePage::ALL.iter().map(|p| p.path()).collect();
        let templates: std::collections::BTreeSet<_> = SinglePage::ALL.iter().map(|p| p.row().1).collect();
        assert_eq!(paths.len(), SinglePage::ALL.len());
        assert_eq!(templates.len(), SinglePage::ALL.len());
        assert!(paths.iter().all(|p| p.ends_with(".html")));
    }
}
