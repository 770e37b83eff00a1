//! The overview: one card per headline figure, each with the series behind it.

use super::bilateral::opening_reason;
use super::{Figure, Provenance, figure};
use crate::data::model::{BELT_AND_ROAD, CHINA, EAEU, Naming};
use crate::data::{Area, Currency, Dataset, Flow, Growth, Indicator, Measure, Period, SpanKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub title: String,
    /// The flow the headline is a figure of.
    pub flow: Flow,
    /// What the card would show, for the "no data for …" message.
    pub subject: String,
    /// Why the card shows this pair, when the dashboard chose it (not
    /// China–Russia): "largest pair in the data by latest annual trade".
    pub chosen: Option<&'static str>,
    pub latest: Option<Latest>,
    /// The series behind the headline, oldest first; gaps are `None`.
    pub history: Vec<Option<f64>>,
    pub history_span: Option<(Period, Period)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Latest {
    pub period: Period,
    pub figure: Figure,
    pub growth: Option<Growth>,
    pub provenance: Provenance,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OverviewView {
    pub cards: Vec<Card>,
}

impl OverviewView {
    /// `pair` is the bilateral tab's default pair (the first of
    /// [`super::bilateral::pairs`]: China–Russia when present, else the
    /// largest), its card titled with names or codes as `naming` says.
    pub fn new(data: &Dataset, pair: Option<(Area, Area)>, naming: Naming) -> Self {
        let mut cards = Vec::new();
        if let Some((reporter, partner)) = pair {
            // In dollars when the pair has them, else in yuan, else in euros
            // (a pair from a Eurostat file has only euros).
            let indicators = [Indicator::Trade, Indicator::Exports, Indicator::Imports];
            let currency = data
                .currencies(&indicators, reporter, partner)
                .first()
                .copied()
                .unwrap_or(Currency::Usd);
            // A pair with only one flow in the data still gets its card.
            let flows = indicators.map(|indicator| {
                let title = format!(
                    "{}–{} {}",
                    reporter.shown(naming),
                    partner.shown(naming),
                    indicator.code()
                );
                let mut card = card(
                    data,
                    title,
                    Flow::new(indicator, reporter, partner),
                    currency,
                );
                card.chosen = opening_reason(data, (reporter, partner));
                card
            });
            let first = flows[0].clone();
            cards.push(
                flows
                    .into_iter()
                    .find(|c| c.latest.is_some())
                    .unwrap_or(first),
            );
        }
        cards.push(card(
            data,
            "China's share of EAEU trade".to_string(),
            Flow::new(Indicator::TradeShare, EAEU, CHINA),
            Currency::Percent,
        ));
        cards.push(card(
            data,
            "China–Belt and Road trade".to_string(),
            Flow::new(Indicator::Trade, CHINA, BELT_AND_ROAD),
            Currency::Usd,
        ));
        cards.push(card(
            data,
            "Belt and Road non-fin. investment".to_string(),
            Flow::new(Indicator::OdiNonfin, CHINA, BELT_AND_ROAD),
            Currency::Usd,
        ));
        Self { cards }
    }
}

/// The latest figure of a flow: from the span kind whose figures run to the
/// latest month (a headline is the newest figure), annual first where two
/// end together.
fn card(data: &Dataset, title: String, flow: Flow, currency: Currency) -> Card {
    let subject = title.clone();
    let measures = [Measure::level(flow.indicator)];
    // Each span kind's figures, in one walk of its series.
    let figures_of = |kind| {
        let mut measures = measures.to_vec();
        if flow.indicator == Indicator::Trade {
            measures.push(Measure::level(Indicator::Exports));
        }
        let periods = data.periods(&measures, flow.reporter, flow.partner, currency, kind);
        let amounts = data.amounts(flow, currency, kind, &periods);
        let found = periods.into_iter().zip(amounts);
        found
            .filter_map(|(period, amount)| Some((period, amount?)))
            .collect::<Vec<_>>()
    };
    let figures = SpanKind::ALL
        .into_iter()
        .rev()
        .map(figures_of)
        .filter(|figures| !figures.is_empty())
        .max_by_key(|figures| figures.last().map(|(p, _)| p.months().1))
        .unwrap_or_default();
    let (Some(&(first, _)), Some(&(last, _))) = (figures.first(), figures.last()) else {
        return Card {
            title,
            flow,
            subject,
            chosen: None,
            latest: None,
            history: Vec::new(),
            history_span: None,
        };
    };
    let history: Vec<Option<f64>> = if last.kind() == SpanKind::Annual {
        // Every year from the first to the last, a missing one a gap.
        let mut years = vec![None; (last.year() - first.year() + 1) as usize];
        for &(period, amount) in &figures {
            years[(period.year() - first.year()) as usize] = Some(amount);
        }
        years
    } else {
        figures.iter().map(|&(_, amount)| Some(amount)).collect()
    };
    let figure = figure(data, flow, currency, last).expect("periods have figures");
    let mut provenance = Provenance::default();
    provenance.add_figure(data, Some(&figure));
    let growth = (currency != Currency::Percent)
        .then(|| data.growth(flow, currency, last))
        .flatten();
    if growth.is_some() {
        provenance.add(data, data.published_growth(flow, currency, last));
    }
    Card {
        title,
        flow,
        subject,
        chosen: None,
        latest: Some(Latest {
            period: last,
            figure,
            growth,
            provenance,
        }),
        history,
        history_span: Some((first, last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::RUSSIA;

    #[test]
    fn cards_show_the_latest_headline_figures() {
        let data = Dataset::embedded();
        let view = OverviewView::new(&data, Some((CHINA, RUSSIA)), Naming::Names);
        let latest: Vec<(String, f64)> = view
            .cards
            .iter()
            .map(|c| {
                let l = c.latest.as_ref().unwrap();
                (
                    l.period.to_string(),
                    l.figure.published.map_or(f64::NAN, |o| o.value),
                )
            })
            .collect();
        assert_eq!(latest[0], ("2025".to_string(), 228.105));
        // The 2022 annual share ends later than January–August 2020.
        assert_eq!(latest[1], ("2022".to_string(), 24.7));
        assert_eq!(latest[2].0, "2021");
        assert_eq!(latest[3], ("2024".to_string(), 33.69));
        let growth = view.cards[0].latest.as_ref().unwrap().growth.unwrap();
        // Computed from 2024 (−6.82%), within tolerance of the published −6.9%.
        assert_eq!(growth.kind, crate::data::GrowthKind::Computed);
        assert!((growth.percent - (228.105 / 244.81 - 1.0) * 100.0).abs() < 1e-9);
        // 2014 to 2025, with 2015 a gap.
        assert_eq!(view.cards[0].history.len(), 12);
        assert_eq!(view.cards[0].history[1], None);
    }
}
