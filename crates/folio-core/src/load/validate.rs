//! Semantic rules of `portfolio.yaml`, `programs/<id>.yaml` and `project.yaml` (see docs/content.md)
//! that the typed structs cannot express: ranges, orderings, references and formats.

use std::collections::HashMap;

use crate::diagnostics::echo;
use crate::fiscal::FiscalQuarter;
use crate::model::{Engagement, PortfolioFile, ProgramFile, ProjectFile, Region, RiskLevels};

use super::rules::{Checker, Num};

/// `portfolio.yaml`.
pub(super) fn portfolio(c: &mut Checker<'_>, f: &PortfolioFile) {
    c.name("title", &f.title);
    let cur = &f.currency;
    if !(cur.len() == 3 && cur.bytes().all(|b| b.is_ascii_uppercase())) {
        let d = c
            .error(
                "invalid-value",
                "currency",
                format!("`currency` is not an ISO 4217 code: `{}`", echo(cur)),
            )
            .found(format!("`{}`", echo(cur)))
            .expected("three capital letters, e.g. `USD`, `EUR`, `GBP`")
            .hint("use the ISO 4217 code of the portfolio currency");
        c.push(d);
    }
    if !(1..=12).contains(&f.fiscal_year_start_month) {
        let d = c
            .error(
                "out-of-range",
                "fiscal_year_start_month",
                "`fiscal_year_start_month` must be a month from 1 to 12",
            )
            .found(f.fiscal_year_start_month.to_string())
            .expected("1 (January) to 12 (December)")
            .hint("give the first month of the fiscal year, e.g. `2` for a year starting in February");
        c.push(d);
    }
    if f.stale_after_days < 0 {
        let d = c
            .error(
                "out-of-range",
                "stale_after_days",
                "`stale_after_days` cannot be negative",
            )
            .found(f.stale_after_days.to_string())
            .expected("a whole number of days ≥ 0")
            .hint("e.g. `14`: a project whose latest update is older than this is stale");
        c.push(d);
    }
    targets(c, "revenue_targets", &f.revenue_targets);
    if let Some(regions) = &f.regions {
        for (id, r) in regions {
            region(c, id, r);
        }
    }
    risk_levels(c, &f.risk_levels);
    for (i, term) in f.customer_report.internal_terms.iter().enumerate() {
        c.not_blank(&format!("customer_report.internal_terms[{i}]"), term);
    }
    let t = &f.thresholds;
    for (key, v) in [
        ("thresholds.cpi_red", t.cpi_red),
        ("thresholds.cpi_amber", t.cpi_amber),
        ("thresholds.spi_red", t.spi_red),
        ("thresholds.spi_amber", t.spi_amber),
    ] {
        c.number(key, v, Num::NonNegative);
    }
    thresholds(c, f);
    if let Some(url) = &f.base_url {
        if let Some(why) = super::base_url::problem(url) {
            let d = c
                .error(
                    "invalid-value",
                    "base_url",
                    format!("`base_url` is not usable: {why}"),
                )
                .found(format!("`{}`", url.escape_debug()))
                .expected("`https://...` (or a path starting with `/`)")
                .hint("give the URL the site is published at, e.g. `https://group.gitlab.io/portfolio/`");
            c.push(d);
        }
    }
    c.not_blank("theme", &f.theme);
    c.opt_date("as_of", f.as_of);
}

/// True for a region id: a letter or digit, then letters, digits, `-` or `_`, at most 64 in
/// all (it becomes a URL path segment, e.g. `AMER`, `emea-north`).
fn is_region_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
}

/// One entry of `regions`.
fn region(c: &mut Checker<'_>, id: &str, r: &Region) {
    if !is_region_id(id) {
        let d = c
            .error_at_key(
                "invalid-id",
                &format!("regions.{id}"),
                format!("invalid region id `{id}`"),
            )
            .found(format!("`{id}`"))
            .expected("letters, digits, `-` or `_`, starting with a letter or digit, at most 64 characters")
            .hint("region ids become page addresses (`regions/<id>/`): use a short code such as `EMEA`");
        c.push(d);
    }
    c.not_blank(&format!("regions.{id}.name"), &r.name);
    targets(c, &format!("regions.{id}.revenue_targets"), &r.revenue_targets);
}

