//! Quarters, years, year to date and rolling twelve months summed from
//! complete months, checked against sums worked out by hand on the fixtures in
//! tests/fixtures/calendar (invented test data, USD millions):
//!
//! - `months_with_a_gap.csv`: CHN–KAZ exports 2022-mm = 100 + mm and
//!   2023-mm = 200 + mm, imports 50 + mm and 60 + mm, with July 2023 missing;
//! - `published_year_and_months.csv`: CHN–MNG exports, 1,300 published for
//!   2021 and 650 for January–June, and twelve months of 100.

use std::process::Command;

use eurasia_dash::data::model::{CHINA, Row};
use eurasia_dash::data::{
    Area, Currency, Dataset, Flow, Indicator, Measure, Period, SeriesKey, SpanKind, build,
};

const GAP: &str = "tests/fixtures/calendar/months_with_a_gap.csv";
const PUBLISHED: &str = "tests/fixtures/calendar/published_year_and_months.csv";

fn load(path: &str) -> Dataset {
    build::load_files(&[path], None, false).unwrap()
}

fn kaz() -> Area {
    Area::parse("KAZ").unwrap()
}

/// Exports or imports of CHN–KAZ in USD millions, with whether it was computed.
fn millions(data: &Dataset, indicator: Indicator, period: &str) -> Option<(f64, bool)> {
    let period = Period::parse(period).unwrap();
    let key = SeriesKey::new(
        Flow::new(indicator, CHINA, kaz()),
        false,
        Currency::Usd,
        period.kind(),
    );
    data.find(&key, period)
        .map(|o| (o.amount() / 1e6, o.row == Row::COMPUTED))
}

