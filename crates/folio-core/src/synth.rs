//! Deterministic synthetic portfolio generator for benchmarks (`folio generate`, hidden from
//! the main help). The same `(projects, weeks, seed)` always writes the same bytes, and the
//! output passes `folio check`.
//!
//! Sizes are realistic: a `project.yaml` with a plan, milestones, team and partners; weekly
//! updates of roughly 1 KiB (front matter plus a narrative); risks, issues, escalations and
//! change requests opened and closed over time.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write as _};
use std::path::Path;

use anyhow::Context;
use chrono::{Datelike, Duration, NaiveDate};
use rayon::prelude::*;

/// The as-of date pinned in the generated `portfolio.yaml`; the last update is dated on it.
pub const AS_OF: (i32, u32, u32) = (2026, 11, 20);

/// SplitMix64: tiny, fast and fully deterministic across platforms. The crate's one random
/// generator: `folio generate` and the randomized tests (a failing sequence replays from its
/// seed).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    /// An index into a slice of `len` items (0 when it is empty).
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }
    /// Uniform in `[lo, hi)`.
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * (hi - lo)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.index(items.len())]
    }
}

const CUSTOMERS: &[&str] = &[
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Tyrell",
    "Soylent",
    "Cyberdyne",
    "Hooli",
    "Vandelay",
    "Acme",
    "Wonka",
    "Oscorp",
    "Aperture",
    "Massive Dynamic",
];
const KINDS: &[&str] = &[
    "Dedicated migration",
    "CI/CD modernization",
    "DevSecOps adoption",
    "Geo roll-out",
    "Enablement",
    "Runner fleet",
    "Gitaly cluster",
];
const REGIONS: &[&str] = &["AMER", "EMEA", "APAC"];
const PEOPLE: &[&str] = &[
    "Priya Raman",
    "Tomás Álvarez",
    "Aisha Bello",
    "Kenji Watanabe",
    "Olivia Chen",
    "Lukas Becker",
    "Sofia Rossi",
    "Daniel Okafor",
    "Hannah Müller",
    "Rahul Mehta",
    "Mei Tanaka",
    "Jonas Berg",
];
const MANAGERS: &[&str] = &["Sofia Rossi", "Daniel Okafor", "Hannah Müller", "Rahul Mehta"];
const PHRASES: &[&str] = &[
    "Migrated another wave of repositories; pipeline success rate held above 97 %.",
    "Runner autoscaling tuned with the customer's platform team; queue times dropped to under a minute.",
    "Geo replication lag stayed below 30 seconds during the weekly verification run.",
    "Security scanners enabled for the next group of projects; findings triaged with the AppSec lead.",
    "Cutover rehearsal completed; rollback plan reviewed and signed off by the change board.",
    "Training cohort finished the CI/CD fundamentals module with strong feedback.",
    "Gitaly cluster capacity review done; no action needed before the next wave.",
    "Customer change freeze announced for month end; plan adjusted around it.",
];

/// Largest `--projects` and `--weeks` of [`generate`] (10,000 × 520 is already ~1.5 million
/// files; larger values would fill the disk or overflow the date arithmetic).
pub const MAX_PROJECTS: usize = 10_000;
pub const MAX_WEEKS: usize = 520;

/// Writes a synthetic content folder of `projects` projects with `weeks` weekly updates each.
pub fn generate(out: &Path, projects: usize, weeks: usize, seed: u64) -> anyhow::Result<()> {
    generate_with(out, projects, weeks, seed, false)
}

/// [`generate`]; with `messy`, the content is what a real team writes: cumulative figures that
/// go down now and then (`going-backwards` warnings), milestone forecasts that move without a
/// word in the narrative (`unexplained-slip` warnings), and long narratives. Still valid
/// (`folio check` passes with warnings) and deterministic per seed.
pub fn generate_with(
    out: &Path,
    projects: usize,
    weeks: usize,
    seed: u64,
    messy: bool,
) -> anyhow::Result<()> {
    generate_full(out, projects, weeks, seed, messy, 0)
}

