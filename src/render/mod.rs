//! Render stage: Tera templates of the theme (embedded default, overridden file by file by a
//! theme folder) to HTML pages, plus the theme's static files.
//!
//! View models (`views`) hold everything already formatted; templates only lay them out. The
//! Tera instance is built once per build and pages render in parallel with rayon, each from its
//! own small context.

pub mod html_tokens;
pub mod markdown;
pub mod onefile;
pub mod pages;
pub mod reuse;
pub mod selfcontained;
mod template_check;
pub mod theme;
pub mod views;

use anyhow::Context as _;
use serde::Serialize;
use tera::{Context, Tera};

use crate::charts;
use crate::markup::escape;
use crate::report::ProjectReport;
use crate::settings::Resolved;
use pages::SinglePage;
use theme::Theme;
use views::{root_for, Ctx, Layout};

/// Every file of a built site: path relative to the output root (`/`-separated) → bytes.
/// A `BTreeMap` so iteration order, and therefore output, is deterministic.
pub type SiteFiles = std::collections::BTreeMap<String, Vec<u8>>;

/// Builds the Tera instance of a theme.
pub fn engine(theme: &Theme) -> anyhow::Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    // The five characters that matter in text and attribute values (Tera's default also
    // escapes `/`, which only bloats URLs).
    tera.set_escape_fn(escape);
    tera.add_raw_templates(theme.templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| anyhow::anyhow!("{}", error_chain(&e)))
        .context("the theme's templates do not compile")?;
    template_check::check(&tera)
        .map_err(anyhow::Error::msg)
        .context("the theme's templates do not compile")?;
    // Tera registers `get_env` itself; the check above refuses a template that calls it, and
    // this replacement fails should a call ever reach rendering another way.
    tera.register_function("get_env", |_: &std::collections::HashMap<String, tera::Value>| {
        Err(tera::Error::msg("`get_env()` is not available in folio themes"))
    });
    Ok(tera)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

pub(crate) fn render_page<T: Serialize>(
    tera: &Tera,
    template: &str,
    layout: &Layout,
    view: &T,
) -> anyhow::Result<Vec<u8>> {
    let mut ctx = Context::new();
    ctx.insert("layout", layout);
    ctx.insert("view", view);
    tera.render(template, &ctx)
        .map(String::into_bytes)
        .map_err(|e| anyhow::anyhow!("cannot render template `{template}`: {}", error_chain(&e)))
}

/// One unit of rendering: a page, or a project page with the customer report beside it, or the
/// theme's static files. A full build runs every job; `folio serve` runs a job when one of its
/// files is asked for.
#[derive(Debug, Clone)]
pub enum Job {
    Single(SinglePage),
    /// A project's page and its customer report (a download whose name is a hash of its bytes).
    Project(String),
    Program(String),
    Region(String),
    /// A pre-rendered filtered projects list (`projects/_by/<facet>/<value>/`).
    Filter(views::projects::FilterPage),
    Statics,
}

impl Job {
    /// The paths of the files this job writes that are known before it runs (the customer
    /// report's name, a hash of its bytes, is known only after: see
    /// [`onefile::is_site_report`]).
    pub fn paths(&self, renderer: &Renderer) -> Vec<String> {
        match self {
            Job::Single(page) => vec![page.path().to_string()],
            Job::Project(id) => vec![format!("projects/{id}/index.html")],
            Job::Program(id) => vec![format!("programs/{id}/index.html")],
            Job::Region(id) => vec![format!("regions/{id}/index.html")],
            Job::Filter(f) => vec![f.path.clone()],
            Job::Statics => renderer
                .statics
                .iter()
                .map(|(k, _)| format!("static/{k}"))
                .collect(),
        }
    }

    /// True when the job reads the 13-week trend (only the summary shows it), so `folio serve`
    /// renders every other page without computing it. The serve property test renders every
    /// page this way and compares it with a full build, which has the trend.
    pub fn needs_trend(&self) -> bool {
        matches!(self, Job::Single(SinglePage::Summary))
    }
}

/// A theme ready to render: its compiled templates and static files, and the options.
pub struct Renderer {
    tera: Tera,
    statics: Vec<(String, Vec<u8>)>,
    opts: Resolved,
}

impl Renderer {
    /// Loads and compiles the theme `opts` names.
    pub fn new(opts: &Resolved) -> anyhow::Result<Renderer> {
        let theme = Theme::load(opts.theme_dir.as_deref())?;
        let tera = engine(&theme)?;
        Ok(Renderer {
            tera,
            statics: theme.statics.into_iter().collect(),
            opts: opts.clone(),
        })
    }

    /// The options it renders with.
    pub fn options(&self) -> &Resolved {
        &self.opts
    }

    /// The one-file status report of project `p` for `audience` (`folio report`).
    pub fn report(
        &self,
        ctx: &Ctx,
        p: &ProjectReport,
        audience: onefile::Audience,
    ) -> anyhow::Result<String> {
        onefile::render(&self.tera, ctx, p, audience)
    }

