//! Register pages (risks, issues, escalations, changes, milestones, partners, programs)
//! built from the record tables of `records`; the portfolio-wide escalation and milestone registers,
//! partners and the list of programs (the people page is [`super::people`]). Each register page is a short intro and tables.

use serde::Serialize;

use super::records::{self, Records};
use super::tables::{Cell, CellLink, Table};
use super::{Ctx, Link};
use crate::format;
use crate::report::{ChangeStatus, OpenClosed};

/// Every project of the portfolio.
/// A register page: an intro sentence and its tables.
#[derive(Debug, Serialize)]
pub struct RegisterView {
    pub intro: String,
    pub tables: Vec<Table>,
}

/// Open risks of the whole portfolio, highest score first.
pub fn open_risks(ctx: &Ctx, root: &str, id: &str, full: bool) -> Table {
    Records::all(ctx, root).risks(id, "Open risks, highest score first", OpenClosed::Open, full)
}

/// Open escalations of the whole portfolio, oldest first.
pub fn open_escalations(ctx: &Ctx, root: &str, id: &str, full: bool) -> Table {
    Records::all(ctx, root).escalations(id, "Open escalations, oldest first", true, full)
}

/// Milestones of the whole portfolio forecast in the next 30 days.
pub fn upcoming_milestones(ctx: &Ctx, root: &str, id: &str) -> Table {
    Records::all(ctx, root).upcoming_milestones(id)
}

