//! Parquet files and directories of part files, with the native or the
//! BACI columns: written here with the parquet crate, and by DuckDB
//! (tests/fixtures/import/README.md). A row means what it means in a CSV
//! file: the same figures give the same output, byte for byte.

use crate::common::parquet::{TempDir, Values, native_csv_to_parquet, texts, write};
use crate::common::run;

const NATIVE_CSV: &str = "tests/fixtures/import/parquet_native.csv";
const BACI_CSV: &str = "tests/fixtures/import/BACI_HS92_Y2022_V202401.csv";

/// The outputs compared between a CSV file and a Parquet one.
const PRINTS: [&[&str]; 6] = [
    &["--print", "bilateral", "--pair", "CHN-RUS"],
    &[
        "--print",
        "bilateral",
        "--pair",
        "CHN-RUS",
        "--span",
        "monthly",
    ],
    &[
        "--print",
        "bilateral",
        "--pair",
        "CHN-RUS",
        "--currency",
        "cny",
    ],
    &["--print", "bilateral", "--pair", "KAZ-CHN"],
    &["--print", "bilateral", "--pair", "RUS-CHN"],
    &["--print", "overview"],
];

fn output(args: &[&str], data: &str) -> String {
    let mut args = args.to_vec();
    args.extend(["--data", data]);
    let (code, stdout, stderr) = run(&args);
    assert!(code <= 1, "{args:?}: {stderr}");
    stdout
}

