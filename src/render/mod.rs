//! Render stage: Tera templates of the theme (embedded default, overridden file by file by a
//! theme folder) to HTML pages, plus the theme's static files.
//!
//! View models (`views`) hold everything already formatted; templates only lay them out. The
//! Tera instance is built once per build and pages render in parallel with rayon, each from its
//! own small context.

pub mod format;
pub mod markdown;
pub mod reuse;
pub mod theme;
pub mod views;

use anyhow::Context as _;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::model::Portfolio;
use crate::report::Report;
use crate::SiteFiles;
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

/// HTML escaping for every `{{ }}` output: the five characters that matter in text and
/// attribute values (Tera's default also escapes `/`, which only bloats URLs).
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Builds the Tera instance of a theme.
pub fn engine(theme: &Theme) -> anyhow::Result<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    tera.set_escape_fn(escape_html);
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

fn render_page<T: Serialize>(
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

/// The pages that exist once per site: (output path, template, nav section, title).
const SINGLE_PAGES: [(&str, &str, &str, &str); 10] = [
    ("index.html", "index.html", "summary", "Executive summary"),
    ("projects/index.html", "projects.html", "projects", "Projects"),
    ("programs/index.html", "programs.html", "programs", "Programs"),
    ("risks/index.html", "risks.html", "risks", "Risk register"),
    (
        "escalations/index.html",
        "escalations.html",
        "escalations",
        "Escalations",
    ),
    (
        "milestones/index.html",
        "milestones.html",
        "milestones",
        "Milestones",
    ),
    ("people/index.html", "people.html", "people", "People"),
    ("partners/index.html", "partners.html", "partners", "Partners"),
    ("404.html", "404.html", "", "Page not found"),
    ("", "", "", ""),
];

fn render_single(
    tera: &Tera,
    ctx: &Ctx,
    opts: &SiteOptions,
    spec: &(&str, &str, &str, &str),
) -> anyhow::Result<(String, Vec<u8>)> {
    let (path, template, section, title) = *spec;
    let root = root_for(path);
    let is_404 = path == "404.html";
    let layout = Layout::new(
        ctx,
        path,
        section,
        title,
        is_404.then_some(opts.base_url.as_str()),
        opts.live_reload,
    );
    let root = if is_404 { opts.base_url.clone() } else { root };
    let bytes = match template {
        "index.html" => render_page(tera, template, &layout, &views::summary::build(ctx, &root))?,
        "projects.html" => {
            let all: Vec<_> = ctx.report.projects.iter().collect();
            let table = views::registers::projects_table(ctx, &root, &all, "projects");
            render_page(tera, template, &layout, &table)?
        }
        "programs.html" => render_page(
            tera,
            template,
            &layout,
            &views::registers::programs_page(ctx, &root),
        )?,
        "risks.html" => render_page(tera, template, &layout, &views::registers::risks_page(ctx, &root))?,
        "escalations.html" => render_page(
            tera,
            template,
            &layout,
            &views::registers::escalations_page(ctx, &root),
        )?,
        "milestones.html" => render_page(
            tera,
            template,
            &layout,
            &views::registers::milestones_page(ctx, &root),
        )?,
        "people.html" => render_page(
            tera,
            template,
            &layout,
            &views::registers::people_page(ctx, &root),
        )?,
        "partners.html" => render_page(
            tera,
            template,
            &layout,
            &views::registers::partners_page(ctx, &root),
        )?,
        _ => render_page(tera, template, &layout, &())?,
    };
    Ok((path.to_string(), bytes))
}

/// Renders every page of SPEC §4 and copies the theme's static files.
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

    let singles = SINGLE_PAGES
        .par_iter()
        .filter(|s| lists && !s.0.is_empty())
        .map(|spec| render_single(&tera, &ctx, opts, spec).map(|(path, bytes)| (path, Some(bytes))));
    let projects = report.projects.par_iter().filter(|_| entities).map(|p| {
        let path = format!("projects/{}/index.html", p.id);
        if prev.is_some_and(|prev| prev.keeps_project_page(&portfolio.config, report, p)) {
            return Ok((path, None));
        }
        let root = root_for(&path);
        let layout = Layout::new(&ctx, &path, "projects", &p.name, None, opts.live_reload);
        let view = views::project::build(&ctx, &root, p);
        let bytes = render_page(&tera, "project.html", &layout, &view)
            .with_context(|| format!("project `{}`", p.id))?;
        Ok((path, Some(bytes)))
    });
    let programs = report.programs.par_iter().filter(|_| entities).map(|p| {
        let path = format!("programs/{}/index.html", p.id);
        if prev.is_some_and(|prev| prev.keeps_program_page(&portfolio.config, report, p)) {
            return Ok((path, None));
        }
        let root = root_for(&path);
        let layout = Layout::new(&ctx, &path, "programs", &p.name, None, opts.live_reload);
        let view = views::program::build(&ctx, &root, p);
        let bytes = render_page(&tera, "program.html", &layout, &view)
            .with_context(|| format!("program `{}`", p.id))?;
        Ok((path, Some(bytes)))
    });
    let pages: Vec<(String, Option<Vec<u8>>)> = singles
        .chain(projects)
        .chain(programs)
        .collect::<anyhow::Result<_>>()?;

    let mut files = SiteFiles::new();
    for (path, bytes) in theme.statics.into_iter().filter(|_| lists) {
        files.insert(format!("static/{path}"), bytes);
    }
    let mut kept = Vec::new();
    for (path, bytes) in pages {
        match bytes {
            Some(bytes) => {
                files.insert(path, bytes);
            }
            None => kept.push(path),
        }
    }
    Ok((files, kept))
}
