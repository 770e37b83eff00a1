//! The fast readings of BACI's fields against the simple ones.

use super::{
    Field, RowAt, Sums, nanodollars, product_number, slow_tonnes, tonnes, whole_dollars,
    whole_dollars_of,
};
use crate::data::load::error::LoadError;
use crate::data::load::parse_decimal;
use crate::data::synthetic::SplitMix64;

/// [`whole_dollars`] as it was written before its digit runs: one loop
/// testing every byte, the reference its fast path is checked against.
fn simple_whole_dollars(thousands: &[u8]) -> Option<u64> {
    let (mut dollars, mut digits, mut point) = (0u64, 0, None);
    for &byte in thousands {
        match byte {
            b'0'..=b'9' if digits < 15 => {
                dollars = dollars * 10 + u64::from(byte - b'0');
                digits += 1;
            }
            b'.' if point.is_none() => point = Some(digits),
            _ => return None,
        }
    }
    let whole = point.unwrap_or(digits);
    let decimals = digits - whole;
    if whole == 0 || whole > 12 || decimals > 3 || (point.is_some() && decimals == 0) {
        return None;
    }
    Some(dollars * 10u64.pow(3 - decimals as u32))
}

/// [`tonnes`] by its definition: a plain decimal of up to fifteen
/// digits, six of them decimals, is `str::parse`'s double; else the
/// slow reading.
fn simple_tonnes(written: &[u8]) -> f64 {
    let text = std::str::from_utf8(written).unwrap();
    let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !whole.is_empty()
        && digits(whole)
        && digits(decimals)
        && decimals.len() <= 6
        && whole.len() + decimals.len() <= 15
    {
        return text.trim_end_matches('.').parse().unwrap();
    }
    slow_tonnes(written)
}

/// Short texts of digits, points and a few other bytes, and decimals
/// of every length around the fast paths' bounds.
fn generated(rng: &mut SplitMix64) -> Vec<u8> {
    const BYTES: &[u8] = b"0123456789012345678901234567890123456789..-+eNA ,x";
    if rng.below(2) == 0 {
        let length = rng.below(20) as usize;
        (0..length)
            .map(|_| BYTES[rng.below(BYTES.len() as u64) as usize])
            .collect()
    } else {
        let whole: String = (0..rng.below(17))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        let decimals: String = (0..rng.below(9))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        match rng.below(3) {
            0 => whole.into_bytes(),
            _ => format!("{whole}.{decimals}").into_bytes(),
        }
    }
}

#[test]
fn fast_readings_are_the_simple_readings_of_generated_texts() {
    let mut rng = SplitMix64::new(22);
    for _ in 0..300_000 {
        let text = generated(&mut rng);
        let shown = String::from_utf8_lossy(&text);
        assert_eq!(whole_dollars(&text), simple_whole_dollars(&text), "{shown}");
        let simple_product = ((5..=6).contains(&text.len()) && text.iter().all(u8::is_ascii_digit))
            .then(|| {
                text.iter()
                    .fold(0u32, |number, digit| number * 10 + u32::from(digit - b'0'))
            });
        assert_eq!(product_number(&text), simple_product, "{shown}");
        let (fast, simple) = (tonnes(&text), simple_tonnes(&text));
        assert!(
            fast.to_bits() == simple.to_bits() || (fast.is_nan() && simple.is_nan()),
            "{shown}: {fast} against {simple}"
        );
    }
}

#[test]
fn values_of_up_to_three_decimals_are_whole_dollars() {
    assert_eq!(whole_dollars(b"26892.291"), Some(26_892_291));
    assert_eq!(whole_dollars(b"500.5"), Some(500_500));
    assert_eq!(whole_dollars(b"0.125"), Some(125));
    assert_eq!(whole_dollars(b"90000"), Some(90_000_000));
    assert_eq!(
        whole_dollars(b"999999999999.999"),
        Some(999_999_999_999_999)
    );
    assert_eq!(whole_dollars(b"1.2345"), None);
    assert_eq!(whole_dollars(b"1e3"), None);
    assert_eq!(whole_dollars(b".5"), None);
    assert_eq!(whole_dollars(b"5."), None);
    assert_eq!(whole_dollars(b"1.2.3"), None);
    assert_eq!(whole_dollars(b"-5"), None);
}

#[test]
fn quantities_are_tonnes_as_written_or_none() {
    assert_eq!(tonnes(b"8255.764"), 8255.764);
    assert_eq!(tonnes(b"1200000"), 1_200_000.0);
    assert_eq!(tonnes(b"0.5"), 0.5);
    assert_eq!(tonnes(b"   12.300"), 12.3, "padded, read by the slow path");
    assert_eq!(tonnes(b"123456789012.345"), 123_456_789_012.345);
    assert!(tonnes(b"NA").is_nan());
    assert!(tonnes(b"").is_nan());
    assert!(tonnes(b"-1").is_nan(), "no negative quantity");
    assert!(tonnes(b"1.2.3").is_nan());
    let mut rng = SplitMix64::new(11);
    for _ in 0..10_000 {
        let milli = rng.below(1 << 50);
        let text = format!("{}.{:03}", milli / 1000, milli % 1000);
        assert_eq!(
            tonnes(text.as_bytes()),
            text.parse::<f64>().unwrap(),
            "{text}"
        );
    }
}

