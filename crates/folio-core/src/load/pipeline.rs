//! `pipeline.yaml` (see docs/content.md, pipeline): reads and checks the sales pipeline, then
//! checks it against the projects (an opportunity already won, a `project:` that names no
//! project), warns about customer names that differ only in case, spaces or punctuation
//! (`similar-customer`, projects and opportunities alike). Whether an opportunity's start has
//! passed depends on the as-of date: that warning is metrics' (`metrics::pipeline::started`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostics::{echo, Diagnostic};
use crate::model::{OpportunityAt, Pipeline, PipelineFile, Project};
use crate::yaml::{self, did_you_mean, Source};

use super::rules::{Checker, Num};
use super::walk::{is_valid_id, read_text};

/// Reads `rel` (`pipeline.yaml`); `regions` are the region ids `portfolio.yaml` declares
/// (sorted), when it declares any. An unreadable or invalid file gives an empty pipeline and
/// its problems.
pub fn load(root: &Path, rel: &Path, regions: Option<&[String]>, diags: &mut Vec<Diagnostic>) -> Pipeline {
    let mut at = Vec::new();
    let file = super::project::yaml_file::<PipelineFile>(root, rel, diags, |c, f| {
        check(c, f, regions);
        at = positions(c, f.opportunities.len());
    });
    match file {
        Some(f) => Pipeline {
            path: rel.to_path_buf(),
            opportunities: f.opportunities,
            at,
        },
        None => Pipeline {
            path: rel.to_path_buf(),
            ..Pipeline::default()
        },
    }
}

/// Where each opportunity's keys stand (file lines).
fn positions(c: &Checker<'_>, n: usize) -> Vec<OpportunityAt> {
    let at = |key: String| {
        let p = c.index().value(&key);
        (c.src.file_line(p.line), p.column)
    };
    (0..n)
        .map(|i| OpportunityAt {
            id: at(format!("opportunities[{i}].id")),
            customer: at(format!("opportunities[{i}].customer")),
            start: at(format!("opportunities[{i}].start")),
            project: at(format!("opportunities[{i}].project")),
        })
        .collect()
}

/// The rules of one file: ids, amounts, probabilities, dates, regions.
fn check(c: &mut Checker<'_>, f: &PipelineFile, regions: Option<&[String]>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, o) in f.opportunities.iter().enumerate() {
        let key = format!("opportunities[{i}]");
        if !is_valid_id(&o.id) {
            let d = c
                .error("invalid-id", &format!("{key}.id"), format!("invalid opportunity id `{}`", echo(&o.id)))
                .found(format!("`{}`", echo(&o.id)))
                .expected("lowercase letters, digits and `-`, starting with a letter or digit, at most 64 characters")
                .hint("the id becomes the project's id once the opportunity is won, e.g. `acme-data-platform`");
            c.push(d);
        }
        if let Some(first) = seen.insert(&o.id, i) {
            c.duplicate_definition("opportunities", "opportunity", i, first, &echo(&o.id));
        }
        c.not_blank(&format!("{key}.customer"), &o.customer);
        c.name(&format!("{key}.name"), &o.name);
        for (k, v) in [("owner", &o.owner), ("stage", &o.stage)] {
            if let Some(v) = v {
                c.not_blank(&format!("{key}.{k}"), v);
            }
        }
        c.number(&format!("{key}.amount"), o.amount, Num::Positive);
        c.number(&format!("{key}.probability"), o.probability, Num::Percent);
        c.date(&format!("{key}.start"), o.start);
        c.date(&format!("{key}.end"), o.end);
        c.end_after_start(&format!("{key}."), o.start, o.end);
        if let (Some(r), Some(ids)) = (&o.region, regions) {
            super::validate::region_ref(c, &format!("{key}.region"), r, ids);
        }
    }
}

