//! Finds the files of a content folder (see docs/content.md) and reads them safely.
//!
//! The walk lists entries without following symbolic links (file types come from the directory
//! listing, no `stat` per entry); a link is checked to stay inside the content folder, then read
//! through (a file) or walked (a folder). Every entry is sorted into the [`Tree`] by
//! [`classify`]. Project folders are listed by [`walk_project`], in parallel.

use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::yaml;

use super::layout::classify;
pub use super::layout::{date_of_name, is_valid_id};
pub(super) use super::layout::{ProjectDir, Tree};

/// Deepest entry of the layout: `projects/<id>/updates/<file>`.
const LAYOUT_DEPTH: usize = 4;

/// Walks `root` and classifies its entries, down to the project folders (whose contents
/// [`walk_project`] lists, in parallel); problems go to `diags`.
pub(super) fn walk(root: &Path, diags: &mut Vec<Diagnostic>) -> Tree {
    let mut tree = Tree::default();
    let canon_root = match root.canonicalize() {
        Ok(p) if p.is_dir() => p,
        _ => {
            diags.push(
                Diagnostic::error("no-content", root, 0, 0, "content folder not found")
                    .expected("a folder with `portfolio.yaml`, `programs/` and `projects/`")
                    .hint("pass the folder with `--content DIR`, or create one with `folio init`"),
            );
            return tree;
        }
    };
    let mut w = Walker {
        root,
        canon_root: &canon_root,
        tree: &mut tree,
        diags,
        shallow: true,
    };
    w.walk_from(Path::new(""), 0, true);
    tree.canon_root = canon_root;
    tree
}

/// Lists one project folder found by [`walk`]: its `project.yaml` and updates.
pub(super) fn walk_project(
    root: &Path,
    canon_root: &Path,
    dir: ProjectDir,
    diags: &mut Vec<Diagnostic>,
) -> ProjectDir {
    let start = dir.dir.clone();
    let follow = !dir.linked;
    let mut tree = Tree {
        projects: vec![dir],
        ..Tree::default()
    };
    let mut w = Walker {
        root,
        canon_root,
        tree: &mut tree,
        diags,
        shallow: false,
    };
    w.walk_from(&start, 2, follow);
    let mut dir = tree.projects.pop().expect("the project pushed above");
    dir.updates.sort();
    dir
}

struct Walker<'a> {
    root: &'a Path,
    canon_root: &'a Path,
    tree: &'a mut Tree,
    diags: &'a mut Vec<Diagnostic>,
    /// Stop at project folders (listed later by [`walk_project`]).
    shallow: bool,
}

impl Walker<'_> {
    /// Walks the folder `start` (relative to the root, `depth` levels below it). Symbolic links
    /// are not followed by the walk itself (file types come from the directory listing, no
    /// `stat` per entry); a link is checked to stay inside the content folder, then read
    /// through (a file) or walked (a folder, when `follow`: links inside a linked folder are not
    /// followed again, so no link cycle can make the walk endless).
    fn walk_from(&mut self, start: &Path, depth: usize, follow: bool) {
        let base = self.root.join(start);
        let mut it = WalkDir::new(&base)
            .follow_links(false)
            .min_depth(1)
            .max_depth(LAYOUT_DEPTH - depth)
            .sort_by_file_name()
            .into_iter();
        while let Some((entry, rel)) = next_entry(&mut it, &base, start, self.diags) {
            let name = entry.file_name().to_string_lossy();
            let ft = entry.file_type();
            let mut is_dir = ft.is_dir();
            let mut linked_dir = false;
            if ft.is_symlink() {
                match self.link_target(entry.path(), &rel) {
                    Some(meta) if meta.is_dir() && follow => {
                        is_dir = true;
                        linked_dir = true;
                    }
                    Some(meta) if meta.is_dir() => {
                        self.diags.push(
                            Diagnostic::error(
                                "unreadable",
                                &rel,
                                0,
                                0,
                                "symbolic link to a folder inside a linked folder",
                            )
                            .expected("at most one level of linked folders")
                            .hint("link the files or the outer folder only"),
                        );
                        continue;
                    }
                    Some(meta) if meta.is_file() => {}
                    Some(_) => {
                        self.diags.push(not_a_file(&rel));
                        continue;
                    }
                    None => continue,
                }
            } else if !is_dir && !ft.is_file() {
                self.diags.push(not_a_file(&rel));
                continue;
            }
            let parts: Vec<&str> = rel
                .components()
                .map(|c| c.as_os_str().to_str().unwrap_or("\u{FFFD}"))
                .collect();
            let projects = self.tree.projects.len();
            let skip = classify(&parts, &rel, &name, is_dir, self.tree, self.diags);
            if self.tree.projects.len() > projects {
                if let Some(p) = self.tree.projects.last_mut() {
                    p.linked = linked_dir || !follow;
                }
            }
            if self.shallow && is_dir && parts.len() == 2 && parts[0] == "projects" {
                if ft.is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
            if linked_dir {
                // Not descended into by the walk (a link): walk its target here, unless refused.
                let d = depth + entry.depth();
                if !skip && d < LAYOUT_DEPTH {
                    self.walk_from(&rel, d, false);
                }
            } else if is_dir && skip {
                it.skip_current_dir();
            }
        }
    }

    /// The metadata of a link's target when it lies inside the content folder; otherwise the
    /// problem is reported and `None` returned.
    fn link_target(&mut self, path: &Path, rel: &Path) -> Option<std::fs::Metadata> {
        let target = match path.canonicalize() {
            Ok(t) => t,
            Err(_) => {
                self.diags.push(
                    Diagnostic::error(
                        "unreadable",
                        rel,
                        0,
                        0,
                        "broken symbolic link (its target is missing, or it loops)",
                    )
                    .hint("point the link at an existing file inside the content folder, or remove it"),
                );
                return None;
            }
        };
        if !target.starts_with(self.canon_root) {
            self.diags.push(
                Diagnostic::error(
                    "symlink-outside",
                    rel,
                    0,
                    0,
                    "symbolic link pointing outside the content folder",
                )
                .found(match std::fs::read_link(path) {
                    Ok(t) => format!("a link to `{}`", t.display()),
                    Err(_) => "a symbolic link".to_string(),
                })
                .expected("files inside the content folder")
                .hint("copy the file into the content folder instead of linking to it"),
            );
            return None;
        }
        std::fs::metadata(&target).ok()
    }
}

