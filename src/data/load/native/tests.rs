//! The fast loader against the reference loader: every fixture, odd file and
//! generated file, under plans that put part and block boundaries everywhere.

use super::*;
use crate::data::load::error::RowList;
use crate::data::model::Observation;
use crate::data::synthetic;

type Outcome = Result<(Vec<Observation>, RowList, u64), LoadError>;

/// The outcome and every text each observation points to, so that both the
/// ids and what they mean are compared.
fn outcome(result: Result<FileLoad, LoadError>, texts: &Texts) -> (Outcome, Vec<String>) {
    let mut strings = vec![format!("{} texts", texts.len())];
    let result = result.map(|load| {
        for o in &load.observations {
            strings.push(format!("{}|{}", texts.get(o.source), texts.get(o.note)));
        }
        strings.push(format!("currency stated on {:?}", load.stated_currency));
        (load.observations, load.skipped, load.rows)
    });
    (result, strings)
}

/// Texts already holding something, as when a second file is loaded.
fn fresh_texts() -> Texts {
    let mut texts = Texts::default();
    texts.intern("src");
    texts.intern("earlier file");
    texts
}

fn reference(bytes: &[u8], lenient: bool) -> (Outcome, Vec<String>) {
    let mut texts = fresh_texts();
    let result = reference::parse("t.csv", bytes, &mut texts, lenient);
    outcome(result, &texts)
}

fn plans() -> Vec<Plan> {
    let mut plans = Vec::new();
    for parts in [1, 2, 3, 5] {
        for block in [1, 7, 64, 1 << 20] {
            // A block of one byte holds no room for parts to split: more
            // than two would only spawn threads (a debug build's slowest).
            if block == 1 && parts > 2 {
                continue;
            }
            for room in [0, 5, 64 * 1024] {
                plans.push(Plan {
                    parts,
                    min_part: 1,
                    block,
                    room,
                });
            }
        }
    }
    plans
}

/// Every way of loading `bytes` gives what the reference loader gives.
fn check(name: &str, bytes: &[u8]) {
    check_with(name, bytes, &plans());
}

fn check_with(name: &str, bytes: &[u8], plans: &[Plan]) {
    for lenient in [false, true] {
        let expected = reference(bytes, lenient);
        for &plan in plans {
            let mut texts = fresh_texts();
            let result = parse_with("t.csv", bytes, &mut texts, lenient, plan);
            assert_eq!(
                outcome(result, &texts),
                expected,
                "{name}: in memory, lenient {lenient}, {plan:?}"
            );
            let mut texts = fresh_texts();
            let read = AtomicU64::default();
            let result = parse_reader_with("t.csv", bytes, &read, &mut texts, lenient, plan);
            // A file read to its end is counted for the gauge, each byte once.
            if result.is_ok() {
                assert_eq!(read.into_inner(), bytes.len() as u64, "{name}: {plan:?}");
            }
            assert_eq!(
                outcome(result, &texts),
                expected,
                "{name}: streamed, lenient {lenient}, {plan:?}"
            );
            let mut texts = fresh_texts();
            let read = AtomicU64::default();
            let released = std::cell::Cell::new(0);
            let release = |upto| {
                assert!(released.replace(upto) <= upto, "{name}: let go again");
            };
            let result =
                parse_windows_with("t.csv", bytes, &release, &read, &mut texts, lenient, plan);
            if result.is_ok() {
                assert_eq!(read.into_inner(), bytes.len() as u64, "{name}: {plan:?}");
            }
            assert_eq!(
                outcome(result, &texts),
                expected,
                "{name}: in windows, lenient {lenient}, {plan:?}"
            );
        }
    }
}

const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note";

const GOOD: [&str; 8] = [
    "trade,CHN,RUS,2019,110.75,USD_BN,\"GACC, as reported by Xinhua\",",
    "exports,CHN,RUS,2019-01,4.5,USD_BN,src,\"a note, with a comma\"",
    "imports,CHN,RUS,2019-01,5.25,USD_BN,src,\"a note \"\"quoted\"\"\"",
    "trade_yoy,CHN,RUS,2019,3.4,PCT,\"quoted \"\"twice\"\", here\",in yuan terms",
    "trade_share,EAEU,CHN,2020-01/2020-04,29.3,PCT,\"Commission, with a comma\",",
    "odi_nonfin,CHN,BRI,2018,15.64,USD_BN,earlier file,",
    "exports,KAZ,CHN,2019-Q3, 12 ,usd_mn, src , ",
    "trade,CHN,RUS,2019,111,USD_BN,stray\"quote,note",
];

