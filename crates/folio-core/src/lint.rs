//! The `internal-term` lint: every string a project's customer report carries (the narrative's
//! customer part, the project's name, customer, manager and sponsor, milestone names, the
//! titles, owners, mitigations and next steps of records marked for the customer, the asks of
//! the customer and who wrote the update) is checked against `customer_report.internal_terms`
//! of `portfolio.yaml`. Each term found, a whole word in any case, is a warning at its file and
//! line. What the customer sees is the metrics' decision, read from the computed report; the
//! lint only looks up where each string was written, re-reading a file when a term is found.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;
use crate::model::{
    ChangeMention, EscalationMention, IssueMention, Portfolio, Project, RecordMention, RiskMention, Update,
};
use crate::report::{ProjectReport, Report};
use crate::yaml::{self, Source};

/// Whether `c` is part of a word.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The byte offset in `text` of the first whole-word occurrence of `term`, in any case; a space
/// in the term matches any run of white space.
pub fn find_term(text: &str, term: &str) -> Option<usize> {
    let words: Vec<&str> = term.split_whitespace().collect();
    let first = words.first()?.chars().next()?;
    let last = words.last()?.chars().last()?;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let boundary = !is_word(first) || !prev.is_some_and(is_word);
        prev = Some(c);
        if !boundary || !c.to_lowercase().eq(first.to_lowercase()) {
            continue;
        }
        if let Some(end) = match_words(&text[i..], &words) {
            let after = text[i + end..].chars().next();
            if !is_word(last) || !after.is_some_and(is_word) {
                return Some(i);
            }
        }
    }
    None
}

/// The length of `text`'s prefix that is `words` (any case) separated by white space.
fn match_words(text: &str, words: &[&str]) -> Option<usize> {
    let mut at = 0;
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            let rest = &text[at..];
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() {
                return None;
            }
            at += rest.len() - trimmed.len();
        }
        let mut chars = text[at..].char_indices();
        for w in word.chars() {
            let (_, t) = chars.next()?;
            if !t.to_lowercase().eq(w.to_lowercase()) {
                return None;
            }
        }
        at += chars.next().map_or(text.len() - at, |(j, _)| j);
    }
    Some(at)
}

/// The text a reader sees of Markdown `md` (its text and code, not link targets, HTML or
/// comments), as slices of `md` on one line each, with their 0-based line and the number of
/// characters before them on it.
fn shown_text(md: &str) -> Vec<(&str, usize, usize)> {
    use pulldown_cmark::{Event, Parser};
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(md, crate::markup::markdown_options()).into_offset_iter() {
        if !matches!(event, Event::Text(_) | Event::Code(_)) {
            continue;
        }
        let mut at = range.start;
        for piece in md[range].split_inclusive('\n') {
            let line = md[..at].matches('\n').count();
            let line_start = md[..at].rfind('\n').map_or(0, |i| i + 1);
            out.push((
                piece.trim_end_matches(['\n', '\r']),
                line,
                md[line_start..at].chars().count(),
            ));
            at += piece.len();
        }
    }
    out
}

/// One string a customer report carries and where it was written.
struct Carried<'a> {
    text: &'a str,
    /// What it is, in the message: `the title of risk \`r-1\``.
    what: String,
    file: &'a Path,
    place: Place,
}

/// Where in its file a carried string is.
enum Place {
    /// A key of a YAML file (`project.yaml`) or of an update's front matter.
    Key { front_matter: bool, key: String },
    /// A line of a file (1-based) and the characters before the text on that line.
    Line(usize, usize),
}

/// The `internal-term` warnings of the customer reports of `report`'s projects (only of
/// `project` when given).
pub fn internal_terms(portfolio: &Portfolio, report: &Report, project: Option<&str>) -> Vec<Diagnostic> {
    let terms: Vec<&str> = portfolio
        .config
        .customer_report
        .internal_terms
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for p in report
        .projects
        .iter()
        .filter(|p| project.is_none_or(|id| p.id == id))
    {
        let Some(model) = portfolio.projects.iter().find(|m| m.id == p.id) else {
            continue;
        };
        for c in carried(model, p, report.as_of) {
            for term in &terms {
                if let Some(at) = find_term(c.text, term) {
                    out.push(warning(&portfolio.root, &c, term, at));
                }
            }
        }
    }
    crate::diagnostics::sort(&mut out);
    out
}

