//! The dataset's queries: its series (loaded, of group aggregates, and
//! summed from months on demand), levels and growth, and what pairs,
//! currencies, span kinds and periods it has.

use std::ops::Range;

use super::groups::{is_group_pair, making, may_hold_groups, may_report_groups};
use super::{Basis, Dataset, Growth, GrowthKind, Level};
use crate::data::model::{
    Area, Currency, Flow, Indicator, Measure, Observation, Period, SeriesKey, SpanKind,
};

impl Dataset {
    /// The keys of the series loaded or of group aggregates, in order (not
    /// those of yearly series only summed from months: see
    /// [`Dataset::series_keys_with_years`]).
    pub fn series_keys(&self) -> impl Iterator<Item = &SeriesKey> {
        merge_keys(self.loaded_series_keys(), self.groups.made(self).keys())
    }

    /// The keys of the series loaded, in order: for `derive`, which must
    /// not ask for the group aggregates as the dataset is built.
    pub(in crate::data) fn loaded_series_keys(&self) -> impl Iterator<Item = &SeriesKey> {
        self.series.iter().map(|(key, _)| key)
    }

    /// The keys of the series loaded or of group aggregates, and of the
    /// yearly series summed from complete months, in order, each once.
    pub fn series_keys_with_years(&self) -> impl Iterator<Item = &SeriesKey> {
        let years = self.on_demand.keys().filter(|k| k.kind == SpanKind::Annual);
        merge_keys(self.series_keys(), years)
    }

    /// The series' keys of one measure and reporter, with the yearly series
    /// summed from complete months, in order, each once.
    fn keys_of(&self, measure: Measure, reporter: Area) -> impl Iterator<Item = &SeriesKey> {
        let (loaded, groups) = self.loaded_and_group_keys_of(measure, reporter);
        merge_keys(
            merge_keys(loaded, groups),
            self.on_demand.years_of(measure, reporter),
        )
    }

    /// The same without the years summed from months, in no order: one
    /// after the other, for queries that sort what they find (a key at a
    /// time through a merge costs more).
    fn keys_in_any_order_of(
        &self,
        measure: Measure,
        reporter: Area,
    ) -> impl Iterator<Item = &SeriesKey> {
        let (loaded, groups) = self.loaded_and_group_keys_of(measure, reporter);
        loaded.chain(groups)
    }

    /// The keys of the series of one measure and reporter loaded, and of
    /// its group aggregates: each in order.
    fn loaded_and_group_keys_of(
        &self,
        measure: Measure,
        reporter: Area,
    ) -> (
        impl Iterator<Item = &SeriesKey>,
        impl Iterator<Item = &SeriesKey>,
    ) {
        let index = self.series_index_of(measure, reporter).iter();
        (
            index.map(|(key, _)| key),
            self.group_keys_of(measure, reporter),
        )
    }

    /// The group aggregates' keys of one measure and reporter, in order:
    /// asked for only where the reporter can have them.
    fn group_keys_of(&self, measure: Measure, reporter: Area) -> impl Iterator<Item = &SeriesKey> {
        let groups = may_report_groups(reporter).then(|| self.groups.made(self).keys());
        groups
            .into_iter()
            .flatten()
            .filter(move |k| k.measure == measure && k.reporter == reporter)
    }

    /// A series as loaded or derived, with, for a yearly series, the years
    /// summed from complete months: what the series index gives, as if those
    /// years were in it.
    pub(in crate::data) fn series_with_years(&self, key: &SeriesKey) -> &[Observation] {
        match key.kind {
            SpanKind::Annual => self.full_series(key),
            _ => self.series(key),
        }
    }

    /// The figures of one series with those made on demand (the year to date
    /// and rolling 12 months summed from months), ordered by period: what
    /// the views show.
    fn full_series(&self, key: &SeriesKey) -> &[Observation] {
        let series = self.series(key);
        if is_group_pair(key.reporter, key.partner) && making() {
            // Made now, it would be kept without the group figures.
            return series;
        }
        match self.on_demand.get(self, key, series) {
            Some(made) => &made.figures,
            None => series,
        }
    }

    /// The last figure of [`Dataset::full_series`]'s series, without making
    /// the figures before it.
    fn last_of_full_series(&self, key: &SeriesKey) -> Option<Observation> {
        let series = self.series(key);
        if is_group_pair(key.reporter, key.partner) && making() {
            return series.last().copied();
        }
        match self.on_demand.last(self, key, series) {
            Some(last) => last,
            None => series.last().copied(),
        }
    }

