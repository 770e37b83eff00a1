//! A list's codes at one level: its own rows there, or its finer rows
//! summed where the list is complete (else as listed), with each code's
//! quantity where every part of it has one in one unit.

use std::collections::BTreeMap;

use crate::data::Dataset;
use crate::data::model::{ProductCode, ProductRows, TextId};

/// A list is complete when its products sum to the published total within
/// this share (Comtrade rounds each row to the dollar).
pub(super) const ROUNDING: f64 = 1e-6;

/// A quantity being summed: none yet, a sum in one unit, or unknown (a
/// part without one, or parts in different units: a sum of some is not
/// the quantity).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Quantity {
    Empty,
    Known(f64, TextId),
    Unknown,
}

impl Quantity {
    pub(super) fn add(self, part: Option<(f64, TextId)>) -> Self {
        match (self, part) {
            (Self::Empty, Some((amount, unit))) => Self::Known(amount, unit),
            (Self::Known(sum, unit), Some((amount, other))) if unit == other => {
                Self::Known(sum + amount, unit)
            }
            _ => Self::Unknown,
        }
    }

    pub(super) fn merge(self, other: Self) -> Self {
        match other {
            Self::Empty => self,
            Self::Known(amount, unit) => self.add(Some((amount, unit))),
            Self::Unknown => Self::Unknown,
        }
    }

    pub(super) fn shown(self, data: &Dataset) -> Option<(f64, String)> {
        match self {
            Self::Known(amount, unit) => Some((amount, data.text(unit).to_string())),
            _ => None,
        }
    }
}

/// Each code's quantity at a level, summed over the rows of `digits`
/// digits under it.
pub(super) type Quantities = BTreeMap<ProductCode, Quantity>;

/// The codes of one list at a level: the list's own rows at that level, or
/// its finer rows summed when the list is complete; else its finer rows as
/// they are. With the note said of it.
pub(super) fn at_level(
    rows: &ProductRows,
    digits: u8,
    under: &[ProductCode],
    total: Option<f64>,
) -> (BTreeMap<ProductCode, f64>, Option<String>) {
    let (values, _, note) = at_level_with_quantities(rows, digits, under, total);
    (values, note)
}

/// [`at_level`], with each code's quantity.
pub(super) fn at_level_with_quantities(
    rows: &ProductRows,
    digits: u8,
    under: &[ProductCode],
    total: Option<f64>,
) -> (BTreeMap<ProductCode, f64>, Quantities, Option<String>) {
    // The quantities of the rows of `used` digits, summed to the codes of
    // `to` digits made.
    let quantities = |made: &BTreeMap<ProductCode, f64>, used: u8, to: u8| {
        let mut out: Quantities = made.keys().map(|&code| (code, Quantity::Empty)).collect();
        let Some(list) = &rows.quantities else {
            return out;
        };
        for (at, code) in rows.codes.iter().enumerate() {
            if code.digits() != used {
                continue;
            }
            let target = code.prefix(to).unwrap_or(*code);
            if let Some(sum) = out.get_mut(&target) {
                *sum = sum.add(list.get(at));
            }
        }
        out
    };
    let in_scope = |code: ProductCode| {
        under.is_empty()
            || under
                .iter()
                .any(|&parent| code.prefix(parent.digits()) == Some(parent))
    };
    let pairs = || rows.codes.iter().copied().zip(rows.values.iter().copied());
    let own: BTreeMap<ProductCode, f64> = pairs()
        .filter(|&(code, _)| code.digits() == digits && in_scope(code))
        .collect();
    if !own.is_empty() {
        let own_quantities = quantities(&own, digits, digits);
        return (own, own_quantities, None);
    }
    let finest = pairs()
        .map(|(code, _)| code.digits())
        .filter(|&d| d > digits)
        .min();
    let Some(finest) = finest else {
        return (BTreeMap::new(), BTreeMap::new(), None);
    };
    let finer: Vec<(ProductCode, f64)> = pairs().filter(|&(c, _)| c.digits() == finest).collect();
    let sum: f64 = finer.iter().map(|&(_, v)| v).sum();
    let complete = rows.mirrored
        || total.is_some_and(|total| (sum - total).abs() <= ROUNDING * total.abs().max(1.0));
    let mut out = BTreeMap::new();
    if complete {
        for (code, value) in finer {
            if let Some(prefix) = code.prefix(digits).filter(|&p| in_scope(p)) {
                *out.entry(prefix).or_insert(0.0) += value;
            }
        }
        let how = if rows.mirrored {
            format!("summed from the file's {finest}-digit products (BACI lists every product)")
        } else {
            format!("summed from the file's {finest}-digit products, which sum to the total")
        };
        let summed = quantities(&out, finest, digits);
        (out, summed, Some(how))
    } else {
        for (code, value) in finer.into_iter().filter(|&(c, _)| in_scope(c)) {
            out.insert(code, value);
        }
        let how = format!(
            "listed products: the file's {finest}-digit products do not make its total, so they are not summed into a level above"
        );
        let listed = quantities(&out, finest, finest);
        (out, listed, Some(how))
    }
}

/// A list's quantities as they are.
pub(super) fn quantities_as_listed(rows: &ProductRows) -> Quantities {
    rows.codes
        .iter()
        .enumerate()
        .map(|(at, &code)| {
            let quantity = rows.quantities.as_ref().and_then(|q| q.get(at));
            (code, Quantity::Empty.add(quantity))
        })
        .collect()
}

/// A list's codes and values as they are.
pub(super) fn pairs_of(rows: &ProductRows) -> BTreeMap<ProductCode, f64> {
    rows.codes
        .iter()
        .copied()
        .zip(rows.values.iter().copied())
        .collect()
}
