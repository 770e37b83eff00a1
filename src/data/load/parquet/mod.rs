//! Parquet files, as DuckDB and Spark write them from data aggregated on a
//! cluster: one file, or a directory of part files, with the native columns
//! (`indicator,reporter,partner,period,value,unit[,source,note,currency]`)
//! or BACI's (`t,i,j,k,v[,q]`). A row means what the same row means in a
//! native or BACI CSV file: the same functions read it. Only the columns
//! needed are read, and row groups are read in parallel, their results
//! joined in row order.

mod bounds;
mod columns;
mod layout;
mod rows;
mod source;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use parquet::file::reader::{ChunkReader, FileReader};
use parquet::file::serialized_reader::SerializedFileReader;
use parquet::schema::types::SchemaDescriptor;

use super::FileLoad;
use super::baci::{self, Sums};
use super::error::LoadError;
use crate::data::model::Texts;
use rows::{Layout, Part, Place};
use source::PositionedFile;

/// The bytes a Parquet file starts and ends with.
pub const MAGIC: &[u8; 4] = b"PAR1";

/// Whether a file's first bytes are those of a Parquet file.
pub fn is_parquet(head: &[u8]) -> bool {
    head.starts_with(MAGIC)
}

/// Whether the file at `path` is a regular file that starts with Parquet's
/// magic bytes (not when it cannot be read: its loader says why). A pipe
/// (`/dev/stdin`) is never read here, which would take its first bytes; it
/// cannot be Parquet anyway, read from both ends.
pub fn starts_as_parquet(path: &Path) -> bool {
    let mut head = [0; 4];
    std::fs::metadata(path).is_ok_and(|metadata| metadata.is_file())
        && std::fs::File::open(path)
            .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut head))
            .is_ok_and(|()| is_parquet(&head))
}

/// Reads a Parquet file, or a directory of part files, from disk; `name`
/// is how messages name it.
pub fn load(
    path: &Path,
    name: &str,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let mut files = Vec::new();
    if path.is_dir() {
        for (path, name) in source::part_files(path, name)? {
            files.push(open(&path, name)?);
        }
    } else {
        files.push(open(path, name.to_string())?);
    }
    read(name, &files, texts, lenient)
}

/// Reads a Parquet file already in memory.
pub fn parse(
    path: &str,
    bytes: &[u8],
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let tail = &bytes[bytes.len().saturating_sub(MAGIC.len())..];
    source::check_magic(path, bytes.len() as u64, bytes, tail)?;
    let file = File::new(path.to_string(), bytes::Bytes::copy_from_slice(bytes))?;
    read(path, std::slice::from_ref(&file), texts, lenient)
}

/// One Parquet file opened: its footer read.
struct File<R: ChunkReader> {
    name: String,
    reader: SerializedFileReader<R>,
    /// The file's bytes, for its page headers to be checked.
    chunks: R,
}

impl<R: ChunkReader + Clone + 'static> File<R> {
    /// Reads the footer of the file `chunks` holds, and checks it.
    fn new(name: String, chunks: R) -> Result<Self, LoadError> {
        let len = chunks.len();
        bounds::check_footer_bytes(&name, &chunks)?;
        let reader =
            SerializedFileReader::new(chunks.clone()).map_err(|e| source::unreadable(&name, e))?;
        source::check_footer(&name, reader.metadata(), len)?;
        Ok(Self {
            name,
            reader,
            chunks,
        })
    }
}

fn open(path: &Path, name: String) -> Result<File<PositionedFile>, LoadError> {
    let file = PositionedFile::open(path, &name)?;
    File::new(name, file)
}

