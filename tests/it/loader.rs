//! The native-format loader through the library: what a good file gives, and
//! where (line and field) each kind of bad file is reported.

use std::path::Path;

use eurasia_dash::data::build::{self, EMBEDDED_CSV, EMBEDDED_NAME};
use eurasia_dash::data::{
    Area, Currency, Dataset, DatasetBuilder, Flow, Indicator, LoadError, Measure, Period, SpanKind,
    Unit, WarningKind,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/native");

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

fn load(names: &[&str], lenient: bool) -> Result<Dataset, LoadError> {
    let paths: Vec<String> = names.iter().map(|name| fixture(name)).collect();
    build::load_files(&paths, None, lenient)
}

fn load_error(name: &str) -> LoadError {
    match load(&[name], false) {
        Ok(data) => panic!(
            "{name} loaded with {} observations; expected an error",
            data.observations().len()
        ),
        Err(error) => error,
    }
}

/// Asserts the located parts of a load error and returns its problem text.
fn assert_error(name: &str, line: Option<u64>, field: Option<&str>) -> String {
    let error = load_error(name);
    assert_eq!(error.path, fixture(name), "{error}");
    assert_eq!(error.line, line, "line of {error}");
    assert_eq!(error.field.as_deref(), field, "field of {error}");
    assert!(
        error.to_string().starts_with(&fixture(name)),
        "the message names the file: {error}"
    );
    error.problem
}

/// An observation with its texts resolved, comparable across datasets.
#[derive(Debug, PartialEq)]
struct Row {
    measure: Measure,
    reporter: Area,
    partner: Area,
    period: Period,
    value: f64,
    unit: Unit,
    currency: Currency,
    source: String,
    note: String,
}

fn rows(data: &Dataset) -> Vec<Row> {
    data.observations()
        .iter()
        .map(|o| Row {
            measure: o.measure,
            reporter: o.reporter,
            partner: o.partner,
            period: o.period,
            value: o.value,
            unit: o.unit,
            currency: o.currency,
            source: data.text(o.source).to_string(),
            note: data.text(o.note).to_string(),
        })
        .collect()
}

fn area(code: &str) -> Area {
    Area::parse(code).unwrap()
}

fn period(text: &str) -> Period {
    Period::parse(text).unwrap()
}

// ------------------------------------------------------------- good data

#[test]
fn embedded_dataset_has_241_observations_and_no_conflicts_or_skips() {
    let data = Dataset::embedded();
    // The sums of the months of 2023-Q3 are made when shown, not at load.
    assert_eq!(data.observations().len(), 241);
    assert_eq!(data.stats().rows_read, 241);
    assert_eq!(data.stats().rows_skipped, 0);
    assert_eq!(data.stats().duplicates, 0);
    assert_eq!(file_paths(&data), [EMBEDDED_NAME]);
    assert!(
        data.warnings()
            .iter()
            .all(|w| !matches!(w.kind, WarningKind::Conflict | WarningKind::SkippedRow)),
        "{:?}",
        data.warnings()
    );
    // Strict and lenient loading of the embedded text agree.
    let mut builder = DatasetBuilder::new();
    builder
        .add_native(EMBEDDED_NAME, EMBEDDED_CSV.as_bytes(), true)
        .unwrap();
    assert_eq!(rows(&builder.build()), rows(&data));
}

#[test]
fn good_fixture_loads_every_row_with_its_line() {
    let data = load(&["good.csv"], false).unwrap();
    assert_eq!(data.stats().rows_read, 8);
    assert_eq!(data.stats().rows_skipped, 0);
    assert_eq!(data.stats().duplicates, 0);
    assert!(data.warnings().is_empty(), "{:?}", data.warnings());
    assert_eq!(file_paths(&data), [fixture("good.csv")]);
    let mut lines: Vec<u32> = data
        .observations()
        .iter()
        .map(|o| data.origin(o).unwrap().line)
        .collect();
    lines.sort_unstable();
    assert_eq!(lines, (2..=9).collect::<Vec<u32>>());

    let find = |line: u32| {
        data.observations()
            .iter()
            .find(|o| data.origin(o).unwrap().line == line)
            .unwrap()
    };
    let chn = area("CHN");
    let rus = area("RUS");

    let exports = find(2);
    assert_eq!(exports.measure, Measure::level(Indicator::Exports));
    assert_eq!((exports.reporter, exports.partner), (chn, rus));
    assert_eq!(exports.period, Period::annual(2021));
    assert_eq!({ exports.value }, 60.5);
    assert_eq!(exports.unit, Unit::UsdBn);
    assert_eq!(exports.currency, Currency::Usd);
    assert_eq!(data.text(exports.source), "TEST FIXTURE (invented figures)");
    assert_eq!(data.text(exports.note), "");

    let quoted_note = find(5);
    assert_eq!(quoted_note.measure, Measure::level(Indicator::Trade));
    assert_eq!(data.text(quoted_note.note), "test note, with a comma");

    let growth = find(6);
    assert_eq!(growth.measure, Measure::growth(Indicator::Trade));
    assert_eq!(growth.unit, Unit::Pct);
    assert_eq!({ growth.value }, 10.0);
    // Published growth refers to the dollar series unless the note says yuan.
    assert_eq!(growth.currency, Currency::Usd);

    let month = find(7);
    assert_eq!(month.period, period("2021-03"));
    assert_eq!(month.period.kind(), SpanKind::Monthly);

    let millions = find(8);
    assert_eq!(millions.unit, Unit::UsdMn);
    assert_eq!(millions.amount(), 4125.5e6);

    let interval = find(9);
    assert_eq!(interval.period.kind(), SpanKind::Cumulative);
    assert_eq!(interval.period.to_string(), "2020-01/2020-05");
    assert_eq!({ interval.value }, 38.5);

    // The growth rate matches the levels exactly, so it is not a finding.
    let computed = data
        .computed_growth(
            Flow::new(Indicator::Trade, chn, rus),
            Currency::Usd,
            period("2021"),
        )
        .unwrap();
    assert!((computed - 10.0).abs() < 1e-9, "{computed}");
}

#[test]
fn reordered_upper_case_bom_crlf_layout_gives_the_same_observations() {
    let good = load(&["good.csv"], false).unwrap();
    let layout = load(&["good_layout.csv"], false).unwrap();
    let bytes = std::fs::read(fixture("good_layout.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFNOTE,"),
        "the fixture has a BOM"
    );
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the fixture has CRLF"
    );
    assert_eq!(rows(&layout).len(), 8);
    assert_eq!(rows(&layout), rows(&good));
    assert_eq!(layout.stats(), good.stats());
    assert!(layout.warnings().is_empty(), "{:?}", layout.warnings());
}

