//! The record log (see docs/content.md, updates): per project and kind, risks, issues,
//! escalations and changes are merged by id in date order, so a record's first mention opens it and must carry `title` and
//! the other fields a record cannot do without. An id names one record for the life of the
//! project: a later mention with another title is a `reused-id` error. The approved changes
//! must leave a budget above zero and a contract value of zero or more.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostics::{closest, Diagnostic};
use crate::model::{
    ChangeMention, ChangeStatus, EscalationMention, IssueMention, ProjectFile, RecordMention, RiskMention,
};

use super::rules::Checker;
use super::Parsed;

/// A title as compared: surrounding and repeated whitespace do not count.
fn normalized(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The next id of the form of `id` that is not in `used`: a trailing number one above the
/// highest used with the same stem (`r-1` with `r-1`…`r-7` used → `r-8`), else `id-2`, `id-3`…
pub fn next_free_id<'a>(id: &str, used: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let stem = id.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.len() < id.len() {
        let max = used
            .clone()
            .into_iter()
            .filter_map(|u| u.strip_prefix(stem))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .filter_map(|n| n.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        return format!("{stem}{}", max.saturating_add(1));
    }
    (2u64..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| !used.clone().into_iter().any(|u| u == c))
        .unwrap_or_else(|| format!("{id}-new"))
}

/// Checks the first mention of every record in `updates` (one project, sorted by date).
pub(super) fn check(updates: &[Parsed], diags: &mut Vec<Diagnostic>) {
    check_kind::<RiskMention>(updates, diags);
    check_kind::<IssueMention>(updates, diags);
    check_kind::<EscalationMention>(updates, diags);
    check_kind::<ChangeMention>(updates, diags);
}

