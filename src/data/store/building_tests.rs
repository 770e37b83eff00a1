//! The dataset's building: repeats and conflicts, the bucket sort's build
//! checked against the comparison sort's, the group aggregates and the
//! years summed from months made on demand, and the load gauge.

use super::assemble::drop_repeats;
use super::series_sort::{BUCKET_SORT_MIN, index_series, sort_by_comparison};
use super::tests::{HEADER, dataset};
use super::*;
use crate::data::build::{self, DatasetBuilder, row_warnings};
use crate::data::model::{
    CHINA, Currency, EAEU, Flow, Indicator, Measure, Observation, Period, RUSSIA, Row, SeriesKey,
    SpanKind,
};
use crate::data::synthetic::{AREAS, SplitMix64};

#[test]
fn repeats_are_counted_and_conflicts_reported_with_both_lines() {
    let data = dataset(&format!(
        "{HEADER}trade,CHN,RUS,2019,110.75,USD_BN,,\ntrade,CHN,RUS,2019,110750,USD_MN,,\ntrade,CHN,RUS,2019,111,USD_BN,,\n"
    ));
    assert_eq!(data.stats().duplicates, 1);
    assert_eq!(data.observations().len(), 1);
    let conflict = &data.warnings()[0];
    assert_eq!(conflict.kind, WarningKind::Conflict);
    assert!(conflict.message.contains("test.csv:2") && conflict.message.contains("test.csv:4"));
}

#[test]
fn series_keep_span_kinds_apart_and_in_order() {
    let data = dataset(&format!(
        "{HEADER}trade,CHN,RUS,2021,146.887,USD_BN,,\ntrade,CHN,RUS,2021-04,10.803,USD_BN,,\n\
             trade,CHN,RUS,2014,95.4,USD_BN,,\ntrade,CHN,RUS,2021-01/2021-04,40.207,USD_BN,,\n"
    ));
    let key = |kind| SeriesKey {
        measure: Measure::level(Indicator::Trade),
        reporter: CHINA,
        partner: RUSSIA,
        currency: Currency::Usd,
        kind,
    };
    let annual: Vec<String> = data
        .series(&key(SpanKind::Annual))
        .iter()
        .map(|o| o.period.to_string())
        .collect();
    assert_eq!(annual, ["2014", "2021"]);
    assert_eq!(data.series(&key(SpanKind::Monthly)).len(), 1);
    assert_eq!(data.series(&key(SpanKind::Cumulative)).len(), 1);
    assert_eq!(
        data.span_kinds(&[Measure::level(Indicator::Trade)], CHINA, RUSSIA),
        [SpanKind::Annual, SpanKind::Monthly, SpanKind::Cumulative]
    );
    assert_eq!(data.trade_pairs(), [(CHINA, RUSSIA)]);
}

/// Native CSV rows for `pairs` pairs over `years` years, period after
/// period: exports and imports of each month, and
/// the year's total.
fn period_major_rows(pairs: usize, years: i32, random: &mut impl FnMut(u64) -> u64) -> Vec<String> {
    // Neighbours in the synthetic data's list of real codes.
    let pair = |p: usize| (AREAS[p], AREAS[p + 1]);
    let mut rows = Vec::new();
    for year in 1990..1990 + years {
        let periods = (1..=12).map(|month| format!("{year}-{month:02}"));
        for period in periods.chain([year.to_string()]) {
            for p in 0..pairs {
                let (reporter, partner) = pair(p);
                for indicator in ["exports", "imports"] {
                    let value = random(100_000);
                    rows.push(format!(
                        "{indicator},{reporter},{partner},{period},{value},USD_MN,,"
                    ));
                }
            }
        }
    }
    rows
}

/// Builds with the bucket sort and checks the result against the
/// comparison sort's, repeats dropped and series indexed as before.
fn check_against_comparison_sort(files: &[(&str, String)]) -> Dataset {
    let builder = || {
        let mut builder = DatasetBuilder::new();
        for (path, csv) in files {
            builder.add_native(path, csv.as_bytes(), false).unwrap();
        }
        builder
    };
    let data = builder().build();
    let builder = builder();
    assert!(builder.observations.len() >= BUCKET_SORT_MIN);
    let mut observations = builder.observations;
    sort_by_comparison(&mut observations);
    let mut files = builder.files;
    let mut warnings = row_warnings(&files);
    drop_repeats(
        &mut observations,
        &mut files,
        &builder.file_rows,
        &mut warnings,
    );
    // The figures loaded, then the sums of their months (see `derive`).
    let loaded: Vec<Observation> = data
        .observations
        .iter()
        .filter(|o| o.row != Row::COMPUTED)
        .copied()
        .collect();
    assert!(loaded == observations);
    assert_eq!(data.series, index_series(&data.observations));
    assert_eq!(data.files, files);
    assert_eq!(data.warnings[..warnings.len()], warnings[..]);
    for file in &data.files {
        assert_eq!(
            file.used + file.duplicates + file.conflicts,
            file.rows,
            "{}",
            file.path
        );
    }
    data
}