// ------------------------------------------------------- one per bad file

#[test]
fn empty_file_has_no_line_or_field() {
    assert!(std::fs::metadata(fixture("empty.csv")).unwrap().len() == 0);
    let problem = assert_error("empty.csv", None, None);
    assert!(problem.contains("empty"), "{problem}");
}

#[test]
fn header_only_file_has_no_line_or_field() {
    let problem = assert_error("header_only.csv", None, None);
    assert!(problem.contains("no data rows"), "{problem}");
}

#[test]
fn missing_unit_column_is_line_1_field_unit() {
    let problem = assert_error("missing_column.csv", Some(1), Some("unit"));
    assert!(problem.contains("no 'unit' column"), "{problem}");
    assert!(
        problem.contains("found: indicator,reporter,partner,period,value,source,note"),
        "{problem}"
    );
}

#[test]
fn thousands_separator_is_line_4_field_value() {
    let problem = assert_error("bad_number.csv", Some(4), Some("value"));
    assert!(problem.contains("'1,234'"), "{problem}");
}

#[test]
fn stray_letter_in_a_number_is_its_own_line_in_lenient_mode() {
    let data = load(&["bad_number.csv"], true).unwrap();
    assert_eq!(data.stats().rows_read, 4);
    assert_eq!(data.stats().rows_skipped, 2);
    let messages: Vec<&str> = data.warnings().iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].contains(":4: field 'value': '1,234'"),
        "{messages:?}"
    );
    assert!(
        messages[1].contains(":5: field 'value': '12x'"),
        "{messages:?}"
    );
}

