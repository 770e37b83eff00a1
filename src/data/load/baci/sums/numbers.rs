//! How a BACI row's numbers are read: its value, its quantity and its
//! product code. BACI writes them the same way on millions of rows, so each
//! has a fast reading of that writing, checked against a simple one by the
//! tests (sums/tests.rs), and falls back to the general reading otherwise.

use super::{Field, RowAt, THOUSAND, Value};
use crate::data::load::error::LoadError;
use crate::data::load::meaning;
use crate::data::model::{Indicator, Measure, Unit};

/// A row's quantity `q`, in tonnes as BACI writes it (`8255.764`); NaN
/// where it gives none (`NA`, blank) or what is written is no quantity: a
/// quantity is kept beside the value, never part of a figure, so it does not
/// stop a row.
#[inline]
pub(crate) fn tonnes(written: &[u8]) -> f64 {
    // Digits, a point and up to six decimals, as CEPII writes them: the
    // decimal's nearest double, as the quotient of two exact ones (fifteen
    // digits at most: exact in a double).
    const SCALE: [f64; 7] = [1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6];
    let (whole, whole_digits) = digit_run(written);
    if (1..=15).contains(&whole_digits) {
        let decimals = match written.get(whole_digits) {
            None => &[][..],
            Some(b'.') => &written[whole_digits + 1..],
            Some(_) => return slow_tonnes(written),
        };
        let (fraction, fraction_digits) = digit_run(decimals);
        if fraction_digits == decimals.len()
            && fraction_digits <= 6
            && whole_digits + fraction_digits <= 15
        {
            let scale = SCALE[fraction_digits];
            return (whole as f64 * scale + fraction as f64) / scale;
        }
    }
    slow_tonnes(written)
}

/// The number the ASCII digits at the start of `bytes` write, and how many
/// digits there are: two such runs read a short decimal with one test a
/// byte. The number is only meaningful for runs of at most 19 digits.
#[inline]
pub(super) fn digit_run(bytes: &[u8]) -> (u64, usize) {
    let mut number = 0u64;
    let mut at = 0;
    while let Some(digit) = bytes
        .get(at)
        .map(|byte| byte.wrapping_sub(b'0'))
        .filter(|&digit| digit < 10)
    {
        number = number.wrapping_mul(10).wrapping_add(u64::from(digit));
        at += 1;
    }
    (number, at)
}

/// [`tonnes`] of anything but a short plain decimal: `NA`, blank, padded,
/// longer or not a quantity.
pub(super) fn slow_tonnes(written: &[u8]) -> f64 {
    if written == b"NA" {
        return f64::NAN;
    }
    std::str::from_utf8(written)
        .ok()
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|q| q.is_finite() && *q >= 0.0)
        .unwrap_or(f64::NAN)
}

/// A row's value: whole dollars when BACI's writing allows, billionths of
/// a dollar for a value written with up to twelve decimals, else thousands.
pub(super) enum Amount {
    Dollars(u64),
    Nanodollars(u128),
    Thousands(f64),
}

pub(super) fn amount(at: &RowAt, value: Value) -> Result<Amount, LoadError> {
    let thousands = match value {
        // BACI's values, as written, are whole dollars; others are read as text.
        Value::Text(bytes) => {
            if let Some(dollars) = whole_dollars(bytes) {
                return Ok(Amount::Dollars(dollars));
            }
            let text = at.text(bytes, Field::Value)?;
            if let Some(dollars) = whole_dollars(text.as_bytes()) {
                return Ok(Amount::Dollars(dollars));
            }
            if let Some(nanodollars) = nanodollars(text.as_bytes()) {
                return Ok(Amount::Nanodollars(nanodollars));
            }
            meaning::number(text, false).map_err(|problem| at.error(Field::Value, problem))?
        }
        Value::Thousands(thousands) => thousands,
    };
    if thousands < 0.0 {
        return Err(at.error(
            Field::Value,
            format!("{thousands} is negative: BACI lists trade flows"),
        ));
    }
    meaning::value_fits(
        Measure::level(Indicator::Exports),
        thousands * THOUSAND,
        Unit::Usd,
    )
    .map_err(|problem| at.error(Field::Value, problem))?;
    Ok(match whole_dollars_of(thousands) {
        Some(dollars) => Amount::Dollars(dollars),
        None => Amount::Thousands(thousands),
    })
}

