//! Series made when first asked for: the yearly, quarterly, year-to-date and
//! rolling 12-month sums of monthly series (see `derive::calendar`). A file
//! of monthly figures would give about two of them for every month loaded,
//! and views ask for one pair's, so they are made per series on first use
//! and kept.

use std::fmt;
use std::sync::OnceLock;

use crate::data::model::{Area, Measure, Observation, Period, SeriesKey, SpanKind};

use super::Dataset;

/// Makes the computed figures of one series from the dataset, all of them
/// or, for [`Extent::Last`], at least the last.
pub(in crate::data) type Make =
    Box<dyn Fn(&Dataset, &SeriesKey, Extent) -> Vec<Observation> + Send + Sync>;

/// How much of a series [`Make`] makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::data) enum Extent {
    All,
    /// The last figure, the one `All` ends with (and any before it that
    /// cost nothing more to make).
    Last,
}

/// The series that can be made, each made at most once.
#[derive(Default)]
pub(super) struct OnDemand {
    /// Sorted by key.
    series: Vec<(SeriesKey, OnceLock<Made>)>,
    make: Option<Make>,
}

/// A series made: the computed figures with any published ones of the
/// series, in period order (a published figure wins), and the computed
/// figures for periods that have a published one.
#[derive(Debug, Default)]
pub(super) struct Made {
    pub(super) figures: Vec<Observation>,
    pub(super) alternatives: Vec<Observation>,
}

/// The years summed from complete months that have no published twin,
/// counted as the dataset is built (for the check report) but not made.
#[derive(Debug, Default)]
pub(in crate::data) struct YearCount {
    pub figures: usize,
    /// Their periods, in order, each once.
    pub periods: Vec<Period>,
}

impl YearCount {
    /// Counts a year. Series mostly have the same years, so a period is
    /// looked up among the few kept rather than kept again and deduplicated.
    pub(in crate::data) fn add(&mut self, year: Period) {
        self.figures += 1;
        if let Err(at) = self.periods.binary_search(&year) {
            self.periods.insert(at, year);
        }
    }
}

impl OnDemand {
    pub(super) fn new(mut keys: Vec<SeriesKey>, make: Make) -> Self {
        keys.sort();
        keys.dedup();
        Self {
            series: keys.into_iter().map(|key| (key, OnceLock::new())).collect(),
            make: Some(make),
        }
    }

    /// The keys that can be made, in order.
    pub(super) fn keys(&self) -> impl Iterator<Item = &SeriesKey> {
        self.series.iter().map(|(key, _)| key)
    }

    /// The yearly keys of one measure and reporter, in order: those series
    /// have a figure (a year is made on demand only where one is complete).
    pub(super) fn years_of(
        &self,
        measure: Measure,
        reporter: Area,
    ) -> impl Iterator<Item = &SeriesKey> {
        super::of_reporter(&self.series, measure, reporter)
            .iter()
            .map(|(key, _)| key)
            .filter(|key| key.kind == SpanKind::Annual)
    }

    /// Forgets the series made, to be made again from the figures as they
    /// are now.
    pub(super) fn forget(&mut self) {
        for (_, made) in &mut self.series {
            made.take();
        }
    }

    /// The computed figures of `key` made afresh, not kept; `None` if it
    /// is not one made on demand.
    pub(super) fn make_fresh(&self, data: &Dataset, key: &SeriesKey) -> Option<Vec<Observation>> {
        self.series.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        Some((self.make.as_ref()?)(data, key, Extent::All))
    }

    /// The series for `key`, made now if not yet; `None` if it is not one
    /// made on demand. `published` is the series as loaded.
    pub(super) fn get(
        &self,
        data: &Dataset,
        key: &SeriesKey,
        published: &[Observation],
    ) -> Option<&Made> {
        let found = self.series.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        let make = self.make.as_ref()?;
        Some(self.series[found].1.get_or_init(|| {
            let mut made = Made::default();
            let mut rest = published;
            for figure in make(data, key, Extent::All) {
                let before = rest.partition_point(|o| o.period < figure.period);
                made.figures.extend_from_slice(&rest[..before]);
                rest = &rest[before..];
                match rest.first() {
                    Some(o) if o.period == figure.period => made.alternatives.push(figure),
                    _ => made.figures.push(figure),
                }
            }
            made.figures.extend_from_slice(rest);
            made
        }))
    }

    /// The last figure of the series [`OnDemand::get`] gives for `key`:
    /// the last computed or the last of `published`, whichever is later
    /// (the published one where both are of one period), without making
    /// the rest of the series where it is not made yet; `None` if it is
    /// not one made on demand.
    pub(super) fn last(
        &self,
        data: &Dataset,
        key: &SeriesKey,
        published: &[Observation],
    ) -> Option<Option<Observation>> {
        let found = self.series.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        if let Some(made) = self.series[found].1.get() {
            return Some(made.figures.last().copied());
        }
        let computed = (self.make.as_ref()?)(data, key, Extent::Last).pop();
        let published = published.last().copied();
        Some(match (computed, published) {
            (Some(computed), Some(published)) if computed.period > published.period => {
                Some(computed)
            }
            (computed, published) => published.or(computed),
        })
    }
}

impl fmt::Debug for OnDemand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let made = self
            .series
            .iter()
            .filter(|(_, s)| s.get().is_some())
            .count();
        write!(f, "OnDemand({} series, {made} made)", self.series.len())
    }
}
