//! Scaffolding: `folio new project`, `folio new update`. Never overwrites a file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

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