pub fn risks_page(ctx: &Ctx, root: &str) -> RegisterView {
    let open = open_risks(ctx, root, "risks-open", true);
    RegisterView {
        intro: {
            let r = ctx.report.site.risk_levels.ranges();
            format!(
                "{} across the portfolio. Score = probability × impact (1–25): {}.",
                format::plural(open.rows.len(), "open risk"),
                r.iter()
                    .rev()
                    .map(|(name, span)| format!("{name} {span}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        tables: vec![
            open,
            Records::all(ctx, root).risks("risks-closed", "Closed risks", OpenClosed::Closed, true),
        ],
    }
}

pub fn escalations_page(ctx: &Ctx, root: &str) -> RegisterView {
    let open = open_escalations(ctx, root, "escalations-open", true);
    RegisterView {
        intro: format!(
            "{}, oldest first: the longer one waits, the more it costs.",
            format::plural(open.rows.len(), "open escalation")
        ),
        tables: vec![
            open,
            Records::all(ctx, root).escalations("escalations-resolved", "Resolved escalations", false, true),
        ],
    }
}

pub fn milestones_page(ctx: &Ctx, root: &str) -> RegisterView {
    let (open, done, late) = Records::all(ctx, root).milestones("milestones");
    RegisterView {
        intro: format!(
            "{}, {} of them late (baseline due date passed).",
            format::plural(open.rows.len(), "open milestone"),
            late
        ),
        tables: vec![open, done],
    }
}

pub fn issues_page(ctx: &Ctx, root: &str) -> RegisterView {
    let records = Records::all(ctx, root);
    let open = records.issues("issues-open", "Open issues, most severe first", true);
    let closed = records.issues("issues-closed", "Closed issues, latest first", false);
    RegisterView {
        intro: format!(
            "{} across the portfolio ({} closed). An issue is a problem that is happening now; a risk is one that might.",
            format::plural(open.rows.len(), "open issue"),
            closed.rows.len()
        ),
        tables: vec![open, closed],
    }
}

pub fn changes_page(ctx: &Ctx, root: &str) -> RegisterView {
    let records = Records::all(ctx, root);
    let proposed = records.changes(
        "changes-proposed",
        "Proposed change requests, waiting for a decision (oldest first)",
        &[ChangeStatus::Proposed],
    );
    let decided = records.changes(
        "changes-decided",
        "Approved and rejected change requests",
        &[ChangeStatus::Approved, ChangeStatus::Rejected],
    );
    let pending: f64 = ctx
        .report
        .projects
        .iter()
        .flat_map(|p| &p.changes)
        .filter(|c| c.status == ChangeStatus::Proposed)
        .filter_map(|c| c.value_delta)
        .sum();
    RegisterView {
        intro: format!(
            "{} waiting for a decision, worth {} in contract value; approved changes are already in each project's baseline.",
            format::plural(proposed.rows.len(), "change request"),
            ctx.money(pending)
        ),
        tables: vec![proposed, decided],
    }
}

/// True when `text` names the partner: its full name, or the first word of its name (at least
/// four letters, as a whole word, same case), e.g. "Cobalt" for "Cobalt Cloud Services".
pub fn names_partner(text: &str, partner: &str) -> bool {
    if text.contains(partner) {
        return true;
    }
    let Some(first) = partner.split_whitespace().next() else {
        return false;
    };
    first.chars().count() >= 4
        && text
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
            .any(|w| w == first || w.strip_suffix("'s") == Some(first))
}

pub fn partners_page(ctx: &Ctx, root: &str) -> RegisterView {
    let mut t = Table::new(
        "partners",
        "Delivery partners and subcontractors",
        &[
            ("Partner", false),
            ("Budget", true),
            ("Projects", false),
            ("Escalations and risks naming them", false),
        ],
        "No partners.",
    )
    .sortable();
    for partner in &ctx.report.partners {
        let mut projects = Cell::default();
        let mut records = Cell::default();
        for e in &partner.engagements {
            let l = ctx.project_link(root, &e.project);
            projects.links.push(CellLink {
                text: l.text,
                href: l.href,
                note: Some(match e.budget {
                    Some(b) => format!("{} ({})", e.role, ctx.money(b)),
                    None => e.role.clone(),
                }),
            });
            // Records of the projects the partner works on that name it.
            let Some(p) = ctx.project(&e.project) else {
                continue;
            };
            for x in &p.escalations {
                if names_partner(&x.title, &partner.name) {
                    let open = x.status == crate::report::OpenResolved::Open;
                    records.links.push(CellLink {
                        text: format!("{} {}", x.id, x.title),
                        href: format!(
                            "{root}escalations/index.html#{}",
                            records::anchor("escalation", &p.id, &x.id)
                        ),
                        note: Some(format!("escalation, {}", if open { "open" } else { "resolved" })),
                    });
                }
            }
            for r in &p.risks {
                let text = format!("{} {}", r.title, r.mitigation.as_deref().unwrap_or(""));
                if names_partner(&text, &partner.name) {
                    let open = r.status == OpenClosed::Open;
                    records.links.push(CellLink {
                        text: format!("{} {}", r.id, r.title),
                        href: format!("{root}risks/index.html#{}", records::anchor("risk", &p.id, &r.id)),
                        note: Some(format!(
                            "risk {}, {}",
                            r.score,
                            if open { "open" } else { "closed" }
                        )),
                    });
                }
            }
        }
        if records.links.is_empty() {
            records.text = format::NONE.to_string();
        }
        t.rows.push(vec![
            Cell::text(&partner.name).row_header(),
            ctx.money_cell(partner.budget),
            projects,
            records,
        ]);
    }
    RegisterView {
        intro: format!(
            "{} partners across the portfolio, with the escalations and risks of their projects that name them.",
            ctx.report.partners.len()
        ),
        tables: vec![t],
    }
}

pub fn programs_page(ctx: &Ctx, root: &str) -> RegisterView {
    let mut t = Table::new(
        "programs",
        "Programs",
        &[
            ("Program", false),
            ("Sponsor", false),
            ("Projects", true),
            ("Computed health", false),
            ("Value", true),
            ("Recognized", true),
            ("CPI", true),
            ("SPI", true),
        ],
        "No programs.",
    )
    .sortable();
    for p in &ctx.report.programs {
        let r = &p.rollup;
        t.rows.push(vec![
            Cell::link(Link {
                text: p.name.clone(),
                href: format!("{root}programs/{}/index.html", p.id),
            })
            .row_header(),
            Cell::opt_text(p.sponsor.as_deref()),
            Cell::num(r.project_count.to_string(), r.project_count.to_string()),
            Cell::text(super::health_summary(&r.health.computed)),
            ctx.money_cell(r.current_value),
            ctx.money_cell(r.recognized_revenue),
            Cell::ratio(r.cpi),
            Cell::ratio(r.spi),
        ]);
    }
    RegisterView {
        intro: format!("{} programs.", ctx.report.programs.len()),
        tables: vec![t],
    }
}

#[cfg(test)]
mod tests {
    use super::names_partner;

    #[test]
    fn a_record_names_a_partner_by_full_name_or_distinctive_first_word() {
        assert!(names_partner(
            "Cobalt circuit install postponed",
            "Cobalt Cloud Services"
        ));
        assert!(names_partner(
            "Waiting on Cobalt's account director",
            "Cobalt Cloud Services"
        ));
        assert!(names_partner(
            "Blue Harbor weekend crew",
            "Blue Harbor Consulting"
        ));
        assert!(names_partner(
            "Kestrel Training Co. invoice",
            "Kestrel Training Co."
        ));
        // Not a word inside another word, not another case, not a short first word.
        assert!(!names_partner("Cobaltic blue", "Cobalt Cloud Services"));
        assert!(!names_partner("cobalt circuit", "Cobalt Cloud Services"));
        assert!(!names_partner("The ACE team", "ACE Partners"));
    }
}
