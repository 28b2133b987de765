//! Tests of the update scaffold on a hand-made project (the loader is not involved).

use std::path::PathBuf;

use super::*;
use crate::model::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn project(engagement: Engagement) -> Project {
    let def: ProjectFile = serde_yaml::from_str(&format!(
        "name: Acme\ncustomer: Acme Inc\nmanager: Pat\nengagement: {}\ncontract_value: 100\n\
         budget: 80\nrate: 10\nstart: 2026-01-01\nend: 2026-06-30\nmilestones:\n\
         - {{id: m1, name: Kickoff, due: 2026-01-10}}\n- {{id: m2, name: Go live, due: 2026-06-01}}\n",
        engagement.as_str()
    ))
    .unwrap();
    let front1: UpdateFrontMatter = serde_yaml::from_str(
        "status: {overall: amber, budget: red}\npercent_complete: 10\nactual_cost: 1000.5\n\
         hours: 12\nauthor: \"O'Neil: \\\"PM\\\"\"\nrisks:\n\
         - {id: r1, title: Key person leaves, probability: 3, impact: 4, status: open}\n\
         - {id: r2, title: Closed later, probability: 1, impact: 1, status: open}\n\
         escalations:\n- {id: e1, title: Access, severity: high, status: open}\n\
         milestones:\n- {id: m1, done: 2026-01-09}\n",
    )
    .unwrap();
    let front2: UpdateFrontMatter = serde_yaml::from_str(
        "status: {overall: green}\npercent_complete: 25\nactual_cost: 2000\nhours: 30\n\
         estimate_at_completion: 90\nforecast_end: 2026-07-15\n\
         risks:\n- {id: r2, status: closed}\n\
         issues:\n- {id: i1, title: Slow VPN, severity: medium, status: open}\n\
         milestones:\n- {id: m2, forecast: 2026-06-20}\n",
    )
    .unwrap();
    let up = |date: &str, front: UpdateFrontMatter| Update {
        date: d(date),
        front,
        body: String::new(),
        path: PathBuf::from(format!("projects/acme/updates/{date}.md")),
        body_line: 1,
    };
    Project {
        id: "acme".into(),
        def,
        path: PathBuf::from("projects/acme/project.yaml"),
        updates: vec![up("2026-01-05", front1), up("2026-01-12", front2)],
    }
}

fn front(text: &str) -> UpdateFrontMatter {
    let yaml = text
        .strip_prefix("---\n")
        .unwrap()
        .split("\n---\n")
        .next()
        .unwrap();
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn carries_over_the_latest_update() {
    let p = project(Engagement::TimeAndMaterials);
    let text = update_text(&p, d("2026-01-19"));
    let f = front(&text);
    assert_eq!(f.date, Some(d("2026-01-19")));
    assert_eq!(f.status.overall, Rag::Green);
    assert_eq!(f.percent_complete, 25.0);
    assert_eq!(f.actual_cost, 2000.0);
    assert_eq!(f.hours, Some(30.0));
    assert_eq!(f.estimate_at_completion, Some(90.0));
    assert_eq!(f.forecast_end, Some(d("2026-07-15")));
    assert!(f.risks.is_empty() && f.issues.is_empty() && f.milestones.is_empty());
    assert!(
        text.contains("#     r1: Key person leaves, 3x4=12, no owner"),
        "{text}"
    );
    assert!(!text.contains("r2:"), "closed risk listed:\n{text}");
    assert!(text.contains("i1: Slow VPN, medium"), "{text}");
    assert!(text.contains("e1: Access, high, 2026-01-05"), "{text}");
    assert!(
        text.contains("m2: Go live, due 2026-06-01, forecast 2026-06-20"),
        "{text}"
    );
    assert!(!text.contains("m1: Kickoff"), "done milestone listed:\n{text}");
    for h in ["## Highlights", "## Next steps", "## Asks"] {
        assert!(text.contains(h));
    }
}

#[test]
fn starts_from_the_latest_update_before_the_date() {
    let p = project(Engagement::TimeAndMaterials);
    let f = front(&update_text(&p, d("2026-01-08")));
    assert_eq!(f.status.overall, Rag::Amber);
    assert_eq!(f.status.budget, Some(Rag::Red));
    assert_eq!(f.actual_cost, 1000.5);
    assert_eq!(f.author.as_deref(), Some("O'Neil: \"PM\""));
}

#[test]
fn first_update_has_zero_figures() {
    let mut p = project(Engagement::TimeAndMaterials);
    p.updates.clear();
    let f = front(&update_text(&p, d("2026-01-05")));
    assert_eq!(
        (f.percent_complete, f.actual_cost, f.hours),
        (0.0, 0.0, Some(0.0))
    );
    p.def.engagement = Engagement::FixedPrice;
    assert_eq!(front(&update_text(&p, d("2026-01-05"))).hours, None);
}

#[test]
fn project_skeleton_is_valid_as_written() {
    let text = super::super::project_skeleton("acme-erp", d("2026-01-05"));
    let def: ProjectFile = serde_yaml::from_str(&text).unwrap();
    assert_eq!(def.name, "Acme Erp");
    assert!(def.end > def.start && def.budget > 0.0);
}

#[test]
fn used_ids_and_the_next_free_one_per_kind() {
    let p = project(Engagement::TimeAndMaterials);
    let text = update_text(&p, d("2026-01-19"));
    for line in [
        "#   Ids already used (a new record takes a new id):",
        "#     risks: r1, r2; next free: r3",
        "#     issues: i1; next free: i2",
        "#     escalations: e1; next free: e2",
        "#     changes: none; next free: cr-1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} not in\n{text}");
    }
}

