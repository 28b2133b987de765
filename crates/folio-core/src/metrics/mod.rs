//! Metrics stage: pure functions from the model and an as-of date to the [`Report`]
//! (see docs/metrics.md). No filesystem, no clock. Projects are computed in parallel (rayon), each in one
//! linear pass over its updates; roll-ups then sum the per-project results.
//!
//! Submodules: [`fiscal`] (quarters and labels), [`evm`] (baseline, planned percent, EVM),
//! [`revenue`], [`milestones`], [`records`] (record logs), [`health`], [`week`],
//! [`project`] (one project), [`rollup`] (portfolio and programs), [`people`].
//! `docs/metrics.md` documents every formula as implemented.

pub mod allocation;
pub mod attention;
pub mod customer;
pub mod decisions;
pub mod evm;
pub use crate::fiscal;
pub mod health;
pub mod milestones;
pub mod people;
pub mod pipeline;
pub mod project;
pub mod records;
pub mod revenue;
pub mod rollup;
pub mod trend;
pub mod utilization;
pub mod week;

/// Model values built in Rust for tests; public with the `test-support` feature, which the
/// `folio` crate's integration tests enable.
#[cfg(any(test, feature = "test-support"))]
pub mod testkit;
#[cfg(test)]
mod tests_evm;
#[cfg(test)]
mod tests_headline;
#[cfg(test)]
mod tests_health;
#[cfg(test)]
mod tests_json;
#[cfg(test)]
mod tests_project;
#[cfg(test)]
mod tests_records;
#[cfg(test)]
mod tests_revenue;
#[cfg(test)]
mod tests_time;
#[cfg(test)]
mod tests_trend;
#[cfg(test)]
mod tests_week;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::model::{Portfolio, PortfolioFile, Project};
use crate::report::{ProgramReport, ProjectReport, RegionReport, Report, SiteInfo};
use fiscal::{FiscalCalendar, FiscalQuarter};
use project::ProjectOut;

/// Parses `revenue_targets` labels (`FY27-Q1`) into quarters; labels that are not of that form
/// are ignored here (the loader reports them). Two-digit years resolve to the full year nearest
/// the as-of date's fiscal year.
pub fn targets(portfolio: &Portfolio, as_of: NaiveDate) -> BTreeMap<FiscalQuarter, f64> {
    parse_targets(&portfolio.config.revenue_targets, portfolio, as_of)
}

/// [`targets`] of any label → target map (the portfolio's or a region's).
fn parse_targets(
    labels: &BTreeMap<String, f64>,
    portfolio: &Portfolio,
    as_of: NaiveDate,
) -> BTreeMap<FiscalQuarter, f64> {
    let s = FiscalCalendar::new(portfolio.config.fiscal_year_start_month);
    let near = FiscalQuarter::of(as_of, s).fy;
    labels
        .iter()
        .filter_map(|(label, v)| FiscalQuarter::parse(label, near).map(|q| (q, *v)))
        .collect()
}

/// Computes every figure of the report for `portfolio` as of `as_of`, and the 13-week trend.
pub fn compute(portfolio: &Portfolio, as_of: NaiveDate) -> Report {
    let mut report = compute_current(portfolio, as_of);
    report.trend = trend::trend(portfolio, &report);
    report
}

/// [`compute`] without the 13-week trend (`trend` left empty): the figures every page but the
/// summary needs. The trend costs 12 more passes over every project's updates (each lighter
/// than this one: no week events, only the portfolio roll-up); `folio serve` shows an edited
/// project's pages before computing it.
pub fn compute_current(portfolio: &Portfolio, as_of: NaiveDate) -> Report {
    compute_current_reusing(portfolio, as_of, None).0
}

/// What [`compute_current_reusing`] may take from an earlier computation of the same content
/// folder: a project's figures are a function of its model, `portfolio.yaml` and the as-of
/// date alone, so a project whose model was not read again is taken as it was when those are
/// the same.
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub config: &'a PortfolioFile,
    /// The earlier report (projects sorted by id) and the [`project::Extras`] of its projects,
    /// in the same order.
    pub report: &'a Report,
    pub extras: &'a [project::Extras],
    /// The projects whose model may differ from the earlier one.
    pub reread: &'a BTreeSet<String>,
}

