//! Splitting native data into records, each field located and each record's
//! true line counted.

use csv_core::ReadRecordResult;

use super::separators::Separators;
use crate::data::load::error::{line_breaks, line_ends, quote_left_open};

/// One record's fields: either where they lie in the data (a usual record,
/// split directly, is never copied), or in the bytes csv_core leaves, all
/// fields one after another.
pub(super) struct Record<'d> {
    /// The data the record was read from.
    data: &'d [u8],
    /// Whether the fields lie in `data`, rather than in `bytes`.
    in_data: bool,
    /// Where each field starts and ends.
    spans: Vec<(usize, usize)>,
    /// csv_core's output: the fields' bytes, and where each field ends.
    bytes: Vec<u8>,
    ends: Vec<usize>,
    /// Line ends inside its quoted fields (none in a well-formed file).
    pub(super) line_breaks: u64,
    /// Whether it ends the file inside a quoted field.
    pub(super) open_quote: bool,
}

impl Record<'_> {
    pub(super) fn new() -> Self {
        Self {
            data: &[],
            in_data: false,
            spans: Vec::new(),
            bytes: Vec::new(),
            ends: Vec::new(),
            line_breaks: 0,
            open_quote: false,
        }
    }

    #[inline]
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    #[inline]
    pub(super) fn get(&self, i: usize) -> Option<&[u8]> {
        let &(start, end) = self.spans.get(i)?;
        Some(if self.in_data {
            &self.data[start..end]
        } else {
            &self.bytes[start..end]
        })
    }

    pub(super) fn fields(&self) -> impl Iterator<Item = &[u8]> + Clone {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

pub(super) enum Next {
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
pub(super) struct Records<'d> {
    data: &'d [u8],
    pub(super) pos: usize,
    /// The line at `pos`: line ends read so far plus one.
    line: u64,
    /// The line the last record read starts on.
    pub(super) record_line: u64,
    /// Whether a byte-order mark at the start may be dropped (only at the
    /// file's start); such a reader uses csv_core alone.
    strip_bom: bool,
    /// Where the separators lie in the bytes being split.
    separators: Separators,
}

impl<'d> Records<'d> {
    pub(super) fn new(data: &'d [u8], pos: usize, strip_bom: bool) -> Self {
        Self {
            data,
            pos,
            line: 1,
            record_line: 1,
            strip_bom,
            separators: Separators::new(),
        }
    }

    /// The line at the reader's position, counted from where it started.
    pub(super) fn line(&self) -> u64 {
        self.line
    }

    /// Reads the next record. With `eof` false, running out of input is
    /// `Incomplete`, and the reader is left before the record.
    pub(super) fn next(&mut self, record: &mut Record<'d>, eof: bool) -> Next {
        // Line ends before a record are skipped here (csv_core would skip
        // them too), so that the record's line is where it starts.
        let data = self.data;
        let mut i = self.pos;
        while i < data.len() && (data[i] == b'\n' || data[i] == b'\r') {
            i += 1;
        }
        if i == data.len() && !eof {
            return Next::Incomplete;
        }
        if i > self.pos {
            // The whole run of line ends is here, so no CRLF is split.
            self.line += line_ends(&data[self.pos..i]);
            self.pos = i;
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

    /// Splits a usual record; `None` when csv_core must read it. Fields end
    /// at the separators the bitmaps find; from a field with a quote on,
    /// [`Records::split_quoted`] reads the rest.
    #[inline]
    fn split(&mut self, record: &mut Record<'d>, eof: bool) -> Option<Next> {
        let data = self.data;
        let mut i = self.pos;
        record.spans.clear();
        if i == data.len() {
            return Some(Next::End);
        }
        loop {
            let end = self.separators.next(data, i);
            match data.get(end) {
                Some(b',') => {
                    record.spans.push((i, end));
                    i = end + 1;
                }
                Some(b'"') => return self.split_quoted(record, eof, i),
                // A line end, or the end of the data.
                _ => {
                    if end == data.len() && !eof {
                        return Some(Next::Incomplete);
                    }
                    record.spans.push((i, end));
                    return Some(self.end_record(record, end, 0));
                }
            }
        }
    }

    /// [`Records::split`] from the field at `i` on: a quote inside an
    /// unquoted field is only text, and a quoted field ends at its next quote.
    fn split_quoted(&mut self, record: &mut Record<'d>, eof: bool, mut i: usize) -> Option<Next> {
        let data = self.data;
        let mut newlines = 0;
        loop {
            // One field: where its content lies, and the position of what follows it.
            let (start, end, after) = if data.get(i) == Some(&b'"') {
                let (close, inside) = self.closing_quote(i + 1)?;
                newlines += inside;
                match data.get(close + 1) {
                    Some(b',' | b'\n' | b'\r') | None => (i + 1, close, close + 1),
                    // A doubled quote or text after the closing quote.
                    Some(_) => return None,
                }
            } else {
                let mut end = self.separators.next(data, i);
                while data.get(end) == Some(&b'"') {
                    end = self.separators.next(data, end + 1);
                }
                (i, end, end)
            };
            if after == data.len() && !eof {
                return Some(Next::Incomplete);
            }
            record.spans.push((start, end));
            if data.get(after) != Some(&b',') {
                return Some(self.end_record(record, after, newlines));
            }
            i = after + 1;
        }
    }

    /// A record split, ending at `end` with `newlines` inside its quoted
    /// fields. Its line end is left for `next`, which counts each run of
    /// them whole.
    #[inline]
    fn end_record(&mut self, record: &mut Record<'d>, end: usize, newlines: u64) -> Next {
        self.pos = end;
        self.line += newlines;
        record.data = self.data;
        record.in_data = true;
        record.line_breaks = newlines;
        record.open_quote = false;
        Next::Record
    }

    /// The quote closing a quoted field whose content starts at `i`, and the
    /// line ends inside; `None` when there is none.
    fn closing_quote(&mut self, mut i: usize) -> Option<(usize, u64)> {
        let data = self.data;
        let mut newlines = 0;
        loop {
            i = self.separators.next(data, i);
            match *data.get(i)? {
                b'"' => return Some((i, newlines)),
                // A CRLF is one line end, counted at its LF.
                b'\r' if data.get(i + 1) == Some(&b'\n') => {}
                b'\r' | b'\n' => newlines += 1,
                _ => {}
            }
            i += 1;
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
                    record.line_breaks = line_breaks(record.fields());
                    record.open_quote =
                        pos == self.data.len() && quote_left_open(&self.data[self.pos..pos]);
                    Next::Record
                }
                ReadRecordResult::End => {
                    record.spans.clear();
                    Next::End
                }
            };
            // As in `split`, the record's line end is left for `next`.
            let mut end = pos;
            while end > self.pos && matches!(self.data[end - 1], b'\r' | b'\n') {
                end -= 1;
            }
            self.line += line_ends(&self.data[self.pos..end]);
            self.pos = end;
            self.strip_bom = false;
            return next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading one record gave, comparable between the two readers.
    #[derive(Debug, PartialEq)]
    enum Read {
        Record {
            fields: Vec<Vec<u8>>,
            line: u64,
            line_breaks: u64,
            open_quote: bool,
            pos: usize,
            line_after: u64,
        },
        End,
        Incomplete,
    }

    fn read<'d>(
        records: &mut Records<'d>,
        record: &mut Record<'d>,
        eof: bool,
        line_base: u64,
    ) -> Read {
        match records.next(record, eof) {
            Next::Record => Read::Record {
                fields: record.fields().map(<[u8]>::to_vec).collect(),
                line: line_base + records.record_line - 1,
                line_breaks: record.line_breaks,
                open_quote: record.open_quote,
                pos: records.pos,
                line_after: line_base + records.line() - 1,
            },
            Next::End => Read::End,
            Next::Incomplete => Read::Incomplete,
        }
    }

    /// Every record of `data` as the reader splits it, and as a fresh
    /// csv_core reader reads each one (a reader made to strip a byte-order
    /// mark reads with csv_core alone; the data holds none).
    fn both(data: &[u8], eof: bool) -> (Vec<Read>, Vec<Read>) {
        let mut fast = Vec::new();
        let mut records = Records::new(data, 0, false);
        let mut record = Record::new();
        loop {
            let next = read(&mut records, &mut record, eof, 1);
            let last = !matches!(next, Read::Record { .. });
            fast.push(next);
            if last || fast.len() > data.len() + 2 {
                break;
            }
        }
        let mut slow = Vec::new();
        let (mut pos, mut line) = (0, 1);
        loop {
            let mut records = Records::new(data, pos, true);
            let mut record = Record::new();
            let next = read(&mut records, &mut record, eof, line);
            if let Read::Record {
                pos: after,
                line_after,
                ..
            } = next
            {
                (pos, line) = (after, line_after);
            }
            let last = !matches!(next, Read::Record { .. });
            slow.push(next);
            if last || slow.len() > data.len() + 2 {
                break;
            }
        }
        (fast, slow)
    }

    /// A small generator of pseudo-random numbers (xorshift), so that the
    /// inputs are the same on every run.
    struct Bytes(u64);

    impl Bytes {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn records_split_directly_are_what_csv_core_reads() {
        // Separators and quotes often, so that every case of a field meets
        // every other, and lengths around the eight-byte words read at once.
        let alphabet = b"ab,,\"\n\r \xc3xyz0123456789";
        let mut random = Bytes(0x9e37_79b9_7f4a_7c15);
        for case in 0..20_000 {
            let len = (random.next() % 90) as usize;
            let data: Vec<u8> = (0..len)
                .map(|_| alphabet[(random.next() % alphabet.len() as u64) as usize])
                .collect();
            for eof in [true, false] {
                let (fast, slow) = both(&data, eof);
                assert_eq!(
                    fast,
                    slow,
                    "case {case}, eof {eof}: {:?}",
                    String::from_utf8_lossy(&data)
                );
            }
        }
    }
}
