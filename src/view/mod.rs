//! View models: what each tab shows, computed from the dataset when the tab's
//! selection changes (never per frame). No terminal code: the same rows feed the
//! widgets and the headless `--print` output.

pub mod bilateral;
pub mod bri;
pub mod columns;
pub mod eaeu;
pub mod findings;
pub mod overview;
pub mod partners;
pub mod picker;
pub mod products;
pub mod sort;

use crate::data::{Currency, Dataset, Flow, Indicator, Level, Observation, Period, SeriesKey};

/// Rows kept on each side of the selected one: more than any terminal shows.
pub const ROWS_AROUND: usize = 256;

/// A table's periods, latest first unless sorted otherwise, and the rows within [`ROWS_AROUND`] of
/// the selected one: a table of a million periods is never computed whole
/// for a screenful, and its rows are computed again only when the selection
/// moves past those kept.
#[derive(Clone, Debug, PartialEq)]
pub struct RowWindow<R> {
    pub periods: Vec<Period>,
    start: usize,
    rows: Vec<R>,
}

impl<R> RowWindow<R> {
    /// The table of `periods`, latest first, with the rows around the first.
    pub fn new(periods: Vec<Period>, compute: impl FnMut(Period) -> R) -> Self {
        let mut window = Self {
            periods,
            start: 0,
            rows: Vec::new(),
        };
        window.keep_around(0, compute);
        window
    }

    pub fn len(&self) -> usize {
        self.periods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }

    /// The row at `index` (0 is the latest period), if kept.
    pub fn row(&self, index: usize) -> Option<&R> {
        self.rows.get(index.checked_sub(self.start)?)
    }

    /// Puts the periods in another order, with the rows around `period` (the
    /// one selected before), and gives that period's new index.
    pub fn reorder(
        &mut self,
        periods: Vec<Period>,
        period: Option<Period>,
        compute: impl FnMut(Period) -> R,
    ) -> usize {
        self.periods = periods;
        let index = period
            .and_then(|period| self.periods.iter().position(|&p| p == period))
            .unwrap_or(0);
        self.rows.clear();
        self.keep_around(index, compute);
        index
    }

    /// Keeps the rows within [`ROWS_AROUND`] of `index`, computing them again
    /// (twice as many, so that scrolling on recomputes rarely) only when some
    /// are missing.
    pub fn keep_around(&mut self, index: usize, compute: impl FnMut(Period) -> R) {
        let len = self.periods.len();
        let wanted = index.saturating_sub(ROWS_AROUND)..(index + ROWS_AROUND + 1).min(len);
        let kept = self.start..self.start + self.rows.len();
        if kept.start <= wanted.start && wanted.end <= kept.end && !self.rows.is_empty() {
            return;
        }
        self.start = index.saturating_sub(2 * ROWS_AROUND).min(len);
        let end = (index + 2 * ROWS_AROUND + 1).min(len);
        self.rows = self.periods[self.start..end]
            .iter()
            .copied()
            .map(compute)
            .collect();
    }
}

/// A level as a view shows it: the amount in the currency's base unit and the
/// published row it came from (none when derived, as exports + imports).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    pub amount: f64,
    pub currency: Currency,
    pub published: Option<Observation>,
    /// The same figure computed from members' or partners' flows, where the
    /// data has both: shown beside the published one, never instead of it.
    pub computed_alternative: Option<Observation>,
    /// Its unit multiplier is in doubt (an empty UNIT_MULT beside rows
    /// with one, or such a part of a total made here): marked where shown.
    pub in_doubt: bool,
}

impl Figure {
    fn from_level(level: Level<'_>, currency: Currency) -> Self {
        Self {
            amount: level.amount,
            currency,
            published: level.observation().copied(),
            computed_alternative: None,
            in_doubt: false,
        }
    }

    /// Computed here (exports + imports, or a group sum), not published.
    pub fn is_derived(&self) -> bool {
        self.published
            .is_none_or(|o| o.row == crate::data::model::Row::COMPUTED)
    }
}

/// A flow's level in a currency and period as a view shows it, with its
/// computed alternative where the data has one.
pub fn figure(data: &Dataset, flow: Flow, currency: Currency, period: Period) -> Option<Figure> {
    let level = data.level(flow, currency, period)?;
    let mut figure = Figure::from_level(level, currency);
    let doubtful = |o: Option<&Observation>| {
        o.is_some_and(|o| {
            data.text(o.note)
                .contains(crate::data::model::UNIT_MULT_IN_DOUBT)
        })
    };
    figure.in_doubt = match figure.published {
        Some(published) => doubtful(Some(&published)),
        // A total made here of exports and imports: in doubt with either.
        None => [Indicator::Exports, Indicator::Imports]
            .into_iter()
            .any(|part| {
                let part = data.level(flow.with(part), currency, period);
                doubtful(part.as_ref().and_then(|l| l.observation()))
            }),
    };
    let key = SeriesKey::new(flow, false, currency, period.kind());
    figure.computed_alternative = data.computed_alternative(&key, period).copied();
    Some(figure)
}

/// The sources and notes of the rows behind a view row, each once, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    pub sources: Vec<String>,
    pub notes: Vec<String>,
}

impl Provenance {
    /// Adds the sources and notes of a figure and of its computed alternative.
    pub fn add_figure(&mut self, data: &Dataset, figure: Option<&Figure>) {
        if let Some(figure) = figure {
            self.add(data, figure.published.as_ref());
            self.add(data, figure.computed_alternative.as_ref());
        }
    }

    pub fn add(&mut self, data: &Dataset, observation: Option<&Observation>) {
        let Some(observation) = observation else {
            return;
        };
        for (list, id) in [
            (&mut self.sources, observation.source),
            (&mut self.notes, observation.note),
        ] {
            let text = data.text(id);
            if !text.is_empty() && !list.iter().any(|t| t == text) {
                list.push(text.to_string());
            }
        }
    }

    pub fn source_text(&self) -> String {
        self.sources.join("; ")
    }

    pub fn note_text(&self) -> String {
        self.notes.join("; ")
    }
}