/// [`check`] for the records of one kind.
fn check_kind<M: RecordMention>(updates: &[Parsed], diags: &mut Vec<Diagnostic>) {
    let (list, noun, expected) = (M::LIST, M::NOUN, M::FIRST_MENTION);
    let mut seen: HashSet<&str> = HashSet::new();
    // Title and opening update of every record so far.
    let mut opened: HashMap<&str, (Option<&str>, &Path)> = HashMap::new();
    let all_ids: Vec<&str> = updates
        .iter()
        .flat_map(|p| M::list(&p.update.front).iter().map(M::id))
        .collect();
    // Ids in the order first seen, so the ids of earlier updates are a prefix.
    let mut order: Vec<&str> = Vec::new();
    for p in updates {
        let mentions = M::list(&p.update.front);
        if mentions.is_empty() {
            continue;
        }
        let mut c = Checker::lazy(p, diags);
        let before = order.len();
        for (i, m) in mentions.iter().enumerate() {
            let id = m.id();
            // A second mention in the same update is a `duplicate-id` error already.
            if !seen.insert(id) {
                if let (Some((Some(first), path)), Some(t)) = (opened.get(id), m.title()) {
                    if normalized(first) != normalized(t) && !order[before..].contains(&id) {
                        let next = next_free_id(id, all_ids.iter().copied());
                        let d = c
                                .error_at_key(
                                    "reused-id",
                                    &format!("{list}[{i}].id"),
                                    format!("{noun} id `{}` is already used for another {noun}", id),
                                )
                                .found(format!("title \"{t}\""))
                                .expected(format!(
                                    "the title \"{first}\" of the {noun} `{}` opened in {}",
                                    id,
                                    path.display()
                                ))
                                .hint(format!(
                                    "an id names one {noun} for the life of the project: give this new {noun} the next free id `{next}`, or repeat the title \"{first}\" if it is the same {noun}"
                                ));
                        c.push(d);
                    }
                }
                continue;
            }
            opened.insert(id, (m.title(), &p.update.path));
            order.push(id);
            let required = m.required();
            let mut missing = required.iter().filter(|(_, given)| !given).peekable();
            if missing.peek().is_none() {
                continue;
            }
            let fields = missing
                .map(|(f, _)| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut d = c
                .error_at_key(
                    "record-incomplete",
                    &format!("{list}[{i}]"),
                    format!("first mention of {noun} `{}` lacks {fields}", id),
                )
                .found(format!(
                    "`{}` is not mentioned in any earlier update of this project",
                    id
                ))
                .expected(format!("a first mention giving {expected}"));
            d = match closest(id, order[..before].iter().copied()) {
                    Some(s) => d.hint(format!(
                        "did you mean the existing {noun} `{s}`? Otherwise give the missing fields: the first mention opens the record, later updates give only what changed"
                    )),
                    None => d.hint(
                        "the first mention opens the record: give the missing fields here; later updates give only what changed",
                    ),
                };
            c.push(d);
        }
    }
}

/// Checks that every ask's `change` names a change request of the project mentioned in the
/// ask's update or an earlier one (`unknown-change`).
pub(super) fn check_ask_changes(updates: &[Parsed], diags: &mut Vec<Diagnostic>) {
    let mut known: Vec<&str> = Vec::new();
    for p in updates {
        let f = &p.update.front;
        for m in &f.changes {
            if !known.contains(&m.id.as_str()) {
                known.push(&m.id);
            }
        }
        let mut c = Checker::lazy(p, diags);
        for (i, a) in f.asks.iter().enumerate() {
            let Some(id) = a.change.as_deref() else { continue };
            if known.contains(&id) {
                continue;
            }
            c.unknown_ref(
                "unknown-change",
                &format!("asks[{i}].change"),
                "change request",
                id,
                &known,
                "the id of a change request of this project (it has none so far)",
                "`change` names a change request (`changes:` of this update or an earlier one) the ask is about: add the change first, or fix the id",
            );
        }
    }
}

/// The latest status, budget delta and value delta of one change.
type ChangeSoFar = (Option<ChangeStatus>, Option<f64>, Option<f64>);

/// Checks that the approved changes never take the budget (BAC) to zero or below, nor the
/// contract value below zero: merged in date order like the metrics do, the first update whose
/// change mentions cross the line gets an error at the mention that did it (its delta if this
/// update gives one, else its status).
pub(super) fn check_change_totals(
    def: Option<&ProjectFile>,
    updates: &[Parsed],
    diags: &mut Vec<Diagnostic>,
) {
    let Some(def) = def else { return };
    // Latest status and deltas of every change so far.
    let mut log: HashMap<&str, ChangeSoFar> = HashMap::new();
    let (mut budget_done, mut value_done) = (false, false);
    for p in updates {
        let changes = &p.update.front.changes;
        if changes.is_empty() {
            continue;
        }
        for m in changes {
            let r = log.entry(m.id.as_str()).or_default();
            r.0 = m.status.or(r.0);
            r.1 = m.budget_delta.or(r.1);
            r.2 = m.value_delta.or(r.2);
        }
        let approved = || log.values().filter(|r| r.0 == Some(ChangeStatus::Approved));
        let budget = def.budget + approved().map(|r| r.1.unwrap_or(0.0)).sum::<f64>();
        let value = def.contract_value + approved().map(|r| r.2.unwrap_or(0.0)).sum::<f64>();
        let mut c = Checker::lazy(p, diags);
        for (total, base, field, noun, done) in [
            (
                budget,
                def.budget,
                "budget_delta",
                "budget (BAC)",
                &mut budget_done,
            ),
            (
                value,
                def.contract_value,
                "value_delta",
                "contract value",
                &mut value_done,
            ),
        ] {
            let broken = if field == "budget_delta" {
                total <= 0.0
            } else {
                total < 0.0
            };
            if *done || !broken {
                continue;
            }
            *done = true;
            // The approved change with the most negative delta mentioned here is the culprit.
            let delta = |m: &crate::model::ChangeMention| {
                let r = log[m.id.as_str()];
                if field == "budget_delta" { r.1 } else { r.2 }.unwrap_or(0.0)
            };
            let Some((i, m)) = changes
                .iter()
                .enumerate()
                .filter(|(_, m)| log[m.id.as_str()].0 == Some(ChangeStatus::Approved))
                .min_by(|a, b| delta(a.1).total_cmp(&delta(b.1)))
            else {
                continue;
            };
            let given = if field == "budget_delta" {
                m.budget_delta
            } else {
                m.value_delta
            };
            let key = if given.is_some() {
                format!("changes[{i}].{field}")
            } else {
                format!("changes[{i}].status")
            };
            let at = if c.index().scalar(&key).is_some() {
                key
            } else {
                format!("changes[{i}]")
            };
            let d = c
                .error(
                    "change-exceeds-budget",
                    &at,
                    format!(
                        "approved change `{}` takes the {noun} to {}",
                        m.id,
                        crate::format::number(total, 0)
                    ),
                )
                .found(format!(
                    "{} {} + approved `{field}`s {}",
                    if field == "budget_delta" { "budget" } else { "contract_value" },
                    crate::format::number(base, 0),
                    crate::format::number(total - base, 0)
                ))
                .expected(if field == "budget_delta" {
                    "a budget above zero after every approved change".to_string()
                } else {
                    "a contract value of zero or more after every approved change".to_string()
                })
                .hint(format!(
                    "check the sign and size of `{field}` of change `{}`; a change that replaces the budget gives the difference, not the new total",
                    m.id
                ));
            c.push(d);
        }
    }
}
