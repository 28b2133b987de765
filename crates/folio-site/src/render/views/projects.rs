//! The projects table and its filters. Filtering works without JavaScript: every value of
//! region, program, computed health and manager gets its own pre-rendered page
//! (`projects/_by/<facet>/<value>/index.html`, a folder name no project id can take) showing the
//! same table with only the matching rows; the `<details>` menus above the table link to them.
//! Sorting works without JavaScript too: every column header of the full list links to a
//! pre-rendered copy sorted by that column (`projects/_sort-<column>.html`, beside the list so
//! its links are the list's and the table is built once for all of them; numbers
//! largest first, text A to Z). With JavaScript the table also gets a free-text filter box and
//! sorts in place.

use serde::Serialize;

use super::tables::{Cell, Table};
use super::{health_badge, health_rank, word_badge, Ctx, Link};
use crate::format;
use crate::report::{Health, ProjectReport};

/// Folder under `projects/` holding the filtered pages; ids never start with `_`.
pub const FILTER_DIR: &str = "projects/_by";

/// The projects page (all projects, or those of one filter value).
#[derive(Debug, Serialize)]
pub struct ProjectsView {
    /// `None` on the full list; the facet and value on a filtered page.
    pub filter: Option<ActiveFilter>,
    /// The column a sorted copy of the full list is sorted by.
    pub sorted_by: Option<String>,
    pub all: Link,
    pub facets: Vec<Facet>,
    pub table: Table,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActiveFilter {
    pub facet: String,
    pub value: String,
    pub count: usize,
}

/// One filter menu: its label and one link per value, with the number of projects.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub key: &'static str,
    pub label: &'static str,
    pub values: Vec<FacetValue>,
    /// The menu holds the current page's value (rendered open).
    pub active: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub text: String,
    pub href: String,
    pub count: usize,
    pub current: bool,
}

/// One filtered page to render: where, and which projects.
#[derive(Debug, Clone)]
pub struct FilterPage {
    pub path: String,
    pub facet: &'static str,
    pub label: &'static str,
    pub value: String,
    pub ids: Vec<String>,
}

/// The columns of the projects table: header, numeric, and the key of its sorted page. The money
/// a reader scans for (what is left to earn, this quarter's forecast, the expected cost) comes
/// right after the status, so it shows on a 1366 px screen.
const COLUMNS: [(&str, bool, &str); 18] = [
    ("Project", false, "project"),
    ("Computed", false, "computed"),
    ("Declared", false, "declared"),
    ("Last update", true, "last-update"),
    ("Remaining revenue (all quarters)", true, "remaining"),
    ("Forecast this quarter", true, "forecast"),
    ("EAC", true, "eac"),
    ("Margin", true, "margin"),
    ("Complete", true, "complete"),
    ("CPI", true, "cpi"),
    ("SPI", true, "spi"),
    ("Value", true, "value"),
    ("Recognized", true, "recognized"),
    ("End", true, "end"),
    ("Manager", false, "manager"),
    ("Region", false, "region"),
    ("Program", false, "program"),
    ("Type", false, "type"),
];

/// The facet of the sorted copies of the full list.
const SORT_FACET: &str = "sort";

const FACETS: [(&str, &str); 4] = [
    ("region", "Region"),
    ("program", "Program"),
    ("health", "Health"),
    ("manager", "Manager"),
];

/// The value shown for project `p` under `facet`, `None` when the project has none.
fn value_of(ctx: &Ctx, facet: &str, p: &ProjectReport) -> Option<String> {
    match facet {
        "region" => p.region.clone(),
        "program" => p
            .program
            .as_deref()
            .map(|id| ctx.program_name(id).unwrap_or(id).to_string()),
        "health" => Some(health_badge(p.health.computed).word),
        _ => Some(p.manager.clone()),
    }
}

