//! Loads one `projects/<id>/` folder: its definition, then its updates in parallel, then the
//! checks across updates (record log, warnings).

use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::model::{Project, ProjectFile, Update, UpdateFrontMatter};
use crate::yaml::{self, Source};

use super::rules::Checker;
use super::walk::{read_text, walk_project, ProjectDir};
use super::{frontmatter, placeholder, records, update, validate, warnings, Parsed};

/// Reads a content file ([`read_text`]); a file that cannot be read is reported in `diags`.
fn read(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    read_text(root, rel).map_err(|d| diags.push(*d)).ok()
}

/// Reads and checks a YAML file into `T`; semantic problems are reported by `check` but do not
/// prevent the value from being returned.
pub(super) fn yaml_file<T: serde::de::DeserializeOwned>(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
    check: impl FnOnce(&mut Checker<'_>, &T),
) -> Option<T> {
    let text = read(root, rel, diags)?;
    parse_checked(Source::file(rel, &text), diags, check)
}

/// Parses `src` into `T` and runs the semantic checks `check` on it. A value is returned only
/// when it deserialized without problems; otherwise the problems are reported with those of
/// `check` that are about single values (see [`single_value_problems`]).
fn parse_checked<T: serde::de::DeserializeOwned>(
    src: Source<'_>,
    diags: &mut Vec<Diagnostic>,
    check: impl FnOnce(&mut Checker<'_>, &T),
) -> Option<T> {
    match yaml::parse_recovering::<T>(src) {
        Ok(yaml::Recovered {
            value: Some(value),
            index,
            errors,
        }) if errors.is_empty() => {
            placeholder::check(src, &index, diags);
            check(&mut Checker::new(src, &index, diags), &value);
            Some(value)
        }
        Ok(r) => {
            if let Some(value) = &r.value {
                let mut more = Vec::new();
                check(&mut Checker::new(src, &r.index, &mut more), value);
                diags.extend(single_value_problems(more, &r.errors));
            }
            diags.extend(r.errors);
            None
        }
        Err(e) => {
            diags.extend(e);
            None
        }
    }
}

/// The problems of single values (a negative amount, a blank name) found by the semantic
/// checks of a file that also had deserialization problems, read with placeholders in place
/// of its wrong values: rules across fields, and anything on a line already reported, are
/// left out, as they may be about a placeholder.
fn single_value_problems(more: Vec<Diagnostic>, errors: &[Diagnostic]) -> Vec<Diagnostic> {
    const SINGLE: [&str; 4] = ["out-of-range", "empty-value", "invalid-id", "invalid-date"];
    more.into_iter()
        .filter(|d| SINGLE.contains(&d.code) && d.line > 0 && !errors.iter().any(|e| e.line == d.line))
        .collect()
}

/// Reads and checks one update file.
fn update_file(
    root: &Path,
    rel: &Path,
    date: NaiveDate,
    def: Option<&ProjectFile>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let text = read(root, rel, diags)?;
    let split = match frontmatter::split(rel, &text) {
        Ok(s) => s,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let src = Source {
        path: rel,
        text: split.yaml,
        line_offset: 1,
    };
    let front =
        parse_checked::<UpdateFrontMatter>(src, diags, |c, front| update::update(c, date, front, def))?;
    let update = Update {
        date,
        front,
        body: split.body.to_string(),
        path: rel.to_path_buf(),
        body_line: split.body_line,
    };
    Some(Parsed::new(update, split.yaml.to_string()))
}

/// Lists and loads one project folder; `None` when its definition could not be read.
pub(super) fn load(
    root: &Path,
    canon_root: &Path,
    dir: ProjectDir,
    programs: &[String],
    regions: Option<&[String]>,
    today: NaiveDate,
    diags: &mut Vec<Diagnostic>,
) -> Option<Project> {
    let dir = walk_project(root, canon_root, dir, diags);
    let def = match &dir.def {
        Some(rel) => yaml_file::<ProjectFile>(root, rel, diags, |c, f| {
            validate::project(c, f, programs, regions)
        }),
        None => {
            diags.push(
                Diagnostic::error(
                    "missing-file",
                    &dir.dir,
                    0,
                    0,
                    "project folder without `project.yaml`",
                )
                .expected(format!("`{}/project.yaml`", dir.dir.display()))
                .hint(format!(
                    "create it with `folio new project {}`, or remove the folder",
                    dir.id
                )),
            );
            None
        }
    };
    let results: Vec<(Option<Parsed>, Vec<Diagnostic>)> = dir
        .updates
        .par_iter()
        .map(|(date, rel)| {
            let mut d = Vec::new();
            let p = update_file(root, rel, *date, def.as_ref(), &mut d);
            (p, d)
        })
        .collect();
    let mut parsed = Vec::with_capacity(results.len());
    let mut complete = true;
    for (p, d) in results {
        diags.extend(d);
        match p {
            Some(p) => parsed.push(p),
            None => complete = false,
        }
    }
    // With an unreadable update the record log has a hole: a later mention could look like a
    // first one, so the log is only checked when every update was read.
    if complete {
        records::check(&parsed, diags);
        records::check_ask_changes(&parsed, diags);
        records::check_change_totals(def.as_ref(), &parsed, diags);
    }
    warnings::check(def.as_ref(), &parsed, today, diags);
    warnings::escalations_without_next_step(&parsed, diags);
    let def = def?;
    Some(Project {
        id: dir.id.clone(),
        def,
        path: dir.def.clone().unwrap_or_default(),
        updates: parsed.into_iter().map(|p| p.update).collect(),
    })
}
