//! The record log (see docs/content.md, updates): per project and kind, risks, issues, escalations and changes are
//! merged by id in date order, so a record's first mention opens it and must carry `title` and
//! the other fields a record cannot do without. An id names one record for the life of the
//! project: a later mention with another title is a `reused-id` error.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::{ChangeMention, EscalationMention, IssueMention, RecordMention, RiskMention};
use crate::yaml;

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
pub fn check(updates: &[Parsed], diags: &mut Vec<Diagnostic>) {
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
            d = match yaml::closest(id, order[..before].iter().copied()) {
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