/// `risk_levels`: scores 1-25, each level above the one before.
fn risk_levels(c: &mut Checker<'_>, l: &RiskLevels) {
    let levels = [
        ("low", l.low),
        ("medium", l.medium),
        ("high", l.high),
        ("severe", l.severe),
    ];
    for (name, v) in levels {
        if !(1..=25).contains(&v) {
            let d = c
                .error(
                    "out-of-range",
                    &format!("risk_levels.{name}"),
                    format!("`risk_levels.{name}` is not a risk score"),
                )
                .found(v.to_string())
                .expected("a score from 1 to 25 (probability × impact)")
                .hint("give the lowest score of the level, e.g. `high: 10`");
            c.push(d);
        }
    }
    for w in levels.windows(2) {
        let ((lo, lv), (hi, hv)) = (w[0], w[1]);
        if hv <= lv {
            let d = c
                .error(
                    "invalid-threshold",
                    &format!("risk_levels.{hi}"),
                    format!("`{hi}` does not start above `{lo}`"),
                )
                .found(format!("{lo}: {lv}, {hi}: {hv}"))
                .expected(format!("a lowest score above {lv}"))
                .hint("the levels go up: low < medium < high < severe");
            c.push(d);
        }
    }
}

/// A map of fiscal quarter label → revenue target at `map_key`.
fn targets(c: &mut Checker<'_>, map_key: &str, targets: &std::collections::BTreeMap<String, f64>) {
    for (label, target) in targets {
        let key = format!("{map_key}.{label}");
        if FiscalQuarter::parse(label, 2000).is_none() {
            let d = c
                .error_at_key(
                    "invalid-quarter",
                    &key,
                    format!("`{}` is not a fiscal quarter label", echo(label)),
                )
                .found(format!("`{}`", echo(label)))
                .expected("`FY<two-digit year>-Q<1-4>`, e.g. `FY27-Q1`")
                .hint("fiscal years are named after the calendar year in which they end");
            c.push(d);
        }
        c.number(&key, *target, Num::NonNegative);
    }
}

/// The day and ordering rules of `thresholds`.
fn thresholds(c: &mut Checker<'_>, f: &PortfolioFile) {
    let t = &f.thresholds;
    for (key, v) in [
        ("thresholds.slip_red_days", t.slip_red_days),
        ("thresholds.slip_amber_days", t.slip_amber_days),
        ("thresholds.stale_red_days", t.stale_red_days),
    ] {
        c.number(key, v as f64, Num::NonNegative);
    }
    c.number(
        "thresholds.eac_change_percent",
        t.eac_change_percent,
        Num::NonNegative,
    );
    for (red, amber, rv, av, dir) in [
        ("cpi_red", "cpi_amber", t.cpi_red, t.cpi_amber, 1.0),
        ("spi_red", "spi_amber", t.spi_red, t.spi_amber, 1.0),
        (
            "slip_red_days",
            "slip_amber_days",
            t.slip_red_days as f64,
            t.slip_amber_days as f64,
            -1.0,
        ),
    ] {
        if (rv - av) * dir > 0.0 {
            let cmp = if dir > 0.0 { "above" } else { "below" };
            let d = c
                .error(
                    "invalid-threshold",
                    &format!("thresholds.{red}"),
                    format!("`{red}` is {cmp} `{amber}`"),
                )
                .found(format!("{red}: {rv}, {amber}: {av}"))
                .expected(format!(
                    "red to be the worse limit: `{red}` {} `{amber}`",
                    if dir > 0.0 { "≤" } else { "≥" }
                ))
                .hint("swap the two values");
            c.push(d);
        }
    }
}

/// A `region` (at `key`) must name one of the region ids `portfolio.yaml` declares (`ids`,
/// sorted): `unknown-region` with a did-you-mean hint.
pub(crate) fn region_ref(c: &mut Checker<'_>, key: &str, r: &str, ids: &[String]) {
    if ids.binary_search_by(|i| i.as_str().cmp(r)).is_ok() {
        return;
    }
    c.unknown_ref(
        "unknown-region",
        key,
        "region",
        r,
        ids,
        "the id of a region of `portfolio.yaml` (it declares none)",
        format!("declare `{r}` under `regions:` in portfolio.yaml, or fix the id"),
    );
}

