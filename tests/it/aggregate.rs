//! Group aggregates from member flows, checked against sums done by hand on
//! the files of tests/fixtures/aggregate/ (synthetic test data, USD millions).

use eurasia_dash::data::derive::aggregate::eaeu_members;
use eurasia_dash::data::model::{CHINA, EAEU, WORLD};
use eurasia_dash::data::{
    Area, Currency, Dataset, Flow, Indicator, Period, Warning, WarningKind, build,
};

const FIXTURE: &str = "tests/fixtures/aggregate/eaeu_members.csv";

fn data() -> Dataset {
    load(FIXTURE)
}

fn load(path: &str) -> Dataset {
    build::load_files(&[path], None, false).unwrap()
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
    // The members' exports to each other, all 20 pairs (two of them a
    // published zero): 21,700 + 13,900 + 1,100 + 1,500 (RUS) + 15,900 + 800
    // + 50 + 120 (BLR) + 5,100 + 90 + 10 + 700 (KAZ) + 700 + 20 + 5 + 0 (ARM)
    // + 400 + 10 + 300 + 0 (KGZ) = 62,405.
    let mutual = amount(&data, Indicator::Exports, EAEU, "2019").unwrap();
    assert!(close(mutual, 62_405.0), "{mutual}");
    // World exports 514,970 minus 62,405.
    let exports = amount(&data, Indicator::Exports, WORLD, "2019").unwrap();
    assert!(close(exports, 452_565.0), "{exports}");
    // World imports 335,000 minus the same 62,405 seen from the importers.
    let imports = amount(&data, Indicator::Imports, WORLD, "2019").unwrap();
    assert!(close(imports, 272_595.0), "{imports}");
    // Trade is exports + imports, as for any pair.
    let trade = amount(&data, Indicator::Trade, WORLD, "2019").unwrap();
    assert!(close(trade, 725_160.0), "{trade}");
}

#[test]
fn partner_trade_and_shares_of_external_trade() {
    let data = data();
    // China: exports 56,800 + 8,600 + 520 + 150 + 90; imports 54,100 +
    // 6,300 + 3,400 + 1,800 + 800.
    let china = amount(&data, Indicator::Trade, CHINA, "2019").unwrap();
    assert!(close(china, 66_160.0 + 66_400.0), "{china}");
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
        close(share("CHN"), 132_560.0 / 725_160.0 * 100.0),
        "{}",
        share("CHN")
    );
    // Germany: exports 29,000 + 1,000 + 400 + 60 + 15; imports 25,600 +
    // 2,300 + 1,600 + 120 + 45.
    assert!(
        close(share("DEU"), (30_475.0 + 29_665.0) / 725_160.0 * 100.0),
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
                     exports,EAEU,WLD,2019,452.6,USD_BN,test publication\n";
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
        452.6,
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
    assert!(close(computed.amount() / 1e6, 452_565.0));
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
        132_560.0 / 725_160.0 * 100.0
    ));
    assert_eq!(china[3], "132560000000", "trade with China in US dollars");
    assert!(lines[2].starts_with("2019,DEU,"));
    assert!(lines[3].starts_with("2019,other partners,"));
}

// ------------------------------------------------ what the data does not give

const NO_MUTUAL: &str = "tests/fixtures/aggregate/no_mutual.csv";
const TRADE_ONLY: &str = "tests/fixtures/aggregate/trade_only.csv";
const MEMBER_MISSING: &str = "tests/fixtures/aggregate/member_missing.csv";
const BRI_PAIRS: &str = "tests/fixtures/aggregate/bri_pairs.csv";

