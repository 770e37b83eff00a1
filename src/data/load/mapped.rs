//! A regular file's bytes given to a loader by mapping the file rather than
//! by reading it: `read` copies every byte from the kernel's page cache into
//! our blocks, a tenth to a sixth of a large file's load on one thread. The
//! pages already parsed are let go as the load goes on, so resident memory
//! holds a window of the file, not all of it.
//!
//! Only for loads made before the terminal enters raw mode (the initial load,
//! `--check`, `--print`): see the safety note of [`Mapped::new`].

use std::cell::Cell;
use std::ffi::c_void;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use rustix::mm::{Advice, MapFlags, ProtFlags};

/// Pages are let go in steps of this many bytes, a multiple of any page
/// size Linux uses (4 KiB to 64 KiB), so that every `madvise` is aligned.
const RELEASE_STEP: usize = 64 * 1024;

/// A regular file mapped whole, read only.
pub(crate) struct Mapped {
    start: *mut c_void,
    len: usize,
    /// The bytes before this are let go (see [`Mapped::release`]).
    released: Cell<usize>,
    /// The file itself, for the general reader that may read the rest.
    file: File,
}

impl Mapped {
    /// Maps a regular, non-empty file; `None` for anything else (a pipe, a
    /// FIFO, `/dev/stdin`, a device, an empty file) or when it cannot be
    /// mapped: those are read as a stream.
    pub(crate) fn new(file: &File) -> Option<Mapped> {
        let metadata = file.metadata().ok()?;
        if !metadata.is_file() || metadata.len() == 0 {
            return None;
        }
        let len = usize::try_from(metadata.len()).ok()?;
        let file = file.try_clone().ok()?;
        // SAFETY: a new read-only mapping at an address the kernel chooses,
        // so no memory of ours is touched, and `Mapped` alone owns it. What
        // Rust cannot promise is that the bytes stay: a file truncated while
        // mapped raises SIGBUS when a page past its new end is read, which
        // ends the program. So files are mapped only for loads made before
        // the terminal enters raw mode (the initial load, `--check`,
        // `--print`), where that leaves the terminal as it was and the exit
        // status says the load failed; `--watch` reloads, which run while
        // the dashboard is drawn, read their files instead. A file rewritten
        // in place while mapped gives mixed bytes, as reading it would.
        let start = unsafe {
            rustix::mm::mmap(
                std::ptr::null_mut(),
                len,
                ProtFlags::READ,
                MapFlags::SHARED,
                &file,
                0,
            )
        }
        .ok()?;
        Some(Mapped {
            start,
            len,
            released: Cell::new(0),
            file,
        })
    }

    /// The file's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: `start` is a live mapping of `len` readable bytes (see
        // `new`) until `self` is dropped, and nothing of ours writes to it.
        unsafe { std::slice::from_raw_parts(self.start.cast::<u8>(), self.len) }
    }

    /// Lets the pages wholly before `upto` go from this process's memory
    /// (the page cache keeps them): what has been parsed stops counting in
    /// its resident memory, so a file of any size costs a window of it.
    pub(crate) fn release(&self, upto: usize) {
        let upto = upto.min(self.len) / RELEASE_STEP * RELEASE_STEP;
        let from = self.released.get();
        if upto <= from {
            return;
        }
        // SAFETY: the range lies in the mapping and starts page-aligned.
        // Dropping pages of a file mapping changes no byte a slice of it
        // reads: a page read again is the file's page again.
        let advised = unsafe {
            rustix::mm::madvise(
                self.start.cast::<u8>().add(from).cast(),
                upto - from,
                Advice::LinuxDontNeed,
            )
        };
        if advised.is_ok() {
            self.released.set(upto);
        }
    }

    /// The file from byte `from` on, read rather than mapped: for the
    /// general CSV reader, which reads what the fast readers hand over.
    pub(crate) fn rest(&self, from: usize) -> std::io::Result<impl Read + '_> {
        let mut file = &self.file;
        file.seek(SeekFrom::Start(from as u64))?;
        Ok(file)
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `new`, unmapped once; the slices of
        // it borrowed `self` and are gone.
        let _ = unsafe { rustix::mm::munmap(self.start, self.len) };
    }
}

/// A file of `bytes` written for a test, opened, and its name removed.
#[cfg(test)]
pub(crate) fn temp_file(name: &str, bytes: &[u8]) -> File {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let path = std::env::temp_dir().join(format!(
        "eurasia-dash-mapped-{name}-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, bytes).unwrap();
    let file = File::open(&path).unwrap();
    std::fs::remove_file(path).unwrap();
    file
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_maps_to_its_bytes_and_its_rest_reads_on_after_a_release() {
        let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let file = temp_file("bytes", &bytes);
        let mapped = Mapped::new(&file).unwrap();
        assert_eq!(mapped.bytes(), bytes.as_slice());
        mapped.release(200_000);
        assert_eq!(mapped.released.get(), 196_608);
        // Pages let go read back as the file's bytes.
        assert_eq!(mapped.bytes(), bytes.as_slice());
        let mut rest = Vec::new();
        mapped
            .rest(123_456)
            .unwrap()
            .read_to_end(&mut rest)
            .unwrap();
        assert_eq!(rest, &bytes[123_456..]);
    }

    fn csv_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                csv_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "csv") {
                found.push(path);
            }
        }
    }

    /// Every fixture the mapped readers read (native, BACI) gives exactly
    /// what reading it gives: figures, rows, skipped rows, errors, texts,
    /// and the bytes counted for the gauge.
    #[test]
    fn fixtures_mapped_load_as_they_load_read() {
        use crate::data::load::format;
        use crate::data::model::Texts;
        use std::sync::atomic::AtomicU64;
        let mut paths = Vec::new();
        csv_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut paths,
        );
        let mut mapped_files = 0;
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            let Ok(format) = format::detect(&name, &bytes) else {
                continue;
            };
            let Some(mapped) = format::map_for(format, &temp_file("fixture", &bytes)) else {
                continue;
            };
            mapped_files += 1;
            for lenient in [false, true] {
                let load = |mapped: Option<&format::MappedFile>| {
                    let mut texts = Texts::default();
                    let read = AtomicU64::default();
                    let result = match mapped {
                        Some(mapped) => mapped.parse(&name, &read, &mut texts, lenient),
                        None => format::parse_reader_as(
                            format,
                            &name,
                            bytes.as_slice(),
                            &read,
                            &mut texts,
                            lenient,
                        ),
                    };
                    let counted = result.as_ref().ok().map(|_| read.into_inner());
                    // The texts in their order (their index's order is random).
                    let texts = format!("{texts:?}");
                    let texts = texts.split(", ids:").next().unwrap_or("").to_string();
                    (format!("{result:?}"), texts, counted)
                };
                assert_eq!(load(Some(&mapped)), load(None), "{name}, lenient {lenient}");
            }
        }
        assert!(mapped_files >= 30, "{mapped_files} fixtures mapped");
    }

    #[test]
    fn pipes_and_empty_files_are_not_mapped() {
        assert!(Mapped::new(&temp_file("empty", b"")).is_none());
        let (reader, mut writer) = std::io::pipe().unwrap();
        writer.write_all(b"t,i,j,k,v,q\n").unwrap();
        let pipe = File::from(std::os::fd::OwnedFd::from(reader));
        assert!(Mapped::new(&pipe).is_none());
    }
}