/// The `--check` report with the file's name and format left out, and the
/// remark a directory adds.
fn check_report(data: &str, format: &str) -> String {
    output(&["--check"], data)
        .replace(&format!("{data} ({format})"), "FILE")
        .lines()
        .filter(|line| !line.contains("part files as one"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_same_as_csv(csv: &str, parquet: &str) {
    for args in PRINTS {
        assert_eq!(output(args, csv), output(args, parquet), "{args:?}");
    }
    assert_eq!(
        check_report(csv, "native"),
        check_report(parquet, "Parquet")
    );
}

#[test]
fn native_rows_give_the_same_output_from_csv_and_parquet() {
    let csv = std::fs::read_to_string(NATIVE_CSV).unwrap();
    let dir = TempDir::new("native");
    // Five row groups of up to four rows, read in parallel.
    native_csv_to_parquet(&csv, &dir.join("native.parquet"), 4);
    assert_same_as_csv(NATIVE_CSV, &dir.path_of("native.parquet"));

    // A directory as Spark writes it: parts, _SUCCESS, checksums.
    let parts = dir.join("spark");
    std::fs::create_dir(&parts).unwrap();
    let (header, rows) = csv.split_once('\n').unwrap();
    let rows: Vec<&str> = rows.lines().collect();
    for (number, chunk) in rows.chunks(6).enumerate() {
        let text = format!("{header}\n{}\n", chunk.join("\n"));
        let name = format!("part-{number:05}-3f2a-c000.snappy.parquet");
        native_csv_to_parquet(&text, &parts.join(&name), 4);
        std::fs::write(parts.join(format!(".{name}.crc")), "crc").unwrap();
    }
    std::fs::write(parts.join("_SUCCESS"), "").unwrap();
    assert_same_as_csv(NATIVE_CSV, &dir.path_of("spark"));
    let (_, report, _) = run(&["--check", "--data", &dir.path_of("spark")]);
    assert!(
        report.contains("note: read 3 part files as one"),
        "{report}"
    );
}

#[test]
fn integer_years_and_decimal_values_read_as_their_text() {
    let dir = TempDir::new("typed");
    let csv = dir.join("typed.csv");
    std::fs::write(
        &csv,
        "indicator,reporter,partner,period,value,unit\n\
         exports,CHN,RUS,2021,60.5,USD_BN\n\
         imports,CHN,RUS,2021,49.125,USD_BN\n\
         exports,CHN,RUS,2022,76.001,USD_BN\n\
         imports,CHN,RUS,2022,114147000.5,USD_K\n",
    )
    .unwrap();
    let columns = |indicators: &[&str], years: &[i64], digits: &[i64], units: &[&str]| {
        vec![
            texts(indicators),
            texts(&vec!["CHN"; indicators.len()]),
            texts(&vec!["RUS"; indicators.len()]),
            Values::Int64(years.iter().map(|&y| Some(y)).collect()),
            Values::Int64(digits.iter().map(|&d| Some(d)).collect()),
            texts(units),
        ]
    };
    write(
        &dir.join("typed.parquet"),
        "message duckdb_schema {
            optional binary indicator (STRING); optional binary reporter (STRING);
            optional binary partner (STRING); optional int64 period;
            optional int64 value (DECIMAL(18,3)); optional binary unit (STRING); }",
        &[
            columns(
                &["exports", "imports"],
                &[2021, 2021],
                &[60_500, 49_125],
                &["USD_BN", "USD_BN"],
            ),
            columns(
                &["exports", "imports"],
                &[2022, 2022],
                &[76_001, 114_147_000_500],
                &["USD_BN", "USD_K"],
            ),
        ],
    );
    let (csv, parquet) = (dir.path_of("typed.csv"), dir.path_of("typed.parquet"));
    let print = ["--print", "bilateral", "--pair", "CHN-RUS"];
    let from_parquet = output(&print, &parquet);
    // A file without sources is its own source: the names differ.
    assert_eq!(
        output(&print, &csv).replace(&csv, "FILE"),
        from_parquet.replace(&parquet, "FILE")
    );
    assert!(
        from_parquet.contains("CHN,RUS,2022,USD,76001000000,114147000500,190148000500,"),
        "{from_parquet}"
    );
}

/// The BACI fixture's rows, in two row groups that split CHN→RUS's
/// products, with the types DuckDB gives BACI's columns when it reads the
/// CSV as numbers: the HS code loses its leading zero.
fn baci_parquet(path: &std::path::Path) {
    let group = |rows: &[(i32, i64, i64, i64, i64)]| {
        vec![
            Values::Int32(rows.iter().map(|r| Some(r.0)).collect()),
            Values::Int64(rows.iter().map(|r| Some(r.1)).collect()),
            Values::Int64(rows.iter().map(|r| Some(r.2)).collect()),
            Values::Int64(rows.iter().map(|r| Some(r.3)).collect()),
            Values::Int64(rows.iter().map(|r| Some(r.4)).collect()),
        ]
    };
    write(
        path,
        "message m { required int32 t; required int64 i; required int64 j;
            required int64 k; required int64 v (DECIMAL(18,3)); }",
        &[
            group(&[
                (2022, 156, 643, 10121, 1_000_500),
                (2022, 156, 643, 847130, 25_000_250),
                (2022, 643, 156, 270900, 90_000_000),
            ]),
            group(&[
                (2022, 156, 643, 270900, 125),
                (2022, 490, 643, 847130, 77_700),
                (2022, 643, 156, 720851, 500_500),
                (2022, 156, 398, 847130, 300_000),
            ]),
        ],
    );
}

#[test]
fn baci_rows_sum_across_row_groups_as_the_csv_sums_them() {
    let dir = TempDir::new("baci");
    baci_parquet(&dir.join("baci.parquet"));
    let parquet = dir.path_of("baci.parquet");
    for pair in ["CHN-RUS", "RUS-CHN", "KAZ-CHN"] {
        let print = ["--print", "bilateral", "--pair", pair, "--period", "2022"];
        assert_eq!(
            output(&print, BACI_CSV).replace(BACI_CSV, "FILE"),
            output(&print, &parquet).replace(&parquet, "FILE"),
            "{pair}"
        );
    }
    let print = [
        "--print",
        "bilateral",
        "--pair",
        "CHN-RUS",
        "--period",
        "2022",
    ];
    assert!(
        output(&print, &parquet)
            .contains("CHN,RUS,2022,USD,26000875,90500500,116501375,derived,-64499625,")
    );
    let report = output(&["--check"], &parquet);
    assert!(
        report.contains("rows: 7 read, 0 skipped, 1 not used; figures: 11 used"),
        "{report}"
    );
    assert!(
        report.contains("not used: row 5 (row group 1): column 'i': 'Other Asia, nes' (490)"),
        "{report}"
    );
}

/// Runs `--check` on `data` and returns the error message.
fn load_error(args: &[&str], data: &str) -> String {
    let mut args = args.to_vec();
    args.extend(["--check", "--data", data]);
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 2, "{args:?}: {stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr.trim_end().to_string()
}

fn native_schema(value: &str) -> String {
    format!(
        "message m {{ optional binary indicator (STRING); optional binary reporter (STRING);
            optional binary partner (STRING); optional binary period (STRING);
            optional {value}; optional binary unit (STRING); }}"
    )
}

/// A native row group of `rows` CHN–RUS exports, 2001 on, value 1.5 each.
fn native_group(first_year: i32, rows: usize) -> Vec<Values> {
    let years: Vec<String> = (0..rows)
        .map(|i| (first_year + i as i32).to_string())
        .collect();
    vec![
        texts(&vec!["exports"; rows]),
        texts(&vec!["CHN"; rows]),
        texts(&vec!["RUS"; rows]),
        texts(&years.iter().map(String::as_str).collect::<Vec<_>>()),
        Values::Double(vec![Some(1.5); rows]),
        texts(&vec!["USD_BN"; rows]),
    ]
}

