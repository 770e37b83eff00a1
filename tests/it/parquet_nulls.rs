//! DuckDB's column with no value (`NULL AS note`), typed `INT32` with the
//! logical type UNKNOWN (or none): read as missing cells, not refused; a
//! value in such a column is an error.

use crate::common::parquet::{TempDir, Values, texts, write};
use crate::common::run;

/// Native columns, `source` and `note` typed as DuckDB types a column of
/// nulls, and `value` as `value_column` says.
fn schema(value_column: &str) -> String {
    format!(
        "message duckdb_schema {{ optional binary indicator (STRING); optional binary reporter (STRING); \
         optional binary partner (STRING); optional binary period (STRING); optional {value_column}; \
         optional binary unit (STRING); optional int32 source; optional int32 note (UNKNOWN); }}"
    )
}

fn file(dir: &TempDir, value_column: &str, values: Values, source: Vec<Option<i32>>) -> String {
    let path = dir.join("nulls.parquet");
    write(
        &path,
        &schema(value_column),
        &[vec![
            texts(&["trade", "exports"]),
            texts(&["CHN", "CHN"]),
            texts(&["RUS", "RUS"]),
            texts(&["2021", "2021"]),
            values,
            texts(&["USD_BN", "USD_BN"]),
            Values::Int32(source),
            Values::Int32(vec![None, None]),
        ]],
    );
    dir.path_of("nulls.parquet")
}

#[test]
fn columns_of_nulls_typed_int32_are_read_as_missing_text() {
    let dir = TempDir::new("nulls");
    let values = Values::Double(vec![Some(146.9), Some(67.6)]);
    let path = file(&dir, "double value", values, vec![None, None]);
    let (code, stdout, stderr) = run(&["--check", "--data", &path]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("rows: 2 read, 0 skipped, 0 not used; figures: 2 used"),
        "{stdout}"
    );
}

#[test]
fn a_figure_column_of_nulls_is_missing_figures_as_empty_cells_are() {
    let dir = TempDir::new("null-values");
    let values = Values::Int32(vec![None, None]);
    let path = file(&dir, "int32 value (UNKNOWN)", values, vec![None, None]);
    let (_, stdout, stderr) = run(&["--check", "--lenient", "--data", &path]);
    assert!(
        stdout.contains("rows: 2 read, 2 skipped")
            && stdout.contains("null: the figure is missing (missing is unknown, not zero)"),
        "{stdout}{stderr}"
    );
}

#[test]
fn a_value_in_a_column_typed_for_nulls_is_an_error() {
    let dir = TempDir::new("null-with-value");
    let values = Values::Double(vec![Some(146.9), Some(67.6)]);
    let path = file(&dir, "double value", values, vec![None, Some(7)]);
    let (code, _, stderr) = run(&["--check", "--data", &path]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "column 'source' (INT32) holds a value: its type is read only as a column of nulls"
        ),
        "{stderr}"
    );
}
