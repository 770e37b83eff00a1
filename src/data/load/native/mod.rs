//! The native CSV format: strict about meaning, forgiving about layout.
//!
//! Columns may come in any order and any case, a byte-order mark and CRLF line
//! ends are fine, unknown extra columns are ignored. Every value must mean what
//! its column says, or the row is an error naming its line and field.

pub(crate) mod fields;
pub(crate) mod header;
mod records;
#[cfg(test)]
mod reference;
mod row;
mod runner;
pub(in crate::data::load) mod separators;
#[cfg(test)]
mod tests;

use std::io::Read;
use std::sync::atomic::{AtomicU64, Ordering};

use header::Header;
use records::{Next, Record, Records};
use runner::Loader;

pub(crate) use super::blocks::Plan;
use super::blocks::fill;
use super::error::{BOM, LoadError, line_ends};
use super::mapped::Mapped;
use super::{FileLoad, MAX_RECORD};
use crate::data::model::Texts;

/// Reads a native file already in memory. In strict mode the first bad row is
/// the error; in lenient mode bad rows are skipped and returned with their reason.
/// Observations' rows are their lines in this file; the dataset numbers rows
/// across files.
pub fn parse(
    path: &str,
    bytes: &[u8],
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    parse_with(path, bytes, texts, lenient, Plan::for_machine())
}

pub(crate) fn parse_with(
    path: &str,
    bytes: &[u8],
    texts: &mut Texts,
    lenient: bool,
    plan: Plan,
) -> Result<FileLoad, LoadError> {
    // Bytes in memory are parsed as a mapped file's are, with nothing to let go.
    let read = AtomicU64::default();
    parse_windows_with(path, bytes, &|_| {}, &read, texts, lenient, plan)
}

/// Reads a native file from a stream, a block at a time, so memory holds the
/// observations and two blocks (the one parsed, the next one read) rather
/// than the whole file. The bytes read are added to `read` (for a load gauge).
pub fn parse_reader(
    path: &str,
    reader: impl Read,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    parse_reader_with(path, reader, read, texts, lenient, Plan::for_machine())
}

pub(crate) fn parse_reader_with(
    path: &str,
    mut reader: impl Read,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
    plan: Plan,
) -> Result<FileLoad, LoadError> {
    let (plan, block) = plan.settled();
    let mut buffer = Vec::new();
    let mut eof = false;
    fill(path, &mut reader, &mut buffer, block, &mut eof, read)?;
    while buffer.len() < BOM.len() && !eof {
        fill(path, &mut reader, &mut buffer, BOM.len(), &mut eof, read)?;
    }
    if buffer.starts_with(BOM) {
        buffer.drain(..BOM.len());
    }
    // Blank space alone is an empty file, however much of it there is.
    while buffer.iter().all(u8::is_ascii_whitespace) {
        if eof {
            return Err(LoadError::empty_file(path));
        }
        fill(path, &mut reader, &mut buffer, block, &mut eof, read)?;
    }
    // csv_core takes a first read of just a byte-order mark for the end of
    // the file, so give it more than that.
    while buffer.len() <= BOM.len() && !eof {
        fill(path, &mut reader, &mut buffer, block, &mut eof, read)?;
    }
    let (header, mut start, line) = loop {
        let mut record = Record::new();
        let mut records = Records::new(&buffer, 0, true);
        match records.next(&mut record, eof) {
            Next::Incomplete => {
                let wanted = buffer.len();
                fill(path, &mut reader, &mut buffer, wanted, &mut eof, read)?;
            }
            _ => break (Header::parse(path, &record)?, records.pos, records.line()),
        }
    };
    let context = Context {
        path,
        header: &header,
        lenient,
    };
    let mut loader = Loader::new(context, plan, texts, line);
    // The next block is read into `spare` while this one is parsed, after
    // room for the unfinished record at this block's end, which is then
    // copied in front of it.
    let room = plan.room;
    let mut spare = Vec::new();
    while !eof {
        spare.clear();
        spare.resize(room, 0);
        let mut next_eof = false;
        let mut filled = Ok(());
        let end = loader.block(
            &buffer,
            start,
            false,
            Some(&mut || filled = fill(path, &mut reader, &mut spare, block, &mut next_eof, read)),
        )?;
        filled?;
        eof = next_eof;
        let rest = buffer.len() - end;
        if rest > MAX_RECORD {
            return Err(too_long(path, &loader, &buffer[end..]));
        }
        if rest <= room {
            start = room - rest;
            spare[start..room].copy_from_slice(&buffer[end..]);
            std::mem::swap(&mut buffer, &mut spare);
        } else {
            // A record longer than the room: its bytes, then the new ones.
            buffer.drain(..end);
            buffer.extend_from_slice(&spare[room..]);
            start = 0;
        }
    }
    loader.block(&buffer, start, true, None)?;
    loader.finish()
}

