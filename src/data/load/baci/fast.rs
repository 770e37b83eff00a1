//! BACI's own files, read fast: a year is ~9 million short rows, so the
//! file is read in blocks split at line ends and each block's parts are
//! summed in parallel, while the next block is read.
//!
//! Only plain text is read here: BACI's header as CEPII writes it, ASCII
//! rows without quotes, lines ended by LF or CRLF. From the first block
//! that holds anything else (a quote, a lone CR, other bytes, a line over
//! 1 MiB), the general CSV reader reads the rest, so every file reads as
//! the CSV reader would read it whole.

use std::io::{Cursor, Read};
use std::sync::atomic::{AtomicU64, Ordering};

use super::super::blocks::{Plan, fill, stops};
use super::super::error::{BOM, LoadError, RowList, fits_header};
use super::super::mapped::Mapped;
use super::super::native::separators::Separators;
use super::super::{FileLoad, MAX_RECORD};
use super::read_table;
use super::sums::{Field, RowAt, Sums};
use crate::data::load::table::{Counted, Table};

/// BACI's header, with and without the quantity.
const HEADERS: [&[u8]; 2] = [b"t,i,j,k,v,q", b"t,i,j,k,v"];

/// Reads a BACI file into its sums, adding the bytes read to `read`; rows,
/// skipped rows and remarks go into `load`.
pub(super) fn read(
    path: &str,
    mut reader: impl Read,
    read: &AtomicU64,
    lenient: bool,
    plan: Plan,
    load: &mut FileLoad,
) -> Result<Sums, LoadError> {
    let (plan, block) = plan.settled();
    let mut buffer = Vec::new();
    let mut eof = false;
    fill(path, &mut reader, &mut buffer, block, &mut eof, read)?;
    let mut sums = Sums::default();
    let Some((header, body)) = plain_header(&buffer) else {
        // The bytes filled are counted; the rest, as the general reader reads them.
        let rest = Counted {
            inner: reader,
            read,
        };
        let table = Table::open(path, Cursor::new(buffer).chain(rest))?;
        read_table(table, &mut sums, lenient, load)?;
        return Ok(sums);
    };
    let header = header.to_vec();
    let columns = if header == HEADERS[0] { 6 } else { 5 };
    let (mut start, mut line) = (body, 2);
    let mut spare = Vec::new();
    loop {
        let end = if eof {
            buffer.len()
        } else {
            match memchr::memrchr(b'\n', &buffer[start..]) {
                Some(at) => start + at + 1,
                None => {
                    // A line longer than a block is no BACI row.
                    let rest = Counted {
                        inner: reader,
                        read,
                    };
                    let rest = Cursor::new(buffer[start..].to_vec()).chain(rest);
                    resume(path, &header, rest, line, &mut sums, lenient, load)?;
                    return Ok(sums);
                }
            }
        };
        let region = &buffer[start..end];
        spare.clear();
        spare.extend_from_slice(&buffer[end..]);
        let mut next_eof = eof;
        let mut filled = Ok(());
        let parts = read_parts(path, region, (columns, lenient, plan), || {
            if !eof {
                filled = fill(path, &mut reader, &mut spare, block, &mut next_eof, read);
            }
        });
        filled?;
        if parts.iter().any(|part| part.not_plain) {
            let rest = Cursor::new(region.to_vec())
                .chain(Cursor::new(std::mem::take(&mut spare)))
                .chain(Counted {
                    inner: reader,
                    read,
                });
            resume(path, &header, rest, line, &mut sums, lenient, load)?;
            return Ok(sums);
        }
        absorb(parts, &mut line, &mut sums, load)?;
        if eof {
            break;
        }
        std::mem::swap(&mut buffer, &mut spare);
        (start, eof) = (0, next_eof);
    }
    if load.rows == 0 {
        return Err(LoadError::no_rows(path));
    }
    Ok(sums)
}

/// [`read`] of a mapped file, a window at a time as the stream is read a
/// block at a time, letting each window go once summed: no copy of its
/// bytes. From where the general reader takes over, it reads the file.
pub(super) fn read_mapped(
    path: &str,
    mapped: &Mapped,
    read: &AtomicU64,
    lenient: bool,
    plan: Plan,
    load: &mut FileLoad,
) -> Result<Sums, LoadError> {
    let (plan, block) = plan.settled();
    let bytes = mapped.bytes();
    let mut sums = Sums::default();
    let rest = |from: usize| {
        let rest = mapped
            .rest(from)
            .map_err(|error| LoadError::file(path, format!("cannot read: {error}")))?;
        Ok::<_, LoadError>(Counted { inner: rest, read })
    };
    let mut window = block.min(bytes.len());
    let Some((header, body)) = plain_header(&bytes[..window]) else {
        let table = Table::open(path, rest(0)?)?;
        read_table(table, &mut sums, lenient, load)?;
        return Ok(sums);
    };
    let columns = if header == HEADERS[0] { 6 } else { 5 };
    let (mut start, mut line) = (body, 2);
    read.fetch_add(body as u64, Ordering::Relaxed);
    loop {
        let eof = window == bytes.len();
        let end = if eof {
            window
        } else {
            match memchr::memrchr(b'\n', &bytes[start..window]) {
                Some(at) => start + at + 1,
                // A line longer than a block is no BACI row.
                None => {
                    resume(path, header, rest(start)?, line, &mut sums, lenient, load)?;
                    return Ok(sums);
                }
            }
        };
        let region = &bytes[start..end];
        let parts = read_parts(path, region, (columns, lenient, plan), || {});
        if parts.iter().any(|part| part.not_plain) {
            resume(path, header, rest(start)?, line, &mut sums, lenient, load)?;
            return Ok(sums);
        }
        read.fetch_add(region.len() as u64, Ordering::Relaxed);
        absorb(parts, &mut line, &mut sums, load)?;
        mapped.release(end);
        if eof {
            break;
        }
        start = end;
        window = (window + block).min(bytes.len());
    }
    if load.rows == 0 {
        return Err(LoadError::no_rows(path));
    }
    Ok(sums)
}