fn check(args: &[&str]) -> (i32, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
        .arg("--check")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

fn group_warnings(data: &Dataset, group: Area) -> Vec<&Warning> {
    data.warnings()
        .iter()
        .filter(|w| w.group == Some(group))
        .collect()
}

fn share(data: &Dataset, partner: Area, period: &str) -> Option<f64> {
    data.level(
        Flow::new(Indicator::TradeShare, EAEU, partner),
        Currency::Percent,
        Period::parse(period).unwrap(),
    )
    .map(|level| level.amount)
}

#[test]
fn without_members_trade_with_each_other_there_is_no_mutual_or_external_figure() {
    let data = load(NO_MUTUAL);
    for indicator in [Indicator::Exports, Indicator::Imports, Indicator::Trade] {
        assert_eq!(
            amount(&data, indicator, EAEU, "2019"),
            None,
            "{indicator:?}"
        );
        assert_eq!(
            amount(&data, indicator, WORLD, "2019"),
            None,
            "{indicator:?}"
        );
    }
    assert_eq!(share(&data, CHINA, "2019"), None);
    // The Union's trade with China needs no mutual trade: exports 150 + 520
    // + 8,600 + 90 + 56,800; imports 800 + 3,400 + 6,300 + 1,800 + 54,100.
    let exports = amount(&data, Indicator::Exports, CHINA, "2019").unwrap();
    assert!(close(exports, 66_160.0), "{exports}");
    let imports = amount(&data, Indicator::Imports, CHINA, "2019").unwrap();
    assert!(close(imports, 66_400.0), "{imports}");
    // One remark says what is missing and what is not computed.
    let warnings = group_warnings(&data, EAEU);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, WarningKind::Remark);
    let message = &warnings[0].message;
    for words in [
        "no member's trade with another member",
        "mutual trade",
        "trade with non-members",
        "partner shares",
        "(exports 2019; imports 2019)",
    ] {
        assert!(message.contains(words), "{words:?} in {message}");
    }
    // The data never claimed to give the Union's mutual trade: no failure.
    let (status, stdout) = check(&["--data", NO_MUTUAL]);
    assert_eq!(status, 0, "{stdout}");
    assert!(
        stdout.contains("  note: EAEU: no member's trade with another member"),
        "{stdout}"
    );
}

#[test]
fn a_missing_pair_of_members_leaves_mutual_and_external_trade_incomplete() {
    let full = std::fs::read_to_string(FIXTURE).unwrap();
    let without_one: String = full
        .lines()
        .filter(|line| !line.starts_with("exports,ARM,BLR,2019,"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(without_one.lines().count() + 1, full.lines().count());
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    builder
        .add_file("one_pair_missing.csv", without_one.as_bytes(), None, false)
        .unwrap();
    let data = builder.build();
    assert_eq!(amount(&data, Indicator::Exports, EAEU, "2019"), None);
    assert_eq!(amount(&data, Indicator::Exports, WORLD, "2019"), None);
    // Imports are all there, so their figures stand.
    let imports = amount(&data, Indicator::Imports, WORLD, "2019").unwrap();
    assert!(close(imports, 272_595.0), "{imports}");
    let mutual = group_warnings(&data, EAEU)
        .into_iter()
        .find(|w| w.kind == WarningKind::Incomplete && w.message.starts_with("EAEU exports 2019"))
        .unwrap();
    assert!(
        mutual.message.contains("missing 1 of 20: ARM–BLR"),
        "{}",
        mutual.message
    );
    let figure = mutual.figure.unwrap();
    assert_eq!(
        (figure.reporter, figure.partner, figure.period),
        (EAEU, EAEU, Period::annual(2019))
    );
}

#[test]
fn union_trade_and_shares_from_members_total_trade() {
    let data = load(TRADE_ONLY);
    // Trade with the world: 7,600 + 72,500 + 96,100 + 667,000, and
    // Kyrgyzstan's exports + imports 1,970 + 4,900 = 850,070. Mutual trade,
    // each of the 20 pairs from each side: ARM 70 + 15 + 0 + 1,800; BLR 70 +
    // 890 + 130 + 37,600; KAZ 15 + 890 + 1,100 + 19,000; KGZ 0 + 130 + 1,100
    // + 1,800; RUS 1,800 + 37,600 + 19,000 + 1,800 = 124,810.
    let mutual = amount(&data, Indicator::Trade, EAEU, "2021");
    assert!(close(mutual.unwrap(), 124_810.0), "{mutual:?}");
    let external = amount(&data, Indicator::Trade, WORLD, "2021").unwrap();
    assert!(close(external, 725_260.0), "{external}");
    // China: 950 + 3,920 + 14,900 + 110,900, and Kyrgyzstan's 90 + 1,800.
    let china = amount(&data, Indicator::Trade, CHINA, "2021").unwrap();
    assert!(close(china, 132_560.0), "{china}");
    let turkey = Area::parse("TUR").unwrap();
    let turkey_trade = amount(&data, Indicator::Trade, turkey, "2021").unwrap();
    assert!(close(turkey_trade, 36_900.0), "{turkey_trade}");
    // Shares of the trade with non-members: 18.2776% and 5.0878%.
    let china_share = share(&data, CHINA, "2021").unwrap();
    assert!(
        close(china_share, 132_560.0 / 725_260.0 * 100.0),
        "{china_share}"
    );
    assert!((china_share - 18.2776).abs() < 1e-4);
    let turkey_share = share(&data, turkey, "2021").unwrap();
    assert!((turkey_share - 5.0878).abs() < 1e-4, "{turkey_share}");
    // Kyrgyzstan's exports alone are not the Union's: never added to the
    // others' totals.
    for indicator in [Indicator::Exports, Indicator::Imports] {
        assert_eq!(amount(&data, indicator, WORLD, "2021"), None);
        assert_eq!(amount(&data, indicator, CHINA, "2021"), None);
    }
    // Two members' trade with the USA is not the Union's: a remark naming
    // the members without a figure, and no failure.
    let usa = Area::parse("USA").unwrap();
    assert_eq!(amount(&data, Indicator::Trade, usa, "2021"), None);
    let warnings = group_warnings(&data, EAEU);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].kind, WarningKind::Remark);
    assert!(
        warnings[0]
            .message
            .ends_with("(trade 2021): USA (none from ARM, BLR, KGZ)"),
        "{}",
        warnings[0].message
    );
    let (status, _) = check(&["--data", TRADE_ONLY]);
    assert_eq!(status, 0);
}

