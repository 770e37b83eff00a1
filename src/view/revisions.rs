//! The figures a reload changed: every published figure whose value is
//! new, gone or different, found by walking the old and new data's figures
//! side by side (both sorted by series, then period).

use std::cmp::Ordering;

use super::numbers::full;
use crate::data::model::Row;
use crate::data::{Currency, Dataset, Observation, Period, SeriesKey};

/// A figure changed by a reload: what it was, and the file of the new one.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub key: SeriesKey,
    pub period: Period,
    /// The amount before and after, in the base unit of `unit` (percent
    /// for a growth rate); `None` where the figure was not (or is no
    /// longer) in the data.
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// "file:line" of the new figure (or of the old one, when removed).
    pub origin: String,
    /// What the amounts are in: the series' currency, or percent.
    pub unit: Currency,
}

impl Revision {
    /// "CHN–RUS total trade 2024: $244,810,000,000 USD → $245,000,000,000
    /// USD (file:line)"; "CHN–RUS exports growth (USD) 2024: 4.1% → 4.2% (…)".
    pub fn describe(&self) -> String {
        let amount = |a: Option<f64>| a.map_or("no figure".to_string(), |a| full(a, self.unit));
        let growth = match self.key.measure.growth {
            true => format!(" growth ({})", self.key.currency.code()),
            false => String::new(),
        };
        format!(
            "{}–{} {}{growth} {}: {} → {} ({})",
            self.key.reporter,
            self.key.partner,
            self.key.measure.indicator.label(),
            self.period,
            amount(self.old),
            amount(self.new),
            self.origin
        )
    }
}

/// The published figures that differ between `old` and `new`: changed,
/// added or removed, in series order. Figures computed here follow from
/// them and are not listed.
pub fn between(old: &Dataset, new: &Dataset) -> Vec<Revision> {
    // The published figures in order, walked in place: a reload of nine
    // million rows copies none of them. The dataset sorts its figures into
    // series, so they are in order; checked, and sorted apart if not
    // (`published` is empty when the data's own order will do).
    fn published(data: &Dataset) -> Vec<&Observation> {
        let figures = data.observations().iter();
        let figures = figures.filter(|o| o.row != Row::COMPUTED);
        if figures.clone().is_sorted_by_key(place) {
            return Vec::new();
        }
        let mut sorted: Vec<&Observation> = figures.collect();
        sorted.sort_by_key(|o| place(o));
        sorted
    }
    let (sorted_old, sorted_new) = (published(old), published(new));
    // The figure at `at`: of `sorted` when the data needed sorting.
    let figure = |data: &Dataset, sorted: &[&Observation], at: usize| -> Option<Observation> {
        match sorted.is_empty() {
            false => sorted.get(at).map(|o| **o),
            true => data.observations().get(at).copied(),
        }
    };
    // The next published figure at or after `at`.
    let next = |data: &Dataset, sorted: &[&Observation], mut at: usize| {
        while let Some(o) = figure(data, sorted, at) {
            if o.row != Row::COMPUTED {
                return Some((at, o));
            }
            at += 1;
        }
        None
    };
    let revision = |o: &Observation, old: Option<f64>, new: Option<f64>, data: &Dataset| Revision {
        key: o.series_key(),
        period: o.period,
        old,
        new,
        origin: data.origin_text(o),
        unit: o.unit.currency(),
    };
    let (mut i, mut j) = (0, 0);
    let mut found = Vec::new();
    loop {
        let a = next(old, &sorted_old, i);
        let b = next(new, &sorted_new, j);
        let order = match (&a, &b) {
            (Some((_, a)), Some((_, b))) => place(a).cmp(&place(b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        match (order, a, b) {
            (Ordering::Less, Some((at, a)), _) => {
                found.push(revision(&a, Some(a.amount()), None, old));
                i = at + 1;
            }
            (Ordering::Greater, _, Some((at, b))) => {
                found.push(revision(&b, None, Some(b.amount()), new));
                j = at + 1;
            }
            (_, Some((at_a, a)), Some((at_b, b))) => {
                if a.amount() != b.amount() {
                    found.push(revision(&b, Some(a.amount()), Some(b.amount()), new));
                }
                i = at_a + 1;
                j = at_b + 1;
            }
            _ => break,
        }
    }
    found
}

/// Where a figure sorts: its series, then its period.
fn place(observation: &Observation) -> (SeriesKey, Period) {
    (observation.series_key(), observation.period)
}
