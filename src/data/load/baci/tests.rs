//! The fast reader against the general CSV reader: fixtures and generated
//! files with every quirk, under plans that put part and block boundaries
//! everywhere, strict and lenient.

use super::*;

/// What a load gave, as text: figures to the cent (sums over values of more
/// than three decimals may add in another order), everything else exactly.
fn outcome(result: Result<FileLoad, LoadError>) -> String {
    match result {
        Err(error) => format!("error: {error}"),
        Ok(load) => {
            let mut text = format!(
                "rows {}\nskipped {:?}\nunused {:?}\nremarks {:?}\n",
                load.rows, load.skipped, load.unused, load.remarks
            );
            for o in &load.observations {
                let (value, row) = (o.value, o.row);
                text += &format!(
                    "{} {}-{} {} {value:.2} line {}\n",
                    o.measure, o.reporter, o.partner, o.period, row.0
                );
            }
            for p in &load.products {
                let quantities = p.quantities.as_ref().map(|q| &q.amounts);
                text += &format!(
                    "{}-{} {:?} {:?} {:?}\n",
                    p.reporter, p.partner, p.codes, p.values, quantities
                );
            }
            text
        }
    }
}

/// The whole file read by the general CSV reader.
fn general(bytes: &[u8], lenient: bool) -> String {
    let mut load = FileLoad::default();
    let mut sums = Sums::default();
    let result = Table::open("b.csv", bytes)
        .and_then(|table| read_table(table, &mut sums, lenient, &mut load))
        .map(|()| {
            finish("b.csv", sums, &mut Texts::default(), &mut load);
            load
        });
    outcome(result)
}

fn plans() -> Vec<Plan> {
    let mut plans = vec![Plan::for_machine()];
    for parts in [1, 2, 3] {
        for block in [16, 40, 200] {
            plans.push(Plan {
                parts,
                min_part: 1,
                block,
                room: 0,
            });
        }
    }
    plans
}

/// Every plan of the fast reader reads `bytes` as the general reader does.
fn check(name: &str, bytes: &[u8]) {
    for lenient in [false, true] {
        let expected = general(bytes, lenient);
        for plan in plans() {
            let mut texts = Texts::default();
            let read = AtomicU64::default();
            let result = parse_reader_with("b.csv", bytes, &read, &mut texts, lenient, plan);
            // A file read to its end, by the fast reader or the general one
            // after it, is counted for the gauge, each byte once.
            if result.is_ok() {
                assert_eq!(read.into_inner(), bytes.len() as u64, "{name}: {plan:?}");
            }
            let found = outcome(result);
            assert_eq!(found, expected, "{name}, lenient {lenient}, {plan:?}");
            // And mapped, a window at a time.
            let Some(mapped) = Mapped::new(&crate::data::load::mapped::temp_file("b", bytes))
            else {
                assert!(bytes.is_empty(), "{name}: a file of bytes is mapped");
                continue;
            };
            let mut texts = Texts::default();
            let read = AtomicU64::default();
            let result = parse_mapped_with("b.csv", &mapped, &read, &mut texts, lenient, plan);
            if result.is_ok() {
                assert_eq!(read.into_inner(), bytes.len() as u64, "{name}: {plan:?}");
            }
            let found = outcome(result);
            assert_eq!(
                found, expected,
                "{name} mapped, lenient {lenient}, {plan:?}"
            );
        }
    }
}

#[test]
fn the_fixture_reads_the_same_either_way() {
    let fixture = include_bytes!("../../../../tests/fixtures/import/BACI_HS92_Y2022_V202401.csv");
    check("fixture", fixture);
    let crlf = String::from_utf8_lossy(fixture).replace('\n', "\r\n");
    check("fixture, CRLF", crlf.as_bytes());
}

#[test]
fn odd_files_read_the_same_either_way() {
    let cases: [&[u8]; 14] = [
        b"t,i,j,k,v,q\n",
        b"t,i,j,k,v,q\n\n\r\n",
        b"t,i,j,k,v,q\n2022,156,643,010121,1.5,NA",
        b"t,i,j,k,v\n2022,156,643,010121,1.5\n2022,156,643,010122,2.5,\n",
        b"t,i,j,k,v,q\n2022,156,643,010121,1.5,NA,\n2022,156,643,0101,1,NA,x\n",
        b"t,i,j,k,v,q\n2022,156,643\n2022,156,643,010121,1.5,NA\n",
        b"t,i,j,k,v,q\n2022,156,643,010121,\"1.5\",NA\n2022,156,643,010121,x,NA\n",
        b"t,i,j,k,v,q\n2022,156,643,010121,1.5,NA\r2022,156,643,010121,2.5,NA\r",
        b"t,i,j,k,v,q\n2022,156,643,010121,1.5,N\xc9\n2022,156,643,01,1,NA\n",
        b"t,i,j,k,v,q\n2022,490,643,010121,1.5,NA\n2022,156,490,010121,1.5,NA\n",
        b"t,i,j,k,v,q\n2022,156,156,010121,1.5,NA\n2022,999,643,010121,1.5,NA\n",
        b"t,i,j,k,v,q\n2022, 156,643, 010121 ,  1.5 ,NA\n 2022 ,156,643,010121,1.,NA\n",
        b"\xef\xbb\xbft,i,j,k,v,q\r\n2022,156,643,010121,-1,NA\r\n2022,156,643,010121,1e3,NA\r\n",
        b"T,I,J,K,V,Q\n2022,156,643,010121,1.5,NA\n",
    ];
    for (case, bytes) in cases.iter().enumerate() {
        check(&format!("case {case}"), bytes);
    }
}

