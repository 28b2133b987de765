//! The customer status report's view model: what a project's customer may read, and nothing
//! else. The types below have no field that could carry cost, budget, EAC, earned-value
//! figures, revenue, margin, rates, hours, team allocations, computed health or a record marked
//! internal; the guarantee is in the types, not in the template that lays them out.
//!
//! Records (risks, issues, escalations, changes) are shown when their latest mention up to the
//! as-of date says `customer: true`; without one, changes are shown and the rest are not.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{health_badge, severity_badge, word_badge, Badge, Ctx};
use crate::charts::{self, Chart};
use crate::format;
use crate::model::{ChangeStatus, OpenClosed, OpenResolved, Project, Update};
use crate::render::markdown::to_html_scoped;
use crate::render::selfcontained;
use crate::report::{Health, ProjectReport};

/// Everything a customer report shows.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerReportView {
    pub head: ReportHead,
    pub project: String,
    pub customer: String,
    pub manager: String,
    pub sponsor: Option<String>,
    /// `None` when there is no update as of the date.
    pub status: Option<CustomerStatus>,
    /// Said instead of the status when there is no update as of the date.
    pub no_update: Option<String>,
    /// The latest narrative without its `## Internal` parts, as sanitized HTML with no
    /// reference to anything outside the file.
    pub narrative: Option<String>,
    pub milestones: Vec<MilestoneRow>,
    pub milestone_chart: Option<Chart>,
    pub changes: Vec<ChangeRow>,
    pub asks: Vec<AskRow>,
    pub risks: Vec<RecordRow>,
    pub issues: Vec<RecordRow>,
    pub escalations: Vec<RecordRow>,
}

/// The head of a one-file report (either audience).
#[derive(Debug, Clone, Serialize)]
pub struct ReportHead {
    /// The document title.
    pub title: String,
    /// Who produced the report (the portfolio's organization, else its title).
    pub from: String,
    pub as_of: String,
    /// `Customer status report` or `Internal status report`.
    pub kind: String,
}

