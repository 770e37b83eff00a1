//! The dataset's queries: derived totals and growth, levels in one walk,
//! and the currency of growth rates (the building's tests are in
//! `building_tests`).

use super::queries::merge_periods;
use super::*;
use crate::data::build::DatasetBuilder;
use crate::data::model::{
    Area, CHINA, Currency, Flow, Indicator, Measure, Period, RUSSIA, SeriesKey, SpanKind,
};
use crate::data::synthetic::SplitMix64;

pub(super) fn dataset(csv: &str) -> Dataset {
    let mut builder = DatasetBuilder::new();
    builder
        .add_native("test.csv", csv.as_bytes(), false)
        .unwrap();
    builder.build()
}

fn period(text: &str) -> Period {
    Period::parse(text).unwrap()
}

pub(super) const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note\n";

#[test]
fn trade_is_derived_from_exports_and_imports_only_when_absent() {
    let data = dataset(&format!(
        "{HEADER}exports,CHN,RUS,2019,49.7,USD_BN,,\nimports,CHN,RUS,2019,61.05,USD_BN,,\n\
             exports,CHN,RUS,2020,50,USD_BN,,\nimports,CHN,RUS,2020,57,USD_BN,,\ntrade,CHN,RUS,2020,107.76,USD_BN,,\n"
    ));
    let level = |p| {
        data.level(
            Flow::new(Indicator::Trade, CHINA, RUSSIA),
            Currency::Usd,
            period(p),
        )
    };
    let derived = level("2019").unwrap();
    assert_eq!(derived.basis, Basis::Derived);
    assert!((derived.amount - 110.75e9).abs() < 1.0);
    let published = level("2020").unwrap();
    assert!(matches!(published.basis, Basis::Published(_)));
    assert!((published.amount - 107.76e9).abs() < 1.0);
    assert!(level("2018").is_none());
    assert!(
        data.level(
            Flow::new(Indicator::Trade, CHINA, RUSSIA),
            Currency::Cny,
            period("2019")
        )
        .is_none()
    );
}

#[test]
fn growth_is_computed_where_a_year_earlier_exists_else_published() {
    let data = dataset(&format!(
        "{HEADER}imports,CHN,RUS,2017,41.2,USD_BN,,\nimports,CHN,RUS,2018,59.08,USD_BN,,\n\
             imports_yoy,CHN,RUS,2018,42.7,PCT,,\ntrade,CHN,RUS,2016,69.525,USD_BN,,\ntrade_yoy,CHN,RUS,2016,2.2,PCT,,\n"
    ));
    let computed = data
        .growth(
            Flow::new(Indicator::Imports, CHINA, RUSSIA),
            Currency::Usd,
            period("2018"),
        )
        .unwrap();
    assert_eq!(computed.kind, GrowthKind::Computed);
    assert!((computed.percent - 43.398).abs() < 0.001);
    let published = data
        .growth(
            Flow::new(Indicator::Trade, CHINA, RUSSIA),
            Currency::Usd,
            period("2016"),
        )
        .unwrap();
    assert_eq!(
        published,
        Growth {
            percent: 2.2,
            kind: GrowthKind::Published
        }
    );
    // 43.4% against 42.7% is more than the tolerance: a finding.
    let findings: Vec<&Warning> = data
        .warnings()
        .iter()
        .filter(|w| w.kind == WarningKind::GrowthMismatch)
        .collect();
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0].message.contains("imports CHN–RUS 2018"),
        "{}",
        findings[0].message
    );
    assert!(findings[0].message.contains("+42.7%") && findings[0].message.contains("+43.4%"));
}

