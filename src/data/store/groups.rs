//! The group aggregates (the EAEU's and the Belt and Road's figures, see
//! `derive::aggregate`), made when first asked for: by a tab, a card,
//! `--print` or `--check`, not as the dataset is built. They are kept apart
//! from the figures loaded, never merged into them: a series of a group pair
//! that gains computed figures is kept whole here, with the published
//! figures of its series.

use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;

use crate::data::model::{Area, BELT_AND_ROAD, CHINA, EAEU, Observation, SeriesKey, SpanKind};

use super::Dataset;
use super::report::Warning;
use super::series_sort::{leading, merge_sorted, sort_figures};

/// Makes the group figures from the dataset's loaded figures.
pub(in crate::data) type MakeGroups = Box<dyn Fn(&Dataset) -> GroupFigures + Send + Sync>;

/// What aggregation finds, for the dataset to keep.
#[derive(Debug, Default)]
pub(in crate::data) struct GroupFigures {
    pub observations: Vec<Observation>,
    /// One line per group and period computed, for the check report.
    pub derived: Vec<String>,
    /// Group figures not computed, and why.
    pub warnings: Vec<Warning>,
}

/// Whether a pair's series can hold group figures: the Union's (reporter
/// EAEU) or China's with the Belt and Road countries.
pub(super) fn is_group_pair(reporter: Area, partner: Area) -> bool {
    reporter == EAEU || (reporter == CHINA && partner == BELT_AND_ROAD)
}

/// Whether a series can hold group figures: levels (and shares) of a group
/// pair, never growth rates.
pub(super) fn may_hold_groups(key: &SeriesKey) -> bool {
    !key.measure.growth && is_group_pair(key.reporter, key.partner)
}

/// Whether a reporter's series can hold group figures.
pub(super) fn may_report_groups(reporter: Area) -> bool {
    reporter == EAEU || reporter == CHINA
}

thread_local! {
    /// Set while this thread makes the group figures: the dataset's
    /// queries then give the figures loaded only (the groups are what is
    /// being made), and make no series on demand for a group pair (it would
    /// be kept without the group figures).
    static MAKING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is making the group figures.
pub(super) fn making() -> bool {
    MAKING.with(Cell::get)
}

/// The group figures, made at most once.
#[derive(Default)]
pub(super) struct Groups {
    made: OnceLock<Made>,
    make: Option<MakeGroups>,
    /// Where the group warnings go among the dataset's: after those of the
    /// load, before those found later (growth rates).
    warnings_at: usize,
    /// The dataset's warnings with the group warnings in place, when there are any.
    all_warnings: OnceLock<Vec<Warning>>,
}

/// The group figures made.
#[derive(Debug, Default)]
pub(super) struct Made {
    /// Each series with group figures, whole (its published figures too,
    /// a published figure winning), sorted by key.
    series: Vec<(SeriesKey, Vec<Observation>)>,
    /// The computed figures for which a published figure exists, in series order.
    alternatives: Vec<Observation>,
    /// How many computed figures are in `series`.
    figures: usize,
    derived: Vec<String>,
    warnings: Vec<Warning>,
}

static NOTHING: Made = Made {
    series: Vec::new(),
    alternatives: Vec::new(),
    figures: 0,
    derived: Vec::new(),
    warnings: Vec::new(),
};

impl Groups {
    pub(super) fn new(make: MakeGroups, warnings_at: usize) -> Self {
        Self {
            made: OnceLock::new(),
            make: Some(make),
            warnings_at,
            all_warnings: OnceLock::new(),
        }
    }

    /// The group figures, made now if not yet; none while the dataset is
    /// built (before `derive` says how to make them) or being made.
    pub(super) fn made(&self, data: &Dataset) -> &Made {
        match &self.make {
            Some(make) if !making() => self.made.get_or_init(|| {
                let _making = Making::start();
                Made::new(data, make(data))
            }),
            _ => &NOTHING,
        }
    }

    /// `warnings` with the group warnings in their place.
    pub(super) fn warnings<'a>(
        &'a self,
        data: &'a Dataset,
        warnings: &'a [Warning],
    ) -> &'a [Warning] {
        let made = self.made(data);
        if made.warnings.is_empty() {
            return warnings;
        }
        self.all_warnings.get_or_init(|| {
            let (before, after) = warnings.split_at(self.warnings_at.min(warnings.len()));
            [before, &made.warnings, after].concat()
        })
    }

    /// Forgets the warnings put together, after more are added.
    pub(super) fn forget_warnings(&mut self) {
        self.all_warnings.take();
    }
}

