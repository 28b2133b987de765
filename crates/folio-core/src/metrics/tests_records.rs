//! The generic record merge: closed-on tracking, the customer default per kind, fields kept
//! when a later mention leaves them out, and the first-mention rule of every kind; the risk scale,
//! and record merging with the week change worked by hand.

use super::records::{self, ChangeLog};
use super::testkit::*;
use super::tests_health::hp;
use crate::model::*;
use crate::report::{Health, MilestoneMove};

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

#[test]
fn one_risk_scale() {
    let l = RiskLevels::default();
    let got: Vec<RiskLevel> = [1, 4, 5, 9, 10, 14, 15, 25].map(|s| l.level(s)).to_vec();
    use RiskLevel::*;
    assert_eq!(got, [Low, Low, Medium, Medium, High, High, Severe, Severe]);
    let custom = RiskLevels {
        low: 1,
        medium: 3,
        high: 6,
        severe: 20,
    };
    assert_eq!(
        [2, 3, 19, 20].map(|s| custom.level(s)),
        [Low, Medium, High, Severe]
    );
    // Through compute: probability 3 × impact 4 = 12 → high.
    let mut p = project("r", "2026-01-01", "2026-12-31", 1.0, 1.0);
    let mut u = update("2026-02-01", 10.0, 0.1);
    u.front
        .risks
        .push(risk("r-1", 3, 4, crate::model::OpenClosed::Open));
    p.updates.push(u);
    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-02-02"));
    assert_eq!(
        (r.projects[0].risks[0].score, r.projects[0].risks[0].level),
        (12, High)
    );
}

fn risk_only(id: &str, status: OpenClosed) -> RiskMention {
    RiskMention {
        id: id.into(),
        title: None,
        probability: None,
        impact: None,
        owner: None,
        mitigation: None,
        status: Some(status),
        customer: None,
    }
}

#[test]
fn review_records_and_week_change() {
    // A = 2026-05-20, window (05-13, 05-20].
    let mut p = hp("w", "2026-05-06", 50.0, 50.0, 50.0);
    for id in ["m1", "m2", "m3"] {
        p.def.milestones.push(milestone(id, "2026-06-01"));
    }
    let u = &mut p.updates[0];
    u.front.risks.push(risk("r1", 2, 2, OpenClosed::Open));
    u.front.milestones.push(mention("m1", Some("2026-06-05"), None));
    u.front.issues.push(IssueMention {
        id: "i1".into(),
        title: Some("Issue".into()),
        severity: Some(Severity::High),
        owner: Some("Bob".into()),
        status: Some(OpenClosed::Open),
        customer: None,
    });
    // 05-13 (= A − 7, outside the window): amber.
    let mut u = update("2026-05-13", 50.0, 50.0);
    u.front.planned_percent = Some(50.0);
    u.front.status.overall = Rag::Amber;
    u.front.risks.push(risk_only("r1", OpenClosed::Closed));
    let mut r2 = risk("r2", 3, 4, OpenClosed::Open);
    (r2.owner, r2.mitigation) = (Some("Ann".into()), Some("hedge".into()));
    u.front.risks.push(r2);
    u.front
        .escalations
        .push(escalation("e2", Severity::Critical, OpenResolved::Open));
    u.front.milestones.push(mention("m2", Some("2026-06-03"), None));
    p.updates.push(u);
    // 05-18: red.
    let mut u = update("2026-05-18", 50.0, 50.0);
    u.front.planned_percent = Some(50.0);
    u.front.status.overall = Rag::Red;
    u.front.risks.push(risk_only("r2", OpenClosed::Closed)); // keeps p, i, owner, mitigation
    u.front.risks.push(risk("r3", 1, 5, OpenClosed::Open));
    let mut e1 = escalation("e1", Severity::High, OpenResolved::Open);
    e1.raised = Some(d("2026-05-01"));
    u.front.escalations.push(e1);
    let mut e2 = escalation("e2", Severity::Critical, OpenResolved::Resolved);
    (e2.title, e2.severity) = (None, None);
    u.front.escalations.push(e2);
    u.front
        .escalations
        .push(escalation("e3", Severity::High, OpenResolved::Open));
    u.front.milestones.push(mention("m1", Some("2026-06-12"), None));
    u.front.issues.push(IssueMention {
        id: "i1".into(),
        title: None,
        severity: Some(Severity::Critical),
        owner: None,
        status: None,
        customer: None,
    });
    p.updates.push(u);
    // 05-25, after A: all ignored.
    let mut u = update("2026-05-25", 60.0, 60.0);
    u.front.risks.push(risk("r4", 5, 5, OpenClosed::Open));
    u.front.milestones.push(mention("m3", Some("2026-07-01"), None));
    u.front
        .escalations
        .push(escalation("e3", Severity::High, OpenResolved::Resolved));
    p.updates.push(u);

    let r = crate::metrics::compute(&portfolio(vec![p]), d("2026-05-20"));
    let pr = &r.projects[0];
    let w = &pr.week_change;
    assert_eq!(
        (w.declared_now, w.declared_week_ago),
        (Health::Red, Health::Amber)
    );
    assert_eq!(w.risks_opened, ["r3"]); // r1 05-06, r2 05-13: outside
    assert_eq!(w.risks_closed, ["r2"]); // r1 closed 05-13: outside
    assert_eq!(w.escalations_opened, ["e3"]); // e1 raised 05-01 overrides its 05-18 mention
    assert_eq!(w.escalations_closed, ["e2"]);
    assert_eq!(
        w.milestones_moved,
        vec![MilestoneMove {
            id: "m1".into(),
            from: d("2026-06-05"),
            to: d("2026-06-12")
        }]
    );
    let r2 = &pr.risks[1];
    assert_eq!(
        (r2.id.as_str(), r2.title.as_str(), r2.score, r2.status),
        ("r2", "Risk r2", 12, OpenClosed::Closed)
    );
    assert_eq!(
        (r2.owner.as_deref(), r2.mitigation.as_deref()),
        (Some("Ann"), Some("hedge"))
    );
    assert_eq!((r2.opened, r2.updated), (d("2026-05-13"), d("2026-05-18")));
    assert_eq!(pr.risks.len(), 3, "r4 is after A");
    let i1 = &pr.issues[0];
    assert_eq!(
        (i1.severity, i1.owner.as_deref(), i1.title.as_str()),
        (Severity::Critical, Some("Bob"), "Issue")
    );
    // Escalations: e1 age = A − raised = 05-20 − 05-01 = 19; e2 resolved → null, keeps its
    // title and severity; e3 open (its resolution is after A), age 2.
    let e: Vec<_> = pr
        .escalations
        .iter()
        .map(|e| (e.id.as_str(), e.opened, e.age_days))
        .collect();
    assert_eq!(
        e,
        [
            ("e1", d("2026-05-01"), Some(19)),
            ("e2", d("2026-05-13"), None),
            ("e3", d("2026-05-18"), Some(2))
        ]
    );
    assert_eq!(
        (pr.escalations[1].severity, pr.escalations[1].title.as_str()),
        (Severity::Critical, "Escalation e2")
    );
    // Health: cpi = spi = 1; m1 slips 11 > 5 and e1, e3 are open high → amber (e2 resolved).
    assert_eq!(pr.health.computed, Health::Amber);
}
