//! `folio new update`: this week's update file, carried over from the latest earlier update.
//!
//! Carried over: `status`, `percent_complete`, `actual_cost`, `hours` (for a time-and-materials
//! project with time entries: the entries' cumulative billable hours up to the date instead),
//! `estimate_at_completion`, `forecast_end` (and `author` when the last update named one).
//! Records are a log (see docs/content.md, updates), so nothing is repeated as data: the open risks, issues and
//! escalations and the milestones not done yet (merged over every earlier update) are listed
//! as YAML comments for reference. Asks carry over with their `customer` flag and `change`;
//! the narrative starts with a `## For the customer` part holding the latest update's customer
//! part (the only text a customer reads), then the internal sections.
//!
//! Every value from content written into the file is made safe first: a YAML value as a
//! double-quoted scalar with every line break and control character escaped, a comment with
//! them replaced by spaces, so no value can start a line of its own (a live YAML key).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{alone, check_content_root, unknown_project, valid_id, write_new};
use crate::diagnostics::Diagnostic;
use crate::format::plural;
use crate::model::{OpenClosed, OpenResolved, Project, Severity, UpdateFrontMatter};

/// The errors in a project's own files, which stop `folio new update` (the carried-over figures
/// would be wrong): the command prints them as diagnostics, one per line, like `folio check`.
#[derive(Debug)]
pub struct ProjectErrors {
    pub project: String,
    pub errors: Vec<Diagnostic>,
}

impl std::fmt::Display for ProjectErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "project `{}` has {}; fix them first",
            self.project,
            plural(self.errors.len(), "error")
        )
    }
}

impl std::error::Error for ProjectErrors {}

/// `folio new update PROJECT [--date]`: `updates/<date>.md` carried over from the latest update,
/// and notes for the user (errors elsewhere in the content).
///
/// Errors in this project's files stop it (the carried-over figures would be wrong); errors
/// only in other files do not: the project is then read by itself and a note says so.
pub fn new_update_noted(
    content: &Path,
    project: &str,
    date: NaiveDate,
) -> anyhow::Result<(PathBuf, Vec<String>)> {
    check_content_root(content)?;
    let def = content.join("projects").join(project).join("project.yaml");
    if !valid_id(project) || !def.is_file() {
        return Err(unknown_project(content, project));
    }
    let path = content
        .join("projects")
        .join(project)
        .join("updates")
        .join(format!("{date}.md"));
    if path.exists() {
        anyhow::bail!(
            "{} already exists; folio never overwrites a file: edit it instead",
            path.display()
        );
    }
    let mut notes = Vec::new();
    let mut from_entries = None;
    let proj = match crate::load::load(content) {
        Ok(loaded) => {
            let proj = loaded
                .portfolio
                .projects
                .into_iter()
                .find(|p| p.id == project)
                .map(std::sync::Arc::unwrap_or_clone)
                .ok_or_else(|| unknown_project(content, project))?;
            from_entries = hours_from_entries(&proj, &loaded.portfolio.time, date);
            proj
        }
        Err(diags) => {
            let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
            let mine = Path::new("projects").join(project);
            let here: Vec<Diagnostic> = errors
                .iter()
                .filter(|d| d.path.starts_with(&mine))
                .map(|d| (*d).clone())
                .collect();
            if !here.is_empty() {
                return Err(ProjectErrors {
                    project: project.to_string(),
                    errors: here,
                }
                .into());
            }
            let proj = alone::load_project(content, project)?;
            notes.push(format!(
                "the content has {} in other files; `folio check` lists them",
                plural(errors.len(), "error")
            ));
            proj
        }
    };
    write_new(&path, &update_text_with_hours(&proj, date, from_entries))?;
    Ok((path, notes))
}

/// A time-and-materials project's cumulative billable hours at the end of `date` from its time
/// entries (from `time_from` on); `None` without entries, or before `time_from`.
pub(super) fn hours_from_entries(
    proj: &Project,
    time: &crate::model::TimeEntries,
    date: NaiveDate,
) -> Option<f64> {
    let days = time.project_days(&proj.id);
    let from = proj.time_from(days).filter(|f| *f <= date)?;
    Some(crate::load::time::hours_up_to(proj, days, from, date))
}

