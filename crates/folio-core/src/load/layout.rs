//! The layout of a content folder (see docs/content.md): which entry is which file, which is a mistake (an
//! error: a `.yml` or `.yaml` where a `.md` update belongs, a bad id, an update not named by a
//! date) and which is a stray (a warning). Hidden entries and a `themes/` folder at the root are
//! ignored silently.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostics::{closest, Diagnostic};

/// The files of a content folder, paths relative to the root.
#[derive(Debug, Default)]
pub(super) struct Tree {
    /// The content root, canonicalized (links must resolve inside it).
    pub canon_root: PathBuf,
    pub portfolio: Option<PathBuf>,
    /// `pipeline.yaml`, if present.
    pub pipeline: Option<PathBuf>,
    /// `(id, path)`, sorted by id; only well-formed ids.
    pub programs: Vec<(String, PathBuf)>,
    /// Sorted by id; only well-formed ids.
    pub projects: Vec<ProjectDir>,
    /// `people.yaml`, if present.
    pub people: Option<PathBuf>,
    /// The `time/` folder, if present (its exports are listed by `walk::walk_time`).
    pub time: Option<PathBuf>,
}

/// One `projects/<id>/` folder.
#[derive(Debug)]
pub(crate) struct ProjectDir {
    pub id: String,
    /// `projects/<id>`.
    pub dir: PathBuf,
    /// `projects/<id>/project.yaml`, if present.
    pub def: Option<PathBuf>,
    /// `(date, path)`, sorted by date; filled by [`walk_project`].
    pub updates: Vec<(NaiveDate, PathBuf)>,
    /// Reached through a symbolic link: links inside it are not followed.
    pub linked: bool,
}

/// True when `id` is a name Windows reserves for a device (`con`, `aux`, `nul`, `prn`,
/// `com1`–`com9`, `lpt1`–`lpt9`): a file or folder of that name cannot be checked out there.
pub(super) fn is_windows_reserved(id: &str) -> bool {
    let b = id.as_bytes();
    matches!(id, "con" | "aux" | "nul" | "prn")
        || (b.len() == 4 && (id.starts_with("com") || id.starts_with("lpt")) && (b'1'..=b'9').contains(&b[3]))
}

/// True when `id` is a valid program or project id: `^[a-z0-9][a-z0-9-]{0,63}$`, and not a
/// name Windows reserves.
pub fn is_valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !is_windows_reserved(id)
        && !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// The date of an update file name `YYYY-MM-DD.md`, strictly in that form.
pub fn date_of_name(stem: &str) -> Option<NaiveDate> {
    let b = stem.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::from_ymd_opt(
        stem[0..4].parse().ok()?,
        stem[5..7].parse().ok()?,
        stem[8..10].parse().ok()?,
    )
}

fn id_error(kind: &str, path: &Path, id: &str) -> Diagnostic {
    let suggestion: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    let mut d = Diagnostic::error("invalid-id", path, 0, 0, format!("invalid {kind} id `{id}`"))
        .found(format!("`{id}`"))
        .expected(
            "lowercase letters, digits and `-`, starting with a letter or digit, at most 64 characters, not a Windows device name (`con`, `aux`, `nul`, `prn`, `com1`-`com9`, `lpt1`-`lpt9`)",
        );
    if is_windows_reserved(id) {
        d = d.hint(format!(
            "`{id}` is a device name on Windows, where a file or folder of that name cannot be checked out: rename it, e.g. to `{id}-1` (the id becomes part of page URLs)"
        ));
    } else if is_valid_id(&suggestion) {
        d = d.hint(format!(
            "rename it to `{suggestion}` (the id becomes part of page URLs)"
        ));
    } else {
        d = d.hint("rename it (the id becomes part of page URLs)");
    }
    d
}

fn stray(path: &Path, is_dir: bool, expected: &str) -> Diagnostic {
    let what = if is_dir { "folder" } else { "file" };
    Diagnostic::warning("unknown-file", path, 0, 0, format!("unknown {what}, ignored"))
        .expected(expected.to_string())
        .hint("move or remove it if it is not meant to be here (see docs/content.md for the layout)")
}