#[test]
fn the_bucket_sort_builds_as_the_comparison_sort_with_series_in_order() {
    let mut rng = SplitMix64::new(7);
    let mut random = |bound| rng.below(bound);
    let rows = period_major_rows(40, 8, &mut random);
    let data =
        check_against_comparison_sort(&[("one.csv", format!("{HEADER}{}\n", rows.join("\n")))]);
    assert_eq!(data.files[0].used, rows.len() as u64);
    // Annual and monthly series loaded; the years summed from the months are
    // kept beside the published ones, and quarters are summed when shown.
    assert_eq!(data.series.len(), 40 * 2 * 2);
}

#[test]
fn the_bucket_sort_builds_as_the_comparison_sort_with_series_out_of_order() {
    let mut rng = SplitMix64::new(11);
    let mut random = |bound| rng.below(bound);
    // Some rows moved, a whole year reversed: series to be sorted.
    let mut rows = period_major_rows(40, 8, &mut random);
    for _ in 0..50 {
        let from = random(rows.len() as u64) as usize;
        let to = random(rows.len() as u64) as usize;
        let row = rows.remove(from);
        rows.insert(to, row);
    }
    rows[2_000..3_000].reverse();
    let data =
        check_against_comparison_sort(&[("one.csv", format!("{HEADER}{}\n", rows.join("\n")))]);
    assert_eq!(data.stats().duplicates, 0);
}

#[test]
fn the_bucket_sort_builds_as_the_comparison_sort_with_repeats_across_files() {
    let mut rng = SplitMix64::new(13);
    let mut random = |bound| rng.below(bound);
    let rows = period_major_rows(40, 8, &mut random);
    // The first file gives some figures twice in a row, so their series
    // are in order of period yet repeat one.
    let mut first = rows.clone();
    let mut twice: Vec<usize> = (0..20)
        .map(|_| random(rows.len() as u64) as usize)
        .collect();
    twice.sort_unstable();
    for &i in twice.iter().rev() {
        first.insert(i + 1, rows[i].clone());
    }
    let first = format!("{HEADER}{}\n", first.join("\n"));
    let data = check_against_comparison_sort(&[("one.csv", first.clone())]);
    assert_eq!(data.files[0].duplicates, 20);
    // The second file repeats some rows of the first, exactly, in other
    // units or with other values, and some of its own.
    let mut second = Vec::new();
    for _ in 0..300 {
        let row = &rows[random(rows.len() as u64) as usize];
        let (figure, value) = row
            .rsplit_once(",USD_MN,,")
            .unwrap()
            .0
            .rsplit_once(',')
            .unwrap();
        second.push(match random(3) {
            0 => row.clone(),
            1 => format!(
                "{figure},{},USD_BN,,",
                value.parse::<f64>().unwrap() / 1000.0
            ),
            _ => format!("{figure},{}.5,USD_MN,,", value),
        });
        if random(10) == 0 {
            second.push(second.last().unwrap().clone());
        }
    }
    let data = check_against_comparison_sort(&[
        ("one.csv", first),
        ("two.csv", format!("{HEADER}{}\n", second.join("\n"))),
    ]);
    assert_eq!(data.files[0].used, rows.len() as u64);
    assert_eq!(data.files[0].duplicates, 20);
    assert!(data.files[1].duplicates > 0 && data.files[1].conflicts > 0);
    let conflicts = data
        .warnings()
        .iter()
        .filter(|w| w.kind == WarningKind::Conflict);
    assert_eq!(conflicts.count() as u64, data.files[1].conflicts);
}