/// [`compute_current`], taking unchanged projects from `earlier` (`folio serve`); also returns
/// the [`project::Extras`] of every project, in the order of the report's projects, for the
/// next call.
pub fn compute_current_reusing(
    portfolio: &Portfolio,
    as_of: NaiveDate,
    earlier: Option<Earlier>,
) -> (Report, Vec<project::Extras>) {
    let cfg = &portfolio.config;
    let s = FiscalCalendar::new(cfg.fiscal_year_start_month);
    let mut projects: Vec<&Project> = portfolio.projects.iter().map(|p| &**p).collect();
    projects.sort_by(|a, b| a.id.cmp(&b.id));
    let earlier = earlier.filter(|e| e.config == cfg && e.report.as_of == as_of);
    let known = |p: &Project| -> Option<ProjectOut> {
        let e = earlier?;
        if e.reread.contains(&p.id) {
            return None;
        }
        let i = e
            .report
            .projects
            .binary_search_by(|r| r.id.as_str().cmp(&p.id))
            .ok()?;
        Some(ProjectOut {
            report: e.report.projects[i].clone(),
            extras: e.extras.get(i)?.clone(),
        })
    };
    let outs: Vec<ProjectOut> = projects
        .par_iter()
        .map(|p| {
            known(p).unwrap_or_else(|| project::compute(p, cfg, portfolio.time.project_days(&p.id), as_of))
        })
        .collect();

    let targets = targets(portfolio, as_of);
    let all: Vec<&ProjectOut> = outs.iter().collect();
    let mut portfolio_rollup = rollup::rollup(&all, &targets, s, &cfg.thresholds, as_of);

    let mut by_program: BTreeMap<&str, Vec<&ProjectOut>> = BTreeMap::new();
    for o in &outs {
        if let Some(prog) = o.report.program.as_deref() {
            by_program.entry(prog).or_default().push(o);
        }
    }
    let mut programs: Vec<ProgramReport> = portfolio
        .programs
        .iter()
        .map(|prog| {
            let members = by_program.remove(prog.id.as_str()).unwrap_or_default();
            ProgramReport {
                id: prog.id.clone(),
                name: prog.file.name.clone(),
                sponsor: prog.file.sponsor.clone(),
                project_ids: members.iter().map(|o| o.report.id.clone()).collect(),
                description: prog.file.description.clone(),
                rollup: rollup::rollup(&members, &BTreeMap::new(), s, &cfg.thresholds, as_of),
            }
        })
        .collect();
    programs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut regions = regions(portfolio, &outs, as_of, s);
    let people = people::people(portfolio, &projects, &outs, as_of, s);
    portfolio_rollup.utilization = people.portfolio;
    for r in &mut regions {
        r.rollup.utilization = people.regions.get(&r.id).copied();
    }
    let pipeline_parts = pipeline::parts(portfolio, &all, as_of);
    let (reports, extras): (Vec<ProjectReport>, _) = outs.into_iter().map(|o| (o.report, o.extras)).unzip();
    let attention = attention::ranked(&reports, &cfg.thresholds);

    let mut report = Report {
        schema_version: 1,
        as_of,
        currency: cfg.currency.clone(),
        fiscal: rollup::fiscal_context(&portfolio_rollup, as_of, s),
        portfolio: portfolio_rollup,
        programs,
        regions,
        people: people.people,
        staffing: people.staffing,
        partners: people::partners(&projects),
        projects: reports,
        attention,
        accounts: Vec::new(),
        pipeline: Default::default(),
        trend: Vec::new(),
        site: SiteInfo {
            title: cfg.title.clone(),
            organization: cfg.organization.clone(),
            risk_levels: cfg.risk_levels,
        },
    };
    pipeline_parts.fill(&mut report);
    (report, extras)
}

/// Region roll-ups: the regions declared in `portfolio.yaml` (each against its own targets),
/// else every `region` the projects name; sorted by id.
fn regions(
    portfolio: &Portfolio,
    outs: &[ProjectOut],
    as_of: NaiveDate,
    s: FiscalCalendar,
) -> Vec<RegionReport> {
    let mut by_region: BTreeMap<&str, Vec<&ProjectOut>> = BTreeMap::new();
    for o in outs {
        if let Some(r) = o.report.region.as_deref() {
            by_region.entry(r).or_default().push(o);
        }
    }
    // A region only opportunities name has a roll-up too (its pipeline).
    for o in &portfolio.pipeline.opportunities {
        if let Some(r) = o.region.as_deref() {
            by_region.entry(r).or_default();
        }
    }
    let report =
        |id: &str, name: String, lead: Option<String>, targets, members: Vec<&ProjectOut>| RegionReport {
            id: id.to_string(),
            name,
            lead,
            project_ids: members.iter().map(|o| o.report.id.clone()).collect(),
            account_ids: Vec::new(),
            rollup: rollup::rollup(&members, &targets, s, &portfolio.config.thresholds, as_of),
        };
    match &portfolio.config.regions {
        Some(declared) => declared
            .iter()
            .map(|(id, r)| {
                let members = by_region.remove(id.as_str()).unwrap_or_default();
                let targets = parse_targets(&r.revenue_targets, portfolio, as_of);
                report(id, r.name.clone(), r.lead.clone(), targets, members)
            })
            .collect(),
        None => by_region
            .into_iter()
            .map(|(id, members)| report(id, id.to_string(), None, BTreeMap::new(), members))
            .collect(),
    }
}
