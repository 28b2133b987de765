//! JSON Schemas of the content files (`folio schema`), generated from the model's structs.

use std::path::{Path, PathBuf};

/// Which content file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    Portfolio,
    Project,
    Update,
}

/// The JSON Schema of one kind of content file, pretty-printed.
pub fn schema(kind: SchemaKind) -> String {
    let _ = kind;
    unimplemented!("schema")
}

/// Writes `DIR/<kind>.schema.json` for all three kinds; returns the paths written.
pub fn write_all(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let _ = dir;
    anyhow::bail!("`folio schema --out` is not implemented yet")
}
