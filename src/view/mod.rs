//! View models: what each tab shows, computed from the dataset when the tab's
//! selection changes (never per frame). No terminal code: the same rows feed the
//! widgets and the headless `--print` output.

pub mod bilateral;
pub mod bri;
pub mod eaeu;
pub mod overview;

use crate::data::{Currency, Dataset, Flow, Level, Observation, Period, SeriesKey};

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
}

impl Figure {
    fn from_level(level: Level<'_>, currency: Currency) -> Self {
        Self {
            amount: level.amount,
            currency,
            published: level.observation().copied(),
            computed_alternative: None,
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
