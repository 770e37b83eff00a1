//! Who trades a product: a reporter's partners for one code, ranked, with
//! the concentration of their shares.

use std::collections::BTreeMap;

use super::at_level;
use super::lists::first_of_each_family;
use crate::data::model::{ProductCode, WORLD};
use crate::data::store::NameFamily;
use crate::data::{Area, Dataset, Indicator, Period};

/// One partner's trade in a product.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductPartner {
    pub partner: Area,
    pub value: f64,
    /// Of the reporter's flow of the product over the partners listed, in percent.
    pub share: f64,
}

/// A reporter's partners for one product (a chapter, heading or HS6 code)
/// in a period, ranked, with the Herfindahl-Hirschman index of their shares.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductPartners {
    pub product: ProductCode,
    pub rows: Vec<ProductPartner>,
    /// On shares in percent (0 to 10,000).
    pub hhi: f64,
    /// Partners' lists not added, as repeats of a list read (see
    /// `first_of_each_family`).
    pub repeated: usize,
}

impl ProductPartners {
    /// The partners of `product`, a code of `family` (of the first list
    /// read when `None`): a code is other goods in another family, and a
    /// partner's second list of the same family (another file's) repeats
    /// its first, so neither is added.
    pub fn new(
        data: &Dataset,
        (indicator, reporter, period): (Indicator, Area, Period),
        product: ProductCode,
        family: Option<NameFamily>,
    ) -> Self {
        let nesting = data
            .products()
            .of_reporter(indicator, reporter, period)
            .filter(|(partner, rows)| rows.classification.nests() && *partner != WORLD);
        let (lists, repeated) = first_of_each_family(data, nesting);
        let family = family.or_else(|| {
            lists
                .first()
                .map(|(_, rows)| NameFamily::of(rows.classification))
        });
        let mut by_partner: BTreeMap<Area, f64> = BTreeMap::new();
        for (partner, rows) in lists {
            if Some(NameFamily::of(rows.classification)) != family {
                continue;
            }
            let (codes, _) = at_level(rows, product.digits(), &[product], None);
            if let Some(value) = codes.get(&product) {
                *by_partner.entry(partner).or_insert(0.0) += value;
            }
        }
        let sum: f64 = by_partner.values().sum();
        let mut rows: Vec<ProductPartner> = by_partner
            .into_iter()
            .map(|(partner, value)| ProductPartner {
                partner,
                value,
                share: if sum > 0.0 { value / sum * 100.0 } else { 0.0 },
            })
            .collect();
        rows.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.partner.cmp(&b.partner)));
        let hhi = rows.iter().map(|row| row.share * row.share).sum();
        Self {
            product,
            rows,
            hhi,
            repeated: repeated.len(),
        }
    }
}