#[test]
fn month_13_is_line_3_field_period() {
    let problem = assert_error("bad_period.csv", Some(3), Some("period"));
    assert!(problem.contains("'2019-13'"), "{problem}");
}

#[test]
fn unknown_unit_is_line_4_field_unit() {
    let problem = assert_error("bad_unit.csv", Some(4), Some("unit"));
    assert!(problem.contains("'GBP'"), "{problem}");
}

#[test]
fn unknown_indicator_is_line_3_field_indicator() {
    let problem = assert_error("bad_indicator.csv", Some(3), Some("indicator"));
    assert!(problem.contains("'tarde'"), "{problem}");
}

#[test]
fn bad_partner_code_is_line_5_field_partner() {
    let problem = assert_error("bad_area.csv", Some(5), Some("partner"));
    assert!(problem.contains("'RUSSIA'"), "{problem}");
}

#[test]
fn latin1_byte_is_line_3_field_source() {
    let bytes = std::fs::read(fixture("not_utf8.csv")).unwrap();
    assert!(bytes.contains(&0xE9), "the fixture holds a Latin-1 byte");
    let problem = assert_error("not_utf8.csv", Some(3), Some("source"));
    // "Douanes francaises r" is 20 bytes; the bad byte is the 21st.
    assert!(problem.contains("position 21"), "{problem}");
}

#[test]
fn extra_field_is_line_4_without_a_field() {
    let problem = assert_error("wrong_field_count.csv", Some(4), None);
    assert_eq!(problem, "the row has 9 fields but the header has 8");
}

#[test]
fn trade_in_percent_is_line_3_field_unit() {
    let problem = assert_error("unit_mismatch.csv", Some(3), Some("unit"));
    assert_eq!(problem, "trade is measured in a currency unit, not PCT");
}

#[test]
fn growth_in_a_currency_is_a_unit_error() {
    let mut builder = DatasetBuilder::new();
    let error = builder
        .add_native(
            "inline.csv",
            b"indicator,reporter,partner,period,value,unit\n\
              trade,CHN,RUS,2021,1,USD_BN\n\
              trade_yoy,CHN,RUS,2021,5.5,USD_BN\n",
            false,
        )
        .unwrap_err();
    assert_eq!(
        (error.line, error.field.as_deref()),
        (Some(3), Some("unit")),
        "{error}"
    );
    assert!(error.problem.contains("measured in PCT"), "{error}");
}

#[test]
fn missing_file_and_directory_are_file_errors() {
    let missing = load_error("no_such_file.csv");
    assert_eq!(missing.line, None);
    assert_eq!(missing.field, None);
    assert_eq!(missing.problem, "no such file");

    let directory = build::load_files(&[FIXTURES], None, false).unwrap_err();
    assert_eq!(directory.path, FIXTURES);
    assert_eq!(directory.line, None);
    assert_eq!(directory.field, None);
    // Nor Parquet part files, the message goes on.
    assert!(
        directory
            .problem
            .starts_with("is a directory, not a data file"),
        "{directory}"
    );

    let read = eurasia_dash::data::load::open_file(Path::new(FIXTURES), "shown name").unwrap_err();
    assert_eq!(read.path, "shown name");
}

// ----------------------------------------------------------- lenient mode

#[test]
fn lenient_mode_skips_bad_rows_and_keeps_their_errors() {
    let data = load(&["two_bad_rows.csv"], true).unwrap();
    assert_eq!(data.stats().rows_read, 5);
    assert_eq!(data.stats().rows_skipped, 2);
    assert_eq!(data.observations().len(), 3);
    let mut used: Vec<u32> = data
        .observations()
        .iter()
        .map(|o| data.origin(o).unwrap().line)
        .collect();
    used.sort_unstable();
    assert_eq!(used, [2, 4, 6]);
    let skipped: Vec<&str> = data
        .warnings()
        .iter()
        .filter(|w| w.kind == WarningKind::SkippedRow)
        .map(|w| w.message.as_str())
        .collect();
    let path = fixture("two_bad_rows.csv");
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].starts_with(&format!("{path}:3: field 'value': ")),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with(&format!("{path}:5: field 'period': ")),
        "{skipped:?}"
    );
}

