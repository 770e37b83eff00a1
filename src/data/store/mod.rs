//! The dataset: every figure loaded, sorted once into series, with the
//! queries the views ask, and the few setters through which `derive` adds
//! the figures it computes (`data::build` calls it). Imports `model` and
//! `load`.

mod assemble;
mod distribute;
mod groups;
mod on_demand;
mod products;
mod report;
mod series_sort;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub(in crate::data) use assemble::Loaded;
pub(in crate::data) use groups::{GroupFigures, MakeGroups};
pub(in crate::data) use on_demand::{Make, YearCount};
pub use products::{NameFamily, Products};
pub use report::{FigureRef, FileReport, LoadStats, Warning, WarningKind};

use crate::data::model::{
    Area, Currency, Flow, Indicator, Measure, Observation, Origin, Period, Row, SeriesKey,
    SpanKind, TextId, Texts,
};
use groups::{Groups, is_group_pair, making, may_hold_groups, may_report_groups};
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
        origin_text(&self.files, self.origin(observation))
    }

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
        merge_keys(
            self.keys_without_years_of(measure, reporter),
            self.on_demand.years_of(measure, reporter),
        )
    }

    /// The keys of the series of one measure and reporter loaded or of
    /// group aggregates (those asked for only where the reporter can have
    /// them), in order.
    fn keys_without_years_of(
        &self,
        measure: Measure,
        reporter: Area,
    ) -> impl Iterator<Item = &SeriesKey> {
        let index = self.series_index_of(measure, reporter).iter();
        let groups = may_report_groups(reporter).then(|| self.groups.made(self).keys());
        let groups = groups
            .into_iter()
            .flatten()
            .filter(move |k| k.measure == measure && k.reporter == reporter);
        merge_keys(index.map(|(key, _)| key), groups)
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
        if making() && is_group_pair(key.reporter, key.partner) {
            // Made now, it would be kept without the group figures.
            return series;
        }
        match self.on_demand.get(self, key, series) {
            Some(made) => &made.figures,
            None => series,
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
        let start = self
            .series
            .partition_point(|(k, _)| (k.measure, k.reporter) < (measure, reporter));
        let end = self
            .series
            .partition_point(|(k, _)| (k.measure, k.reporter) <= (measure, reporter));
        &self.series[start..end]
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
            .flat_map(|&indicator| self.keys_without_years_of(Measure::level(indicator), reporter))
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
            .flat_map(|&measure| self.keys_without_years_of(measure, reporter))
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
    fn sums_of_months(&self, key: &SeriesKey) -> Option<Vec<Observation>> {
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
fn merge_periods(ordered: &[Period], more: impl Iterator<Item = Period>) -> Vec<Period> {
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
