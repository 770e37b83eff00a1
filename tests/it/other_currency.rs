//! A partner whose figures are in another currency only (Comext's euros
//! beside Comtrade's dollars): named with its own figure as not ranked,
//! never left out and never converted into the ranking's currency.

use crate::common::{TempFile, run};
use eurasia_dash::data::build;
use eurasia_dash::data::model::{Area, Currency};
use eurasia_dash::view::partners::PartnersView;

/// Germany's trade in dollars with the world, the USA and France; with
/// China in euros only (exports 100, imports 154: €254 bn).
const DEU: &str = "indicator,reporter,partner,period,value,unit,source,note\n\
trade,DEU,WLD,2023,3000,USD_BN,comtrade,\n\
trade,DEU,USA,2023,250,USD_BN,comtrade,\n\
trade,DEU,FRA,2023,200,USD_BN,comtrade,\n\
exports,DEU,CHN,2023,100,EUR_BN,comext,\n\
imports,DEU,CHN,2023,154,EUR_BN,comext,\n";

#[test]
fn a_partner_in_euros_only_is_listed_as_not_ranked_with_its_figure() {
    let file = TempFile::new("deu.csv", DEU);
    let (code, stdout, stderr) = run(&[
        "--print",
        "partners",
        "--reporter",
        "DEU",
        "--data",
        file.path(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[1].starts_with("DEU,USA,2023,USD,250000000000,"),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("DEU,FRA,2023,USD,200000000000,"),
        "{stdout}"
    );
    assert!(
        lines[3].starts_with(
            "DEU,CHN,2023,EUR,254000000000,not ranked: figures in EUR only,,,,,,comext,"
        ),
        "{stdout}"
    );
    // The rest of the world is in dollars, China's euros not taken from it.
    assert!(
        lines[4].starts_with("DEU,other partners,2023,USD,2550000000000,"),
        "{stdout}"
    );
}

#[test]
fn the_view_keeps_the_partner_and_its_currency() {
    let file = TempFile::new("deu.csv", DEU);
    let data = build::load_files(&[file.path()], None, false).unwrap();
    let view = PartnersView::new(&data, Area::known("DEU"));
    assert_eq!(view.currency, Some(Currency::Usd));
    let ranked: Vec<Area> = view.rows.iter().map(|r| r.partner).collect();
    assert_eq!(ranked, [Area::known("USA"), Area::known("FRA")]);
    let [(partner, total)] = view.other_currency.as_slice() else {
        panic!("one partner in another currency: {:?}", view.other_currency);
    };
    assert_eq!(*partner, Area::known("CHN"));
    assert_eq!((total.amount, total.currency), (254e9, Currency::Eur));
}
