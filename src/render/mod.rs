//! Render stage: Tera templates of the theme (embedded default, overridden file by file by a
//! theme folder) to HTML pages, plus the theme's static files.

pub mod markdown;
pub mod theme;

use crate::model::Portfolio;
use crate::report::Report;
use crate::SiteFiles;

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

/// Renders every page of SPEC §4 and copies the theme's static files.
pub fn render_site(portfolio: &Portfolio, report: &Report, opts: &SiteOptions) -> anyhow::Result<SiteFiles> {
    let _ = (portfolio, report, opts);
    unimplemented!("render_site")
}
