//! Write stage: puts a built site into the output folder atomically (SPEC §7).
//!
//! Files go to a temporary folder beside the output; only when all are written is it swapped
//! in. An existing, non-empty output folder without folio's marker file is refused.

use std::path::Path;

use crate::SiteFiles;

/// Name of the marker file that identifies an output folder as folio's.
pub const MARKER: &str = ".folio-output";

/// Writes `files` to `out`, replacing its previous contents only on success.
pub fn write_site(files: &SiteFiles, out: &Path) -> anyhow::Result<()> {
    let _ = (files, out);
    unimplemented!("write_site")
}
