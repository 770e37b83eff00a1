//! Group figures computed from their members' flows: the Eurasian Economic
//! Union's trade from its members' trade by partner ([`eaeu`]), and China's
//! trade with the Belt and Road countries from China's trade by partner
//! ([`belt_and_road`]). Computed figures carry [`Row::COMPUTED`], a source
//! and note saying how they were made, and never replace a published figure:
//! where both exist the dataset keeps both.
//!
//! A missing figure is unknown, not zero: a group figure that needs one is
//! not computed. Where the data was meant to give it (a member absent from
//! the members' flows of a period) that is an [`WarningKind::Incomplete`]
//! warning; where the data never claimed to cover it (China's trade with only
//! some of the listed countries) a [`WarningKind::Remark`], one per group.

mod belt_and_road;
mod eaeu;

use std::collections::BTreeMap;

pub use belt_and_road::bri_countries;
pub use eaeu::eaeu_members;

use crate::data::model::{
    Area, Currency, Indicator, Measure, Observation, Period, Row, TextId, Texts, Unit,
};
use crate::data::store::{Dataset, GroupFigures};

/// What aggregation found, for the check report and the warnings list.
type Aggregates = GroupFigures;

/// The sources and notes of the group figures, interned as the dataset is
/// built: the figures are made when first asked for, from a dataset whose
/// texts are then fixed.
pub(in crate::data) struct Notes {
    eaeu: eaeu::Notes,
    belt_and_road: Provenance,
}

impl Notes {
    pub(in crate::data) fn new(texts: &mut Texts) -> Self {
        Self {
            eaeu: eaeu::Notes::new(texts),
            belt_and_road: belt_and_road::provenance(texts),
        }
    }
}

/// Computes the Union's and the Belt and Road group's figures from the
/// published flows in `data`, with the sources and notes of `notes`.
pub(in crate::data) fn compute(data: &Dataset, notes: &Notes) -> Aggregates {
    let mut aggregates = Aggregates::default();
    eaeu::compute(data, &notes.eaeu, &mut aggregates);
    belt_and_road::compute(data, notes.belt_and_road, &mut aggregates);
    aggregates
}

const FLOWS: [Indicator; 2] = [Indicator::Exports, Indicator::Imports];

/// An indicator in a period and currency: what one group sum is computed over.
type Span = (Indicator, Period, Currency);

/// The flows of a few reporters, read once from the dataset's series (never
/// a scan of every figure), in base units, as dense arrays: for each
/// indicator, currency, period, reporter and partner the figure, or NaN
/// where there is none (a figure is never NaN: loaders refuse it). Spans,
/// partners and the sums are then read by index, not looked up.
struct Flows {
    reporters: Vec<Area>,
    /// Each partner of any reporter, sorted.
    partners: Vec<Area>,
    /// Each period of any reporter's figures, sorted.
    periods: Vec<Period>,
    /// Each currency of any reporter's figures, sorted.
    currencies: Vec<Currency>,
    /// The published figures of exports, imports and total trade: each
    /// empty, or `currencies × periods × reporters × partners` amounts.
    published: [Vec<f64>; 3],
}

/// A span of [`Flows`] by index: an indicator (exports, imports or total
/// trade) in a period and currency.
#[derive(Clone, Copy)]
struct SpanAt {
    indicator: Indicator,
    period: usize,
    currency: usize,
}

/// Where an indicator's published figures are in [`Flows::published`].
fn slot(indicator: Indicator) -> usize {
    match indicator {
        Indicator::Exports => 0,
        Indicator::Imports => 1,
        _ => 2,
    }
}