const BAD: [&str; 8] = [
    "trade,CHN,RUS,2019,1\u{a0}000,USD_BN,src,",
    "trade,CHN,RUS,2019,1.5,GBP,src,",
    "trade,CHN,RUS,2019,1.5,USD_BN,src",
    "trade,CHN,RUS,2019-13,1.5,USD_BN,src,",
    "trade,XX,RUS,2019,1.5,USD_BN,src,",
    "trades,CHN,RUS,2019,1.5,USD_BN,\"a source\nthat fails\",",
    "trade,CHN,RUS,2019,1.5,PCT,src,",
    "trade,CHN,RUS,2019,1.5,USD_BN,\"multi\nline\",\"note\",extra",
];

/// Rows no loader may take: quoted fields over several lines, a typo for an
/// area, a country's trade with itself, a share over 100 %, negative exports,
/// a value beyond any real figure; and a group's mutual trade, which is fine.
const IMPLAUSIBLE: [&str; 8] = [
    // A quote left open takes in the lines after it: the row and those lines
    // are skipped, each with its reason.
    "imports,CHN,RUS,2019-01,5.25,USD_BN,src,\"a note\nover two lines\"",
    "trade_share,EAEU,CHN,2020-01/2020-04,29.3,PCT,\"Commission\n\n, with blank lines inside\",",
    "trade,RUQ,CHN,2019,1.5,USD_BN,src,",
    "trade,CHN,CHN,2019,1.5,USD_BN,src,",
    "trade_share,EAEU,CHN,2019,120,PCT,src,",
    "exports,CHN,RUS,2019,-1.5,USD_BN,src,",
    "imports,CHN,RUS,2019,20000000,CNY_TN,src,",
    "trade,EAEU,EAEU,2019,1.5,USD_BN,src,",
];

fn file(rows: &[&str], end: &str, bom: bool) -> Vec<u8> {
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    text.push_str(HEADER);
    text.push_str(end);
    for row in rows {
        text.push_str(&row.replace('\n', end));
        text.push_str(end);
    }
    text.into_bytes()
}

#[test]
fn fixtures_load_exactly_as_the_reference_loader_loads_them() {
    let mut rows: Vec<&str> = Vec::new();
    for (i, good) in GOOD.iter().enumerate() {
        rows.push(good);
        rows.push(BAD[i]);
        rows.push(GOOD[(i + 3) % GOOD.len()]);
    }
    for implausible in IMPLAUSIBLE {
        rows.push(implausible);
        rows.push(GOOD[0]);
    }
    let good_only: Vec<&str> = GOOD.to_vec();
    // Blocks of one byte or a few, which split every CR LF, BOM and quote,
    // are read on the mixed file with CR LF and a BOM; each of the other
    // variants with the larger blocks only. Every plan on every variant took
    // 60-100 s in a debug build for no boundary the first does not cross.
    let all_plans = plans();
    let large_blocks: Vec<Plan> = all_plans
        .iter()
        .copied()
        .filter(|p| p.block >= 64)
        .collect();
    for (name, rows) in [("mixed", &rows), ("good", &good_only)] {
        for end in ["\n", "\r\n"] {
            for bom in [false, true] {
                let plans = if name == "mixed" && end == "\r\n" && bom {
                    &all_plans
                } else {
                    &large_blocks
                };
                let bytes = file(rows, end, bom);
                check_with(&format!("{name} {end:?} bom {bom}"), &bytes, plans);
                // No final line end.
                check_with(
                    &format!("{name} {end:?} bom {bom} unterminated"),
                    bytes.strip_suffix(end.as_bytes()).unwrap(),
                    plans,
                );
            }
        }
    }
}

