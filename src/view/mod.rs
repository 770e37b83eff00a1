//! View models: what each tab shows, computed from the dataset when the tab's
//! selection changes (never per frame). No terminal code: the same rows feed the
//! widgets and the headless `--print` output.

pub mod bilateral;
pub mod bri;
pub mod columns;
pub mod derivation;
pub mod eaeu;
pub mod findings;
pub mod numbers;
pub mod overview;
pub mod partners;
pub mod picker;
pub mod products;
pub mod revisions;
pub mod sort;

use crate::data::model::{BELT_AND_ROAD, CHINA, EAEU, Row};
use crate::data::{
    Currency, Dataset, Flow, Indicator, Level, Measure, Observation, Period, SeriesKey,
};

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
    /// A `--watch` reload since start changed it (or, for a total made
    /// here, either part): marked where shown.
    pub revised: bool,
    /// The exports and imports a total was computed from (exports +
    /// imports): its inputs, whose sources are its source.
    pub parts: Option<[Observation; 2]>,
}

impl Figure {
    fn from_level(level: Level<'_>, currency: Currency) -> Self {
        Self {
            amount: level.amount,
            currency,
            published: level.observation().copied(),
            computed_alternative: None,
            in_doubt: false,
            revised: false,
            parts: None,
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
    let doubtful = |o: &Observation| {
        data.text(o.note)
            .contains(crate::data::model::UNIT_MULT_IN_DOUBT)
    };
    // What a mark of the figure follows: the published row, or for a total
    // made here of exports and imports, either part.
    let marked_by = match figure.published {
        Some(published) => [Some(published), None],
        None => [Indicator::Exports, Indicator::Imports].map(|part| {
            let part = data.level(flow.with(part), currency, period);
            part.as_ref().and_then(|l| l.observation()).copied()
        }),
    };
    figure.in_doubt = marked_by.iter().flatten().any(doubtful);
    figure.revised = marked_by.iter().flatten().any(|o| data.is_revised(o));
    let key = SeriesKey::new(flow, false, currency, period.kind());
    if figure.published.is_none() {
        let part = |indicator| {
            data.find(
                &SeriesKey {
                    measure: Measure::level(indicator),
                    ..key
                },
                period,
            )
        };
        figure.parts = part(Indicator::Exports)
            .zip(part(Indicator::Imports))
            .map(|(e, i)| [*e, *i]);
    }
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
    /// Adds the sources and notes of a figure and of its computed
    /// alternative; a total made here as exports + imports has the sources
    /// of its parts, as "computed by eurasia-dash from …".
    pub fn add_figure(&mut self, data: &Dataset, figure: Option<&Figure>) {
        if let Some(figure) = figure {
            self.add(data, figure.published.as_ref());
            self.add(data, figure.computed_alternative.as_ref());
            if let Some(parts) = &figure.parts {
                push_once(&mut self.sources, computed_source(data, parts, ""));
                for part in parts {
                    push_once(&mut self.notes, data.text(part.note).to_string());
                }
            }
        }
    }

    pub fn add(&mut self, data: &Dataset, observation: Option<&Observation>) {
        let Some(observation) = observation else {
            return;
        };
        push_once(&mut self.sources, source_of(data, observation));
        push_once(&mut self.notes, data.text(observation.note).to_string());
    }

    /// The sources, each once: a source that a figure computed here names
    /// as its input ("computed by eurasia-dash from UN Comtrade") is not
    /// said again beside it, nor one that says no more than how another
    /// was computed.
    pub fn source_text(&self) -> String {
        let computed = || {
            self.sources
                .iter()
                .filter_map(|source| source.strip_prefix(COMPUTED))
        };
        let named: Vec<&str> = computed()
            .flat_map(|inputs| {
                let inputs = inputs.split_once(": ").map_or(inputs, |(inputs, _)| inputs);
                inputs.split("; ")
            })
            .collect();
        let hows: Vec<&str> = computed()
            .filter_map(|text| Some(text.split_once(": ")?.1))
            .collect();
        let kept: Vec<&str> = self
            .sources
            .iter()
            .map(String::as_str)
            .filter(|source| !named.contains(source))
            .filter(|source| {
                source
                    .strip_prefix(COMPUTED)
                    .is_none_or(|rest| !hows.contains(&rest))
            })
            .collect();
        kept.join("; ")
    }

    pub fn note_text(&self) -> String {
        self.notes.join("; ")
    }
}

/// Adds `text` to `list` unless it is empty or there already.
fn push_once(list: &mut Vec<String>, text: String) {
    if !text.is_empty() && !list.contains(&text) {
        list.push(text);
    }
}

/// The source of a figure: its own; for a group figure computed here
/// (the EAEU's, the Belt and Road's), "computed by eurasia-dash from " the
/// sources of the members' figures, then how; for a figure loaded without
/// a source, the file it came from.
pub fn source_of(data: &Dataset, observation: &Observation) -> String {
    let own = data.text(observation.source);
    if observation.row != Row::COMPUTED {
        return match own {
            "" => file_of(data, observation),
            own => own.to_string(),
        };
    }
    // The members' loaded figures only, not each one's whole `figure`.
    let inputs: Vec<Observation> = group_members(observation)
        .into_iter()
        .flat_map(|(reporter, partner)| {
            let member = Flow::new(observation.measure.indicator, reporter, partner);
            loaded_inputs(data, member, observation.currency, observation.period)
        })
        .collect();
    if inputs.is_empty() {
        return own.to_string();
    }
    // How, as its own source says it: "sum of China's trade with …",
    // "the member states' trade by partner".
    let how = own.trim_start_matches("computed by eurasia-dash");
    let how = how.trim_start_matches(':').trim_start();
    let how = how.strip_prefix("from ").unwrap_or(how);
    computed_source(data, &inputs, how)
}

/// How the source of a figure computed here begins.
const COMPUTED: &str = "computed by eurasia-dash from ";

/// "computed by eurasia-dash from " the sources of `inputs`, each once (an
/// input computed here gives the sources it was computed from), then how,
/// if said.
fn computed_source(data: &Dataset, inputs: &[Observation], how: &str) -> String {
    let mut sources: Vec<String> = Vec::new();
    for input in inputs {
        let source = source_of(data, input);
        let source = source.strip_prefix(COMPUTED).unwrap_or(&source);
        push_once(&mut sources, source.to_string());
    }
    let mut text = format!("{COMPUTED}{}", sources.join("; "));
    if !how.is_empty() {
        text.push_str(&format!(": {how}"));
    }
    text
}

/// The name of the file a loaded figure came from ("" when computed).
fn file_of(data: &Dataset, observation: &Observation) -> String {
    data.origin(observation)
        .and_then(|origin| data.files().get(usize::from(origin.file)))
        .map_or(String::new(), |file| file.path.clone())
}

/// One input of a group figure: a member's (or a listed country's)
/// figure, published or exports + imports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GroupInput {
    pub figure: Figure,
    pub reporter: crate::data::Area,
    pub partner: crate::data::Area,
}

impl GroupInput {
    /// The loaded figures it is made of.
    pub fn observations(&self) -> Vec<Observation> {
        match (self.figure.published, self.figure.parts) {
            (Some(published), _) => vec![published],
            (None, Some(parts)) => parts.to_vec(),
            (None, None) => Vec::new(),
        }
    }
}

/// The loaded figures a level is made of: the published one, or for a
/// total made here, its exports and imports (what [`GroupInput::observations`]
/// gives for the member's [`figure`]).
fn loaded_inputs(
    data: &Dataset,
    flow: Flow,
    currency: Currency,
    period: Period,
) -> Vec<Observation> {
    let Some(level) = data.level(flow, currency, period) else {
        return Vec::new();
    };
    if let Some(published) = level.observation() {
        return vec![*published];
    }
    [Indicator::Exports, Indicator::Imports]
        .into_iter()
        .filter_map(|part| {
            let key = SeriesKey::new(flow.with(part), false, currency, period.kind());
            data.find(&key, period).copied()
        })
        .collect()
}

/// The reporter–partner pairs whose figures a group figure computed here is
/// the sum of (see [`group_inputs`]).
fn group_members(observation: &Observation) -> Vec<(crate::data::Area, crate::data::Area)> {
    let flow = observation.flow();
    if observation.measure.growth {
        Vec::new()
    } else if flow.reporter == EAEU && !flow.partner.is_group() && flow.partner != EAEU {
        crate::data::derive::aggregate::eaeu_members(observation.period)
            .into_iter()
            .map(|member| (member, flow.partner))
            .collect()
    } else if flow.reporter == CHINA && flow.partner == BELT_AND_ROAD {
        crate::data::derive::aggregate::bri_countries()
            .into_iter()
            .map(|country| (CHINA, country))
            .collect()
    } else {
        Vec::new()
    }
}

/// The members' figures a group figure computed here is the sum of: for
/// the EAEU's trade with a partner, each member state's; for China's trade
/// with the Belt and Road, China's with each listed country. Empty for
/// any other figure (the EAEU's mutual and external trade and shares are
/// made otherwise: their note says how).
pub fn group_inputs(data: &Dataset, observation: &Observation) -> Vec<GroupInput> {
    let flow = observation.flow();
    let (period, currency) = (observation.period, observation.currency);
    let members = group_members(observation);
    members
        .into_iter()
        .filter_map(|(reporter, partner)| {
            let member = Flow::new(flow.indicator, reporter, partner);
            let figure = figure(data, member, currency, period)?;
            Some(GroupInput {
                figure,
                reporter,
                partner,
            })
        })
        .collect()
}
