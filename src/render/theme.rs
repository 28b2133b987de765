//! Theme lookup and loading (see docs/themes.md): the default theme (`themes/default`) is embedded in the
//! binary; a theme folder on disk overrides it file by file (`templates/*.html` and `static/*`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use include_dir::{include_dir, Dir};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Finds the theme folder named `theme` for a content root.
///
/// A name with a path separator (or starting with `.`) is a path, relative to the working
/// directory or else to the content root's parent. A plain name is looked up as
/// `themes/<theme>` next to the content root, then in the working directory. `None` means the
/// embedded default theme alone; a non-default theme that exists nowhere is returned as the
/// path it was expected at, so loading it fails with a clear message instead of silently
/// falling back to the default.
pub fn find_theme_dir(content_root: &Path, theme: &str) -> Option<PathBuf> {
    let theme = theme.trim();
    let base = content_root.parent().unwrap_or(Path::new(""));
    let is_path = theme.contains('/') || theme.contains('\\') || theme.starts_with('.');
    let candidates: Vec<PathBuf> = if is_path || Path::new(theme).is_absolute() {
        vec![PathBuf::from(theme), base.join(theme)]
    } else if theme.is_empty() {
        return None;
    } else {
        vec![
            base.join("themes").join(theme),
            PathBuf::from("themes").join(theme),
        ]
    };
    if let Some(found) = candidates.iter().find(|p| p.is_dir()) {
        return Some(found.clone());
    }
    if theme == "default" {
        None
    } else {
        candidates.into_iter().next()
    }
}

/// A theme resolved into memory: the embedded default overlaid with a folder's files.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (path under `templates/`, `/`-separated) → source.
    pub templates: BTreeMap<String, String>,
    /// Path under `static/` → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Loads the embedded default theme, then overrides it with `dir`'s files.
    pub fn load(dir: Option<&Path>) -> anyhow::Result<Theme> {
        let mut theme = Theme::default();
        for (path, bytes) in embedded_files(&DEFAULT_THEME) {
            theme.add(&path, bytes.to_vec())?;
        }
        if let Some(dir) = dir {
            if !dir.is_dir() {
                bail!(
                    "theme folder `{}` not found (set `theme` in portfolio.yaml or --theme to a folder \
                     holding templates/ and static/, or to `default`)",
                    dir.display()
                );
            }
            for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
                let entry = entry.with_context(|| format!("cannot read theme folder `{}`", dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(dir)
                    .expect("walkdir stays inside its root");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let bytes = std::fs::read(entry.path())
                    .with_context(|| format!("cannot read `{}`", entry.path().display()))?;
                theme.add(&rel, bytes)?;
            }
        }
        Ok(theme)
    }

    fn add(&mut self, rel: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text =
                String::from_utf8(bytes).with_context(|| format!("theme template `{rel}` is not UTF-8"))?;
            self.templates.insert(name.to_string(), text);
        } else if let Some(name) = rel.strip_prefix("static/") {
            self.statics.insert(name.to_string(), bytes);
        }
        Ok(())
    }
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for f in d.files() {
            let rel = f
                .path()
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, f.contents()));
        }
        stack.extend(d.dirs());
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_has_templates_and_static() {
        let t = Theme::load(None).unwrap();
        assert!(t.templates.contains_key("base.html"));
        assert!(t.templates.contains_key("index.html"));
        assert!(t.statics.contains_key("site.css"));
    }

    #[test]
    fn folder_overrides_file_by_file() {
        let tmp = tempfile::tempdir().unwrap();
        let themes = tmp.path().join("themes/corp");
        std::fs::create_dir_all(themes.join("templates")).unwrap();
        std::fs::create_dir_all(themes.join("static/img")).unwrap();
        std::fs::write(themes.join("templates/404.html"), "custom").unwrap();
        std::fs::write(themes.join("static/img/logo.svg"), "<svg/>").unwrap();
        let content = tmp.path().join("content");
        let dir = find_theme_dir(&content, "corp").unwrap();
        let t = Theme::load(Some(&dir)).unwrap();
        assert_eq!(t.templates["404.html"], "custom");
        assert!(t.templates["base.html"].contains("<html"));
        assert_eq!(t.statics["img/logo.svg"], b"<svg/>");
        assert!(t.statics.contains_key("site.css"));
        // `default` resolves to a folder only where one exists (e.g. the working directory of
        // folio's own repository, whose `themes/default` is the embedded theme itself).
        let default = find_theme_dir(&content, "default");
        assert!(default.as_ref().is_none_or(|d| d.is_dir()), "{default:?}");
        assert_eq!(default.is_some(), Path::new("themes/default").is_dir());
        let missing = find_theme_dir(&content, "nope").unwrap();
        assert!(format!("{:#}", Theme::load(Some(&missing)).unwrap_err()).contains("not found"));
    }
}
