//! `--watch`: the `--data` files read again when one changes. The operating
//! system tells of changes (through the `notify` crate: inotify, FSEvents,
//! kqueue or Windows' own), so nothing polls. Editors and exports write a
//! file in several steps (truncate, write, rename over), so a read waits for
//! [`QUIET`] after the last change; it runs on a thread of its own, as a
//! large file takes seconds, and what it gives is handed on for the
//! dashboard's loop.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::data::{Dataset, Format, LoadError, build};

/// How long the files must be left alone before they are read again.
pub const QUIET: Duration = Duration::from_millis(300);

/// What is read again, and how, as at the start.
pub struct Reading {
    pub paths: Vec<PathBuf>,
    pub format: Option<Format>,
    pub lenient: bool,
}

/// Watches the files of `reading` and, after each change, reads them again
/// on a thread of its own and gives `reloaded` the new data or why there is
/// none, with the paths no longer watched (their folder is gone: a change
/// to them cannot be seen), until `reloaded` says it wants no more (false). A path is watched
/// as given, through its folder, so that a file an editor replaces (written
/// aside, then renamed over it), a folder of Parquet parts removed and made
/// again, or a symbolic link pointed elsewhere (`ln -sfn`) is still seen;
/// after each change the watches are armed again on what the paths now
/// name (a folder of parts, a link's target).
pub fn start(
    reading: Reading,
    mut reloaded: impl FnMut(Result<Dataset, LoadError>, Vec<PathBuf>) -> bool + Send + 'static,
) -> notify::Result<()> {
    let mut watched = Watched::new(&reading.paths)?;
    let (changes, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(changes)?;
    for folder in &watched.folders {
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
    }
    std::thread::spawn(move || {
        while let Ok(event) = events.recv() {
            if !watched.concerns(&event) {
                continue;
            }
            let mut quiet_from = Instant::now() + QUIET;
            loop {
                let left = quiet_from.saturating_duration_since(Instant::now());
                match events.recv_timeout(left) {
                    Ok(event) if watched.concerns(&event) => quiet_from = Instant::now() + QUIET,
                    Ok(_) => {}
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let unwatched = watched.rearm(&mut watcher);
            // A panic while reading is this reload's error: the thread
            // lives on, and the terminal is left to the dashboard.
            let loaded = crate::data::load::parquet::caught(|| {
                build::load_files(&reading.paths, reading.format, reading.lenient)
            })
            .unwrap_or_else(|why| {
                let name = reading.paths.first().map(|path| path.display().to_string());
                Err(LoadError::file(
                    &name.unwrap_or_default(),
                    format!("the reload stopped on an internal error ({why}); the figures shown are from before"),
                ))
            });
            if !reloaded(loaded, unwatched) {
                return;
            }
        }
    });
    Ok(())
}

/// The folders watched, and the paths in them whose change counts.
struct Watched {
    /// The paths as given, made absolute without following a link at their
    /// end: the names whose folders are always watched.
    given: Vec<PathBuf>,
    folders: BTreeSet<PathBuf>,
    /// Data files, and folders of parts (any change inside counts), as
    /// given and as their links resolve, with their folders' full paths,
    /// as the watcher names them.
    paths: BTreeSet<PathBuf>,
}

impl Watched {
    fn new(paths: &[PathBuf]) -> notify::Result<Self> {
        let mut given = Vec::new();
        for path in paths {
            let full = std::fs::canonicalize(path)
                .map_err(|error| notify::Error::io(error).add_path(path.clone()))?;
            // A FIFO or a device would block or never end a reload.
            if !full.is_file() && !full.is_dir() {
                return Err(notify::Error::generic(
                    "only regular files and folders of Parquet parts are watched",
                )
                .add_path(path.clone()));
            }
            given.push(as_given(path, &full));
        }
        let mut watched = Self {
            given,
            folders: BTreeSet::new(),
            paths: BTreeSet::new(),
        };
        watched.folders = watched.wanted();
        Ok(watched)
    }

    /// The folders to watch for what the paths name now, the data paths
    /// among them noted in `paths`: each path's folder, the path itself
    /// where it is a folder of parts, and a link's target and its folder.
    fn wanted(&mut self) -> BTreeSet<PathBuf> {
        let mut folders = BTreeSet::new();
        self.paths.clear();
        for path in &self.given {
            let mut names = vec![path.clone()];
            // A link's target, while it has one.
            if let Ok(target) = std::fs::canonicalize(path)
                && target != *path
            {
                names.push(target);
            }
            for name in names {
                if name.is_dir() {
                    folders.insert(name.clone());
                }
                if let Some(parent) = name.parent() {
                    folders.insert(parent.to_path_buf());
                }
                self.paths.insert(name);
            }
        }
        folders
    }

    /// After a change: the folders the paths now name watched, those no
    /// longer named let go; the paths given whose folder cannot be watched
    /// (it is gone), of which no change can be seen any more. A folder
    /// removed and made again is a new folder to the system, so each folder
    /// of parts is armed again anyway.
    fn rearm(&mut self, watcher: &mut impl Watcher) -> Vec<PathBuf> {
        let wanted = self.wanted();
        for gone in self.folders.difference(&wanted) {
            let _ = watcher.unwatch(gone);
        }
        let mut lost = BTreeSet::new();
        for folder in &wanted {
            if !self.folders.contains(folder) || self.paths.contains(folder) || !folder.is_dir() {
                let _ = watcher.unwatch(folder);
                // One that cannot be watched (removed, not yet made again)
                // is tried again after the next change of another path's.
                if watcher.watch(folder, RecursiveMode::NonRecursive).is_err() {
                    lost.insert(folder.clone());
                }
            }
        }
        self.folders = wanted.difference(&lost).cloned().collect();
        self.given
            .iter()
            .filter(|path| path.parent().is_some_and(|folder| lost.contains(folder)))
            .cloned()
            .collect()
    }

    /// Whether `event` changed a data file or a folder of parts: reads
    /// (the reload's own among them) and other files do not count.
    fn concerns(&self, event: &notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else {
            // The watcher lost events (its queue overflowed): read again.
            return true;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        event
            .paths
            .iter()
            .any(|changed| self.paths.iter().any(|path| changed.starts_with(path)))
    }
}

/// `path` made absolute without following a link at its end: its folder's
/// full path and its own name (`full`, the path resolved, where it has no
/// name of its own, as `.` or `..`).
fn as_given(path: &Path, full: &Path) -> PathBuf {
    let parent = path.parent().map(|parent| {
        if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        }
    });
    match (parent.map(std::fs::canonicalize), path.file_name()) {
        (Some(Ok(folder)), Some(name)) => folder.join(name),
        _ => full.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note\n";

    fn folder(name: &str) -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("eurasia-dash-watch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).unwrap();
        folder
    }

    /// The reloads of `path`, as the dashboard's loop gets them.
    fn watch(path: &Path) -> mpsc::Receiver<Result<Dataset, LoadError>> {
        let (sender, reloads) = mpsc::channel();
        let reading = Reading {
            paths: vec![path.to_path_buf()],
            format: None,
            lenient: false,
        };
        start(reading, move |loaded, _| sender.send(loaded).is_ok()).unwrap();
        reloads
    }

    /// Generous: a loaded machine may be slow to tell, never this slow.
    const WAIT: Duration = Duration::from_secs(20);

    /// A native file of China's trade with Russia in 2020: `value` bn USD.
    fn write_trade(path: &Path, value: &str) {
        let csv = format!("{HEADER}trade,CHN,RUS,2020,{value},USD_BN,GACC,\n");
        std::fs::write(path, csv).unwrap();
    }

    /// The value of the one figure the next reload reads.
    fn next_value(reloads: &mpsc::Receiver<Result<Dataset, LoadError>>) -> f64 {
        let data = reloads.recv_timeout(WAIT).expect("a reload").expect("data");
        assert_eq!(data.observations().len(), 1);
        data.observations()[0].value
    }

    #[test]
    fn a_change_to_a_data_file_reads_it_again_and_a_bad_one_says_where() {
        let folder = folder("change");
        let path = folder.join("trade.csv");
        write_trade(&path, "107.8");
        let reloads = watch(&path);
        // Another file in the folder is no change of the data.
        std::fs::write(folder.join("notes.txt"), "not data").unwrap();
        write_trade(&path, "200.5");
        assert_eq!(next_value(&reloads), 200.5);
        // A file written in two steps, the last with a bad value: the error
        // names the file and the line. The first step may be read on its own
        // (the steps are further apart than QUIET on a loaded machine).
        std::fs::write(&path, format!("{HEADER}trade,CHN,RUS,2020,20")).unwrap();
        write_trade(&path, "x");
        let error = loop {
            match reloads.recv_timeout(WAIT).expect("a reload") {
                Ok(data) => assert_eq!({ data.observations()[0].value }, 20.0),
                Err(error) => break error,
            }
        };
        assert!(error.path.ends_with("trade.csv"), "{error}");
        assert_eq!(error.line, Some(2), "{error}");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_file_replaced_by_a_rename_is_still_watched() {
        let folder = folder("rename");
        let path = folder.join("trade.csv");
        write_trade(&path, "1");
        let reloads = watch(&path);
        for value in [2.0, 3.0] {
            let aside = folder.join(".trade.csv.swp");
            write_trade(&aside, &value.to_string());
            std::fs::rename(&aside, &path).unwrap();
            assert_eq!(next_value(&reloads), value);
        }
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_folder_of_parts_removed_and_made_again_is_still_watched() {
        let folder = folder("remade");
        let parts = folder.join("parts");
        std::fs::create_dir(&parts).unwrap();
        std::fs::write(parts.join("part-0.parquet"), "not yet").unwrap();
        let reloads = watch(&parts);
        std::fs::remove_dir_all(&parts).unwrap();
        std::fs::create_dir(&parts).unwrap();
        // Read again (an error: no Parquet), and the new folder armed.
        let _error = reloads.recv_timeout(WAIT).expect("a reload");
        while reloads.recv_timeout(QUIET * 3).is_ok() {}
        std::fs::write(parts.join("part-1.parquet"), "a part").unwrap();
        let _error = reloads
            .recv_timeout(WAIT)
            .expect("a change in the folder made again is seen");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_path_whose_folder_is_gone_is_said_no_longer_watched() {
        let folder = folder("gone");
        let inner = folder.join("inner");
        std::fs::create_dir(&inner).unwrap();
        let path = inner.join("trade.csv");
        write_trade(&path, "1");
        let (sender, reloads) = mpsc::channel();
        let reading = Reading {
            paths: vec![path.clone()],
            format: None,
            lenient: false,
        };
        start(reading, move |loaded, unwatched| {
            sender.send((loaded.is_ok(), unwatched)).is_ok()
        })
        .unwrap();
        // A file changed, its folder still there: watched.
        write_trade(&path, "2");
        let (read, unwatched) = reloads.recv_timeout(WAIT).expect("a reload");
        assert!(read && unwatched.is_empty(), "{unwatched:?}");
        std::fs::remove_dir_all(&inner).unwrap();
        let (read, unwatched) = reloads.recv_timeout(WAIT).expect("a reload");
        assert!(!read);
        let full = std::fs::canonicalize(&folder)
            .unwrap()
            .join("inner/trade.csv");
        assert_eq!(unwatched, [full]);
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn a_link_pointed_elsewhere_is_read_and_its_new_target_watched() {
        let folder = folder("relink");
        let (first, second) = (folder.join("first"), folder.join("second"));
        std::fs::create_dir(&first).unwrap();
        std::fs::create_dir(&second).unwrap();
        write_trade(&first.join("trade.csv"), "1");
        write_trade(&second.join("trade.csv"), "2");
        let link = folder.join("trade.csv");
        std::os::unix::fs::symlink(first.join("trade.csv"), &link).unwrap();
        let reloads = watch(&link);
        // As `ln -sfn` does it: a new link made aside, renamed over.
        let aside = folder.join(".trade.csv.new");
        std::os::unix::fs::symlink(second.join("trade.csv"), &aside).unwrap();
        std::fs::rename(&aside, &link).unwrap();
        assert_eq!(next_value(&reloads), 2.0);
        // The new target, in a folder not watched at the start.
        write_trade(&second.join("trade.csv"), "3");
        assert_eq!(next_value(&reloads), 3.0);
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
