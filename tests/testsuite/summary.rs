//! The executive summary answers first and lists what executives must act on: the current
//! quarter with its gap in money and the forecast at risk, then the year, *Decisions needed*
//! (asks and proposed change requests, oldest deadline first), needs attention and the week's
//! events; escalations show stakeholders and overdue next steps; region pages exist.

use crate::common;

use common::d;
use folio::model::*;
fn site(edit: impl Fn(&mut Portfolio)) -> folio::driver::SiteFiles {
    let mut portfolio = common::portfolio(&common::plain);
    edit(&mut portfolio);
    let settings = folio::driver::Settings {
        base_url: Some("/".into()),
        ..common::settings(false)
    };
    common::site(&portfolio, &settings).expect("render")
}

fn page(files: &folio::driver::SiteFiles, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}")).clone()).unwrap()
}

/// The summary page (`index.html`) of the portfolio `edit` makes, from the element with the id
/// `title` to the end of its section.
fn summary_section(edit: impl Fn(&mut Portfolio), title: &str) -> String {
    let html = page(&site(edit), "index.html");
    let start = html.find(&format!("id=\"{title}\"")).unwrap();
    html[start..html[start..].find("</section>").unwrap() + start].to_string()
}

fn with_decisions(p: &mut Portfolio) {
    let alpha = std::sync::Arc::make_mut(p.projects.iter_mut().find(|x| x.id == "alpha").unwrap());
    let latest = alpha.updates.last_mut().unwrap();
    latest.front.asks = vec![
        Ask {
            ask: "Approve the second data centre".into(),
            of: Some("CIO Jane Roe".into()),
            by: Some(d("2026-12-02")),
            customer: None,
            change: None,
        },
        Ask {
            ask: "Sign the access waiver".into(),
            of: Some("Customer CISO".into()),
            by: Some(d("2026-11-18")),
            customer: Some(true),
            change: None,
        },
        Ask {
            ask: "Keep this on the leadership radar".into(),
            of: None,
            by: None,
            customer: None,
            change: None,
        },
    ];
    latest.front.changes.push(ChangeMention {
        id: "c2".into(),
        title: Some("Add a disaster recovery site".into()),
        status: Some(ChangeStatus::Proposed),
        budget_delta: Some(60_000.0),
        value_delta: Some(100_000.0),
        schedule_delta_days: Some(21),
        customer: None,
    });
    let e = &mut latest.front.escalations[0];
    e.stakeholders = Some(vec![
        Stakeholder {
            role: "Sales".into(),
            name: "Sam Seller".into(),
        },
        Stakeholder {
            role: "TAM".into(),
            name: "Tina Tam".into(),
        },
    ]);
    e.next_step = Some("Executive call with the customer".into());
    e.next_step_by = Some(d("2026-11-17"));
    // r1 (4 × 5 = 20 on 11-06) re-scored to 5 × 5 = 25 in the week.
    latest.front.risks.push(RiskMention {
        id: "r1".into(),
        title: None,
        probability: Some(5),
        impact: None,
        owner: None,
        mitigation: None,
        status: None,
        customer: None,
    });
}

#[test]
fn summary_opens_with_the_quarter_then_year_decisions_attention_and_events() {
    let files = site(with_decisions);
    let html = page(&files, "index.html");
    let pos = |s: &str| html.find(s).unwrap_or_else(|| panic!("summary lacks {s}"));
    let order = [
        "id=\"quarter-title\"",
        "id=\"esc-now-title\"",
        "id=\"year-title\"",
        "id=\"decisions-title\"",
        "id=\"attention-title\"",
        "id=\"events-title\"",
        "id=\"risk-title\"",
        "id=\"ms-title\"",
    ];
    for w in order.windows(2) {
        assert!(pos(w[0]) < pos(w[1]), "{} before {}", w[0], w[1]);
    }
    // The current quarter (the as-of date 2026-11-20 is in FY26-Q4) is answered in a sentence:
    // the verdict, committed against the target with the gap in money, the best case.
    let sentence = &html[pos("class=\"gap-sentence")..];
    let sentence = &sentence[..sentence.find("</p>").unwrap()];
    assert!(sentence.contains("FY26-Q4: $"), "{sentence}");
    assert!(sentence.contains("committed,"), "{sentence}");
    assert!(sentence.contains("of the $400K target"), "{sentence}");
    assert!(
        sentence.contains(" short") || sentence.contains("above it"),
        "{sentence}"
    );
    assert!(
        ["On track", "At risk", "Short"]
            .iter()
            .any(|v| sentence.contains(v)),
        "the verdict in a word: {sentence}"
    );
    assert!(html.contains("class=\"week-change\">Since last week: committed "));
}

#[test]
fn decisions_list_every_ask_and_proposed_change_oldest_deadline_first() {
    let section = summary_section(with_decisions, "decisions-title");
    let at = |text: &str, what: &str| section.find(text).unwrap_or_else(|| panic!("{what} not listed"));
    let waiver = at("Sign the access waiver", "overdue ask");
    let dc = at("Approve the second data centre", "ask");
    let radar = at("Keep this on the leadership radar", "undated ask");
    let cr = at("Add a disaster recovery site", "proposed change");
    // Asked of us first (the data centre, then the undated ask), then what waits on customers
    // (the customer's waiver, then the change request for them to sign); oldest `by` first in
    // each group, dated before undated.
    let customers = section.find("Waiting on customers").expect("two groups");
    assert!(
        dc < radar && radar < customers,
        "asked of us: dated before undated"
    );
    assert!(
        customers < waiver && waiver < cr,
        "waiting on customers: dated before undated"
    );
    assert!(section.contains("Asked by"), "who asks: {section}");
    assert!(section.contains("Customer CISO") && section.contains("2026-11-18"));
    assert!(section.contains("Overdue"), "an ask past its date says so");
    assert!(section.contains("value +$100,000"), "{section}");
    assert!(section.contains("budget +$60,000") && section.contains("schedule +21 d"));
    // The approved change is not a decision.
    assert!(!section.contains("Extra site"));
}