/// Formats a number the way a person would type it (`12000`, `42.5`).
fn num(x: f64) -> String {
    format!("{x}")
}

/// A YAML double-quoted scalar (JSON strings are valid YAML) on one line: JSON escapes the
/// C0 controls; the other characters a YAML reader may take for a line break or that are not
/// printable (NEL and the C1 controls, U+2028, U+2029, the byte-order mark) are escaped too.
fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text on one comment line: every run of white space (line breaks included) and every
/// control character becomes one space.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The whole new update file for `proj` dated `date`.
#[cfg(test)]
pub(super) fn update_text(proj: &Project, date: NaiveDate) -> String {
    update_text_with_hours(proj, date, None)
}

/// [`update_text`] with the cumulative hours the time entries give up to `date`, which replace
/// the hours carried over.
pub(crate) fn update_text_with_hours(proj: &Project, date: NaiveDate, from_entries: Option<f64>) -> String {
    let earlier: Vec<_> = proj.updates.iter().filter(|u| u.date < date).collect();
    let prev: Option<&UpdateFrontMatter> = earlier.last().map(|u| &u.front);
    let tm = proj.def.engagement == crate::model::Engagement::TimeAndMaterials;
    let mut s = String::from("---\n");
    let _ = writeln!(
        s,
        "# Status update of `{}` ({}).",
        proj.id,
        one_line(&proj.def.name)
    );
    match earlier.last() {
        Some(u) => {
            let _ = writeln!(
                s,
                "# Figures carried over from {}: change what moved (they are cumulative).",
                u.date
            );
        }
        None => {
            let _ = writeln!(s, "# First update: fill in the figures (they are cumulative).");
        }
    }
    let _ = writeln!(
        s,
        "# Risks, issues, escalations and changes are a log: list only what is new or changed."
    );
    let _ = writeln!(s, "date: {date}");
    if let Some(author) = prev.and_then(|p| p.author.as_deref()) {
        let _ = writeln!(s, "author: {}", quoted(author));
    }
    let st = prev.map(|p| p.status.clone());
    let overall = st.as_ref().map_or("green", |x| x.overall.as_str());
    let _ = writeln!(s, "status:");
    let _ = writeln!(s, "  overall: {overall}  # green, amber or red: your assessment");
    if let Some(st) = &st {
        for (k, v) in [
            ("schedule", st.schedule),
            ("budget", st.budget),
            ("scope", st.scope),
        ] {
            if let Some(v) = v {
                let _ = writeln!(s, "  {k}: {}", v.as_str());
            }
        }
    }
    let pc = prev.map_or(0.0, |p| p.percent_complete);
    let ac = prev.map_or(0.0, |p| p.actual_cost);
    let _ = writeln!(s, "percent_complete: {}  # cumulative, 0-100", num(pc));
    let _ = writeln!(s, "actual_cost: {}  # cumulative cost to date", num(ac));
    if let Some(h) = from_entries {
        let _ = writeln!(
            s,
            "hours: {}  # cumulative billable hours from the time entries up to {date}",
            num((h * 100.0).round() / 100.0)
        );
    } else {
        let hours = prev.and_then(|p| p.hours).or(if tm { Some(0.0) } else { None });
        if let Some(h) = hours {
            let _ = writeln!(s, "hours: {}  # cumulative billable hours", num(h));
        }
    }
    if let Some(eac) = prev.and_then(|p| p.estimate_at_completion) {
        let _ = writeln!(s, "estimate_at_completion: {}  # your EAC", num(eac));
    }
    if let Some(fe) = prev.and_then(|p| p.forecast_end) {
        let _ = writeln!(s, "forecast_end: {fe}");
    }
    // Asks are not a log: the latest update's are the open ones, so they carry over.
    let asks = prev.map(|p| p.asks.as_slice()).unwrap_or_default();
    if asks.is_empty() {
        let _ = writeln!(
            s,
            "# asks:  # decisions or help you need; keep listing them until they are answered\n#   - {{ask: \"Approve the cutover window\", of: \"Customer CIO\", by: YYYY-MM-DD, customer: true}}\n#     (`customer: true`: an ask of the customer, which the customer report shows; without it an ask is internal)"
        );
    } else {
        let _ = writeln!(s, "asks:  # still open? remove the ones that were answered");
        for a in asks {
            let _ = write!(s, "  - ask: {}", quoted(&a.ask));
            if let Some(of) = &a.of {
                let _ = write!(s, "\n    of: {}", quoted(of));
            }
            if let Some(by) = a.by {
                let _ = write!(s, "\n    by: {by}");
            }
            if let Some(customer) = a.customer {
                let _ = write!(s, "\n    customer: {customer}");
            }
            if let Some(change) = &a.change {
                let _ = write!(s, "\n    change: {}", quoted(change));
            }
            s.push('\n');
        }
    }
    reference_comments(&mut s, proj, date);
    s.push_str("---\n\n## For the customer\n\n");
    let shared = earlier
        .last()
        .map(|u| crate::metrics::customer::customer_part(&u.body))
        .unwrap_or_default();
    if shared.is_empty() {
        s.push_str("<!-- The only text the customer report shows, up to the next level-2 heading: progress, next steps, what you need from the customer. -->\n\n");
    } else {
        let last_week = crate::report::CustomerPart {
            path: PathBuf::new(),
            body_line: 1,
            pieces: shared,
        }
        .markdown();
        s.push_str(last_week.trim_end());
        s.push_str("\n\n");
    }
    s.push_str("## Highlights\n\n<!-- Internal from here on: what moved forward this week? -->\n\n");
    s.push_str("## Next steps\n\n<!-- What happens next week? -->\n\n");
    s.push_str("## Asks\n\n<!-- What do you need from our own people? -->\n");
    s
}

