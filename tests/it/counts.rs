//! Counts as a person reads them: thousands separated, rows that share a
//! reason listed once in `w` as in `--check` (the golden outputs hold
//! `--check`'s).

use eurasia_dash::data::{DatasetBuilder, WarningKind};

#[test]
fn rows_that_share_a_reason_are_one_warning_in_w() {
    let path = "tests/fixtures/import/comtrade_services.csv";
    let bytes = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut builder = DatasetBuilder::new();
    builder
        .add_file(path, &bytes, None, false)
        .expect("the fixture loads");
    let data = builder.build();
    let not_used: Vec<&str> = data
        .warnings()
        .iter()
        .filter(|warning| warning.kind == WarningKind::NotUsed)
        .map(|warning| warning.message.as_str())
        .collect();
    assert_eq!(
        not_used,
        [format!(
            "{path}: 3 rows (lines 2 to 4): field 'typeCode': services (typeCode S) are not merchandise trade"
        )]
    );
    assert_eq!(data.stats().rows_not_used, 3, "each row still counted");
}
