//! Parquet columns: which types are read and how, and a row group's columns
//! read a batch of rows at a time into cells.

use parquet::basic::{ConvertedType, LogicalType, Type as Physical};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{ByteArray, DataType, FixedLenByteArray};
use parquet::file::reader::RowGroupReader;
use parquet::schema::types::ColumnDescriptor;

/// How a column's values are read: the types DuckDB and Spark write for
/// codes, years and figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// UTF-8 text (`VARCHAR`, Spark's `string`), or bytes read as such.
    Text,
    /// A whole number (`INTEGER`, `BIGINT`, `int`, `long`, unsigned too).
    Integer,
    /// A 64-bit float (`DOUBLE`).
    Double,
    /// A decimal, its digits an integer and `scale` of them after the point
    /// (`DECIMAL(18,3)`, as DuckDB reads `1.5` from a CSV).
    Decimal { scale: u32 },
    /// Nulls only: Parquet's `UNKNOWN` (null) logical type, or a plain
    /// `INT32` where another type is read, as DuckDB types a column with no
    /// value (`NULL AS q`). Its cells are missing; a value in it is an error.
    Null,
}

/// The largest decimal read: 38 digits (`DECIMAL(38,s)`), within an `i128`.
const MAX_DECIMAL_BYTES: i32 = 16;

/// How a column is read, or, for a type that is not, its description.
pub(super) fn kind(column: &ColumnDescriptor) -> Result<Kind, String> {
    let physical = column.physical_type();
    let converted = column.converted_type();
    let logical = column.logical_type_ref();
    let decimal =
        converted == ConvertedType::DECIMAL || matches!(logical, Some(LogicalType::Decimal(_)));
    let describe = || describe(column);
    if matches!(logical, Some(LogicalType::Unknown)) {
        return Ok(Kind::Null);
    }
    if decimal {
        let bytes_fit = match physical {
            Physical::INT32 | Physical::INT64 => true,
            Physical::FIXED_LEN_BYTE_ARRAY => column.type_length() <= MAX_DECIMAL_BYTES,
            Physical::BYTE_ARRAY => column.type_precision() <= 38,
            _ => false,
        };
        let scale = u32::try_from(column.type_scale()).ok().filter(|&s| s <= 38);
        return match scale {
            Some(scale) if bytes_fit => Ok(Kind::Decimal { scale }),
            _ => Err(format!("{} with scale {}", describe(), column.type_scale())),
        };
    }
    let plain = matches!(
        converted,
        ConvertedType::NONE
            | ConvertedType::INT_8
            | ConvertedType::INT_16
            | ConvertedType::INT_32
            | ConvertedType::INT_64
            | ConvertedType::UINT_8
            | ConvertedType::UINT_16
            | ConvertedType::UINT_32
    ) && matches!(logical, None | Some(LogicalType::Integer(_)))
        // An unsigned 64-bit integer may not fit the signed one read.
        && !(physical == Physical::INT64 && is_unsigned(column));
    let text = matches!(
        converted,
        ConvertedType::NONE | ConvertedType::UTF8 | ConvertedType::ENUM
    ) && matches!(
        logical,
        None | Some(LogicalType::String | LogicalType::Enum)
    );
    match physical {
        Physical::BYTE_ARRAY if text => Ok(Kind::Text),
        Physical::INT32 | Physical::INT64 if plain => Ok(Kind::Integer),
        Physical::DOUBLE => Ok(Kind::Double),
        _ => Err(describe()),
    }
}

/// Whether an integer column holds unsigned numbers (their bits, in Parquet's
/// signed types).
fn is_unsigned(column: &ColumnDescriptor) -> bool {
    matches!(column.logical_type_ref(), Some(LogicalType::Integer(int)) if !int.is_signed)
        || matches!(
            column.converted_type(),
            ConvertedType::UINT_8
                | ConvertedType::UINT_16
                | ConvertedType::UINT_32
                | ConvertedType::UINT_64
        )
}

/// A column's type as Parquet tools show it: `INT64`, `BYTE_ARRAY (String)`.
pub(super) fn describe(column: &ColumnDescriptor) -> String {
    let physical = column.physical_type();
    match (column.logical_type_ref(), column.converted_type()) {
        (Some(logical), _) => format!("{physical} ({logical:?})"),
        (None, ConvertedType::NONE) => physical.to_string(),
        (None, converted) => format!("{physical} ({converted})"),
    }
}

/// One cell of a row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Cell<'a> {
    /// No value (a `NULL`).
    Null,
    Text(&'a [u8]),
    Integer(i64),
    Double(f64),
    /// The decimal's digits as an integer, and how many are after the point.
    Decimal(i128, u32),
}

/// The values of a batch, as the column's physical type holds them.
enum Values {
    Int32(Vec<i32>),
    Int64(Vec<i64>),
    Double(Vec<f64>),
    Bytes(Vec<ByteArray>),
    Fixed(Vec<FixedLenByteArray>),
}

/// One column of a row group, read a batch of rows at a time.
pub(super) struct Chunk {
    reader: ColumnReader,
    kind: Kind,
    /// Whether the column may hold nulls (its values then skip them).
    optional: bool,
    levels: Vec<i16>,
    values: Values,
    unsigned: bool,
    /// For a column read as nulls only: its name and type, for the error
    /// a value in it is.
    nulls_only: Option<String>,
}