#[test]
fn a_bad_row_names_the_file_row_row_group_and_column() {
    let dir = TempDir::new("bad_rows");
    let path = dir.path_of("x.parquet");
    let mut second = native_group(2010, 4);
    second[1] = texts(&["CHN", "CHN", "XYZ", "CHN"]);
    write(
        &dir.join("x.parquet"),
        &native_schema("double value"),
        &[native_group(2001, 5), second],
    );
    let message = load_error(&[], &path);
    assert!(
        message.ends_with(&format!(
            "{path}: row 8 (row group 1): column 'reporter': 'XYZ' is not an area code (expected ISO alpha-3 such as CHN, or EAEU, BRI, EU, WLD)"
        )),
        "{message}"
    );

    // Nulls: missing is unknown, never a zero.
    let mut nulls = native_group(2001, 4);
    nulls[1] = Values::Text(vec![
        Some("CHN".into()),
        None,
        Some("CHN".into()),
        Some("CHN".into()),
    ]);
    nulls[4] = Values::Double(vec![Some(1.5), Some(1.5), None, Some(1.5)]);
    write(
        &dir.join("nulls.parquet"),
        &native_schema("double value"),
        &[nulls],
    );
    let nulls = dir.path_of("nulls.parquet");
    let message = load_error(&[], &nulls);
    assert!(
        message.contains("nulls.parquet: row 2 (row group 0): column 'reporter': null: no value"),
        "{message}"
    );
    let (code, report, _) = run(&["--check", "--lenient", "--data", &nulls]);
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains("rows: 4 read, 2 skipped, 0 not used; figures: 2 used"),
        "{report}"
    );
    assert!(
        report.contains("skipped: row 3 (row group 0): column 'value': null: the figure is missing (missing is unknown, not zero)"),
        "{report}"
    );
}

#[test]
fn a_file_that_is_not_parquet_or_is_cut_short_is_an_error() {
    let message = load_error(&["--format", "parquet"], NATIVE_CSV);
    assert!(
        message.ends_with(
            "parquet_native.csv: not a Parquet file: it does not start with the bytes PAR1"
        ),
        "{message}"
    );
    let dir = TempDir::new("cut");
    write(
        &dir.join("whole.parquet"),
        &native_schema("double value"),
        &[native_group(2001, 50)],
    );
    let bytes = std::fs::read(dir.join("whole.parquet")).unwrap();
    for cut in [bytes.len() - 100, 4, 11] {
        std::fs::write(dir.join("cut.parquet"), &bytes[..cut]).unwrap();
        let message = load_error(&[], &dir.path_of("cut.parquet"));
        assert!(
            message.contains("cut.parquet: a Parquet file cut short"),
            "{message}"
        );
    }
    // The magic bytes at both ends, the footer's length wrong.
    let mut broken = bytes.clone();
    let len = broken.len();
    broken[len - 8..len - 4].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(dir.join("broken.parquet"), &broken).unwrap();
    let message = load_error(&[], &dir.path_of("broken.parquet"));
    assert!(
        message.contains("broken.parquet: not a readable Parquet file: "),
        "{message}"
    );
}

#[test]
fn columns_missing_or_of_a_type_not_read_are_errors_naming_them() {
    let dir = TempDir::new("columns");
    let no_unit = "message m { optional binary indicator (STRING); optional binary reporter (STRING);
        optional binary partner (STRING); optional binary period (STRING); optional double value; }";
    let mut group = native_group(2001, 2);
    group.pop();
    write(&dir.join("no_unit.parquet"), no_unit, &[group]);
    let message = load_error(&[], &dir.path_of("no_unit.parquet"));
    assert!(
        message.ends_with("no_unit.parquet: no 'unit' column (required: indicator, reporter, partner, period, value, unit)"),
        "{message}"
    );

    let mut group = native_group(2001, 2);
    group[4] = Values::Float(vec![Some(1.5); 2]);
    write(
        &dir.join("float.parquet"),
        &native_schema("float value"),
        &[group],
    );
    let message = load_error(&[], &dir.path_of("float.parquet"));
    assert!(
        message.ends_with("float.parquet: the column 'value' is FLOAT, which is not read here (expected DOUBLE or DECIMAL or an integer or text (VARCHAR, string))"),
        "{message}"
    );

    write(
        &dir.join("other.parquet"),
        "message m { optional int64 year; }",
        &[vec![Values::Int64(vec![Some(1)])]],
    );
    let message = load_error(&[], &dir.path_of("other.parquet"));
    assert!(
        message.contains("the columns match no layout read from Parquet: native ("),
        "{message}"
    );
    assert!(message.ends_with("found: year"), "{message}");
}