/// The strings the customer report of `p` carries, each with where it was written.
fn carried<'a>(model: &'a Project, p: &'a ProjectReport, as_of: NaiveDate) -> Vec<Carried<'a>> {
    let def = &model.def;
    let mut out = Vec::new();
    let key = |front_matter: bool, key: String| Place::Key { front_matter, key };
    let mut project_key = |text: &'a str, what: &str, k: String| {
        out.push(Carried {
            text,
            what: what.to_string(),
            file: &model.path,
            place: key(false, k),
        })
    };
    project_key(&def.name, "the project's name", "name".into());
    project_key(&def.customer, "the customer's name", "customer".into());
    project_key(&def.manager, "the project manager", "manager".into());
    if let Some(s) = &def.sponsor {
        project_key(s, "the sponsor", "sponsor".into());
    }
    for (i, m) in def.milestones.iter().enumerate() {
        project_key(
            &m.name,
            &format!("the name of milestone `{}`", m.id),
            format!("milestones[{i}].name"),
        );
    }
    let updates: Vec<&Update> = model.updates.iter().filter(|u| u.date <= as_of).collect();
    if let Some(part) = &p.customer_part {
        for (first, md) in &part.pieces {
            for (text, line, column) in shown_text(md) {
                out.push(Carried {
                    text,
                    what: "the narrative's customer part".into(),
                    file: &part.path,
                    place: Place::Line(part.body_line + first + line, column),
                });
            }
        }
    }
    if let Some(latest) = updates.last() {
        if let Some(a) = &latest.front.author {
            out.push(Carried {
                text: a,
                what: "the update's author".into(),
                file: &latest.path,
                place: key(true, "author".into()),
            });
        }
        for (i, (a, r)) in latest.front.asks.iter().zip(&p.asks).enumerate() {
            if !r.customer {
                continue;
            }
            out.push(Carried {
                text: &a.ask,
                what: "an ask of the customer".into(),
                file: &latest.path,
                place: key(true, format!("asks[{i}].ask")),
            });
            if let Some(of) = &a.of {
                out.push(Carried {
                    text: of,
                    what: "whom an ask of the customer asks".into(),
                    file: &latest.path,
                    place: key(true, format!("asks[{i}].of")),
                });
            }
        }
    }
    // Whether the metrics marked a record for the customer.
    let shown = |list: &str, id: &str| match list {
        RiskMention::LIST => p.risks.iter().any(|r| r.id == id && r.customer),
        IssueMention::LIST => p.issues.iter().any(|r| r.id == id && r.customer),
        EscalationMention::LIST => p.escalations.iter().any(|r| r.id == id && r.customer),
        _ => p.changes.iter().any(|r| r.id == id && r.customer),
    };
    latest_fields(&updates, &mut out, &shown, |u: &'a Update| {
        let f = &u.front;
        let mut v: Vec<Field<'a>> = Vec::new();
        mention_fields(&mut v, &f.risks, |r: &'a RiskMention| {
            vec![
                ("owner", r.owner.as_deref()),
                ("mitigation", r.mitigation.as_deref()),
            ]
        });
        mention_fields(&mut v, &f.issues, |r: &'a IssueMention| {
            vec![("owner", r.owner.as_deref())]
        });
        mention_fields(&mut v, &f.escalations, |r: &'a EscalationMention| {
            vec![
                ("owner", r.owner.as_deref()),
                ("next_step", r.next_step.as_deref()),
            ]
        });
        mention_fields(&mut v, &f.changes, |_: &'a ChangeMention| Vec::new());
        v
    });
    out
}

/// A field of a record mention: its kind's list, the record's id, the mention's index in the
/// list, the field's name and the value the mention gives (if any).
type Field<'a> = (&'static str, &'a str, usize, &'static str, Option<&'a str>);

