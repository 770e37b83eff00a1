//! Figures computed from others: sums of complete months, group aggregates
//! (the EAEU's and the Belt and Road's, from their members' flows), the
//! currency of published growth rates, and growth cross-checks; and the
//! queries of mirror figures (a pair's trade as the partner reports it).
//! Reads the dataset through its queries.
//!
//! Building a dataset ([`crate::data::DatasetBuilder::build`]) calls
//! [`complete`], which hands what it computes to the dataset through the few
//! setters the dataset keeps for `derive` (`derive_with`, `add_derived_lines`,
//! `make_on_demand`, `make_groups`, `move_to_currency`, `add_warnings`).

pub mod aggregate;
mod calendar;
mod growth;
pub mod mirror;

pub use growth::GROWTH_TOLERANCE_PP;

use crate::data::model::Currency;
use crate::data::store::Dataset;

/// Adds to a dataset just built, in order: the means to sum years,
/// quarters, the year to date and rolling 12 months from complete months
/// when asked, and a count of the years (before the aggregates, so that a
/// group's year can be summed from its members' months); the means to make the group
/// aggregates (and a warning or remark for each figure left out as incomplete) when
/// first asked for; the published growth
/// rates that can only refer to a yuan or a euro series, moved to it; and a warning for
/// each published growth rate the data contradicts.
pub(in crate::data) fn complete(dataset: &mut Dataset) {
    let sums = dataset.derive_with(calendar::compute);
    dataset.add_derived_lines(sums.derived);
    dataset.make_on_demand(sums.on_demand, sums.make, sums.years);
    let notes = dataset.derive_with(|_, texts| aggregate::Notes::new(texts));
    dataset.make_groups(Box::new(move |data| aggregate::compute(data, &notes)));
    let moved = growth::rates_only_in_another_currency(dataset);
    for currency in [Currency::Cny, Currency::Eur] {
        let rates: Vec<_> = moved
            .iter()
            .filter(|(_, _, to)| *to == currency)
            .map(|&(key, period, _)| (key, period))
            .collect();
        dataset.move_to_currency(&rates, currency);
    }
    let mismatches = growth::mismatches(dataset);
    dataset.add_warnings(mismatches);
}