/// Every filter page of the site, sorted by path (health worst first inside its facet). Each
/// distinct value has its own page: values whose slugs collide ("Pat Lee", "pat_lee") get
/// numbered folders ([`crate::slug::unique_slugs`]).
pub fn filter_pages(ctx: &Ctx) -> Vec<FilterPage> {
    let mut pages = Vec::new();
    for (facet, label) in FACETS {
        // (key, shown value, project ids); the key is the program id for programs (two
        // programs may share a name), else the value itself.
        let mut values: Vec<(String, String, Vec<String>)> = Vec::new();
        for p in &ctx.report.projects {
            let Some(v) = value_of(ctx, facet, p) else {
                continue;
            };
            let key = if facet == "program" {
                p.program.clone().unwrap_or_default()
            } else {
                v.clone()
            };
            match values.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, ids)) => ids.push(p.id.clone()),
                None => values.push((key, v, vec![p.id.clone()])),
            }
        }
        // A program id is a folder name already; any other value gets its slug.
        let slugs = crate::slug::unique_slugs(values.iter().map(|(k, _, _)| {
            let natural = if facet == "program" {
                k.clone()
            } else {
                crate::slug::slug(k)
            };
            (k.clone(), natural)
        }));
        if facet == "health" {
            let rank = |w: &str| {
                [Health::Red, Health::Amber, Health::Unknown, Health::Green]
                    .iter()
                    .position(|h| health_badge(*h).word == w)
            };
            values.sort_by_key(|v| rank(&v.1));
        } else {
            values.sort_by(|a, b| (a.1.to_lowercase(), &a.0).cmp(&(b.1.to_lowercase(), &b.0)));
        }
        for (key, value, ids) in values {
            pages.push(FilterPage {
                path: format!("{FILTER_DIR}/{facet}/{}/index.html", slugs[&key]),
                facet,
                label,
                value,
                ids,
            });
        }
    }
    // The full list sorted by each column but the first two (the default order is by health).
    let all: Vec<String> = ctx.report.projects.iter().map(|p| p.id.clone()).collect();
    for (label, _, key) in COLUMNS {
        pages.push(FilterPage {
            path: sort_path(key),
            facet: SORT_FACET,
            label: "Sorted by",
            value: label.to_string(),
            ids: all.clone(),
        });
    }
    pages
}

/// The sorted copy of the full list by column `key`: a file beside `projects/index.html` (ids
/// never start with `_`).
fn sort_path(key: &str) -> String {
    format!("projects/_sort-{key}.html")
}

/// The projects page: every project (`current` = `None`) or the page of one filter value.
pub fn build(ctx: &Ctx, root: &str, current: Option<&FilterPage>) -> ProjectsView {
    let pages = filter_pages(ctx);
    let facets = FACETS
        .iter()
        .map(|(key, label)| {
            let values: Vec<FacetValue> = pages
                .iter()
                .filter(|f| f.facet == *key)
                .map(|f| FacetValue {
                    text: f.value.clone(),
                    href: format!("{root}{}", f.path),
                    count: f.ids.len(),
                    current: current.is_some_and(|c| c.path == f.path),
                })
                .collect();
            Facet {
                key,
                label,
                active: values.iter().any(|v| v.current),
                values,
            }
        })
        .filter(|f| !f.values.is_empty())
        .collect();
    let sorted_by = current.filter(|f| f.facet == SORT_FACET);
    let current = current.filter(|f| f.facet != SORT_FACET);
    let projects: Vec<&ProjectReport> = match current {
        None => ctx.report.projects.iter().collect(),
        Some(f) => f.ids.iter().filter_map(|id| ctx.project(id)).collect(),
    };
    let table = match current {
        Some(_) => projects_table(ctx, root, &projects, "projects"),
        None => {
            // The full list and its sorted copies share one table (same depth, same links),
            // its rows rendered once and put in each copy's order.
            let build = || {
                let t = projects_table(ctx, root, &projects, "projects");
                let html: Vec<String> = t.rows.iter().map(|r| Table::row_html(r)).collect();
                (root.to_string(), t, html)
            };
            let own;
            let mut built = ctx.projects_table.get_or_init(build);
            if built.0 != root {
                own = build();
                built = &own;
            }
            let (full, html) = (&built.1, &built.2);
            // Sorting without JavaScript: each header links to the list sorted by it; the
            // column the list is sorted by links back to the default order.
            let active = sorted_by.and_then(|f| COLUMNS.iter().position(|c| c.0 == f.value));
            let mut t = full.shell();
            for (i, (h, (_, num, key))) in t.headers.iter_mut().zip(COLUMNS).enumerate() {
                if Some(i) == active {
                    h.href = Some(format!("{root}projects/index.html"));
                    h.sorted = Some(if num { "descending" } else { "ascending" });
                } else {
                    h.href = Some(format!("{root}{}", sort_path(key)));
                }
            }
            let order: Vec<usize> = match active {
                Some(i) => {
                    let num = COLUMNS[i].1;
                    t.order_note = Some(format!(
                        "Sorted by {}, {}; the column's header restores the default order.",
                        COLUMNS[i].0.to_lowercase(),
                        if num { "largest first" } else { "A to Z" }
                    ));
                    full.sorted_order(i, num)
                }
                None => (0..html.len()).collect(),
            };
            let body: String = order.iter().map(|&i| html[i].as_str()).collect();
            t.prerendered = Some((order.len(), body));
            t
        }
    };
    ProjectsView {
        sorted_by: sorted_by.map(|f| f.value.clone()),
        filter: current.map(|f| ActiveFilter {
            facet: f.label.to_string(),
            value: f.value.clone(),
            count: f.ids.len(),
        }),
        all: Link {
            text: format!("All {} projects", ctx.report.projects.len()),
            href: format!("{root}projects/index.html"),
        },
        facets,
        table,
    }
}

