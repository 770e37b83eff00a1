//! What is traded: a product code in a classification, and the product rows
//! of one flow and period as a file lists them. Product rows are kept beside
//! the totals, never summed into one here (see `load::totals` and BACI's
//! loader for the rules that make a total).

use std::fmt;

use super::area::Area;
use super::measure::{Indicator, Unit};
use super::observation::{Row, TextId, Texts};
use super::period::Period;

/// A classification of products and, where the file says, its revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// The Harmonized System: `Some(0..=6)` for H0 (HS 1992) to H6 (HS
    /// 2022), `None` where the file does not say which.
    Hs(Option<u8>),
    /// The Standard International Trade Classification, Revision 1 to 4.
    Sitc(u8),
    /// Eurostat's Combined Nomenclature (HS codes and its 8-digit ones).
    Cn,
    /// WITS's product groups (its own codes, such as `Fuels`).
    WitsGroup,
    /// A classification code eurasia-dash does not know, as the file writes it.
    Other(TextId),
}

impl Classification {
    /// From a classification code as Comtrade and Comext write it (`H6`, `S4`,
    /// `HS`, `CN`); `None` for a code it does not know.
    pub fn from_code(code: &str) -> Option<Self> {
        let upper = code.trim().to_ascii_uppercase();
        let revision = |prefix: &str| {
            upper
                .strip_prefix(prefix)
                .and_then(|r| r.parse::<u8>().ok())
        };
        match upper.as_str() {
            "HS" => Some(Self::Hs(None)),
            "CN" => Some(Self::Cn),
            _ => match (upper.as_bytes().first(), upper.len()) {
                (Some(b'H'), 2) => revision("H").filter(|r| *r <= 6).map(|r| Self::Hs(Some(r))),
                (Some(b'S'), 2) => revision("S")
                    .filter(|r| (1..=4).contains(r))
                    .map(Self::Sitc),
                _ => None,
            },
        }
    }

    /// The HS revision of a BACI file, from CEPII's name for it
    /// (`BACI_HS17_Y2022_V202401.csv`: HS 2017, H5).
    pub fn of_baci_name(path: &str) -> Self {
        let name = path.rsplit('/').next().unwrap_or(path).to_ascii_uppercase();
        let revision = ["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22"]
            .iter()
            .position(|edition| name.contains(&format!("_{edition}")));
        Self::Hs(revision.map(|r| r as u8))
    }

    /// Whether codes of this classification nest by their digits (HS, CN and
    /// SITC: a heading's first two digits are its chapter).
    pub fn nests(self) -> bool {
        matches!(self, Self::Hs(_) | Self::Sitc(_) | Self::Cn)
    }

    /// The family its codes are named in: HS revisions and CN share chapters.
    pub fn is_hs_like(self) -> bool {
        matches!(self, Self::Hs(_) | Self::Cn)
    }

    pub fn describe(self, texts: &Texts) -> String {
        match self {
            Self::Hs(None) => "HS".to_string(),
            Self::Hs(Some(r)) => {
                let edition = [1992, 1996, 2002, 2007, 2012, 2017, 2022][usize::from(r)];
                format!("HS {edition} (H{r})")
            }
            Self::Sitc(r) => format!("SITC Rev. {r}"),
            Self::Cn => "CN".to_string(),
            Self::WitsGroup => "WITS product groups".to_string(),
            Self::Other(id) => texts.get(id).to_string(),
        }
    }
}

/// A product code packed into four bytes: a code of 1 to 8 digits as its
/// number and its count of digits (leading zeros kept: SITC `0` and `00`
/// differ), any other code as the id of its interned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProductCode(u32);

const TEXT_FLAG: u32 = 1 << 31;

impl ProductCode {
    /// A code of `digits` digits whose number is `number` (HS6 `10121` is
    /// `010121`); `None` when the number has more digits.
    pub fn from_number(number: u32, digits: u8) -> Option<Self> {
        ((1..=8).contains(&digits) && number < 10u32.pow(u32::from(digits)))
            .then(|| Self(number << 4 | u32::from(digits)))
    }

