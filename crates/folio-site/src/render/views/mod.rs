//! View models: everything a template shows, computed and formatted in Rust so templates only
//! lay it out. Shared pieces live here (layout, badges, links, generic tables); each page kind
//! has its own submodule.

pub mod accounts;
pub mod answer;
pub mod customer_report;
pub mod decisions;
pub mod internal_report;
pub mod people;
pub mod program;
pub mod project;
pub mod projects;
pub mod records;
pub mod region;
pub mod registers;
pub mod summary;
pub mod tables;

use std::collections::HashMap;

use serde::Serialize;

use crate::charts::Chart;
use crate::format;
use crate::report::Severity;
use crate::report::{Health, ProjectReport, Report};

/// Read-only lookups shared by every view builder.
pub struct Ctx<'a> {
    pub report: &'a Report,
    pub currency: &'a str,
    projects: HashMap<&'a str, &'a ProjectReport>,
    program_names: HashMap<&'a str, &'a str>,
    /// The full projects table in its default order and each row's HTML, built once for the
    /// list and its sorted copies (all at the same depth, so the same links): with the root it
    /// was built for.
    pub(crate) projects_table: std::sync::OnceLock<(String, tables::Table, Vec<String>)>,
}

impl<'a> Ctx<'a> {
    pub fn new(report: &'a Report) -> Ctx<'a> {
        Ctx {
            report,
            currency: &report.currency,
            projects: report.projects.iter().map(|p| (p.id.as_str(), p)).collect(),
            program_names: report
                .programs
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
            projects_table: std::sync::OnceLock::new(),
        }
    }

    pub fn project(&self, id: &str) -> Option<&'a ProjectReport> {
        self.projects.get(id).copied()
    }

    pub fn program_name(&self, id: &str) -> Option<&'a str> {
        self.program_names.get(id).copied()
    }

    pub fn money(&self, v: f64) -> String {
        format::money(v, self.currency)
    }

    pub fn money_opt(&self, v: Option<f64>) -> String {
        format::money_opt(v, self.currency)
    }

    pub fn compact(&self, v: f64) -> String {
        format::money_compact(v, self.currency)
    }

    /// Link to a project page from a page whose root prefix is `root`.
    pub fn project_link(&self, root: &str, id: &str) -> Link {
        let text = self.project(id).map_or(id, |p| p.name.as_str()).to_string();
        Link {
            text,
            href: project_href(root, id),
        }
    }

    /// Link to region `id`'s page, named as the report names the region (its id when the report
    /// has no such region).
    pub fn region_link(&self, root: &str, id: &str) -> Link {
        let name = self
            .report
            .regions
            .iter()
            .find(|g| g.id == id)
            .map_or(id, |g| g.name.as_str());
        region_link(root, id, name)
    }

    /// A money amount as a table cell that sorts by the amount.
    pub fn money_cell(&self, v: f64) -> tables::Cell {
        tables::Cell::num(self.money(v), format::sort_key(Some(v)))
    }

    /// Link to a program page, or `None` when the project has no program.
    pub fn program_link(&self, root: &str, id: Option<&str>) -> Option<Link> {
        id.map(|id| Link {
            text: self.program_name(id).unwrap_or(id).to_string(),
            href: format!("{root}programs/{id}/index.html"),
        })
    }
}

/// A KPI tile of a page: its label, value and a note under the value.
pub fn tile(label: &str, value: String, note: impl Into<String>) -> (String, String, String) {
    (label.to_string(), value, note.into())
}

/// The tile of revenue recognized so far, of the contract value (project, program, account).
pub fn recognized_tile(ctx: &Ctx, recognized: f64, contract: f64) -> (String, String, String) {
    let note = format!("of {} contract value", ctx.compact(contract));
    tile("Recognized revenue", ctx.compact(recognized), note)
}

pub fn project_href(root: &str, id: &str) -> String {
    format!("{root}projects/{id}/index.html")
}

/// Link to a region page from a page whose root prefix is `root`.
pub fn region_link(root: &str, id: &str, name: &str) -> Link {
    Link {
        text: name.to_string(),
        href: format!("{root}regions/{id}/index.html"),
    }
}

/// `../` repeated once per folder level of a page path (`projects/a/index.html` → `../../`).
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// A status badge: a word, a shape and a colour class.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    pub word: String,
    /// CSS modifier: `green`, `amber`, `red`, `unknown`, `info`.
    pub class: &'static str,
    /// A shape that differs per status, so colour is never the only cue.
    pub icon: &'static str,
}