impl Flows {
    fn new(data: &Dataset, reporters: &[Area]) -> Self {
        const INDICATORS: [Indicator; 3] =
            [Indicator::Exports, Indicator::Imports, Indicator::Trade];
        let mut series = Vec::new();
        for indicator in INDICATORS {
            for (r, &reporter) in reporters.iter().enumerate() {
                for (key, figures) in data.series_of(Measure::level(indicator), reporter) {
                    series.push((indicator, r, key.partner, key.currency, figures));
                }
            }
        }
        let mut partners: Vec<Area> = series.iter().map(|s| s.2).collect();
        let mut currencies: Vec<Currency> = series.iter().map(|s| s.3).collect();
        // Series mostly have the periods of the one before: those are
        // compared, not collected again.
        let mut periods: Vec<Period> = Vec::new();
        let mut previous: &[Observation] = &[];
        for &(.., figures) in &series {
            let same = figures.len() == previous.len()
                && figures
                    .iter()
                    .zip(previous)
                    .all(|(a, b)| a.period == b.period);
            if !same {
                periods.extend(figures.iter().map(|o| o.period));
                previous = figures;
            }
        }
        partners.sort_unstable();
        partners.dedup();
        currencies.sort_unstable();
        currencies.dedup();
        // Each series is in order already: sorted runs, quick to sort.
        periods.sort_unstable();
        periods.dedup();
        let mut flows = Self {
            reporters: reporters.to_vec(),
            partners,
            periods,
            currencies,
            published: Default::default(),
        };
        let size =
            flows.currencies.len() * flows.periods.len() * reporters.len() * flows.partners.len();
        for (indicator, r, partner, currency, figures) in series {
            let n = flows.partners.binary_search(&partner).unwrap_or_default();
            let c = flows
                .currencies
                .binary_search(&currency)
                .unwrap_or_default();
            let mut t = 0;
            for o in figures {
                // The series' periods are in order: each found after the last.
                while flows.periods[t] < o.period {
                    t += 1;
                }
                let at = flows.index(
                    SpanAt {
                        indicator,
                        period: t,
                        currency: c,
                    },
                    r,
                    n,
                );
                let amounts = &mut flows.published[slot(indicator)];
                if amounts.is_empty() {
                    *amounts = vec![f64::NAN; size];
                }
                amounts[at] = o.amount();
            }
        }
        flows
    }

    fn index(&self, span: SpanAt, reporter: usize, partner: usize) -> usize {
        ((span.currency * self.periods.len() + span.period) * self.reporters.len() + reporter)
            * self.partners.len()
            + partner
    }

    fn published(
        &self,
        indicator: Indicator,
        span: SpanAt,
        reporter: usize,
        partner: usize,
    ) -> Option<f64> {
        let amounts = &self.published[slot(indicator)];
        let amount = *amounts.get(self.index(span, reporter, partner))?;
        (!amount.is_nan()).then_some(amount)
    }

    /// A reporter's figure with a partner: for total trade, its published
    /// total, or else its exports + imports, as [`Dataset::level`] gives it.
    fn amount(&self, span: SpanAt, reporter: usize, partner: usize) -> Option<f64> {
        let published = |indicator| self.published(indicator, span, reporter, partner);
        published(span.indicator).or_else(|| match span.indicator {
            Indicator::Trade => {
                Some(published(Indicator::Exports)? + published(Indicator::Imports)?)
            }
            _ => None,
        })
    }

    /// A reporter's figure with a partner, by area.
    fn get(&self, span: SpanAt, reporter: Area, partner: Area) -> Option<f64> {
        let r = self.reporters.iter().position(|&a| a == reporter)?;
        let n = self.partners.binary_search(&partner).ok()?;
        self.amount(span, r, n)
    }

    /// Where a partner is, if any reporter has it.
    fn partner_index(&self, partner: Area) -> Option<usize> {
        self.partners.binary_search(&partner).ok()
    }

    /// Where a reporter is.
    fn reporter_index(&self, reporter: Area) -> Option<usize> {
        self.reporters.iter().position(|&a| a == reporter)
    }

    /// The span of another indicator in the same period and currency.
    fn with(&self, span: SpanAt, indicator: Indicator) -> SpanAt {
        SpanAt { indicator, ..span }
    }