    /// An HS 6-digit code from its number, checked by the caller to have
    /// at most six digits (BACI's `k`).
    pub fn hs6(number: u32) -> Self {
        debug_assert!(number < 1_000_000);
        Self(number << 4 | 6)
    }

    /// A code as a file writes it: digits packed, other codes interned.
    pub fn parse(code: &str, texts: &mut Texts) -> Self {
        let code = code.trim();
        if (1..=8).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
            let number = code.parse().expect("at most 8 digits");
            return Self::from_number(number, code.len() as u8).expect("fits");
        }
        Self(TEXT_FLAG | texts.intern(code).raw())
    }

    /// The interned text of a code that is not digits.
    pub fn text_id(self) -> Option<TextId> {
        (self.0 & TEXT_FLAG != 0).then(|| TextId::from_raw(self.0 & !TEXT_FLAG))
    }

    /// How many digits the code has; 0 for a code that is not digits.
    pub fn digits(self) -> u8 {
        if self.0 & TEXT_FLAG != 0 {
            0
        } else {
            (self.0 & 0xF) as u8
        }
    }

    /// The code's first `digits` digits (a heading's chapter); `None` for a
    /// code of fewer digits or not of digits.
    pub fn prefix(self, digits: u8) -> Option<Self> {
        let own = self.digits();
        (digits >= 1 && digits <= own).then(|| {
            let number = (self.0 >> 4) / 10u32.pow(u32::from(own - digits));
            Self(number << 4 | u32::from(digits))
        })
    }

    /// The code as written, with its leading zeros.
    pub fn text(self, texts: &Texts) -> String {
        if self.0 & TEXT_FLAG != 0 {
            return texts.get(TextId::from_raw(self.0 & !TEXT_FLAG)).to_string();
        }
        format!(
            "{:0width$}",
            self.0 >> 4,
            width = usize::from(self.digits())
        )
    }
}

impl fmt::Display for ProductCode {
    /// Digits only; a text code shows as `#id` (use [`ProductCode::text`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 & TEXT_FLAG != 0 {
            write!(f, "#{}", self.0 & !TEXT_FLAG)
        } else {
            write!(
                f,
                "{:0width$}",
                self.0 >> 4,
                width = usize::from(self.digits())
            )
        }
    }
}

/// The product rows a file lists for one flow and period, in one
/// classification, sorted by code. Its figures are those of the file, in
/// dollars; none is a total.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductRows {
    pub indicator: Indicator,
    pub reporter: Area,
    pub partner: Area,
    pub period: Period,
    pub classification: Classification,
    /// The same figures are also the partner's flow the other way (BACI
    /// reconciles each flow once: i's exports to j are j's imports from i).
    pub mirrored: bool,
    /// The file's line of the first row (made a dataset row when added).
    pub row: Row,
    /// Vectors, not boxed slices: shrinking each pair's lists at load cost
    /// more (a reallocation and copy per list) than their spare capacity.
    pub codes: Vec<ProductCode>,
    /// In `unit`, exactly as the file's values (BACI's thousands are read as
    /// whole dollars).
    pub values: Vec<f64>,
    pub unit: Unit,
    /// The quantity of each product, where the file gives quantities.
    pub quantities: Option<Quantities>,
}

/// The quantities of a list's products, in the order of its codes: BACI's
/// `q` in tonnes, Comtrade's `qty` in its unit (or net weight in kg).
#[derive(Clone, Debug, PartialEq)]
pub struct Quantities {
    /// NaN where the file gives none for the product (BACI's `NA`). Kept
    /// as the file writes them, in doubles: a float would round BACI's
    /// tonnes (three decimals, up to billions) away.
    pub amounts: Vec<f64>,
    pub units: QuantityUnits,
}