/// `programs/<id>.yaml`.
pub(super) fn program(c: &mut Checker<'_>, f: &ProgramFile) {
    c.name("name", &f.name);
}

/// `projects/<id>/project.yaml`; `programs` are the ids of the existing program files,
/// `regions` the ids declared in `portfolio.yaml` (sorted), when it declares any.
pub(super) fn project(c: &mut Checker<'_>, f: &ProjectFile, programs: &[String], regions: Option<&[String]>) {
    c.name("name", &f.name);
    if let (Some(r), Some(ids)) = (&f.region, regions) {
        region_ref(c, "region", r, ids);
    }
    c.not_blank("customer", &f.customer);
    c.not_blank("manager", &f.manager);
    if let Some(p) = &f.program {
        if programs.binary_search(p).is_err() {
            c.unknown_ref(
                "unknown-program",
                "program",
                "program",
                p,
                programs,
                "the id of a `programs/<id>.yaml` file (there are none)",
                format!("create `programs/{p}.yaml` with at least `name:`, or fix the id"),
            );
        }
    }
    c.number("contract_value", f.contract_value, Num::NonNegative);
    c.number("budget", f.budget, Num::Positive);
    match f.rate {
        Some(rate) => c.number("rate", rate, Num::Positive),
        None if f.engagement == Engagement::TimeAndMaterials => {
            let d = c
                .error(
                    "missing-key",
                    "engagement",
                    "a `time_and_materials` project needs a `rate`",
                )
                .expected("`rate: <bill rate per hour>`")
                .hint("add e.g. `rate: 250`; revenue is hours × rate");
            c.push(d);
        }
        None => {}
    }
    c.date("start", f.start);
    c.date("end", f.end);
    c.end_after_start("", f.start, f.end);
    let mut prev: Option<(chrono::NaiveDate, f64)> = None;
    for (i, p) in f.plan.iter().enumerate() {
        let key = format!("plan[{i}]");
        c.date(&format!("{key}.date"), p.date);
        c.number(&format!("{key}.percent"), p.percent, Num::Percent);
        if p.date < f.start || p.date > f.end {
            let d = c
                .error(
                    "invalid-dates",
                    &format!("{key}.date"),
                    "plan point outside the project's `start`-`end`",
                )
                .found(p.date.to_string())
                .expected(format!("a date from {} to {}", f.start, f.end))
                .hint("the plan describes the baseline between start and end");
            c.push(d);
        }
        if let Some((pd, pp)) = prev {
            if p.date <= pd {
                let d = c
                    .error("invalid-plan", &format!("{key}.date"), "plan dates must increase")
                    .found(format!("{} after {pd}", p.date))
                    .expected(format!("a date after {pd}"))
                    .hint("list the plan points in date order, one per date");
                c.push(d);
            } else if p.percent < pp {
                let d = c
                    .error(
                        "invalid-plan",
                        &format!("{key}.percent"),
                        "planned percent goes down",
                    )
                    .found(format!("{} after {pp}", p.percent))
                    .expected(format!("at least {pp}: the plan is cumulative"))
                    .hint("planned percent complete is cumulative and never decreases");
                c.push(d);
            }
        }
        prev = Some((p.date, p.percent));
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, m) in f.milestones.iter().enumerate() {
        let key = format!("milestones[{i}]");
        c.record_id(&format!("{key}.id"), &m.id);
        c.not_blank(&format!("{key}.name"), &m.name);
        c.date(&format!("{key}.due"), m.due);
        if let Some(w) = m.weight {
            c.number(&format!("{key}.weight"), w, Num::NonNegative);
        }
        if let Some(first) = seen.insert(&m.id, i) {
            c.duplicate_definition("milestones", "milestone", i, first, &m.id);
            seen.insert(&m.id, first);
        }
    }
    for (i, t) in f.team.iter().enumerate() {
        c.not_blank(&format!("team[{i}].name"), &t.name);
        c.number(&format!("team[{i}].allocation"), t.allocation, Num::Percent);
    }
    for (i, p) in f.partners.iter().enumerate() {
        c.not_blank(&format!("partners[{i}].name"), &p.name);
        if let Some(b) = p.budget {
            c.number(&format!("partners[{i}].budget"), b, Num::NonNegative);
        }
    }
}
