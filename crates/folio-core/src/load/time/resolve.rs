//! Matching the rows of every export to people and projects (see docs/content.md, time
//! entries): a project by its id, `name` or `time_projects` (with the client column for a
//! `{client, project}` entry), a person by name, alias or e-mail, all case-insensitive with
//! spaces trimmed. Unknown names are warned about once each with their rows and hours; the
//! same entry in two files counts once (`duplicate-time-entry`). Also the checks of updates
//! against the entries: `hours` missing where no entry gives it, and `hours-mismatch`.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::diagnostics::{echo, Diagnostic};
use crate::format;
use crate::model::{
    Booked, Engagement, Person, PortfolioFile, Project, ProjectDay, TimeEntries, TimeEntry, TimeProjectName,
};

use super::TimeFile;

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// An unknown name's rows, hours and first place.
struct Unknown {
    written: String,
    rows: usize,
    hours: f64,
    path: PathBuf,
    line: u32,
}

impl Unknown {
    /// The warning `code` about this unknown name of a `what` (person, project): its rows and
    /// hours, at its first place.
    fn warning(&self, code: &'static str, what: &str) -> Diagnostic {
        Diagnostic::warning(
            code,
            &self.path,
            self.line as usize,
            1,
            format!(
                "unknown {what} `{}` in time entries: {}, {} h",
                echo(&self.written),
                format::plural(self.rows, "row"),
                format::number(self.hours, 2)
            ),
        )
    }
}

fn note(
    map: &mut BTreeMap<String, Unknown>,
    k: String,
    written: &str,
    hours: f64,
    path: &std::path::Path,
    line: u32,
) {
    let u = map.entry(k).or_insert_with(|| Unknown {
        written: written.to_string(),
        rows: 0,
        hours: 0.0,
        path: path.to_path_buf(),
        line,
    });
    u.rows += 1;
    u.hours += hours;
}

/// The people of the portfolio: `people.yaml`'s, else every name in teams and entries (sorted,
/// the first spelling of a name in any case).
pub(super) fn people_names(
    people: Option<&[Person]>,
    projects: &[Arc<Project>],
    files: &[&TimeFile],
) -> Vec<String> {
    if let Some(p) = people {
        return p.iter().map(|p| p.name.clone()).collect();
    }
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut add = |n: &str| {
        if !n.trim().is_empty() {
            names.entry(key(n)).or_insert_with(|| n.trim().to_string());
        }
    };
    for p in projects {
        for m in &p.def.team {
            add(&m.name);
        }
    }
    for f in files {
        for r in &f.rows {
            add(if r.person.is_empty() { &r.email } else { &r.person });
        }
    }
    let mut v: Vec<String> = names.into_values().collect();
    v.sort();
    v
}

