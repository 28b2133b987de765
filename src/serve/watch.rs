//! File watching for `folio serve`: notify-debouncer-full, keeping only changes, and watching
//! again a folder that was deleted and recreated.
//!
//! notify reports reads too (inotify `OPEN`/`CLOSE_NOWRITE` → `EventKind::Access`); a build
//! reads every content file, so counting those would rebuild forever. notify-debouncer-full
//! keeps each event's kind, so reads are dropped here (notify-debouncer-mini cannot tell reads
//! from writes).
//!
//! A watch belongs to a folder, not to its name: after `rm -rf content && git checkout
//! content` (or a branch switch that replaces the folder) the old folder is gone and nothing
//! would ever be reported again. So every watched root is checked a few times a second, and
//! watched again when it comes back as a different folder.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::Context;
use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

/// How often the watched roots are checked for having been removed or replaced.
const ROOT_CHECK: Duration = Duration::from_millis(250);

/// Watches folders and hands out batches of changed paths.
pub struct Changes {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: Receiver<DebounceEventResult>,
    roots: Vec<Root>,
    pending: VecDeque<Batch>,
}

/// A watched folder: the identity of the folder last watched under that name, and whether
/// that watch is still alive (it dies with its folder).
struct Root {
    path: PathBuf,
    id: Option<FolderId>,
    watching: bool,
}

/// What one wait produced.
#[derive(Debug, PartialEq, Eq)]
pub enum Batch {
    /// Changed paths (sorted, deduplicated, editor noise removed; never empty).
    Changed(Vec<PathBuf>),
    /// The watcher reported a problem; watching goes on.
    Error(String),
    /// A watched folder was removed; it is watched again when it comes back.
    Lost(PathBuf),
    /// A watched folder came back (recreated or replaced) and is watched again.
    Rewatched(PathBuf),
}

