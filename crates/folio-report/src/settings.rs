//! The settings of one run of the pipeline, shared by `folio build`, `folio report` and
//! `folio serve`: what the user asked for ([`Settings`]: flags, each falling back to
//! `portfolio.yaml`, the environment, then a default) and what that resolves to for one
//! portfolio ([`Resolved`], made by `folio::driver`). A leaf module: every stage may read it.

use std::path::PathBuf;

use chrono::NaiveDate;

/// What a build, a report or the preview is asked to do. Build, report and serve differ only in
/// what they do with the result (write a folder, one file, serve from memory), not in settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The content folder.
    pub content: PathBuf,
    /// `--as-of`; falls back to `portfolio.yaml`'s `as_of`, then today.
    pub as_of: Option<NaiveDate>,
    /// `--base-url`; falls back to `portfolio.yaml`'s `base_url`, then `$CI_PAGES_URL`, then `/`.
    pub base_url: Option<String>,
    /// `--theme`; falls back to `portfolio.yaml`'s `theme`.
    pub theme: Option<String>,
    /// Inject the live-reload script into every page (`folio serve`).
    pub live_reload: bool,
}

impl Settings {
    /// The settings of content folder `content`, everything else from `portfolio.yaml` or the
    /// defaults.
    pub fn new(content: impl Into<PathBuf>) -> Settings {
        Settings {
            content: content.into(),
            ..Settings::default()
        }
    }
}

/// [`Settings`] resolved against one portfolio: what the stages render with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The date the figures are computed as of.
    pub as_of: NaiveDate,
    /// Absolute base URL, ending in `/` (used by `404.html` and the exports; other links are
    /// relative).
    pub base_url: String,
    /// Theme folder overriding the embedded default theme file by file.
    pub theme_dir: Option<PathBuf>,
    /// Inject the live-reload script (`folio serve` only).
    pub live_reload: bool,
}

/// `base_url` with a trailing `/` (added when missing): relative links append to it.
pub fn with_slash(base_url: &str) -> String {
    if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    }
}
