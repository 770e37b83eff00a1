//! The vocabulary of the native format: indicators, units and areas.

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
}

impl Indicator {
    pub const ALL: [Indicator; 6] = [
        Indicator::Exports,
        Indicator::Imports,
        Indicator::Trade,
        Indicator::TradeShare,
        Indicator::Odi,
        Indicator::OdiNonfin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Indicator::Exports => "exports",
            Indicator::Imports => "imports",
            Indicator::Trade => "trade",
            Indicator::TradeShare => "trade_share",
            Indicator::Odi => "odi",
            Indicator::OdiNonfin => "odi_nonfin",
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
    Percent,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Cny => "CNY",
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
    Pct,
}

impl Unit {
    pub const ALL: [Unit; 9] = [
        Unit::Usd,
        Unit::UsdK,
        Unit::UsdMn,
        Unit::UsdBn,
        Unit::Cny,
        Unit::CnyMn,
        Unit::CnyBn,
        Unit::CnyTn,
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
            Unit::Pct => "PCT",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Unit::ALL
            .into_iter()
            .find(|unit| unit.code().eq_ignore_ascii_case(text))
    }

    pub fn currency(self) -> Currency {
        match self {
            Unit::Usd | Unit::UsdK | Unit::UsdMn | Unit::UsdBn => Currency::Usd,
            Unit::Cny | Unit::CnyMn | Unit::CnyBn | Unit::CnyTn => Currency::Cny,
            Unit::Pct => Currency::Percent,
        }
    }

    /// How many of the currency's base units one unit is.
    pub fn scale(self) -> f64 {
        match self {
            Unit::Usd | Unit::Cny | Unit::Pct => 1.0,
            Unit::UsdK => 1e3,
            Unit::UsdMn | Unit::CnyMn => 1e6,
            Unit::UsdBn | Unit::CnyBn => 1e9,
            Unit::CnyTn => 1e12,
        }
    }
}

/// A reporter or partner code: an ISO 3166-1 alpha-3 code or a group
/// (`EAEU`, `BRI`, `EU`, `WLD`), stored upper-case in four bytes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area([u8; 4]);

pub const GROUPS: [&str; 4] = ["EAEU", "BRI", "EU", "WLD"];

impl Area {
    /// The code as a number that sorts as the code does.
    pub(crate) fn sort_key(self) -> u32 {
        u32::from_be_bytes(self.0)
    }

    /// The area whose [`Area::sort_key`] is `key`; the sort uses it to keep
    /// a number in an observation for a while (any number, not a valid code).
    pub(crate) fn from_sort_key(key: u32) -> Self {
        Self(key.to_be_bytes())
    }

    /// Accepts three ASCII letters or a known group, in any case.
    pub fn parse(text: &str) -> Option<Self> {
        Self::usual(text.as_bytes()).or_else(|| Self::parse_any_spelling(text))
    }

    /// [`Area::parse`] without its shortcut for the usual code.
    fn parse_any_spelling(text: &str) -> Option<Self> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let is_country = bytes.len() == 3 && bytes.iter().all(u8::is_ascii_alphabetic);
        if !is_country && !GROUPS.iter().any(|g| g.eq_ignore_ascii_case(text)) {
            return None;
        }
        let mut code = [b' '; 4];
        for (slot, byte) in code.iter_mut().zip(bytes) {
            *slot = byte.to_ascii_uppercase();
        }
        Some(Self(code))
    }

    /// The usual code, three upper-case letters, as it will be stored; `None`
    /// for anything else, valid or not.
    pub fn usual(bytes: &[u8]) -> Option<Self> {
        match *bytes {
            [a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => {
                Some(Self([a, b, c, b' ']))
            }
            _ => None,
        }
    }

    /// A code known to be valid, for tables in code.
    pub const fn known(code: &str) -> Self {
        let bytes = code.as_bytes();
        let mut out = [b' '; 4];
        let mut i = 0;
        while i < bytes.len() {
            out[i] = bytes[i];
            i += 1;
        }
        Self(out)
    }

    pub fn code(&self) -> &str {
        // Codes are padded with spaces to four bytes: EU is "EU  ".
        let len = self.0.iter().position(|&b| b == b' ').unwrap_or(4);
        std::str::from_utf8(&self.0[..len]).expect("area codes are ASCII")
    }

    /// A name for people; an unknown code is shown as the code.
    pub fn name(&self) -> &str {
        AREA_NAMES
            .iter()
            .find(|(code, _)| *code == self.code())
            .map_or(self.code(), |(_, name)| name)
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Area({})", self.code())
    }
}

pub const CHINA: Area = Area::known("CHN");
pub const RUSSIA: Area = Area::known("RUS");
pub const EAEU: Area = Area::known("EAEU");
pub const BELT_AND_ROAD: Area = Area::known("BRI");
pub const WORLD: Area = Area::known("WLD");

/// Display names of the areas a Eurasian trade dataset is likely to hold.
const AREA_NAMES: &[(&str, &str)] = &[
    ("EAEU", "Eurasian Economic Union"),
    ("BRI", "Belt and Road countries"),
    ("EU", "European Union"),
    ("WLD", "World"),
    ("ARM", "Armenia"),
    ("AZE", "Azerbaijan"),
    ("BLR", "Belarus"),
    ("CHN", "China"),
    ("DEU", "Germany"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("GEO", "Georgia"),
    ("IND", "India"),
    ("IRN", "Iran"),
    ("ITA", "Italy"),
    ("JPN", "Japan"),
    ("KAZ", "Kazakhstan"),
    ("KGZ", "Kyrgyzstan"),
    ("KOR", "South Korea"),
    ("MDA", "Moldova"),
    ("MNG", "Mongolia"),
    ("NLD", "Netherlands"),
    ("PAK", "Pakistan"),
    ("POL", "Poland"),
    ("RUS", "Russia"),
    ("TJK", "Tajikistan"),
    ("TKM", "Turkmenistan"),
    ("TUR", "Türkiye"),
    ("UKR", "Ukraine"),
    ("USA", "United States"),
    ("UZB", "Uzbekistan"),
    ("VNM", "Viet Nam"),
];

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
        assert_eq!(Unit::parse("EUR"), None);
    }

    #[test]
    fn areas_are_codes_or_groups_with_names() {
        assert_eq!(Area::parse("rus"), Some(RUSSIA));
        assert_eq!(
            Area::parse("eaeu").unwrap().name(),
            "Eurasian Economic Union"
        );
        assert_eq!(Area::parse("XYZ").unwrap().name(), "XYZ");
        assert_eq!(Area::parse("eu").unwrap().code(), "EU");
        assert_eq!(Area::parse("EU").unwrap().name(), "European Union");
        assert_eq!(Area::parse("RU"), None);
        assert_eq!(Area::parse("RUSS"), None);
        assert_eq!(Area::parse("R1S"), None);
    }

    #[test]
    fn three_letter_codes_parse_as_without_the_fast_path() {
        let alphabet = b"AMZamz09 -\t@[`{\xc3";
        for &a in alphabet {
            for &b in alphabet {
                for &c in alphabet {
                    for text in [vec![a, b, c], vec![b' ', a, b, c], vec![a, b, c, b' ']] {
                        if let Ok(text) = std::str::from_utf8(&text) {
                            assert_eq!(
                                Area::parse(text),
                                Area::parse_any_spelling(text),
                                "{text:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