fn periods(data: &Dataset, kind: SpanKind) -> Vec<String> {
    let measures = [Measure::level(Indicator::Exports)];
    data.periods(&measures, CHINA, kaz(), Currency::Usd, kind)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_year_of_twelve_months_is_summed_and_one_of_eleven_is_not() {
    let data = load(GAP);
    // 101 + 102 + … + 112 = 1,278; 51 + … + 62 = 678.
    assert_eq!(
        millions(&data, Indicator::Exports, "2022"),
        Some((1278.0, true))
    );
    assert_eq!(
        millions(&data, Indicator::Imports, "2022"),
        Some((678.0, true))
    );
    assert_eq!(periods(&data, SpanKind::Annual), ["2022"]);
    let total = data
        .level(
            Flow::new(Indicator::Trade, CHINA, kaz()),
            Currency::Usd,
            Period::annual(2022),
        )
        .unwrap();
    assert_eq!(total.amount, 1956e6);
}

#[test]
fn quarters_are_summed_where_their_three_months_are_in_the_data() {
    let data = load(GAP);
    assert_eq!(
        periods(&data, SpanKind::Quarterly),
        [
            "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2023-Q4"
        ]
    );
    // 101 + 102 + 103; 210 + 211 + 212; imports 70 + 71 + 72.
    assert_eq!(
        millions(&data, Indicator::Exports, "2022-Q1"),
        Some((306.0, true))
    );
    assert_eq!(
        millions(&data, Indicator::Exports, "2023-Q4"),
        Some((633.0, true))
    );
    assert_eq!(
        millions(&data, Indicator::Imports, "2023-Q4"),
        Some((213.0, true))
    );
}

#[test]
fn the_year_to_date_runs_to_the_month_before_the_gap() {
    let data = load(GAP);
    let year_to_date = periods(&data, SpanKind::Cumulative);
    assert_eq!(year_to_date.len(), 12 + 6);
    assert_eq!(year_to_date.last().unwrap(), "2023-01/2023-06");
    // 201 + … + 206 = 1,221.
    assert_eq!(
        millions(&data, Indicator::Exports, "2023-01/2023-06"),
        Some((1221.0, true))
    );
    assert_eq!(millions(&data, Indicator::Exports, "2023-01/2023-08"), None);
}

#[test]
fn rolling_twelve_months_only_over_twelve_consecutive_months() {
    let data = load(GAP);
    // The run 2022-01 to 2023-06 gives seven; 2023-08 to 2023-12 none.
    assert_eq!(
        periods(&data, SpanKind::Rolling12),
        [
            "2022-01/2022-12",
            "2022-02/2023-01",
            "2022-03/2023-02",
            "2022-04/2023-03",
            "2022-05/2023-04",
            "2022-06/2023-05",
            "2022-07/2023-06"
        ]
    );
    // 1,278 − 101 + 201.
    assert_eq!(
        millions(&data, Indicator::Exports, "2022-02/2023-01"),
        Some((1378.0, true))
    );
    let to_december = Period::parse("2022-01/2022-12").unwrap();
    assert_eq!(to_december.kind(), SpanKind::Cumulative);
    let rolling = data
        .periods(
            &[Measure::level(Indicator::Exports)],
            CHINA,
            kaz(),
            Currency::Usd,
            SpanKind::Rolling12,
        )
        .remove(0);
    assert_eq!(rolling.months(), to_december.months());
    let amount = |period| {
        data.level(
            Flow::new(Indicator::Exports, CHINA, kaz()),
            Currency::Usd,
            period,
        )
        .unwrap()
        .amount
    };
    assert_eq!(
        amount(rolling),
        amount(Period::annual(2022)),
        "the same twelve months give the same sum"
    );
}

#[test]
fn a_published_year_wins_and_the_sum_of_its_months_is_kept_beside_it() {
    let data = load(PUBLISHED);
    let mongolia = Area::parse("MNG").unwrap();
    let key = SeriesKey::new(
        Flow::new(Indicator::Exports, CHINA, mongolia),
        false,
        Currency::Usd,
        SpanKind::Annual,
    );
    let published = data.find(&key, Period::annual(2021)).unwrap();
    assert_eq!(published.amount(), 1300e6);
    assert_ne!(published.row, Row::COMPUTED);
    let computed = data
        .computed_alternative(&key, Period::annual(2021))
        .unwrap();
    assert_eq!(computed.amount(), 1200e6);
    assert_eq!(data.text(computed.note), "derived: sum of 12 months");
    assert_eq!(
        data.text(computed.source),
        "computed by eurasia-dash from the monthly figures of test data (eurasia-dash fixture), not real figures"
    );
    // The year to date is summed when asked for, and the same rule holds.
    let to_date = SeriesKey {
        kind: SpanKind::Cumulative,
        ..key
    };
    let june = Period::parse("2021-01/2021-06").unwrap();
    assert_eq!(data.find(&to_date, june).unwrap().amount(), 650e6);
    let computed = data.computed_alternative(&to_date, june).unwrap();
    assert_eq!(computed.amount(), 600e6);
    assert_eq!(data.text(computed.note), "derived: sum of January–June");
    let may = Period::parse("2021-01/2021-05").unwrap();
    assert_eq!(data.find(&to_date, may).unwrap().amount(), 500e6);
    assert_eq!(data.find(&to_date, may).unwrap().row, Row::COMPUTED);
}

/// `--print bilateral` on the gap fixture against the hand-worked CSV beside
/// it: every cell equal, growth to within 1e-9 (the file has it to ten places).
fn assert_prints_as(span: &str, expected_path: &str) {
    let output = Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args(["--data", GAP, "--print", "bilateral", "--pair", "CHN-KAZ"])
        .args(["--span", span])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let read = |bytes: &[u8]| -> Vec<csv::StringRecord> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let printed = read(&output.stdout);
    let expected = read(&std::fs::read(expected_path).unwrap());
    assert_eq!(printed.len(), expected.len());
    let growth = expected[0].iter().position(|h| h == "growth_pct").unwrap();
    for (printed, expected) in printed.iter().zip(&expected) {
        for (column, (got, want)) in printed.iter().zip(expected.iter()).enumerate() {
            if column == growth && !want.is_empty() && want != "growth_pct" {
                let (got, want): (f64, f64) = (got.parse().unwrap(), want.parse().unwrap());
                assert!((got - want).abs() < 1e-9, "growth {got} against {want}");
            } else {
                assert_eq!(got, want, "in {printed:?}");
            }
        }
    }
}

#[test]
fn print_year_to_date_matches_the_hand_worked_table() {
    assert_prints_as("ytd", "tests/fixtures/calendar/months_with_a_gap.ytd.csv");
}

#[test]
fn print_rolling_twelve_months_matches_the_hand_worked_table() {
    assert_prints_as(
        "rolling",
        "tests/fixtures/calendar/months_with_a_gap.rolling.csv",
    );
}

#[test]
fn print_one_rolling_period_ending_in_december() {
    // The text reads as the year to date; --span says which is meant.
    let print = |span: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
            .args(["--data", GAP, "--print", "bilateral", "--pair", "CHN-KAZ"])
            .args(["--period", "2022-01/2022-12", "--span", span])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let rolling = print("rolling");
    assert_eq!(rolling.lines().count(), 2, "{rolling}");
    assert!(rolling.contains("2022-01/2022-12,USD,1278000000,678000000,1956000000"));
    assert!(rolling.contains("derived: sum of 12 consecutive months"));
    let to_date = print("ytd");
    assert_eq!(to_date.lines().count(), 2, "{to_date}");
    assert!(to_date.contains("derived: sum of January–December"));
}
