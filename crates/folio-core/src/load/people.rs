//! `people.yaml` (see docs/content.md, people): the people of the portfolio with their
//! capacity, aliases and targets. Read into the model's [`Person`] list and checked: names,
//! aliases and e-mails unique (case-insensitive), a `region` among the declared regions,
//! numbers in range, date spans in order.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::{closest, echo, Diagnostic};
use crate::model::Person;

use super::rules::{Checker, Num};

/// Reads and checks `people.yaml`.
pub fn load(
    root: &Path,
    rel: &Path,
    region_ids: Option<&[String]>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Person>> {
    super::project::yaml_file::<Vec<Person>>(root, rel, diags, |c, people| check(c, people, region_ids))
}

fn check(c: &mut Checker<'_>, people: &[Person], region_ids: Option<&[String]>) {
    // Every spelling that names a person: name, aliases, e-mail.
    let mut names: HashMap<String, (usize, String)> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        c.name(&format!("[{i}].name"), &p.name);
        let spellings = std::iter::once(("name".to_string(), &p.name))
            .chain(
                p.aliases
                    .iter()
                    .enumerate()
                    .map(|(j, a)| (format!("aliases[{j}]"), a)),
            )
            .chain(p.email.iter().map(|e| ("email".to_string(), e)));
        for (k, s) in spellings {
            let key = s.trim().to_lowercase();
            if key.is_empty() {
                continue;
            }
            match names.get(&key) {
                Some((other, first)) if *other != i => {
                    let d = c
                        .error(
                            "duplicate-person",
                            &format!("[{i}].{k}"),
                            format!("`{}` already names {first}", echo(s)),
                        )
                        .expected("names, aliases and e-mails that name one person each")
                        .hint("two people need different names: remove the duplicate or tell them apart");
                    c.push(d);
                }
                _ => {
                    names.insert(key, (i, p.name.clone()));
                }
            }
        }
        if let Some(cap) = p.capacity {
            if !(0.0..=168.0).contains(&cap) {
                let d = c
                    .error(
                        "out-of-range",
                        &format!("[{i}].capacity"),
                        "`capacity` must be from 0 to 168 hours a week",
                    )
                    .found(cap.to_string())
                    .expected("hours per week, e.g. `40`")
                    .hint("capacity is the person's working hours in a week");
                c.push(d);
            }
        }
        if let Some(t) = p.billable_target {
            c.number(&format!("[{i}].billable_target"), t, Num::Percent);
        }
        if let (Some(s), Some(e)) = (p.start, p.end) {
            let hint = "`start` is the first working day, `end` the last";
            span(c, &format!("[{i}]."), ("start", s), ("end", e), hint);
        }
        for (j, off) in p.time_off.iter().enumerate() {
            let hint = "both ends of a time-off span are days off";
            span(
                c,
                &format!("[{i}].time_off[{j}]."),
                ("from", off.from),
                ("to", off.to),
                hint,
            );
        }
        if let (Some(r), Some(ids)) = (&p.region, region_ids) {
            if !ids.iter().any(|id| id == r) {
                let mut d = c
                    .error(
                        "unknown-region",
                        &format!("[{i}].region"),
                        format!("unknown region `{}`", echo(r)),
                    )
                    .expected(format!(
                        "one of the regions of portfolio.yaml: {}",
                        ids.join(", ")
                    ));
                if let Some(s) = closest(r, ids.iter().map(String::as_str)) {
                    d = d.hint(format!("did you mean `{s}`?"));
                }
                c.push(d);
            }
        }
    }
}

/// A span of days `from`..=`to` (the keys `{prefix}<name>`): `to` may not be before `from`
/// (`invalid-range`).
fn span(c: &mut Checker<'_>, prefix: &str, from: (&str, NaiveDate), to: (&str, NaiveDate), hint: &str) {
    let ((from_key, from), (to_key, to)) = (from, to);
    if to < from {
        let d = c
            .error(
                "invalid-range",
                &format!("{prefix}{to_key}"),
                format!("`{to_key}` is before `{from_key}`"),
            )
            .found(to.to_string())
            .expected(format!("a date on or after {from}"))
            .hint(hint);
        c.push(d);
    }
}