/// Resolves the rows of `files` (in path order) into entries; returns them with the warnings.
pub fn resolve(
    config: &PortfolioFile,
    people: Option<&[Person]>,
    projects: &[Arc<Project>],
    files: &[&TimeFile],
) -> (TimeEntries, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let names = people_names(people, projects, files);
    let mut person_of: HashMap<String, u32> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        person_of.insert(key(n), i as u32);
    }
    if let Some(people) = people {
        for (i, p) in people.iter().enumerate() {
            for a in p.aliases.iter().chain(p.email.iter()) {
                person_of.entry(key(a)).or_insert(i as u32);
            }
        }
    }
    let mut ids: Vec<&Project> = projects.iter().map(|p| &**p).collect();
    ids.sort_by(|a, b| a.id.cmp(&b.id));
    let mut project_of: HashMap<String, u32> = HashMap::new();
    let mut client_project_of: HashMap<(String, String), u32> = HashMap::new();
    for (i, p) in ids.iter().enumerate() {
        let i = i as u32;
        project_of.entry(key(&p.id)).or_insert(i);
        project_of.entry(key(&p.def.name)).or_insert(i);
        for t in &p.def.time_projects {
            match t {
                TimeProjectName::Name(n) => {
                    project_of.entry(key(n)).or_insert(i);
                }
                TimeProjectName::Client(c) => {
                    client_project_of
                        .entry((key(&c.client), key(&c.project)))
                        .or_insert(i);
                }
            }
        }
    }
    let internal: std::collections::HashSet<String> =
        config.internal_projects.iter().map(|s| key(s)).collect();
    let leave: std::collections::HashSet<String> = config.leave_projects.iter().map(|s| key(s)).collect();

    let mut entries = Vec::with_capacity(files.iter().map(|f| f.rows.len()).sum());
    let mut seen: HashMap<u64, (u32, u32)> = HashMap::new();
    let mut unknown_people: BTreeMap<String, Unknown> = BTreeMap::new();
    let mut unknown_projects: BTreeMap<String, Unknown> = BTreeMap::new();
    let mut duplicates = 0usize;
    for (fi, f) in files.iter().enumerate() {
        for r in &f.rows {
            let pk = key(&r.project);
            let ck = key(&r.client);
            let booked = if let Some(i) = client_project_of
                .get(&(ck, pk.clone()))
                .or_else(|| project_of.get(&pk))
            {
                Booked::Project(*i)
            } else if leave.contains(&pk) {
                Booked::Leave
            } else if internal.contains(&pk) {
                Booked::Internal
            } else {
                note(
                    &mut unknown_projects,
                    pk.clone(),
                    &r.project,
                    r.hours,
                    &f.path,
                    r.line,
                );
                Booked::Unknown
            };
            let person = person_of
                .get(&key(&r.person))
                .or_else(|| person_of.get(&key(&r.email)))
                .copied();
            let who = if r.person.is_empty() { &r.email } else { &r.person };
            if person.is_none() {
                note(&mut unknown_people, key(who), who, r.hours, &f.path, r.line);
            }
            // The same date, person, project, hours and description in another file: one entry
            // exported twice.
            let mut h = siphasher::sip::SipHasher13::new();
            // Names as resolved (a person's alias and name are one person).
            match person {
                Some(i) => (0u8, i).hash(&mut h),
                None => (1u8, key(who)).hash(&mut h),
            }
            match booked {
                Booked::Project(i) => (0u8, i).hash(&mut h),
                _ => (1u8, &pk).hash(&mut h),
            }
            (r.date, r.hours.to_bits(), r.description.trim()).hash(&mut h);
            match seen.entry(h.finish()) {
                std::collections::hash_map::Entry::Occupied(o) if o.get().0 != fi as u32 => {
                    let (other, line) = *o.get();
                    duplicates += 1;
                    if duplicates <= 20 {
                        diags.push(
                            Diagnostic::warning(
                                "duplicate-time-entry",
                                &f.path,
                                r.line as usize,
                                1,
                                format!(
                                    "the same time entry as {}:{line} ({} {} h by {} on `{}`), counted once",
                                    files[other as usize].path.display(),
                                    r.date,
                                    format::number(r.hours, 2),
                                    echo(who),
                                    echo(&r.project)
                                ),
                            )
                            .hint("the two exports overlap: export disjoint date ranges, or remove one of the files"),
                        );
                    }
                    continue;
                }
                std::collections::hash_map::Entry::Occupied(_) => {}
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((fi as u32, r.line));
                }
            }
            entries.push(TimeEntry {
                date: r.date,
                person,
                booked,
                hours: r.hours,
                billable: r.billable,
            });
        }
    }
    if duplicates > 20 {
        diags.push(Diagnostic::warning(
            "duplicate-time-entry",
            &files[0].path,
            0,
            0,
            format!("{duplicates} time entries exported twice in all, each counted once"),
        ));
    }
    if people.is_some() {
        for u in unknown_people.values() {
            diags.push(
                u.warning("unknown-person", "person")
                .expected("a `name`, alias or `email` of people.yaml")
                .hint("add the person to people.yaml, or their spelling to a person's `aliases`; the hours still count for a known project"),
            );
        }
    }
    for u in unknown_projects.values() {
        diags.push(
            u.warning("unknown-time-project", "project")
            .expected("a project's id, `name` or `time_projects`, or a name in `internal_projects` or `leave_projects`")
            .hint("add the name to the project's `time_projects`, or to `internal_projects` (our own work) or `leave_projects` in portfolio.yaml; the hours still count for the person"),
        );
    }
    let project_ids = ids.iter().map(|p| p.id.clone()).collect();
    (TimeEntries::new(names, project_ids, entries), diags)
}

