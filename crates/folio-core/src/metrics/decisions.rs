//! *Decisions needed*: every open ask and every proposed change request of a set of projects,
//! oldest deadline first. An ask and the proposed change request it is about are one decision,
//! listed once. Each says who asks (the update's author), of whom, and whether it is asked of
//! us or waits on the customer. Carried in each roll-up (`decisions`); pages word and link them.

use chrono::NaiveDate;

use crate::report::{ChangeStatus, DecisionRef, ProjectReport, WaitsOn};

/// The decisions of `projects`: dated ones oldest `by` first, then undated ones; then by the
/// date they were asked (an ask: its update; a change request: when it was proposed), then by
/// project name.
pub fn decisions(projects: &[&ProjectReport], as_of: NaiveDate) -> Vec<DecisionRef> {
    let mut out: Vec<(Option<NaiveDate>, NaiveDate, &str, DecisionRef)> = Vec::new();
    for p in projects {
        let since = p.latest_update.unwrap_or(as_of);
        let proposed = |id: &str| {
            p.changes
                .iter()
                .any(|c| c.id == id && c.status == ChangeStatus::Proposed)
        };
        for (i, a) in p.asks.iter().enumerate() {
            // The change request the ask is about, listed with it rather than on its own.
            let change = a.change.clone().filter(|c| proposed(c));
            out.push((
                a.by,
                since,
                &p.name,
                DecisionRef {
                    project: p.id.clone(),
                    ask: Some(i),
                    change,
                    waits_on: if a.customer {
                        WaitsOn::Customer
                    } else {
                        WaitsOn::Us
                    },
                    asked_by: Some(a.author.clone()),
                    of: a.of.clone(),
                    by: a.by,
                    overdue: a.overdue,
                },
            ));
        }
        let asked: Vec<&str> = p.asks.iter().filter_map(|a| a.change.as_deref()).collect();
        for c in p
            .changes
            .iter()
            .filter(|c| c.status == ChangeStatus::Proposed && !asked.contains(&c.id.as_str()))
        {
            out.push((
                None,
                c.opened,
                &p.name,
                DecisionRef {
                    project: p.id.clone(),
                    ask: None,
                    change: Some(c.id.clone()),
                    waits_on: WaitsOn::Customer,
                    asked_by: p.latest_author.clone(),
                    of: None,
                    by: None,
                    overdue: false,
                },
            ));
        }
    }
    out.sort_by(|a, b| {
        let key = |x: &Option<NaiveDate>| (x.is_none(), *x);
        key(&a.0)
            .cmp(&key(&b.0))
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(b.2))
    });
    out.into_iter().map(|(_, _, _, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::testkit::{change, d, portfolio, project, update};
    use crate::model::Ask;

    fn ask(text: &str, by: Option<&str>, change: Option<&str>) -> Ask {
        Ask {
            ask: text.to_string(),
            of: None,
            by: by.map(d),
            customer: None,
            change: change.map(str::to_string),
        }
    }

    /// Dated asks oldest first, then undated ones by the date they were asked (change requests
    /// by when they were proposed); an ask about a proposed change request is one decision, an
    /// ask about an approved one stands alone.
    #[test]
    fn oldest_deadline_first_and_one_decision_per_change() {
        let mut a = project("a", "2026-01-01", "2026-12-31", 1000.0, 1000.0);
        let mut u = update("2026-03-10", 20.0, 200.0);
        u.front.changes = vec![
            change("cr-1", ChangeStatus::Proposed, None, None, None),
            change("cr-2", ChangeStatus::Proposed, None, None, None),
            change("cr-3", ChangeStatus::Approved, None, None, None),
        ];
        u.front.asks = vec![
            ask("later", Some("2026-04-01"), None),
            ask("sooner", Some("2026-03-20"), Some("cr-1")),
            ask("undated", None, Some("cr-3")),
        ];
        a.updates.push(u);
        let r = crate::metrics::compute(&portfolio(vec![a]), d("2026-03-16"));
        let got: Vec<(Option<usize>, Option<&str>)> = r
            .portfolio
            .decisions
            .iter()
            .map(|x| (x.ask, x.change.as_deref()))
            .collect();
        // cr-2 was proposed on 03-10 (its update), the undated ask was asked on 03-10 too: the
        // project name breaks the tie, and the order is stable.
        assert_eq!(
            got,
            [
                (Some(1), Some("cr-1")),
                (Some(0), None),
                (Some(2), None),
                (None, Some("cr-2")),
            ]
        );
    }
}
