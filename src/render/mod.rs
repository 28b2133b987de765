//! Render stage: Tera templates of the theme (embedded default, overridden file by file by a
//! theme folder) to HTML pages, plus the theme's static files.
//!
//! View models (`views`) hold everything already formatted; templates only lay them out. The
//! Tera instance is built once per build and pages render in parallel with rayon, each from its
//! own small context.

pub mod markdown;
pub mod onefile;
pub mod pages;
pub mod reuse;
pub mod selfcontained;
pub mod theme;
pub mod views;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::markup::escape;
use crate::model::Portfolio;
use crate::report::Report;
use crate::SiteFiles;
use pages::SinglePage;
use theme::Theme;
use views::{root_for, Ctx, Layout};

/// How to render.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// Absolute base URL, ending in `/` (used only by `404.html`; other links are relative).
    pub base_url: String,
    /// Theme folder overriding the embedded default theme file by file.
    pub theme_dir: Option<std::path::PathBuf>,
    /// Inject the live-reload script (`folio serve` only).
    pub live_reload: bool,
}

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

/// Renders every page of the site (README, output) and copies the theme's static files.
pub fn render_site(portfolio: &Portfolio, report: &Report, opts: &SiteOptions) -> anyhow::Result<SiteFiles> {
    render_site_reusing(portfolio, report, opts, None).map(|(files, _)| files)
}

/// [`render_site`], except the project and program pages of `prev` whose inputs did not change
/// (see [`reuse`]): those are not rendered, their paths are returned instead, for the caller to
/// keep their previous bytes. `prev` must have been rendered with the same theme and options.
pub fn render_site_reusing(
    portfolio: &Portfolio,
    report: &Report,
    opts: &SiteOptions,
    prev: Option<reuse::Previous>,
) -> anyhow::Result<(SiteFiles, Vec<String>)> {
    render_part(portfolio, report, opts, prev, Part::All)
}

/// A part of the site's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    /// One page per project and per program.
    Entities,
    /// The rest: the summary, the registers (pages that list every project), other single
    /// pages and the theme's static files.
    Lists,
}

/// [`render_site_reusing`] for one part of the site (`folio serve` shows the pages of an
/// edited project before the pages that list every project are rendered again).
pub fn render_part(
    portfolio: &Portfolio,
    report: &Report,
    opts: &SiteOptions,
    prev: Option<reuse::Previous>,
    part: Part,
) -> anyhow::Result<(SiteFiles, Vec<String>)> {
    let theme = Theme::load(opts.theme_dir.as_deref())?;
    let tera = engine(&theme)?;
    let ctx = Ctx::new(portfolio, report);
    let lists = part != Part::Entities;
    let entities = part != Part::Lists;

    let singles = SinglePage::ALL.par_iter().filter(|_| lists).map(|page| {
        page.render(&tera, &ctx, opts)
            .map(|(path, bytes)| vec![(path, Some(bytes))])
    });
    let projects = report.projects.par_iter().filter(|_| entities).map(|p| {
        let dir = format!("projects/{}/", p.id);
        let path = format!("{dir}index.html");
        if prev.is_some_and(|prev| prev.keeps_project_page(&portfolio.config, report, p)) {
            // Its customer report, a download beside it, is kept with it (see
            // `onefile::is_site_report`).
            return Ok(vec![(path, None)]);
        }
        let customer = onefile::render(&tera, &ctx, p, onefile::Audience::Customer)
            .with_context(|| format!("customer report of project `{}`", p.id))?;
        let name = onefile::site_file_name(&p.id, &customer);
        let root = root_for(&path);
        let layout = Layout::new(&ctx, &path, "projects", &p.name, None, opts.live_reload);
        let mut view = views::project::build(&ctx, &root, p);
        view.customer_report = Some(views::Link {
            text: "Customer status report".to_string(),
            href: name.clone(),
        });
        let bytes = render_page(&tera, "project.html", &layout, &view)
            .with_context(|| format!("project `{}`", p.id))?;
        Ok(vec![
            (path, Some(bytes)),
            (format!("{dir}{name}"), Some(customer.into_bytes())),
        ])
    });
    let programs = report.programs.par_iter().filter(|_| entities).map(|p| {
        let path = format!("programs/{}/index.html", p.id);
        if prev.is_some_and(|prev| prev.keeps_program_page(&portfolio.config, report, p)) {
            return Ok(vec![(path, None)]);
        }
        let root = root_for(&path);
        let layout = Layout::new(&ctx, &path, "programs", &p.name, None, opts.live_reload);
        let view = views::program::build(&ctx, &root, p);
        let bytes = render_page(&tera, "program.html", &layout, &view)
            .with_context(|| format!("program `{}`", p.id))?;
        Ok(vec![(path, Some(bytes))])
    });
    // A region page lists many projects: it is rendered with the pages that list every project.
    let regions = report
        .regions
        .par_iter()
        .filter(|g| lists && !g.project_ids.is_empty())
        .map(|g| {
            let path = format!("regions/{}/index.html", g.id);
            let layout = Layout::new(&ctx, &path, "regions", &g.name, None, opts.live_reload);
            let view = views::region::build(&ctx, &root_for(&path), g);
            let bytes = render_page(&tera, "region.html", &layout, &view)
                .with_context(|| format!("region `{}`", g.id))?;
            Ok(vec![(path, Some(bytes))])
        });
    let filters = if lists {
        views::projects::filter_pages(&ctx)
    } else {
        Vec::new()
    };
    let filtered = filters.par_iter().map(|f| {
        let root = root_for(&f.path);
        let title = format!("Projects · {}: {}", f.label, f.value);
        let layout = Layout::new(&ctx, &f.path, "projects", &title, None, opts.live_reload);
        let view = views::projects::build(&ctx, &root, Some(f));
        let bytes = render_page(&tera, "projects.html", &layout, &view)
            .with_context(|| format!("projects filtered by {} `{}`", f.facet, f.value))?;
        Ok(vec![(f.path.clone(), Some(bytes))])
    });
    let pages: Vec<Vec<(String, Option<Vec<u8>>)>> = singles
        .chain(projects)
        .chain(programs)
        .chain(regions)
        .chain(filtered)
        .collect::<anyhow::Result<_>>()?;

    let mut files = SiteFiles::new();
    for (path, bytes) in theme.statics.into_iter().filter(|_| lists) {
        files.insert(format!("static/{path}"), bytes);
    }
    let mut kept = Vec::new();
    for (path, bytes) in pages.into_iter().flatten() {
        match bytes {
            Some(bytes) => {
                files.insert(path, bytes);
            }
            None => kept.push(path),
        }
    }
    Ok((files, kept))
}
