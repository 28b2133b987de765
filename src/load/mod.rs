//! Load stage: walks the content folder, parses every file (YAML only through `crate::yaml`),
//! validates every rule of SPEC §2 and §7 and builds the typed [`Portfolio`]. All problems of a
//! run are collected, located by file, line and column, and returned together.

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::Portfolio;

/// A successfully loaded portfolio with the warnings (suspicious but valid content) found.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub warnings: Vec<Diagnostic>,
}

/// Loads and validates the content folder `root`.
///
/// `Err` holds every diagnostic found (errors and warnings), sorted by file and line.
pub fn load(root: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let _ = root;
    unimplemented!("load")
}