/// A file of runs of rows of one pair, each row drawn from good and bad
/// pieces, with line ends of both kinds and blank lines; `quote` puts a
/// quoted field near the end, so the general reader takes over there.
fn generated(seed: u64, rows: usize, quote: bool) -> Vec<u8> {
    let mut state = seed;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    let years = ["2022", "2022", "2021", "20x2"];
    let areas = ["156", "643", "398", "4", "490", "999", " 156"];
    let products = ["010121", "8542", "270900", "12"];
    let values = [
        "1.5",
        "26892.291",
        "0.125",
        "   500.5",
        "1.2345",
        "-3",
        "abc",
        "",
    ];
    let mut out = b"t,i,j,k,v,q\n".to_vec();
    let (mut year, mut from, mut to) = ("2022", "156", "643");
    for row in 0..rows {
        if next(8) == 0 {
            (year, from, to) = (years[next(4)], areas[next(7)], areas[next(7)]);
        }
        let value = if next(6) == 0 {
            values[next(8)]
        } else {
            values[next(3)]
        };
        let product = if next(10) == 0 {
            products[3]
        } else {
            products[next(3)]
        };
        let mut line = format!("{year},{from},{to},{product},{value},NA");
        match next(30) {
            0 => line.push(','),
            1 => line.truncate(line.len() - 3),
            2 => line.clear(),
            _ => {}
        }
        if quote && row == rows - 3 {
            line = format!("\"{year}\",{from},{to},{product},{value},NA");
        }
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(if next(5) == 0 { b"\r\n" } else { b"\n" });
    }
    out
}

#[test]
fn generated_files_read_the_same_either_way() {
    for seed in 0..200 {
        check(&format!("seed {seed}"), &generated(seed, 60, seed % 3 == 0));
    }
}

#[test]
fn a_clean_file_is_summed_exactly_in_parallel() {
    // Only good rows: the fast reader reads it all, in parts of every size.
    let mut bytes = b"t,i,j,k,v,q\n".to_vec();
    for row in 0..3000 {
        let (from, to) = [("156", "643"), ("643", "156"), ("156", "398")][row / 1000];
        bytes.extend_from_slice(
            // One product a row: a pair's product listed twice is refused.
            format!(
                "2022,{from},{to},{},{}.{:03},NA\n",
                100_000 + row % 1000,
                row,
                row % 1000
            )
            .as_bytes(),
        );
    }
    check("clean", &bytes);
    let mut texts = Texts::default();
    let load = parse_reader_with(
        "b.csv",
        bytes.as_slice(),
        &AtomicU64::default(),
        &mut texts,
        false,
        plans()[4],
    )
    .unwrap();
    // Sum of row + (row % 1000)/1000 thousand for rows 0..1000: 499,500 +
    // 499.5 thousand, as whole dollars.
    let value = load.observations[0].value;
    assert_eq!(value, 499_999_500.0);
    assert_eq!(load.rows, 3000);
}

#[test]
fn values_of_many_decimals_are_summed_exactly_under_every_plan() {
    // In floating point the order of the additions shows in the last
    // digits; summed exactly, every plan gives the double nearest the sum.
    let mut text = String::from("t,i,j,k,v,q\n2022,156,643,010101,100000000.0001,1\n");
    for product in 2..40 {
        text.push_str(&format!("2022,156,643,0101{product:02},0.3333,1\n"));
    }
    // 100,000,000.0001 + 38 × 0.3333 = 100,000,012.6655 thousand.
    let exact: f64 = "100000012665.5".parse().unwrap();
    for plan in plans() {
        let load = parse_reader_with(
            "b.csv",
            text.as_bytes(),
            &AtomicU64::default(),
            &mut Texts::default(),
            false,
            plan,
        )
        .unwrap();
        let values: Vec<f64> = load.observations.iter().map(|o| o.value).collect();
        // Exports and imports, and the two world totals of the one pair.
        assert_eq!(values, [exact; 4], "{plan:?}");
    }
}