#[test]
fn a_member_absent_from_members_flows_is_an_incomplete_figure_and_exit_1() {
    let data = load(MEMBER_MISSING);
    assert_eq!(amount(&data, Indicator::Exports, WORLD, "2021"), None);
    assert_eq!(amount(&data, Indicator::Exports, CHINA, "2021"), None);
    let (status, stdout) = check(&["--json", "--data", MEMBER_MISSING]);
    assert_eq!(status, 1, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["status"], "warnings");
    let incomplete: Vec<&serde_json::Value> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "incomplete")
        .collect();
    assert_eq!(incomplete.len(), 2, "{incomplete:?}");
    for (warning, indicator) in incomplete.iter().zip(["exports", "imports"]) {
        assert_eq!(warning["indicator"], indicator);
        assert_eq!(warning["reporter"], "EAEU");
        assert_eq!(warning["partner"], "WLD");
        assert_eq!(warning["period"], "2021");
        let message = warning["message"].as_str().unwrap();
        assert!(
            message.contains("no trade with the world (WLD) from KGZ"),
            "{message}"
        );
    }
}

#[test]
fn china_with_some_belt_and_road_countries_is_one_remark_not_a_failure() {
    let data = load(BRI_PAIRS);
    let flow = Flow::new(Indicator::Exports, CHINA, Area::parse("BRI").unwrap());
    assert_eq!(data.level(flow, Currency::Usd, Period::annual(2019)), None);
    let (status, stdout) = check(&["--data", BRI_PAIRS]);
    assert_eq!(status, 0, "{stdout}");
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("Belt and Road"))
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with(
            "  note: Belt and Road: the data has China's trade with 41 of the 65 listed countries"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("(exports 2019, 2020; imports 2019, 2020)"));
    // The 24 listed countries the file has no figure for, named.
    let missing = "ALB, ARM, AZE, BGR, BIH, BLR, CZE, EST, GEO, HRV, HUN, KGZ, LTU, LVA, MDA, MKD, MNE, POL, ROU, RUS, SRB, SVK, SVN, UKR";
    assert!(
        lines[0].ends_with(&format!("missing: {missing}")),
        "{}",
        lines[0]
    );
    assert!(stdout.ends_with("status: ok\n"), "{stdout}");
}

#[test]
fn members_trade_by_partner_without_world_totals_gives_remarks_not_failures() {
    // The members' flows by partner of 2019, without their world totals and
    // without Armenia's exports to Belarus: not the members' total trade, so
    // not meant to give the Union's figures.
    let full = std::fs::read_to_string(FIXTURE).unwrap();
    let partial: String = full
        .lines()
        .filter(|line| !line.contains(",WLD,") && !line.starts_with("exports,ARM,BLR,"))
        .filter(|line| !line.contains(",2020,") && !line.contains(",2014,"))
        .map(|line| format!("{line}\n"))
        .collect();
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    builder
        .add_file("by_partner.csv", partial.as_bytes(), None, false)
        .unwrap();
    let data = builder.build();
    assert_eq!(amount(&data, Indicator::Exports, EAEU, "2019"), None);
    // Every member's figure with China is there: the sum stands.
    let exports = amount(&data, Indicator::Exports, CHINA, "2019").unwrap();
    assert!(close(exports, 66_160.0), "{exports}");
    let warnings = group_warnings(&data, EAEU);
    assert!(
        warnings.iter().all(|w| w.kind == WarningKind::Remark),
        "{warnings:?}"
    );
    let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "EAEU: no member's trade with the world (WLD) in the data, so the Union's trade with non-members and partner shares are not computed (exports 2019; imports 2019); shares need each member's trade with WLD",
            "EAEU: the members' trade with each other is only partly in the data, so the Union's mutual trade is not computed (exports 2019); missing: ARM–BLR",
        ]
    );
}
