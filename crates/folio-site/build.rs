//! Rebuilds folio when a file of the embedded default theme is added, removed or changed.
//!
//! `include_dir!` embeds `themes/default` (at the repository root) but does not tell cargo about files added after the
//! last build (include_dir#120), so a new template or stylesheet would be missing from the
//! binary until an unrelated source change. Watching the folder here makes cargo rebuild.

fn main() {
    // A folder: cargo scans everything under it for modifications.
    println!("cargo::rerun-if-changed=../../themes/default");
    // Listing any path turns off cargo's default (rerun on any change in the package), so
    // the build script itself is listed too.
    println!("cargo::rerun-if-changed=build.rs");
}
