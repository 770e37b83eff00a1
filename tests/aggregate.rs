//! Group aggregates from member flows, checked against sums done by hand on
//! tests/fixtures/aggregate/eaeu_members.csv (synthetic test data, USD millions).

use eurasia_dash::data::derive::aggregate::eaeu_members;
use eurasia_dash::data::model::{CHINA, EAEU, WORLD};
use eurasia_dash::data::{Area, Currency, Dataset, Flow, Indicator, Period, WarningKind, store};

const FIXTURE: &str = "tests/fixtures/aggregate/eaeu_members.csv";

fn data() -> Dataset {
    store::load_files(&[FIXTURE], None, false).unwrap()
}

fn amount(data: &Dataset, indicator: Indicator, partner: Area, period: &str) -> Option<f64> {
    data.level(
        Flow::new(indicator, EAEU, partner),
        Currency::Usd,
        Period::parse(period).unwrap(),
    )
    .map(|level| level.amount / 1e6)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn union_external_and_mutual_trade_from_member_flows() {
    let data = data();
    // World exports 514,970 minus the members' exports to each other, 57,700.
    let exports = amount(&data, Indicator::Exports, WORLD, "2019").unwrap();
    assert!(close(exports, 457_270.0), "{exports}");
    // World imports 335,000 minus 57,700.
    let imports = amount(&data, Indicator::Imports, WORLD, "2019").unwrap();
    assert!(close(imports, 277_300.0), "{imports}");
    let mutual = amount(&data, Indicator::Exports, EAEU, "2019").unwrap();
    assert!(close(mutual, 57_700.0), "{mutual}");
    // Trade is exports + imports, as for any pair.
    let trade = amount(&data, Indicator::Trade, WORLD, "2019").unwrap();
    assert!(close(trade, 734_570.0), "{trade}");
}

#[test]
fn partner_trade_and_shares_of_external_trade() {
    let data = data();
    // China: exports 56,800 + 8,600 + 520; imports 54,100 + 6,300 + 3,400 + 1,800 + 800.
    let china = amount(&data, Indicator::Trade, CHINA, "2019").unwrap();
    assert!(close(china, 65_920.0 + 66_400.0), "{china}");
    let share = |partner: &str| {
        data.level(
            Flow::new(Indicator::TradeShare, EAEU, Area::parse(partner).unwrap()),
            Currency::Percent,
            Period::annual(2019),
        )
        .unwrap()
        .amount
    };
    assert!(
        close(share("CHN"), 132_320.0 / 734_570.0 * 100.0),
        "{}",
        share("CHN")
    );
    assert!(
        close(share("DEU"), 59_500.0 / 734_570.0 * 100.0),
        "{}",
        share("DEU")
    );
    // Computed figures say so.
    let observation = data
        .level(
            Flow::new(Indicator::TradeShare, EAEU, CHINA),
            Currency::Percent,
            Period::annual(2019),
        )
        .unwrap()
        .observation()
        .copied()
        .unwrap();
    assert!(
        data.text(observation.source)
            .starts_with("computed by eurasia-dash")
    );
    assert!(
        data.derived_aggregates()
            .iter()
            .any(|l| l.starts_with("EAEU exports 2019"))
    );
}

#[test]
fn a_period_with_missing_members_is_incomplete_not_wrong() {
    let data = data();
    assert_eq!(amount(&data, Indicator::Exports, WORLD, "2020"), None);
    let incomplete: Vec<&str> = data
        .warnings()
        .iter()
        .filter(|w| w.kind == WarningKind::Incomplete)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(incomplete.len(), 1, "{incomplete:?}");
    assert!(
        incomplete[0].contains("2020") && incomplete[0].contains("ARM, BLR, KGZ"),
        "{}",
        incomplete[0]
    );
    // 2014 is before the Union: no figure and no warning.
    assert_eq!(amount(&data, Indicator::Exports, WORLD, "2014"), None);
}

#[test]
fn membership_follows_accession_dates() {
    let codes = |period: &str| -> Vec<String> {
        let mut codes: Vec<String> = eaeu_members(Period::parse(period).unwrap())
            .iter()
            .map(|a| a.to_string())
            .collect();
        codes.sort();
        codes
    };
    assert!(codes("2014").is_empty());
    assert_eq!(codes("2015-01"), ["ARM", "BLR", "KAZ", "RUS"]);
    assert_eq!(codes("2015-07"), ["ARM", "BLR", "KAZ", "RUS"]);
    assert_eq!(codes("2015-08"), ["ARM", "BLR", "KAZ", "KGZ", "RUS"]);
    assert_eq!(codes("2015"), ["ARM", "BLR", "KAZ", "KGZ", "RUS"]);
}

#[test]
fn a_published_union_figure_is_kept_beside_the_computed_one() {
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    builder
        .add_file(FIXTURE, &std::fs::read(FIXTURE).unwrap(), None, false)
        .unwrap();
    let published = "indicator,reporter,partner,period,value,unit,source\n\
                     exports,EAEU,WLD,2019,457.3,USD_BN,test publication\n";
    builder
        .add_file("published.csv", published.as_bytes(), None, false)
        .unwrap();
    let data = builder.build();
    let level = data
        .level(
            Flow::new(Indicator::Exports, EAEU, WORLD),
            Currency::Usd,
            Period::annual(2019),
        )
        .unwrap();
    assert_eq!(
        { level.observation().unwrap().value },
        457.3,
        "the published figure is used"
    );
    let key = eurasia_dash::data::SeriesKey {
        measure: eurasia_dash::data::Measure::level(Indicator::Exports),
        reporter: EAEU,
        partner: WORLD,
        currency: Currency::Usd,
        kind: eurasia_dash::data::SpanKind::Annual,
    };
    let computed = data
        .computed_alternative(&key, Period::annual(2019))
        .unwrap();
    assert!(close(computed.amount() / 1e6, 457_270.0));
    assert!(
        !data
            .warnings()
            .iter()
            .any(|w| w.kind == WarningKind::Conflict)
    );
}

#[test]
fn print_eaeu_shows_the_computed_shares() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args(["--data", FIXTURE, "--print", "eaeu", "--period", "2019"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let csv = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "period,partner,share_pct,trade,trade_unit,change_pp,source,note"
    );
    let china: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(&china[..2], ["2019", "CHN"]);
    assert!(close(
        china[2].parse().unwrap(),
        132_320.0 / 734_570.0 * 100.0
    ));
    assert_eq!(china[3], "132320000000", "trade with China in US dollars");
    assert!(lines[2].starts_with("2019,DEU,"));
    assert!(lines[3].starts_with("2019,other partners,"));
}