/// Reads a region's parts in parallel, each on a thread of its own, while
/// this one runs `meanwhile`. `how` is the columns, leniency and plan.
fn read_parts(
    path: &str,
    region: &[u8],
    (columns, lenient, plan): (usize, bool, Plan),
    meanwhile: impl FnOnce(),
) -> Vec<Part> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = bounds(region, plan)
            .into_iter()
            .map(|(from, to)| {
                let data = &region[from..to];
                scope.spawn(move || Part::read(path, data, columns, lenient))
            })
            .collect();
        meanwhile();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a BACI reader thread panicked"))
            .collect()
    })
}

/// Adds a region's parts to `sums` and `load` in order, their lines from
/// `line` on (moved past them), up to a strict-mode error.
fn absorb(
    parts: Vec<Part>,
    line: &mut u64,
    sums: &mut Sums,
    load: &mut FileLoad,
) -> Result<(), LoadError> {
    for part in parts {
        let at = *line;
        let in_file = |relative: u64| at + relative - 1;
        sums.absorb(part.sums, at);
        let mut skipped = part.skipped;
        for error in &mut skipped.listed {
            error.line = error.line.map(in_file);
        }
        load.skipped.append(skipped);
        load.rows += part.rows;
        if let Some(mut error) = part.error {
            error.line = error.line.map(in_file);
            return Err(error);
        }
        *line += part.newlines;
    }
    Ok(())
}

/// BACI's header as CEPII writes it, and where the rows begin; `None` for
/// any other first line, read by the general reader.
fn plain_header(buffer: &[u8]) -> Option<(&[u8], usize)> {
    let skip = if buffer.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let end = skip + memchr::memchr(b'\n', &buffer[skip..])?;
    let line = &buffer[skip..end];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    HEADERS.contains(&line).then_some((line, end + 1))
}

/// The general reader goes on from `line`, the start of `rest`.
fn resume(
    path: &str,
    header: &[u8],
    rest: impl Read,
    line: u64,
    sums: &mut Sums,
    lenient: bool,
    load: &mut FileLoad,
) -> Result<(), LoadError> {
    let mut head = header.to_vec();
    head.push(b'\n');
    let table = Table::open(path, Cursor::new(head).chain(rest))?.resume(line - 1, load.rows);
    read_table(table, sums, lenient, load)
}

/// The parts of a block, split just after line ends.
fn bounds(region: &[u8], plan: Plan) -> Vec<(usize, usize)> {
    let parts = if region.len() >= 2 * plan.min_part {
        plan.parts.min(region.len() / plan.min_part.max(1)).max(1)
    } else {
        1
    };
    let mut starts = vec![0];
    starts.extend(stops(region, 0, parts));
    let ends = starts.iter().skip(1).copied().chain([region.len()]);
    starts.iter().copied().zip(ends).collect()
}

/// Whether a part holds only what this reader reads: ASCII without quotes,
/// and CR only before LF.
fn is_plain(data: &[u8]) -> bool {
    data.is_ascii()
        && memchr::memchr(b'"', data).is_none()
        && memchr::memchr_iter(b'\r', data).all(|at| data.get(at + 1) == Some(&b'\n'))
}

/// What one part of a block gave; its lines count from 1 at its start.
#[derive(Default)]
struct Part {
    sums: Sums,
    skipped: RowList,
    rows: u64,
    /// Line ends read.
    newlines: u64,
    /// The strict-mode error that stopped it.
    error: Option<LoadError>,
    /// Whether it met what only the general reader reads.
    not_plain: bool,
}