pub fn health_badge(h: Health) -> Badge {
    let (word, icon) = match h {
        Health::Green => ("Green", "●"),
        Health::Amber => ("Amber", "▲"),
        Health::Red => ("Red", "■"),
        Health::Unknown => ("Unknown", "○"),
    };
    Badge {
        word: word.to_string(),
        class: h.as_str(),
        icon,
    }
}

pub fn severity_badge(s: Severity) -> Badge {
    let (word, class, icon) = match s {
        Severity::Critical => ("Critical", "red", "■"),
        Severity::High => ("High", "amber", "▲"),
        Severity::Medium => ("Medium", "info", "◆"),
        Severity::Low => ("Low", "unknown", "○"),
    };
    Badge {
        word: word.to_string(),
        class,
        icon,
    }
}

pub fn word_badge(word: &str, class: &'static str, icon: &'static str) -> Badge {
    Badge {
        word: word.to_string(),
        class,
        icon,
    }
}

/// Rank for sorting worst first: red 0, amber 1, unknown 2, green 3.
pub fn health_rank(h: Health) -> u8 {
    h.rank()
}

/// One navigation entry of the header.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub label: &'static str,
    pub href: String,
    pub current: bool,
}

/// What every page's layout needs.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub site_title: String,
    pub organization: Option<String>,
    pub as_of: String,
    pub quarter: String,
    pub page_title: String,
    pub root: String,
    pub home: String,
    pub css: String,
    pub js: String,
    pub live_reload: Option<String>,
    pub nav: Vec<NavItem>,
    pub data_links: Vec<Link>,
}

const NAV: [(&str, &str); 14] = [
    ("summary", "Summary"),
    ("projects", "Projects"),
    ("programs", "Programs"),
    ("regions", "Regions"),
    ("risks", "Risks"),
    ("issues", "Issues"),
    ("changes", "Changes"),
    ("escalations", "Escalations"),
    ("milestones", "Milestones"),
    ("people", "People"),
    ("partners", "Partners"),
    ("pipeline", "Pipeline"),
    ("customers", "Customers"),
    ("", ""),
];

impl Layout {
    /// The layout of the page at `path` (relative to the output root). `root` overrides the
    /// relative prefix (the 404 page uses the absolute base URL).
    pub fn new(
        ctx: &Ctx,
        path: &str,
        section: &str,
        page_title: &str,
        root: Option<&str>,
        live: bool,
    ) -> Layout {
        let root = root.map_or_else(|| root_for(path), str::to_string);
        let nav = NAV
            .iter()
            .filter(|(key, _)| !key.is_empty())
            .map(|(key, label)| NavItem {
                label,
                href: if *key == "summary" {
                    format!("{root}index.html")
                } else if *key == "regions" {
                    // Regions are listed on the summary, each linking to its page.
                    format!("{root}index.html#regions-title")
                } else {
                    format!("{root}{key}/index.html")
                },
                current: *key == section,
            })
            .collect();
        let data_links = [
            ("portfolio.json", "portfolio.json"),
            ("projects.csv", "projects.csv"),
            ("pipeline.csv", "pipeline.csv"),
            ("feed.xml", "Atom feed"),
            ("milestones.ics", "Milestone calendar"),
        ]
        .iter()
        .map(|(file, text)| Link {
            text: text.to_string(),
            href: format!("{root}{file}"),
        })
        .collect();
        Layout {
            site_title: ctx.report.site.title.clone(),
            organization: ctx.report.site.organization.clone(),
            as_of: format::date(ctx.report.as_of),
            quarter: ctx.report.fiscal.quarter.clone(),
            page_title: page_title.to_string(),
            home: format!("{root}index.html"),
            css: format!("{root}static/site.css"),
            js: format!("{root}static/site.js"),
            live_reload: live.then(|| format!("{root}__folio/live.js")),
            nav,
            data_links,
            root,
        }
    }
}

/// A chart with its text alternative, ready for the `chart` macro.
pub type ChartView = Chart;

/// Health counts as words, worst first: `2 red · 1 amber · 5 green`.
pub fn health_summary(counts: &std::collections::BTreeMap<Health, usize>) -> String {
    [Health::Red, Health::Amber, Health::Green, Health::Unknown]
        .iter()
        .filter_map(|h| {
            counts
                .get(h)
                .filter(|n| **n > 0)
                .map(|n| format!("{n} {}", h.as_str()))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
