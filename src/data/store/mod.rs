//! The dataset: every figure loaded, sorted once into series, with the
//! queries the views ask (`queries`), and the few setters through which
//! `derive` adds the figures it computes (`for_derive`; `data::build` calls
//! it). Imports `model` and `load`.

mod assemble;
#[cfg(test)]
mod building_tests;
mod distribute;
mod for_derive;
mod groups;
mod on_demand;
mod products;
mod queries;
mod report;
mod series_sort;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub(in crate::data) use assemble::Loaded;
pub(in crate::data) use groups::GroupFigures;
pub(in crate::data) use on_demand::{Extent, Make, YearCount};
pub use products::{NameFamily, Products};
pub use report::{FigureRef, FileReport, LoadStats, Warning, WarningKind};

use crate::data::model::{
    Area, Measure, Observation, Origin, Period, Row, SeriesKey, TextId, Texts,
};
use groups::{Groups, may_hold_groups};
use on_demand::OnDemand;
use report::{origin, origin_text};

/// How a level was obtained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Basis<'a> {
    Published(&'a Observation),
    /// Total trade computed as exports + imports.
    Derived,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Level<'a> {
    /// In the currency's base unit (dollars, yuan, percent).
    pub amount: f64,
    pub basis: Basis<'a>,
}

impl<'a> Level<'a> {
    pub fn observation(&self) -> Option<&'a Observation> {
        match self.basis {
            Basis::Published(observation) => Some(observation),
            Basis::Derived => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrowthKind {
    /// Computed from the same span one year earlier in the same currency.
    Computed,
    /// The published `_yoy` figure, used where no earlier span is in the data.
    Published,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Growth {
    pub percent: f64,
    pub kind: GrowthKind,
}

/// All figures, sorted by series and period, with a sorted index of series.
#[derive(Debug, Default)]
pub struct Dataset {
    observations: Vec<Observation>,
    series: Vec<(SeriesKey, Range<usize>)>,
    texts: Texts,
    files: Vec<FileReport>,
    /// The first row of each file: see [`Row`].
    file_rows: Vec<u32>,
    warnings: Vec<Warning>,
    stats: LoadStats,
    /// The lines of the check report about figures computed as the dataset
    /// was built (the group aggregates' lines are theirs).
    derived: Vec<String>,
    /// The group aggregates, made when first asked for.
    groups: Groups,
    /// Series made when first asked for (sums of months: years, quarters,
    /// to date and rolling).
    on_demand: OnDemand,
    /// The years `on_demand` can make that have no published twin.
    computed_years: YearCount,
    /// The rows of growth rates whose file states their currency, in order.
    stated_currency: Vec<Row>,
    /// The files' product rows, beside the totals.
    products: Products,
    /// The published figures a `--watch` reload changed since start, sorted:
    /// marked where shown.
    revised: Vec<(SeriesKey, Period)>,
}

impl Dataset {
    /// Marks the figures a reload changed since start (each series and
    /// period), for views to mark where they show them.
    pub fn mark_revised(&mut self, figures: impl IntoIterator<Item = (SeriesKey, Period)>) {
        self.revised = figures.into_iter().collect();
        self.revised.sort_unstable();
        self.revised.dedup();
    }

    /// Whether a reload since start changed this published figure.
    pub fn is_revised(&self, observation: &Observation) -> bool {
        !self.revised.is_empty()
            && self
                .revised
                .binary_search(&(observation.series_key(), observation.period))
                .is_ok()
    }

    /// The computed figure for a key and period where a published one exists.
    pub fn computed_alternative(&self, key: &SeriesKey, period: Period) -> Option<&Observation> {
        if let Some(made) = self.on_demand.get(self, key, self.series(key))
            && let Some(found) = made.alternatives.iter().find(|o| o.period == period)
        {
            return Some(found);
        }
        if !may_hold_groups(key) {
            return None;
        }
        self.groups.made(self).alternative(key, period)
    }

    /// One line per sum of months counted and per group aggregate computed
    /// from member flows.
    pub fn derived_aggregates(&self) -> Vec<String> {
        let groups = self.groups.made(self).derived();
        self.derived.iter().chain(groups).cloned().collect()
    }

    /// Whether the file states the currency of this growth rate (rather than
    /// it being taken from its note or the levels beside it).
    pub fn states_currency(&self, observation: &Observation) -> bool {
        self.stated_currency.binary_search(&observation.row).is_ok()
    }

    /// The figures loaded, in series order; not those computed (summed from
    /// months, or group aggregates), which are made on demand.
    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    /// How many figures there are: those of [`Dataset::observations`], the
    /// group aggregates that no published figure stands for, and the years
    /// summed from complete months that no published figure stands for
    /// (counted, not made).
    pub fn figure_count(&self) -> usize {
        self.observations.len() + self.groups.made(self).figures() + self.computed_years.figures
    }

    /// The periods of the years summed from complete months that no
    /// published figure stands for, in order.
    pub fn computed_year_periods(&self) -> &[Period] {
        &self.computed_years.periods
    }

    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    /// The warnings, the group aggregates' among them.
    pub fn warnings(&self) -> &[Warning] {
        self.groups.warnings(self, &self.warnings)
    }

    /// How many of [`Dataset::warnings`] are warnings rather than rows
    /// skipped or not used.
    pub fn warning_count(&self) -> usize {
        self.warnings()
            .iter()
            .filter(|w| w.kind.is_warning())
            .count()
    }

    /// The product rows the files hold, and their names.
    pub fn products(&self) -> &Products {
        &self.products
    }

    pub fn stats(&self) -> &LoadStats {
        &self.stats
    }

    pub fn text(&self, id: TextId) -> &str {
        self.texts.get(id)
    }

    /// The file and line an observation came from; `None` when it was computed.
    pub fn origin(&self, observation: &Observation) -> Option<Origin> {
        origin(&self.file_rows, observation.row)
    }

    /// "file:line", or "computed".
    pub fn origin_text(&self, observation: &Observation) -> String {
        self.row_origin_text(observation.row)
    }

    /// `read` of each part of `keys` (series keys, say), in order: for a
    /// large dataset in two halves, one on a thread of its own, as the
    /// parts only read the figures.
    pub fn read_in_halves<K: Sync, R: Send>(
        &self,
        keys: &[K],
        read: impl Fn(&[K]) -> Vec<R> + Sync,
    ) -> Vec<R> {
        if self.observations.len() < 100_000 {
            return read(keys);
        }
        let (first, second) = keys.split_at(keys.len() / 2);
        std::thread::scope(|scope| {
            let second = scope.spawn(|| read(second));
            let mut all = read(first);
            all.extend(second.join().expect("a half's reading panicked"));
            all
        })
    }

    /// The file (its place among the files) a row is of; `None` for
    /// figures computed or compiled in.
    pub fn row_file(&self, row: Row) -> Option<u16> {
        origin(&self.file_rows, row).map(|origin| origin.file)
    }

    /// "file:line" of a row (a figure's, a product list's first), or "computed".
    pub fn row_origin_text(&self, row: Row) -> String {
        origin_text(&self.files, origin(&self.file_rows, row))
    }
}

/// The entries of one measure and reporter in a list sorted by series key
/// (the dataset's series index, the years made on demand).
fn of_reporter<T>(
    series: &[(SeriesKey, T)],
    measure: Measure,
    reporter: Area,
) -> &[(SeriesKey, T)] {
    let start = series.partition_point(|(k, _)| (k.measure, k.reporter) < (measure, reporter));
    let end = series.partition_point(|(k, _)| (k.measure, k.reporter) <= (measure, reporter));
    &series[start..end]
}