impl Chunk {
    /// Column `index` of the row group, to be read as `kind` (from [`kind`]).
    pub(super) fn new(
        row_group: &dyn RowGroupReader,
        index: usize,
        kind: Kind,
    ) -> parquet::errors::Result<Self> {
        let descriptor = row_group.metadata().column(index).column_descr();
        let optional = descriptor.max_def_level() > 0;
        let unsigned = is_unsigned(descriptor);
        let nulls_only = (kind == Kind::Null)
            .then(|| format!("column '{}' ({})", descriptor.name(), describe(descriptor)));
        let reader = row_group.get_column_reader(index)?;
        let values = match &reader {
            ColumnReader::Int32ColumnReader(_) => Values::Int32(Vec::new()),
            ColumnReader::Int64ColumnReader(_) => Values::Int64(Vec::new()),
            ColumnReader::DoubleColumnReader(_) => Values::Double(Vec::new()),
            ColumnReader::ByteArrayColumnReader(_) => Values::Bytes(Vec::new()),
            ColumnReader::FixedLenByteArrayColumnReader(_) => Values::Fixed(Vec::new()),
            _ => {
                return Err(parquet::errors::ParquetError::General(
                    "a column of a type not read".into(),
                ));
            }
        };
        Ok(Self {
            reader,
            kind,
            optional,
            levels: Vec::new(),
            values,
            unsigned,
            nulls_only,
        })
    }

    /// Reads the next `rows` rows (fewer at the row group's end) and says
    /// how many were read.
    pub(super) fn read(&mut self, rows: usize) -> parquet::errors::Result<usize> {
        fn batch<T: DataType>(
            reader: &mut ColumnReaderImpl<T>,
            rows: usize,
            levels: Option<&mut Vec<i16>>,
            values: &mut Vec<T::T>,
        ) -> parquet::errors::Result<usize> {
            Ok(reader.read_records(rows, levels, None, values)?.0)
        }
        self.levels.clear();
        let levels = self.optional.then_some(&mut self.levels);
        match (&mut self.reader, &mut self.values) {
            (ColumnReader::Int32ColumnReader(r), Values::Int32(v)) => {
                v.clear();
                batch(r, rows, levels, v)
            }
            (ColumnReader::Int64ColumnReader(r), Values::Int64(v)) => {
                v.clear();
                batch(r, rows, levels, v)
            }
            (ColumnReader::DoubleColumnReader(r), Values::Double(v)) => {
                v.clear();
                batch(r, rows, levels, v)
            }
            (ColumnReader::ByteArrayColumnReader(r), Values::Bytes(v)) => {
                v.clear();
                batch(r, rows, levels, v)
            }
            (ColumnReader::FixedLenByteArrayColumnReader(r), Values::Fixed(v)) => {
                v.clear();
                batch(r, rows, levels, v)
            }
            _ => unreachable!("the values are made for the reader"),
        }
    }

    /// The cells of the `rows` rows last read, in order.
    pub(super) fn cells(&self, rows: usize) -> Result<Vec<Cell<'_>>, String> {
        let mut cells = Vec::with_capacity(rows);
        let mut next = 0;
        for row in 0..rows {
            if self.optional && self.levels.get(row).is_none_or(|&level| level == 0) {
                cells.push(Cell::Null);
                continue;
            }
            if let Some(column) = &self.nulls_only {
                return Err(format!(
                    "{column} holds a value: its type is read only as a column of nulls (DuckDB's for a column with no value), not as text or a figure"
                ));
            }
            cells.push(self.cell(next)?);
            next += 1;
        }
        Ok(cells)
    }

    /// The `index`th value read, as a cell of the column's kind.
    fn cell(&self, index: usize) -> Result<Cell<'_>, String> {
        let missing = || "a column chunk with fewer values than rows".to_string();
        let integer = |value: i64| match self.kind {
            Kind::Decimal { scale } => Cell::Decimal(i128::from(value), scale),
            _ => Cell::Integer(value),
        };
        Ok(match &self.values {
            Values::Int32(values) => {
                let value = *values.get(index).ok_or_else(missing)?;
                // Unsigned columns hold their numbers' bits.
                integer(if self.unsigned {
                    i64::from(value as u32)
                } else {
                    i64::from(value)
                })
            }
            Values::Int64(values) => integer(*values.get(index).ok_or_else(missing)?),
            Values::Double(values) => Cell::Double(*values.get(index).ok_or_else(missing)?),
            Values::Bytes(values) => {
                let bytes = values.get(index).ok_or_else(missing)?.data();
                match self.kind {
                    Kind::Decimal { scale } => Cell::Decimal(big_endian(bytes)?, scale),
                    _ => Cell::Text(bytes),
                }
            }
            Values::Fixed(values) => {
                let bytes = values.get(index).ok_or_else(missing)?.data();
                let Kind::Decimal { scale } = self.kind else {
                    return Err("fixed-length bytes that are not a decimal".into());
                };
                Cell::Decimal(big_endian(bytes)?, scale)
            }
        })
    }
}

/// A decimal's digits as Parquet stores them in bytes: a big-endian two's
/// complement integer of at most 16 bytes.
fn big_endian(bytes: &[u8]) -> Result<i128, String> {
    if bytes.is_empty() || bytes.len() > 16 {
        return Err(format!("a decimal of {} bytes", bytes.len()));
    }
    let fill = if bytes[0] & 0x80 != 0 { 0xFF } else { 0 };
    let mut word = [fill; 16];
    word[16 - bytes.len()..].copy_from_slice(bytes);
    Ok(i128::from_be_bytes(word))
}

#[cfg(test)]
mod tests {
    use super::big_endian;

    #[test]
    fn decimals_in_bytes_are_twos_complement_big_endian() {
        assert_eq!(big_endian(&[0x01, 0x00]), Ok(256));
        assert_eq!(big_endian(&[0xFF, 0xFE]), Ok(-2));
        assert_eq!(big_endian(&[0x7F; 16]).map(|v| v > 0), Ok(true));
        assert!(big_endian(&[]).is_err());
        assert!(big_endian(&[0; 17]).is_err());
    }
}
