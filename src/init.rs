//! `folio init DIR`: a new content repository (portfolio.yaml, a sample program, project and
//! update, `.gitlab-ci.yml`, README) that passes `folio check` and builds at once.

use std::path::{Path, PathBuf};

/// Creates the repository in `dir` (absent or empty). Returns the files written.
pub fn init(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let _ = dir;
    anyhow::bail!("`folio init` is not implemented yet")
}