    /// The figures of one series as loaded, with the group aggregates (not
    /// those summed from months, made on demand), ordered by period.
    pub fn series(&self, key: &SeriesKey) -> &[Observation] {
        if may_hold_groups(key)
            && let Some(series) = self.groups.made(self).series(key)
        {
            return series;
        }
        match self.series.binary_search_by(|(k, _)| k.cmp(key)) {
            Ok(found) => &self.observations[self.series[found].1.clone()],
            Err(_) => &[],
        }
    }

    /// The series of one measure and reporter, for every partner, currency and
    /// span, each with its figures.
    pub(crate) fn series_of(
        &self,
        measure: Measure,
        reporter: Area,
    ) -> impl Iterator<Item = (&SeriesKey, &[Observation])> {
        self.keys_of(measure, reporter)
            .map(|key| (key, self.series_with_years(key)))
    }

    fn series_index_of(&self, measure: Measure, reporter: Area) -> &[(SeriesKey, Range<usize>)] {
        super::of_reporter(&self.series, measure, reporter)
    }

    /// The published figure for a period, if any.
    pub fn find(&self, key: &SeriesKey, period: Period) -> Option<&Observation> {
        debug_assert_eq!(key.kind, period.kind());
        let series = self.full_series(key);
        let found = series.binary_search_by(|o| o.period.cmp(&period)).ok()?;
        Some(&series[found])
    }

