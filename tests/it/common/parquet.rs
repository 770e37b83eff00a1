//! Writing Parquet files for the tests, with the parquet crate itself.
#![allow(dead_code)] // each test file uses some of these

use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, FloatType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

/// One column's cells in a row group; `None` is a null.
#[derive(Clone, Debug)]
pub enum Values {
    Text(Vec<Option<String>>),
    Int32(Vec<Option<i32>>),
    /// Also a decimal's digits, when the schema says `(DECIMAL(p,s))`.
    Int64(Vec<Option<i64>>),
    Double(Vec<Option<f64>>),
    Float(Vec<Option<f32>>),
}

/// Writes a Parquet file (Snappy-compressed, as Spark and DuckDB write by
/// default) whose schema is `message`, in Parquet's schema text, and whose
/// row groups hold `groups`: each a list of columns in the schema's order.
pub fn write(path: &Path, message: &str, groups: &[Vec<Values>]) {
    let schema = Arc::new(parse_message_type(message).expect("a schema"));
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let file = std::fs::File::create(path).expect("a file to write");
    let mut writer =
        SerializedFileWriter::new(file, schema, Arc::new(properties)).expect("a writer");
    for group in groups {
        let mut row_group = writer.next_row_group().expect("a row group");
        for values in group {
            let mut column = row_group
                .next_column()
                .expect("a column")
                .expect("as many columns as the schema");
            fn put<T: parquet::data_type::DataType>(
                writer: &mut parquet::column::writer::ColumnWriterImpl<'_, T>,
                cells: &[Option<T::T>],
            ) where
                T::T: Clone,
            {
                let optional = writer.get_descriptor().max_def_level() > 0;
                let levels: Vec<i16> = cells.iter().map(|c| i16::from(c.is_some())).collect();
                let present: Vec<T::T> = cells.iter().flatten().cloned().collect();
                writer
                    .write_batch(&present, optional.then_some(&levels[..]), None)
                    .expect("values written");
            }
            match values {
                Values::Text(cells) => {
                    let cells: Vec<Option<ByteArray>> = cells
                        .iter()
                        .map(|c| c.as_deref().map(ByteArray::from))
                        .collect();
                    put(column.typed::<ByteArrayType>(), &cells);
                }
                Values::Int32(cells) => put(column.typed::<Int32Type>(), cells),
                Values::Int64(cells) => put(column.typed::<Int64Type>(), cells),
                Values::Double(cells) => put(column.typed::<DoubleType>(), cells),
                Values::Float(cells) => put(column.typed::<FloatType>(), cells),
            }
            column.close().expect("a column closed");
        }
        row_group.close().expect("a row group closed");
    }
    writer.close().expect("the file closed");
}

/// Text cells, none null.
pub fn texts(cells: &[&str]) -> Values {
    Values::Text(cells.iter().map(|c| Some(c.to_string())).collect())
}

/// A native CSV (header `indicator,reporter,partner,period,value,unit,
/// source,note,currency` or a prefix of it) as Parquet: every column text
/// but `value`, a DOUBLE, the rows cut into row groups of `per_group`.
pub fn native_csv_to_parquet(csv: &str, path: &Path, per_group: usize) {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let message = names
        .iter()
        .map(|name| match name.as_str() {
            "value" => "optional double value;".to_string(),
            name => format!("optional binary {name} (STRING);"),
        })
        .collect::<String>();
    let groups: Vec<Vec<Values>> = records
        .chunks(per_group)
        .map(|rows| {
            names
                .iter()
                .enumerate()
                .map(|(i, name)| match name.as_str() {
                    "value" => Values::Double(
                        rows.iter()
                            .map(|r| Some(r[i].trim().parse().unwrap()))
                            .collect(),
                    ),
                    _ => Values::Text(rows.iter().map(|r| Some(r[i].to_string())).collect()),
                })
                .collect()
        })
        .collect();
    write(path, &format!("message m {{ {message} }}"), &groups);
}

/// A directory of its own, removed with what it holds when dropped.
pub struct TempDir(std::path::PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let number = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "eurasia-dash-{}-{number}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temporary directory");
        Self(path)
    }

    pub fn join(&self, name: &str) -> std::path::PathBuf {
        self.0.join(name)
    }

    /// A path inside it, as the program is given it.
    pub fn path_of(&self, name: &str) -> String {
        self.join(name).to_str().expect("a UTF-8 path").to_string()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
