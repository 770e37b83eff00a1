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

use foldhash::HashMap;

pub use belt_and_road::bri_countries;
pub use eaeu::eaeu_members;

use crate::data::model::{
    Area, Currency, Indicator, Measure, Observation, Period, Row, SeriesKey, SpanKind, TextId,
    Texts, Unit,
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

/// The flows of a few reporters, read from the dataset's series (never a
/// scan of every figure, nor a copy of the figures: a table of them held
/// most of a large load's peak beside them), in base units. A reporter's total
/// trade with a partner is its published total, or else its exports +
/// imports, as [`Dataset::level`] gives it.
struct Flows<'d> {
    /// Each series of the reporters' flows, by what names it.
    series: HashMap<(Indicator, Area, Area, Currency, SpanKind), &'d [Observation]>,
    /// The partners each span has figures for.
    partners: BTreeMap<Span, Vec<Area>>,
}

impl<'d> Flows<'d> {
    fn new(data: &'d Dataset, reporters: &[Area]) -> Self {
        let mut partners: BTreeMap<Span, Vec<Area>> = BTreeMap::new();
        let mut series = HashMap::default();
        let mut add = |indicator, period, currency, partner| {
            partners
                .entry((indicator, period, currency))
                .or_default()
                .push(partner);
        };
        for indicator in [Indicator::Exports, Indicator::Imports, Indicator::Trade] {
            for &reporter in reporters {
                for (key, figures) in data.series_of(Measure::level(indicator), reporter) {
                    let named = (indicator, reporter, key.partner, key.currency, key.kind);
                    series.insert(named, figures);
                    // Where exports and imports are both there, so is total trade.
                    let mut imports: &[Observation] = match indicator {
                        Indicator::Exports => {
                            let measure = Measure::level(Indicator::Imports);
                            data.series_with_years(&SeriesKey { measure, ..*key })
                        }
                        _ => &[],
                    };
                    for o in figures {
                        add(indicator, o.period, key.currency, key.partner);
                        let before = imports.partition_point(|i| i.period < o.period);
                        imports = &imports[before..];
                        if imports.first().is_some_and(|i| i.period == o.period) {
                            add(Indicator::Trade, o.period, key.currency, key.partner);
                        }
                    }
                }
            }
        }
        for list in partners.values_mut() {
            list.sort();
            list.dedup();
        }
        Self { series, partners }
    }

    fn get(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
        period: Period,
        currency: Currency,
    ) -> Option<f64> {
        let published = |indicator| {
            let series =
                self.series
                    .get(&(indicator, reporter, partner, currency, period.kind()))?;
            let found = series.binary_search_by(|o| o.period.cmp(&period)).ok()?;
            Some(series[found].amount())
        };
        published(indicator).or_else(|| match indicator {
            Indicator::Trade => {
                Some(published(Indicator::Exports)? + published(Indicator::Imports)?)
            }
            _ => None,
        })
    }

    fn spans(&self) -> impl Iterator<Item = (&Span, &Vec<Area>)> {
        self.partners.iter()
    }

    fn has_span(&self, span: &Span) -> bool {
        self.partners.contains_key(span)
    }

    fn partners_of(&self, span: &Span) -> Option<&Vec<Area>> {
        self.partners.get(span)
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
