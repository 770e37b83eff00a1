//! The counts and sizes a Parquet file states, checked against its length
//! before the parquet crate allocates by them. The crate (60.1) reserves
//! what a header says: a schema element's `num_children` (8 bytes each), a
//! dictionary page's `num_values` (up to 32 bytes each), a compressed page's
//! `uncompressed_page_size` (zero-filled), and it skips a page header's
//! unknown list by its stated length, re-reading the file's end for each
//! element. So the footer and every page header of the columns read are
//! walked here first, in Thrift's compact protocol, and any count that the
//! bytes cannot hold refuses the file: memory and time stay proportional to
//! the file's size.

use parquet::basic::{Compression, Type as Physical};
use parquet::file::metadata::{ColumnChunkMetaData, ParquetMetaData};
use parquet::file::reader::ChunkReader;

use crate::data::load::error::LoadError;
use crate::data::model::counted;

/// The most a compressed page may grow by: far above what Snappy (at most
/// about 21 times) or ZSTD give on real columns, far below a bomb's.
const MAX_RATIO: u64 = 1024;
/// A compressed page may always say this much, whatever its size.
const SMALL_PAGE: u64 = 64 * 1024;
/// The most rows a row group may hold for each byte of its column chunks:
/// a row takes at least a bit of a real column; RLE can make a constant
/// column a few bytes, but not every column of a row group.
const MAX_ROWS_PER_BYTE: u64 = 1024;
/// The deepest schema read (a nested group is a struct or a list; the rows
/// read have none): the crate builds the schema tree recursively.
const MAX_SCHEMA_DEPTH: usize = 64;
/// The deepest nesting of Thrift structs and lists walked.
const MAX_THRIFT_DEPTH: u32 = 32;
/// A page header's first read; read again larger when it is longer.
const HEADER_GUESS: u64 = 256;

/// Why a walk stopped: the bytes ended (read more, or the header is cut),
/// or they cannot be a header.
#[derive(Debug)]
enum Stop {
    End,
    Bad(String),
}

type Walked<T> = Result<T, Stop>;

/// Thrift's compact protocol, read from a slice: every length and count
/// checked against the bytes left.
struct Compact<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: u32,
}

// Compact protocol type codes.
const BOOL_TRUE: u8 = 1;
const BOOL_FALSE: u8 = 2;
const BYTE: u8 = 3;
const I16: u8 = 4;
const I32: u8 = 5;
const I64: u8 = 6;
const DOUBLE: u8 = 7;
const BINARY: u8 = 8;
const LIST: u8 = 9;
const SET: u8 = 10;
const MAP: u8 = 11;
const STRUCT: u8 = 12;
const UUID: u8 = 13;