/// Lists the time exports under `time/` (any depth, sorted by path): the `.csv` files; other
/// files are strays (a warning). Symbolic links are followed only when they resolve inside
/// the content folder.
pub(super) fn walk_time(
    root: &Path,
    canon_root: &Path,
    time: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let base = root.join(time);
    let mut it = WalkDir::new(&base)
        .follow_links(false)
        .min_depth(1)
        .max_depth(16)
        .sort_by_file_name()
        .into_iter();
    while let Some((entry, rel)) = next_entry(&mut it, &base, time, diags) {
        let name = entry.file_name().to_string_lossy();
        let mut is_file = entry.file_type().is_file();
        if entry.file_type().is_symlink() {
            let mut w = Walker {
                root,
                canon_root,
                tree: &mut Tree::default(),
                diags,
                shallow: false,
            };
            match w.link_target(entry.path(), &rel) {
                Some(meta) if meta.is_file() => is_file = true,
                Some(_) => {
                    diags.push(not_a_file(&rel));
                    continue;
                }
                None => continue,
            }
        } else if entry.file_type().is_dir() {
            continue;
        }
        if !is_file {
            diags.push(not_a_file(&rel));
        } else if name.to_ascii_lowercase().ends_with(".csv") {
            out.push(rel);
        } else {
            diags.push(
                Diagnostic::warning("unknown-file", &rel, 0, 0, "unknown file in `time/`, ignored")
                    .expected("time exports saved as `.csv` files")
                    .hint("save the export as CSV, or move the file out of `time/`"),
            );
        }
    }
    out
}

/// The next entry of a walk of `base` (the folder `start` of the content) with its path
/// relative to the content root. An entry that cannot be read is reported in `diags` and passed
/// over, a hidden one (its name starts with `.`) passed over with all below it.
fn next_entry(
    it: &mut walkdir::IntoIter,
    base: &Path,
    start: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(walkdir::DirEntry, PathBuf)> {
    while let Some(next) = it.next() {
        let entry = match next {
            Ok(e) => e,
            Err(e) => {
                let rel = start.join(
                    e.path()
                        .and_then(|p| p.strip_prefix(base).ok())
                        .unwrap_or(Path::new("")),
                );
                diags.push(Diagnostic::error(
                    "unreadable",
                    rel,
                    0,
                    0,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            if entry.file_type().is_dir() {
                it.skip_current_dir();
            }
            continue;
        }
        let rel = start.join(entry.path().strip_prefix(base).unwrap_or(entry.path()));
        return Some((entry, rel));
    }
    None
}

fn not_a_file(rel: &Path) -> Diagnostic {
    Diagnostic::error("not-a-file", rel, 0, 0, "not a regular file")
        .expected("regular files and folders only")
        .hint("remove it from the content folder")
}

/// Reads a content file: at most [`yaml::MAX_FILE_BYTES`], UTF-8 (a byte-order mark is
/// dropped). `rel` is the path reported.
pub(super) fn read_text(root: &Path, rel: &Path) -> Result<String, Box<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        Box::new(Diagnostic::error(
            "unreadable",
            rel,
            0,
            0,
            format!("cannot read the file: {e}"),
        ))
    };
    let mut file = std::fs::File::open(root.join(rel)).map_err(unreadable)?;
    // Most content files are a few kilobytes: one `read` into a buffer of this size, and a
    // short read (the end of a regular file) ends it, so a file costs open, read and close.
    const FIRST: usize = 8 * 1024;
    let mut buf = vec![0u8; FIRST];
    let n = loop {
        match file.read(&mut buf) {
            Ok(n) => break n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable(e)),
        }
    };
    buf.truncate(n);
    if n == FIRST {
        file.take(yaml::MAX_FILE_BYTES as u64 + 1 - FIRST as u64)
            .read_to_end(&mut buf)
            .map_err(unreadable)?;
    }
    // One UTF-8 validation on the happy path; `decode` words the problem otherwise.
    if buf.len() <= yaml::MAX_FILE_BYTES && !buf.starts_with(b"\xEF\xBB\xBF") && !buf.contains(&0) {
        match String::from_utf8(buf) {
            Ok(text) => return Ok(text),
            Err(e) => buf = e.into_bytes(),
        }
    }
    Ok(yaml::decode(rel, &buf)?.to_string())
}
