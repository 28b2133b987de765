//! File watching for `folio serve`: notify's recommended watcher plus a small debouncer that
//! keeps only changes.
//!
//! notify reports reads too (inotify `OPEN`/`CLOSE_NOWRITE` → `EventKind::Access`); a build
//! reads every content file, so counting those would rebuild forever. (This is why the
//! debouncer is ours and not notify-debouncer-mini, which cannot tell reads from writes.)

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context;
use notify::event::{AccessKind, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Watches folders and hands out batches of changed paths.
pub struct Changes {
    _watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<Event>>,
    debounce: Duration,
}

/// What one wait produced.
pub enum Batch {
    /// Changed paths (sorted, deduplicated, editor noise removed; never empty).
    Changed(Vec<PathBuf>),
    /// The watcher reported a problem; watching goes on.
    Error(String),
}

impl Changes {
    /// Starts watching every folder of `dirs` recursively.
    pub fn watch(dirs: &[PathBuf], debounce: Duration) -> anyhow::Result<Changes> {
        let (tx, rx) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).context("cannot start the file watcher")?;
        for dir in dirs {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", dir.display()))?;
        }
        Ok(Changes {
            _watcher: watcher,
            rx,
            debounce,
        })
    }

    /// Blocks until something changed and then stayed quiet for the debounce window.
    /// `None` when the watcher is gone.
    pub fn next(&self) -> Option<Batch> {
        let mut changed = Vec::new();
        loop {
            match self.rx.recv().ok()? {
                Ok(ev) => changed.extend(relevant(ev)),
                Err(e) => return Some(Batch::Error(e.to_string())),
            }
            if !changed.is_empty() {
                break;
            }
        }
        let mut quiet_until = Instant::now() + self.debounce;
        while let Some(left) = quiet_until.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok(Ok(ev)) => {
                    let more = relevant(ev);
                    if !more.is_empty() {
                        changed.extend(more);
                        quiet_until = Instant::now() + self.debounce;
                    }
                }
                Ok(Err(_)) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        Some(Batch::Changed(changed))
    }
}

/// The paths of an event that changes something (not a read, not an access-time update),
/// without editor swap and backup files.
fn relevant(ev: Event) -> Vec<PathBuf> {
    let change = match ev.kind {
        EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    };
    if !change {
        return Vec::new();
    }
    ev.paths.into_iter().filter(|p| !is_editor_noise(p)).collect()
}

/// Editor swap and backup files, which change without the content changing.
pub fn is_editor_noise(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_noise_is_ignored() {
        assert!(is_editor_noise(Path::new("a/.#x.md")));
        assert!(is_editor_noise(Path::new("a/x.md~")));
        assert!(is_editor_noise(Path::new("a/.x.md.swp")));
        assert!(!is_editor_noise(Path::new("a/2026-01-05.md")));
    }

    #[test]
    fn reads_are_not_changes() {
        let p = PathBuf::from("c/a.md");
        let ev = |kind| Event::new(kind).add_path(p.clone());
        let open = EventKind::Access(AccessKind::Open(notify::event::AccessMode::Any));
        assert!(relevant(ev(open)).is_empty());
        let close_read = EventKind::Access(AccessKind::Close(notify::event::AccessMode::Read));
        assert!(relevant(ev(close_read)).is_empty());
        let write = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
        assert_eq!(relevant(ev(write)), vec![p.clone()]);
        let close_write = EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write));
        assert_eq!(relevant(ev(close_write)), vec![p.clone()]);
    }

    #[test]
    fn a_write_is_reported_once_after_the_quiet_window() {
        let dir = tempfile::tempdir().unwrap();
        let changes = Changes::watch(&[dir.path().to_path_buf()], Duration::from_millis(100)).unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "one").unwrap();
        std::fs::write(&f, "two").unwrap();
        let Some(Batch::Changed(paths)) = changes.next() else {
            panic!("no change reported")
        };
        assert!(paths.iter().any(|p| p.ends_with("a.md")), "{paths:?}");
        // Reading the file afterwards is not a change: nothing more arrives.
        let _ = std::fs::read_to_string(&f).unwrap();
        assert!(changes
            .rx
            .recv_timeout(Duration::from_millis(300))
            .map(|e| relevant(e.unwrap()).is_empty())
            .unwrap_or(true));
    }
}
