//! What each field must mean, the rules every loader shares: the text rule,
//! decimal numbers, areas, periods, units, and the currency a growth rate is in.

use super::codes;
use crate::data::model::{
    Area, Currency, Indicator, Measure, Period, Span, TextId, Texts, Unit, YearMonth,
};

/// A field as trimmed text.
pub fn text(raw: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(raw).map(str::trim).map_err(|e| {
        format!(
            "not valid UTF-8 text (a bad byte at position {})",
            e.valid_up_to() + 1
        )
    })
}

/// Descriptive text (a country's or a commodity's name) as people read it:
/// UTF-8 when it is, else Windows-1252, the code page of the spreadsheet
/// exports and Comtrade website downloads that are not UTF-8. Never for codes
/// or numbers, which [`text`] checks as written.
pub fn description(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(text) => text.trim().to_string(),
        Err(_) => raw
            .iter()
            .map(|&byte| windows_1252(byte))
            .collect::<String>()
            .trim()
            .to_string(),
    }
}

/// One Windows-1252 byte as a character: Latin-1, but for the printable
/// characters it puts in 0x80-0x9F (the five bytes it leaves unassigned are
/// read as Latin-1's control characters, as browsers do).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

pub fn measure(text: &str) -> Result<Measure, String> {
    Measure::parse(text).ok_or_else(|| {
        format!("unknown indicator '{text}' (expected exports, imports, imports_fob, trade, trade_share, odi, odi_nonfin, optionally with _yoy)")
    })
}

/// An ISO 3166-1 alpha-3 code or a group: three letters that are no
/// country's code are a typo, not a new area.
pub fn area(text: &str) -> Result<Area, String> {
    Area::parse(text).filter(|&area| is_known(area)).ok_or_else(|| {
        format!("'{text}' is not an area code (expected ISO alpha-3 such as CHN, or EAEU, BRI, EU, WLD)")
    })
}

/// Whether an area is a country's (ISO 3166-1) or a group's.
#[inline]
pub fn is_known(area: Area) -> bool {
    codes::is_country(area) || area.is_group()
}

/// A reporter's figure with a partner: a country's trade with itself is not
/// trade (a group's mutual trade, such as EAEU with EAEU, is).
#[inline]
pub fn pair(reporter: Area, partner: Area) -> Result<(), String> {
    if reporter != partner || reporter.is_group() {
        return Ok(());
    }
    Err(format!(
        "the partner is the reporter ({reporter}): only a group has trade with itself (EAEU with EAEU)"
    ))
}

pub fn period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|e| e.to_string())
}

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

/// A period written without separators, as UN Comtrade and Eurostat's bulk
/// files do: `2019` is a year, `201907` a month.
pub fn compact_period(text: &str) -> Option<Period> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        4 => Period::parse(text).ok(),
        6 => {
            let month = YearMonth::new(text[..4].parse().ok()?, text[4..].parse().ok()?)?;
            Period::from_span(Span::Month(month))
        }
        _ => None,
    }
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

/// The note of every imports figure valued free on board (the IMF's
/// `MG_FOB_USD`), which the views show apart.
pub const FOB_IMPORTS_NOTE: &str = "imports valued FOB (free on board): a figure of their own, never added to imports (CIF or the reporter's basis), total trade or the balance";

/// [`FOB_IMPORTS_NOTE`], interned once for a file's figures.
#[derive(Clone, Copy)]
pub struct FobNote(TextId);

impl FobNote {
    pub fn new(texts: &mut Texts) -> Self {
        Self(texts.intern(FOB_IMPORTS_NOTE))
    }

