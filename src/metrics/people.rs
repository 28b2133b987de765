//! People and partners (see docs/metrics.md, roll-ups): each person's Σ allocation over projects active at A
//! (`start ≤ A ≤ current_end`, not 100 % complete), and each partner's projects and Σ budget.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::metrics::project::ProjectOut;
use crate::model::Project;
use crate::report::{Assignment, PartnerEngagement, PartnerRollup, PersonAllocation};

/// Whether a project is active at `as_of`. Without an update it is not complete.
pub fn active(p: &Project, out: &ProjectOut, as_of: NaiveDate) -> bool {
    let complete = out.report.percent_complete.is_some_and(|pc| pc >= 100.0);
    p.def.start <= as_of && as_of <= out.extras.baseline.current_end && !complete
}

/// People with at least one assignment on an active project, sorted by name; assignments
/// sorted by project id (then role). Over-allocated when Σ allocation > 100.
pub fn people(projects: &[&Project], outs: &[ProjectOut], as_of: NaiveDate) -> Vec<PersonAllocation> {
    let mut map: BTreeMap<&str, Vec<Assignment>> = BTreeMap::new();
    for (p, out) in projects.iter().zip(outs) {
        if !active(p, out, as_of) {
            continue;
        }
        for m in &p.def.team {
            map.entry(m.name.as_str()).or_default().push(Assignment {
                project: p.id.clone(),
                role: m.role.clone(),
                allocation: m.allocation,
            });
        }
    }
    map.into_iter()
        .map(|(name, mut assignments)| {
            assignments.sort_by(|a, b| a.project.cmp(&b.project).then_with(|| a.role.cmp(&b.role)));
            let allocation: f64 = assignments.iter().map(|a| a.allocation).sum();
            PersonAllocation {
                name: name.to_string(),
                allocation,
                over_allocated: allocation > 100.0,
                assignments,
            }
        })
        .collect()
}

/// Every partner named by any project, sorted by name; Σ budget counts missing budgets as 0.
pub fn partners(projects: &[&Project]) -> Vec<PartnerRollup> {
    let mut map: BTreeMap<&str, Vec<PartnerEngagement>> = BTreeMap::new();
    for p in projects {
        for m in &p.def.partners {
            map.entry(m.name.as_str()).or_default().push(PartnerEngagement {
                project: p.id.clone(),
                role: m.role.clone(),
                budget: m.budget,
            });
        }
    }
    map.into_iter()
        .map(|(name, mut engagements)| {
            engagements.sort_by(|a, b| a.project.cmp(&b.project).then_with(|| a.role.cmp(&b.role)));
            PartnerRollup {
                name: name.to_string(),
                budget: engagements.iter().map(|e| e.budget.unwrap_or(0.0)).sum(),
                engagements,
            }
        })
        .collect()
}