/// One record merged over the log (the fields a kind lacks stay empty).
struct Rec<'a> {
    title: String,
    probability: Option<u8>,
    impact: Option<u8>,
    severity: Option<Severity>,
    owner: Option<&'a str>,
    raised: Option<NaiveDate>,
    open: bool,
}

impl<'a> Rec<'a> {
    fn new(raised: Option<NaiveDate>) -> Rec<'a> {
        Rec {
            title: String::new(),
            probability: None,
            impact: None,
            severity: None,
            owner: None,
            raised,
            open: true,
        }
    }
    /// What a mention of any kind gives: its title, owner and whether it is open.
    fn mention(&mut self, title: &Option<String>, owner: &'a Option<String>, open: Option<bool>) {
        if let Some(t) = title {
            self.title = one_line(t);
        }
        self.owner = owner.as_deref().or(self.owner);
        if let Some(open) = open {
            self.open = open;
        }
    }
    fn owner(&self) -> &str {
        self.owner.unwrap_or("no owner")
    }
    fn severity(&self) -> String {
        self.severity
            .map(|s| format!("{s:?}").to_lowercase())
            .unwrap_or_else(|| "?".into())
    }
}

/// Open records and pending milestones as of `date`, as YAML comments.
fn reference_comments(s: &mut String, proj: &Project, date: NaiveDate) {
    let mut risks: BTreeMap<&str, Rec> = BTreeMap::new();
    let mut issues: BTreeMap<&str, Rec> = BTreeMap::new();
    let mut escs: BTreeMap<&str, Rec> = BTreeMap::new();
    let mut ms: BTreeMap<&str, (Option<NaiveDate>, Option<NaiveDate>)> = BTreeMap::new();
    for u in proj.updates.iter().filter(|u| u.date < date) {
        for r in &u.front.risks {
            let e = risks.entry(&r.id).or_insert_with(|| Rec::new(None));
            e.mention(&r.title, &r.owner, r.status.map(|s| s == OpenClosed::Open));
            e.probability = r.probability.or(e.probability);
            e.impact = r.impact.or(e.impact);
        }
        for i in &u.front.issues {
            let e = issues.entry(&i.id).or_insert_with(|| Rec::new(None));
            e.mention(&i.title, &i.owner, i.status.map(|s| s == OpenClosed::Open));
            e.severity = i.severity.or(e.severity);
        }
        for x in &u.front.escalations {
            let e = escs.entry(&x.id).or_insert_with(|| Rec::new(Some(u.date)));
            e.mention(&x.title, &x.owner, x.status.map(|s| s == OpenResolved::Open));
            e.severity = x.severity.or(e.severity);
            e.raised = x.raised.or(e.raised);
        }
        for m in &u.front.milestones {
            let e = ms.entry(&m.id).or_default();
            e.0 = m.forecast.or(e.0);
            e.1 = m.done.or(e.1);
        }
    }
    let mut lines = Vec::new();
    let mut section = |head: &str, recs: &BTreeMap<&str, Rec>, fmt: &dyn Fn(&Rec) -> String| {
        let open: Vec<_> = recs.iter().filter(|(_, r)| r.open).collect();
        if !open.is_empty() {
            lines.push(head.to_string());
            for (id, r) in open {
                lines.push(format!("  {id}: {}, {}", r.title, fmt(r)));
            }
        }
    };
    section(
        "Open risks (id: title, probability x impact, owner):",
        &risks,
        &|r| {
            let score = match (r.probability, r.impact) {
                (Some(p), Some(i)) => format!("{p}x{i}={}", u16::from(p) * u16::from(i)),
                _ => "?".into(),
            };
            format!("{score}, {}", r.owner())
        },
    );
    section("Open issues (id: title, severity, owner):", &issues, &|r| {
        format!("{}, {}", r.severity(), r.owner())
    });
    section("Open escalations (id: title, severity, raised):", &escs, &|r| {
        let raised = r.raised.map(|d| d.to_string()).unwrap_or_default();
        format!("{}, {raised}", r.severity())
    });
    let pending: Vec<_> = proj
        .def
        .milestones
        .iter()
        .filter(|m| ms.get(m.id.as_str()).is_none_or(|e| e.1.is_none()))
        .collect();
    if !pending.is_empty() {
        lines.push("Milestones not done (id: name, due, forecast):".to_string());
        for m in pending {
            let fc = ms.get(m.id.as_str()).and_then(|e| e.0).unwrap_or(m.due);
            lines.push(format!(
                "  {}: {}, due {}, forecast {fc}",
                m.id,
                one_line(&m.name),
                m.due
            ));
        }
    }
    lines.extend(used_ids(proj, date));
    if lines.is_empty() {
        return;
    }
    s.push_str("#\n# For reference, as of the last update (edit by listing the id with what changed):\n");
    for l in lines {
        // Indentation kept; any line break or control character inside becomes a space.
        let indent = l.len() - l.trim_start_matches(' ').len();
        let _ = writeln!(s, "#   {}{}", &l[..indent], one_line(&l));
    }
    s.push_str(
        "# e.g.\n# risks:\n#   - id: risk-id\n#     status: closed\n\
         # milestones:\n#   - id: milestone-id\n#     done: YYYY-MM-DD\n",
    );
}