/// The PM's declared status and progress.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerStatus {
    pub overall: Badge,
    /// Schedule and scope, when declared.
    pub dimensions: Vec<(String, Badge)>,
    /// `42%`.
    pub percent: String,
    /// Width of the progress bar, 0–100, as a number string (`42.0`).
    pub bar: String,
    /// `Update of 2026-11-27 by Pat Lee`.
    pub update_line: String,
    pub forecast_end: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneRow {
    pub name: String,
    pub status: Badge,
    pub due: String,
    pub forecast: String,
    pub done: String,
    pub slip: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeRow {
    pub title: String,
    pub status: Badge,
    /// Change of the contract value, as agreed with the customer.
    pub value: String,
    pub schedule: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AskRow {
    pub ask: String,
    pub of: String,
    pub by: String,
}

/// A risk, issue or escalation the PM shares with the customer.
#[derive(Debug, Clone, Serialize)]
pub struct RecordRow {
    pub title: String,
    pub status: Badge,
    /// Severity (issues, escalations) or probability × impact (risks).
    pub rating: String,
    pub owner: String,
    /// Mitigation (risks) or next step (escalations).
    pub action: String,
}

/// The milestone chart of a report: the project page's own (none without milestones). A site
/// build draws it once for both and hands it to [`build`].
pub fn milestone_chart(ctx: &Ctx, p: &ProjectReport) -> Option<Chart> {
    (!p.milestones.is_empty()).then(|| charts::milestone_timeline(p, ctx.report.as_of))
}

/// Builds the customer report of `p`, with its [`milestone_chart`].
pub fn build(
    ctx: &Ctx,
    p: &ProjectReport,
    kind_title: &str,
    milestone_chart: Option<Chart>,
) -> CustomerReportView {
    let as_of = ctx.report.as_of;
    let model = ctx.model(&p.id);
    let updates: Vec<&Update> = model
        .map(|m| m.updates.iter().filter(|u| u.date <= as_of).collect())
        .unwrap_or_default();
    let latest = updates.last().copied();
    let flags = model.map(|m| Flags::of(m, as_of)).unwrap_or_default();

    let status = latest.map(|u| {
        let s = &u.front.status;
        let dimensions = [("Schedule", s.schedule), ("Scope", s.scope)]
            .iter()
            .filter_map(|(l, h)| h.map(|h| (l.to_string(), health_badge(Health::from(h)))))
            .collect();
        let pct = u.front.percent_complete.clamp(0.0, 100.0);
        CustomerStatus {
            overall: health_badge(Health::from(s.overall)),
            dimensions,
            percent: format::pct(Some(pct)),
            bar: format!("{pct:.1}"),
            update_line: format!(
                "Update of {} by {}",
                format::date(u.date),
                u.front.author.as_deref().unwrap_or(&p.manager)
            ),
            forecast_end: u.front.forecast_end.map(format::date),
        }
    });
    let no_update = latest
        .is_none()
        .then(|| format!("No status update as of {}.", format::date(as_of)));
    let narrative = latest
        .map(|u| customer_markdown(&u.body))
        .filter(|md| !md.trim().is_empty())
        .map(|md| selfcontained::offline_html(&to_html_scoped(&md, "latest-")));

    CustomerReportView {
        head: ReportHead {
            title: format!("{} — {kind_title}, {}", p.name, format::date(as_of)),
            from: ctx
                .portfolio
                .config
                .organization
                .clone()
                .unwrap_or_else(|| ctx.portfolio.config.title.clone()),
            as_of: format::date(as_of),
            kind: kind_title.to_string(),
        },
        project: p.name.clone(),
        customer: p.customer.clone(),
        manager: p.manager.clone(),
        sponsor: p.sponsor.clone(),
        status,
        no_update,
        narrative,
        milestones: milestones(p),
        milestone_chart,
        changes: changes(ctx, p, &flags),
        asks: latest.map(asks).unwrap_or_default(),
        risks: risks(p, &flags),
        issues: issues(p, &flags),
        escalations: escalations(model, p, &flags, as_of),
    }
}

/// The narrative a customer may read: without its internal parts, each from a level-2 heading
/// `Internal` (any case; `## Internal` or `Internal` underlined with `---`) to the next level-2
/// heading or the end, as the Markdown parser sees headings (not in code blocks). Then
/// [`crate::model::customer_narrative`]'s line rule for `## Internal` applies too, so the two
/// can only remove more, never less.
pub fn customer_markdown(body: &str) -> String {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let md = body;
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    let mut heading: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(md, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                // From the start of the heading's line (an ATX heading may be indented).
                let line = md[..range.start].rfind('\n').map_or(0, |i| i + 1);
                let start = if md[line..range.start].trim().is_empty() {
                    line
                } else {
                    range.start
                };
                heading = Some((start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((start, text)) = heading.take() {
                    if let Some(from) = open.take() {
                        cuts.push(from..start);
                    }
                    if text.trim().eq_ignore_ascii_case("internal") {
                        open = Some(start);
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        cuts.push(from..md.len());
    }
    let mut out = String::with_capacity(md.len());
    let mut at = 0;
    for cut in cuts {
        out.push_str(&md[at..cut.start]);
        at = cut.end;
    }
    out.push_str(&md[at..]);
    crate::model::customer_narrative(&out)
}

/// Whether each record is shared with the customer, by kind and id: the latest mention up to
/// the as-of date that says so decides.
#[derive(Debug, Default)]
pub struct Flags {
    pub risks: BTreeMap<String, bool>,
    pub issues: BTreeMap<String, bool>,
    pub escalations: BTreeMap<String, bool>,
    pub changes: BTreeMap<String, bool>,
}

impl Flags {
    pub fn of(model: &Project, as_of: NaiveDate) -> Flags {
        let mut f = Flags::default();
        for u in model.updates.iter().filter(|u| u.date <= as_of) {
            let fm = &u.front;
            let set = |map: &mut BTreeMap<String, bool>, id: &str, flag: Option<bool>| {
                if let Some(b) = flag {
                    map.insert(id.to_string(), b);
                }
            };
            fm.risks.iter().for_each(|r| set(&mut f.risks, &r.id, r.customer));
            fm.issues
                .iter()
                .for_each(|r| set(&mut f.issues, &r.id, r.customer));
            fm.escalations
                .iter()
                .for_each(|r| set(&mut f.escalations, &r.id, r.customer));
            fm.changes
                .iter()
                .for_each(|r| set(&mut f.changes, &r.id, r.customer));
        }
        f
    }

    fn shown(map: &BTreeMap<String, bool>, id: &str, default: bool) -> bool {
        map.get(id).copied().unwrap_or(default)
    }
}

fn milestones(p: &ProjectReport) -> Vec<MilestoneRow> {
    let mut ms: Vec<_> = p.milestones.iter().collect();
    ms.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    ms.into_iter()
        .map(|m| MilestoneRow {
            name: m.name.clone(),
            status: if m.done.is_some() {
                word_badge("Done", "green", "✓")
            } else if m.late {
                word_badge("Late", "red", "■")
            } else if m.upcoming {
                word_badge("Next 30 days", "info", "◆")
            } else {
                word_badge("Planned", "unknown", "○")
            },
            due: format::date(m.due),
            forecast: if m.done.is_some() {
                format::NONE.to_string()
            } else {
                format::date(m.forecast)
            },
            done: format::date_opt(m.done),
            slip: if m.slip_days == 0 {
                "on plan".to_string()
            } else {
                format::days_signed(m.slip_days)
            },
        })
        .collect()
}

fn changes(ctx: &Ctx, p: &ProjectReport, flags: &Flags) -> Vec<ChangeRow> {
    p.changes
        .iter()
        .filter(|c| Flags::shown(&flags.changes, &c.id, true))
        .map(|c| ChangeRow {
            title: title(&c.id, &c.title),
            status: match c.status {
                ChangeStatus::Approved => word_badge("Approved", "green", "✓"),
                ChangeStatus::Proposed => word_badge("Proposed", "info", "◆"),
                ChangeStatus::Rejected => word_badge("Rejected", "unknown", "✕"),
            },
            value: ctx.money_opt(c.value_delta),
            schedule: c
                .schedule_delta_days
                .map_or_else(|| format::NONE.to_string(), format::days_signed),
        })
        .collect()
}

/// The open asks of an update, oldest `by` first.
pub fn asks(u: &Update) -> Vec<AskRow> {
    let mut asks: Vec<_> = u.front.asks.iter().collect();
    // Oldest `by` first; asks without a date last, in the PM's order.
    asks.sort_by_key(|a| (a.by.is_none(), a.by));
    asks.into_iter()
        .map(|a| AskRow {
            ask: a.ask.clone(),
            of: a.of.clone().unwrap_or_default(),
            by: format::date_opt(a.by),
        })
        .collect()
}

fn title(id: &str, title: &str) -> String {
    if title.is_empty() || title == id {
        id.to_string()
    } else {
        format!("{id} {title}")
    }
}

fn open_badge(open: bool, closed_word: &str) -> Badge {
    if open {
        word_badge("Open", "amber", "▲")
    } else {
        word_badge(closed_word, "unknown", "✓")
    }
}

fn risks(p: &ProjectReport, flags: &Flags) -> Vec<RecordRow> {
    let mut rs: Vec<_> = p
        .risks
        .iter()
        .filter(|r| Flags::shown(&flags.risks, &r.id, false))
        .collect();
    rs.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.score.cmp(&a.score))
            .then_with(|| a.id.cmp(&b.id))
    });
    rs.into_iter()
        .map(|r| RecordRow {
            title: title(&r.id, &r.title),
            status: open_badge(r.status == OpenClosed::Open, "Closed"),
            rating: format!("P{} × I{}", r.probability, r.impact),
            owner: r.owner.clone().unwrap_or_default(),
            action: r.mitigation.clone().unwrap_or_default(),
        })
        .collect()
}

fn issues(p: &ProjectReport, flags: &Flags) -> Vec<RecordRow> {
    let mut is: Vec<_> = p
        .issues
        .iter()
        .filter(|i| Flags::shown(&flags.issues, &i.id, false))
        .collect();
    is.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.severity.cmp(&a.severity))
            .then_with(|| a.id.cmp(&b.id))
    });
    is.into_iter()
        .map(|i| RecordRow {
            title: title(&i.id, &i.title),
            status: open_badge(i.status == OpenClosed::Open, "Closed"),
            rating: severity_badge(i.severity).word,
            owner: i.owner.clone().unwrap_or_default(),
            action: String::new(),
        })
        .collect()
}

