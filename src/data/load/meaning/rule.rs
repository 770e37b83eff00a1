//! The domain's rules for each field: which indicators, areas, periods and
//! units there are, which values a measure can have, and the currency a
//! figure is in.

use super::super::codes;
use crate::data::model::{
    Area, Currency, Indicator, Measure, Period, Span, TextId, Texts, Unit, YearMonth,
};

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
}