fn ext(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// Sorts one entry into the tree; returns true when a folder must not be descended into.
pub(super) fn classify(
    parts: &[&str],
    rel: &Path,
    name: &str,
    is_dir: bool,
    tree: &mut Tree,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match (parts, is_dir) {
        (["portfolio.yaml"], false) => tree.portfolio = Some(rel.to_path_buf()),
        (["pipeline.yaml"], false) => tree.pipeline = Some(rel.to_path_buf()),
        (["pipeline.yml"], false) => diags.push(
            Diagnostic::error(
                "misnamed-file",
                rel,
                0,
                0,
                "the pipeline file must be named `pipeline.yaml`",
            )
            .hint("rename `pipeline.yml` to `pipeline.yaml`"),
        ),
        (["programs" | "projects"], true) => return false,
        (["themes"], true) => return true,
        (["people.yaml"], false) => tree.people = Some(rel.to_path_buf()),
        (["time"], true) => {
            tree.time = Some(rel.to_path_buf());
            return true;
        }
        (["programs" | "projects"], false) => diags.push(
            Diagnostic::error(
                "misplaced-file",
                rel,
                0,
                0,
                format!("`{name}` must be a folder, not a file"),
            )
            .expected(format!("a `{name}/` folder"))
            .hint(format!(
                "remove or rename the file `{name}` and create the folder `{name}/`"
            )),
        ),
        (["portfolio.yml"], false) => diags.push(
            Diagnostic::error(
                "misnamed-file",
                rel,
                0,
                0,
                "the settings file must be named `portfolio.yaml`",
            )
            .hint("rename `portfolio.yml` to `portfolio.yaml`"),
        ),
        ([_], true) => {
            let mut d = stray(rel, true, "`programs/`, `projects/` and `portfolio.yaml`");
            if let Some(c) = closest(name, ["programs", "projects"]) {
                d = d.hint(format!("did you mean `{c}`?"));
            }
            diags.push(d);
            return true;
        }
        ([_], false) => {
            if matches!(ext(name), "yaml" | "yml") {
                diags.push(stray(rel, false, "`portfolio.yaml` or `pipeline.yaml`"));
            }
        }
        (["programs", _], false) if matches!(ext(name), "yaml" | "yml") => {
            let (id, e) = name.rsplit_once('.').unwrap_or((name, ""));
            if e == "yml" {
                diags.push(
                    Diagnostic::error("misnamed-file", rel, 0, 0, "program files end in `.yaml`")
                        .hint(format!("rename it to `{id}.yaml`")),
                );
            } else if !is_valid_id(id) {
                diags.push(id_error("program", rel, id));
            } else {
                tree.programs.push((id.to_string(), rel.to_path_buf()));
            }
        }
        (["programs", _], _) => {
            diags.push(stray(rel, is_dir, "`programs/<program-id>.yaml` files"));
            return true;
        }
        (["projects", id], true) => {
            if !is_valid_id(id) {
                diags.push(id_error("project", rel, id));
                return true;
            }
            tree.projects.push(ProjectDir {
                id: id.to_string(),
                dir: rel.to_path_buf(),
                def: None,
                updates: Vec::new(),
                linked: false,
            });
        }
        (["projects", _], false) => {
            let d = if matches!(ext(name), "yaml" | "yml") {
                Diagnostic::error("misplaced-file", rel, 0, 0, "a project is a folder, not a file")
                    .expected("`projects/<project-id>/project.yaml`")
                    .hint("move this file to `projects/<project-id>/project.yaml`")
            } else {
                stray(rel, false, "`projects/<project-id>/` folders")
            };
            diags.push(d);
        }
        (["projects", _, "project.yaml"], false) => {
            if let Some(p) = tree.projects.last_mut() {
                p.def = Some(rel.to_path_buf());
            }
        }
        (["projects", _, "updates"], true) => return false,
        (["projects", _, "project.yml"], false) => diags.push(
            Diagnostic::error(
                "misnamed-file",
                rel,
                0,
                0,
                "the project definition must be named `project.yaml`",
            )
            .hint("rename `project.yml` to `project.yaml`"),
        ),
        (["projects", _, _], _) => {
            diags.push(stray(rel, is_dir, "`project.yaml` and `updates/`"));
            return true;
        }
        (["projects", _, "updates", _], false) => classify_update(rel, name, tree, diags),
        (["projects", _, "updates", _], true) => {
            diags.push(stray(rel, true, "`<YYYY-MM-DD>.md` update files"));
            return true;
        }
        _ => {}
    }
    false
}

fn classify_update(rel: &Path, name: &str, tree: &mut Tree, diags: &mut Vec<Diagnostic>) {
    let (stem, e) = name.rsplit_once('.').unwrap_or((name, ""));
    match e.to_ascii_lowercase().as_str() {
        "md" if e != "md" => diags.push(
            Diagnostic::error(
                "misnamed-file",
                rel,
                0,
                0,
                "update files end in `.md`, in lower case",
            )
            .found(format!("`{name}`"))
            .expected(format!("`{stem}.md`"))
            .hint(format!("rename it to `{stem}.md`")),
        ),
        "md" => match date_of_name(stem) {
            Some(date) if !super::rules::date_in_range(date) => {
                let (expected, hint) = super::rules::date_range_words();
                diags.push(
                    Diagnostic::error(
                        "out-of-range",
                        rel,
                        0,
                        0,
                        format!("update file name `{name}` is a date out of range"),
                    )
                    .found(format!("`{name}`"))
                    .expected(expected)
                    .hint(hint),
                );
            }
            Some(date) => {
                if let Some(p) = tree.projects.last_mut() {
                    p.updates.push((date, rel.to_path_buf()));
                }
            }
            None => {
                let looks_like_date = stem.len() == 10 && stem.as_bytes()[4] == b'-';
                diags.push(
                    Diagnostic::error(
                        "invalid-file-name",
                        rel,
                        0,
                        0,
                        if looks_like_date {
                            format!("update file name `{name}` is not a real date")
                        } else {
                            format!("update file name `{name}` is not a date")
                        },
                    )
                    .found(format!("`{name}`"))
                    .expected("`YYYY-MM-DD.md`, the date of the update, e.g. `2026-01-09.md`")
                    .hint("rename the file to the update's date; the file name is the update date"),
                );
            }
        },
        "yaml" | "yml" | "markdown" | "txt" => diags.push(
            Diagnostic::error("misnamed-file", rel, 0, 0, "updates must be Markdown files")
                .found(format!("`{name}`"))
                .expected("`YYYY-MM-DD.md`: a `---` fenced YAML front matter, then Markdown")
                .hint(format!(
                    "rename it to `{stem}.md` and fence the YAML between `---` lines"
                )),
        ),
        _ => diags.push(stray(rel, false, "`<YYYY-MM-DD>.md` update files")),
    }
}