#[test]
fn open_asks_carry_over() {
    let mut p = project(Engagement::FixedPrice);
    p.updates[1].front.asks.push(Ask {
        ask: "Sign: the SOW".into(),
        of: Some("CFO".into()),
        by: Some(d("2026-02-01")),
        customer: Some(true),
        change: None,
    });
    let f = front(&update_text(&p, d("2026-01-19")));
    assert_eq!(f.asks, p.updates[1].front.asks);
}

#[test]
fn no_value_becomes_a_yaml_key_of_its_own() {
    // A line break (and the other characters a YAML reader may take for one) in an owner, a
    // record id, a milestone id or name, an ask or an author must not start a line of the new
    // file: `planned_percent: 98` would be a live key.
    let mut p = project(Engagement::FixedPrice);
    let evil = |s: &str| format!("Bob{s}planned_percent: 98");
    for (i, brk) in ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"]
        .iter()
        .enumerate()
    {
        p.updates[1].front.risks.push(RiskMention {
            id: evil(brk),
            title: Some(evil(brk)),
            probability: Some(1),
            impact: Some(1),
            owner: Some(evil(brk)),
            mitigation: None,
            status: Some(OpenClosed::Open),
            customer: None,
        });
        p.updates[1].front.issues.push(IssueMention {
            id: format!("i-{i}"),
            title: Some("t".into()),
            severity: Some(Severity::Low),
            owner: Some(evil(brk)),
            status: Some(OpenClosed::Open),
            customer: None,
        });
        p.def.milestones.push(Milestone {
            id: evil(brk),
            name: evil(brk),
            due: d("2026-05-01"),
            weight: None,
        });
        p.updates[1].front.asks.push(Ask {
            ask: evil(brk),
            of: Some(evil(brk)),
            by: None,
            customer: Some(true),
            change: Some(evil(brk)),
        });
    }
    p.updates[1].front.author = Some(evil("\n"));
    let text = update_text(&p, d("2026-01-19"));
    let f = front(&text);
    assert_eq!(f.planned_percent, None, "{text}");
    assert_eq!(f.asks, p.updates[1].front.asks);
    assert_eq!(f.author, p.updates[1].front.author);
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("planned_percent"),
            "{line:?} in\n{text}"
        );
    }
    // Nothing but `\n` breaks a line of the file.
    assert!(!text.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']), "{text}");
}

#[test]
fn the_customer_part_carries_over_under_its_heading() {
    let mut p = project(Engagement::FixedPrice);
    p.updates[1].body =
        "## Highlights\nours\n\n## For the customer\nShared text\n\n### Internal\nnot shared\n".into();
    let text = update_text(&p, d("2026-01-19"));
    let body = text.split("\n---\n").nth(1).unwrap();
    assert!(
        body.starts_with("\n## For the customer\n\nShared text\n\n## Highlights"),
        "{body}"
    );
    assert!(!body.contains("not shared") && !body.contains("ours"), "{body}");
    let part = crate::metrics::customer::customer_part(body);
    assert_eq!(part.len(), 1);
    assert_eq!(part[0].1.trim(), "Shared text");
    // Without one last week, the heading and a prompt.
    p.updates[1].body.clear();
    let text = update_text(&p, d("2026-01-19"));
    assert!(text.contains("\n## For the customer\n\n<!--"), "{text}");
}

/// Time and materials with entries from `time_from` 2026-01-10: the new update's hours are
/// the 12 h of the 01-05 update (the latest before it) plus the billable hours of the entries
/// up to the date: 12 + 4 + 8 = 24 (the 01-20 entry is after 01-19; non-billable hours and
/// the 30 h typed on 01-12 do not count).
#[test]
fn hours_filled_in_from_time_entries() {
    let mut p = project(Engagement::TimeAndMaterials);
    p.id = "acme".into();
    p.def.time_from = Some(d("2026-01-10"));
    let day = |date: &str, hours: f64, billable: f64| ProjectDay {
        date: d(date),
        hours,
        billable_hours: billable,
    };
    let time = TimeEntries {
        projects: vec!["acme".into()],
        by_project: vec![vec![
            day("2026-01-10", 5.0, 4.0),
            day("2026-01-14", 8.0, 8.0),
            day("2026-01-20", 3.0, 3.0),
        ]],
        ..TimeEntries::default()
    };
    let h = hours_from_entries(&p, &time, d("2026-01-19"));
    assert_eq!(h, Some(24.0));
    let text = update_text_with_hours(&p, d("2026-01-19"), h);
    assert!(text.contains("hours: 24  # cumulative billable hours from the time entries up to 2026-01-19"));
    assert_eq!(front(&text).hours, Some(24.0));
    // Before time_from the entries give nothing: the typed hours carry over.
    assert_eq!(hours_from_entries(&p, &time, d("2026-01-09")), None);
}
