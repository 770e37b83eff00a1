//! Everything that turns bytes into observations: one module per format, the
//! detection of a file's format from its header, and the pieces they share
//! (the file load, the meaning of each field, errors with their position,
//! the area code tables, the head of a file). Imports only `model`.

mod baci;
mod blocks;
pub mod codes;
mod comext;
mod comext_relational;
mod comtrade;
pub mod error;
mod eurostat;
pub mod events;
pub mod format;
mod imf;
mod line_count;
mod mapped;
mod meaning;
pub mod native;
pub mod parquet;
mod prefault;
mod sdmx;
mod table;
mod totals;
mod wits;

use std::io::Read;
use std::path::Path;

pub(crate) use baci::names as baci_names;
pub use error::LoadError;
pub use format::Format;
pub use meaning::parse_decimal;

use crate::data::model::{Observation, ProductName, ProductRows, Row};
use error::{BOM, RowList};

/// What one file gave: its observations and, in lenient mode, the rows it skipped.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub observations: Vec<Observation>,
    pub skipped: RowList,
    /// Rows read but deliberately not used (re-exports, commodity detail, a
    /// balance, …), with their reason. Never errors, in either mode.
    pub unused: RowList,
    /// The rows of growth rates whose currency the file states (the native
    /// `currency` column), in order: no other rule moves them to another.
    pub stated_currency: Vec<Row>,
    /// Notes about the file as a whole, such as a sum over commodity rows.
    pub remarks: Vec<String>,
    /// Figures read but whose meaning is in doubt (a row without the unit
    /// multiplier its series' other rows have): warnings, not only notes.
    pub warnings: Vec<LoadError>,
    /// Data rows read, used or skipped.
    pub rows: u64,
    /// The product rows read, by flow and period: kept beside the totals,
    /// never a total themselves.
    pub products: Vec<ProductRows>,
    /// Products' names as the file gives them.
    pub product_names: Vec<ProductName>,
    /// The last row of any observation, when the loader knows it (rows
    /// are lines, and it read the last line): the dataset need not look.
    pub last_observation_row: Option<Row>,
}

/// The longest record read, header or row: far longer than any real one, and
/// a bound on memory whatever the input (an endless line, `/dev/zero`).
pub const MAX_RECORD: usize = 1 << 20;

/// Opens a file for reading, with a message a person can act on when it
/// cannot. A pipe (`/dev/stdin`, `<(zcat …)`) is read as a stream; a FIFO
/// that no program writes to is opened without waiting for one (`open`
/// would block forever) and reads as empty.
pub fn open_file(path: &Path, name: &str) -> Result<std::fs::File, LoadError> {
    use std::os::unix::fs::OpenOptionsExt;
    if path.is_dir() {
        return Err(LoadError::file(name, "is a directory, not a data file"));
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(|error| file_error(name, error))?;
    // Read as usual from there: a pipe's reads wait for its writer.
    rustix::fs::fcntl_setfl(&file, rustix::fs::OFlags::empty())
        .map_err(|error| file_error(name, error.into()))?;
    Ok(file)
}

/// Opens a file that is read at positions or read again (a Parquet file, a
/// watched file): a regular file only, never a FIFO, a device or a socket.
pub fn open_regular_file(path: &Path, name: &str) -> Result<std::fs::File, LoadError> {
    let file = open_file(path, name)?;
    let metadata = file.metadata().map_err(|error| file_error(name, error))?;
    if !metadata.is_file() {
        return Err(LoadError::file(
            name,
            format!(
                "is {}, not a regular file: Parquet files and watched files are read from regular files only",
                special_kind(&metadata)
            ),
        ));
    }
    Ok(file)
}

/// Whether a file is a pipe: a FIFO, or a pipe given as `/dev/stdin`.
pub fn is_pipe(file: &std::fs::File) -> bool {
    use std::os::unix::fs::FileTypeExt;
    file.metadata().is_ok_and(|m| m.file_type().is_fifo())
}

/// What a file that is not a regular one is, as a person would say it.
fn special_kind(metadata: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

/// A file that cannot be opened or read, said as a person can act on it.
pub(crate) fn file_error(name: &str, error: std::io::Error) -> LoadError {
    let problem = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory, not a data file".to_string(),
        _ => format!("cannot read: {error}"),
    };
    LoadError::file(name, problem)
}

/// The start of an input, up to and including its first line end and on
/// until it holds more than blank space (or all of a shorter input): enough to
/// tell its format, choose its delimiter and tell an empty file. A byte-order
/// mark is kept, for the loader that reads the head again to drop.
pub(crate) fn read_head(path: &str, input: &mut impl Read) -> Result<Vec<u8>, LoadError> {
    let mut head = Vec::new();
    let mut at_end = false;
    while head.len() < BOM.len() && !at_end {
        at_end = read_more(path, input, &mut head)? == 0;
    }
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(LoadError::file(
            path,
            "the file is UTF-16 text (as Excel's 'Unicode text' saves it): save it as 'CSV UTF-8'",
        ));
    }
    let mut scanned = if head.starts_with(BOM) { BOM.len() } else { 0 };
    let (mut line_end, mut text) = (false, false);
    loop {
        for &byte in &head[scanned..] {
            line_end |= byte == b'\n' || byte == b'\r';
            text |= !byte.is_ascii_whitespace();
        }
        scanned = head.len();
        if at_end || (line_end && text) {
            return Ok(head);
        }
        if head.len() > MAX_RECORD {
            return Err(LoadError::at_line(
                path,
                1,
                "the first line is longer than 1 MiB: not a CSV file of a format read here",
            ));
        }
        at_end = read_more(path, input, &mut head)? == 0;
    }
}

/// Appends one read's bytes, and says how many (0 at the end).
fn read_more(path: &str, input: &mut impl Read, head: &mut Vec<u8>) -> Result<usize, LoadError> {
    let mut chunk = [0u8; 64 * 1024];
    let read = input
        .read(&mut chunk)
        .map_err(|error| file_error(path, error))?;
    head.extend_from_slice(&chunk[..read]);
    Ok(read)
}