/// The unit of a list's quantities.
#[derive(Clone, Debug, PartialEq)]
pub enum QuantityUnits {
    /// Of every amount (BACI's tonnes): no list to allocate per pair.
    One(TextId),
    /// Of each amount, in the order of the codes.
    Each(Vec<TextId>),
}

impl Quantities {
    /// The quantity of the `at`th product, with its unit, if the file gives one.
    pub fn get(&self, at: usize) -> Option<(f64, TextId)> {
        let amount = *self.amounts.get(at)?;
        let unit = match &self.units {
            QuantityUnits::One(unit) => *unit,
            QuantityUnits::Each(units) => *units.get(at)?,
        };
        (!amount.is_nan()).then_some((amount, unit))
    }
}

impl ProductRows {
    /// The products a file lists for one flow `(indicator, reporter,
    /// partner, period)`, in a classification and unit, without
    /// quantities: sorted by code, the flow's first row at `line`.
    pub fn listed(
        (indicator, reporter, partner, period): (Indicator, Area, Area, Period),
        (classification, unit): (Classification, Unit),
        line: u64,
        mut products: Vec<(ProductCode, f64)>,
    ) -> Self {
        products.sort_by_key(|&(code, _)| code);
        let (codes, values) = products.into_iter().unzip();
        Self {
            indicator,
            reporter,
            partner,
            period,
            classification,
            mirrored: false,
            row: Row::at_line(line),
            codes,
            values,
            unit,
            quantities: None,
        }
    }

    /// The rows as seen from `reporter` for `indicator`, when they are of it.
    pub fn is_of(&self, indicator: Indicator, reporter: Area, partner: Area) -> bool {
        (self.indicator == indicator && self.reporter == reporter && self.partner == partner)
            || (self.mirrored
                && mirror_of(self.indicator) == Some(indicator)
                && self.reporter == partner
                && self.partner == reporter)
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// The flow the partner reports of the same goods.
fn mirror_of(indicator: Indicator) -> Option<Indicator> {
    match indicator {
        Indicator::Exports => Some(Indicator::Imports),
        Indicator::Imports => Some(Indicator::Exports),
        _ => None,
    }
}

/// A product's name from a file (Comtrade's `cmdDesc`, a Comext label, BACI's
/// `product_codes` file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProductName {
    pub classification: Classification,
    pub code: ProductCode,
    pub name: TextId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_leading_zeros_and_nest() {
        let mut texts = Texts::default();
        let code = ProductCode::parse("010121", &mut texts);
        assert_eq!(code.text(&texts), "010121");
        assert_eq!(code.digits(), 6);
        assert_eq!(code.prefix(2).unwrap().text(&texts), "01");
        assert_eq!(code.prefix(4).unwrap().text(&texts), "0101");
        assert_eq!(code.prefix(7), None);
        let sitc = ProductCode::parse("0", &mut texts);
        assert_ne!(sitc, ProductCode::parse("00", &mut texts));
        let group = ProductCode::parse("Fuels", &mut texts);
        assert_eq!(group.digits(), 0);
        assert_eq!(group.text(&texts), "Fuels");
        assert_eq!(group.prefix(1), None);
        assert_eq!(
            ProductCode::from_number(270900, 6).unwrap().to_string(),
            "270900"
        );
        assert_eq!(ProductCode::from_number(1_000_000, 6), None);
    }

    #[test]
    fn classifications_from_their_codes_and_baci_names() {
        assert_eq!(
            Classification::from_code("H6"),
            Some(Classification::Hs(Some(6)))
        );
        assert_eq!(
            Classification::from_code("s4"),
            Some(Classification::Sitc(4))
        );
        assert_eq!(
            Classification::from_code("HS"),
            Some(Classification::Hs(None))
        );
        assert_eq!(Classification::from_code("H9"), None);
        assert_eq!(
            Classification::of_baci_name("/x/BACI_HS17_Y2022_V202401b.csv"),
            Classification::Hs(Some(5))
        );
        assert_eq!(
            Classification::of_baci_name("baci.csv"),
            Classification::Hs(None)
        );
    }
}