/// Largest `--people` of [`generate_full`].
pub const MAX_PEOPLE: usize = 20_000;

/// [`generate_with`], with `people` people (0: none) in `people.yaml` and one time entry per
/// person per working day from the first project start to the as-of date in `time/` (folio's
/// own CSV, one file per 13 weeks): person `j` on the `k`-th working day books 8 hours to
/// project `(4j + k) mod projects` (every project has an entry in the first week), Fridays to
/// internal training, not billable. The teams are then made of these people, and the
/// time-and-materials updates leave `hours` to the entries.
pub fn generate_full(
    out: &Path,
    projects: usize,
    weeks: usize,
    seed: u64,
    messy: bool,
    people: usize,
) -> anyhow::Result<()> {
    if people > MAX_PEOPLE || (people > 0 && people * 4 < projects) {
        anyhow::bail!(
            "--people must be 0, or from a quarter of --projects (so every project has time entries in its first week) to {MAX_PEOPLE} (got {people} for {projects} projects)"
        );
    }
    if !(1..=MAX_PROJECTS).contains(&projects) || !(1..=MAX_WEEKS).contains(&weeks) {
        anyhow::bail!(
            "--projects must be 1-{MAX_PROJECTS} and --weeks 1-{MAX_WEEKS} (got {projects} and {weeks})"
        );
    }
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        anyhow::bail!(
            "{} exists and is not empty; generate into a new folder",
            out.display()
        );
    }
    let programs = (projects / 40).clamp(3, 50);
    fs::create_dir_all(out.join("programs")).with_context(|| format!("creating {}", out.display()))?;
    let as_of = NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).expect("valid date");
    let mut portfolio = String::new();
    writeln!(
        portfolio,
        "title: Synthetic portfolio ({projects} projects × {weeks} weeks, seed {seed})"
    )?;
    writeln!(portfolio, "organization: folio benchmark")?;
    writeln!(portfolio, "fiscal_year_start_month: 2")?;
    writeln!(portfolio, "as_of: {as_of}")?;
    if people > 0 {
        writeln!(portfolio, "internal_projects: [Internal training]")?;
    }
    writeln!(portfolio, "revenue_targets:")?;
    let per_quarter = projects as f64 * 90_000.0;
    for y in 25..=28 {
        for q in 1..=4 {
            writeln!(portfolio, "  FY{y}-Q{q}: {:.0}", per_quarter)?;
        }
    }
    fs::write(out.join("portfolio.yaml"), portfolio)?;
    for p in 0..programs {
        fs::write(
            out.join("programs").join(format!("program-{p:03}.yaml")),
            format!("name: Program {p}\ndescription: Synthetic program number {p}.\nsponsor: Director {p}\n"),
        )?;
    }
    (0..projects).into_par_iter().try_for_each(|i| {
        let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        write_project(out, i, programs, weeks, as_of, Shape { messy, people }, &mut rng)
    })?;
    if people > 0 {
        write_time(out, projects, weeks, as_of, people)?;
    }
    Ok(())
}

/// How a project is generated: messy content, and the number of generated people (0: none).
#[derive(Clone, Copy)]
struct Shape {
    messy: bool,
    people: usize,
}

/// The name of generated person `j`.
fn person(j: usize) -> String {
    format!("Person {j:05}")
}