    /// A level for a period: the published figure, or for total trade, exports
    /// plus imports when both are published in the currency.
    pub fn level(&self, flow: Flow, currency: Currency, period: Period) -> Option<Level<'_>> {
        let key = |flow| SeriesKey::new(flow, false, currency, period.kind());
        if let Some(observation) = self.find(&key(flow), period) {
            return Some(Level {
                amount: observation.amount(),
                basis: Basis::Published(observation),
            });
        }
        if flow.indicator != Indicator::Trade {
            return None;
        }
        let exports = self.find(&key(flow.with(Indicator::Exports)), period)?;
        let imports = self.find(&key(flow.with(Indicator::Imports)), period)?;
        Some(Level {
            amount: exports.amount() + imports.amount(),
            basis: Basis::Derived,
        })
    }

    /// The latest period of `kind` with a [`Dataset::level`] of `flow`, and
    /// that level's amount: the last figure of the published series, or of
    /// a total the last period both exports and imports have, whichever is
    /// later (the published one at the same period). A look at the series'
    /// ends (a year summed from months made alone) instead of a level for
    /// each period, latest first.
    pub fn latest_level(
        &self,
        flow: Flow,
        currency: Currency,
        kind: SpanKind,
    ) -> Option<(Period, f64)> {
        let key = |flow| SeriesKey::new(flow, false, currency, kind);
        let last = |flow| {
            let last = self.last_of_full_series(&key(flow))?;
            Some((last.period, last.amount()))
        };
        let published = last(flow);
        if flow.indicator != Indicator::Trade {
            return published;
        }
        let both = match (
            last(flow.with(Indicator::Exports)),
            last(flow.with(Indicator::Imports)),
        ) {
            (Some(exports), Some(imports)) if exports.0 == imports.0 => {
                Some((exports.0, exports.1 + imports.1))
            }
            (Some(_), Some(_)) => self.latest_of_both(flow, currency, kind),
            _ => None,
        };
        match (published, both) {
            (Some(published), Some(both)) if both.0 > published.0 => Some(both),
            (published, both) => published.or(both),
        }
    }

    /// The latest period both exports and imports of `flow` have, and their
    /// sum then: from the ends of the two series, made whole.
    fn latest_of_both(
        &self,
        flow: Flow,
        currency: Currency,
        kind: SpanKind,
    ) -> Option<(Period, f64)> {
        let series = |flow| self.full_series(&SeriesKey::new(flow, false, currency, kind));
        let mut exports = series(flow.with(Indicator::Exports));
        let mut imports = series(flow.with(Indicator::Imports));
        loop {
            let (Some((e, earlier_exports)), Some((i, earlier_imports))) =
                (exports.split_last(), imports.split_last())
            else {
                return None;
            };
            match e.period.cmp(&i.period) {
                std::cmp::Ordering::Equal => return Some((e.period, e.amount() + i.amount())),
                std::cmp::Ordering::Greater => exports = earlier_exports,
                std::cmp::Ordering::Less => imports = earlier_imports,
            }
        }
    }

    /// The amount of [`Dataset::level`] for each of `periods` (ascending, each
    /// of `kind`): one walk of the series instead of a search per period, so
    /// that a view of a million periods costs a pass, not a million searches.
    pub fn amounts(
        &self,
        flow: Flow,
        currency: Currency,
        kind: SpanKind,
        periods: &[Period],
    ) -> Vec<Option<f64>> {
        debug_assert!(periods.is_sorted() && periods.iter().all(|p| p.kind() == kind));
        let series = |flow| self.full_series(&SeriesKey::new(flow, false, currency, kind));
        // Walks a series alongside the periods: the figure for `period`, if any.
        fn at<'d>(series: &mut &'d [Observation], period: Period) -> Option<&'d Observation> {
            while let [first, rest @ ..] = *series
                && first.period < period
            {
                *series = rest;
            }
            series.first().filter(|o| o.period == period)
        }
        let mut published = series(flow);
        let (mut exports, mut imports) = if flow.indicator == Indicator::Trade {
            (
                series(flow.with(Indicator::Exports)),
                series(flow.with(Indicator::Imports)),
            )
        } else {
            (&[][..], &[][..])
        };
        periods
            .iter()
            .map(|&period| {
                let exports = at(&mut exports, period);
                let imports = at(&mut imports, period);
                match at(&mut published, period) {
                    Some(published) => Some(published.amount()),
                    None => Some(exports?.amount() + imports?.amount()),
                }
            })
            .collect()
    }

    /// Growth computed from the data where the same span a year earlier exists in
    /// the same currency.
    pub fn computed_growth(&self, flow: Flow, currency: Currency, period: Period) -> Option<f64> {
        let now = self.level(flow, currency, period)?;
        let before = self.level(flow, currency, period.year_earlier())?;
        percent_change(now.amount, before.amount)
    }

    /// The percent of [`Dataset::growth`] for each of `periods` (ascending,
    /// each of `kind`): the levels in two walks of the series (the periods'
    /// and a year earlier's), a search for a published rate only where none
    /// is computed; so that sorting a table of a million periods by growth
    /// costs passes, not millions of searches.
    pub fn growth_percents(
        &self,
        flow: Flow,
        currency: Currency,
        kind: SpanKind,
        periods: &[Period],
    ) -> Vec<Option<f64>> {
        let now = self.amounts(flow, currency, kind, periods);
        let earlier: Vec<Period> = periods.iter().map(|p| p.year_earlier()).collect();
        let before = self.amounts(flow, currency, kind, &earlier);
        periods
            .iter()
            .zip(now.into_iter().zip(before))
            .map(|(&period, levels)| {
                let computed = levels.0.zip(levels.1);
                computed
                    .and_then(|(now, before)| percent_change(now, before))
                    .or_else(|| Some(self.published_growth(flow, currency, period)?.value))
            })
            .collect()
    }

    /// The published `_yoy` figure for a series in `currency`.
    pub fn published_growth(
        &self,
        flow: Flow,
        currency: Currency,
        period: Period,
    ) -> Option<&Observation> {
        self.find(&SeriesKey::new(flow, true, currency, period.kind()), period)
    }

    /// Year-on-year growth: computed where possible, otherwise published.
    pub fn growth(&self, flow: Flow, currency: Currency, period: Period) -> Option<Growth> {
        if let Some(percent) = self.computed_growth(flow, currency, period) {
            return Some(Growth {
                percent,
                kind: GrowthKind::Computed,
            });
        }
        self.published_growth(flow, currency, period)
            .map(|observation| Growth {
                percent: observation.value,
                kind: GrowthKind::Published,
            })
    }

    /// Reporter–partner pairs with exports, imports (of either basis) or total
    /// trade in money.
    pub fn trade_pairs(&self) -> Vec<(Area, Area)> {
        let mut pairs: Vec<(Area, Area)> = self
            .series_keys()
            .filter(|k| {
                !k.measure.growth
                    && matches!(
                        k.measure.indicator,
                        Indicator::Exports
                            | Indicator::Imports
                            | Indicator::ImportsFob
                            | Indicator::Trade
                    )
                    && k.currency != Currency::Percent
            })
            .map(|k| (k.reporter, k.partner))
            .collect();
        pairs.sort();
        pairs.dedup();
        pairs
    }

    /// The currencies the given indicators of a pair are published in.
    pub fn currencies(
        &self,
        indicators: &[Indicator],
        reporter: Area,
        partner: Area,
    ) -> Vec<Currency> {
        let mut currencies: Vec<Currency> = indicators
            .iter()
            .flat_map(|&indicator| self.keys_in_any_order_of(Measure::level(indicator), reporter))
            .filter(|k| k.partner == partner)
            .map(|k| k.currency)
            .collect();
        currencies.sort();
        currencies.dedup();
        currencies
    }

    /// The periods of one span kind in which any of the measures has a figure,
    /// for a pair and a currency, in order.
    pub fn periods(
        &self,
        measures: &[Measure],
        reporter: Area,
        partner: Area,
        currency: Currency,
        kind: SpanKind,
    ) -> Vec<Period> {
        // Each series is in period order: merged two at a time, in one pass
        // each, rather than sorted again.
        measures
            .iter()
            .map(|&measure| {
                self.full_series(&SeriesKey {
                    measure,
                    reporter,
                    partner,
                    currency,
                    kind,
                })
            })
            .filter(|series| !series.is_empty())
            .fold(Vec::new(), |periods, series| {
                merge_periods(&periods, series.iter().map(|o| o.period))
            })
    }

    /// The span kinds with figures for any of the measures of a pair.
    pub fn span_kinds(&self, measures: &[Measure], reporter: Area, partner: Area) -> Vec<SpanKind> {
        let mut kinds: Vec<SpanKind> = measures
            .iter()
            .flat_map(|&measure| self.keys_in_any_order_of(measure, reporter))
            .filter(|k| k.partner == partner)
            .map(|k| k.kind)
            .collect();
        kinds.extend(
            self.on_demand
                .keys()
                .filter(|k| k.reporter == reporter && k.partner == partner)
                .filter(|k| measures.contains(&k.measure))
                // A yearly series is made on demand only where it has a year.
                .filter(|k| k.kind == SpanKind::Annual || !self.full_series(k).is_empty())
                .map(|k| k.kind),
        );
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// The periods in which a reporter has a figure of `measure` for any partner.
    pub fn reporter_periods(&self, measure: Measure, reporter: Area) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .keys_of(measure, reporter)
            .flat_map(|key| self.series_with_years(key))
            .map(|o| o.period)
            .collect();
        // Each series is in order already: sorted runs, quick to sort.
        periods.sort_unstable();
        periods.dedup();
        periods
    }

    /// Every partner's figure of `measure` for a reporter in one period.
    pub fn partners_at(
        &self,
        measure: Measure,
        reporter: Area,
        period: Period,
    ) -> Vec<&Observation> {
        self.keys_of(measure, reporter)
            .filter(|k| k.kind == period.kind())
            .filter_map(|key| self.find(key, period))
            .collect()
    }
}

