//! Rules of one update's front matter (see docs/content.md, updates) that need no other update: ranges, the
//! `date` key against the file name, `hours` for time-and-materials projects, milestone
//! mentions naming baseline milestones, and record ids (well-formed, once per list).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{
    ChangeMention, Engagement, EscalationMention, IssueMention, ProjectFile, RecordMention, RiskMention,
    UpdateFrontMatter,
};

use super::rules::{Checker, Num, MAX_SCHEDULE_DELTA_DAYS};

/// Checks one update dated `date` (from its file name); `def` is the project's definition
/// when it could be read.
pub(super) fn update(c: &mut Checker<'_>, date: NaiveDate, f: &UpdateFrontMatter, def: Option<&ProjectFile>) {
    if let Some(d) = f.date {
        c.date("date", d);
        if d != date {
            let e = c
                .error("date-mismatch", "date", "`date` does not match the file name")
                .found(d.to_string())
                .expected(format!("{date}, the date in the file name"))
                .hint(format!(
                    "the file name is the update's date: fix `date`, remove it, or rename the file to `{d}.md`"
                ));
            c.push(e);
        }
    }
    c.number("percent_complete", f.percent_complete, Num::Percent);
    if let Some(p) = f.planned_percent {
        c.number("planned_percent", p, Num::Percent);
    }
    c.number("actual_cost", f.actual_cost, Num::NonNegative);
    // A time-and-materials update without `hours` is an error only where no time entries
    // give them (`time::missing_hours`, once the exports are read).
    if let Some(h) = f.hours {
        c.number("hours", h, Num::NonNegative);
    }
    if let Some(e) = f.estimate_at_completion {
        c.number("estimate_at_completion", e, Num::Positive);
    }
    c.opt_date("forecast_end", f.forecast_end);
    if let Some(h) = f.hours_at_completion {
        c.number("hours_at_completion", h, Num::Positive);
        if def.is_some_and(|d| d.engagement == Engagement::FixedPrice) {
            let e = c
                .error(
                    "invalid-key",
                    "hours_at_completion",
                    "`hours_at_completion` is for `time_and_materials` projects",
                )
                .found("a `fixed_price` project")
                .expected("no `hours_at_completion`")
                .hint("a fixed-price project's revenue does not depend on hours: remove the key, or give `estimate_at_completion` for the cost");
            c.push(e);
        }
    }
    for (i, a) in f.asks.iter().enumerate() {
        c.not_blank(&format!("asks[{i}].ask"), &a.ask);
        c.opt_date(&format!("asks[{i}].by"), a.by);
    }

    let baseline: Option<Vec<&str>> = def.map(|d| d.milestones.iter().map(|m| m.id.as_str()).collect());
    let mut seen = HashMap::new();
    for (i, m) in f.milestones.iter().enumerate() {
        let key = format!("milestones[{i}]");
        c.opt_date(&format!("{key}.forecast"), m.forecast);
        c.opt_date(&format!("{key}.done"), m.done);
        once(c, &mut seen, "milestones", i, &m.id);
        if let Some(ids) = &baseline {
            if !ids.contains(&m.id.as_str()) {
                c.unknown_ref(
                    "unknown-milestone",
                    &format!("{key}.id"),
                    "milestone",
                    &m.id,
                    ids,
                    "the id of a milestone in project.yaml (it has none)",
                    "milestones are defined in project.yaml; add it there first or fix the id",
                );
            }
        }
    }
    mentions::<RiskMention>(c, f, |c, i, r| {
        if let Some(p) = r.probability {
            c.number(&format!("risks[{i}].probability"), p.into(), Num::OneToFive);
        }
        if let Some(p) = r.impact {
            c.number(&format!("risks[{i}].impact"), p.into(), Num::OneToFive);
        }
    });
    mentions::<IssueMention>(c, f, |_, _, _| {});
    mentions::<EscalationMention>(c, f, |c, i, r| {
        c.opt_date(&format!("escalations[{i}].raised"), r.raised);
        c.opt_date(&format!("escalations[{i}].next_step_by"), r.next_step_by);
        for (j, s) in r.stakeholders.iter().flatten().enumerate() {
            c.not_blank(&format!("escalations[{i}].stakeholders[{j}].role"), &s.role);
            c.not_blank(&format!("escalations[{i}].stakeholders[{j}].name"), &s.name);
        }
    });
    mentions::<ChangeMention>(c, f, |c, i, r| {
        if let Some(v) = r.budget_delta {
            c.number(&format!("changes[{i}].budget_delta"), v, Num::Signed);
        }
        if let Some(v) = r.value_delta {
            c.number(&format!("changes[{i}].value_delta"), v, Num::Signed);
        }
        if let Some(days) = r
            .schedule_delta_days
            .filter(|d| d.abs() > MAX_SCHEDULE_DELTA_DAYS)
        {
            let key = format!("changes[{i}].schedule_delta_days");
            let d = c
                .error("out-of-range", &key, format!("`{key}` is too large"))
                .found(days.to_string())
                .expected(format!(
                    "a number of days from -{MAX_SCHEDULE_DELTA_DAYS} to {MAX_SCHEDULE_DELTA_DAYS} (100 years)"
                ))
                .hint("give the change to the baseline end date in days, e.g. `14` for two weeks later");
            c.push(d);
        }
    });
}

/// Checks every mention of one record kind: a well-formed id, once per list, then the kind's
/// own `fields` rules.
fn mentions<M: RecordMention>(
    c: &mut Checker<'_>,
    f: &UpdateFrontMatter,
    mut fields: impl FnMut(&mut Checker<'_>, usize, &M),
) {
    let mut seen = HashMap::new();
    for (i, m) in M::list(f).iter().enumerate() {
        c.record_id(&format!("{}[{i}].id", M::LIST), m.id());
        once(c, &mut seen, M::LIST, i, m.id());
        fields(c, i, m);
    }
}

/// An id may appear once per list of one update.
fn once<'f>(c: &mut Checker<'_>, seen: &mut HashMap<&'f str, usize>, list: &str, i: usize, id: &'f str) {
    if let Some(&first) = seen.get(id) {
        c.duplicate_id(
            list,
            i,
            first,
            id,
            format!("`{id}` is mentioned twice in `{list}`"),
            "each id once per update".to_string(),
            |line| format!("merge this entry into the one on line {line}"),
        );
    } else {
        seen.insert(id, i);
    }
}