#[test]
fn published_growth_in_yuan_terms_is_never_compared_with_dollars() {
    let data = dataset(&format!(
        "{HEADER}odi_nonfin,CHN,BRI,2022,20.97,USD_BN,,\nodi_nonfin,CHN,BRI,2023,224.09,CNY_BN,,\n\
             odi_nonfin_yoy,CHN,BRI,2023,28.4,PCT,,growth in yuan terms\n"
    ));
    let bri = Area::parse("BRI").unwrap();
    let p = period("2023");
    assert!(
        data.growth(
            Flow::new(Indicator::OdiNonfin, CHINA, bri),
            Currency::Usd,
            p
        )
        .is_none()
    );
    let cny = data
        .growth(
            Flow::new(Indicator::OdiNonfin, CHINA, bri),
            Currency::Cny,
            p,
        )
        .unwrap();
    assert_eq!(
        cny,
        Growth {
            percent: 28.4,
            kind: GrowthKind::Published
        }
    );
}

#[test]
fn growth_with_only_a_yuan_level_for_its_period_is_growth_in_yuan() {
    let data = dataset(&format!(
        "{HEADER}odi_nonfin,CHN,BRI,2021,20,USD_BN,,\nodi_nonfin_yoy,CHN,BRI,2021,5,PCT,,\n\
             odi_nonfin,CHN,BRI,2023,1600,CNY_BN,,\nodi_nonfin_yoy,CHN,BRI,2023,6.7,PCT,,\n"
    ));
    let bri = Area::parse("BRI").unwrap();
    let flow = Flow::new(Indicator::OdiNonfin, CHINA, bri);
    let published = |currency, year| {
        data.published_growth(flow, currency, period(year))
            .map(|o| o.value)
    };
    assert_eq!(published(Currency::Cny, "2023"), Some(6.7));
    assert_eq!(published(Currency::Usd, "2023"), None);
    assert_eq!(published(Currency::Usd, "2021"), Some(5.0));
    assert_eq!(published(Currency::Cny, "2021"), None);
}

#[test]
fn growth_with_only_a_euro_level_is_growth_in_euros_and_beside_two_stays_as_read() {
    let data = dataset(&format!(
        "{HEADER}exports,DEU,CHN,2023,97.1,EUR_BN,,\nexports_yoy,DEU,CHN,2023,-9.4,PCT,,\n\
             exports,DEU,CHN,2024,90,EUR_BN,,\nexports,DEU,CHN,2024,700,CNY_BN,,\nexports_yoy,DEU,CHN,2024,-7.3,PCT,,\n"
    ));
    let flow = Flow::new(Indicator::Exports, Area::parse("DEU").unwrap(), CHINA);
    let published = |currency, year| {
        data.published_growth(flow, currency, period(year))
            .map(|o| o.value)
    };
    assert_eq!(published(Currency::Eur, "2023"), Some(-9.4));
    assert_eq!(published(Currency::Usd, "2023"), None);
    // Levels in euros and in yuan: which one the rate is of is not known.
    assert_eq!(published(Currency::Usd, "2024"), Some(-7.3));
    assert_eq!(published(Currency::Eur, "2024"), None);
    assert_eq!(published(Currency::Cny, "2024"), None);
}

#[test]
fn a_stated_currency_decides_which_series_a_growth_rate_is_of() {
    // The note alone would say dollars ("not in yuan terms" is no yuan
    // clause), and a yuan level alone for 2023 would move the rate to yuan:
    // the column decides both ways, and a blank cell leaves the old rules.
    let data = dataset(
        "indicator,reporter,partner,period,value,unit,source,note,currency\n\
         odi_nonfin,CHN,BRI,2023,1600,CNY_BN,,,CNY\n\
         odi_nonfin_yoy,CHN,BRI,2023,6.7,PCT,,,usd\n\
         odi_nonfin_yoy,CHN,BRI,2024,8.1,PCT,,not in yuan terms,CNY\n\
         odi_nonfin,CHN,BRI,2022,1500,CNY_BN,,,\n\
         odi_nonfin_yoy,CHN,BRI,2022,3.3,PCT,,,\n",
    );
    let bri = Area::parse("BRI").unwrap();
    let flow = Flow::new(Indicator::OdiNonfin, CHINA, bri);
    let published = |currency, year| {
        data.published_growth(flow, currency, period(year))
            .map(|o| o.value)
    };
    assert_eq!(published(Currency::Usd, "2023"), Some(6.7));
    assert_eq!(published(Currency::Cny, "2023"), None);
    assert_eq!(published(Currency::Cny, "2024"), Some(8.1));
    assert_eq!(published(Currency::Cny, "2022"), Some(3.3));
}