/// Per record kind, the ids already used before `date` (open or closed: an id names one record
/// for the life of the project) and the next free one.
fn used_ids(proj: &Project, date: NaiveDate) -> Vec<String> {
    let earlier: Vec<&UpdateFrontMatter> = proj
        .updates
        .iter()
        .filter(|u| u.date < date)
        .map(|u| &u.front)
        .collect();
    let kinds: [(&str, &str, Vec<&str>); 4] = [
        (
            "risks",
            "r-1",
            earlier
                .iter()
                .flat_map(|f| f.risks.iter().map(|r| r.id.as_str()))
                .collect(),
        ),
        (
            "issues",
            "i-1",
            earlier
                .iter()
                .flat_map(|f| f.issues.iter().map(|r| r.id.as_str()))
                .collect(),
        ),
        (
            "escalations",
            "e-1",
            earlier
                .iter()
                .flat_map(|f| f.escalations.iter().map(|r| r.id.as_str()))
                .collect(),
        ),
        (
            "changes",
            "cr-1",
            earlier
                .iter()
                .flat_map(|f| f.changes.iter().map(|r| r.id.as_str()))
                .collect(),
        ),
    ];
    let mut lines = vec!["Ids already used (a new record takes a new id):".to_string()];
    for (kind, first, mut ids) in kinds {
        let next = match ids.last() {
            Some(last) => crate::load::next_free_id(last, ids.iter().copied()),
            None => first.to_string(),
        };
        ids.sort_unstable();
        ids.dedup();
        let used = if ids.is_empty() {
            "none".to_string()
        } else {
            ids.join(", ")
        };
        lines.push(format!("  {kind}: {used}; next free: {next}"));
    }
    lines
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