/// Checks a row's HS product code: 6 digits, or 5 where a leading zero was
/// dropped by writing the code as an integer. A heading of 4 digits (which
/// no such writing of an HS6 code gives) would be summed with its own
/// subheadings, so it is refused as 3 or 7 digits are.
pub(super) fn check_product(at: &RowAt, code: &[u8]) -> Result<u32, LoadError> {
    if let Some(number) = product_number(code) {
        return Ok(number);
    }
    let code = at.text(code, Field::Product)?;
    if let Some(number) = product_number(code.as_bytes()) {
        return Ok(number);
    }
    Err(at.error(
        Field::Product,
        format!("'{code}' is not an HS 6-digit product code"),
    ))
}

/// The number a product code of 5 or 6 ASCII digits writes.
#[inline]
pub(super) fn product_number(code: &[u8]) -> Option<u32> {
    let (number, digits) = digit_run(code);
    (digits == code.len() && (5..=6).contains(&digits)).then_some(number as u32)
}

/// A value held as a number (a typed file's DOUBLE or DECIMAL) that is a
/// whole number of dollars, as whole dollars: the value is the double
/// nearest its decimal, and so is the quotient of two exact doubles, so
/// when the dollars divided back give the value, the value's decimal is
/// those dollars in thousands. `None` for any other value.
pub(super) fn whole_dollars_of(thousands: f64) -> Option<u64> {
    const EXACT: f64 = (1u64 << 53) as f64;
    let dollars = (thousands * THOUSAND).round();
    ((0.0..=EXACT).contains(&dollars) && dollars / THOUSAND == thousands).then_some(dollars as u64)
}

/// A value in thousands written with at most three decimals (`26892.291`),
/// as whole dollars; `None` for any other writing, read as a decimal instead.
///
/// Whole dollars need at most 12 digits of thousands: far below the bound
/// of an amount ([`meaning::MAX_AMOUNT`]), so they need no check of it.
#[inline]
pub(super) fn whole_dollars(thousands: &[u8]) -> Option<u64> {
    // Dollars in a thousandth, by the number of decimals written.
    const PER_DECIMAL: [u64; 4] = [1_000, 100, 10, 1];
    let (whole, whole_digits) = digit_run(thousands);
    if !(1..=12).contains(&whole_digits) {
        return None;
    }
    let decimals = match thousands.get(whole_digits) {
        None => return Some(whole * 1_000),
        Some(b'.') => &thousands[whole_digits + 1..],
        Some(_) => return None,
    };
    // A point with no digits after it is left to the decimal reader.
    let (fraction, fraction_digits) = digit_run(decimals);
    if fraction_digits != decimals.len() || !(1..=3).contains(&fraction_digits) {
        return None;
    }
    Some(whole * 1_000 + fraction * PER_DECIMAL[fraction_digits])
}

/// A value in thousands written with 4 to 12 decimals (`0.1234`), in
/// billionths of a dollar; `None` for any other writing. At most 12 digits
/// of thousands, as [`whole_dollars`], so that no bound needs checking.
pub(super) fn nanodollars(thousands: &[u8]) -> Option<u128> {
    let (mut units, mut digits, mut point) = (0u128, 0, None);
    for &byte in thousands {
        match byte {
            b'0'..=b'9' if digits < 24 => {
                units = units * 10 + u128::from(byte - b'0');
                digits += 1;
            }
            b'.' if point.is_none() => point = Some(digits),
            _ => return None,
        }
    }
    let whole = point?;
    let decimals = digits - whole;
    if whole == 0 || whole > 12 || !(4..=12).contains(&decimals) {
        return None;
    }
    Some(units * 10u128.pow(12 - decimals as u32))
}
