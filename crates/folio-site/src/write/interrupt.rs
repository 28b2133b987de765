//! Clean-up when a build is interrupted: on SIGINT or SIGTERM (Ctrl-C, a CI job cancelled),
//! the temporary folders of the write stage are deleted before the process exits, and a swap
//! of the output folder in progress is finished first, so the output is the old site or the
//! new one. SIGKILL cannot be caught: the next build removes what it leaves (see
//! `write::remove_stale`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Set by the handler: the writers stop creating files.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Temporary folders to delete if the process is interrupted, as (parent folder, name prefix):
/// registered before the folder is made, so there is no instant when it exists untracked.
static TRACKED: Mutex<Vec<(PathBuf, String)>> = Mutex::new(Vec::new());
/// Held while the output folder is being swapped; the handler waits for it.
static CRITICAL: Mutex<()> = Mutex::new(());

/// Exit status after an interruption (128 + SIGINT, as shells report it).
pub const INTERRUPTED: i32 = 130;

fn lock<T>(m: &'static Mutex<T>) -> MutexGuard<'static, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Installs the SIGINT/SIGTERM handler (once per process; the CLI calls it at start-up).
pub fn install() -> anyhow::Result<()> {
    ctrlc::set_handler(|| {
        STOPPING.store(true, Ordering::SeqCst);
        let _critical = lock(&CRITICAL);
        for (parent, prefix) in lock(&TRACKED).drain(..) {
            let Ok(entries) = std::fs::read_dir(&parent) else {
                continue;
            };
            for entry in entries.flatten() {
                if !entry.file_name().to_string_lossy().starts_with(&prefix) {
                    continue;
                }
                let path = entry.path();
                // Writer threads may still be creating a file or two: retry until it is gone.
                for _ in 0..100 {
                    if std::fs::remove_dir_all(&path).is_ok() || !path.exists() {
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
            }
        }
        std::process::exit(INTERRUPTED);
    })?;
    Ok(())
}

/// Ignores SIGXFSZ, the signal a file-size limit (`ulimit -f`, `RLIMIT_FSIZE`) sends to a
/// process writing past it, whose default action kills the process without any clean-up: a
/// `folio report` left its `.tmpXXXX` file behind. Ignored, the write fails with `EFBIG` ("File
/// too large"), which is reported as an error, and the temporary file or folder is removed as
/// after any failed write. The CLI calls it at start-up, for every command.
pub fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code; it is
    // async-signal-safe and touches no Rust state.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

/// Temporary folders registered for deletion on interrupt, until dropped.
#[must_use]
pub struct Tracked((PathBuf, String));

impl Drop for Tracked {
    fn drop(&mut self) {
        lock(&TRACKED).retain(|p| p != &self.0);
    }
}

/// Registers the folders in `parent` whose names start with `prefix` (which must be unique to
/// this process) for deletion if the process is interrupted while the guard lives.
pub fn track(parent: &Path, prefix: &str) -> Tracked {
    let entry = (parent.to_path_buf(), prefix.to_string());
    lock(&TRACKED).push(entry.clone());
    Tracked(entry)
}

/// A section the interrupt handler waits for (the swap of the output folder).
pub fn critical() -> MutexGuard<'static, ()> {
    lock(&CRITICAL)
}

/// Whether an interruption is being handled (writers stop early).
pub fn stopping() -> bool {
    STOPPING.load(Ordering::Relaxed)
}