/// The pipeline against the projects: an opportunity whose id is a project's is an error
/// (`opportunity-is-project`: it was won), one whose `project:` names a project a warning
/// (`opportunity-won`: won under another id, not counted), one whose `project:` names no project
/// an error (`unknown-project`). Then `similar-customer` over every customer name.
pub fn across(root: &Path, pipeline: &Pipeline, projects: &[&Project]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let ids: Vec<&str> = projects.iter().map(|p| p.id.as_str()).collect();
    let is_project = |id: &str| ids.binary_search(&id).is_ok();
    let path = pipeline.path.as_path();
    for (o, at) in pipeline.opportunities.iter().zip(&pipeline.at) {
        if is_project(&o.id) {
            out.push(
                Diagnostic::error(
                    "opportunity-is-project",
                    path,
                    at.id.0,
                    at.id.1,
                    format!(
                        "opportunity `{}` is the project `projects/{}`: it was won",
                        o.id, o.id
                    ),
                )
                .expected("only opportunities not yet won")
                .hint("remove the opportunity: its revenue is now the project's forecast"),
            );
        }
        if let Some(p) = &o.project {
            if is_project(p) {
                out.push(
                    Diagnostic::warning(
                        "opportunity-won",
                        path,
                        at.project.0,
                        at.project.1,
                        format!(
                            "opportunity `{}` was won as project `{p}`; it is not counted",
                            o.id
                        ),
                    )
                    .hint("remove it from pipeline.yaml: its revenue is now the project's forecast"),
                );
            } else {
                let d = Diagnostic::error(
                    "unknown-project",
                    path,
                    at.project.0,
                    at.project.1,
                    format!("`project` names no project: `{}`", echo(p)),
                )
                .found(format!("`{}`", echo(p)))
                .expected("the id of a folder under `projects/`");
                out.push(did_you_mean(
                    d,
                    p,
                    &ids,
                    "give the id of the project the opportunity was won as, or remove `project`",
                ));
            }
        }
    }
    out.extend(similar_customers(root, pipeline, projects));
    out
}

/// The comparison form of a customer name: its letters and digits, lower case.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `similar-customer`: names that differ only in case, spaces or punctuation. The spelling
/// used most (ties: the first in sort order) is the account's; every other spelling is warned
/// about once, where it is first written (projects by id, then the pipeline).
fn similar_customers(root: &Path, pipeline: &Pipeline, projects: &[&Project]) -> Vec<Diagnostic> {
    // folded → spelling → (uses, first place)
    type Place<'a> = (&'a Path, Option<(usize, usize)>);
    let mut by_fold: BTreeMap<String, BTreeMap<&str, (usize, Place)>> = BTreeMap::new();
    for p in projects {
        let e = by_fold
            .entry(fold(&p.def.customer))
            .or_default()
            .entry(p.def.customer.as_str())
            .or_insert((0, (p.path.as_path(), None)));
        e.0 += 1;
    }
    for (o, at) in pipeline.opportunities.iter().zip(&pipeline.at) {
        let e = by_fold
            .entry(fold(&o.customer))
            .or_default()
            .entry(o.customer.as_str())
            .or_insert((0, (pipeline.path.as_path(), Some(at.customer))));
        e.0 += 1;
    }
    let mut out = Vec::new();
    for spellings in by_fold.values().filter(|s| s.len() > 1) {
        let (main, main_uses) = spellings
            .iter()
            .map(|(s, (n, _))| (*s, *n))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .expect("two spellings");
        for (spelling, (_, (path, pos))) in spellings.iter().filter(|(s, _)| **s != main) {
            let (line, col) = pos.unwrap_or_else(|| customer_pos(root, path));
            out.push(
                Diagnostic::warning(
                    "similar-customer",
                    *path,
                    line,
                    col,
                    format!(
                        "customer `{}` differs from `{}` only in case, spaces or punctuation",
                        echo(spelling),
                        echo(main)
                    ),
                )
                .found(format!("`{}`", echo(spelling)))
                .expected(format!("`{}`, as {} written elsewhere", echo(main), crate::format::plural(main_uses, "time")))
                .hint("write one customer's name the same way everywhere: each spelling is an account page of its own"),
            );
        }
    }
    out
}

/// Where a project file's `customer` value stands (found again only for a warning).
fn customer_pos(root: &Path, rel: &Path) -> (usize, usize) {
    let Ok(text) = read_text(root, rel) else {
        return (0, 0);
    };
    let src = Source::file(rel, &text);
    match yaml::scan(src) {
        Ok(index) => {
            let p = index.value("customer");
            (src.file_line(p.line), p.column)
        }
        Err(_) => (0, 0),
    }
}