#[test]
fn group_figures_are_made_once_when_first_asked_for_and_a_published_twin_wins() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let csv =
        format!("{HEADER}exports,EAEU,CHN,2020,10,USD_BN,,\nexports,EAEU,CHN,2021,11,USD_BN,,\n");
    let mut builder = DatasetBuilder::new();
    builder.add_native("a.csv", csv.as_bytes(), false).unwrap();
    let mut data = builder.build();
    let key = SeriesKey::new(
        Flow::new(Indicator::Exports, EAEU, CHINA),
        false,
        Currency::Usd,
        SpanKind::Annual,
    );
    let published = *data.find(&key, Period::annual(2020)).unwrap();
    let computed = move |year: i32, value: f64| Observation {
        period: Period::annual(year),
        value,
        row: Row::COMPUTED,
        ..published
    };
    let loaded_warnings = data.warnings().len();
    let made = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&made);
    data.make_groups(Box::new(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
        GroupFigures {
            observations: vec![
                computed(2021, 12.0),
                computed(2020, 9.0),
                computed(2019, 8.0),
            ],
            derived: vec!["EAEU exports".to_string()],
            warnings: vec![Warning::new(WarningKind::Remark, "group")],
        }
    }));
    data.add_warnings([Warning::new(WarningKind::GrowthMismatch, "later")]);
    assert_eq!(made.load(Ordering::SeqCst), 0, "not made until asked for");
    assert_eq!(
        data.observations().len(),
        2,
        "never merged into the loaded figures"
    );

    let values: Vec<f64> = data.series(&key).iter().map(|o| o.value).collect();
    assert_eq!(values, [8.0, 10.0, 11.0], "published figures win");
    let alternative = |year| {
        data.computed_alternative(&key, Period::annual(year))
            .map(|o| o.value)
    };
    assert_eq!(alternative(2020), Some(9.0));
    assert_eq!(alternative(2021), Some(12.0));
    assert_eq!(alternative(2019), None);
    assert_eq!(data.figure_count(), 3, "two loaded, 2019 computed");
    assert_eq!(data.derived_aggregates(), ["EAEU exports"]);
    let messages: Vec<&str> = data.warnings()[loaded_warnings..]
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(messages, ["group", "later"], "in the order they were found");
    assert!(data.series_keys().any(|k| *k == key));
    assert_eq!(made.load(Ordering::SeqCst), 1, "made once");
}

#[test]
fn a_load_counts_every_byte_of_its_files_for_the_gauge() {
    let files = [
        "tests/fixtures/import/BACI_HS92_Y2022_V202401.csv",
        "tests/fixtures/import/comtrade_plus.csv",
    ];
    let progress = build::LoadProgress::default();
    build::load_files_with_progress(&files, None, false, &progress).unwrap();
    let total: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    use std::sync::atomic::Ordering;
    assert_eq!(progress.total.load(Ordering::Relaxed), total);
    assert_eq!(
        progress.read.load(Ordering::Relaxed),
        total,
        "every byte read is counted once"
    );
    assert!(progress.building.load(Ordering::Relaxed));
}

#[test]
fn years_summed_from_months_are_made_when_asked_and_counted_without_being_made() {
    let mut csv = HEADER.to_string();
    // 2020 complete, 2021 without December; 2022 published and complete.
    for year in 2020..=2022 {
        for month in 1..=12 {
            if year != 2021 || month != 12 {
                csv += &format!("exports,CHN,RUS,{year}-{month:02},1,USD_BN,,\n");
            }
        }
    }
    csv += "exports,CHN,RUS,2022,13,USD_BN,,\n";
    let data = dataset(&csv);
    let exports = Measure::level(Indicator::Exports);
    let key = SeriesKey::new(
        Flow::new(Indicator::Exports, CHINA, RUSSIA),
        false,
        Currency::Usd,
        SpanKind::Annual,
    );
    assert_eq!(data.observations().len(), 36, "no year merged in");
    assert_eq!(data.figure_count(), 37, "2020 counted; 2022 is published");
    assert_eq!(data.computed_year_periods(), [Period::annual(2020)]);
    let year = data.find(&key, Period::annual(2020)).unwrap();
    assert_eq!((year.amount(), year.row), (12e9, Row::COMPUTED));
    assert_eq!(data.find(&key, Period::annual(2021)), None);
    assert_eq!(
        data.find(&key, Period::annual(2022)).unwrap().amount(),
        13e9
    );
    let twin = data
        .computed_alternative(&key, Period::annual(2022))
        .unwrap();
    assert_eq!(twin.amount(), 12e9);
    assert!(data.series_keys_with_years().any(|k| *k == key));
    let years: Vec<Period> = data
        .series_of(exports, CHINA)
        .filter(|(k, _)| k.kind == SpanKind::Annual)
        .flat_map(|(_, figures)| figures.iter().map(|o| o.period))
        .collect();
    assert_eq!(years, [Period::annual(2020), Period::annual(2022)]);
    assert_eq!(
        data.partners_at(exports, CHINA, Period::annual(2020)).len(),
        1
    );
    assert!(
        data.reporter_periods(exports, CHINA)
            .contains(&Period::annual(2020))
    );
}