/// The shown fields of each of one kind's `mentions`: `title`, then the `more` fields of the
/// kind, in that order.
fn mention_fields<'a, M: RecordMention>(
    v: &mut Vec<Field<'a>>,
    mentions: &'a [M],
    more: impl Fn(&'a M) -> Vec<(&'static str, Option<&'a str>)>,
) {
    for (i, m) in mentions.iter().enumerate() {
        v.push((M::LIST, m.id(), i, "title", m.title()));
        for (field, value) in more(m) {
            v.push((M::LIST, m.id(), i, field, value));
        }
    }
}

/// The record fields a customer report shows: of each record marked for the customer, the
/// latest value of each field, located at the mention that gave it.
fn latest_fields<'a>(
    updates: &[&'a Update],
    out: &mut Vec<Carried<'a>>,
    shown: &dyn Fn(&str, &str) -> bool,
    fields: impl Fn(&'a Update) -> Vec<Field<'a>>,
) {
    // (list, id, field) → (value, update, index of the mention in its list).
    let mut latest: BTreeMap<(&str, &str, &str), (&str, &Update, usize)> = BTreeMap::new();
    for u in updates {
        for (list, id, i, field, value) in fields(u) {
            if let Some(v) = value {
                latest.insert((list, id, field), (v, u, i));
            }
        }
    }
    for ((list, id, field), (value, u, i)) in latest {
        if !shown(list, id) {
            continue;
        }
        let noun = list.trim_end_matches('s');
        let field_words = field.replace('_', " ");
        out.push(Carried {
            text: value,
            what: format!("the {field_words} of {noun} `{id}`"),
            file: &u.path,
            place: Place::Key {
                front_matter: true,
                key: format!("{list}[{i}].{field}"),
            },
        });
    }
}

/// The warning for `term` found at byte `at` of a carried string.
fn warning(root: &Path, c: &Carried<'_>, term: &str, at: usize) -> Diagnostic {
    let (line, column) = match &c.place {
        Place::Line(line, before) => (*line, before + c.text[..at].chars().count() + 1),
        Place::Key { front_matter, key } => locate(root, c.file, *front_matter, key),
    };
    let found = &c.text[at..];
    let found: String = found.chars().take(term.chars().count()).collect();
    Diagnostic::warning(
        "internal-term",
        c.file,
        line,
        column,
        format!("\"{found}\" in {}, which the customer report shows", c.what),
    )
    .found(format!("the internal term \"{term}\""))
    .expected("words a customer may read")
    .hint("reword it, or move it out of what the customer sees (outside the `## For the customer` part, or `customer: false`); the terms are `customer_report.internal_terms` in portfolio.yaml")
}

/// The line and column of the value of `key` in `file` (relative to `root`); line 1 when the
/// file cannot be read again.
fn locate(root: &Path, file: &Path, front_matter: bool, key: &str) -> (usize, usize) {
    let Ok(text) = std::fs::read_to_string(root.join(file)) else {
        return (1, 0);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (yaml, line_offset) = if front_matter {
        match crate::load::split_front_matter(text) {
            Some(y) => (y, 1),
            None => return (1, 0),
        }
    } else {
        (text, 0)
    };
    let src = Source {
        path: file,
        text: yaml,
        line_offset,
    };
    match yaml::scan(src) {
        Ok(index) if index.contains(key) => {
            let pos = index.value(key);
            (src.file_line(pos.line), pos.column)
        }
        _ => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::find_term;

    #[test]
    fn whole_words_any_case() {
        assert_eq!(find_term("Our margin is fine", "margin"), Some(4));
        assert_eq!(find_term("MARGIN.", "margin"), Some(0));
        assert_eq!(find_term("margins", "margin"), None);
        assert_eq!(find_term("premargin", "margin"), None);
        assert_eq!(find_term("the Rate  Card, again", "rate card"), Some(4));
        assert_eq!(find_term("ratecard", "rate card"), None);
        assert_eq!(find_term("a write-off.", "write-off"), Some(2));
        assert_eq!(find_term("(EAC)", "EAC"), Some(1));
        assert_eq!(find_term("eaches", "EAC"), None);
        assert_eq!(find_term("Internal: yes", "internal"), Some(0));
        assert_eq!(find_term("international", "internal"), None);
        assert_eq!(find_term("über bench", "bench"), Some(6));
        assert_eq!(find_term("", "x"), None);
        assert_eq!(find_term("x", ""), None);
    }
}