#[test]
fn values_of_four_to_twelve_decimals_are_billionths_of_a_dollar() {
    assert_eq!(nanodollars(b"0.1234"), Some(123_400_000_000));
    assert_eq!(nanodollars(b"1.000000000001"), Some(1_000_000_000_001));
    assert_eq!(nanodollars(b"1.5"), None);
    assert_eq!(nanodollars(b"1.0000000000001"), None);
    assert_eq!(nanodollars(b".1234"), None);
    assert_eq!(nanodollars(b"1e-4"), None);
}

#[test]
fn three_decimal_values_held_as_numbers_are_their_whole_dollars() {
    let dollars = |text: &str| whole_dollars_of(parse_decimal(text).unwrap());
    assert_eq!(dollars("26892.291"), Some(26_892_291));
    assert_eq!(dollars("0.1250000"), Some(125));
    assert_eq!(dollars("999999999999.999"), Some(999_999_999_999_999));
    assert_eq!(dollars("1.2345"), None);
    assert_eq!(dollars("0.0005"), None);
    assert_eq!(dollars("-1"), None);
    let mut rng = SplitMix64::new(7);
    for _ in 0..100_000 {
        let whole = rng.below(1 << 50);
        let text = format!("{}.{:03}", whole / 1000, whole % 1000);
        assert_eq!(dollars(&text), Some(whole), "{text}");
        if whole < 1_000_000_000_000_000 {
            assert_eq!(whole_dollars(text.as_bytes()), Some(whole), "{text}");
        }
    }
}

#[test]
fn whole_dollars_are_the_decimal_reading_of_the_same_text() {
    for text in ["0", "007", "1.5", "12.25", "999999999999.999", "0.001"] {
        let dollars = whole_dollars(text.as_bytes()).expect(text) as f64;
        let thousands = parse_decimal(text).expect(text);
        assert!((dollars - thousands * 1_000.0).abs() < 1e-3, "{text}");
    }
}

/// Rows of three pairs in runs of every length, some pairs met again
/// later: each row's exporter, importer, product and the row's number.
fn pair_rows(rng: &mut SplitMix64, rows: u32) -> Vec<(&'static str, &'static str, u32)> {
    const PAIRS: [(&str, &str); 3] = [("156", "643"), ("643", "156"), ("156", "398")];
    let mut out = Vec::new();
    while out.len() < rows as usize {
        let (from, to) = PAIRS[rng.below(3) as usize];
        for _ in 0..rng.below(40) {
            out.push((from, to, 100_000 + out.len() as u32));
        }
    }
    out.truncate(rows as usize);
    out
}

/// Adds rows to sums; a row's line is its number plus `first`.
fn add_rows(sums: &mut Sums, rows: &[(&str, &str, u32)], first: u64) {
    for (number, &(from, to, code)) in rows.iter().enumerate() {
        let line = first + number as u64;
        let error = |field: Field, problem| LoadError::at_field("b", line, field.name(), problem);
        let at = RowAt {
            line,
            error: &error,
        };
        let (code, value) = (code.to_string(), format!("{code}.5"));
        let fields = [
            &b"2022"[..],
            from.as_bytes(),
            to.as_bytes(),
            code.as_bytes(),
            value.as_bytes(),
            code.as_bytes(),
        ];
        sums.add(&at, fields).unwrap();
    }
}

#[test]
fn a_pairs_lists_are_its_rows_in_order_however_they_come_and_are_split() {
    let mut rng = SplitMix64::new(19);
    for _ in 0..200 {
        let length = 1 + rng.below(300) as u32;
        let rows = pair_rows(&mut rng, length);
        let cut = rng.below(rows.len() as u64 + 1) as usize;
        let (mut sums, mut later) = (Sums::default(), Sums::default());
        add_rows(&mut sums, &rows[..cut], 1);
        add_rows(&mut later, &rows[cut..], 1);
        sums.absorb(later, cut as u64 + 1);
        let (summed, ..) = sums.into_sorted();
        let alpha = |numeric: &str| match numeric {
            "156" => "CHN",
            "643" => "RUS",
            _ => "KAZ",
        };
        let mut seen = 0;
        for ((_, from, to), sum) in summed {
            let codes: Vec<u32> = rows
                .iter()
                .filter(|(f, t, _)| (alpha(f), alpha(t)) == (from.code(), to.code()))
                .map(|&(.., code)| code)
                .collect();
            let values: Vec<f64> = codes.iter().map(|&c| f64::from(c) * 1e3 + 500.0).collect();
            let quantities: Vec<f64> = codes.iter().map(|&c| f64::from(c)).collect();
            assert_eq!(sum.codes, codes);
            assert_eq!(sum.values, values);
            assert_eq!(sum.quantities, quantities);
            assert_eq!(sum.products, codes.len() as u64);
            let first = rows
                .iter()
                .position(|&(.., code)| code == codes[0])
                .unwrap();
            assert_eq!(sum.line, first as u64 + 1);
            seen += codes.len();
        }
        assert_eq!(seen, rows.len());
    }
}
