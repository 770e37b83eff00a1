//! SDMX 2.0's ACTION D on a revision feed of many rows: each deletion
//! removes the latest observation of its key read before, whatever the
//! number of rows (they were searched from the end and removed from the
//! middle of the list: quadratic, 3.8 s for 40k + 40k rows).

use eurasia_dash::data::Period;
use eurasia_dash::data::load::format;
use eurasia_dash::data::model::Texts;

const HEADER: &str = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n";

/// Reporters of the keys, all with Russia: 8 × 2,400 months (1901–2100).
const REPORTERS: [&str; 8] = ["CHN", "KAZ", "DEU", "FRA", "USA", "IND", "JPN", "BRA"];

/// A row of key `key` (a reporter and a month).
fn row(action: &str, key: usize, value: usize) -> String {
    let reporter = REPORTERS[key % REPORTERS.len()];
    let month = key / REPORTERS.len();
    let (year, month) = (1901 + month / 12, month % 12 + 1);
    format!(
        "dataflow,IMF.STA:IMTS(1.0.0),{action},{reporter},XG_FOB_USD,RUS,M,{year}-{month:02},{value},6\n"
    )
}

#[test]
fn deletions_in_a_long_feed_remove_the_latest_of_each_key_in_order() {
    const MONTHS: usize = 19_200;
    let mut csv = HEADER.to_string();
    // Each key twice (a revision), then each key's latest deleted but one in twelve.
    for month in 0..MONTHS {
        csv += &row("I", month, month);
    }
    for month in 0..MONTHS {
        csv += &row("R", month, month + 1);
    }
    for month in (0..MONTHS).filter(|month| month % 12 != 5) {
        csv += &row("D", month, 0);
    }
    let mut texts = Texts::default();
    let bytes = csv.as_bytes();
    let detected = format::detect("feed.csv", bytes).unwrap();
    let load = format::parse_as(detected, "feed.csv", bytes, &mut texts, false).unwrap();
    let deleted = MONTHS - MONTHS.div_ceil(12);
    assert_eq!(load.observations.len(), 2 * MONTHS - deleted);
    // The first reading of every key stays, in file order, then the kept revisions.
    let mut expected: Vec<(u64, f64)> = (0..MONTHS)
        .map(|m| (m as u64 + 2, m as f64 * 1e6))
        .collect();
    expected.extend(
        (0..MONTHS)
            .filter(|month| month % 12 == 5)
            .map(|m| ((MONTHS + m) as u64 + 2, (m + 1) as f64 * 1e6)),
    );
    let found: Vec<(u64, f64)> = load
        .observations
        .iter()
        .map(|o| (u64::from(o.row.0), o.value * 1e6))
        .collect();
    assert_eq!(found, expected);
    let first = &load.observations[0];
    assert_eq!(first.period, Period::parse("1901-01").unwrap());
    // Each deletion and each deleted row is said.
    assert_eq!(load.unused.count, 2 * deleted as u64);
}
