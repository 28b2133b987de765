//! The people page (see docs/site.md, people): utilization against target over the last 13
//! weeks (a chart with its data), the bench within 4 weeks, the next 12 weeks' allocation as a
//! heat grid (a number and a word in every cell), and every person with their figures and
//! links to their projects, over-allocated first. Reads only the report's `people` and
//! `staffing`.

use serde::Serialize;

use super::tables::{Cell, CellLink, Table};
use super::{word_badge, Badge, Ctx};
use crate::charts::Chart;
use crate::format;
use crate::report::{AllocationLevel, PersonAllocation, UtilizationFigures};
use crate::wording;

/// The people page.
#[derive(Debug, Serialize)]
pub struct PeopleView {
    pub intro: String,
    /// The portfolio's utilization in sentences (empty without time entries).
    pub summary: Vec<String>,
    /// Null without time entries.
    pub chart: Option<Chart>,
    pub bench: Vec<BenchLine>,
    /// What the grid shows, in words (its text alternative).
    pub grid_description: String,
    pub grid: Table,
    pub tables: Vec<Table>,
}

/// One person rolling off to the bench.
#[derive(Debug, Serialize)]
pub struct BenchLine {
    pub name: String,
    pub anchor: String,
    pub from: String,
    /// The allocation that week.
    pub allocation: String,
}

/// The badge of a week's allocation: the number and the word, and a class and shape.
fn level_badge(allocation: f64, level: AllocationLevel) -> Badge {
    let (class, icon) = match level {
        AllocationLevel::Over => ("red", "▲"),
        AllocationLevel::Full => ("green", "●"),
        AllocationLevel::Partial => ("info", "◆"),
        AllocationLevel::Bench => ("amber", "▼"),
    };
    word_badge(
        &format!(
            "{} {}",
            format::pct(Some(allocation)),
            wording::allocation_level(level)
        ),
        class,
        icon,
    )
}

fn anchor(name: &str) -> String {
    format!("person-{}", crate::slug::slug(name))
}

fn ratio(f: Option<&UtilizationFigures>, billable: bool) -> String {
    format::pct_1(
        f.and_then(|f| {
            if billable {
                f.billable_utilization
            } else {
                f.utilization
            }
        })
        .map(|v| v * 100.0),
    )
}

/// People in the page's order: over-allocated (at A or in the next 12 weeks) first, highest
/// peak first, then by name.
fn ordered<'a>(ctx: &Ctx<'a>) -> Vec<&'a PersonAllocation> {
    let st = &ctx.report.staffing;
    let rank = |p: &PersonAllocation| {
        st.over_allocated
            .iter()
            .position(|n| *n == p.name)
            .unwrap_or(usize::MAX)
    };
    let mut people: Vec<&PersonAllocation> = ctx.report.people.iter().collect();
    people.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.name.cmp(&b.name)));
    people
}

