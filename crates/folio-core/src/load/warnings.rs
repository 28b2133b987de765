//! Suspicious but valid content (warnings, never errors): an update dated in the future,
//! cumulative figures going backwards (percent complete, actual cost, hours), and a milestone
//! forecast that moved without the narrative saying a word about it, an open escalation without
//! a `next_step` (`escalation-without-next-step`); and, with a fixed as-of date, the updates
//! dated after it (ignored by the metrics).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::model::{OpenResolved, Portfolio, ProjectFile, Update};

use super::rules::Checker;
use super::Parsed;

/// Warns about every escalation that is open after the project's last update and has never been
/// given a `next_step` (mentions merge: a next step given once holds until replaced), at its
/// latest mention.
pub(super) fn escalations_without_next_step(updates: &[Parsed], diags: &mut Vec<Diagnostic>) {
    // id → (open, has a next step, (update, position) of the latest mention), in first-seen order.
    let mut state: Vec<(&str, bool, bool, (usize, usize))> = Vec::new();
    for (k, p) in updates.iter().enumerate() {
        for (i, m) in p.update.front.escalations.iter().enumerate() {
            let at = match state.iter().position(|s| s.0 == m.id) {
                Some(at) => at,
                None => {
                    state.push((&m.id, true, false, (k, i)));
                    state.len() - 1
                }
            };
            let s = &mut state[at];
            if let Some(st) = m.status {
                s.1 = st == OpenResolved::Open;
            }
            s.2 |= m.next_step.as_deref().is_some_and(|n| !n.trim().is_empty());
            s.3 = (k, i);
        }
    }
    for (id, open, has_next, (k, i)) in state {
        if !open || has_next {
            continue;
        }
        let mut c = Checker::lazy(&updates[k], diags);
        let d = c
            .warning(
                "escalation-without-next-step",
                &format!("escalations[{i}]"),
                format!("open escalation `{id}` has no `next_step`"),
            )
            .found("no `next_step` in this or any earlier mention".to_string())
            .expected("what happens next and who does it, e.g. `next_step: Steering call with the customer's CIO`")
            .hint("add `next_step` (and `next_step_by: YYYY-MM-DD`) to the escalation, or resolve it with `status: resolved`");
        c.push(d);
    }
}