/// "Fixed price" / "T&M".
fn engagement_word(p: &ProjectReport) -> &'static str {
    match p.engagement {
        crate::report::Engagement::FixedPrice => "Fixed price",
        crate::report::Engagement::TimeAndMaterials => "T&M",
    }
}

/// The customer under the name, unless the name already says it.
pub fn customer_note(p: &ProjectReport) -> Option<String> {
    let name = p.name.to_lowercase();
    let customer = p.customer.trim();
    (!customer.is_empty() && !name.contains(&customer.to_lowercase())).then(|| customer.to_string())
}

/// Every project in one table, worst computed health first (watermelons on top). What a reader
/// scans for comes first (health, last update and staleness), then who and where, then figures.
pub fn projects_table(ctx: &Ctx, root: &str, projects: &[&ProjectReport], id: &str) -> Table {
    let mut sorted: Vec<&ProjectReport> = projects.to_vec();
    sorted.sort_by_key(|p| {
        (
            !p.health.watermelon,
            health_rank(p.health.computed),
            health_rank(p.health.declared),
            p.name.clone(),
        )
    });
    let headers: Vec<(&str, bool)> = COLUMNS.iter().map(|(l, n, _)| (*l, *n)).collect();
    let mut t = Table::new(id, "Projects", &headers, "No projects.").sortable();
    t.filterable = true;
    t.class = "projects".into();
    t.order_note =
        Some("Worst computed health first; watermelons (declared green, computed red) on top.".into());
    for (i, p) in sorted.iter().enumerate() {
        let mut computed = Cell::badge(health_badge(p.health.computed), format!("{i:05}"));
        if p.health.watermelon {
            computed.extra = Some(word_badge("Watermelon", "red", "◐"));
        }
        let program = match ctx.program_link(root, p.program.as_deref()) {
            Some(l) => Cell::link(l),
            None => Cell::text(format::NONE),
        };
        let updated = match (p.latest_update, p.days_since_update) {
            (Some(d), Some(n)) => {
                let mut c = Cell::num(format::date(d), n.to_string());
                if p.stale {
                    c.extra = Some(word_badge("Stale", "amber", "▲"));
                    c.note = Some(format!("{n} days ago"));
                }
                c
            }
            _ => {
                let mut c = Cell::num("none", "99999".into());
                c.extra = Some(word_badge("Stale", "amber", "▲"));
                c
            }
        };
        let end = p.forecast_end.unwrap_or(p.current_end);
        let end_note = (end != p.current_end).then(|| format!("baseline {}", format::date(p.current_end)));
        let this_quarter = p
            .revenue_by_quarter
            .iter()
            .find(|q| q.label == ctx.report.fiscal.quarter)
            .map_or(0.0, |q| q.forecast);
        let eac = p.evm.eac.unwrap_or(p.evm.bac.unwrap_or(p.budget));
        let eac_note = p
            .evm
            .bac
            .filter(|b| *b != 0.0 && p.evm.eac.is_some())
            .map(|b| format!("{} of budget", format::pct_of_fraction(Some(eac / b))));
        t.rows.push(vec![
            Cell::link(ctx.project_link(root, &p.id))
                .row_header()
                .with_note(customer_note(p)),
            computed,
            Cell::badge(
                health_badge(p.health.declared),
                health_rank(p.health.declared).to_string(),
            ),
            updated,
            ctx.money_cell(p.remaining_revenue),
            ctx.money_cell(this_quarter),
            ctx.money_cell(eac).with_note(eac_note),
            Cell::num(format::pct_of_fraction(p.margin), format::sort_key(p.margin)),
            Cell::num(
                format::pct(p.percent_complete),
                format::sort_key(p.percent_complete),
            ),
            Cell::ratio(p.evm.cpi),
            Cell::ratio(p.evm.spi),
            ctx.money_cell(p.current_value),
            ctx.money_cell(p.recognized_revenue),
            Cell::num(format::date(end), String::new()).with_note(end_note),
            Cell::text(&p.manager),
            match p.region.as_deref() {
                Some(id) => Cell::link(ctx.region_link(root, id)),
                None => Cell::opt_text(None),
            },
            program,
            Cell::text(engagement_word(p)),
        ]);
    }
    t
}
