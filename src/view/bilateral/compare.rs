//! A second pair compared with the one shown (`+`): its total trade beside
//! the pair's, in the same currency and span kind only, never converted.

use super::Selection;
use crate::data::{Area, Dataset, Flow, Indicator, Measure, Period, SpanKind};
use crate::view::{Figure, figure};

/// The levels a pair's total is made of: published, or exports + imports.
const TOTALS: [Measure; 3] = [
    Measure::level(Indicator::Trade),
    Measure::level(Indicator::Exports),
    Measure::level(Indicator::Imports),
];

/// The pair compared, as the view shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub pair: (Area, Area),
    /// Whether it has totals in the view's currency and span kind; when it
    /// has none, the table and chart say so instead of showing a column of
    /// gaps.
    pub has_totals: bool,
}

impl Comparison {
    pub fn label(&self) -> String {
        format!("{}–{}", self.pair.0.name(), self.pair.1.name())
    }
}

/// The comparison of a selection, if it has one.
pub(super) fn comparison(data: &Dataset, selection: Selection) -> Option<Comparison> {
    let pair = selection.compare?;
    let periods = periods(data, selection, selection.kind);
    let flow = Flow::new(Indicator::Trade, pair.0, pair.1);
    let totals = data.amounts(flow, selection.currency, selection.kind, &periods);
    Some(Comparison {
        pair,
        has_totals: totals.iter().any(Option::is_some),
    })
}

/// The compared pair's total for a period, in the selection's currency.
pub(super) fn total(data: &Dataset, selection: Selection, period: Period) -> Option<Figure> {
    let (reporter, partner) = selection.compare?;
    let flow = Flow::new(Indicator::Trade, reporter, partner);
    figure(data, flow, selection.currency, period)
}

/// The periods of `kind` with the compared pair's figures in the
/// selection's currency; none without a comparison.
pub(super) fn periods(data: &Dataset, selection: Selection, kind: SpanKind) -> Vec<Period> {
    selection.compare.map_or(Vec::new(), |(reporter, partner)| {
        data.periods(&TOTALS, reporter, partner, selection.currency, kind)
    })
}

/// The compared pair's totals for `periods` (ascending, of `kind`), or
/// none without a comparison.
pub(super) fn line(
    data: &Dataset,
    selection: Selection,
    kind: SpanKind,
    periods: &[Period],
) -> Vec<Option<f64>> {
    selection.compare.map_or(Vec::new(), |(reporter, partner)| {
        let flow = Flow::new(Indicator::Trade, reporter, partner);
        data.amounts(flow, selection.currency, kind, periods)
    })
}

#[cfg(test)]
mod tests {
    use crate::data::model::{CHINA, EAEU};
    use crate::data::{Currency, Dataset, Period};
    use crate::view::bilateral::{BilateralView, pairs};

    fn compared(currency: Currency) -> (Dataset, BilateralView) {
        let data = Dataset::embedded();
        let mut selection = BilateralView::default_selection(&data, pairs(&data)[0]);
        selection.compare = Some((EAEU, CHINA));
        selection.currency = currency;
        let view = BilateralView::new(&data, selection);
        (data, view)
    }

    #[test]
    fn the_compared_totals_follow_the_charts_years_and_the_tables_periods() {
        let (data, view) = compared(Currency::Usd);
        let comparison = view.comparison.unwrap();
        assert!(comparison.has_totals);
        assert_eq!(comparison.label(), "Eurasian Economic Union–China");
        let chart = &view.chart;
        assert_eq!(chart.compared.len(), chart.periods.len());
        let at = |year| {
            chart
                .periods
                .iter()
                .position(|&p| p == Period::annual(year))
        };
        assert_eq!(chart.compared[at(2022).unwrap()], Some(220e9));
        assert_eq!(chart.compared[at(2024).unwrap()], None);
        // The table's periods are the pair's own.
        let plain = BilateralView::new(
            &data,
            BilateralView::default_selection(&data, pairs(&data)[0]),
        );
        assert_eq!(view.table.periods, plain.table.periods);
        let row = view.compute_row(&data, Period::annual(2022));
        assert_eq!(row.compared.unwrap().amount, 220e9);
        assert_eq!(
            plain.compute_row(&data, Period::annual(2022)).compared,
            None
        );
    }

    #[test]
    fn a_pair_without_totals_in_the_currency_has_none_compared() {
        let (data, view) = compared(Currency::Cny);
        assert!(!view.comparison.unwrap().has_totals);
        assert!(view.chart.compared.iter().all(Option::is_none));
        let row = view.compute_row(&data, view.table.periods[0]);
        assert_eq!(row.compared, None, "never a dollar figure in a yuan table");
    }
}