/// Marks this thread as making the group figures while it lives.
struct Making;

impl Making {
    fn start() -> Self {
        MAKING.with(|making| making.set(true));
        Making
    }
}

impl Drop for Making {
    fn drop(&mut self) {
        MAKING.with(|making| making.set(false));
    }
}

impl Made {
    /// Keeps the computed figures: those for which a published figure (or a
    /// year summed from published months) exists apart, as alternatives;
    /// the others with the published figures of their series.
    fn new(data: &Dataset, made: GroupFigures) -> Self {
        let GroupFigures {
            mut observations,
            derived,
            warnings,
        } = made;
        sort_figures(&mut observations);
        let alternatives = take_published_twins(data, &mut observations);
        let figures = observations.len();
        let series = observations
            .chunk_by(|a, b| a.series_key() == b.series_key())
            .map(|computed| {
                let key = computed[0].series_key();
                let mut whole = data.series(&key).to_vec();
                merge_sorted(&mut whole, computed.to_vec());
                (key, whole)
            })
            .collect();
        Self {
            series,
            alternatives,
            figures,
            derived,
            warnings,
        }
    }

    /// A series with group figures.
    pub(super) fn series(&self, key: &SeriesKey) -> Option<&[Observation]> {
        let found = self.series.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        Some(&self.series[found].1)
    }

    /// The keys of the series with group figures, in order.
    pub(super) fn keys(&self) -> impl Iterator<Item = &SeriesKey> {
        self.series.iter().map(|(key, _)| key)
    }

    /// The computed figure for a key and period where a published one exists.
    pub(super) fn alternative(
        &self,
        key: &SeriesKey,
        period: crate::data::model::Period,
    ) -> Option<&Observation> {
        let start = self
            .alternatives
            .partition_point(|o| (o.series_key(), o.period) < (*key, period));
        self.alternatives
            .get(start)
            .filter(|o| o.series_key() == *key && o.period == period)
    }

    pub(super) fn figures(&self) -> usize {
        self.figures
    }

    pub(super) fn derived(&self) -> &[String] {
        &self.derived
    }
}

/// Takes out of `figures` (in series order) those for which a figure of
/// the same series and period was loaded, or a year summed from the months
/// loaded, and returns them: each series looked up once, then its periods
/// walked with the figures'.
fn take_published_twins(data: &Dataset, figures: &mut Vec<Observation>) -> Vec<Observation> {
    let mut twins = Vec::new();
    let mut series: (Option<SeriesKey>, Vec<Observation>, usize) = (None, Vec::new(), 0);
    figures.retain(|figure| {
        let key = figure.series_key();
        if series.0 != Some(key) {
            let mut published = data.series(&key).to_vec();
            if key.kind == SpanKind::Annual
                && let Some(years) = data.sums_of_months(&key)
            {
                merge_sorted(&mut published, years);
            }
            series = (Some(key), published, 0);
        }
        let rest = &series.1[series.2..];
        series.2 += leading(rest, |o| o.period < figure.period);
        let twin = series
            .1
            .get(series.2)
            .is_some_and(|o| o.period == figure.period);
        if twin {
            twins.push(*figure);
        }
        !twin
    });
    twins
}

impl fmt::Debug for Groups {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.made.get() {
            Some(made) => write!(f, "Groups({} series made)", made.series.len()),
            None => write!(f, "Groups(not made)"),
        }
    }
}