#[test]
fn more_bad_rows_than_are_listed_keep_the_first_in_file_order() {
    let mut text = format!("{HEADER}\n");
    for i in 0..2400 {
        text.push_str(if i % 3 == 0 { GOOD[0] } else { BAD[1] });
        text.push('\n');
    }
    // Blocks of a byte or a few make a file this long slow to read.
    let plans: Vec<Plan> = plans().into_iter().filter(|p| p.block >= 64).collect();
    check_with("many bad rows", text.as_bytes(), &plans);
    let mut texts = fresh_texts();
    let load = parse("t.csv", text.as_bytes(), &mut texts, true).unwrap();
    assert_eq!(load.skipped.count, 1600);
    assert_eq!(load.skipped.listed.len(), RowList::LISTED);
}

#[test]
fn odd_files_fail_or_load_as_the_reference_says() {
    let blank_lines = format!(
        "{HEADER}\n\n{}\n\n\n{}\r\n\r\n{}\n",
        GOOD[0], BAD[1], GOOD[1]
    );
    let invalid_utf8 = {
        let mut bytes = format!("{HEADER}\n{}\n", GOOD[0]).into_bytes();
        bytes.extend_from_slice(b"trade,CHN,RUS,2019,1,USD_BN,bad \xff byte,\n");
        bytes.extend_from_slice(format!("{}\n", GOOD[1]).as_bytes());
        bytes
    };
    // Bad bytes next to the quotes and commas of records read in place.
    let invalid_utf8_quoted = {
        let mut bytes = format!("{HEADER}\n{}\n", GOOD[0]).into_bytes();
        bytes.extend_from_slice(
            b"trade,CHN,RUS,2019,1,USD_BN,\"caf\xc3\",\"Soci\xc3\xa9t\xc3\xa9\"\n",
        );
        bytes
            .extend_from_slice(b"trade,CHN,RUS,2020,1,USD_BN,\"Soci\xc3\xa9t\xc3\xa9\",\xe2\x82\n");
        bytes.extend_from_slice(b"trade,CHN,RUS,2021,1,USD_BN,\"\xc3\xa9\",\"\xe2\x82\xac\"\n");
        bytes.extend_from_slice(format!("{}\n", GOOD[1]).as_bytes());
        bytes
    };
    // Every field not in its usual form, so read through `meaning`: bad
    // bytes in each field in turn, and blank space around values.
    let unusual_fields = {
        let mut bytes = format!("{HEADER}\n").into_bytes();
        for row in [
            &b"tr\xffade,CHN,RUS,2019,1,USD_BN,src,"[..],
            b"trade,C\xffN,RUS,2019,1,USD_BN,src,",
            b"trade,CHN,\xc3,2019,1,USD_BN,src,",
            b"trade,CHN,RUS,20\xff19,1,USD_BN,src,",
            b"trade,CHN,RUS,2019,1\xff,USD_BN,src,",
            b"trade,CHN,RUS,2019,1,USD\xff_BN,src,",
            b" trade ,\tchn , RUS,2019 , 1.5 ,usd_bn , src , note ",
            b"trade,\xc2\xa0CHN\xc2\xa0,RUS,2019,\xc2\xa01.5,USD_BN,src,",
            b"trade_yoy,CHN,RUS,2019,3.4,PCT,src,in yuan terms",
            b"trade,CHN,RUS,2020,1,USD_BN,src,in yuan terms",
            b"trade_yoy,CHN,RUS,2020,3.4,PCT,src,in yuan terms",
            b"trade,CHN,RUS,2021,12345678901234567890.5,USD_BN,src,",
        ] {
            bytes.extend_from_slice(row);
            bytes.push(b'\n');
        }
        bytes
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
            ("unusual fields", unusual_fields),
            ("empty", b"".to_vec()),
            ("invalid utf-8 by quotes", invalid_utf8_quoted),
            ("blank", b" \n\r\n\t".to_vec()),
            ("bom only", b"\xEF\xBB\xBF \n".to_vec()),
            ("header only", format!("{HEADER}\n").into_bytes()),
            ("no unit column", b"indicator,reporter,partner,period,value\ntrade,CHN,RUS,2019,1\n".to_vec()),
            ("twice", format!("{HEADER},unit\n").into_bytes()),
            ("double bom", format!("\u{feff}\u{feff}{HEADER}\n{}\n", GOOD[0]).into_bytes()),
            ("bom on a row", format!("{HEADER}\n{}\n\u{feff}{}\n", GOOD[0], GOOD[1]).into_bytes()),
            ("blank lines", blank_lines.into_bytes()),
            ("invalid utf-8", invalid_utf8),
            ("unclosed quote", format!("{HEADER}\n{}\ntrade,CHN,RUS,2019,1,USD_BN,\"never closed,\n{}\n", GOOD[0], GOOD[1]).into_bytes()),
            ("columns reordered", b"Unit,VALUE,period,partner,reporter,indicator,extra\nUSD_BN,1.5,2019,RUS,CHN,trade,x\n".to_vec()),
            ("text after a closing quote", format!("{HEADER}\n{}\ntrade,CHN,RUS,2019,1,USD_BN,\"src\"x,\n{}\n", GOOD[0], GOOD[1]).into_bytes()),
            ("quotes mid-field", format!("{HEADER}\ntrade,CHN,RUS,2019,1,USD_BN,a\"b\"c,n\"\n{}\n", GOOD[1]).into_bytes()),
            ("empty quoted fields", format!("{HEADER}\n\"trade\",CHN,RUS,2019,1,USD_BN,\"\",\"\"\n\"\"\n,,,,,,,\n{}", GOOD[1]).into_bytes()),
            ("quoted last field at the end", format!("{HEADER}\n{}\ntrade,CHN,RUS,2019,1,USD_BN,src,\"end\"", GOOD[0]).into_bytes()),
            ("lone carriage returns", format!("{HEADER}\r{}\r{}\r", GOOD[0], GOOD[1]).into_bytes()),
            ("currency column", format!("{HEADER},currency\n{},\ntrade_yoy,CHN,RUS,2019,1.5,PCT,src,,CNY\ntrade_yoy,CHN,RUS,2020,2,PCT,src,,EUR\n{},USD\ntrade_yoy,CHN,RUS,2021,2,PCT,src,in yuan terms,\n", GOOD[0], GOOD[1]).into_bytes()),
        ];
    // A quoted field holding most of the file's lines, so that the guessed
    // chunk boundaries fall inside it and the loader must read on.
    let long_note = format!(
        "{HEADER}\n{}\ntrade,CHN,RUS,2020,1,USD_BN,src,\"{}\"\n{}\n{}\n",
        GOOD[0],
        "a line, of a long note\n".repeat(60),
        BAD[2],
        GOOD[1]
    );
    let cases: Vec<(&str, Vec<u8>)> = cases
        .into_iter()
        .chain([("long quoted note", long_note.into_bytes())])
        .collect();
    for (name, bytes) in cases {
        check(name, &bytes);
    }
}

