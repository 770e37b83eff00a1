//! The Eurasian Economic Union: its partners' shares of its foreign trade, and
//! its trade with third countries and among its members.

use super::{Figure, Provenance, figure};
use crate::data::model::{EAEU, WORLD};
use crate::data::{
    Area, Currency, Dataset, Flow, Growth, Indicator, Measure, Observation, Period, SpanKind,
};

const SHARE: Measure = Measure::level(Indicator::TradeShare);

/// The periods with partner shares, in order: the period selector's choices.
pub fn share_periods(data: &Dataset) -> Vec<Period> {
    data.reporter_periods(SHARE, EAEU)
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShareRow {
    pub partner: Area,
    /// The partner's share of the Union's foreign trade, in %.
    pub share: f64,
    /// The Union's trade with the partner in the same period, where given.
    pub value: Option<Figure>,
    /// Change in percentage points against the same span a year earlier.
    pub change_pp: Option<f64>,
    pub provenance: Provenance,
    /// Its footnote in [`EaeuView::notes`], if its share has a note.
    pub note: Option<usize>,
}

/// A figure of the Union as a whole (or of investment in it) for one period.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionRow {
    pub label: String,
    pub indicator: Indicator,
    pub period: Period,
    pub figure: Option<Figure>,
    pub growth: Option<Growth>,
    pub provenance: Provenance,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EaeuView {
    pub period: Option<Period>,
    /// Largest share first.
    pub shares: Vec<ShareRow>,
    /// 100% minus the listed shares, when they add up to no more than 100%.
    pub rest_of_world: Option<f64>,
    /// The footnotes of the shares: the partner's name and the note.
    pub notes: Vec<(String, String)>,
    /// Latest period first.
    pub union_rows: Vec<UnionRow>,
}

impl EaeuView {
    pub fn new(data: &Dataset, period: Option<Period>) -> Self {
        let mut view = Self {
            period: None,
            shares: Vec::new(),
            rest_of_world: None,
            notes: Vec::new(),
            union_rows: union_rows(data),
        };
        view.select_period(data, period);
        view
    }

    /// The shares of another period; the Union's own figures stay, as they
    /// do not depend on it.
    pub fn select_period(&mut self, data: &Dataset, period: Option<Period>) {
        let mut shares: Vec<ShareRow> = period
            .map(|period| data.partners_at(SHARE, EAEU, period))
            .unwrap_or_default()
            .into_iter()
            .map(|observation| share_row(data, observation))
            .collect();
        shares.sort_by(|a, b| b.share.total_cmp(&a.share));
        let mut notes = Vec::new();
        for row in &mut shares {
            let note = row.provenance.note_text();
            if !note.is_empty() {
                row.note = Some(notes.len());
                notes.push((row.partner.name().to_string(), note));
            }
        }
        let listed: f64 = shares.iter().map(|row| row.share).sum();
        self.period = period;
        self.rest_of_world = (!shares.is_empty() && listed <= 100.0).then_some(100.0 - listed);
        self.shares = shares;
        self.notes = notes;
    }
}

fn share_row(data: &Dataset, observation: &Observation) -> ShareRow {
    let period = observation.period;
    let flow = Flow::new(Indicator::Trade, EAEU, observation.partner);
    let value = [Currency::Usd, Currency::Cny]
        .into_iter()
        .find_map(|currency| figure(data, flow, currency, period));
    let earlier = data
        .partners_at(SHARE, EAEU, period.year_earlier())
        .into_iter()
        .find(|o| o.partner == observation.partner);
    let mut provenance = Provenance::default();
    provenance.add(data, Some(observation));
    provenance.add_figure(data, value.as_ref());
    ShareRow {
        partner: observation.partner,
        share: observation.value,
        value,
        change_pp: earlier.map(|e| observation.value - e.value),
        provenance,
        note: None,
    }
}

/// The Union's trade with third countries and its mutual trade, and any other
/// money figure with the Union on either side (such as China's investment in it).
fn union_rows(data: &Dataset) -> Vec<UnionRow> {
    let mut flows: Vec<(Flow, Currency, SpanKind)> = data
        .series_keys()
        .filter(|k| k.reporter == EAEU || k.partner == EAEU)
        .filter(|k| k.measure.indicator != Indicator::TradeShare)
        .map(|k| {
            let flow = Flow::new(k.measure.indicator, k.reporter, k.partner);
            (flow, k.currency, k.kind)
        })
        .collect();
    flows.sort();
    flows.dedup();
    let mut rows = Vec::new();
    for (flow, currency, kind) in flows {
        let measures = [
            Measure::level(flow.indicator),
            Measure::growth(flow.indicator),
        ];
        for period in data.periods(&measures, flow.reporter, flow.partner, currency, kind) {
            let figure = figure(data, flow, currency, period);
            let mut provenance = Provenance::default();
            provenance.add_figure(data, figure.as_ref());
            provenance.add(data, data.published_growth(flow, currency, period));
            rows.push(UnionRow {
                label: union_label(flow),
                indicator: flow.indicator,
                period,
                figure,
                growth: data.growth(flow, currency, period),
                provenance,
            });
        }
    }
    rows.sort_by(|a, b| b.period.cmp(&a.period).then(a.label.cmp(&b.label)));
    rows
}

fn union_label(flow: Flow) -> String {
    let what = flow.indicator.label();
    let towards = match flow.indicator {
        Indicator::Exports => "to",
        Indicator::Imports => "from",
        _ => "with",
    };
    match (flow.reporter, flow.partner) {
        (EAEU, WORLD) => format!("{what} {towards} third countries"),
        (EAEU, EAEU) => format!("mutual {what}"),
        (EAEU, partner) => format!("{what} {towards} {}", partner.name()),
        (reporter, _) => format!("{what} from {}", reporter.name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::CHINA;

    #[test]
    fn shares_for_january_april_2020_leave_a_remainder() {
        let data = Dataset::embedded();
        let periods = share_periods(&data);
        let printed: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(printed, ["2020-01/2020-04", "2020-01/2020-08", "2022"]);
        let view = EaeuView::new(&data, Some(periods[0]));
        let partners: Vec<(Area, f64)> = view.shares.iter().map(|r| (r.partner, r.share)).collect();
        assert_eq!(
            partners,
            [(CHINA, 29.3), (Area::parse("DEU").unwrap(), 8.3)]
        );
        assert!((view.rest_of_world.unwrap() - 62.4).abs() < 1e-9);
        assert!(view.shares[1].provenance.note_text().starts_with("derived"));
        assert_eq!(view.shares[0].change_pp, None);
        // Each share with a note points at its footnote.
        for row in &view.shares {
            let note = row.note.map(|n| view.notes[n].clone());
            let expected = row.provenance.note_text();
            let expected =
                (!expected.is_empty()).then(|| (row.partner.name().to_string(), expected));
            assert_eq!(note, expected, "{:?}", row.partner);
        }
        assert!(!view.notes.is_empty());
    }

    #[test]
    fn another_period_gives_the_view_a_fresh_one_would_have() {
        let data = Dataset::embedded();
        let periods = share_periods(&data);
        let mut view = EaeuView::new(&data, Some(periods[0]));
        view.select_period(&data, Some(periods[1]));
        assert_eq!(view, EaeuView::new(&data, Some(periods[1])));
    }

    #[test]
    fn union_figures_include_third_countries_mutual_trade_and_investment() {
        let data = Dataset::embedded();
        let view = EaeuView::new(&data, None);
        let labels: Vec<String> = view
            .union_rows
            .iter()
            .map(|r| format!("{} {}", r.period, r.label))
            .collect();
        assert!(
            labels.contains(&"2021 total trade with third countries".to_string()),
            "{labels:?}"
        );
        assert!(
            labels.contains(&"2015 mutual total trade".to_string()),
            "{labels:?}"
        );
        assert!(
            labels.contains(&"2020-01/2020-08 direct investment from China".to_string()),
            "{labels:?}"
        );
        let third = view
            .union_rows
            .iter()
            .find(|r| {
                r.period == Period::annual(2021) && r.label == "total trade with third countries"
            })
            .unwrap();
        assert_eq!(third.growth.unwrap().percent, 35.1);
    }
}