/// An unfinished record longer than any row, at the end of a block.
fn too_long(path: &str, loader: &Loader, unfinished: &[u8]) -> LoadError {
    // The record starts after the line ends left before it.
    let breaks = unfinished.iter().take_while(|&&b| b == b'\n' || b == b'\r');
    let before = &unfinished[..breaks.count()];
    LoadError::at_line(
        path,
        loader.line() + line_ends(before),
        "a row longer than 1 MiB: not a row of figures (a quote never closed, or not a CSV file?)",
    )
}

/// Reads a native file mapped in memory (see [`Mapped`]), a window at a
/// time as the stream is read a block at a time, letting each window go
/// once parsed: no copy of its bytes, and memory holds the observations and
/// about a window of the file. The bytes parsed are added to `read`.
pub(crate) fn parse_mapped(
    path: &str,
    mapped: &Mapped,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let release = |upto| mapped.release(upto);
    let plan = Plan::for_machine();
    parse_windows_with(path, mapped.bytes(), &release, read, texts, lenient, plan)
}

/// [`parse_mapped`] of `bytes`, calling `release` with the end of what has
/// been parsed.
pub(crate) fn parse_windows_with(
    path: &str,
    bytes: &[u8],
    release: &dyn Fn(usize),
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
    plan: Plan,
) -> Result<FileLoad, LoadError> {
    let (plan, block) = plan.settled();
    let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    let body = &bytes[bom..];
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::empty_file(path));
    }
    let mut record = Record::new();
    let mut records = Records::new(body, 0, true);
    records.next(&mut record, true);
    let header = Header::parse(path, &record)?;
    let context = Context {
        path,
        header: &header,
        lenient,
    };
    let mut loader = Loader::new(context, plan, texts, records.line());
    // Each window ends a block further on, as each read of the stream adds
    // a block to the unfinished record before it.
    let header_end = records.pos;
    let (mut start, mut end) = (header_end, header_end);
    read.fetch_add((bom + end) as u64, Ordering::Relaxed);
    loop {
        let counted = end;
        end = (end + block).min(body.len());
        // The runs of each window are added while the next is parsed, and
        // the last window's after it: so the last is kept to half a window,
        // enough to parse while the runs before it are added, and few to add
        // alone (the window before it takes the rest).
        let rest = body.len() - end;
        if rest > 0 && rest < block {
            end = end.max(body.len() - block / 2);
        }
        let last = end == body.len();
        let window = &body[..end];
        // A file of one window has no runs before it to add.
        let parsed = if last && counted == header_end {
            loader.block(window, start, true, None)?
        } else {
            loader.block(window, start, last, Some(&mut || {}))?
        };
        read.fetch_add((end - counted) as u64, Ordering::Relaxed);
        if last {
            break;
        }
        if end - parsed > MAX_RECORD {
            return Err(too_long(path, &loader, &window[parsed..]));
        }
        release(bom + parsed);
        start = parsed;
    }
    loader.finish()
}

/// What every row of a file is read with.
struct Context<'a> {
    path: &'a str,
    header: &'a Header,
    lenient: bool,
}
