//! Scaffolding: `folio init`, `folio new project`, `folio new update`. Never overwrites a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// `folio init DIR`: a new content repository that builds at once. Returns the files written.
pub fn init(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let _ = dir;
    anyhow::bail!("`folio init` is not implemented yet")
}

/// `folio new project ID`: a commented `projects/<id>/project.yaml` skeleton.
pub fn new_project(content: &Path, id: &str) -> anyhow::Result<PathBuf> {
    let _ = (content, id);
    anyhow::bail!("`folio new project` is not implemented yet")
}

/// `folio new update PROJECT [--date]`: `updates/<date>.md` carried over from the latest update.
pub fn new_update(content: &Path, project: &str, date: NaiveDate) -> anyhow::Result<PathBuf> {
    let _ = (content, project, date);
    anyhow::bail!("`folio new update` is not implemented yet")
}