impl Part {
    fn read(path: &str, data: &[u8], columns: usize, lenient: bool) -> Part {
        let mut part = Part::default();
        if !is_plain(data) {
            part.not_plain = true;
            return part;
        }
        make_room(data.len() / 5 * 3);
        // The fields of a row, and one more: a comma ending every row is
        // allowed, as the CSV reader allows it.
        let mut fields: [&[u8]; 7] = [&[]; 7];
        let mut separators = Separators::new();
        let (mut at, mut line) = (0, 0);
        // The last row's year, exporter and importer as written (up to the
        // comma after the importer), and their sum.
        let mut last: (&[u8], Option<usize>) = (&[], None);
        while at < data.len() {
            line += 1;
            let split = split(data, at, &mut separators, &mut fields);
            let text = &data[at..split.text];
            let pair = &data[at..split.pair_end];
            at = split.next;
            part.newlines += u64::from(split.line_end);
            if text.is_empty() {
                // Blank lines are no rows, as for the CSV reader.
                continue;
            }
            if text.len() > MAX_RECORD {
                part.not_plain = true;
                return part;
            }
            let count = split.fields;
            let error =
                |field: Field, problem| LoadError::at_field(path, line, field.name(), problem);
            let row = RowAt {
                line,
                error: &error,
            };
            if !part.row(
                (path, &row),
                (&fields, count, pair),
                columns,
                &mut last,
                lenient,
            ) {
                break;
            }
        }
        // The last run's lists made here, on the thread that read them.
        part.sums.end_run();
        part
    }

    /// Reads a row of `count` fields (the first of them in `fields`), whose
    /// year, exporter and importer are written `pair`; says whether to go
    /// on. `last` is the previous row's pair, as written, and its sum.
    fn row<'d>(
        &mut self,
        (path, at): (&str, &RowAt),
        (fields, count, pair): (&[&'d [u8]; 7], usize, &'d [u8]),
        columns: usize,
        last: &mut (&'d [u8], Option<usize>),
        lenient: bool,
    ) -> bool {
        self.rows += 1;
        let extra = (count > columns).then(|| fields[columns]);
        let result = if fits_header(count, columns, extra) {
            let quantity = if columns == 6 { fields[5] } else { &[] };
            let read = [
                fields[0], fields[1], fields[2], fields[3], fields[4], quantity,
            ];
            match last {
                (written, Some(slot)) if same(written, pair) => self.sums.add_to(*slot, at, read),
                _ => self.sums.add(at, read).map(|slot| *last = (pair, slot)),
            }
        } else {
            Err(LoadError::field_count(path, at.line, count, columns))
        };
        match result {
            Ok(()) => true,
            Err(error) if lenient => {
                self.skipped.push(error);
                true
            }
            Err(error) => {
                self.error = Some(error);
                false
            }
        }
    }
}

/// Whether two short texts are the same. A row's year, exporter and
/// importer are most often 8 to 16 bytes (`2022,4,8`, `2022,842,156`):
/// compared as two words that may overlap, not by a call to `memcmp`.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let length = a.len();
    if length != b.len() {
        return false;
    }
    if !(8..=16).contains(&length) {
        return a == b;
    }
    let word =
        |text: &[u8], at: usize| u64::from_le_bytes(text[at..at + 8].try_into().expect("8 bytes"));
    word(a, 0) == word(b, 0) && word(a, length - 8) == word(b, length - 8)
}

/// Grows this thread's heap at once by about what a part's product lists
/// will take (a row's 20 bytes of code, value and quantity for each ~37 of
/// text, and a little more): glibc grows a thread's heap by what each allocation needs, with a
/// system call (`mprotect`) for nearly every page of the pairs' many small
/// lists; an allocation of their total, freed at once, leaves the room
/// mapped for them. (`black_box`: the allocation must not be optimised away.)
fn make_room(bytes: usize) {
    drop(std::hint::black_box(Vec::<u8>::with_capacity(bytes)));
}

/// How [`split`] found a line, by positions in the part's data.
struct Split {
    /// Where its text ends: before its line end, LF or CRLF.
    text: usize,
    /// Where the next line starts.
    next: usize,
    /// Whether it ends with a line end (else with the data).
    line_end: bool,
    fields: usize,
    /// Where the third field (the importer) ends.
    pair_end: usize,
}

/// Splits the line at `start` of plain `data` (no quotes; CR only before
/// LF: [`is_plain`]) at its commas into `fields` (those past their number
/// are counted, not kept), at the separators the native reader's bitmaps
/// find 64 bytes at a time: a few instructions a field.
fn split<'d>(
    data: &'d [u8],
    start: usize,
    separators: &mut Separators,
    fields: &mut [&'d [u8]; 7],
) -> Split {
    let (mut count, mut from, mut pair_end) = (0, start, None);
    loop {
        let at = separators.next(data, from);
        if data.get(at) == Some(&b',') {
            if count < fields.len() {
                fields[count] = &data[from..at];
            }
            if count == 2 {
                pair_end = Some(at);
            }
            count += 1;
            from = at + 1;
            continue;
        }
        // The line's end: its CR (a plain part's CR is before an LF), its
        // LF, or the data's end.
        if count < fields.len() {
            fields[count] = &data[from..at];
        }
        let next = match data.get(at) {
            Some(b'\r') => at + 2,
            Some(_) => at + 1,
            None => at,
        };
        return Split {
            text: at,
            next,
            line_end: at < data.len(),
            fields: count + 1,
            pair_end: pair_end.unwrap_or(at),
        };
    }
}