/// Checks the updates of one project (sorted by date) against each other and `today`.
pub(super) fn check(
    def: Option<&ProjectFile>,
    updates: &[Parsed],
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) {
    let mut forecast: HashMap<&str, NaiveDate> = def
        .map(|d| d.milestones.iter().map(|m| (m.id.as_str(), m.due)).collect())
        .unwrap_or_default();
    let names: HashMap<&str, &str> = def
        .map(|d| {
            d.milestones
                .iter()
                .map(|m| (m.id.as_str(), m.name.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let mut prev: Option<&Parsed> = None;
    for p in updates {
        let u = &p.update;
        let f = &u.front;
        let mut c = Checker::lazy(p, diags);
        if u.date > today {
            c.push(
                Diagnostic::warning(
                    "future-update",
                    &u.path,
                    1,
                    1,
                    format!("update dated in the future ({})", u.date),
                )
                .found(u.date.to_string())
                .expected(format!("a date on or before today, {today}"))
                .hint("check the file name; future updates are ignored until their date"),
            );
        }
        if let Some(q) = prev {
            let g = &q.update.front;
            let since = q.update.date;
            let mut backwards = |key: &str, now: f64, before: f64, what: &str| {
                if now < before {
                    let d = c
                        .warning("going-backwards", key, format!("`{key}` went down since the update of {since}"))
                        .found(format!("{now}, was {before}"))
                        .expected(format!("at least {before}: {what} is cumulative"))
                        .hint("if the earlier figure was wrong, say so in the narrative; otherwise give the cumulative total");
                    c.push(d);
                }
            };
            backwards(
                "percent_complete",
                f.percent_complete,
                g.percent_complete,
                "percent complete",
            );
            backwards("actual_cost", f.actual_cost, g.actual_cost, "actual cost");
            if let (Some(h), Some(gh)) = (f.hours, g.hours) {
                backwards("hours", h, gh, "billable hours");
            }
        }
        // Line and column of a byte offset in the narrative.
        let at = |at: usize| {
            let line = u.body_line + u.body[..at].matches('\n').count();
            let col = u.body[..at].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, col)
        };
        if let Some((line, col)) = crate::markup::too_deep_html(&u.body).map(at) {
            c.push(
                Diagnostic::warning(
                    "html-too-deep",
                    &u.path,
                    line,
                    col,
                    format!(
                        "raw HTML nested deeper than {} elements: from here on it is shown as text",
                        crate::markup::MAX_HTML_DEPTH
                    ),
                )
                .found("unclosed HTML tags")
                .expected(format!(
                    "at most {} elements open at once",
                    crate::markup::MAX_HTML_DEPTH
                ))
                .hint("close the HTML elements you open, or write the narrative in Markdown"),
            );
        }
        if let Some((line, col)) = crate::markup::too_deep_blocks(&u.body).map(at) {
            c.push(
                Diagnostic::warning(
                    "markdown-too-deep",
                    &u.path,
                    line,
                    col,
                    format!(
                        "block quotes and lists nested deeper than {} levels: from here on they are flattened",
                        crate::markup::MAX_BLOCK_DEPTH
                    ),
                )
                .found("deeply nested `>` or list markers")
                .expected(format!(
                    "at most {} nested block quotes and lists",
                    crate::markup::MAX_BLOCK_DEPTH
                ))
                .hint("nest fewer levels; a table or headings structure long content better"),
            );
        }
        let mut body_lower: Option<String> = None;
        for (i, m) in f.milestones.iter().enumerate() {
            let Some(new) = m.forecast else { continue };
            let old = forecast.insert(m.id.as_str(), new);
            let Some(old) = old.filter(|o| *o != new) else {
                continue;
            };
            let body = body_lower.get_or_insert_with(|| u.body.to_lowercase());
            let name = names.get(m.id.as_str()).copied().unwrap_or("");
            let noted = body.contains(&m.id.to_lowercase())
                || (!name.trim().is_empty() && body.contains(&name.to_lowercase()));
            if !noted {
                let d = c
                    .warning(
                        "unexplained-slip",
                        &format!("milestones[{i}].forecast"),
                        format!("forecast of milestone `{}` moved without a note", m.id),
                    )
                    .found(format!("{new}, was {old} ({:+} days)", (new - old).num_days()))
                    .expected("the narrative to mention the milestone when its forecast moves")
                    .hint(if name.is_empty() {
                        format!("say in the body why `{}` moved (mention it by id or name)", m.id)
                    } else {
                        format!(
                            "say in the body why \"{name}\" moved (mention it by name or id `{}`)",
                            m.id
                        )
                    });
                c.push(d);
            }
        }
        prev = Some(p);
    }
}

/// With a fixed as-of date, the updates dated after it are ignored: one warning for the whole
/// portfolio with their count and the newest date, located at the newest such update.
pub fn after_as_of(portfolio: &Portfolio, as_of: NaiveDate) -> Option<Diagnostic> {
    let later: Vec<&Update> = portfolio
        .projects
        .iter()
        .flat_map(|p| p.updates.iter())
        .filter(|u| u.date > as_of)
        .collect();
    let newest = later
        .iter()
        .max_by(|a, b| a.date.cmp(&b.date).then(b.path.cmp(&a.path)))?;
    let n = later.len();
    let (noun, verb) = if n == 1 {
        ("update", "is")
    } else {
        ("updates", "are")
    };
    Some(
        Diagnostic::warning(
            "after-as-of",
            &newest.path,
            1,
            1,
            format!("{n} {noun} dated after the as-of date {as_of} {verb} ignored (newest {})", newest.date),
        )
        .found(format!("{n} {noun} dated after {as_of}, the newest {}", newest.date))
        .expected(format!("updates dated on or before the as-of date {as_of}"))
        .hint("the as-of date comes from `--as-of` or `as_of` in portfolio.yaml: move it forward (or remove `as_of`) to include these updates"),
    )
}
