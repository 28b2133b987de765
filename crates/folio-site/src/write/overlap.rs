//! Refuses an output folder that overlaps a folder folio reads: replacing the output deletes
//! everything in it, so content or a theme inside it (or the output inside either) would be
//! lost or read back on the next build.

use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context};

/// Fails when `out` is, contains or lies inside any of `inputs` (`(what, folder)` pairs, e.g.
/// `("content", …)`). Paths are compared after resolving symbolic links of the parts that exist.
pub fn refuse_overlap(out: &Path, inputs: &[(&str, &Path)]) -> anyhow::Result<()> {
    let out_abs = absolute(out)?;
    for (what, dir) in inputs {
        let dir_abs = absolute(dir)?;
        let why = if dir_abs == out_abs {
            "is the same folder as"
        } else if dir_abs.starts_with(&out_abs) {
            "lies inside"
        } else if out_abs.starts_with(&dir_abs) {
            "contains"
        } else {
            continue;
        };
        bail!(
            "refusing to build: the {what} folder `{}` {why} the output folder `{}`; the output \
             is deleted and replaced on every build, so choose an --output outside the {what} \
             folder",
            dir.display(),
            out.display()
        );
    }
    Ok(())
}

/// True when `path` is `dir` or lies inside it, compared as [`refuse_overlap`] does: after
/// resolving symbolic links of the parts that exist, and `.`/`..` in the rest. For a file that
/// must not land in the content folder (`folio report --output`).
pub fn lies_within(path: &Path, dir: &Path) -> anyhow::Result<bool> {
    Ok(absolute(path)?.starts_with(absolute(dir)?))
}

/// `p` made absolute, with symbolic links resolved in its longest existing ancestor and `.`/`..`
/// resolved in the rest.
fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .context("cannot read the current folder")?
            .join(p)
    };
    let mut existing = joined.as_path();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(c) = existing.canonicalize() {
            break c;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break existing.to_path_buf(),
        }
    };
    let mut out = base;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_equal_folders_are_refused_and_siblings_accepted() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::create_dir_all(root.join("pub/content")).unwrap();
        let content = root.join("pub/content");
        assert!(refuse_overlap(&root.join("pub"), &[("content", &content)]).is_err());
        assert!(refuse_overlap(&content, &[("content", &content)]).is_err());
        assert!(refuse_overlap(&content.join("out"), &[("content", &content)]).is_err());
        // A folder that does not exist yet, spelled with `..`.
        let odd = root.join("pub/content/../content/new");
        assert!(refuse_overlap(&odd, &[("content", &content)]).is_err());
        assert!(refuse_overlap(&root.join("public"), &[("content", &content)]).is_ok());
        // `pub` is a prefix of `public` as text, not as a path.
        assert!(refuse_overlap(&root.join("pu"), &[("content", &content)]).is_ok());
        assert!(lies_within(&content.join("a/../b.html"), &content).unwrap());
        assert!(!lies_within(&root.join("pub/x.html"), &content).unwrap());
        assert!(!lies_within(&root.join("pub/content/../x.html"), &content).unwrap());
    }
}