    /// Every job of the site, the pages that exist once first (the summary and the registers
    /// are the longest to render: started first, they do not hold up the end of a build).
    pub fn jobs(&self, ctx: &Ctx) -> Vec<Job> {
        let report = ctx.report;
        let mut jobs: Vec<Job> = SinglePage::ALL.iter().map(|p| Job::Single(*p)).collect();
        jobs.extend(report.projects.iter().map(|p| Job::Project(p.id.clone())));
        jobs.extend(report.programs.iter().map(|p| Job::Program(p.id.clone())));
        jobs.extend(
            report
                .regions
                .iter()
                .filter(|g| !g.project_ids.is_empty())
                .map(|g| Job::Region(g.id.clone())),
        );
        jobs.extend(views::projects::filter_pages(ctx).into_iter().map(Job::Filter));
        jobs.push(Job::Statics);
        jobs
    }

    /// The page at `path` in navigation `section` with `title`: `view` gets the relative path to
    /// the site root and builds the view model that `template` renders.
    fn page<T: Serialize>(
        &self,
        ctx: &Ctx,
        path: String,
        (section, title): (&str, &str),
        template: &str,
        view: impl FnOnce(&str) -> T,
    ) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        let layout = Layout::new(ctx, &path, section, title, None, self.opts.live_reload);
        let bytes = render_page(&self.tera, template, &layout, &view(&root_for(&path)))?;
        Ok(vec![(path, bytes)])
    }

    /// Runs one job: its files (path, bytes).
    pub fn run(&self, ctx: &Ctx, job: &Job) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        let (tera, opts) = (&self.tera, &self.opts);
        let report = ctx.report;
        let one = |path: String, bytes| Ok(vec![(path, bytes)]);
        match job {
            Job::Single(page) => {
                let (path, bytes) = page.render(tera, ctx, opts)?;
                one(path, bytes)
            }
            Job::Project(id) => {
                let p = ctx
                    .project(id)
                    .with_context(|| format!("no project `{id}` in the report"))?;
                let dir = format!("projects/{}/", p.id);
                let path = format!("{dir}index.html");
                let root = root_for(&path);
                let mut view = views::project::build(ctx, &root, p);
                // The customer report shows the page's milestone chart: drawn once, for both.
                let chart = view
                    .charts
                    .iter()
                    .find(|c| c.id == charts::MILESTONES_ID)
                    .cloned();
                let customer = onefile::render_with(tera, ctx, p, onefile::Audience::Customer, chart)
                    .with_context(|| format!("customer report of project `{}`", p.id))?;
                let name = onefile::site_file_name(&p.id, &customer);
                let layout = Layout::new(ctx, &path, "projects", &p.name, None, opts.live_reload);
                view.customer_report = Some(views::Link {
                    text: "Customer status report".to_string(),
                    href: name.clone(),
                });
                // Saved under the name `folio report` gives it; the address stays unguessable.
                view.customer_report_name = Some(
                    crate::status_report::ReportFile::default_name(
                        &p.id,
                        ctx.report.as_of,
                        onefile::Audience::Customer,
                    )
                    .display()
                    .to_string(),
                );
                let bytes = render_page(tera, "project.html", &layout, &view)
                    .with_context(|| format!("project `{}`", p.id))?;
                Ok(vec![
                    (path, bytes),
                    (format!("{dir}{name}"), customer.into_bytes()),
                ])
            }
            Job::Program(id) => {
                let p = report
                    .programs
                    .iter()
                    .find(|g| &g.id == id)
                    .with_context(|| format!("no program `{id}` in the report"))?;
                let path = format!("programs/{}/index.html", p.id);
                self.page(ctx, path, ("programs", &p.name), "program.html", |root| {
                    views::program::build(ctx, root, p)
                })
                .with_context(|| format!("program `{}`", p.id))
            }
            Job::Region(id) => {
                let g = report
                    .regions
                    .iter()
                    .find(|g| &g.id == id)
                    .with_context(|| format!("no region `{id}` in the report"))?;
                let path = format!("regions/{}/index.html", g.id);
                self.page(ctx, path, ("regions", &g.name), "region.html", |root| {
                    views::region::build(ctx, root, g)
                })
                .with_context(|| format!("region `{}`", g.id))
            }
            Job::Filter(f) => {
                let title = format!("Projects · {}: {}", f.label, f.value);
                self.page(
                    ctx,
                    f.path.clone(),
                    ("projects", &title),
                    "projects.html",
                    |root| views::projects::build(ctx, root, Some(f)),
                )
                .with_context(|| format!("projects filtered by {} `{}`", f.facet, f.value))
            }
            Job::Statics => Ok(self
                .statics
                .iter()
                .map(|(path, bytes)| (format!("static/{path}"), bytes.clone()))
                .collect()),
        }
    }
}
