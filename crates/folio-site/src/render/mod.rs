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

/// A report item with a page of its own: a program, a region or an account.
trait ItemPage {
    /// (folder of its pages, what it is called in errors, template).
    const PAGE: (&'static str, &'static str, &'static str);
    fn id_and_name(&self) -> (&str, &str);
}

/// The items' pages: `<folder>/<id>/index.html`, titled by the item's name.
macro_rules! item_pages {
    ($($item:ty => $page:expr),* $(,)?) => {
        $(impl ItemPage for $item {
            const PAGE: (&'static str, &'static str, &'static str) = $page;
            fn id_and_name(&self) -> (&str, &str) {
                (&self.id, &self.name)
            }
        })*
    };
}

item_pages! {
    crate::report::ProgramReport => ("programs", "program", "program.html"),
    crate::report::RegionReport => ("regions", "region", "region.html"),
    crate::report::AccountReport => ("customers", "account", "customer.html"),
}

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

/// One run of a job's templates: each template call is fed to the job's fingerprint (the
/// template's name and every value it is given, serialized), and rendered through the theme
/// unless the pass only fingerprints.
///
/// A page is a pure function of its template and the values the template is given, so two runs
/// of a job with the same theme and the same fingerprint write the same files: `folio serve`
/// carries a job's files over from the previous build exactly when its fingerprint did not
/// change, with no list of what a page depends on (see `folio::serve::site`).
pub struct Pass<'a> {
    tera: &'a Tera,
    render: bool,
    /// Site pages serialize tables' cells as data too (a theme template reads `rows`).
    cells_as_data: bool,
    /// `None` when no fingerprint is wanted (`folio build`: no cost).
    hasher: Option<std::cell::RefCell<siphasher::sip::SipHasher13>>,
}

/// `io::Write` into a hasher, so values serialize straight into it.
struct HashWriter<'a>(&'a mut siphasher::sip::SipHasher13);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        std::hash::Hasher::write(self.0, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> Pass<'a> {
    fn new(tera: &'a Tera, render: bool, fingerprint: bool, cells_as_data: bool) -> Pass<'a> {
        Pass {
            tera,
            render,
            cells_as_data,
            hasher: fingerprint.then(|| std::cell::RefCell::new(siphasher::sip::SipHasher13::new())),
        }
    }

    /// Feeds `template` and the values of its context (`keys`) to the fingerprint.
    fn note(&self, template: &str, ctx: &Context, keys: &[&str]) -> anyhow::Result<()> {
        if let Some(hasher) = &self.hasher {
            let mut h = hasher.borrow_mut();
            std::hash::Hasher::write(&mut *h, template.as_bytes());
            for key in keys {
                std::hash::Hasher::write_u8(&mut *h, 0);
                std::hash::Hasher::write(&mut *h, key.as_bytes());
                serde_json::to_writer(HashWriter(&mut h), &ctx.get(key))?;
            }
        }
        Ok(())
    }

    /// The same pass without a fingerprint: for a template whose values are a function of
    /// values already noted.
    fn unnoted(&self) -> Pass<'a> {
        Pass::new(self.tera, self.render, false, self.cells_as_data)
    }

    /// Feeds `template` and the values of its context (`keys`) to the fingerprint, then
    /// renders it (an empty string when the pass only fingerprints).
    fn run(&self, template: &str, ctx: &Context, keys: &[&str]) -> anyhow::Result<String> {
        self.note(template, ctx, keys)?;
        if !self.render {
            return Ok(String::new());
        }
        self.tera
            .render(template, ctx)
            .map_err(|e| anyhow::anyhow!("{}", error_chain(&e)))
    }

    /// True when templates are rendered (not only fingerprinted).
    pub(crate) fn renders(&self) -> bool {
        self.render
    }

    fn fingerprint(&self) -> u64 {
        self.hasher
            .as_ref()
            .map_or(0, |h| std::hash::Hasher::finish(&*h.borrow()))
    }
}

pub(crate) fn render_page<T: Serialize>(
    pass: &Pass,
    template: &str,
    layout: &Layout,
    view: &T,
) -> anyhow::Result<Vec<u8>> {
    let mut ctx = Context::new();
    ctx.insert("layout", layout);
    {
        let _cells = views::tables::CellsAsData::scope(pass.cells_as_data);
        ctx.insert("view", view);
    }
    pass.run(template, &ctx, &["layout", "view"])
        .map(String::into_bytes)
        .map_err(|e| anyhow::anyhow!("cannot render template `{template}`: {e:#}"))
}