pub fn page(ctx: &Ctx, root: &str) -> PeopleView {
    let r = ctx.report;
    let st = &r.staffing;
    let people = ordered(ctx);
    let measured = r.portfolio.utilization.is_some();

    let mut summary = Vec::new();
    if let Some(u) = r.portfolio.utilization {
        summary.push(format!(
            "Billable utilization over the last 13 weeks: {} against a target of {} ({}); {} of all hours booked. Quarter to date: {} billable.",
            ratio(Some(&u.last_13_weeks), true),
            format::pct_1(Some(st.target)),
            if st.under_target { "under target" } else { "on target" },
            ratio(Some(&u.last_13_weeks), false),
            ratio(Some(&u.quarter_to_date), true),
        ));
        summary.push(format!(
            "{} under their own target over the 13 weeks.",
            format::plural_of(st.people_under_target.len(), "person is", "people are")
        ));
        if !st.roles.is_empty() {
            summary.push(format!(
                "By role, billable over 13 weeks: {}.",
                st.roles
                    .iter()
                    .map(|x| format!("{} {}", x.role, ratio(Some(&x.utilization.last_13_weeks), true)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }

    let bench = st
        .bench
        .iter()
        .map(|b| BenchLine {
            name: b.name.clone(),
            anchor: anchor(&b.name),
            from: format::date(b.from),
            allocation: r
                .people
                .iter()
                .find(|p| p.name == b.name)
                .and_then(|p| p.allocation_by_week.iter().find(|w| w.week == b.from))
                .map_or_else(|| format::NONE.to_string(), |w| format::pct(Some(w.allocation))),
        })
        .collect();

    // The heat grid: person × week.
    let week_labels: Vec<String> = st
        .allocation_weeks
        .iter()
        .map(|w| w.format("%b %-d").to_string())
        .collect();
    let mut headers: Vec<(&str, bool)> = vec![("Person", false)];
    headers.extend(week_labels.iter().map(|l| (l.as_str(), true)));
    let mut grid = Table::new(
        "allocation-grid",
        "Allocation of the next 12 weeks (percent of capacity, week of Monday), over-allocated first",
        &headers,
        "No one is on a team.",
    );
    grid.class = "heat-grid".into();
    let grid_people: Vec<&&PersonAllocation> = people
        .iter()
        .filter(|p| p.billable || p.allocation > 0.0)
        .collect();
    for p in &grid_people {
        let mut row = vec![Cell::text(&p.name).row_header()];
        for w in &p.allocation_by_week {
            row.push(Cell::badge(
                level_badge(w.allocation, w.level),
                format::sort_key(Some(w.allocation)),
            ));
        }
        grid.rows.push(row);
    }
    let over_weeks: usize = grid_people
        .iter()
        .map(|p| {
            p.allocation_by_week
                .iter()
                .filter(|w| w.level == AllocationLevel::Over)
                .count()
        })
        .sum();
    let grid_description = format!(
        "{} over the 12 weeks from {}: {} over-allocated in at least one week ({} person-weeks over 100%), {} on the bench within 4 weeks. Each cell gives the percent of the person's capacity and a word: bench (below 50%), partial (below 90%), full (up to 100%) or over.",
        format::plural_of(grid_people.len(), "person", "people"),
        st.allocation_weeks.first().map_or_else(|| format::NONE.to_string(), |d| format::date(*d)),
        format::plural_of(st.over_allocated.len(), "person", "people"),
        over_weeks,
        format::plural_of(st.bench.len(), "person", "people"),
    );

    let mut t = Table::new(
        "people",
        "Everyone on a team or in the time entries, over-allocated first (billable utilization over 13 weeks and the quarter to date; allocation today)",
        &[
            ("Person", false),
            ("Role", false),
            ("Billable 13 wk", true),
            ("Target", true),
            ("Billable QTD", true),
            ("Today", true),
            ("Status", false),
            ("Projects", false),
        ],
        "No people.",
    )
    .sortable();
    t.class = "people-table".into();
    for p in &people {
        let u = p.utilization;
        let status = if p.over_allocated || st.over_allocated.contains(&p.name) {
            word_badge("Over-allocated", "red", "■")
        } else if let Some(b) = p.bench_from {
            word_badge(&format!("Bench from {}", format::date(b)), "amber", "▼")
        } else if !p.billable {
            word_badge("Not billable", "unknown", "○")
        } else if p.under_target {
            word_badge("Under target", "amber", "▲")
        } else {
            word_badge("OK", "green", "●")
        };
        let rank = if p.over_allocated {
            0
        } else if p.bench_from.is_some() {
            1
        } else if p.under_target {
            2
        } else {
            3
        };
        let projects = Cell::links(
            p.projects
                .iter()
                .map(|id| {
                    let l = ctx.project_link(root, id);
                    let a = p.assignments.iter().find(|a| &a.project == id);
                    CellLink {
                        text: l.text,
                        href: l.href,
                        note: a.map(|a| format!("{} {}", a.role, format::pct(Some(a.allocation)))),
                    }
                })
                .collect(),
        );
        let mut name = Cell::text(&p.name).row_header();
        name.anchor = Some(anchor(&p.name));
        let b13 = u.and_then(|u| u.last_13_weeks.billable_utilization);
        let bq = u.and_then(|u| u.quarter_to_date.billable_utilization);
        t.rows.push(vec![
            name,
            Cell::opt_text(p.role.as_deref()),
            Cell::num(format::pct_of_fraction(b13), format::sort_key(b13)),
            Cell::num(
                if p.billable {
                    format::pct(Some(p.billable_target))
                } else {
                    format::NONE.to_string()
                },
                format::sort_key(Some(p.billable_target)),
            ),
            Cell::num(format::pct_of_fraction(bq), format::sort_key(bq)),
            Cell::num(
                format::pct(Some(p.allocation)),
                format::sort_key(Some(p.allocation)),
            ),
            Cell::badge(status, rank.to_string()),
            projects,
        ]);
    }

    PeopleView {
        intro: format!(
            "{} on teams or in the time entries; {} over-allocated (more than 100% of a week, today or in the next 12 weeks), listed first; {} rolling off to the bench within 4 weeks.",
            format::plural_of(r.people.len(), "person", "people"),
            st.over_allocated.len(),
            st.bench.len()
        ),
        summary,
        chart: measured.then(|| crate::charts::utilization(&st.weeks, st.target, r.as_of)),
        bench,
        grid_description,
        grid,
        tables: vec![t, super::accounts::account_team_table(ctx, root)],
    }
}
