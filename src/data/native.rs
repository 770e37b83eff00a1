//! The native CSV format: strict about meaning, forgiving about layout.
//!
//! Columns may come in any order and any case, a byte-order mark and CRLF line
//! ends are fine, unknown extra columns are ignored. Every value must mean what
//! its column says, or the row is an error naming its line and field.

use std::io::Read;

use csv_core::ReadRecordResult;

use super::error::{BOM, LoadError, RowList};
use super::model::{Area, Currency, Measure, Unit};
use super::observation::{Observation, Row, TextId, Texts, growth_currency};
use super::period::Period;

/// The native format's columns, in the order the reference file writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Column {
    Indicator,
    Reporter,
    Partner,
    Period,
    Value,
    Unit,
    Source,
    Note,
}

pub(crate) const COLUMNS: [(Column, &str, bool); 8] = [
    (Column::Indicator, "indicator", true),
    (Column::Reporter, "reporter", true),
    (Column::Partner, "partner", true),
    (Column::Period, "period", true),
    (Column::Value, "value", true),
    (Column::Unit, "unit", true),
    (Column::Source, "source", false),
    (Column::Note, "note", false),
];

/// The header of a native file: which record index holds each column.
pub(crate) struct Header {
    pub index: [Option<usize>; 8],
    /// How many fields the header has, and so every row must have.
    pub len: usize,
}

impl Header {
    fn parse(path: &str, record: &Record) -> Result<Self, LoadError> {
        Self::from_fields(path, record.fields())
    }

    /// Finds the columns by name, in any order and case; the first line of
    /// the file is the header.
    pub(crate) fn from_fields<'f>(
        path: &str,
        fields: impl Iterator<Item = &'f [u8]> + Clone,
    ) -> Result<Self, LoadError> {
        let mut index = [None; 8];
        for (position, raw) in fields.clone().enumerate() {
            let name = std::str::from_utf8(raw)
                .map_err(|_| LoadError::at_line(path, 1, "the header is not valid UTF-8 text"))?;
            let name = name.trim();
            let Some(slot) = COLUMNS
                .iter()
                .position(|(_, column, _)| column.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            if index[slot].is_some() {
                return Err(LoadError::at_field(
                    path,
                    1,
                    COLUMNS[slot].1,
                    "the column appears twice in the header",
                ));
            }
            index[slot] = Some(position);
        }
        let missing: Vec<&str> = COLUMNS
            .iter()
            .zip(&index)
            .filter(|((_, _, required), found)| *required && found.is_none())
            .map(|((_, name, _), _)| *name)
            .collect();
        if let Some(first) = missing.first() {
            return Err(LoadError::at_field(
                path,
                1,
                first,
                format!(
                    "the header has no '{}' column (required: indicator, reporter, partner, period, value, unit; found: {})",
                    missing.join("', '"),
                    header_text(fields.clone())
                ),
            ));
        }
        Ok(Self {
            index,
            len: fields.count(),
        })
    }

    fn get<'r>(&self, record: &'r Record, column: Column) -> Option<&'r [u8]> {
        self.index[column as usize].and_then(|i| record.get(i))
    }
}

/// The header as found, for error messages.
pub(crate) fn header_text<'f>(fields: impl Iterator<Item = &'f [u8]>) -> String {
    fields
        .map(|field| String::from_utf8_lossy(field).trim().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// What one file gave: its observations and, in lenient mode, the rows it skipped.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub observations: Vec<Observation>,
    pub skipped: RowList,
    /// Rows read but deliberately not used (re-exports, commodity detail, a
    /// balance, …), with their reason. Never errors, in either mode.
    pub unused: RowList,
    /// Notes about the file as a whole, such as a sum over commodity rows.
    pub remarks: Vec<String>,
    /// Data rows read, used or skipped.
    pub rows: u64,
}

/// How the loader divides its work; the defaults suit files, tests use tiny
/// values to put chunk and block boundaries everywhere.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plan {
    /// Parts a block is parsed in, in parallel; 0 for one per core.
    pub parts: usize,
    /// Below this many bytes a block is parsed in one part.
    pub min_part: usize,
    /// Bytes read from a stream per block (per part).
    pub block: usize,
    /// Room kept before each block read from a stream for the unfinished
    /// record of the block before it; a longer record is copied together
    /// with the new block instead.
    pub room: usize,
}

impl Plan {
    fn parts(self) -> usize {
        match self.parts {
            0 => std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, 8),
            parts => parts,
        }
    }

    /// As many parts as the machine has cores (asked only for large inputs:
    /// asking costs a few system calls, a lot next to a small file).
    pub(crate) fn for_machine() -> Self {
        Self {
            parts: 0,
            min_part: 256 * 1024,
            block: 4 * 1024 * 1024,
            room: 64 * 1024,
        }
    }
}

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
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::empty_file(path));
    }
    let mut record = Record::new();
    let mut records = Records::new(bytes, 0, true);
    records.next(&mut record, true);
    let header = Header::parse(path, &record)?;
    let context = Context {
        path,
        header: &header,
        lenient,
    };
    let mut loader = Loader::new(context, plan, texts, records.line());
    loader.block(bytes, records.pos, true, None)?;
    loader.finish()
}

/// Reads a native file from a stream, a block at a time, so memory holds the
/// observations and two blocks (the one parsed, the next one read) rather
/// than the whole file.
pub fn parse_reader(
    path: &str,
    reader: impl Read,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    parse_reader_with(path, reader, texts, lenient, Plan::for_machine())
}