/// A job's files: (path relative to the output root, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

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
    /// An account page (`customers/<id>/`).
    Customer(String),
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
            Job::Customer(id) => vec![format!("customers/{id}/index.html")],
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
    /// See [`Theme::cells_as_data`].
    cells_as_data: bool,
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
            cells_as_data: theme.cells_as_data,
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
        onefile::render(&Pass::new(&self.tera, true, false, true), ctx, p, audience)
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
        jobs.extend(report.accounts.iter().map(|a| Job::Customer(a.id.clone())));
        jobs.extend(views::projects::filter_pages(ctx).into_iter().map(Job::Filter));
        jobs.push(Job::Statics);
        jobs
    }

    /// The page at `path` in navigation `section` with `title`: `view` gets the relative path to
    /// the site root and builds the view model that `template` renders.
    fn page<T: Serialize>(
        &self,
        pass: &Pass,
        ctx: &Ctx,
        path: String,
        (section, title): (&str, &str),
        template: &str,
        view: impl FnOnce(&str) -> T,
    ) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        let layout = Layout::new(ctx, &path, section, title, None, self.opts.live_reload);
        let bytes = render_page(pass, template, &layout, &view(&root_for(&path)))?;
        Ok(vec![(path, bytes)])
    }

    /// The page of item `id` of `items` (a program, region or account), its view made by `view`.
    fn item_page<I: ItemPage, V: Serialize>(
        &self,
        pass: &Pass,
        ctx: &Ctx,
        items: &[I],
        id: &str,
        view: fn(&Ctx, &str, &I) -> V,
    ) -> anyhow::Result<Files> {
        let (section, what, template) = I::PAGE;
        let item = items
            .iter()
            .find(|i| i.id_and_name().0 == id)
            .with_context(|| format!("no {what} `{id}` in the report"))?;
        let path = format!("{section}/{id}/index.html");
        let title = item.id_and_name().1;
        self.page(pass, ctx, path, (section, title), template, |root| {
            view(ctx, root, item)
        })
        .with_context(|| format!("{what} `{id}`"))
    }

    /// Runs one job: its files (path, bytes).
    pub fn run(&self, ctx: &Ctx, job: &Job) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
        self.run_in(&Pass::new(&self.tera, true, false, self.cells_as_data), ctx, job)
    }

    /// The fingerprint of one job: what [`Renderer::run`] would give its templates, hashed,
    /// without rendering them (equal fingerprints, equal files: see [`Pass`]).
    pub fn fingerprint(&self, ctx: &Ctx, job: &Job) -> anyhow::Result<u64> {
        self.run_pass(ctx, job, false).map(|(_, fingerprint)| fingerprint)
    }

    /// Runs one job, rendering its templates or not: its files (empty without rendering) and
    /// its fingerprint (`folio serve`).
    pub fn run_pass(&self, ctx: &Ctx, job: &Job, render: bool) -> anyhow::Result<(Files, u64)> {
        let pass = Pass::new(&self.tera, render, true, self.cells_as_data);
        let files = self.run_in(&pass, ctx, job)?;
        Ok((files, pass.fingerprint()))
    }

    fn run_in(&self, pass: &Pass, ctx: &Ctx, job: &Job) -> anyhow::Result<Files> {
        let (tera, opts) = (pass, &self.opts);
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
                // The page links the report under a hash of its bytes, which a pass that only
                // fingerprints does not have: the page is noted before the link is added (the
                // link is a function of the report's values, noted above).
                let layout = Layout::new(ctx, &path, "projects", &p.name, None, opts.live_reload);
                let mut noted = Context::new();
                noted.insert("layout", &layout);
                noted.insert("view", &view);
                tera.note("project.html", &noted, &["layout", "view"])?;
                let name = onefile::site_file_name(&p.id, &customer);
                view.customer_report = Some(views::Link {
                    text: "Customer status report".to_string(),
                    href: name.clone(),
                });
                // Saved under the name `folio report` gives it; the address stays unguessable.
                view.customer_report_name = Some(
                    onefile::default_name(&p.id, ctx.report.as_of, onefile::Audience::Customer)
                        .display()
                        .to_string(),
                );
                let bytes = render_page(&tera.unnoted(), "project.html", &layout, &view)
                    .with_context(|| format!("project `{}`", p.id))?;
                Ok(vec![
                    (path, bytes),
                    (format!("{dir}{name}"), customer.into_bytes()),
                ])
            }
            Job::Program(id) => self.item_page(pass, ctx, &report.programs, id, views::program::build),
            Job::Region(id) => self.item_page(pass, ctx, &report.regions, id, views::region::build),
            Job::Customer(id) => {
                self.item_page(pass, ctx, &report.accounts, id, views::accounts::customer_page)
            }
            Job::Filter(f) => {
                let title = format!("Projects · {}: {}", f.label, f.value);
                self.page(
                    pass,
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