#[test]
fn without_asks_or_proposed_changes_the_summary_says_no_decision_is_needed() {
    let files = site(|_| {});
    let html = page(&files, "index.html");
    assert!(html.contains("None: no open asks from project managers"));
}

#[test]
fn escalations_show_stakeholders_and_an_overdue_next_step_stands_out() {
    let files = site(with_decisions);
    // The summary names the escalation on its first screen, with its next step, overdue.
    let html = page(&files, "index.html");
    let item = &html[html.find("class=\"esc-item\"").expect("escalation named")..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(item.contains("Customer blocks access"), "{item}");
    assert!(
        item.contains("Next: Executive call with the customer") && item.contains("overdue since 2026-11-17"),
        "{item}"
    );
    assert!(item.contains("esc-flagged"), "{item}");
    for path in [
        "escalations/index.html",
        "regions/EMEA/index.html",
        "projects/alpha/index.html",
    ] {
        let html = page(&files, path);
        let row = html
            .split("<tr>")
            .skip(1)
            .map(|r| &r[..r.find("</tr>").unwrap_or(r.len())])
            .find(|r| r.contains("Customer blocks access"))
            .unwrap_or_else(|| panic!("{path}: escalation row"));
        assert!(
            row.contains("Sales: Sam Seller") && row.contains("TAM: Tina Tam"),
            "{path}: {row}"
        );
        assert!(row.contains("Executive call with the customer") && row.contains("2026-11-17"));
        assert!(
            row.contains("Overdue") || row.contains("overdue"),
            "{path}: {row}"
        );
    }
}

#[test]
fn region_pages_roll_up_their_projects_and_are_linked() {
    let files = site(with_decisions);
    let region = page(&files, "regions/EMEA/index.html");
    assert!(region.contains("This quarter, FY26-Q4"));
    assert!(region.contains("href=\"../../projects/alpha/index.html\""));
    assert!(
        region.contains("Add a disaster recovery site"),
        "region decisions"
    );
    let summary = page(&files, "index.html");
    assert!(summary.contains("href=\"regions/EMEA/index.html\">EMEA</a>"));
    let projects = page(&files, "projects/index.html");
    assert!(projects.contains("href=\"../regions/EMEA/index.html\">EMEA</a>"));
    assert!(!files
        .keys()
        .any(|k| k.starts_with("regions/") && !k.starts_with("regions/EMEA/")));
}

#[test]
fn the_weeks_events_are_grouped_by_project_with_figures_in_the_sites_money_format() {
    let section = summary_section(with_decisions, "events-title");
    // alpha's 11-18 update is in the window: it books revenue and opens records.
    let group = &section[section.find(">Project alpha<").expect("alpha's group")..];
    let group = &group[..group.find("</ul>").expect("alpha's events")];
    // Revenue booked is routine: folded into one line for the whole week, not in the group.
    assert!(!group.contains("ev-revenue_recognized"), "{group}");
    let folded = &section[section
        .find("class=\"ev-folded ev-revenue_recognized\">")
        .expect("folded revenue line")..];
    let folded = &folded[..folded.find("</li>").unwrap()];
    assert!(
        folded.contains(">$") && folded.contains(" recognized across 1 project"),
        "{folded}"
    );
    assert!(
        group.contains("ev-escalation_opened") || group.contains("ev-issue_opened"),
        "{group}"
    );
    assert!(
        group.contains("Risk rescored from 20 to 25 (severe): Key person leaves"),
        "a re-score says from, to, the level on the one scale, and the risk: {group}"
    );
    // The project's name heads the group once; event lines do not repeat it.
    assert!(
        !group.contains("<li class=\"ev ev-issue_opened\">Project alpha"),
        "{group}"
    );
}

#[test]
fn the_quarters_revenue_by_project_adds_up_to_its_total_row() {
    let files = site(with_decisions);
    let html = page(&files, "index.html");
    let start = html.find("id=\"summary-revenue\"").expect("revenue by project");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    // The cell's text (after its attributes), digits only: "$1,234" → 1234, "—" → 0.
    let money = |cell: &str| -> f64 {
        let text = &cell[cell.find('>').unwrap() + 1..];
        let text = &text[..text.find('<').unwrap()];
        let text: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
        text.parse().unwrap_or(0.0)
    };
    let rows: Vec<Vec<&str>> = table
        .split("<tr>")
        .skip(2)
        .map(|r| r.split("<td class=\"num\"").skip(1).take(3).collect())
        .collect();
    let (total, projects) = rows.split_last().expect("rows");
    assert!(table.contains(">Total</th>"), "{table}");
    for col in 0..3 {
        let sum: f64 = projects.iter().map(|r| money(r[col])).sum();
        assert!(
            (sum - money(total[col])).abs() <= projects.len() as f64,
            "column {col}: {table}"
        );
    }
    assert!(money(total[1]) > 0.0, "the fixture forecasts revenue in FY26-Q4");
}