impl<'a> Compact<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            at: 0,
            depth: 0,
        }
    }

    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn byte(&mut self) -> Walked<u8> {
        let byte = *self.bytes.get(self.at).ok_or(Stop::End)?;
        self.at += 1;
        Ok(byte)
    }

    fn skip(&mut self, count: u64) -> Walked<()> {
        if count > self.left() as u64 {
            return Err(Stop::End);
        }
        self.at += count as usize;
        Ok(())
    }

    fn varint(&mut self) -> Walked<u64> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7F).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Stop::Bad("a number of more than ten bytes".into()))
    }

    fn integer(&mut self) -> Walked<i64> {
        let value = self.varint()?;
        Ok((value >> 1) as i64 ^ -((value & 1) as i64))
    }

    /// A count of `elements` of at least a byte each: within the bytes left.
    fn count(&mut self, raw: u64, what: &str) -> Walked<u64> {
        if raw > self.left() as u64 {
            return Err(Stop::Bad(format!(
                "{what} of {raw} elements in {} bytes",
                self.left()
            )));
        }
        Ok(raw)
    }

    /// A field's type and id, or `None` at the struct's end.
    fn field(&mut self, last: i16) -> Walked<Option<(u8, i16)>> {
        let header = self.byte()?;
        let kind = header & 0x0F;
        if kind == 0 {
            return Ok(None);
        }
        let delta = i16::from(header >> 4);
        let id = if delta == 0 {
            i16::try_from(self.integer()?).map_err(|_| Stop::Bad("a field id".into()))?
        } else {
            last.checked_add(delta)
                .ok_or_else(|| Stop::Bad("a field id".into()))?
        };
        Ok(Some((kind, id)))
    }

    /// Walks a struct, giving each field to `read`, which reads it and says
    /// so, or leaves it to be skipped.
    fn fields(&mut self, mut read: impl FnMut(&mut Self, u8, i16) -> Walked<bool>) -> Walked<()> {
        self.enter()?;
        let mut last = 0;
        while let Some((kind, id)) = self.field(last)? {
            if !read(self, kind, id)? {
                self.value(kind)?;
            }
            last = id;
        }
        self.depth -= 1;
        Ok(())
    }

    fn enter(&mut self) -> Walked<()> {
        self.depth += 1;
        if self.depth > MAX_THRIFT_DEPTH {
            return Err(Stop::Bad("structures nested too deep".into()));
        }
        Ok(())
    }

    /// A list's element type and length.
    fn list(&mut self) -> Walked<(u8, u64)> {
        let header = self.byte()?;
        let kind = header & 0x0F;
        let short = u64::from(header >> 4);
        let raw = if short == 15 { self.varint()? } else { short };
        // The crate skips a boolean element as no bytes, the protocol as
        // one: no Parquet header holds a list of them.
        if raw > 0 && matches!(kind, BOOL_TRUE | BOOL_FALSE) {
            return Err(Stop::Bad("a list of booleans".into()));
        }
        Ok((kind, self.count(raw, "a list")?))
    }

    /// Skips a value of type `kind`.
    fn value(&mut self, kind: u8) -> Walked<()> {
        match kind {
            BOOL_TRUE | BOOL_FALSE => Ok(()),
            BYTE => self.skip(1),
            I16 | I32 | I64 => self.varint().map(drop),
            DOUBLE => self.skip(8),
            UUID => self.skip(16),
            BINARY => {
                let len = self.varint()?;
                self.skip(len)
            }
            LIST | SET => {
                let (element, len) = self.list()?;
                self.enter()?;
                for _ in 0..len {
                    self.value(element)?;
                }
                self.depth -= 1;
                Ok(())
            }
            MAP => {
                let raw = self.varint()?;
                let len = self.count(raw, "a map")?;
                if len == 0 {
                    return Ok(());
                }
                let kinds = self.byte()?;
                self.enter()?;
                for _ in 0..len {
                    self.value(kinds >> 4)?;
                    self.value(kinds & 0x0F)?;
                }
                self.depth -= 1;
                Ok(())
            }
            STRUCT => self.fields(|_, _, _| Ok(false)),
            other => Err(Stop::Bad(format!("a value of unknown type {other}"))),
        }
    }

    /// An `i32` field's value.
    fn i32(&mut self, kind: u8) -> Walked<i64> {
        if kind != I32 {
            return Err(Stop::Bad(format!("a field of type {kind} for an i32")));
        }
        self.integer()
    }
}

/// Checks the footer of the file `chunks` holds before the crate reads it:
/// every length within it, and a schema tree that its elements can fill.
pub(super) fn check_footer_bytes<R: ChunkReader>(path: &str, chunks: &R) -> Result<(), LoadError> {
    let refuse = |why: String| {
        LoadError::file(
            path,
            format!("not a readable Parquet file: its footer {why} (a corrupt or hostile file)"),
        )
    };
    let len = chunks.len();
    let tail = chunks
        .get_bytes(len.saturating_sub(8), 8)
        .map_err(|e| refuse(e.to_string()))?;
    let footer_len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if footer_len + 12 > len {
        return Err(refuse(format!(
            "says it is {footer_len} bytes long, in a file of {len} bytes"
        )));
    }
    let footer = chunks
        .get_bytes(len - 8 - footer_len, footer_len as usize)
        .map_err(|e| refuse(e.to_string()))?;
    let mut children = Vec::new();
    let mut walk = Compact::new(&footer);
    walk.fields(|walk, kind, id| {
        if id != 2 || kind != LIST {
            return Ok(false);
        }
        let (element, len) = walk.list()?;
        if element != STRUCT {
            return Err(Stop::Bad("a schema that is not a list of elements".into()));
        }
        for _ in 0..len {
            let mut count = None;
            walk.fields(|walk, kind, id| {
                if id != 5 {
                    return Ok(false);
                }
                count = Some(walk.i32(kind)?);
                Ok(true)
            })?;
            children.push(count);
        }
        Ok(true)
    })
    .map_err(|stop| match stop {
        Stop::End => refuse("ends inside a value".into()),
        Stop::Bad(why) => refuse(format!("holds {why}")),
    })?;
    check_schema_tree(&children).map_err(|why| refuse(format!("has a schema {why}")))
}