fn escalations(
    model: Option<&Project>,
    p: &ProjectReport,
    flags: &Flags,
    as_of: NaiveDate,
) -> Vec<RecordRow> {
    // The next step is the latest mention's (the report's records do not carry it yet).
    let mut next: BTreeMap<&str, (Option<&str>, Option<NaiveDate>)> = BTreeMap::new();
    for u in model.iter().flat_map(|m| &m.updates).filter(|u| u.date <= as_of) {
        for e in &u.front.escalations {
            let slot = next.entry(e.id.as_str()).or_default();
            if e.next_step.is_some() {
                slot.0 = e.next_step.as_deref();
            }
            if e.next_step_by.is_some() {
                slot.1 = e.next_step_by;
            }
        }
    }
    let mut es: Vec<_> = p
        .escalations
        .iter()
        .filter(|e| Flags::shown(&flags.escalations, &e.id, false))
        .collect();
    es.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(a.raised.cmp(&b.raised))
            .then_with(|| a.id.cmp(&b.id))
    });
    es.into_iter()
        .map(|e| {
            let (step, by) = next.get(e.id.as_str()).copied().unwrap_or_default();
            let action = match (step, by) {
                (Some(s), Some(d)) => format!("{s} (by {})", format::date(d)),
                (Some(s), None) => s.to_string(),
                (None, Some(d)) => format!("next step by {}", format::date(d)),
                (None, None) => String::new(),
            };
            RecordRow {
                title: title(&e.id, &e.title),
                status: open_badge(e.status == OpenResolved::Open, "Resolved"),
                rating: severity_badge(e.severity).word,
                owner: e.owner.clone().unwrap_or_default(),
                action,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::customer_markdown;

    #[test]
    fn internal_parts_go_however_the_heading_is_written() {
        let body = "Intro\n\n## Internal\nA\n\nInternal\n--------\nB secret\n\nNext\n----\nshared\n\n  ## INTERNAL\nC\n";
        assert_eq!(customer_markdown(body), "Intro\n\nNext\n----\nshared\n\n");
        assert_eq!(
            customer_markdown("Plain\n\nInternal\n===\nkept (level 1)\n"),
            "Plain\n\nInternal\n===\nkept (level 1)\n"
        );
        let code = "```\nInternal\n--------\n```\nafter\n";
        assert_eq!(customer_markdown(code), code);
    }
}