/// The keys of two lists in order, merged in order, each once.
fn merge_keys<'k, A, B>(mut a: A, mut b: B) -> MergeKeys<'k, A, B>
where
    A: Iterator<Item = &'k SeriesKey>,
    B: Iterator<Item = &'k SeriesKey>,
{
    let next = (a.next(), b.next());
    MergeKeys { a, b, next }
}

struct MergeKeys<'k, A, B> {
    a: A,
    b: B,
    /// The next key of each, not yet given.
    next: (Option<&'k SeriesKey>, Option<&'k SeriesKey>),
}

impl<'k, A, B> Iterator for MergeKeys<'k, A, B>
where
    A: Iterator<Item = &'k SeriesKey>,
    B: Iterator<Item = &'k SeriesKey>,
{
    type Item = &'k SeriesKey;

    fn next(&mut self) -> Option<&'k SeriesKey> {
        let (take_a, take_b) = match self.next {
            (Some(_), None) => (true, false),
            (None, Some(_)) => (false, true),
            (None, None) => return None,
            (Some(x), Some(y)) => (x <= y, y <= x),
        };
        let (x, y) = self.next;
        if take_b {
            self.next.1 = self.b.next();
        }
        if take_a {
            self.next.0 = self.a.next();
            return x;
        }
        y
    }

    /// At least the longer list's length, so that collecting the keys of
    /// a dataset with no yearly sums allocates once.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let (a, a_most) = self.a.size_hint();
        let (b, b_most) = self.b.size_hint();
        let (a_next, b_next) = (
            usize::from(self.next.0.is_some()),
            usize::from(self.next.1.is_some()),
        );
        let most = a_most.zip(b_most).map(|(x, y)| x + y + a_next + b_next);
        ((a + a_next).max(b + b_next), most)
    }
}

/// The periods of `ordered` and of `more` (each in order, `more` without
/// repeats), in order and each once.
pub(super) fn merge_periods(ordered: &[Period], more: impl Iterator<Item = Period>) -> Vec<Period> {
    let mut merged = Vec::with_capacity(ordered.len() + more.size_hint().0);
    let mut rest = ordered;
    for period in more {
        while let [first, tail @ ..] = rest
            && *first < period
        {
            merged.push(*first);
            rest = tail;
        }
        if rest.first() == Some(&period) {
            rest = &rest[1..];
        }
        merged.push(period);
    }
    merged.extend_from_slice(rest);
    merged
}

/// Growth in percent from `before` to `now`; none from zero.
fn percent_change(now: f64, before: f64) -> Option<f64> {
    (before != 0.0).then(|| (now / before - 1.0) * 100.0)
}