#[test]
fn a_stated_currency_that_cannot_be_right_is_an_error_naming_the_column() {
    let header = "indicator,reporter,partner,period,value,unit,note,currency\n";
    for (row, problem) in [
        (
            "trade_yoy,CHN,RUS,2024,1.9,PCT,,GBP",
            "unknown currency 'GBP' (expected USD, CNY or EUR, or blank)",
        ),
        (
            "trade,DEU,CHN,2024,250,EUR_BN,,USD",
            "'USD', but the unit EUR_BN is in EUR",
        ),
        (
            "trade,CHN,RUS,2024,1.74,CNY_TN,,USD",
            "'USD', but the unit CNY_TN is in CNY",
        ),
        (
            "trade_share,CHN,RUS,2024,10,PCT,,USD",
            "trade_share has no currency: leave the column blank",
        ),
        (
            "trade_yoy,CHN,RUS,2024,1.9,PCT,growth in yuan terms,USD",
            "the note says the rate is in CNY terms, the column says USD",
        ),
    ] {
        let mut builder = DatasetBuilder::new();
        let error = builder
            .add_native("test.csv", format!("{header}{row}\n").as_bytes(), false)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("test.csv:2: field 'currency': {problem}")
        );
    }
}

#[test]
fn a_growth_rate_moved_to_yuan_is_dropped_as_a_repeat_of_the_yuan_rate() {
    let data = dataset(&format!(
        "{HEADER}trade,CHN,RUS,2023,1.71,CNY_TN,,\ntrade,CHN,RUS,2024,1.74,CNY_TN,,\n\
        trade_yoy,CHN,RUS,2024,1.9,PCT,,\ntrade_yoy,CHN,RUS,2024,2.1,PCT,,in yuan terms\n"
    ));
    let flow = Flow::new(Indicator::Trade, CHINA, RUSSIA);
    let yuan = SeriesKey::new(flow, true, Currency::Cny, SpanKind::Annual);
    let rates: Vec<f64> = data.series(&yuan).iter().map(|o| o.value).collect();
    assert_eq!(rates, [1.9]);
    assert_eq!(data.files()[0].conflicts, 1);
    assert_eq!(data.files()[0].used, 3);
    assert_eq!(
        data.warnings()
            .iter()
            .filter(|w| w.kind == WarningKind::Conflict)
            .count(),
        1
    );
}

#[test]
fn amounts_in_one_walk_are_the_levels_searched_one_by_one() {
    let mut bytes = Vec::new();
    crate::data::synthetic::write_one_pair_csv(&mut bytes, 20_000, 7).unwrap();
    let mut builder = DatasetBuilder::new();
    builder.add_native("one-pair.csv", &bytes, false).unwrap();
    for data in [builder.build(), Dataset::embedded()] {
        for (reporter, partner) in data.trade_pairs() {
            for indicator in [Indicator::Exports, Indicator::Imports, Indicator::Trade] {
                let flow = Flow::new(indicator, reporter, partner);
                for kind in SpanKind::ALL {
                    for currency in [Currency::Usd, Currency::Cny] {
                        let measures = [Indicator::Exports, Indicator::Imports, Indicator::Trade]
                            .map(Measure::level);
                        let periods = data.periods(&measures, reporter, partner, currency, kind);
                        let searched: Vec<Option<f64>> = periods
                            .iter()
                            .map(|&p| data.level(flow, currency, p).map(|l| l.amount))
                            .collect();
                        assert_eq!(data.amounts(flow, currency, kind, &periods), searched);
                    }
                }
            }
        }
    }
}