/// Checks the schema elements' `num_children` make a tree of the elements
/// listed, of a bounded depth.
fn check_schema_tree(children: &[Option<i64>]) -> Result<(), String> {
    // The children still to come at each open group.
    let mut open: Vec<i64> = Vec::new();
    for (index, count) in children.iter().enumerate() {
        if index > 0 {
            while open.last() == Some(&0) {
                open.pop();
            }
            match open.last_mut() {
                Some(left) => *left -= 1,
                None => return Err(format!("element {index} outside the root")),
            }
        }
        match *count {
            Some(count) if count < 0 => {
                return Err(format!("element {index} with {count} children"));
            }
            Some(count) if count > (children.len() - index - 1) as i64 => {
                return Err(format!(
                    "element {index} with {count} children, of {} elements",
                    children.len()
                ));
            }
            Some(count) if count > 0 => {
                open.push(count);
                if open.len() > MAX_SCHEMA_DEPTH {
                    return Err(format!("nested more than {MAX_SCHEMA_DEPTH} deep"));
                }
            }
            _ => {}
        }
    }
    if open.iter().any(|&left| left > 0) {
        return Err("with fewer elements than its groups' children".into());
    }
    Ok(())
}

/// What a page header says, of what the crate allocates by.
#[derive(Default)]
struct PageHeader {
    kind: Option<i64>,
    uncompressed: Option<i64>,
    compressed: Option<i64>,
    /// A data page's values (v1 or v2), a dictionary page's entries.
    values: Option<i64>,
    /// A v2 data page's `is_compressed` (true when absent).
    compressed_v2: bool,
}

const DATA_PAGE: i64 = 0;
const DICTIONARY_PAGE: i64 = 2;
const DATA_PAGE_V2: i64 = 3;

