//! The few setters through which `derive` adds what it computes to a
//! dataset just built (`data::build` calls it).

use super::Dataset;
use super::groups::{Groups, MakeGroups};
use super::on_demand::{Make, OnDemand, YearCount};
use super::report::Warning;
use crate::data::model::{Currency, Observation, Period, SeriesKey, Texts};

impl Dataset {
    /// For `derive`: runs a derivation that reads the dataset and interns
    /// the sources and notes of the figures it makes (which say how they were
    /// made).
    pub(in crate::data) fn derive_with<T>(
        &mut self,
        derive: impl FnOnce(&Dataset, &mut Texts) -> T,
    ) -> T {
        let mut texts = std::mem::take(&mut self.texts);
        let derived = derive(self, &mut texts);
        self.texts = texts;
        derived
    }

    /// For `derive`: lines for the check report about figures computed.
    pub(in crate::data) fn add_derived_lines(&mut self, lines: Vec<String>) {
        self.derived.extend(lines);
    }

    /// For `derive`: the group aggregates, to be made by `make` when first
    /// asked for; their warnings come after those found so far.
    pub(in crate::data) fn make_groups(&mut self, make: MakeGroups) {
        self.groups = Groups::new(make, self.warnings.len());
    }

    /// The sums of months of a series made on demand, made afresh and not
    /// kept; `None` if it is not one.
    pub(super) fn sums_of_months(&self, key: &SeriesKey) -> Option<Vec<Observation>> {
        self.on_demand.make_fresh(self, key)
    }

    /// For `derive`: series to be made by `make` when first asked for, and
    /// the years among them that no published figure stands for.
    pub(in crate::data) fn make_on_demand(
        &mut self,
        keys: Vec<SeriesKey>,
        make: Make,
        years: YearCount,
    ) {
        self.on_demand = OnDemand::new(keys, make);
        self.computed_years = years;
    }

    /// For `derive`: moves figures, each named by its series and period, to
    /// the series in `currency`, then sorts again, so that a figure already
    /// in that series for the period is a repeat, kept once and reported as
    /// every repeat is.
    pub(in crate::data) fn move_to_currency(
        &mut self,
        figures: &[(SeriesKey, Period)],
        currency: Currency,
    ) {
        if figures.is_empty() {
            return;
        }
        let positions: Vec<usize> = figures
            .iter()
            .filter_map(|(key, period)| self.position(key, *period))
            .collect();
        for position in positions {
            self.observations[position].currency = currency;
        }
        // Only growth rates move: the levels the group aggregates are
        // made from stay as they are.
        debug_assert!(figures.iter().all(|(key, _)| key.measure.growth));
        self.sort_and_index();
        self.on_demand.forget();
        self.groups.forget_warnings();
    }

    /// For `derive`: adds warnings about the figures.
    pub(in crate::data) fn add_warnings(&mut self, warnings: impl IntoIterator<Item = Warning>) {
        self.warnings.extend(warnings);
        self.groups.forget_warnings();
    }

    /// Where the figure of a series for a period lies in `observations`.
    fn position(&self, key: &SeriesKey, period: Period) -> Option<usize> {
        let found = self.series.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        let range = self.series[found].1.clone();
        let within = self.observations[range.clone()]
            .binary_search_by(|o| o.period.cmp(&period))
            .ok()?;
        Some(range.start + within)
    }
}