#[test]
fn a_generated_file_loads_exactly_as_the_reference_loader_loads_it() {
    let bytes = synthetic::csv_bytes(50_000, 9);
    let mut text = String::from_utf8(bytes).unwrap();
    // Some bad rows and a multi-line quoted note, spread through the file.
    for (i, at) in [1_000_000, 2_000_000, 3_000_000].into_iter().enumerate() {
        let at = text[at..].find('\n').unwrap() + at + 1;
        let insert = [
            "trade,CHN,RUS,2019,oops,USD_BN,src,\n",
            "imports,CHN,RUS,2019-02,4,USD_BN,src,\"a long\nnote\"\n",
            "trade,CHN,RUS,2019,1,USD_BN\n",
        ][i];
        text.insert_str(at, insert);
    }
    let bytes = text.into_bytes();
    for lenient in [false, true] {
        let expected = reference(&bytes, lenient);
        for plan in [
            Plan::for_machine(),
            Plan {
                parts: 4,
                min_part: 1,
                block: 100_000,
                room: 16,
            },
            Plan {
                parts: 7,
                min_part: 1,
                block: 4096,
                room: 1024,
            },
        ] {
            let mut texts = fresh_texts();
            let result = parse_with("t.csv", &bytes, &mut texts, lenient, plan);
            assert!(
                outcome(result, &texts) == expected,
                "in memory, {lenient}, {plan:?}"
            );
            let mut texts = fresh_texts();
            let result = parse_reader_with(
                "t.csv",
                &bytes[..],
                &AtomicU64::default(),
                &mut texts,
                lenient,
                plan,
            );
            assert!(
                outcome(result, &texts) == expected,
                "streamed, {lenient}, {plan:?}"
            );
        }
    }
    let (Err(first), _) = reference(&bytes, false) else {
        panic!("the file has bad rows");
    };
    assert_eq!(first.field.as_deref(), Some("value"));
}