#[test]
fn lenient_mode_still_rejects_a_file_without_required_columns() {
    let error = load(&["missing_column.csv"], true).unwrap_err();
    assert_eq!(
        (error.line, error.field.as_deref()),
        (Some(1), Some("unit"))
    );
}

// ---------------------------------------------------------------- merging

#[test]
fn merging_counts_repeats_and_reports_a_conflict_naming_both_files_and_lines() {
    let data = load(&["merge_a.csv", "merge_b.csv"], false).unwrap();
    let a = fixture("merge_a.csv");
    let b = fixture("merge_b.csv");
    assert_eq!(file_paths(&data), [a.clone(), b.clone()]);
    assert_eq!(data.stats().rows_read, 6);
    // exports 2021: 60.5 USD_BN in a, 60500 USD_MN in b — the same figure.
    assert_eq!(data.stats().duplicates, 1);
    assert_eq!(data.observations().len(), 4);

    let conflicts: Vec<&str> = data
        .warnings()
        .iter()
        .filter(|w| w.kind == WarningKind::Conflict)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(conflicts.len(), 1, "{:?}", data.warnings());
    let conflict = conflicts[0];
    assert!(conflict.contains(&format!("{a}:3")), "{conflict}");
    assert!(conflict.contains(&format!("{b}:4")), "{conflict}");
    assert!(conflict.starts_with("imports CHN–RUS 2021: "), "{conflict}");

    // The first file's figure is the one kept, for both the repeat and the conflict.
    let kept = |indicator| {
        data.level(
            Flow::new(indicator, area("CHN"), area("RUS")),
            Currency::Usd,
            period("2021"),
        )
        .unwrap()
        .observation()
        .and_then(|o| data.origin(o))
        .unwrap()
    };
    let imports = kept(Indicator::Imports);
    assert_eq!((imports.file, imports.line), (0, 3));
    let exports = kept(Indicator::Exports);
    assert_eq!((exports.file, exports.line), (0, 2));
}

#[test]
fn the_same_file_given_twice_is_read_once() {
    let data = load(&["good.csv", "good.csv"], false).unwrap();
    assert_eq!(data.stats().rows_read, 8);
    assert_eq!(data.stats().duplicates, 0);
    assert_eq!(data.observations().len(), 8);
    assert!(data.warnings().is_empty(), "{:?}", data.warnings());
}

// ------------------------------------------------------------ line numbers

/// The csv crate's own line numbers lag in CRLF files (csv-core consumes only
/// the `\r` of a `\r\n` terminator before returning a record; rust-csv #395):
/// the loader counts lines itself.
#[test]
fn crlf_rows_report_their_own_line() {
    let problem = assert_error("bad_number_crlf.csv", Some(4), Some("value"));
    assert!(problem.contains("'12x'"), "{problem}");
    let good = load(&["good.csv"], false).unwrap();
    let layout = load(&["good_layout.csv"], false).unwrap();
    let lines = |data: &Dataset| {
        let mut lines: Vec<u32> = data
            .observations()
            .iter()
            .map(|o| data.origin(o).unwrap().line)
            .collect();
        lines.sort_unstable();
        lines
    };
    assert_eq!(lines(&layout), lines(&good));
}

/// After blank lines a row keeps its own line (the csv crate would give the
/// first blank line's number, rust-csv #208).
#[test]
fn blank_lines_do_not_shift_line_numbers() {
    let mut builder = DatasetBuilder::new();
    let error = builder
        .add_native(
            "blank.csv",
            b"indicator,reporter,partner,period,value,unit\n\
              exports,CHN,RUS,2021,1,USD_BN\n\
              \n\
              \n\
              imports,CHN,RUS,2021,x,USD_BN\n",
            false,
        )
        .unwrap_err();
    assert_eq!(error.line, Some(5), "{error}");
}

fn file_paths(data: &Dataset) -> Vec<String> {
    data.files().iter().map(|f| f.path.clone()).collect()
}