fn page_header(walk: &mut Compact<'_>) -> Walked<PageHeader> {
    let mut header = PageHeader {
        compressed_v2: true,
        ..PageHeader::default()
    };
    walk.fields(|walk, kind, id| {
        match id {
            1 => header.kind = Some(walk.i32(kind)?),
            2 => header.uncompressed = Some(walk.i32(kind)?),
            3 => header.compressed = Some(walk.i32(kind)?),
            5 | 7 | 8 if kind == STRUCT => {
                let v2 = id == 8;
                walk.fields(|walk, kind, field| {
                    if field == 1 {
                        header.values = Some(walk.i32(kind)?);
                        return Ok(true);
                    }
                    if v2 && field == 7 && matches!(kind, BOOL_TRUE | BOOL_FALSE) {
                        header.compressed_v2 = kind == BOOL_TRUE;
                        return Ok(true);
                    }
                    Ok(false)
                })?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(header)
}

/// The fewest bytes a dictionary entry of a column takes (PLAIN encoded).
fn entry_bytes(column: &ColumnChunkMetaData) -> (u64, u64) {
    let descriptor = column.column_descr();
    match descriptor.physical_type() {
        // Eight booleans a byte.
        Physical::BOOLEAN => (1, 8),
        Physical::INT32 | Physical::FLOAT | Physical::BYTE_ARRAY => (4, 1),
        Physical::INT64 | Physical::DOUBLE => (8, 1),
        Physical::INT96 => (12, 1),
        Physical::FIXED_LEN_BYTE_ARRAY => (
            u64::try_from(descriptor.type_length()).unwrap_or(1).max(1),
            1,
        ),
    }
}

/// Checks the page headers of the chunks of `columns` in every row group,
/// and each row group's count of rows, against the bytes that hold them.
pub(super) fn check_pages<R: ChunkReader>(
    path: &str,
    chunks: &R,
    metadata: &ParquetMetaData,
    columns: &[usize],
) -> Result<(), LoadError> {
    for (group, row_group) in metadata.row_groups().iter().enumerate() {
        let refuse = |why: String| {
            LoadError::file(
                path,
                format!("row group {group}: {why}: not read (a corrupt or hostile file)"),
            )
        };
        let rows = u64::try_from(row_group.num_rows()).unwrap_or(0);
        let bytes: u64 = row_group
            .columns()
            .iter()
            .map(|column| u64::try_from(column.compressed_size()).unwrap_or(0))
            .sum();
        if rows > bytes.saturating_mul(MAX_ROWS_PER_BYTE) {
            return Err(refuse(format!(
                "the footer says {}, in column chunks of {bytes} bytes",
                counted(rows, "row")
            )));
        }
        for &index in columns {
            let column = row_group.column(index);
            let values = check_chunk(chunks, column)
                .map_err(|why| refuse(format!("column {}: {why}", column.column_path())))?;
            // A column outside lists has a value (or a null) a row.
            if column.column_descr().max_rep_level() == 0 && values != rows {
                return Err(refuse(format!(
                    "the footer says {}, the pages of column {} hold {values}",
                    counted(rows, "row"),
                    column.column_path()
                )));
            }
        }
    }
    Ok(())
}

/// Walks a column chunk's pages and says how many values its data pages hold.
fn check_chunk<R: ChunkReader>(chunks: &R, column: &ColumnChunkMetaData) -> Result<u64, String> {
    // The footer's offsets are checked to lie within the file before.
    let start = column
        .dictionary_page_offset()
        .unwrap_or(column.data_page_offset()) as u64;
    let end = start + column.compressed_size() as u64;
    let compressed_codec = column.compression() != Compression::UNCOMPRESSED;
    let (entry, per_byte) = entry_bytes(column);
    let mut at = start;
    let mut values = 0u64;
    while at < end {
        let mut want = HEADER_GUESS.min(end - at);
        let (header, header_len) = loop {
            let bytes = chunks
                .get_bytes(at, want as usize)
                .map_err(|e| e.to_string())?;
            let mut walk = Compact::new(&bytes);
            match page_header(&mut walk) {
                Ok(header) => break (header, walk.at as u64),
                Err(Stop::End) if want < end - at => want = (want * 4).min(end - at),
                Err(Stop::End) => return Err(format!("a page header at offset {at} cut short")),
                Err(Stop::Bad(why)) => {
                    return Err(format!("the page header at offset {at} holds {why}"));
                }
            }
        };
        let page = |why: String| format!("the page at offset {at} {why}");
        let (Some(kind), Some(uncompressed), Some(compressed)) =
            (header.kind, header.uncompressed, header.compressed)
        else {
            return Err(page("has a header without its type or sizes".into()));
        };
        let (Ok(uncompressed), Ok(compressed)) =
            (u64::try_from(uncompressed), u64::try_from(compressed))
        else {
            return Err(page(format!(
                "says it is {compressed} bytes, {uncompressed} uncompressed"
            )));
        };
        if compressed > end - at - header_len {
            return Err(page(format!(
                "says it is {compressed} bytes, past its column chunk's end ({} bytes left)",
                end - at - header_len
            )));
        }
        let decompressed = compressed_codec && (kind != DATA_PAGE_V2 || header.compressed_v2);
        if decompressed && uncompressed > (compressed * MAX_RATIO).max(SMALL_PAGE) {
            return Err(page(format!(
                "says it holds {uncompressed} bytes uncompressed from {compressed}: more than {MAX_RATIO} times"
            )));
        }
        let held = if decompressed {
            uncompressed
        } else {
            compressed
        };
        let count = header.values.unwrap_or(0);
        let Ok(count) = u64::try_from(count) else {
            return Err(page(format!("says it holds {count} values")));
        };
        match kind {
            DICTIONARY_PAGE if count.div_ceil(per_byte) * entry > held => {
                return Err(page(format!(
                    "is a dictionary of {count} entries in {held} bytes"
                )));
            }
            DATA_PAGE | DATA_PAGE_V2 => values += count,
            _ => {}
        }
        at += header_len + compressed;
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::check_schema_tree;

    #[test]
    fn a_schema_tree_is_filled_by_its_elements() {
        assert_eq!(check_schema_tree(&[Some(2), None, None]), Ok(()));
        assert_eq!(check_schema_tree(&[Some(2), Some(1), None, None]), Ok(()));
        assert!(check_schema_tree(&[Some(1 << 30), None]).is_err());
        assert!(check_schema_tree(&[Some(3), None, None]).is_err());
        assert!(check_schema_tree(&[Some(1), None, None]).is_err());
        assert!(check_schema_tree(&[Some(-1)]).is_err());
        let deep: Vec<Option<i64>> = (0..100).map(|i| (i < 99).then_some(1)).collect();
        assert!(check_schema_tree(&deep).is_err());
    }
}