/// `people.yaml` and `time/entries-<n>.csv` of [`generate_full`].
fn write_time(
    out: &Path,
    projects: usize,
    weeks: usize,
    as_of: NaiveDate,
    people: usize,
) -> anyhow::Result<()> {
    let mut y = String::with_capacity(people * 80);
    for j in 0..people {
        writeln!(
            y,
            "- {{name: {}, email: person{j:05}@example.com, role: {}, region: {}}}",
            person(j),
            if j % 5 == 0 { "Architect" } else { "Consultant" },
            REGIONS[j % REGIONS.len()]
        )?;
    }
    fs::write(out.join("people.yaml"), y)?;
    fs::create_dir_all(out.join("time"))?;
    let first = as_of - Duration::weeks(weeks.saturating_sub(1) as i64);
    let start = first - Duration::days(7);
    let mut day = start;
    let mut k = 0usize;
    let mut file = 0usize;
    let mut text = String::new();
    while day <= as_of {
        let weekday = day.weekday().num_days_from_monday();
        if weekday < 5 {
            if text.is_empty() {
                text.push_str("date,person,project,hours,billable,description\n");
            }
            for j in 0..people {
                if weekday == 4 {
                    writeln!(text, "{day},{},Internal training,8,no,Enablement", person(j))?;
                } else {
                    let p = (4 * j + k) % projects;
                    writeln!(text, "{day},{},p{p:05},8,yes,Delivery work", person(j))?;
                }
            }
            k += 1;
        }
        day += Duration::days(1);
        // One file per 13 weeks (a quarter's export).
        if (day - start).num_days() % 91 == 0 || day > as_of {
            if !text.is_empty() {
                fs::write(out.join("time").join(format!("entries-{file:02}.csv")), &text)?;
                text.clear();
            }
            file += 1;
        }
    }
    Ok(())
}

/// Largest `--opportunities` of [`generate_pipeline`].
pub const MAX_OPPORTUNITIES: usize = 100_000;

/// Writes `out/pipeline.yaml` with `opportunities` synthetic opportunities for the customers
/// [`generate`] names (`<customer> <n>`), deterministic per seed: amounts $50,000-$500,000,
/// the probabilities a sales team uses (one in ten at 0), starts from two weeks before the
/// as-of date (those slide) to nine months after it, 1-6 months long, across the regions.
pub fn generate_pipeline(out: &Path, opportunities: usize, seed: u64) -> anyhow::Result<()> {
    if opportunities > MAX_OPPORTUNITIES {
        anyhow::bail!("--opportunities must be at most {MAX_OPPORTUNITIES} (got {opportunities})");
    }
    const PROBABILITIES: &[f64] = &[0.0, 10.0, 25.0, 25.0, 40.0, 50.0, 60.0, 75.0, 90.0, 100.0];
    const STAGES: &[&str] = &["qualify", "propose", "negotiate", "commit"];
    let as_of = NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).expect("valid date");
    let mut rng = Rng::new(seed ^ 0x9E37_79B9_7F4A_7C15);
    let mut y = String::with_capacity(opportunities * 220 + 32);
    writeln!(y, "opportunities:")?;
    for i in 0..opportunities {
        let customer = rng.pick(CUSTOMERS);
        let start = as_of + Duration::days(rng.below(285) as i64 - 14);
        let end = start + Duration::days(30 + rng.below(150) as i64);
        writeln!(y, "  - id: opp-{i:05}")?;
        writeln!(y, "    customer: {customer} {}", rng.below(97))?;
        writeln!(y, "    name: {customer} expansion {i}")?;
        writeln!(y, "    region: {}", REGIONS[i % REGIONS.len()])?;
        writeln!(y, "    owner: {}", rng.pick(MANAGERS))?;
        writeln!(y, "    stage: {}", rng.pick(STAGES))?;
        writeln!(y, "    amount: {}", 50_000 + rng.below(46) * 10_000)?;
        writeln!(
            y,
            "    probability: {}",
            PROBABILITIES[rng.index(PROBABILITIES.len())]
        )?;
        writeln!(y, "    start: {start}\n    end: {end}")?;
    }
    fs::write(out.join("pipeline.yaml"), y).with_context(|| format!("writing {}", out.display()))?;
    Ok(())
}

