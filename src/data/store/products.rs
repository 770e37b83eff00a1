//! The product rows of every file, kept beside the totals as the loaders
//! read them (one list per flow, period and classification), with the
//! products' names the files give. Never summed into a total here: the
//! levels a file does not hold are made in `derive::products`, by its rules.

use std::collections::HashMap;

use crate::data::model::{
    Area, Classification, Indicator, Period, ProductCode, ProductName, ProductRows, TextId,
};

/// The names of one family of codes: HS revisions and CN share theirs up to
/// six digits; each SITC revision, WITS's groups and other lists their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameFamily {
    Hs,
    Sitc(u8),
    WitsGroup,
    Other(TextId),
}

impl NameFamily {
    pub fn of(classification: Classification) -> Self {
        match classification {
            Classification::Hs(_) | Classification::Cn => Self::Hs,
            Classification::Sitc(revision) => Self::Sitc(revision),
            Classification::WitsGroup => Self::WitsGroup,
            Classification::Other(id) => Self::Other(id),
        }
    }
}

#[derive(Debug, Default)]
pub struct Products {
    /// In the order of the files and their lines: the views ask for one
    /// pair or one reporter at a time, a pass over a few hundred thousand
    /// lists at most (ten BACI years), so no index is built at load.
    rows: Vec<ProductRows>,
    /// The first name a file gives each code.
    names: HashMap<(NameFamily, ProductCode), TextId>,
}

impl Products {
    pub(in crate::data) fn new(rows: Vec<ProductRows>, names: &[ProductName]) -> Self {
        let mut by_code = HashMap::new();
        for name in names {
            by_code
                .entry((NameFamily::of(name.classification), name.code))
                .or_insert(name.name);
        }
        Self {
            rows,
            names: by_code,
        }
    }

    /// Every list of product rows.
    pub fn all(&self) -> &[ProductRows] {
        &self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The lists of a reporter's flow with a partner in a period: its own,
    /// and the partner's of the other flow where the file reconciles both
    /// (BACI).
    pub fn of(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
        period: Period,
    ) -> impl Iterator<Item = &ProductRows> {
        self.flow(indicator, reporter, partner)
            .filter(move |rows| rows.period == period)
    }

    /// The lists of a reporter's flow with a partner, every period.
    pub fn flow(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
    ) -> impl Iterator<Item = &ProductRows> {
        self.rows
            .iter()
            .filter(move |rows| rows.is_of(indicator, reporter, partner))
    }

    /// The lists of a reporter's flow with every partner in a period.
    pub fn of_reporter(
        &self,
        indicator: Indicator,
        reporter: Area,
        period: Period,
    ) -> impl Iterator<Item = (Area, &ProductRows)> {
        self.rows.iter().filter_map(move |rows| {
            if rows.period != period {
                return None;
            }
            let partner = if rows.reporter == reporter {
                rows.partner
            } else {
                rows.reporter
            };
            rows.is_of(indicator, reporter, partner)
                .then_some((partner, rows))
        })
    }

    /// The name a file gives a code, if any.
    pub fn file_name(&self, classification: Classification, code: ProductCode) -> Option<TextId> {
        self.names
            .get(&(NameFamily::of(classification), code))
            .copied()
    }
}