#[test]
fn a_directory_needs_parts_of_one_schema_side_by_side() {
    let dir = TempDir::new("parts");
    let parts = dir.join("parts");
    std::fs::create_dir(&parts).unwrap();
    write(
        &parts.join("data_0.parquet"),
        &native_schema("double value"),
        &[native_group(2001, 2)],
    );
    let mut group = native_group(2003, 2);
    group[4] = Values::Int64(vec![Some(15), Some(15)]);
    write(
        &parts.join("data_1.parquet"),
        &native_schema("int64 value (DECIMAL(18,1))"),
        &[group],
    );
    let message = load_error(&[], &dir.path_of("parts"));
    assert!(
        message.contains("parts/data_1.parquet: its columns (")
            && message.contains("all the parts of a directory must have one schema"),
        "{message}"
    );

    std::fs::remove_file(parts.join("data_1.parquet")).unwrap();
    std::fs::create_dir(parts.join("year=2022")).unwrap();
    let message = load_error(&[], &dir.path_of("parts"));
    assert!(
        message.contains("parts/year=2022: a directory among the part files: partitioned output"),
        "{message}"
    );

    let empty = dir.join("empty");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("_SUCCESS"), "").unwrap();
    let message = load_error(&[], &dir.path_of("empty"));
    assert!(
        message.ends_with("empty: is a directory, not a data file nor a directory of Parquet part files (no file in it starts with PAR1; files named '_…' or '.…' are left out)"),
        "{message}"
    );
}

/// Files DuckDB wrote (`tests/fixtures/import/make_parquet.py`).
#[test]
fn files_written_by_duckdb_open_with_their_figures() {
    const DUCKDB: &str = "tests/fixtures/import";
    // DECIMAL(18,3) values, nullable text columns, Snappy.
    assert_same_as_csv(NATIVE_CSV, &format!("{DUCKDB}/duckdb_native.parquet"));
    // Two parts, a _SUCCESS file and a checksum file.
    assert_same_as_csv(NATIVE_CSV, &format!("{DUCKDB}/duckdb_parts"));
    // BACI's columns as DuckDB types them (BIGINT codes, DOUBLE values), ZSTD.
    let print = [
        "--print",
        "bilateral",
        "--pair",
        "CHN-RUS",
        "--period",
        "2022",
    ];
    let baci = format!("{DUCKDB}/duckdb_baci.parquet");
    assert_eq!(
        output(&print, BACI_CSV).replace(BACI_CSV, "FILE"),
        output(&print, &baci).replace(&baci, "FILE"),
    );
    // The README's recipe: BACI summed to a native file, in USD_K, the
    // sums DECIMAL(38,3) (16-byte fixed-length decimals).
    let recipe = output(&print, &format!("{DUCKDB}/duckdb_recipe.parquet"));
    assert_eq!(
        recipe.lines().nth(1),
        Some(
            "CHN,RUS,2022,USD,26000875,90500500,116501375,derived,-64499625,,,,computed by eurasia-dash from CEPII BACI HS92 V202401,\"sum of HS6 products, BACI\""
        ),
        "{recipe}"
    );
}

/// A footer giving a column chunk a negative offset, as the fuzz target
/// found: the Parquet reader panics on it, so the loader checks first.
#[test]
fn a_corrupt_footer_is_an_error_not_a_panic() {
    let path = "fuzz/corpus/parquet/negative_column_offset.parquet";
    let message = load_error(&[], path);
    assert!(
        message.contains(&format!(
            "{path}: not a readable Parquet file: row group 0: column '"
        )),
        "{message}"
    );
    assert!(message.ends_with("(a corrupt footer)"), "{message}");
}

#[test]
fn a_page_the_parquet_crate_cannot_decode_is_an_error_not_a_panic() {
    // A DuckDB-written file with a byte-array page cut short (found by the
    // fuzz target): the parquet crate panics decoding it. Its footer also
    // counts 1 row where the pages hold 20, which is now refused before
    // decoding; tests/parquet_bounds.rs has a page that passes those
    // checks and still panics the crate.
    let file = "tests/fixtures/import/corrupt_page.parquet";
    for lenient in [false, true] {
        let mut args = vec!["--check", "--data", file];
        if lenient {
            args.push("--lenient");
        }
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 2, "{stdout}{stderr}");
        assert!(
            stderr.contains(
                "corrupt_page.parquet: row group 0: the footer says 1 row, the pages of column \"unit\" hold 20: not read (a corrupt or hostile file)"
            ),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
