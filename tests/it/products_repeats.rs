//! Lists of products never added to lists of the same goods: a second
//! file's list of the same flow and year (an overlapping download, a BACI
//! year in two revisions) repeats the first, and a list in another
//! classification (SITC beside the HS) names other goods with the same
//! codes. Added, the first counts each product twice; the second puts
//! SITC's petroleum (division 33) into the HS's essential oils (chapter 33).

use std::path::Path;

use crate::common::parquet::TempDir;
use crate::common::run;
use crate::products_data::products;

const COMTRADE: &str = "tests/fixtures/import/comtrade_ag2_products.csv";
const HS_AND_SITC: &str = "tests/fixtures/products/comtrade_hs_and_sitc_one_year.csv";
const BACI_2021: &str = "tests/fixtures/products/BACI_HS17_Y2021_V202401b.csv";

/// Copies of `fixture` in a temporary directory under `names`.
fn copies(dir: &TempDir, fixture: &str, names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|name| {
            std::fs::copy(fixture, dir.join(name)).expect("the fixture copies");
            dir.path_of(name)
        })
        .collect()
}

/// The table's records (header and notes left out) and its notes.
fn split(lines: &[String]) -> (Vec<&str>, Vec<&str>) {
    let body = lines.iter().skip(1).map(String::as_str);
    body.partition(|line| !line.starts_with('#'))
}

#[test]
fn a_second_download_of_the_same_products_is_not_added_to_the_first() {
    let dir = TempDir::new("repeats-comtrade");
    let files = copies(&dir, COMTRADE, &["2020-2022.csv", "2022-2024.csv"]);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let one = products(&files[..1], "CHN-RUS", &[]);
    let both = products(&files, "CHN-RUS", &[]);
    // By hand from the fixture: chapters 27 (600,000) and 84 (400,000) of a
    // total of 1,000,000, once (1,200,000 and 120% when added).
    let (rows, notes) = split(&both);
    assert_eq!(rows, split(&one).0, "{both:#?}");
    assert!(rows[0].contains(",27,") && rows[0].contains(",600000,USD,60.00,"));
    assert!(rows[1].contains(",84,") && rows[1].contains(",400000,USD,40.00,"));
    let second = Path::new(files[1]).display().to_string();
    assert_eq!(
        notes,
        [format!(
            "# not added: the list at {second}:3 (HS 2022 (H6)) repeats these products, and the first file's is shown"
        )],
    );
    assert!(split(&one).1.is_empty(), "{one:#?}");
}

#[test]
fn a_sitc_list_beside_an_hs_list_of_the_same_year_is_not_added_to_it() {
    let lines = products(&[HS_AND_SITC], "KAZ-CHN", &[]);
    let (rows, notes) = split(&lines);
    // The HS list, the file's first: chapter 33 is 200,000 of essential
    // oils, never with SITC division 33's 6,000,000 of petroleum; SITC's
    // divisions 28 and 68 are not HS chapters.
    let codes_and_values: Vec<(&str, &str)> = rows
        .iter()
        .map(|row| {
            let fields: Vec<&str> = row.split(',').collect();
            (fields[5], fields[7])
        })
        .collect();
    assert_eq!(
        codes_and_values,
        [
            ("27", "5000000"),
            ("71", "800000"),
            ("33", "200000"),
            ("", "4000000"),
            ("TOTAL", "10000000"),
        ],
        "{lines:#?}"
    );
    assert!(rows.iter().all(|row| row.contains(",HS 2022 (H6),")));
    assert_eq!(
        notes,
        ["# also listed in SITC Rev. 4: other goods under the same codes, not added"]
    );
}

#[test]
fn a_baci_year_in_two_revisions_is_counted_once_in_products_and_partners() {
    let dir = TempDir::new("repeats-baci");
    let names = [
        "BACI_HS17_Y2021_V202401b.csv",
        "BACI_HS92_Y2021_V202401b.csv",
    ];
    let files = copies(&dir, BACI_2021, &names);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let one = products(&files[..1], "RUS-CHN", &[]);
    let both = products(&files, "RUS-CHN", &[]);
    let (rows, notes) = split(&both);
    // The first file's rows, its total named: chapter 27 is 50,000,000 once.
    assert_eq!(rows, split(&one).0, "{both:#?}");
    assert!(rows[0].contains(",27,Mineral fuels; mineral oils,50000000,USD,97.09,"));
    let second = Path::new(files[1]).display().to_string();
    assert!(
        notes.contains(&format!(
            "# not added: the list at {second}:2 (HS 1992 (H0)) repeats these products, and the first file's is shown"
        ).as_str()),
        "{notes:#?}"
    );
    // Russia's partners for crude oil: China's 50,000 thousand dollars once.
    let partners = |files: &[&str]| {
        let mut args: Vec<&str> = files.iter().flat_map(|file| ["--data", *file]).collect();
        args.extend([
            "--print",
            "partners",
            "--reporter",
            "RUS",
            "--product",
            "270900",
        ]);
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    let ranked = partners(&files);
    assert!(
        ranked.contains("RUS,CHN,exports,2021,270900,50000000,100.00"),
        "{ranked}"
    );
    // The first file's ranking, and a note of the list not added.
    let note = "# 1 list not added: each repeats a partner's list read (another file's, or another revision's of the year)";
    assert_eq!(ranked, format!("{}{note}\n", partners(&files[..1])));
}