impl Changes {
    /// Starts watching every folder of `dirs` recursively; a change is reported once nothing
    /// more happened to that path for `debounce`.
    pub fn watch(dirs: &[PathBuf], debounce: Duration) -> anyhow::Result<Changes> {
        let (tx, rx) = mpsc::channel();
        let mut debouncer = new_debouncer(debounce, None, tx).context("cannot start the file watcher")?;
        let mut roots = Vec::new();
        for dir in dirs {
            debouncer
                .watch(dir, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", dir.display()))?;
            roots.push(Root {
                path: dir.clone(),
                id: folder_id(dir),
                watching: true,
            });
        }
        Ok(Changes {
            debouncer,
            rx,
            roots,
            pending: VecDeque::new(),
        })
    }

    /// Waits up to [`ROOT_CHECK`] for events, then checks the roots; queues what it found.
    /// `None` when the watcher is gone.
    fn step(&mut self) -> Option<()> {
        match self.rx.recv_timeout(ROOT_CHECK) {
            Ok(Ok(events)) => {
                for e in &events {
                    if matches!(e.event.kind, EventKind::Remove(_)) {
                        // The watch of a removed root died with it, even if a folder of the
                        // same name (and maybe the same inode number) is already back.
                        for root in &mut self.roots {
                            root.watching &= !e.event.paths.contains(&root.path);
                        }
                    }
                }
                let mut changed: Vec<PathBuf> = events.into_iter().flat_map(|e| relevant(e.event)).collect();
                changed.sort();
                changed.dedup();
                if !changed.is_empty() {
                    self.pending.push_back(Batch::Changed(changed));
                }
            }
            Ok(Err(errors)) => {
                let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                self.pending.push_back(Batch::Error(text.join("; ")));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
        self.check_roots();
        Some(())
    }

    /// Notes roots that disappeared, and watches again those that came back as another folder.
    fn check_roots(&mut self) {
        for root in &mut self.roots {
            let now = folder_id(&root.path);
            if root.watching && now == root.id {
                continue;
            }
            if now.is_none() {
                if root.watching || root.id.is_some() {
                    self.pending.push_back(Batch::Lost(root.path.clone()));
                }
                root.watching = false;
                root.id = None;
                continue;
            }
            // The old watch died with the old folder; notify may still list it.
            let _ = self.debouncer.unwatch(&root.path);
            match self.debouncer.watch(&root.path, RecursiveMode::Recursive) {
                Ok(()) => {
                    root.watching = true;
                    root.id = now;
                    self.pending.push_back(Batch::Rewatched(root.path.clone()));
                }
                Err(e) => {
                    // Retried at the next check; said once.
                    if root.id.is_some() {
                        let msg = format!("cannot watch {}: {e}", root.path.display());
                        self.pending.push_back(Batch::Error(msg));
                    }
                    root.watching = false;
                    root.id = None;
                }
            }
        }
    }
}

impl Iterator for Changes {
    type Item = Batch;

    /// Blocks until something changed (or a watched folder went or came back). `None` when
    /// the watcher is gone.
    fn next(&mut self) -> Option<Batch> {
        loop {
            if let Some(batch) = self.pending.pop_front() {
                return Some(batch);
            }
            self.step()?;
        }
    }
}

/// Which folder a path names right now: device and inode on Unix, so a folder deleted and
/// recreated under the same name is told apart; elsewhere only whether it exists.
type FolderId = (u64, u64);

fn folder_id(p: &Path) -> Option<FolderId> {
    let meta = std::fs::metadata(p).ok().filter(std::fs::Metadata::is_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// The paths of an event that changes something (not a read, not an access-time update),
/// without editor swap and backup files.
fn relevant(ev: Event) -> Vec<PathBuf> {
    let change = match ev.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
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
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(relevant(ev(open)).is_empty());
        let close_read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(relevant(ev(close_read)).is_empty());
        let write = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
        assert_eq!(relevant(ev(write)), vec![p.clone()]);
        let close_write = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert_eq!(relevant(ev(close_write)), vec![p.clone()]);
    }

    /// The next batch within `wait`, if any.
    fn next_within(changes: &mut Changes, wait: Duration) -> Option<Batch> {
        let end = std::time::Instant::now() + wait;
        while std::time::Instant::now() < end {
            if let Some(batch) = changes.pending.pop_front() {
                return Some(batch);
            }
            changes.step()?;
        }
        None
    }

    #[test]
    fn a_write_is_reported_once_and_a_read_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut changes = Changes::watch(&[dir.path().to_path_buf()], Duration::from_millis(100)).unwrap();
        let f = dir.path().join("a.md");
        std::fs::write(&f, "one").unwrap();
        std::fs::write(&f, "two").unwrap();
        let Some(Batch::Changed(paths)) = changes.next() else {
            panic!("no change reported")
        };
        assert!(paths.iter().any(|p| p.ends_with("a.md")), "{paths:?}");
        // On a busy machine the second write can come after the debounce window: let the
        // writes' events settle first.
        while let Ok(Ok(_)) = changes.rx.recv_timeout(Duration::from_millis(400)) {}
        // Reading the file afterwards is not a change: nothing more arrives.
        let _ = std::fs::read_to_string(&f).unwrap();
        let mut more = Vec::new();
        let t = std::time::Instant::now();
        while t.elapsed() < Duration::from_millis(600) {
            if let Ok(Ok(events)) = changes.rx.recv_timeout(Duration::from_millis(100)) {
                more.extend(events.into_iter().flat_map(|e| relevant(e.event)));
            }
        }
        assert!(more.is_empty(), "{more:?}");
    }

    #[test]
    fn a_folder_deleted_and_recreated_is_watched_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content");
        std::fs::create_dir(&dir).unwrap();
        let mut changes = Changes::watch(std::slice::from_ref(&dir), Duration::from_millis(50)).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::create_dir(&dir).unwrap();
        let mut seen = Vec::new();
        let rewatched = loop {
            match next_within(&mut changes, Duration::from_secs(5)) {
                Some(Batch::Rewatched(p)) => break p,
                Some(other) => seen.push(other),
                None => panic!("the new folder was never watched; saw {seen:?}"),
            }
        };
        assert_eq!(rewatched, dir);
        std::fs::write(dir.join("a.md"), "x").unwrap();
        loop {
            match next_within(&mut changes, Duration::from_secs(5)) {
                Some(Batch::Changed(paths)) if paths.iter().any(|p| p.ends_with("a.md")) => break,
                Some(_) => {}
                None => panic!("a write in the recreated folder was not reported"),
            }
        }
    }
}
