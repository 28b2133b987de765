//! Theme lookup and loading (see docs/themes.md): the default theme (`themes/default`) is embedded in the
//! binary; a theme folder on disk overrides it file by file (`templates/*.html` and `static/**`,
//! nothing else is read, within bounds on files, bytes and depth).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use include_dir::{include_dir, Dir};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../themes/default");

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
    /// A template of the theme folder names `rows`: it may lay out tables' cells itself, so
    /// site pages carry every table's cells as data beside the rendered rows (see
    /// [`crate::render::views::tables::Table`]). The embedded templates print `rows_html`.
    pub cells_as_data: bool,
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
            for (rel, path) in theme_files(dir)? {
                let bytes =
                    std::fs::read(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
                theme.cells_as_data |= theme.reads_cells(&rel, &bytes);
                theme.add(&rel, bytes)?;
            }
        }
        Ok(theme)
    }

    /// True when `bytes`, the theme folder's file `rel`, is a template that differs from the one
    /// it replaces and names tables' `rows` other than as `rows_html` or `rows | length` (what
    /// the embedded templates use): it may lay out cells itself. A copy of the default theme
    /// (folio's own repository has one in `themes/default`) reads nothing more than the
    /// embedded one.
    fn reads_cells(&self, rel: &str, bytes: &[u8]) -> bool {
        let Some(name) = rel.strip_prefix("templates/") else {
            return false;
        };
        let text = String::from_utf8_lossy(bytes);
        if self.templates.get(name).is_some_and(|t| *t == text) {
            return false;
        }
        text.replace("rows_html", "")
            .replace("rows | length", "")
            .contains("rows")
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

/// The most files a theme folder may hold (its templates and static files together).
pub const MAX_THEME_FILES: usize = 5_000;
/// The most bytes a theme folder's files may hold together: 64 MiB.
pub const MAX_THEME_BYTES: u64 = 64 * 1024 * 1024;
/// How deep `static/` may nest folders.
pub const MAX_STATIC_DEPTH: usize = 8;

/// The files of a theme folder that make the theme, as (path relative to `dir`, `/`-separated;
/// path): `templates/*.html` and every file under `static/`, nothing else. Symbolic links are
/// not followed. Bounded by [`MAX_THEME_FILES`], [`MAX_THEME_BYTES`] and [`MAX_STATIC_DEPTH`]:
/// `theme:` naming a big folder by mistake (`/usr/share`) is an error at once, not a long read.
fn theme_files(dir: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let templates = dir.join("templates");
    let statics = dir.join("static");
    if !templates.is_dir() && !statics.is_dir() {
        bail!(
            "theme folder `{}` has neither templates/ nor static/ (a theme holds templates/*.html \
             and static/ files: see docs/themes.md)",
            dir.display()
        );
    }
    let (mut files, mut bytes) = (Vec::new(), 0u64);
    let mut take = |rel: String, entry: &walkdir::DirEntry| -> anyhow::Result<()> {
        let len = entry.metadata().map_or(0, |m| m.len());
        bytes += len;
        if files.len() >= MAX_THEME_FILES || bytes > MAX_THEME_BYTES {
            bail!(
                "theme folder `{}` is too big: a theme may hold at most {MAX_THEME_FILES} files and \
                 {} MiB in templates/ and static/ (is `theme` the right folder?)",
                dir.display(),
                MAX_THEME_BYTES / 1024 / 1024
            );
        }
        files.push((rel, entry.path().to_path_buf()));
        Ok(())
    };
    if templates.is_dir() {
        let walk = walkdir::WalkDir::new(&templates)
            .min_depth(1)
            .max_depth(1)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walk {
            let entry =
                entry.with_context(|| format!("cannot read theme folder `{}`", templates.display()))?;
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file() && name.ends_with(".html") {
                let rel = format!("templates/{name}");
                take(rel, &entry)?;
            }
        }
    }
    if statics.is_dir() {
        let walk = walkdir::WalkDir::new(&statics)
            .min_depth(1)
            .follow_links(false)
            .sort_by_file_name();
        for entry in walk {
            let entry = entry.with_context(|| format!("cannot read theme folder `{}`", statics.display()))?;
            if entry.depth() > MAX_STATIC_DEPTH {
                bail!(
                    "theme folder `{}` nests static/ more than {MAX_STATIC_DEPTH} folders deep (`{}`)",
                    dir.display(),
                    entry.path().display()
                );
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("walkdir stays inside its root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            take(rel, &entry)?;
        }
    }
    Ok(files)
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

    /// A new temporary folder with a theme folder at `at` in it holding `files` (path in the
    /// theme, contents): the temporary folder and the theme's path.
    fn theme_at(at: &str, files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(at);
        for (path, contents) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, contents).unwrap();
        }
        (tmp, dir)
    }

    #[test]
    fn a_template_that_names_rows_gets_the_cells_as_data() {
        assert!(
            !Theme::load(None).unwrap().cells_as_data,
            "the embedded theme prints rows_html"
        );
        let (_tmp, dir) = theme_at(
            "themes/cells",
            &[(
                "templates/macros.html",
                b"{% macro table(t) %}{% for row in t.rows %}{{ row.0.text }}{% endfor %}{% endmacro %}",
            )],
        );
        assert!(Theme::load(Some(&dir)).unwrap().cells_as_data);
        let (_tmp, dir) = theme_at("themes/css", &[("static/site.css", b"/* rows of cards */")]);
        assert!(
            !Theme::load(Some(&dir)).unwrap().cells_as_data,
            "only templates count"
        );
        // A copy of an embedded template, or one that only counts rows, reads no cell.
        let embedded = Theme::load(None).unwrap().templates["report_internal.html"].clone();
        assert!(embedded.contains("p.evm.rows"));
        let (_tmp, dir) = theme_at(
            "themes/copy",
            &[
                ("templates/report_internal.html", embedded.as_bytes()),
                (
                    "templates/404.html",
                    b"{{ t.rows | length }} {{ t.rows_html | safe }}",
                ),
            ],
        );
        assert!(!Theme::load(Some(&dir)).unwrap().cells_as_data);
    }

    #[test]
    fn embedded_default_has_templates_and_static() {
        let t = Theme::load(None).unwrap();
        assert!(t.templates.contains_key("base.html"));
        assert!(t.templates.contains_key("index.html"));
        assert!(t.statics.contains_key("site.css"));
    }

    #[test]
    fn folder_overrides_file_by_file() {
        let (tmp, _) = theme_at(
            "themes/corp",
            &[
                ("templates/404.html", b"custom"),
                ("static/img/logo.svg", b"<svg/>"),
            ],
        );
        let content = tmp.path().join("content");
        let dir = find_theme_dir(&content, "corp").unwrap();
        let t = Theme::load(Some(&dir)).unwrap();
        assert_eq!(t.templates["404.html"], "custom");
        assert!(!t.cells_as_data, "no template of the folder names `rows`");
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

    /// `theme:` naming a big folder (`/usr/share`: 39 s) read every file under it. Only
    /// `templates/*.html` and `static/**` are read now, within bounds, or it is an error at once.
    #[test]
    fn only_templates_and_static_are_read_within_bounds() {
        let (tmp, dir) = theme_at(
            "t",
            &[
                ("templates/404.html", b"custom"),
                ("templates/sub/x.html", b"not a template"),
                ("templates/notes.txt", &[0xff, 0xfe]),
                ("static/css/a.css", b"a{}"),
            ],
        );
        // Big files beside the theme are neither read nor counted (sparse: no disk used).
        for junk in ["backup.bin", "templates/big.bin"] {
            std::fs::File::create(dir.join(junk))
                .unwrap()
                .set_len(MAX_THEME_BYTES * 2)
                .unwrap();
        }
        let t = Theme::load(Some(&dir)).unwrap();
        assert_eq!(t.templates["404.html"], "custom");
        assert!(!t.templates.contains_key("sub/x.html") && !t.templates.contains_key("notes.txt"));
        assert_eq!(t.statics["css/a.css"], b"a{}");

        // A folder that is no theme at all.
        let other = tmp.path().join("share");
        std::fs::create_dir_all(other.join("doc")).unwrap();
        for i in 0..50 {
            std::fs::write(other.join(format!("doc/{i}.txt")), "x").unwrap();
        }
        let err = format!("{:#}", Theme::load(Some(&other)).unwrap_err());
        assert!(err.contains("neither templates/ nor static/"), "{err}");

        // Too many static files, too many bytes, too deep.
        let many = tmp.path().join("many");
        std::fs::create_dir_all(many.join("static")).unwrap();
        for i in 0..=MAX_THEME_FILES {
            std::fs::write(many.join(format!("static/{i}.txt")), "").unwrap();
        }
        let err = format!("{:#}", Theme::load(Some(&many)).unwrap_err());
        assert!(err.contains("too big") && err.contains("5000 files"), "{err}");
        let big = tmp.path().join("big");
        std::fs::create_dir_all(big.join("static")).unwrap();
        std::fs::File::create(big.join("static/video.bin"))
            .unwrap()
            .set_len(MAX_THEME_BYTES + 1)
            .unwrap();
        let err = format!("{:#}", Theme::load(Some(&big)).unwrap_err());
        assert!(err.contains("too big") && err.contains("64 MiB"), "{err}");
        let deep = tmp.path().join("deep");
        let path = deep.join("static").join("d/".repeat(MAX_STATIC_DEPTH + 1));
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("x.css"), "").unwrap();
        let err = format!("{:#}", Theme::load(Some(&deep)).unwrap_err());
        assert!(err.contains("more than 8 folders deep"), "{err}");
    }
}
