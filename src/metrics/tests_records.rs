//! The generic record merge: closed-on tracking, the customer default per kind, fields kept
//! when a later mention leaves them out, and the first-mention rule of every kind.

use super::records::{self, ChangeLog};
use super::testkit::*;
use crate::model::*;

fn risk_mention(id: &str, title: Option<&str>, status: Option<OpenClosed>) -> RiskMention {
    RiskMention {
        id: id.to_string(),
        title: title.map(str::to_string),
        probability: Some(4),
        impact: Some(5),
        owner: Some("Ana".to_string()),
        mitigation: None,
        status,
        customer: None,
    }
}

#[test]
fn closed_on_is_the_date_a_record_last_closed_and_clears_when_it_reopens() {
    let mut u1 = update("2026-01-05", 10.0, 0.0);
    u1.front
        .risks
        .push(risk_mention("r-1", Some("Vendor late"), Some(OpenClosed::Open)));
    let mut u2 = update("2026-01-12", 20.0, 0.0);
    u2.front
        .risks
        .push(risk_mention("r-1", None, Some(OpenClosed::Closed)));
    let mut u3 = update("2026-01-19", 30.0, 0.0);
    // No status: stays closed since the 12th.
    u3.front.risks.push(RiskMention {
        probability: Some(1),
        ..risk_mention("r-1", None, None)
    });
    let levels = RiskLevels::default();

    let merged = records::risks(&[&u1, &u2, &u3], &levels);
    assert_eq!(merged.len(), 1);
    let r = &merged[0];
    assert_eq!(r.closed_on, Some(d("2026-01-12")));
    assert_eq!(r.record.title, "Vendor late");
    assert_eq!((r.record.probability, r.record.impact, r.record.score), (1, 5, 5));
    assert_eq!(r.record.level, levels.level(5));
    assert_eq!(r.record.owner.as_deref(), Some("Ana"));
    assert_eq!(
        (r.record.opened, r.record.updated),
        (d("2026-01-05"), d("2026-01-19"))
    );
    assert!(
        !r.record.customer,
        "risks are internal unless a mention says otherwise"
    );

    let mut u4 = update("2026-01-26", 40.0, 0.0);
    u4.front
        .risks
        .push(risk_mention("r-1", None, Some(OpenClosed::Open)));
    let merged = records::risks(&[&u1, &u2, &u3, &u4], &levels);
    assert_eq!(merged[0].closed_on, None);
    assert_eq!(merged[0].record.status, OpenClosed::Open);
}

#[test]
fn customer_defaults_per_kind_and_a_mention_replaces_it() {
    let mut u1 = update("2026-01-05", 10.0, 0.0);
    u1.front
        .changes
        .push(change("c-1", ChangeStatus::Proposed, Some(100.0), None, None));
    u1.front.changes.push(ChangeMention {
        customer: Some(false),
        ..change("c-2", ChangeStatus::Approved, Some(50.0), None, Some(3))
    });
    u1.front.changes.push(ChangeMention {
        customer: Some(true),
        ..change("c-3", ChangeStatus::Proposed, None, None, None)
    });
    u1.front
        .escalations
        .push(escalation("e-1", Severity::High, OpenResolved::Open));
    let mut log = ChangeLog::default();
    log.apply(&u1);
    let changes = log.records();
    assert_eq!(
        changes
            .iter()
            .map(|c| (c.id.as_str(), c.customer))
            .collect::<Vec<_>>(),
        [("c-1", false), ("c-2", false), ("c-3", true)]
    );
    assert_eq!((log.sums().budget, log.sums().days), (50.0, 3));

    let esc = records::escalations(&[&u1], d("2026-01-15"));
    assert!(!esc[0].record.customer);
    assert_eq!(esc[0].record.age_days, Some(10));
}

#[test]
fn an_escalation_resolved_then_raised_earlier_keeps_both_dates() {
    let mut u1 = update("2026-01-05", 10.0, 0.0);
    u1.front
        .escalations
        .push(escalation("e-1", Severity::High, OpenResolved::Open));
    let mut u2 = update("2026-01-12", 20.0, 0.0);
    u2.front.escalations.push(EscalationMention {
        raised: Some(d("2026-01-01")),
        ..escalation("e-1", Severity::Low, OpenResolved::Resolved)
    });
    let esc = records::escalations(&[&u1, &u2], d("2026-01-20"));
    let e = &esc[0];
    assert_eq!(
        (e.record.raised, e.record.opened),
        (d("2026-01-01"), d("2026-01-01"))
    );
    assert_eq!(e.closed_on, Some(d("2026-01-12")));
    assert_eq!(
        (e.record.severity, e.record.age_days, e.record.overdue),
        (Severity::Low, None, false)
    );
}

/// Every field a first mention must give is named, in the same order, in the text the
/// `record-incomplete` diagnostic shows; `title` comes first.
fn first_mention_text_names_the_required_fields<M: RecordMention>(m: &M) {
    let names: Vec<&str> = m.required().iter().map(|(n, _)| *n).collect();
    assert_eq!(names.first(), Some(&"title"), "{}", M::NOUN);
    let positions: Vec<usize> = names
        .iter()
        .map(|n| {
            M::FIRST_MENTION
                .find(&format!("`{n}`"))
                .unwrap_or_else(|| panic!("{}: `{n}` not in {:?}", M::NOUN, M::FIRST_MENTION))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{}: {positions:?}",
        M::NOUN
    );
    assert_eq!(
        M::FIRST_MENTION.matches('`').count(),
        2 * names.len(),
        "{}",
        M::NOUN
    );
}

#[test]
fn every_kind_words_its_first_mention_rule_from_its_required_fields() {
    first_mention_text_names_the_required_fields(&risk_mention("r", None, None));
    first_mention_text_names_the_required_fields(&IssueMention {
        id: "i".into(),
        title: None,
        severity: None,
        owner: None,
        status: None,
        customer: None,
    });
    first_mention_text_names_the_required_fields(&escalation("e", Severity::Low, OpenResolved::Open));
    first_mention_text_names_the_required_fields(&change("c", ChangeStatus::Proposed, None, None, None));
}