fn write_project(
    out: &Path,
    i: usize,
    programs: usize,
    weeks: usize,
    as_of: NaiveDate,
    shape: Shape,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let Shape { messy, people } = shape;
    let id = format!("p{i:05}");
    let dir = out.join("projects").join(&id);
    fs::create_dir_all(dir.join("updates"))?;
    let first = as_of - Duration::weeks(weeks.saturating_sub(1) as i64);
    let start = first - Duration::days(7);
    let length_weeks = weeks as i64 + rng.below(16) as i64 - 4;
    let end = start + Duration::weeks(length_weeks.max(4));
    let tm = rng.below(3) == 0;
    let rate = 200.0 + rng.below(9) as f64 * 10.0;
    let value = 100_000.0 + rng.below(90) as f64 * 10_000.0;
    let budget = (value * rng.range(0.55, 0.75)).round();
    let customer = rng.pick(CUSTOMERS);
    let kind = rng.pick(KINDS);
    let manager = rng.pick(MANAGERS);
    let mut y = String::with_capacity(2048);
    writeln!(y, "name: {customer} {kind} {i}")?;
    writeln!(y, "customer: {customer} {}", i % 97)?;
    writeln!(y, "program: program-{:03}", i % programs)?;
    writeln!(y, "region: {}", REGIONS[i % REGIONS.len()])?;
    writeln!(y, "manager: {manager}")?;
    writeln!(
        y,
        "engagement: {}",
        if tm { "time_and_materials" } else { "fixed_price" }
    )?;
    writeln!(y, "contract_value: {value}")?;
    writeln!(y, "budget: {budget}")?;
    if tm {
        writeln!(y, "rate: {rate}")?;
    }
    writeln!(y, "start: {start}\nend: {end}")?;
    let span = (end - start).num_days();
    writeln!(y, "plan:")?;
    for (f, pct) in [(0.25, 15.0), (0.5, 45.0), (0.75, 80.0)] {
        writeln!(
            y,
            "  - {{date: {}, percent: {pct}}}",
            start + Duration::days((span as f64 * f) as i64)
        )?;
    }
    let milestones: Vec<(String, NaiveDate)> = (1..=5)
        .map(|m| (format!("m{m}"), start + Duration::days(span * m / 5)))
        .collect();
    writeln!(y, "milestones:")?;
    for (mid, due) in &milestones {
        writeln!(
            y,
            "  - {{id: {mid}, name: Milestone {mid} of {id}, due: {due}, weight: 20}}"
        )?;
    }
    writeln!(y, "team:")?;
    writeln!(
        y,
        "  - {{name: {manager}, role: Project Manager, allocation: 20}}"
    )?;
    for c in 0..3 {
        let picked = rng.pick(PEOPLE);
        let name = if people > 0 {
            person((i * 3 + c) % people)
        } else {
            picked.to_string()
        };
        writeln!(
            y,
            "  - {{name: {name}, role: Consultant, allocation: {}}}",
            10 + rng.below(5) * 10
        )?;
    }
    writeln!(
        y,
        "partners:\n  - {{name: Partner {}, role: Subcontractor, budget: {}}}",
        i % 25,
        (budget * 0.1).round()
    )?;
    writeln!(
        y,
        "tags: [synthetic, {}]",
        kind.to_lowercase().replace([' ', '/'], "-")
    )?;
    writeln!(
        y,
        "description: |\n  Synthetic {kind} engagement for {customer}, generated for benchmarks."
    )?;
    fs::write(dir.join("project.yaml"), y)?;

    let efficiency = rng.range(0.75, 1.1);
    let pace = rng.range(0.8, 1.1);
    let mut open_risks: Vec<usize> = Vec::new();
    let mut next_risk = 1;
    let mut issue_open: Option<usize> = None;
    let mut next_issue = 1;
    let mut body = String::with_capacity(1024);
    let mut fm = String::with_capacity(1024);
    for w in 0..weeks {
        let date = first + Duration::weeks(w as i64);
        let elapsed = (date - start).num_days() as f64 / span as f64;
        let mut pct = (elapsed * 100.0 * pace).clamp(0.0, 100.0).round();
        let mut ac = (budget * pct / 100.0 / efficiency).round();
        // Messy: now and then a figure is re-estimated downwards (a `going-backwards` warning
        // when it ends below last week's).
        if messy && w > 0 && rng.below(8) == 0 {
            pct = (pct - 3.0 - rng.below(6) as f64).max(0.0);
        }
        if messy && w > 0 && rng.below(10) == 0 {
            ac = (ac * 0.9).round();
        }
        fm.clear();
        body.clear();
        let overall = if efficiency < 0.85 { "amber" } else { "green" };
        writeln!(
            fm,
            "---\nstatus: {{overall: {overall}, schedule: green, budget: {overall}, scope: green}}"
        )?;
        writeln!(fm, "percent_complete: {pct}\nactual_cost: {ac}")?;
        // With time entries, a time-and-materials project's hours come from them.
        if tm && people == 0 {
            writeln!(fm, "hours: {}", ((value / rate) * pct / 100.0 * 0.9).round())?;
        }
        writeln!(fm, "forecast_end: {end}")?;
        let done: Vec<&(String, NaiveDate)> = milestones
            .iter()
            .filter(|(_, due)| *due <= date && *due > date - Duration::days(7))
            .collect();
        // Messy: a pending milestone's forecast slips without the narrative naming it.
        let slip = (messy && rng.below(7) == 0)
            .then(|| milestones.iter().find(|(_, due)| *due > date + Duration::days(7)))
            .flatten()
            .map(|(mid, due)| {
                (
                    mid,
                    *due + Duration::days(7 * (1 + rng.below(4) as i64) + w as i64),
                )
            });
        if !done.is_empty() || slip.is_some() {
            writeln!(fm, "milestones:")?;
            for (mid, due) in done {
                writeln!(fm, "  - {{id: {mid}, done: {due}}}")?;
            }
            if let Some((mid, forecast)) = slip {
                writeln!(fm, "  - {{id: {mid}, forecast: {forecast}}}")?;
            }
        }
        let mut risks = String::new();
        if w % 6 == 1 {
            writeln!(risks, "  - id: r-{next_risk}\n    title: Risk {next_risk} on the migration wave\n    probability: {}\n    impact: {}\n    owner: {manager}\n    mitigation: Rehearse and keep a rollback window.\n    status: open", 1 + rng.below(5), 1 + rng.below(5))?;
            open_risks.push(next_risk);
            next_risk += 1;
        }
        if w % 6 == 4 && open_risks.len() > 1 {
            let r = open_risks.remove(0);
            writeln!(risks, "  - {{id: r-{r}, status: closed}}")?;
        }
        if !risks.is_empty() {
            write!(fm, "risks:\n{risks}")?;
        }
        if w % 9 == 3 {
            writeln!(fm, "issues:\n  - {{id: i-{next_issue}, title: Issue {next_issue}, severity: medium, owner: {manager}, status: open}}")?;
            issue_open = Some(next_issue);
            next_issue += 1;
        } else if w % 9 == 6 {
            if let Some(n) = issue_open.take() {
                writeln!(fm, "issues:\n  - {{id: i-{n}, status: closed}}")?;
            }
        }
        if w == 10 {
            writeln!(fm, "changes:\n  - {{id: cr-1, title: Additional repositories, status: approved, budget_delta: 5000, value_delta: 8000, schedule_delta_days: 7}}")?;
        }
        fm.push_str("---\n");
        writeln!(
            body,
            "Week {} of the engagement with {customer}. {} {}\n",
            w + 1,
            rng.pick(PHRASES),
            rng.pick(PHRASES)
        )?;
        writeln!(
            body,
            "## Figures\n\n| Measure | This week |\n|---|--:|\n| Percent complete | {pct} % |\n| Actual cost | {ac} |\n| Open risks | {} |\n",
            open_risks.len()
        )?;
        writeln!(
            body,
            "## Highlights\n\n- {}\n- {}\n",
            rng.pick(PHRASES),
            rng.pick(PHRASES)
        )?;
        writeln!(
            body,
            "## Next steps\n\n- {}\n- Prepare the steering committee update for week {}.\n",
            rng.pick(PHRASES),
            w + 1
        )?;
        writeln!(
            body,
            "## Asks\n\n- Confirm the next cutover window with the customer's change board."
        )?;
        if messy {
            // Long narratives: several more paragraphs of running text.
            for _ in 0..4 + rng.below(6) {
                writeln!(body)?;
                for _ in 0..4 {
                    write!(body, "{} ", rng.pick(PHRASES))?;
                }
                writeln!(body)?;
            }
        }
        let f = fs::File::create(dir.join("updates").join(format!("{date}.md")))?;
        let mut f = BufWriter::new(f);
        f.write_all(fm.as_bytes())?;
        f.write_all(b"\n")?;
        f.write_all(body.as_bytes())?;
        f.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod bounds_tests {
    #[test]
    fn generate_refuses_huge_projects_and_weeks() {
        let tmp = tempfile::tempdir().unwrap();
        for (p, w) in [(usize::MAX, 1), (1, usize::MAX), (0, 1), (1, 100_000)] {
            let e = super::generate(&tmp.path().join("c"), p, w, 1)
                .unwrap_err()
                .to_string();
            assert!(e.contains("--projects must be"), "{e}");
        }
        assert!(!tmp.path().join("c").exists());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With people: `people.yaml`, one entry per person per working day, the content loads
    /// without a problem (every time-and-materials project has entries before its first
    /// update), and too few people for the projects is refused.
    #[test]
    fn people_and_time_entries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("c");
        generate_full(&out, 12, 4, 5, false, 3).unwrap();
        let loaded = crate::load::load(&out).expect("loads");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let time = &loaded.portfolio.time;
        // Friday 2026-10-23 to Friday 2026-11-20: 21 working days × 3 people.
        assert_eq!(time.entries.len(), 21 * 3);
        assert_eq!(time.people.len(), 3);
        assert!(generate_full(&dir.path().join("d"), 13, 4, 5, false, 3).is_err());
    }

    #[test]
    fn deterministic_and_sized() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate(&a.path().join("c"), 5, 8, 42).unwrap();
        generate(&b.path().join("c"), 5, 8, 42).unwrap();
        let read = |root: &Path| {
            let mut all: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    (
                        e.path().strip_prefix(root).unwrap().display().to_string(),
                        fs::read(e.path()).unwrap(),
                    )
                })
                .collect();
            all.sort();
            all
        };
        let (fa, fb) = (read(&a.path().join("c")), read(&b.path().join("c")));
        assert_eq!(fa, fb);
        let updates: Vec<_> = fa.iter().filter(|(p, _)| p.ends_with(".md")).collect();
        assert_eq!(updates.len(), 40);
        let avg = updates.iter().map(|(_, b)| b.len()).sum::<usize>() / updates.len();
        assert!((500..2000).contains(&avg), "average update size {avg}");
    }

    /// `messy` content is valid, deterministic, and warns of both kinds often.
    #[test]
    fn messy_content_loads_with_many_warnings() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        generate_with(&a.path().join("c"), 6, 30, 7, true).unwrap();
        generate_with(&b.path().join("c"), 6, 30, 7, true).unwrap();
        let text =
            |root: &Path| fs::read_to_string(root.join("c/projects/p00003/updates/2026-11-20.md")).unwrap();
        assert_eq!(text(a.path()), text(b.path()));
        let loaded = crate::load::load(&a.path().join("c")).expect("messy content still loads");
        let count = |code: &str| loaded.warnings.iter().filter(|d| d.code == code).count();
        // 6 × 29 week pairs: about 1 in 8 and 1 in 10 weeks go backwards, 1 in 7 slips.
        assert!(count("going-backwards") >= 20, "{}", count("going-backwards"));
        assert!(count("unexplained-slip") >= 10, "{}", count("unexplained-slip"));
        let plain = tempfile::tempdir().unwrap();
        generate(&plain.path().join("c"), 6, 30, 7).unwrap();
        let len = |root: &Path| text(root).len();
        assert!(len(a.path()) > len(plain.path()) + 500, "long narratives");
    }
}