/// Reads the files (one, or a directory's parts) as one: their rows
/// numbered one after another, BACI's products summed across them.
fn read<R: ChunkReader + Clone + 'static>(
    name: &str,
    files: &[File<R>],
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let first = &files[0];
    let layout = layout::of(
        &first.name,
        first.reader.metadata().file_metadata().schema_descr(),
    )?;
    for file in &files[1..] {
        layout::same_schema(schema_of(first), &file.name, schema_of(file), &first.name)?;
    }
    let read_columns: Vec<usize> = layout
        .columns()
        .into_iter()
        .flatten()
        .map(|(index, _)| index)
        .collect();
    for file in files {
        bounds::check_pages(
            &file.name,
            &file.chunks,
            file.reader.metadata(),
            &read_columns,
        )?;
    }
    let mut jobs = Vec::new();
    let mut earlier_files = 0;
    for (index, file) in files.iter().enumerate() {
        let mut before = 0;
        for (group, metadata) in file.reader.metadata().row_groups().iter().enumerate() {
            jobs.push((
                index,
                Place {
                    path: &file.name,
                    group,
                    before,
                    earlier_files,
                },
            ));
            before += u64::try_from(metadata.num_rows()).unwrap_or(0);
        }
        earlier_files += before;
    }
    let parts = read_parallel(files, &layout, &jobs, lenient);
    let mut load = FileLoad::default();
    load.observations
        .reserve(parts.iter().map(|part| part.observations.len()).sum());
    let mut sums = Sums::default();
    for mut part in parts {
        let map = texts.absorb(&part.texts);
        if let Some(error) = part.error {
            return Err(error);
        }
        for observation in &mut part.observations {
            observation.source = map[observation.source.index()];
            observation.note = map[observation.note.index()];
        }
        load.observations.append(&mut part.observations);
        load.stated_currency.append(&mut part.stated_currency);
        load.skipped.append(part.skipped);
        load.unused.append(part.unused);
        sums.append(part.sums);
        load.rows += part.rows;
    }
    if load.rows == 0 {
        return Err(LoadError::file(name, "the Parquet data has no rows"));
    }
    if files.len() > 1 {
        load.remarks
            .push(format!("read {} part files as one", files.len()));
    }
    if matches!(layout, Layout::Baci(_)) {
        baci::finish(name, sums, texts, &mut load);
    }
    Ok(load)
}

fn schema_of<R: ChunkReader + 'static>(file: &File<R>) -> &SchemaDescriptor {
    file.reader.metadata().file_metadata().schema_descr()
}

thread_local! {
    /// Set while this thread runs code whose panic is caught and reported
    /// as an error (the parquet crate's decoding, a `--watch` reload).
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Makes the panics that [`caught`] catches silent, for the program to
/// install before loading and again after any hook that restores the
/// terminal: this hook must wrap those, or a panic caught on a reload thread
/// would leave the alternate screen while the dashboard keeps drawing.
/// Every other panic is reported as before.
pub fn quiet_decoding_panics() {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !CATCHING.with(Cell::get) {
            before(info);
        }
    }));
}

/// Runs `work`, a panic in it taken as an error: its message.
pub fn caught<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let was = CATCHING.with(|catching| catching.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|catching| catching.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|text| text.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// Reads a row group. The parquet crate (60.1) panics on some corrupt pages
/// (a byte array's length read past the page's end) where it should return
/// an error; such a panic is taken as that error, which names the file and
/// the row group, and ends the load in lenient mode too.
fn read_group_guarded(
    reader: &dyn FileReader,
    layout: &Layout,
    place: Place<'_>,
    lenient: bool,
) -> Part {
    caught(|| rows::read_group(reader, layout, place, lenient)).unwrap_or_else(|why| Part {
        error: Some(LoadError::file(
            place.path,
            format!(
                "row group {}: a page cannot be decoded ({why}): the file is corrupt",
                place.group
            ),
        )),
        ..Part::default()
    })
}

/// Reads every row group, on as many threads as the machine has cores (up
/// to 8), and returns what each gave in row order. In strict mode, row
/// groups after one that stopped on an error are not read.
fn read_parallel<R: ChunkReader + 'static>(
    files: &[File<R>],
    layout: &Layout,
    jobs: &[(usize, Place<'_>)],
    lenient: bool,
) -> Vec<Part> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(jobs.len());
    let next = AtomicUsize::new(0);
    let stop = AtomicUsize::new(usize::MAX);
    let work = || {
        let mut done = Vec::new();
        loop {
            let job = next.fetch_add(1, Ordering::Relaxed);
            if job >= jobs.len() || job > stop.load(Ordering::Relaxed) {
                return done;
            }
            let (file, place) = jobs[job];
            let part = read_group_guarded(&files[file].reader, layout, place, lenient);
            if part.error.is_some() {
                stop.fetch_min(job, Ordering::Relaxed);
            }
            done.push((job, part));
        }
    };
    let mut parts = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|handle| handle.join().expect("a Parquet reading thread panicked"))
                .collect()
        })
    };
    parts.sort_by_key(|(job, _)| *job);
    parts.into_iter().map(|(_, part)| part).collect()
}