    /// What a span is.
    fn span(&self, span: SpanAt) -> Span {
        (
            span.indicator,
            self.periods[span.period],
            self.currencies[span.currency],
        )
    }

    /// Whether any reporter has a figure with the partner in the span.
    fn has_partner(&self, span: SpanAt, partner: usize) -> bool {
        (0..self.reporters.len()).any(|r| self.amount(span, r, partner).is_some())
    }

    /// Whether any reporter has a figure in the span.
    fn has_span(&self, span: SpanAt) -> bool {
        (0..self.partners.len()).any(|n| self.has_partner(span, n))
    }

    /// The partners any reporter has a figure with in the span, in order,
    /// each with its index.
    fn partners_of(&self, span: SpanAt) -> impl Iterator<Item = (usize, Area)> {
        let partners = self.partners.iter().copied().enumerate();
        partners.filter(move |&(n, _)| self.has_partner(span, n))
    }

    /// The spans with any figure, in order of indicator, period and currency.
    fn spans(&self) -> impl Iterator<Item = SpanAt> {
        let indicators = [Indicator::Exports, Indicator::Imports, Indicator::Trade];
        indicators.into_iter().flat_map(move |indicator| {
            (0..self.periods.len()).flat_map(move |period| {
                (0..self.currencies.len())
                    .map(move |currency| SpanAt {
                        indicator,
                        period,
                        currency,
                    })
                    .filter(|&span| self.has_span(span))
            })
        })
    }
}

/// The source and note computed figures of one kind share.
#[derive(Clone, Copy)]
struct Provenance {
    source: TextId,
    note: TextId,
}

impl Provenance {
    /// A computed figure: `(measure, reporter, partner, period)` in base units of `currency`.
    fn figure(
        self,
        (measure, reporter, partner, period): (Measure, Area, Area, Period),
        amount: f64,
        currency: Currency,
    ) -> Observation {
        let unit = Unit::base(currency);
        Observation {
            measure,
            reporter,
            partner,
            period,
            value: amount,
            unit,
            currency,
            source: self.source,
            note: self.note,
            row: Row::COMPUTED,
        }
    }
}

/// How many items a warning names before it counts the rest.
pub const NAMED_ITEMS: usize = 30;

/// "a, b, c", or "a, b, … and 12 more" past [`NAMED_ITEMS`].
pub fn named(items: &[String]) -> String {
    if items.len() <= NAMED_ITEMS {
        return items.join(", ");
    }
    format!(
        "{}, … and {} more",
        items[..NAMED_ITEMS].join(", "),
        items.len() - NAMED_ITEMS
    )
}

/// How many periods a remark lists before it gives their number and range.
const LISTED_PERIODS: usize = 8;

/// "exports 2015, 2016; imports 2015 (CNY)": the spans a remark is about,
/// grouped by indicator and currency, in order; "exports 126 periods from
/// 2015-01 to 2023-12" when there are many.
fn spans_text(spans: &[Span]) -> String {
    let mut grouped: BTreeMap<(Indicator, Currency), Vec<Period>> = BTreeMap::new();
    for &(indicator, period, currency) in spans {
        grouped
            .entry((indicator, currency))
            .or_default()
            .push(period);
    }
    grouped
        .into_iter()
        .map(|((indicator, currency), mut periods)| {
            periods.sort();
            periods.dedup();
            let currency = match currency {
                Currency::Usd => String::new(),
                other => format!(" ({})", other.code()),
            };
            let periods = match periods.as_slice() {
                [first, .., last] if periods.len() > LISTED_PERIODS => {
                    format!("{} periods from {first} to {last}", periods.len())
                }
                _ => {
                    let periods: Vec<String> = periods.iter().map(ToString::to_string).collect();
                    periods.join(", ")
                }
            };
            format!("{} {periods}{currency}", indicator.code())
        })
        .collect::<Vec<_>>()
        .join("; ")
}
