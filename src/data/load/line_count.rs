//! The true line of each record a csv reader reads, which the csv crate's
//! own count does not give (csv 1.4, csv-core 0.1.13; all open upstream):
//! - after a CRLF line end its count lags a line: csv-core counts a line at
//!   an LF, and a record ends at the CR (BurntSushi/rust-csv#395, PR #433);
//! - the first record after a blank line is given the blank line's number
//!   (rust-csv#208); records read with `has_headers(false)`, as every reader
//!   here is, were reported off by one (rust-csv#184);
//! - only LF is counted (csv-core's `Reader::line`), so a file with lone CR
//!   line ends is all line 1;
//! - a record's byte offset may be that of a line end before it: after a
//!   CRLF, the LF (rust-csv#375: the offsets are exact for the csv reader,
//!   not for a person).
//!
//! Counting the line ends of the bytes passed to the reader, up to each
//! record's first byte, gives the line a person sees in an editor.

use std::io::Read;

use super::MAX_RECORD;
use super::error::line_ends;

/// Passes a stream on to the csv reader and keeps the bytes it has not yet
/// line-counted, so that each record's true 1-based line can be found from
/// its byte offset without the whole input in memory: what is kept is the
/// csv reader's buffer, the last record and the one being read.
pub(crate) struct LineCountingReader<R> {
    inner: R,
    /// Bytes passed on and not yet dropped; the first is at `kept_offset`.
    kept: Vec<u8>,
    kept_offset: u64,
    /// How many of `kept` have been counted.
    counted: usize,
    pub(super) newlines: u64,
}

impl<R> LineCountingReader<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            kept: Vec::new(),
            kept_offset: 0,
            counted: 0,
            newlines: 0,
        }
    }

    /// The bytes from `start` to `end`, if still kept: those of the record
    /// just read.
    pub fn kept_bytes(&self, start: u64, end: u64) -> Option<&[u8]> {
        let from = usize::try_from(start.checked_sub(self.kept_offset)?).ok()?;
        let to = usize::try_from(end.checked_sub(self.kept_offset)?).ok()?;
        self.kept.get(from..to)
    }

    /// The line of a record starting at `offset`; offsets must come in
    /// increasing order, and the record must have been read.
    pub fn line_at(&mut self, offset: u64) -> u64 {
        let mut at = usize::try_from(offset.saturating_sub(self.kept_offset))
            .unwrap_or(usize::MAX)
            .min(self.kept.len());
        // After a CRLF the reported start is the LF; a record never starts with
        // a line end (blank lines are skipped), so step over them.
        while at < self.kept.len() && matches!(self.kept[at], b'\r' | b'\n') {
            at += 1;
        }
        if at > self.counted {
            self.newlines += line_ends(&self.kept[self.counted..at]);
            self.counted = at;
        }
        self.newlines + 1
    }
}

impl<R: Read> Read for LineCountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        // Counted bytes are dropped once a read, not once a record, so that
        // little is moved: what is left starts at the last record.
        self.kept.drain(..self.counted);
        self.kept_offset += self.counted as u64;
        self.counted = 0;
        self.kept.extend_from_slice(&buf[..read]);
        // What is kept past the last record counted is the record being read
        // (and the csv reader's few kilobytes ahead): bounded, whatever the input.
        if self.kept.len() > MAX_RECORD + buf.len() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a row longer than 1 MiB after line {}: not a row of figures (a quote never closed, or not a CSV file?)",
                    self.newlines + 1
                ),
            ));
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use csv::{ByteRecord, ReaderBuilder};

    use super::*;

    #[test]
    fn the_line_counter_keeps_only_what_it_has_not_counted() {
        let row = "CHN,RUS,2019,1.5\r\n";
        let input = format!("a,b,c,d\r\n{}", row.repeat(50_000));
        let mut reader = ReaderBuilder::new()
            .has_headers(false)
            .from_reader(LineCountingReader::new(input.as_bytes()));
        let mut record = ByteRecord::new();
        let (mut most_kept, mut last_line) = (0, 0);
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            last_line = reader.get_mut().line_at(start);
            most_kept = most_kept.max(reader.get_ref().kept.len());
        }
        assert_eq!(last_line, 50_001);
        // The csv reader's buffer (8 KiB), the last record and the one being read.
        assert!(
            most_kept <= 8 * 1024 + 2 * row.len(),
            "{most_kept} bytes kept"
        );
    }
}