    /// The note of a figure of `indicator`: the FOB note for imports valued
    /// FOB, none for any other.
    pub fn of(self, indicator: Indicator) -> TextId {
        if indicator == Indicator::ImportsFob {
            self.0
        } else {
            TextId::NONE
        }
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

/// The largest amount accepted, in a currency's base unit (dollars, yuan):
/// a thousand times a year's world trade (about 3 × 10^13 US dollars), so
/// that no real figure comes near it, while a misread column, a value in the
/// wrong unit or a number meant to break the program does.
pub const MAX_AMOUNT: f64 = 1e16;

/// The largest percentage accepted (shares are at most 100; growth rates of
/// a million percent are not a real figure either).
pub const MAX_PERCENT: f64 = 1e6;

/// A value its measure can have: exports, imports and trade are not
/// negative, a share is between 0 and 100 %, and no value is beyond the
/// bounds of its unit ([`MAX_AMOUNT`], [`MAX_PERCENT`]).
#[inline(always)]
pub fn value_fits(measure: Measure, value: f64, unit: Unit) -> Result<(), String> {
    let trade = matches!(
        measure.indicator,
        Indicator::Exports | Indicator::Imports | Indicator::ImportsFob | Indicator::Trade
    );
    if !measure.growth && trade && value < 0.0 {
        return Err(format!(
            "{measure} cannot be negative ({value} {})",
            unit.code()
        ));
    }
    if measure == Measure::level(Indicator::TradeShare) && !(0.0..=100.0).contains(&value) {
        return Err(format!("a share of {value}% is not between 0 and 100"));
    }
    plausible(value, unit)
}

/// A value within the bounds of its unit ([`MAX_AMOUNT`], [`MAX_PERCENT`]).
#[inline]
fn plausible(value: f64, unit: Unit) -> Result<(), String> {
    let (amount, bound, what) = match unit {
        Unit::Pct => (value, MAX_PERCENT, "%"),
        unit => (value * unit.scale(), MAX_AMOUNT, unit.currency().code()),
    };
    if amount.abs() <= bound {
        return Ok(());
    }
    Err(format!(
        "{value:e} {} is beyond any real figure (the bound is {bound:e} {what})",
        unit.code()
    ))
}

pub fn unit(text: &str) -> Result<Unit, String> {
    Unit::parse(text).ok_or_else(|| {
        format!("unknown unit '{text}' (expected USD, USD_K, USD_MN, USD_BN, CNY, CNY_MN, CNY_BN, CNY_TN, EUR, EUR_K, EUR_MN, EUR_BN, PCT)")
    })
}

/// The currency a figure's series is in, and whether the row states it in
/// its optional `currency` column (`stated`, blank when not given). A level's
/// is its unit's, which a stated one must agree with; a share has none. A
/// growth rate's is the stated one, else the one its note names
/// (`note_currency`, from [`growth_currency`]: dollars unless it says yuan).
pub fn currency(
    measure: Measure,
    unit: Unit,
    note_currency: Currency,
    stated: &str,
) -> Result<(Currency, bool), String> {
    let implied = implied_currency(measure, unit, note_currency);
    let stated = stated.trim();
    if stated.is_empty() {
        return Ok((implied, false));
    }
    let Some(currency) = Currency::MONEY
        .into_iter()
        .find(|currency| currency.code().eq_ignore_ascii_case(stated))
    else {
        return Err(format!(
            "unknown currency '{stated}' (expected USD, CNY or EUR, or blank)"
        ));
    };
    if measure.growth && currency != note_currency && note_currency != Currency::Usd {
        return Err(format!(
            "the note says the rate is in {} terms, the column says {stated}",
            note_currency.code()
        ));
    }
    if !measure.growth && implied == Currency::Percent {
        return Err(format!("{measure} has no currency: leave the column blank"));
    }
    if !measure.growth && currency != implied {
        return Err(format!(
            "'{stated}', but the unit {} is in {}",
            unit.code(),
            implied.code()
        ));
    }
    Ok((currency, true))
}

/// The currency of a figure whose row does not state one: see [`currency`].
#[inline]
pub fn implied_currency(measure: Measure, unit: Unit, note_currency: Currency) -> Currency {
    if measure.growth {
        note_currency
    } else {
        unit.currency()
    }
}

/// Growth rates and shares are in percent; levels in money.
pub fn unit_fits(measure: Measure, unit: Unit) -> Result<(), String> {
    let wants_percent = measure.growth || measure.indicator == Indicator::TradeShare;
    if wants_percent == (unit == Unit::Pct) {
        return Ok(());
    }
    let expected = if wants_percent {
        "PCT"
    } else {
        "a currency unit"
    };
    Err(format!(
        "{measure} is measured in {expected}, not {}",
        unit.code()
    ))
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
pub(super) fn short_decimal(text: &[u8]) -> Option<f64> {
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
    let (mut integer, mut after_point, mut point, mut any) = (0u64, 0, false, false);
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                integer = integer * 10 + u64::from(byte - b'0');
                after_point += usize::from(point);
                any = true;
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !any || integer > 1 << 53 {
        return None;
    }
    let value = integer as f64 / POWERS[after_point];
    Some(if negative { -value } else { value })
}

/// The header as found, for error messages.
pub(crate) fn header_text<'f>(fields: impl Iterator<Item = &'f [u8]>) -> String {
    fields
        .map(|field| String::from_utf8_lossy(field).trim().to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The currency a published growth rate refers to: dollars, as the press reports
/// growth, unless a clause of its note (the note split at `;`) is one of
/// [`IN_YUAN`], whole: "not in yuan terms" or "yuan figures differ" is no
/// such clause.
pub fn growth_currency(note: &str) -> Currency {
    let in_yuan = note.split(';').any(|clause| {
        let clause = clause.trim();
        IN_YUAN
            .iter()
            .any(|phrase| phrase.eq_ignore_ascii_case(clause))
    });
    if in_yuan {
        Currency::Cny
    } else {
        Currency::Usd
    }
}

/// The notes that say a growth rate is in yuan terms.
pub const IN_YUAN: [&str; 6] = [
    "in yuan terms",
    "growth in yuan terms",
    "growth given in yuan terms",
    "in renminbi terms",
    "in CNY terms",
    "growth in CNY terms",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_periods_are_years_or_months() {
        assert_eq!(compact_period("2019"), Some(Period::annual(2019)));
        assert_eq!(compact_period("202004"), Period::parse("2020-04").ok());
        for bad in [
            "",
            "20191",
            "201913",
            "201900",
            "2019-07",
            "２０１９",
            "20a9",
        ] {
            assert_eq!(compact_period(bad), None, "{bad}");
        }
    }

    #[test]
    fn only_a_whole_clause_says_a_growth_rate_is_in_yuan() {
        for yuan in [
            "in yuan terms",
            "Growth in yuan terms",
            "rounded; growth given in yuan terms",
        ] {
            assert_eq!(growth_currency(yuan), Currency::Cny, "{yuan}");
        }
        for dollars in [
            "",
            "not in yuan terms",
            "yuan figures differ",
            "785.94 bn yuan",
            "in yuan terms the growth was higher",
        ] {
            assert_eq!(growth_currency(dollars), Currency::Usd, "{dollars}");
        }
    }

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
    fn descriptions_not_in_utf8_are_read_as_windows_1252() {
        assert_eq!(description("Côte d'Ivoire".as_bytes()), "Côte d'Ivoire");
        assert_eq!(description(b"C\xf4te d'Ivoire "), "Côte d'Ivoire");
        assert_eq!(description(b"T\xfcrkiye \x96 \x80"), "Türkiye – €");
    }
    use crate::data::synthetic::SplitMix64;

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