pub(crate) fn parse_reader_with(
    path: &str,
    mut reader: impl Read,
    texts: &mut Texts,
    lenient: bool,
    plan: Plan,
) -> Result<FileLoad, LoadError> {
    let plan = Plan {
        parts: plan.parts(),
        ..plan
    };
    let block = plan.block.max(1) * plan.parts;
    let mut buffer = Vec::new();
    let mut eof = false;
    fill(path, &mut reader, &mut buffer, block, &mut eof)?;
    while buffer.len() < BOM.len() && !eof {
        fill(path, &mut reader, &mut buffer, BOM.len(), &mut eof)?;
    }
    if buffer.starts_with(BOM) {
        buffer.drain(..BOM.len());
    }
    // Blank space alone is an empty file, however much of it there is.
    while buffer.iter().all(u8::is_ascii_whitespace) {
        if eof {
            return Err(LoadError::empty_file(path));
        }
        fill(path, &mut reader, &mut buffer, block, &mut eof)?;
    }
    // csv_core takes a first read of just a byte-order mark for the end of
    // the file, so give it more than that.
    while buffer.len() <= BOM.len() && !eof {
        fill(path, &mut reader, &mut buffer, block, &mut eof)?;
    }
    let (header, mut start, line) = loop {
        let mut record = Record::new();
        let mut records = Records::new(&buffer, 0, true);
        match records.next(&mut record, eof) {
            Next::Incomplete => {
                let wanted = buffer.len();
                fill(path, &mut reader, &mut buffer, wanted, &mut eof)?;
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
        let mut read = Ok(());
        let end = loader.block(
            &buffer,
            start,
            false,
            Some(&mut || read = fill(path, &mut reader, &mut spare, block, &mut next_eof)),
        )?;
        read?;
        eof = next_eof;
        let rest = buffer.len() - end;
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

/// Appends up to `wanted` bytes; sets `eof` when the stream has no more.
fn fill(
    path: &str,
    reader: &mut impl Read,
    buffer: &mut Vec<u8>,
    wanted: usize,
    eof: &mut bool,
) -> Result<(), LoadError> {
    let wanted = wanted.max(1) as u64;
    let read = reader
        .take(wanted)
        .read_to_end(buffer)
        .map_err(|error| LoadError::file(path, format!("cannot read: {error}")))?;
    if (read as u64) < wanted {
        *eof = true;
    }
    Ok(())
}

/// One record's fields: either where they lie in the data (a usual record,
/// split directly, is never copied), or in the bytes csv_core leaves, all
/// fields one after another.
struct Record<'d> {
    /// The data the record was read from.
    data: &'d [u8],
    /// Whether the fields lie in `data`, rather than in `bytes`.
    in_data: bool,
    /// Where each field starts and ends.
    spans: Vec<(usize, usize)>,
    /// csv_core's output: the fields' bytes, and where each field ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Record<'_> {
    fn new() -> Self {
        Self {
            data: &[],
            in_data: false,
            spans: Vec::new(),
            bytes: Vec::new(),
            ends: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn get(&self, i: usize) -> Option<&[u8]> {
        let &(start, end) = self.spans.get(i)?;
        Some(if self.in_data {
            &self.data[start..end]
        } else {
            &self.bytes[start..end]
        })
    }

    fn fields(&self) -> impl Iterator<Item = &[u8]> + Clone {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

enum Next {
    Record,
    /// The end of the file.
    End,
    /// The input ran out before the end of the file, inside a record or before one.
    Incomplete,
}

/// Reads records from `data[pos..]` by the csv crate's default rules (it is
/// csv_core underneath both), counting each record's true line: the csv
/// crate's own count lags on CRLF files and after blank lines.
///
/// Usual records (fields unquoted, or quoted without doubled quotes, ending
/// in a line end) are split here directly, which is several times faster than
/// csv_core's state machine; anything else is read by a fresh csv_core reader,
/// which is in the same state at a record's start, so the result is the same.
struct Records<'d> {
    data: &'d [u8],
    pos: usize,
    /// The line at `pos`: line ends read so far plus one.
    line: u64,
    /// The line the last record read starts on.
    record_line: u64,
    /// Whether a byte-order mark at the start may be dropped (only at the
    /// file's start); such a reader uses csv_core alone.
    strip_bom: bool,
}

impl<'d> Records<'d> {
    fn new(data: &'d [u8], pos: usize, strip_bom: bool) -> Self {
        Self {
            data,
            pos,
            line: 1,
            record_line: 1,
            strip_bom,
        }
    }

    /// The line at the reader's position, counted from where it started.
    fn line(&self) -> u64 {
        self.line
    }

    /// Reads the next record. With `eof` false, running out of input is
    /// `Incomplete`, and the reader is left before the record.
    fn next(&mut self, record: &mut Record<'d>, eof: bool) -> Next {
        // Line ends before a record are skipped here (csv_core would skip
        // them too), so that the record's line is where it starts.
        let data = self.data;
        let mut i = self.pos;
        let mut newlines = 0;
        while i < data.len() && (data[i] == b'\n' || data[i] == b'\r') {
            newlines += u64::from(data[i] == b'\n');
            i += 1;
        }
        if i == data.len() && !eof {
            return Next::Incomplete;
        }
        if i > self.pos {
            self.pos = i;
            self.line += newlines;
            self.strip_bom = false;
        }
        self.record_line = self.line;
        if !self.strip_bom
            && let Some(next) = self.split(record, eof)
        {
            return next;
        }
        self.read_with_core(record, eof)
    }

    /// Splits a usual record; `None` when csv_core must read it.
    fn split(&mut self, record: &mut Record<'d>, eof: bool) -> Option<Next> {
        let data = self.data;
        let mut i = self.pos;
        let mut newlines = 0;
        record.spans.clear();
        if i == data.len() {
            return Some(Next::End);
        }
        loop {
            // One field: where its content lies, and the position of what follows it.
            let (start, end, after) = if i < data.len() && data[i] == b'"' {
                let (close, inside) = closing_quote(data, i + 1)?;
                newlines += inside;
                match data.get(close + 1) {
                    Some(b',' | b'\n' | b'\r') | None => (i + 1, close, close + 1),
                    // A doubled quote or text after the closing quote.
                    Some(_) => return None,
                }
            } else {
                let end = field_end(data, i);
                (i, end, end)
            };
            if after == data.len() && !eof {
                return Some(Next::Incomplete);
            }
            record.spans.push((start, end));
            let next = match data.get(after) {
                Some(b',') => {
                    i = after + 1;
                    continue;
                }
                Some(&end) => {
                    self.pos = after + 1;
                    self.line += newlines + u64::from(end == b'\n');
                    Next::Record
                }
                None => {
                    self.pos = after;
                    self.line += newlines;
                    Next::Record
                }
            };
            record.data = data;
            record.in_data = true;
            return Some(next);
        }
    }

    /// Reads one record with a fresh csv_core reader.
    fn read_with_core(&mut self, record: &mut Record<'d>, eof: bool) -> Next {
        let mut core = csv_core::Reader::new();
        record.in_data = false;
        if record.bytes.is_empty() {
            record.bytes.resize(256, 0);
        }
        if record.ends.is_empty() {
            record.ends.resize(16, 0);
        }
        let mut pos = self.pos;
        let (mut out, mut ends) = (0, 0);
        let mut started = false;
        loop {
            let mut input = &self.data[pos..];
            if input.is_empty() && !eof {
                return Next::Incomplete;
            }
            if !started && !self.strip_bom && input.len() > 1 {
                // csv_core drops a byte-order mark on its first read; only
                // the file's start may lose one, so give it one byte first.
                input = &input[..1];
            }
            let (result, read, written, ended) =
                core.read_record(input, &mut record.bytes[out..], &mut record.ends[ends..]);
            started = true;
            pos += read;
            out += written;
            ends += ended;
            let next = match result {
                ReadRecordResult::InputEmpty => continue,
                ReadRecordResult::OutputFull => {
                    let len = record.bytes.len() * 2;
                    record.bytes.resize(len, 0);
                    continue;
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = record.ends.len() * 2;
                    record.ends.resize(len, 0);
                    continue;
                }
                ReadRecordResult::Record => {
                    record.spans.clear();
                    let mut start = 0;
                    for &end in &record.ends[..ends] {
                        record.spans.push((start, end));
                        start = end;
                    }
                    Next::Record
                }
                ReadRecordResult::End => {
                    record.spans.clear();
                    Next::End
                }
            };
            self.pos = pos;
            self.line += core.line() - 1;
            self.strip_bom = false;
            return next;
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Flags the bytes of `word` equal to `byte` (the lowest flag is exact).
fn matches(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

fn word(data: &[u8], i: usize) -> Option<u64> {
    data.get(i..i + 8)
        .map(|bytes| u64::from_le_bytes(bytes.try_into().expect("eight bytes")))
}

/// The end of an unquoted field starting at `i`: the next comma or line end,
/// or the end of the data. Eight bytes at a time.
fn field_end(data: &[u8], mut i: usize) -> usize {
    while let Some(word) = word(data, i) {
        let found = matches(word, b',') | matches(word, b'\n') | matches(word, b'\r');
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < data.len() && !matches!(data[i], b',' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The quote closing a quoted field whose content starts at `i`, and the line
/// ends inside; `None` when there is none.
fn closing_quote(data: &[u8], mut i: usize) -> Option<(usize, u64)> {
    let mut newlines = 0;
    loop {
        match word(data, i) {
            Some(word) => {
                let found = matches(word, b'"') | matches(word, b'\n');
                if found == 0 {
                    i += 8;
                    continue;
                }
                i += (found.trailing_zeros() / 8) as usize;
            }
            None => {
                i += data
                    .get(i..)?
                    .iter()
                    .position(|&b| b == b'"' || b == b'\n')?;
            }
        }
        if data[i] == b'"' {
            return Some((i, newlines));
        }
        newlines += 1;
        i += 1;
    }
}

struct Context<'a> {
    path: &'a str,
    header: &'a Header,
    lenient: bool,
}

/// What one run of records gave. Lines are counted from the run's start (its
/// first line is line 1), and texts are interned in the run's own table.
#[derive(Default)]
struct Run {
    observations: Vec<Observation>,
    skipped: RowList,
    rows: u64,
    texts: Texts,
    /// The strict-mode error that stopped the run.
    error: Option<LoadError>,
    /// The end of the last record read.
    end: usize,
    /// Line ends read up to `end`.
    newlines: u64,
    /// Whether the run stopped at its `stop` position, as planned.
    reached_stop: bool,
}

/// Parses records from `start`. With `stop`, parsing ends once a record ends at
/// `stop` or where only line ends lie between it and `stop`: `stop` is a guess
/// at a record boundary (just after a line end), right unless that line end is
/// inside a quoted field, in which case the run reads past it and says so.
///
/// Observations go into `observations` (an emptied vector of an earlier run,
/// so that its memory is written again rather than freshly mapped).
fn run(
    context: &Context,
    data: &[u8],
    (start, stop): (usize, Option<usize>),
    eof: bool,
    observations: Vec<Observation>,
) -> Run {
    let mut out = Run {
        observations,
        ..Run::default()
    };
    let mut records = Records::new(data, start, false);
    let mut record = Record::new();
    let mut rows = RowParser::new(context);
    loop {
        let end = records.pos;
        (out.end, out.newlines) = (end, records.line() - 1);
        if let Some(stop) = stop {
            if end > stop {
                break;
            }
            if data[end..stop].iter().all(|&b| b == b'\r' || b == b'\n') {
                out.reached_stop = true;
                break;
            }
        }
        match records.next(&mut record, eof) {
            Next::Record => {}
            Next::End => {
                (out.end, out.newlines) = (records.pos, records.line() - 1);
                break;
            }
            Next::Incomplete => break,
        }
        out.rows += 1;
        let line = records.record_line;
        let row = if record.len() != context.header.len {
            Err(LoadError::field_count(
                context.path,
                line,
                record.len(),
                context.header.len,
            ))
        } else {
            rows.parse(line, &record)
        };
        match row {
            Ok(observation) => out.observations.push(observation),
            Err(error) if context.lenient => out.skipped.push(error),
            Err(error) => {
                out.error = Some(error);
                break;
            }
        }
    }
    out.texts = rows.texts;
    out
}

/// Where a stop goes: just after a line end, near each equal share of `data[start..]`.
fn stops(data: &[u8], start: usize, parts: usize) -> Vec<usize> {
    let len = data.len() - start;
    let mut stops = Vec::with_capacity(parts);
    let mut previous = start;
    for part in 1..parts {
        let target = (start + len * part / parts).max(previous);
        let Some(offset) = data[target..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let stop = target + offset + 1;
        if stop >= data.len() {
            break;
        }
        if stop > previous {
            stops.push(stop);
            previous = stop;
        }
    }
    stops
}

/// Collects runs into the file's load, in file order.
struct Loader<'a> {
    context: Context<'a>,
    plan: Plan,
    texts: &'a mut Texts,
    load: FileLoad,
    /// The line at the end of what has been read so far.
    line: u64,
    /// Runs parsed but not yet added to `load`, each with the line at its
    /// start: a block's runs are added while the next block is parsed.
    pending: Vec<(Run, u64)>,
    /// Emptied observation vectors of runs added, for the next runs.
    spare: Vec<Vec<Observation>>,
}

impl<'a> Loader<'a> {
    /// A loader whose first record starts after `line` (the header's).
    fn new(context: Context<'a>, plan: Plan, texts: &'a mut Texts, line: u64) -> Self {
        Self {
            context,
            plan,
            texts,
            load: FileLoad::default(),
            line,
            pending: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Parses `data[start..]`, in parallel parts when it is large, and returns
    /// where the last whole record ends (where the next block must start).
    ///
    /// `meanwhile`, if any, runs on this thread while the parts are parsed.
    fn block(
        &mut self,
        data: &[u8],
        start: usize,
        eof: bool,
        meanwhile: Option<&mut dyn FnMut()>,
    ) -> Result<usize, LoadError> {
        let len = data.len() - start;
        let parts = if len >= 2 * self.plan.min_part {
            self.plan.parts().min(len / self.plan.min_part.max(1))
        } else {
            1
        };
        let stops = stops(data, start, parts.max(1));
        let mut starts = vec![start];
        starts.extend(&stops);
        let context = &self.context;
        let pending = std::mem::take(&mut self.pending);
        let (texts, load, spare) = (&mut *self.texts, &mut self.load, &mut self.spare);
        let mut parts: Vec<_> = (0..starts.len())
            .map(|i| (starts[i], stops.get(i).copied()))
            .zip(std::iter::repeat_with(|| spare.pop().unwrap_or_default()))
            .collect();
        let mut absorbed = Ok(());
        let runs: Vec<Run> = match meanwhile {
            None => {
                absorb_all(texts, load, pending, spare)?;
                let (first, first_observations) = parts.remove(0);
                if parts.is_empty() {
                    vec![run(context, data, first, eof, first_observations)]
                } else {
                    std::thread::scope(|scope| {
                        let handles: Vec<_> = parts
                            .into_iter()
                            .map(|(part, observations)| {
                                scope.spawn(move || run(context, data, part, eof, observations))
                            })
                            .collect();
                        let mut runs = vec![run(context, data, first, eof, first_observations)];
                        runs.extend(
                            handles
                                .into_iter()
                                .map(|handle| handle.join().expect("a loader thread panicked")),
                        );
                        runs
                    })
                }
            }
            // Every part on a thread of its own; this one runs `meanwhile`
            // and adds the runs of the block before.
            Some(meanwhile) => std::thread::scope(|scope| {
                let handles: Vec<_> = parts
                    .into_iter()
                    .map(|(part, observations)| {
                        scope.spawn(move || run(context, data, part, eof, observations))
                    })
                    .collect();
                meanwhile();
                absorbed = absorb_all(texts, load, pending, spare);
                handles
                    .into_iter()
                    .map(|handle| handle.join().expect("a loader thread panicked"))
                    .collect()
            }),
        };
        absorbed?;
        let mut line = self.line;
        for (i, current) in runs.into_iter().enumerate() {
            let end = current.end;
            let end_line = line + current.newlines;
            let stopped = current.error.is_some();
            let reached_stop = current.reached_stop;
            self.pending.push((current, line));
            if stopped {
                // Nothing after a strict-mode error counts.
                self.line = end_line;
                return Ok(end);
            }
            match starts.get(i + 1) {
                Some(&next) if reached_stop => {
                    line = end_line + newlines(&data[end..next]);
                }
                Some(_) => {
                    // The guessed boundary was inside a record (a quoted field
                    // with a line end): read the rest again from the true end.
                    let observations = self.spare.pop().unwrap_or_default();
                    let rest = run(&self.context, data, (end, None), eof, observations);
                    let rest_end = rest.end;
                    self.line = end_line + rest.newlines;
                    self.pending.push((rest, end_line));
                    return Ok(rest_end);
                }
                None => {
                    self.line = end_line;
                    return Ok(end);
                }
            }
        }
        unreachable!("the last run returns")
    }

    fn finish(mut self) -> Result<FileLoad, LoadError> {
        absorb_all(
            self.texts,
            &mut self.load,
            std::mem::take(&mut self.pending),
            &mut self.spare,
        )?;
        if self.load.rows == 0 {
            return Err(LoadError::no_rows(self.context.path));
        }
        Ok(self.load)
    }
}

/// Adds runs' results in order, up to the first strict-mode error, and keeps
/// their emptied observation vectors in `spare`.
fn absorb_all(
    texts: &mut Texts,
    load: &mut FileLoad,
    runs: Vec<(Run, u64)>,
    spare: &mut Vec<Vec<Observation>>,
) -> Result<(), LoadError> {
    for (mut run, line) in runs {
        absorb(texts, load, &mut run, line)?;
        spare.push(run.observations);
    }
    Ok(())
}

/// Adds a run's results with their lines in the file (`line` is the line
/// at the run's start, its line 1) and shared text ids.
fn absorb(
    texts: &mut Texts,
    load: &mut FileLoad,
    run: &mut Run,
    line: u64,
) -> Result<(), LoadError> {
    let in_file = |relative: u64| line + relative - 1;
    // Texts first, even before an error: the reference interns as it goes.
    let map = texts.absorb(&run.texts);
    if let Some(error) = &mut run.error {
        error.line = error.line.map(in_file);
        return Err(error.clone());
    }
    load.observations.reserve(run.observations.len());
    for mut observation in run.observations.drain(..) {
        let true_line = in_file(u64::from(observation.row.0));
        observation.row = Row::at_line(true_line);
        observation.source = map[observation.source.index()];
        observation.note = map[observation.note.index()];
        load.observations.push(observation);
    }
    for error in &mut run.skipped.listed {
        error.line = error.line.map(in_file);
    }
    load.skipped.append(std::mem::take(&mut run.skipped));
    load.rows += run.rows;
    Ok(())
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// `a == b`, for the short texts of a row: a few overlapping word loads
/// that together cover every byte, without the call to `memcmp` that
/// comparing slices makes.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
        bytes[at..at + N].try_into().expect("N bytes")
    }
    let len = a.len();
    if len != b.len() {
        return false;
    }
    match len {
        // Not `a == b`, whose `memcmp` is slow on the empty slices of
        // blank notes (a masked load from a dangling pointer).
        0..4 => a.iter().zip(b).all(|(x, y)| x == y),
        4..8 => {
            word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, len - 4) == word::<4>(b, len - 4)
        }
        _ => {
            let last = len - 8;
            (0..last)
                .step_by(8)
                .all(|at| word::<8>(a, at) == word::<8>(b, at))
                && word::<8>(a, last) == word::<8>(b, last)
        }
    }
}

/// The last two values parsed from a field's bytes, since consecutive rows
/// usually repeat one (or alternate between two, as exports and imports do).
struct Last<T> {
    slots: [(Vec<u8>, Option<T>); 2],
    /// The slot to replace next.
    next: usize,
}

impl<T: Copy> Last<T> {
    fn new() -> Self {
        Self {
            slots: [(Vec::new(), None), (Vec::new(), None)],
            next: 0,
        }
    }

    /// The value remembered for `raw`, or `parse(raw)` remembered.
    fn get_or_parse<E>(
        &mut self,
        raw: &[u8],
        parse: impl FnOnce(&[u8]) -> Result<T, E>,
    ) -> Result<T, E> {
        for (key, value) in &self.slots {
            if let Some(value) = value
                && same_bytes(key, raw)
            {
                return Ok(*value);
            }
        }
        let value = parse(raw)?;
        let (key, slot) = &mut self.slots[self.next];
        key.clear();
        key.extend_from_slice(raw);
        *slot = Some(value);
        self.next = 1 - self.next;
        Ok(value)
    }
}

/// Parses rows into observations, with texts interned in its own table and
/// the last indicators, periods, units, sources and notes remembered by their
/// bytes: a remembered field is neither checked as UTF-8 nor parsed again.
struct RowParser<'c> {
    context: &'c Context<'c>,
    texts: Texts,
    measure: Last<Measure>,
    period: Last<Period>,
    unit: Last<Unit>,
    source: Last<TextId>,
    /// A note's id, and the currency a growth rate with that note is in.
    note: Last<(TextId, Currency)>,
}

impl<'c> RowParser<'c> {
    fn new(context: &'c Context<'c>) -> Self {
        Self {
            context,
            texts: Texts::default(),
            measure: Last::new(),
            period: Last::new(),
            unit: Last::new(),
            source: Last::new(),
            note: Last::new(),
        }
    }

    /// Each field's meaning as [`meaning`] gives it; the usual area code and
    /// number are read straight from the bytes, and anything else (such as a
    /// field that is not UTF-8, or has blank space around it) goes through
    /// `meaning`, for the same result and message as the reference loader.
    fn parse(&mut self, line: u64, record: &Record) -> Result<Observation, LoadError> {
        let Context { path, header, .. } = *self.context;
        let raw = |column: Column| header.get(record, column).unwrap_or_default();
        let bad = |column: Column| {
            move |problem| LoadError::at_field(path, line, COLUMNS[column as usize].1, problem)
        };
        let Self {
            texts,
            measure,
            period,
            unit,
            source,
            note,
            ..
        } = self;

        let measure = measure
            .get_or_parse(raw(Column::Indicator), |raw| {
                meaning::text(raw).and_then(meaning::measure)
            })
            .map_err(bad(Column::Indicator))?;
        let area = |column: Column| {
            let raw = raw(column);
            match Area::usual(raw) {
                Some(area) => Ok(area),
                None => meaning::text(raw).and_then(meaning::area),
            }
            .map_err(bad(column))
        };
        let reporter = area(Column::Reporter)?;
        let partner = area(Column::Partner)?;
        let period = period
            .get_or_parse(raw(Column::Period), |raw| {
                meaning::text(raw).and_then(meaning::period)
            })
            .map_err(bad(Column::Period))?;
        let raw_value = raw(Column::Value);
        let value = match short_decimal(raw_value) {
            Some(value) => Ok(value),
            None => meaning::text(raw_value).and_then(meaning::value),
        }
        .map_err(bad(Column::Value))?;
        let unit = unit
            .get_or_parse(raw(Column::Unit), |raw| {
                meaning::text(raw).and_then(meaning::unit)
            })
            .map_err(bad(Column::Unit))?;
        meaning::unit_fits(measure, unit).map_err(bad(Column::Unit))?;
        let source = source
            .get_or_parse(raw(Column::Source), |raw| {
                meaning::text(raw).map(|text| texts.intern(text))
            })
            .map_err(bad(Column::Source))?;
        let (note, growth_currency) = note
            .get_or_parse(raw(Column::Note), |raw| {
                meaning::text(raw).map(|text| (texts.intern(text), growth_currency(text)))
            })
            .map_err(bad(Column::Note))?;
        Ok(Observation {
            measure,
            reporter,
            partner,
            period,
            value,
            unit,
            currency: meaning::currency(measure, unit, growth_currency),
            source,
            note,
            row: Row::at_line(line),
        })
    }
}

/// What each field of a native row must mean. The fast loader and the
/// reference loader share these, so their messages are the same.
pub(crate) mod meaning {
    use super::super::model::{Area, Currency, Indicator, Measure, Unit};
    use super::super::period::Period;
    use super::parse_decimal;

    /// A field as trimmed text.
    pub fn text(raw: &[u8]) -> Result<&str, String> {
        std::str::from_utf8(raw).map(str::trim).map_err(|e| {
            format!(
                "not valid UTF-8 text (a bad byte at position {})",
                e.valid_up_to() + 1
            )
        })
    }

    pub fn measure(text: &str) -> Result<Measure, String> {
        Measure::parse(text).ok_or_else(|| {
            format!("unknown indicator '{text}' (expected exports, imports, trade, trade_share, odi, odi_nonfin, optionally with _yoy)")
        })
    }

    pub fn area(text: &str) -> Result<Area, String> {
        Area::parse(text).ok_or_else(|| {
            format!("'{text}' is not an area code (expected ISO alpha-3 such as CHN, or EAEU, BRI, EU, WLD)")
        })
    }

    pub fn period(text: &str) -> Result<Period, String> {
        Period::parse(text).map_err(|e| e.to_string())
    }

    pub fn value(text: &str) -> Result<f64, String> {
        parse_decimal(text).ok_or_else(|| {
            format!("'{text}' is not a number (expected digits with '.' as the decimal separator, no thousands separators)")
        })
    }

    pub fn unit(text: &str) -> Result<Unit, String> {
        Unit::parse(text).ok_or_else(|| {
            format!("unknown unit '{text}' (expected USD, USD_K, USD_MN, USD_BN, CNY, CNY_MN, CNY_BN, CNY_TN, PCT)")
        })
    }

    /// The currency a figure's series is in: a level's unit's, or for a
    /// growth rate, the one its note names (`growth_currency` of the note:
    /// dollars unless it says yuan).
    pub fn currency(measure: Measure, unit: Unit, growth_currency: Currency) -> Currency {
        if measure.growth {
            growth_currency
        } else {
            unit.currency()
        }
    }

    /// Growth rates and shares are in percent; levels in money.
    pub fn unit_fits(measure: Measure, unit: Unit) -> Result<(), String> {
        let wants_percent = measure.growth || measure.indicator == Indicator::TradeShare;
        if wants_percent == (unit == Unit::Pct) {
            return Ok(());
        }
        let expected = if wants_percent {
            "PCT"
        } else {
            "a currency unit"
        };
        Err(format!(
            "{measure} is measured in {expected}, not {}",
            unit.code()
        ))
    }
}

/// A plain decimal: optional sign, digits, optional `.` and digits. Rejects
/// thousands separators, exponents, `NaN` and infinities, which are never how a
/// statistics office writes a figure and usually mean a misread column.
pub fn parse_decimal(text: &str) -> Option<f64> {
    short_decimal(text.as_bytes()).or_else(|| any_decimal(text))
}

/// [`parse_decimal`] without its shortcut for short decimals.
fn any_decimal(text: &str) -> Option<f64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    text.parse().ok()
}

/// A plain decimal of at most 19 characters after its sign whose digits,
/// read as one integer, are at most 2^53: that integer and the power of ten
/// for the digits after the point are exact doubles, so their quotient,
/// rounded once, is the nearest double to the decimal, which is what
/// `str::parse` gives. `None` for anything else, valid or not.
fn short_decimal(text: &[u8]) -> Option<f64> {
    const POWERS: [f64; 20] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19,
    ];
    let (negative, digits) = match text.first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.len() > 19 {
        return None;
    }
    let (mut integer, mut after_point, mut point, mut any) = (0u64, 0, false, false);
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                integer = integer * 10 + u64::from(byte - b'0');
                after_point += usize::from(point);
                any = true;
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !any || integer > 1 << 53 {
        return None;
    }
    let value = integer as f64 / POWERS[after_point];
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::native_reference;
    use crate::data::synthetic;

    #[test]
    fn same_bytes_is_equality() {
        for len in 0..40 {
            let a: Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37)).collect();
            assert!(same_bytes(&a, &a.clone()), "length {len}");
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "length {len}, differing at {at}");
            }
            if len > 0 {
                assert!(!same_bytes(&a, &a[..len - 1]), "length {len}, one shorter");
            }
        }
    }

    #[test]
    fn short_decimals_parse_exactly_as_str_parse() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut random = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let mut cases: Vec<String> = [
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            ".5",
            "5.",
            "-.5",
            "+5.",
            ".",
            "-",
            "+",
            "",
            "1.2.3",
            "1e5",
            "1,5",
            " 1",
            "9007199254740992",
            "9007199254740993",
            "900719925474099.3",
            "0.1",
            "0.3",
            "2.675",
            "4735.469",
            "1234567890123456789",
            "12345678901234567890",
            "0.0000000000000000001",
            "-9999999999999999.99",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..200_000 {
            let len = 1 + random(21) as usize;
            let mut text: String = (0..len)
                .map(|_| char::from(b'0' + random(10) as u8))
                .collect();
            if random(4) > 0 {
                text.insert(random(len as u64 + 1) as usize, '.');
            }
            match random(4) {
                0 => text.insert(0, '-'),
                1 => text.insert(0, '+'),
                _ => {}
            }
            cases.push(text);
        }
        for text in cases {
            let expected = any_decimal(&text);
            let got = parse_decimal(&text);
            assert_eq!(
                got.map(f64::to_bits),
                expected.map(f64::to_bits),
                "{text:?}"
            );
            if let Some(fast) = short_decimal(text.as_bytes()) {
                assert_eq!(Some(fast.to_bits()), expected.map(f64::to_bits), "{text:?}");
            }
        }
    }

    type Outcome = Result<(Vec<Observation>, RowList, u64), LoadError>;

    /// The outcome and every text each observation points to, so that both the
    /// ids and what they mean are compared.
    fn outcome(result: Result<FileLoad, LoadError>, texts: &Texts) -> (Outcome, Vec<String>) {
        let mut strings = vec![format!("{} texts", texts.len())];
        let result = result.map(|load| {
            for o in &load.observations {
                strings.push(format!("{}|{}", texts.get(o.source), texts.get(o.note)));
            }
            (load.observations, load.skipped, load.rows)
        });
        (result, strings)
    }

    /// Texts already holding something, as when a second file is loaded.
    fn fresh_texts() -> Texts {
        let mut texts = Texts::default();
        texts.intern("src");
        texts.intern("earlier file");
        texts
    }

    fn reference(bytes: &[u8], lenient: bool) -> (Outcome, Vec<String>) {
        let mut texts = fresh_texts();
        let result = native_reference::parse("t.csv", bytes, &mut texts, lenient);
        outcome(result, &texts)
    }

    fn plans() -> Vec<Plan> {
        let mut plans = Vec::new();
        for parts in [1, 2, 3, 5] {
            for block in [1, 7, 64, 1 << 20] {
                for room in [0, 5, 64 * 1024] {
                    plans.push(Plan {
                        parts,
                        min_part: 1,
                        block,
                        room,
                    });
                }
            }
        }
        plans
    }

    /// Every way of loading `bytes` gives what the reference loader gives.
    fn check(name: &str, bytes: &[u8]) {
        check_with(name, bytes, &plans());
    }

    fn check_with(name: &str, bytes: &[u8], plans: &[Plan]) {
        for lenient in [false, true] {
            let expected = reference(bytes, lenient);
            for &plan in plans {
                let mut texts = fresh_texts();
                let result = parse_with("t.csv", bytes, &mut texts, lenient, plan);
                assert_eq!(
                    outcome(result, &texts),
                    expected,
                    "{name}: in memory, lenient {lenient}, {plan:?}"
                );
                let mut texts = fresh_texts();
                let result = parse_reader_with("t.csv", bytes, &mut texts, lenient, plan);
                assert_eq!(
                    outcome(result, &texts),
                    expected,
                    "{name}: streamed, lenient {lenient}, {plan:?}"
                );
            }
        }
    }

    const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note";

    const GOOD: [&str; 8] = [
        "trade,CHN,RUS,2019,110.75,USD_BN,\"GACC, as reported by Xinhua\",",
        "exports,CHN,RUS,2019-01,4.5,USD_BN,src,\"a note, with a comma\"",
        "imports,CHN,RUS,2019-01,5.25,USD_BN,src,\"a note\nover two lines\"",
        "trade_yoy,CHN,RUS,2019,3.4,PCT,\"quoted \"\"twice\"\", here\",in yuan terms",
        "trade_share,EAEU,CHN,2020-01/2020-04,29.3,PCT,\"Commission\n\n, with blank lines inside\",",
        "odi_nonfin,CHN,BRI,2018,15.64,USD_BN,earlier file,",
        "exports,KAZ,CHN,2019-Q3, 12 ,usd_mn, src , ",
        "trade,CHN,RUS,2019,111,USD_BN,stray\"quote,note",
    ];

    const BAD: [&str; 8] = [
        "trade,CHN,RUS,2019,1\u{a0}000,USD_BN,src,",
        "trade,CHN,RUS,2019,1.5,EUR,src,",
        "trade,CHN,RUS,2019,1.5,USD_BN,src",
        "trade,CHN,RUS,2019-13,1.5,USD_BN,src,",
        "trade,XX,RUS,2019,1.5,USD_BN,src,",
        "trades,CHN,RUS,2019,1.5,USD_BN,\"a source\nthat fails\",",
        "trade,CHN,RUS,2019,1.5,PCT,src,",
        "trade,CHN,RUS,2019,1.5,USD_BN,\"multi\nline\",\"note\",extra",
    ];

    fn file(rows: &[&str], end: &str, bom: bool) -> Vec<u8> {
        let mut text = String::new();
        if bom {
            text.push('\u{feff}');
        }
        text.push_str(HEADER);
        text.push_str(end);
        for row in rows {
            text.push_str(&row.replace('\n', end));
            text.push_str(end);
        }
        text.into_bytes()
    }

    #[test]
    fn fixtures_load_exactly_as_the_reference_loader_loads_them() {
        let mut rows: Vec<&str> = Vec::new();
        for (i, good) in GOOD.iter().enumerate() {
            rows.push(good);
            rows.push(BAD[i]);
            rows.push(GOOD[(i + 3) % GOOD.len()]);
        }
        let good_only: Vec<&str> = GOOD.to_vec();
        for (name, rows) in [("mixed", &rows), ("good", &good_only)] {
            for end in ["\n", "\r\n"] {
                for bom in [false, true] {
                    let bytes = file(rows, end, bom);
                    check(&format!("{name} {end:?} bom {bom}"), &bytes);
                    // No final line end.
                    check(
                        &format!("{name} {end:?} bom {bom} unterminated"),
                        bytes.strip_suffix(end.as_bytes()).unwrap(),
                    );
                }
            }
        }
    }

    #[test]
    fn more_bad_rows_than_are_listed_keep_the_first_in_file_order() {
        let mut text = format!("{HEADER}\n");
        for i in 0..2400 {
            text.push_str(if i % 3 == 0 { GOOD[0] } else { BAD[1] });
            text.push('\n');
        }
        // Blocks of a byte or a few make a file this long slow to read.
        let plans: Vec<Plan> = plans().into_iter().filter(|p| p.block >= 64).collect();
        check_with("many bad rows", text.as_bytes(), &plans);
        let mut texts = fresh_texts();
        let load = parse("t.csv", text.as_bytes(), &mut texts, true).unwrap();
        assert_eq!(load.skipped.count, 1600);
        assert_eq!(load.skipped.listed.len(), RowList::LISTED);
    }

    #[test]
    fn odd_files_fail_or_load_as_the_reference_says() {
        let blank_lines = format!(
            "{HEADER}\n\n{}\n\n\n{}\r\n\r\n{}\n",
            GOOD[0], BAD[1], GOOD[1]
        );
        let invalid_utf8 = {
            let mut bytes = format!("{HEADER}\n{}\n", GOOD[0]).into_bytes();
            bytes.extend_from_slice(b"trade,CHN,RUS,2019,1,USD_BN,bad \xff byte,\n");
            bytes.extend_from_slice(format!("{}\n", GOOD[1]).as_bytes());
            bytes
        };
        // Bad bytes next to the quotes and commas of records read in place.
        let invalid_utf8_quoted = {
            let mut bytes = format!("{HEADER}\n{}\n", GOOD[0]).into_bytes();
            bytes.extend_from_slice(
                b"trade,CHN,RUS,2019,1,USD_BN,\"caf\xc3\",\"Soci\xc3\xa9t\xc3\xa9\"\n",
            );
            bytes.extend_from_slice(
                b"trade,CHN,RUS,2020,1,USD_BN,\"Soci\xc3\xa9t\xc3\xa9\",\xe2\x82\n",
            );
            bytes.extend_from_slice(b"trade,CHN,RUS,2021,1,USD_BN,\"\xc3\xa9\",\"\xe2\x82\xac\"\n");
            bytes.extend_from_slice(format!("{}\n", GOOD[1]).as_bytes());
            bytes
        };
        // Every field not in its usual form, so read through `meaning`: bad
        // bytes in each field in turn, and blank space around values.
        let unusual_fields = {
            let mut bytes = format!("{HEADER}\n").into_bytes();
            for row in [
                &b"tr\xffade,CHN,RUS,2019,1,USD_BN,src,"[..],
                b"trade,C\xffN,RUS,2019,1,USD_BN,src,",
                b"trade,CHN,\xc3,2019,1,USD_BN,src,",
                b"trade,CHN,RUS,20\xff19,1,USD_BN,src,",
                b"trade,CHN,RUS,2019,1\xff,USD_BN,src,",
                b"trade,CHN,RUS,2019,1,USD\xff_BN,src,",
                b" trade ,\tchn , RUS,2019 , 1.5 ,usd_bn , src , note ",
                b"trade,\xc2\xa0CHN\xc2\xa0,RUS,2019,\xc2\xa01.5,USD_BN,src,",
                b"trade_yoy,CHN,RUS,2019,3.4,PCT,src,in yuan terms",
                b"trade,CHN,RUS,2020,1,USD_BN,src,in yuan terms",
                b"trade_yoy,CHN,RUS,2020,3.4,PCT,src,in yuan terms",
                b"trade,CHN,RUS,2021,12345678901234567890.5,USD_BN,src,",
            ] {
                bytes.extend_from_slice(row);
                bytes.push(b'\n');
            }
            bytes
        };
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("unusual fields", unusual_fields),
            ("empty", b"".to_vec()),
            ("invalid utf-8 by quotes", invalid_utf8_quoted),
            ("blank", b" \n\r\n\t".to_vec()),
            ("bom only", b"\xEF\xBB\xBF \n".to_vec()),
            ("header only", format!("{HEADER}\n").into_bytes()),
            ("no unit column", b"indicator,reporter,partner,period,value\ntrade,CHN,RUS,2019,1\n".to_vec()),
            ("twice", format!("{HEADER},unit\n").into_bytes()),
            ("double bom", format!("\u{feff}\u{feff}{HEADER}\n{}\n", GOOD[0]).into_bytes()),
            ("bom on a row", format!("{HEADER}\n{}\n\u{feff}{}\n", GOOD[0], GOOD[1]).into_bytes()),
            ("blank lines", blank_lines.into_bytes()),
            ("invalid utf-8", invalid_utf8),
            ("unclosed quote", format!("{HEADER}\n{}\ntrade,CHN,RUS,2019,1,USD_BN,\"never closed,\n{}\n", GOOD[0], GOOD[1]).into_bytes()),
            ("columns reordered", b"Unit,VALUE,period,partner,reporter,indicator,extra\nUSD_BN,1.5,2019,RUS,CHN,trade,x\n".to_vec()),
            ("text after a closing quote", format!("{HEADER}\n{}\ntrade,CHN,RUS,2019,1,USD_BN,\"src\"x,\n{}\n", GOOD[0], GOOD[1]).into_bytes()),
            ("quotes mid-field", format!("{HEADER}\ntrade,CHN,RUS,2019,1,USD_BN,a\"b\"c,n\"\n{}\n", GOOD[1]).into_bytes()),
            ("empty quoted fields", format!("{HEADER}\n\"trade\",CHN,RUS,2019,1,USD_BN,\"\",\"\"\n\"\"\n,,,,,,,\n{}", GOOD[1]).into_bytes()),
            ("quoted last field at the end", format!("{HEADER}\n{}\ntrade,CHN,RUS,2019,1,USD_BN,src,\"end\"", GOOD[0]).into_bytes()),
            ("lone carriage returns", format!("{HEADER}\r{}\r{}\r", GOOD[0], GOOD[1]).into_bytes()),
        ];
        // A quoted field holding most of the file's lines, so that the guessed
        // chunk boundaries fall inside it and the loader must read on.
        let long_note = format!(
            "{HEADER}\n{}\ntrade,CHN,RUS,2020,1,USD_BN,src,\"{}\"\n{}\n{}\n",
            GOOD[0],
            "a line, of a long note\n".repeat(60),
            BAD[2],
            GOOD[1]
        );
        let cases: Vec<(&str, Vec<u8>)> = cases
            .into_iter()
            .chain([("long quoted note", long_note.into_bytes())])
            .collect();
        for (name, bytes) in cases {
            check(name, &bytes);
        }
    }

    #[test]
    fn a_generated_file_loads_exactly_as_the_reference_loader_loads_it() {
        let bytes = synthetic::csv_bytes(50_000, 9);
        let mut text = String::from_utf8(bytes).unwrap();
        // Some bad rows and a multi-line quoted note, spread through the file.
        for (i, at) in [1_000_000, 2_000_000, 3_000_000].into_iter().enumerate() {
            let at = text[at..].find('\n').unwrap() + at + 1;
            let insert = [
                "trade,CHN,RUS,2019,oops,USD_BN,src,\n",
                "imports,CHN,RUS,2019-02,4,USD_BN,src,\"a long\nnote\"\n",
                "trade,CHN,RUS,2019,1,USD_BN\n",
            ][i];
            text.insert_str(at, insert);
        }
        let bytes = text.into_bytes();
        for lenient in [false, true] {
            let expected = reference(&bytes, lenient);
            for plan in [
                Plan::for_machine(),
                Plan {
                    parts: 4,
                    min_part: 1,
                    block: 100_000,
                    room: 16,
                },
                Plan {
                    parts: 7,
                    min_part: 1,
                    block: 4096,
                    room: 1024,
                },
            ] {
                let mut texts = fresh_texts();
                let result = parse_with("t.csv", &bytes, &mut texts, lenient, plan);
                assert!(
                    outcome(result, &texts) == expected,
                    "in memory, {lenient}, {plan:?}"
                );
                let mut texts = fresh_texts();
                let result = parse_reader_with("t.csv", &bytes[..], &mut texts, lenient, plan);
                assert!(
                    outcome(result, &texts) == expected,
                    "streamed, {lenient}, {plan:?}"
                );
            }
        }
        let (Err(first), _) = reference(&bytes, false) else {
            panic!("the file has bad rows");
        };
        assert_eq!(first.field.as_deref(), Some("value"));
    }
}
