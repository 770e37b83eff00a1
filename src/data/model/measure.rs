//! What a figure measures and in what: indicators, units and currencies.

use std::fmt;

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Indicator {
    Exports,
    Imports,
    /// Exports plus imports.
    Trade,
    /// The partner's share of the reporter's foreign trade, in %.
    TradeShare,
    /// Outward direct investment.
    Odi,
    /// Non-financial outward direct investment.
    OdiNonfin,
    /// Imports valued free on board (the IMF's `MG_FOB_USD`): a figure of its
    /// own, never added to imports (CIF, or the reporter's own basis) or to
    /// anything else, and never standing in for them.
    ImportsFob,
}

impl Indicator {
    pub const ALL: [Indicator; 7] = [
        Indicator::Exports,
        Indicator::Imports,
        Indicator::Trade,
        Indicator::TradeShare,
        Indicator::Odi,
        Indicator::OdiNonfin,
        Indicator::ImportsFob,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Indicator::Exports => "exports",
            Indicator::Imports => "imports",
            Indicator::Trade => "trade",
            Indicator::TradeShare => "trade_share",
            Indicator::Odi => "odi",
            Indicator::OdiNonfin => "odi_nonfin",
            Indicator::ImportsFob => "imports_fob",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Indicator::Exports => "exports",
            Indicator::Imports => "imports",
            Indicator::Trade => "total trade",
            Indicator::TradeShare => "share of trade",
            Indicator::Odi => "direct investment",
            Indicator::OdiNonfin => "non-financial direct investment",
            Indicator::ImportsFob => "imports (FOB)",
        }
    }
}

/// An indicator, or the published year-on-year growth of one (`exports_yoy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Measure {
    pub indicator: Indicator,
    pub growth: bool,
}

impl Measure {
    pub const fn level(indicator: Indicator) -> Self {
        Self {
            indicator,
            growth: false,
        }
    }

    pub const fn growth(indicator: Indicator) -> Self {
        Self {
            indicator,
            growth: true,
        }
    }

    /// Parses an indicator name, case-insensitively: `trade`, `trade_yoy`, …
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let (base, growth) = match text.len().checked_sub(4) {
            Some(at) if text.is_char_boundary(at) && text[at..].eq_ignore_ascii_case("_yoy") => {
                (&text[..at], true)
            }
            _ => (text, false),
        };
        Indicator::ALL
            .into_iter()
            .find(|indicator| indicator.code().eq_ignore_ascii_case(base))
            .map(|indicator| Self { indicator, growth })
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.indicator.code())?;
        if self.growth {
            f.write_str("_yoy")?;
        }
        Ok(())
    }
}

/// What a unit counts: amounts in one currency can be compared and added; amounts
/// in two currencies never are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Currency {
    Usd,
    Cny,
    /// Euros, as Eurostat publishes the EU's trade: never converted, so
    /// never added to or compared with dollars or yuan.
    Eur,
    Percent,
}

impl Currency {
    /// The currencies of money figures, in the order a view prefers them
    /// where any one will do (a share's part and whole in the same one).
    pub const MONEY: [Currency; 3] = [Currency::Usd, Currency::Cny, Currency::Eur];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Cny => "CNY",
            Currency::Eur => "EUR",
            Currency::Percent => "PCT",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Usd,
    UsdK,
    UsdMn,
    UsdBn,
    Cny,
    CnyMn,
    CnyBn,
    CnyTn,
    Eur,
    EurK,
    EurMn,
    EurBn,
    Pct,
}

impl Unit {
    pub const ALL: [Unit; 13] = [
        Unit::Usd,
        Unit::UsdK,
        Unit::UsdMn,
        Unit::UsdBn,
        Unit::Cny,
        Unit::CnyMn,
        Unit::CnyBn,
        Unit::CnyTn,
        Unit::Eur,
        Unit::EurK,
        Unit::EurMn,
        Unit::EurBn,
        Unit::Pct,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Unit::Usd => "USD",
            Unit::UsdK => "USD_K",
            Unit::UsdMn => "USD_MN",
            Unit::UsdBn => "USD_BN",
            Unit::Cny => "CNY",
            Unit::CnyMn => "CNY_MN",
            Unit::CnyBn => "CNY_BN",
            Unit::CnyTn => "CNY_TN",
            Unit::Eur => "EUR",
            Unit::EurK => "EUR_K",
            Unit::EurMn => "EUR_MN",
            Unit::EurBn => "EUR_BN",
            Unit::Pct => "PCT",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Unit::ALL
            .into_iter()
            .find(|unit| unit.code().eq_ignore_ascii_case(text))
    }

    /// The currency's base unit (dollars, yuan, euros, percent), in which computed
    /// figures are held.
    pub fn base(currency: Currency) -> Unit {
        match currency {
            Currency::Usd => Unit::Usd,
            Currency::Cny => Unit::Cny,
            Currency::Eur => Unit::Eur,
            Currency::Percent => Unit::Pct,
        }
    }

    /// The unit of `currency` that is 10^`power` of its base unit, if any.
    pub fn of_power(currency: Currency, power: i32) -> Option<Unit> {
        let scale = 10f64.powi(power);
        Unit::ALL
            .into_iter()
            .find(|unit| unit.currency() == currency && unit.scale() == scale)
    }

    pub fn currency(self) -> Currency {
        match self {
            Unit::Usd | Unit::UsdK | Unit::UsdMn | Unit::UsdBn => Currency::Usd,
            Unit::Cny | Unit::CnyMn | Unit::CnyBn | Unit::CnyTn => Currency::Cny,
            Unit::Eur | Unit::EurK | Unit::EurMn | Unit::EurBn => Currency::Eur,
            Unit::Pct => Currency::Percent,
        }
    }

    /// How many of the currency's base units one unit is.
    pub fn scale(self) -> f64 {
        match self {
            Unit::Usd | Unit::Cny | Unit::Eur | Unit::Pct => 1.0,
            Unit::UsdK | Unit::EurK => 1e3,
            Unit::UsdMn | Unit::CnyMn | Unit::EurMn => 1e6,
            Unit::UsdBn | Unit::CnyBn | Unit::EurBn => 1e9,
            Unit::CnyTn => 1e12,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_parse_case_insensitively_with_growth_suffix() {
        assert_eq!(
            Measure::parse("Trade_YoY"),
            Some(Measure::growth(Indicator::Trade))
        );
        assert_eq!(
            Measure::parse("odi_nonfin"),
            Some(Measure::level(Indicator::OdiNonfin))
        );
        assert_eq!(Measure::parse("trades"), None);
        assert_eq!(Measure::parse("_yoy"), None);
        assert_eq!(Measure::parse("é_yoy"), None);
    }

    #[test]
    fn units_know_currency_and_scale() {
        assert_eq!(Unit::parse("usd_bn"), Some(Unit::UsdBn));
        assert_eq!(Unit::CnyTn.currency(), Currency::Cny);
        assert_eq!(Unit::UsdMn.scale(), 1e6);
        assert_eq!(Unit::parse("eur_mn"), Some(Unit::EurMn));
        assert_eq!(Unit::EurK.currency(), Currency::Eur);
        assert_eq!(Unit::EurBn.scale(), 1e9);
        assert_eq!(Unit::parse("EUR_TN"), None);
        assert_eq!(Unit::of_power(Currency::Eur, 6), Some(Unit::EurMn));
        assert_eq!(Unit::of_power(Currency::Cny, 3), None);
    }
}
