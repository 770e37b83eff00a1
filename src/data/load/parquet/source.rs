//! Parquet files on disk: a directory's part files, the magic bytes, and a
//! file read at positions.

use std::fs::File;
use std::io::{BufReader, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use parquet::errors::ParquetError;
use parquet::file::metadata::ParquetMetaData;
use parquet::file::reader::{ChunkReader, Length};

use super::MAGIC;
use crate::data::load::error::LoadError;
use crate::data::load::{file_error, open_regular_file};

/// The part files of a directory as Spark and DuckDB write it, in name
/// order (`part-00000-….snappy.parquet`, `data_0.parquet`): every file but
/// those whose name starts with `_` or `.` (`_SUCCESS`, `.part-….crc`),
/// which those tools write beside the parts.
pub(super) fn part_files(dir: &Path, name: &str) -> Result<Vec<(PathBuf, String)>, LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|error| file_error(name, error))?;
    let mut parts = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| file_error(name, error))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !file_name.starts_with(['_', '.']) {
            let part = format!("{}/{file_name}", name.trim_end_matches('/'));
            parts.push((entry.path(), part));
        }
    }
    parts.sort();
    if !parts.iter().any(|(path, _)| super::starts_as_parquet(path)) {
        return Err(LoadError::file(
            name,
            "is a directory, not a data file nor a directory of Parquet part files (no file in it starts with PAR1; files named '_…' or '.…' are left out)",
        ));
    }
    if let Some((_, part)) = parts.iter().find(|(path, _)| path.is_dir()) {
        // Rows there would be left out: a sum without them is no total.
        return Err(LoadError::file(
            part,
            "a directory among the part files: partitioned output (PARTITION_BY, partitionBy) is not read; write the parts side by side in one directory",
        ));
    }
    Ok(parts)
}

/// Checks a file of `len` bytes starts (`head`) and ends (`tail`) with the
/// magic bytes, to say plainly what is wrong before the footer is read.
pub(super) fn check_magic(path: &str, len: u64, head: &[u8], tail: &[u8]) -> Result<(), LoadError> {
    if !head.starts_with(MAGIC) {
        return Err(LoadError::file(
            path,
            "not a Parquet file: it does not start with the bytes PAR1",
        ));
    }
    // The magic at each end, and the footer's length between them.
    if len < 12 || tail != MAGIC {
        return Err(LoadError::file(
            path,
            format!(
                "a Parquet file cut short ({len} bytes): it starts with PAR1 but does not end with it (a copy or a write not finished?)"
            ),
        ));
    }
    Ok(())
}

/// Checks what the footer says of each row group and column chunk, which
/// the Parquet reader takes on trust (it panics on a negative offset): a
/// count of rows, and bytes that lie within the file.
pub(super) fn check_footer(
    path: &str,
    metadata: &ParquetMetaData,
    len: u64,
) -> Result<(), LoadError> {
    for (group, row_group) in metadata.row_groups().iter().enumerate() {
        let corrupt = |what: String| {
            LoadError::file(
                path,
                format!(
                    "not a readable Parquet file: row group {group}: {what} (a corrupt footer)"
                ),
            )
        };
        if row_group.num_rows() < 0 {
            return Err(corrupt(format!("{} rows", row_group.num_rows())));
        }
        for column in row_group.columns() {
            let start = column
                .dictionary_page_offset()
                .unwrap_or(column.data_page_offset());
            let size = column.compressed_size();
            let within = u64::try_from(start)
                .ok()
                .zip(u64::try_from(size).ok())
                .is_some_and(|(start, size)| start.checked_add(size).is_some_and(|end| end <= len));
            if !within || column.data_page_offset() < 0 {
                return Err(corrupt(format!(
                    "column '{}' at offset {start}, {size} bytes, in a file of {len} bytes",
                    column.column_path()
                )));
            }
        }
    }
    Ok(())
}

/// A file the Parquet reader cannot read, with the reader's reason.
pub(super) fn unreadable(path: &str, error: ParquetError) -> LoadError {
    LoadError::file(path, format!("not a readable Parquet file: {error}"))
}

/// A file read at positions: the clones of a `File` share one offset, so
/// threads reading row groups at once would move each other's.
#[derive(Clone)]
pub(crate) struct PositionedFile {
    file: Arc<File>,
    len: u64,
}

impl PositionedFile {
    /// Opens a Parquet file and checks its magic bytes.
    pub(super) fn open(path: &Path, name: &str) -> Result<Self, LoadError> {
        let file = open_regular_file(path, name)?;
        let len = file.metadata().map_err(|e| file_error(name, e))?.len();
        let mut head = [0; 4];
        let mut tail = [0; 4];
        let head_read = file
            .read_at(&mut head, 0)
            .map_err(|e| file_error(name, e))?;
        if len >= 4 {
            file.read_exact_at(&mut tail, len - 4)
                .map_err(|e| file_error(name, e))?;
        }
        check_magic(name, len, &head[..head_read], &tail)?;
        Ok(Self {
            file: Arc::new(file),
            len,
        })
    }
}

impl Length for PositionedFile {
    fn len(&self) -> u64 {
        self.len
    }
}

impl ChunkReader for PositionedFile {
    type T = BufReader<ReadAt>;

    fn get_read(&self, start: u64) -> parquet::errors::Result<Self::T> {
        Ok(BufReader::new(ReadAt {
            file: Arc::clone(&self.file),
            at: start,
        }))
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<Bytes> {
        // A corrupt footer can name any length: never allocate past the file.
        if start.saturating_add(length as u64) > self.len {
            return Err(ParquetError::EOF(format!(
                "{length} bytes at offset {start} of a file of {} bytes",
                self.len
            )));
        }
        let mut buffer = vec![0; length];
        self.file.read_exact_at(&mut buffer, start)?;
        Ok(buffer.into())
    }
}

/// Reads a file on from a position, without moving the file's offset.
pub(crate) struct ReadAt {
    file: Arc<File>,
    at: u64,
}

impl Read for ReadAt {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.file.read_at(buffer, self.at)?;
        self.at += read as u64;
        Ok(read)
    }
}
