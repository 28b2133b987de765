//! Test helpers shared by the library's unit tests and the integration tests (which include
//! this file with `#[path]` in `tests/testsuite/main.rs` and the `folio` crate's lib.rs).

use std::path::Path;

/// Copies the folder `from` (recursively, symbolic links not followed) to `to`.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}
