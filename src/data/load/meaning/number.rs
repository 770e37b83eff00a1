//! Numbers as the publishers write them: plain decimals, a decimal comma in
//! `;`-separated files, values in thousands.

/// A decimal number in a table's field; in a `;`-separated file `,` may be
/// the decimal separator.
pub fn number(text: &str, decimal_comma: bool) -> Result<f64, String> {
    let parsed = if decimal_comma && !text.contains('.') {
        parse_decimal(&text.replacen(',', ".", 1))
    } else {
        parse_decimal(text)
    };
    parsed.ok_or_else(|| {
        let separator = if decimal_comma { "'.' or ','" } else { "'.'" };
        format!(
            "'{text}' is not a number (expected digits with {separator} as the decimal separator)"
        )
    })
}

pub fn value(text: &str) -> Result<f64, String> {
    match parse_decimal(text) {
        Some(value) => Ok(value),
        None if is_plain_decimal(text) => {
            let digits = text.bytes().filter(u8::is_ascii_digit).count();
            let start: String = text.chars().take(12).collect();
            Err(format!(
                "'{start}…' ({digits} digits) is too large to be a number"
            ))
        }
        None => Err(format!(
            "'{text}' is not a number (expected digits with '.' as the decimal separator, no thousands separators)"
        )),
    }
}

/// A value written in thousands, as the nearest double to it in units: the
/// decimal point is moved three places in the text before it is read, so
/// that `1215520.15` thousand is exactly 1215520150, as a product in floating
/// point (× 1000 after reading) is not always.
pub fn thousands(text: &str) -> Result<f64, String> {
    value(text)?;
    let (sign, digits) = match text.strip_prefix(['-', '+']) {
        Some(digits) => (&text[..1], digits),
        None => ("", text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let moved = fraction.len().min(3);
    let mut units = format!(
        "{sign}{whole}{}{}",
        &fraction[..moved],
        "0".repeat(3 - moved)
    );
    if fraction.len() > 3 {
        units = format!("{units}.{}", &fraction[3..]);
    }
    parse_decimal(&units).ok_or_else(|| format!("'{text}' thousand is too large to be a number"))
}

/// A plain decimal: optional sign, digits, optional `.` and digits. Rejects
/// thousands separators, exponents, `NaN` and infinities, which are never how a
/// statistics office writes a figure and usually mean a misread column.
pub fn parse_decimal(text: &str) -> Option<f64> {
    short_decimal(text.as_bytes()).or_else(|| any_decimal(text))
}

/// [`parse_decimal`] without its shortcut for short decimals.
/// A finite number only: 310 digits parse as infinity.
fn any_decimal(text: &str) -> Option<f64> {
    if !is_plain_decimal(text) {
        return None;
    }
    text.parse().ok().filter(|value: &f64| value.is_finite())
}

/// Optional sign, digits, optional `.` and digits, at least one digit.
fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty()) && all_digits(whole) && all_digits(fraction)
}

/// A plain decimal of at most 19 characters after its sign whose digits,
/// read as one integer, are at most 2^53: that integer and the power of ten
/// for the digits after the point are exact doubles, so their quotient,
/// rounded once, is the nearest double to the decimal, which is what
/// `str::parse` gives. `None` for anything else, valid or not.
#[inline]
pub(in crate::data::load) fn short_decimal(text: &[u8]) -> Option<f64> {
    const POWERS: [f64; 20] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19,
    ];
    let (negative, digits) = match text.first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.len() > 19 {
        return None;
    }
    // The digits before the point, then those after it, read into one integer.
    let mut integer = 0u64;
    let mut read_digits = |mut i: usize| {
        while let Some(digit) = digits
            .get(i)
            .map(|b| b.wrapping_sub(b'0'))
            .filter(|&d| d < 10)
        {
            integer = integer * 10 + u64::from(digit);
            i += 1;
        }
        i
    };
    let whole = read_digits(0);
    if let Some(&byte) = digits.get(whole)
        && (byte != b'.' || read_digits(whole + 1) < digits.len())
    {
        return None;
    }
    // Every byte is a digit but the point, if there is one.
    let point = usize::from(whole < digits.len());
    let after_point = digits.len() - whole - point;
    if whole + after_point == 0 {
        return None;
    }
    if integer > 1 << 53 {
        return None;
    }
    let value = integer as f64 / POWERS[after_point];
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::synthetic::SplitMix64;

    #[test]
    fn thousands_are_read_in_units_from_their_text() {
        for (thousands_text, units) in [
            ("1215520.15", 1_215_520_150.0),
            ("0.5", 500.0),
            ("12", 12_000.0),
            ("-3.", -3_000.0),
            (".001", 1.0),
            ("1.23456", 1_234.56),
            ("0.1", 100.0),
        ] {
            assert_eq!(thousands(thousands_text), Ok(units), "{thousands_text}");
        }
        // 1.005 thousand read, then times 1000, is 1004.9999999999999.
        assert_eq!(thousands("1.005"), Ok(1_005.0));
        assert!(thousands("1,5").unwrap_err().contains("not a number"));
        assert!(thousands("").is_err());
        assert!(
            thousands(&"9".repeat(307))
                .unwrap_err()
                .contains("too large")
        );
    }

    #[test]
    fn short_decimals_parse_exactly_as_str_parse() {
        let mut rng = SplitMix64::new(0x9e37_79b9_7f4a_7c15);
        let mut random = |bound| rng.below(bound);
        let mut cases: Vec<String> = [
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            ".5",
            "5.",
            "-.5",
            "+5.",
            ".",
            "-",
            "+",
            "",
            "1.2.3",
            "1e5",
            "1,5",
            " 1",
            "9007199254740992",
            "9007199254740993",
            "900719925474099.3",
            "0.1",
            "0.3",
            "2.675",
            "4735.469",
            "1234567890123456789",
            "12345678901234567890",
            "0.0000000000000000001",
            "-9999999999999999.99",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..200_000 {
            let len = 1 + random(21) as usize;
            let mut text: String = (0..len)
                .map(|_| char::from(b'0' + random(10) as u8))
                .collect();
            if random(4) > 0 {
                text.insert(random(len as u64 + 1) as usize, '.');
            }
            match random(4) {
                0 => text.insert(0, '-'),
                1 => text.insert(0, '+'),
                _ => {}
            }
            cases.push(text);
        }
        for text in cases {
            let expected = any_decimal(&text);
            let got = parse_decimal(&text);
            assert_eq!(
                got.map(f64::to_bits),
                expected.map(f64::to_bits),
                "{text:?}"
            );
            if let Some(fast) = short_decimal(text.as_bytes()) {
                assert_eq!(Some(fast.to_bits()), expected.map(f64::to_bits), "{text:?}");
            }
        }
    }
}