/// `missing-key` errors: a time-and-materials update without `hours` that no entries replace
/// (the project has none, or the update is dated before `time_from`).
pub fn missing_hours(projects: &[Arc<Project>], time: &TimeEntries) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in projects {
        if p.def.engagement != Engagement::TimeAndMaterials {
            continue;
        }
        let from = p.time_from(time.project_days(&p.id));
        for u in &p.updates {
            if u.front.hours.is_none() && from.is_none_or(|f| u.date < f) {
                out.push(
                    // Line 2: the front matter's first line, where the key belongs.
                    Diagnostic::error("missing-key", &u.path, 2, 1, "missing required key `hours`")
                        .expected("`hours: <cumulative billable hours>`")
                        .hint(if from.is_some() {
                            "the update is dated before the project's `time_from`: before it, every update gives the cumulative hours"
                        } else {
                            "the project is `time_and_materials` without time entries: its revenue is hours × rate, so every update gives the cumulative hours (or add its time exports under `time/`)"
                        }),
                );
            }
        }
    }
    out
}

/// `hours-mismatch` warnings: the latest update (≤ `as_of`) of a time-and-materials project
/// with entries gives `hours` more than 2 % away from the entries' billable hours up to its
/// date (plus the hours reported before `time_from`).
pub fn hours_mismatch(
    root: &std::path::Path,
    projects: &[Arc<Project>],
    time: &TimeEntries,
    as_of: NaiveDate,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in projects {
        let days = time.project_days(&p.id);
        let Some(from) = p.time_from(days) else {
            continue;
        };
        let Some(u) = p.updates.iter().rev().find(|u| u.date <= as_of) else {
            continue;
        };
        let Some(typed) = u.front.hours else {
            continue;
        };
        if u.date < from {
            continue;
        }
        let entries = hours_up_to(p, days, from, u.date);
        if (typed - entries).abs() > 0.02 * entries {
            let (line, column) = value_of_top_key(&root.join(&u.path), "hours").unwrap_or((2, 1));
            out.push(
                Diagnostic::warning(
                    "hours-mismatch",
                    &u.path,
                    line,
                    column,
                    format!(
                        "`hours` is {} but the time entries up to {} give {} billable hours",
                        format::number(typed, 1),
                        u.date,
                        format::number(entries, 1)
                    ),
                )
                .found(format::number(typed, 1))
                .expected(format!("{} (within 2 %)", format::number(entries, 1)))
                .hint("the entries are the record: remove `hours` from the update (it is optional now), or correct it"),
            );
        }
    }
    out
}

/// The line and column of the value of top-level `key` in an update's front matter (the file
/// is read again: only for a warning, so rarely).
fn value_of_top_key(path: &std::path::Path, key: &str) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(path).ok()?;
    let prefix = format!("{key}:");
    text.lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| l.trim_end() != "---")
        .find(|(_, l)| l.starts_with(&prefix))
        .map(|(i, l)| {
            let rest = &l[prefix.len()..];
            (
                i + 1,
                prefix.chars().count() + 1 + rest.len() - rest.trim_start().len(),
            )
        })
}

/// A project's cumulative billable hours at the end of `date`: the hours of its latest update
/// before `from`, plus the billable hours of its entries in `[from, date]`.
pub fn hours_up_to(p: &Project, days: &[ProjectDay], from: NaiveDate, date: NaiveDate) -> f64 {
    let before = p
        .updates
        .iter()
        .rev()
        .find(|u| u.date < from)
        .and_then(|u| u.front.hours)
        .unwrap_or(0.0);
    before
        + days
            .iter()
            .filter(|d| d.date >= from && d.date <= date)
            .map(|d| d.billable_hours)
            .sum::<f64>()
}
