//! The record log (SPEC §2.4): per project and kind, risks, issues, escalations and changes are
//! merged by id in date order, so a record's first mention opens it and must carry `title` and
//! the other fields a record cannot do without.

use std::collections::HashSet;

use crate::diagnostics::Diagnostic;
use crate::yaml;

use super::rules::Checker;
use super::Parsed;

/// The fields a first mention gives and the fields it lacks (in the order of the spec).
struct Mention<'a> {
    id: &'a str,
    missing: Vec<&'static str>,
}

fn missing(fields: &[(&'static str, bool)]) -> Vec<&'static str> {
    fields
        .iter()
        .filter(|(_, given)| !given)
        .map(|(n, _)| *n)
        .collect()
}

/// Checks the first mention of every record in `updates` (one project, sorted by date).
pub fn check(updates: &[Parsed], diags: &mut Vec<Diagnostic>) {
    let kinds: [(&str, &str, &str); 4] = [
        (
            "risks",
            "risk",
            "`title`, `probability` (1-5), `impact` (1-5) and `status` (open or closed)",
        ),
        (
            "issues",
            "issue",
            "`title`, `severity` (low, medium, high or critical) and `status` (open or closed)",
        ),
        (
            "escalations",
            "escalation",
            "`title`, `severity` (low, medium, high or critical) and `status` (open or resolved)",
        ),
        (
            "changes",
            "change",
            "`title` and `status` (proposed, approved or rejected)",
        ),
    ];
    for (list, noun, expected) in kinds {
        let mut seen: HashSet<&str> = HashSet::new();
        for p in updates {
            let f = &p.update.front;
            let mentions: Vec<Mention<'_>> = match list {
                "risks" => f
                    .risks
                    .iter()
                    .map(|r| Mention {
                        id: &r.id,
                        missing: missing(&[
                            ("title", r.title.is_some()),
                            ("probability", r.probability.is_some()),
                            ("impact", r.impact.is_some()),
                            ("status", r.status.is_some()),
                        ]),
                    })
                    .collect(),
                "issues" => f
                    .issues
                    .iter()
                    .map(|r| Mention {
                        id: &r.id,
                        missing: missing(&[
                            ("title", r.title.is_some()),
                            ("severity", r.severity.is_some()),
                            ("status", r.status.is_some()),
                        ]),
                    })
                    .collect(),
                "escalations" => f
                    .escalations
                    .iter()
                    .map(|r| Mention {
                        id: &r.id,
                        missing: missing(&[
                            ("title", r.title.is_some()),
                            ("severity", r.severity.is_some()),
                            ("status", r.status.is_some()),
                        ]),
                    })
                    .collect(),
                _ => f
                    .changes
                    .iter()
                    .map(|r| Mention {
                        id: &r.id,
                        missing: missing(&[("title", r.title.is_some()), ("status", r.status.is_some())]),
                    })
                    .collect(),
            };
            if mentions.is_empty() {
                continue;
            }
            let mut c = Checker::lazy(p, diags);
            let earlier: Vec<&str> = seen.iter().copied().collect();
            for (i, m) in mentions.iter().enumerate() {
                // A second mention in the same update is a `duplicate-id` error already.
                if !seen.insert(m.id) || m.missing.is_empty() {
                    continue;
                }
                let fields = m
                    .missing
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut d = c
                    .error_at_key(
                        "record-incomplete",
                        &format!("{list}[{i}]"),
                        format!("first mention of {noun} `{}` lacks {fields}", m.id),
                    )
                    .found(format!(
                        "`{}` is not mentioned in any earlier update of this project",
                        m.id
                    ))
                    .expected(format!("a first mention giving {expected}"));
                d = match yaml::closest(m.id, earlier.iter().copied()) {
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
}