#[test]
fn merged_periods_are_the_sorted_union() {
    let mut rng = SplitMix64::new(3);
    for _ in 0..200 {
        let mut run = |n: u64| {
            let mut periods: Vec<Period> = (0..rng.below(n))
                .map(|_| Period::annual(1900 + rng.below(150) as i32))
                .collect();
            periods.sort();
            periods.dedup();
            periods
        };
        let (a, b) = (run(40), run(40));
        let mut union = [a.clone(), b.clone()].concat();
        union.sort();
        union.dedup();
        assert_eq!(merge_periods(&a, b.into_iter()), union);
    }
}

/// The latest level as a pass over the series' ends gives what a level for
/// each period, latest first, gives: on pairs with published totals,
/// exports or imports only, both, in gaps, and years summed from months.
#[test]
fn latest_level_is_the_latest_period_with_a_level() {
    let mut rng = SplitMix64::new(19);
    let reporters = ["CHN", "RUS", "KAZ", "EAEU"];
    let partners = ["RUS", "KAZ", "WLD", "TUR"];
    let mut csv = String::from(HEADER);
    for reporter in reporters {
        for partner in partners.into_iter().filter(|&p| p != reporter) {
            for indicator in ["trade", "exports", "imports"] {
                if rng.below(4) == 0 {
                    continue;
                }
                for year in 2015..2024 {
                    let unit = ["USD_MN", "EUR_MN"][usize::from(rng.below(6) == 0)];
                    match rng.below(5) {
                        0 => continue,
                        1 => {
                            for month in 1..=12 {
                                let value = rng.below(1000);
                                csv += &format!(
                                    "{indicator},{reporter},{partner},{year}-{month:02},{value},{unit},s,\n"
                                );
                            }
                        }
                        _ => {
                            let value = rng.below(10_000);
                            csv += &format!(
                                "{indicator},{reporter},{partner},{year},{value},{unit},s,\n"
                            );
                        }
                    }
                }
            }
        }
    }
    let data = dataset(&csv);
    let levels = [Indicator::Trade, Indicator::Exports, Indicator::Imports].map(Measure::level);
    let mut found = 0;
    // Asked first, before any series is made whole, then again after.
    let flows = reporters.into_iter().flat_map(|reporter| {
        partners.into_iter().flat_map(move |partner| {
            [Indicator::Trade, Indicator::Exports]
                .into_iter()
                .flat_map(move |indicator| {
                    let area = |code| Area::parse(code).unwrap();
                    let flow = Flow::new(indicator, area(reporter), area(partner));
                    [Currency::Usd, Currency::Eur].map(|currency| (flow, currency))
                })
        })
    });
    let first: Vec<_> = flows
        .map(|(flow, currency)| data.latest_level(flow, currency, SpanKind::Annual))
        .collect();
    let mut first = first.into_iter();
    for reporter in reporters.map(|code| Area::parse(code).unwrap()) {
        for partner in partners.map(|code| Area::parse(code).unwrap()) {
            for indicator in [Indicator::Trade, Indicator::Exports] {
                for currency in [Currency::Usd, Currency::Eur] {
                    let flow = Flow::new(indicator, reporter, partner);
                    let periods =
                        data.periods(&levels, reporter, partner, currency, SpanKind::Annual);
                    let each = periods.iter().rev().find_map(|&period| {
                        Some((period, data.level(flow, currency, period)?.amount))
                    });
                    let latest = data.latest_level(flow, currency, SpanKind::Annual);
                    assert_eq!(latest, each, "{flow:?} in {currency:?}");
                    assert_eq!(first.next(), Some(latest), "{flow:?} in {currency:?}");
                    found += usize::from(latest.is_some());
                }
            }
        }
    }
    assert!(
        found > 20,
        "only {found} latest levels: the data tests little"
    );
}
