//! Bilateral trade of one reporter–partner pair, with the partner's mirror
//! figures where it reports the pair too.

mod compare;
mod mirror;
mod table;

pub use compare::Comparison;
pub use mirror::{MirrorFigures, Side};
pub use table::Row;

use table::{compute_row, sort_keys};

use crate::data::model::{CHINA, Naming, RUSSIA, YearMonth};
use crate::data::{Area, Currency, Dataset, Flow, Indicator, Measure, Period, Span, SpanKind};
use crate::view::RowWindow;
use crate::view::findings::{self, Finding};
use crate::view::picker::latest_annual_trade;
use crate::view::sort::{self, Sort};

const FLOWS: [Indicator; 3] = [Indicator::Exports, Indicator::Imports, Indicator::Trade];

/// Every measure that puts a row in the table, levels and published growth;
/// the first three are those the totals are made of.
const MEASURES: [Measure; 7] = [
    Measure::level(Indicator::Exports),
    Measure::level(Indicator::Imports),
    Measure::level(Indicator::Trade),
    Measure::growth(Indicator::Exports),
    Measure::growth(Indicator::Imports),
    Measure::growth(Indicator::Trade),
    Measure::level(Indicator::ImportsFob),
];

/// The table's columns, each of which it can be sorted by.
pub const COLUMNS: [&str; 6] = ["Period", "Exports", "Imports", "Total", "Balance", "Growth"];

/// What the user picked: a pair, a span kind and a currency, and a pair
/// to compare it with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub reporter: Area,
    pub partner: Area,
    pub kind: SpanKind,
    pub currency: Currency,
    pub compare: Option<(Area, Area)>,
}

/// `tests/fixtures/native/mirror.csv`, China–Russia as both sides report it
/// (worked by hand in its README), for the tests of the view and the tab.
#[cfg(test)]
pub(crate) fn mirror_fixture() -> Dataset {
    let csv = include_str!("../../../tests/fixtures/native/mirror.csv");
    let mut builder = crate::data::DatasetBuilder::new();
    builder
        .add_native("mirror.csv", csv.as_bytes(), false)
        .unwrap();
    builder.build()
}

/// The pairs to cycle through, the one the dashboard opens on first:
/// China–Russia when the data has it, else the largest pair by latest
/// annual trade in dollars (see [`opening_reason`]), else the first by code.
pub fn pairs(data: &Dataset) -> Vec<(Area, Area)> {
    let mut pairs = data.trade_pairs();
    let opening = pairs
        .iter()
        .position(|&pair| pair == (CHINA, RUSSIA))
        .or_else(|| largest(data, &pairs));
    if let Some(at) = opening {
        pairs[..=at].rotate_right(1);
    }
    pairs
}

/// The index of the pair with the largest latest annual trade in dollars,
/// the first by code among equals.
fn largest(data: &Dataset, pairs: &[(Area, Area)]) -> Option<usize> {
    pairs
        .iter()
        .enumerate()
        .filter_map(|(at, &pair)| Some((at, latest_annual_trade(data, pair)?.1)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(at, _)| at)
}

/// Why the dashboard opens on `pair` (the first of [`pairs`]), when it is
/// not China–Russia: said on the overview's card.
pub fn opening_reason(data: &Dataset, pair: (Area, Area)) -> Option<&'static str> {
    if pair == (CHINA, RUSSIA) {
        None
    } else if latest_annual_trade(data, pair).is_some() {
        Some("largest pair in the data by latest annual trade")
    } else {
        Some("first pair in the data by code")
    }
}

/// The lines of the chart, in the span kind selected: a point for every
/// period of that kind from the first to the last in the data, `None` for
/// a gap.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLines {
    /// The span kind selected (`s`).
    pub kind: SpanKind,
    /// The period of each point, in order.
    pub periods: Vec<Period>,
    pub exports: Vec<Option<f64>>,
    pub imports: Vec<Option<f64>>,
    pub total: Vec<Option<f64>>,
    /// The partner's totals in the years (or months) the pair has no total
    /// of its own, as when one side stops reporting; `None` elsewhere.
    pub mirror_total: Vec<Option<f64>>,
    /// The compared pair's totals; empty without a comparison.
    pub compared: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BilateralView {
    pub selection: Selection,
    /// The span kinds and currencies this pair has (as either side reports
    /// it), for the switches.
    pub kinds: Vec<SpanKind>,
    pub currencies: Vec<Currency>,
    /// The table: its periods, latest first or as sorted, and the rows
    /// around the selected one.
    pub table: RowWindow<Row>,
    pub sort: Sort,
    /// Whether the partner reports the pair in this currency and span kind,
    /// with figures of its own (not the reporter's recorded again): the
    /// table has mirror figures.
    pub has_mirror: bool,
    pub comparison: Option<Comparison>,
    pub chart: ChartLines,
    /// What the sparklines draw: total trade, or when the data has no
    /// totals for the pair, the flow it has.
    pub sparkline_flow: Indicator,
    /// Totals of every month from the first to the last in the data; gaps are `None`.
    pub monthly: Vec<Option<f64>>,
    pub monthly_span: Option<(Period, Period)>,
    /// What the second sparkline shows: the year-to-date totals in order, or
    /// when rolling twelve months are selected, theirs for every month from
    /// the first to the last (gaps `None`).
    pub sums_kind: SpanKind,
    pub sums: Vec<Option<f64>>,
    pub sums_span: Option<(Period, Period)>,
    /// Published growth rates of the pair in the currency shown that the
    /// data disagrees with, by period: their rows are marked.
    pub findings: Vec<Finding>,
}

impl BilateralView {
    /// The default selection for a pair: annual figures in dollars when it has them.
    pub fn default_selection(data: &Dataset, (reporter, partner): (Area, Area)) -> Selection {
        let (kinds, currencies) = kinds_and_currencies(data, (reporter, partner));
        Selection {
            reporter,
            partner,
            kind: kinds.first().copied().unwrap_or(SpanKind::Annual),
            currency: currencies.first().copied().unwrap_or(Currency::Usd),
            compare: None,
        }
    }

    pub fn new(data: &Dataset, selection: Selection) -> Self {
        let Selection {
            reporter,
            partner,
            kind,
            currency,
            ..
        } = selection;
        // The partner's periods too: where the reporter has no figure, the
        // partner's stand in its columns, marked.
        let mirror_periods = mirror::periods(data, selection);
        let mut periods = data.periods(&MEASURES, reporter, partner, currency, kind);
        periods.extend(&mirror_periods);
        periods.sort_unstable();
        periods.dedup();
        // A year, quarter or month missing between the first and the last
        // is a row of its own ("no figure"), never silently left out.
        if let (Some(&first), Some(&last), true) = (
            periods.first(),
            periods.last(),
            matches!(
                kind,
                SpanKind::Annual | SpanKind::Quarterly | SpanKind::Monthly
            ),
        ) {
            periods = every_period(kind, first, last);
        }
        periods.reverse();
        let sums_kind = match kind {
            SpanKind::Rolling12 => SpanKind::Rolling12,
            _ => SpanKind::Cumulative,
        };
        let series = |indicator, kind| {
            let periods = data.periods(&MEASURES[..3], reporter, partner, currency, kind);
            let flow = Flow::new(indicator, reporter, partner);
            let values = data.amounts(flow, currency, kind, &periods);
            (periods, values)
        };
        // Totals where the data has them; else the first flow it has (a file
        // of exports alone), named in the titles, rather than a row of gaps.
        let known =
            |(_, values): (Vec<Period>, Vec<Option<f64>>)| values.iter().any(Option::is_some);
        let sparkline_flow = [Indicator::Trade, Indicator::Exports, Indicator::Imports]
            .into_iter()
            .find(|&indicator| {
                known(series(indicator, SpanKind::Monthly)) || known(series(indicator, sums_kind))
            })
            .unwrap_or(Indicator::Trade);
        let (months, month_values) = series(sparkline_flow, SpanKind::Monthly);
        let (sum_periods, sum_values) = series(sparkline_flow, sums_kind);
        let sums = match sums_kind {
            SpanKind::Rolling12 => fill_months(&sum_periods, &sum_values),
            _ => sum_values,
        };
        let (kinds, currencies) = kinds_and_currencies(data, (reporter, partner));
        let table = RowWindow::new(periods, |period| {
            compute_row(data, selection, &currencies, period)
        });
        Self {
            selection,
            kinds,
            currencies,
            table,
            sort: Sort::default(),
            has_mirror: mirror::any(data, selection, &mirror_periods),
            comparison: compare::comparison(data, selection),
            chart: chart_lines(data, selection),
            sparkline_flow,
            monthly: fill_months(&months, &month_values),
            monthly_span: months.first().copied().zip(months.last().copied()),
            sums_kind,
            sums,
            sums_span: sum_periods
                .first()
                .copied()
                .zip(sum_periods.last().copied()),
            findings: findings::growth_findings(data, (reporter, partner), &[currency]),
        }
    }

    /// Keeps the table's rows around `index`, the selected row.
    pub fn keep_rows_around(&mut self, data: &Dataset, index: usize) {
        let (selection, currencies) = (self.selection, &self.currencies);
        self.table.keep_around(index, |period| {
            compute_row(data, selection, currencies, period)
        });
    }

    /// Sorts the table, keeping the selection on the period of row
    /// `selected`; gives that period's new row.
    pub fn sort_by(&mut self, data: &Dataset, sort: Sort, selected: usize) -> usize {
        let selection = self.selection;
        let periods = std::mem::take(&mut self.table.periods);
        let period = periods.get(selected).copied();
        let order = sort::order(periods, sort, |periods| {
            sort_keys(data, selection, sort.column, periods)
        });
        self.sort = sort;
        let currencies = &self.currencies;
        self.table.reorder(order, period, |period| {
            compute_row(data, selection, currencies, period)
        })
    }

    /// The table row of `period`, computed (for output of every row).
    pub fn compute_row(&self, data: &Dataset, period: Period) -> Row {
        compute_row(data, self.selection, &self.currencies, period)
    }

    pub fn pair_label(&self, naming: Naming) -> String {
        format!(
            "{}–{}",
            self.selection.reporter.shown(naming),
            self.selection.partner.shown(naming)
        )
    }
}

/// The span kinds and currencies in which either side reports the pair.
fn kinds_and_currencies(data: &Dataset, pair: (Area, Area)) -> (Vec<SpanKind>, Vec<Currency>) {
    let (reporter, partner) = pair;
    let own = (
        data.span_kinds(&MEASURES, reporter, partner),
        data.currencies(&FLOWS, reporter, partner),
    );
    mirror::with_partners(data, pair, own)
}

/// Exports, imports and totals for the chart, and the compared pair's
/// totals, in the span kind selected (`s`): for every period of that kind
/// from the first to the last in the data of either pair, with gaps left
/// as `None`.
fn chart_lines(data: &Dataset, selection: Selection) -> ChartLines {
    let kind = selection.kind;
    let mut found = data.periods(
        &MEASURES[..3],
        selection.reporter,
        selection.partner,
        selection.currency,
        kind,
    );
    found.extend(compare::periods(data, selection, kind));
    found.extend(mirror::periods(data, selection));
    found.sort_unstable();
    let periods = match (found.first(), found.last()) {
        (Some(&first), Some(&last)) => every_period(kind, first, last),
        _ => Vec::new(),
    };
    let line = |indicator| {
        let flow = Flow::new(indicator, selection.reporter, selection.partner);
        data.amounts(flow, selection.currency, kind, &periods)
    };
    let total = line(Indicator::Trade);
    ChartLines {
        kind,
        exports: line(Indicator::Exports),
        imports: line(Indicator::Imports),
        mirror_total: mirror::chart_line(data, selection, (kind, &periods), &total),
        total,
        compared: compare::line(data, selection, kind, &periods),
        periods,
    }
}

/// Every period of `kind` from `first` to `last`: each year, quarter or
/// month, or each month's year to date or twelve months to date.
pub fn every_period(kind: SpanKind, first: Period, last: Period) -> Vec<Period> {
    if kind == SpanKind::Annual {
        return (first.year()..=last.year()).map(Period::annual).collect();
    }
    let (mut month, end) = (first.months().1, last.months().1);
    let mut every = Vec::new();
    while month <= end {
        let span = match kind {
            SpanKind::Quarterly if month.month() % 3 != 0 => None,
            SpanKind::Quarterly => Some(Span::Quarter {
                year: month.year(),
                quarter: (month.month() / 3) as u8,
            }),
            SpanKind::Cumulative => YearMonth::new(month.year(), 1).map(|january| Span::Interval {
                first: january,
                last: month,
            }),
            SpanKind::Rolling12 => Some(Span::Rolling12(month)),
            _ => Some(Span::Month(month)),
        };
        every.extend(span.and_then(Period::from_span));
        month = month.next();
    }
    every
}

/// Spreads the values of periods a month apart (months, or rolling twelve
/// months) over every month between the first and the last, so a missing
/// month is a visible gap.
fn fill_months(months: &[Period], values: &[Option<f64>]) -> Vec<Option<f64>> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Vec::new();
    };
    let index = |p: &Period| {
        let (month, _) = p.months();
        month.year() * 12 + month.month() as i32
    };
    let start = index(first);
    let mut filled = vec![None; (index(last) - start + 1) as usize];
    for (period, value) in months.iter().zip(values) {
        filled[(index(period) - start) as usize] = *value;
    }
    filled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::GrowthKind;

    fn embedded_view(kind: SpanKind) -> BilateralView {
        let data = Dataset::embedded();
        let mut selection = BilateralView::default_selection(&data, pairs(&data)[0]);
        selection.kind = kind;
        BilateralView::new(&data, selection)
    }

    fn embedded_rows(kind: SpanKind) -> Vec<Row> {
        let data = Dataset::embedded();
        let view = embedded_view(kind);
        let rows = view
            .table
            .periods
            .iter()
            .map(|&p| view.compute_row(&data, p));
        rows.collect()
    }

    #[test]
    fn china_russia_comes_first_with_annual_dollars() {
        let view = embedded_view(SpanKind::Annual);
        assert_eq!(view.selection.reporter, CHINA);
        assert_eq!(view.selection.partner, RUSSIA);
        assert_eq!(view.selection.currency, Currency::Usd);
        assert_eq!(view.currencies, [Currency::Usd, Currency::Cny]);
        assert_eq!(view.table.row(0).unwrap().period, Period::annual(2025));
    }

    #[test]
    fn the_2015_gap_stays_a_gap() {
        let view = embedded_view(SpanKind::Annual);
        assert_eq!(view.chart.periods.first(), Some(&Period::annual(2014)));
        assert_eq!(view.chart.total[1], None, "2015 has no published total");
        let rows = embedded_rows(SpanKind::Annual);
        // A row of its own, with no figure: a gap, not a zero.
        let row_2015 = rows.iter().find(|r| r.period == Period::annual(2015));
        assert!(row_2015.is_some_and(Row::has_no_figure));
        // 2016 growth cannot be computed without 2015: the published rate is shown.
        let row_2016 = rows
            .iter()
            .find(|r| r.period == Period::annual(2016))
            .unwrap();
        assert_eq!(row_2016.growth.unwrap().kind, GrowthKind::Published);
        assert_eq!(row_2016.growth.unwrap().percent, 2.2);
    }

    #[test]
    fn rows_carry_balance_growth_and_the_yuan_figure() {
        let row = embedded_rows(SpanKind::Annual)
            .into_iter()
            .find(|r| r.period == Period::annual(2024))
            .unwrap();
        assert!((row.balance.unwrap() - (115.49e9 - 129.32e9)).abs() < 1.0);
        let growth = row.growth.unwrap();
        assert_eq!(growth.kind, GrowthKind::Computed);
        assert!((growth.percent - (244.81 / 240.11 - 1.0) * 100.0).abs() < 1e-9);
        // GACC's published +1.9% goes with it, not hidden behind it.
        assert_eq!(row.published_growth, Some(1.9));
        assert_eq!(row.other_currencies.len(), 1);
        assert_eq!(row.other_currencies[0].amount, 1740e9);
    }

    #[test]
    fn growth_for_sorting_is_the_growth_each_row_shows() {
        let data = Dataset::embedded();
        for kind in embedded_view(SpanKind::Annual).kinds {
            let view = embedded_view(kind);
            let mut periods = view.table.periods.clone();
            periods.sort();
            let keys = sort_keys(&data, view.selection, 5, &periods);
            let shown: Vec<Option<f64>> = periods
                .iter()
                .map(|&p| view.compute_row(&data, p).growth.map(|g| g.percent))
                .collect();
            assert_eq!(keys, shown, "{kind:?}");
        }
    }

    #[test]
    fn monthly_sparkline_has_a_slot_for_every_month() {
        let view = embedded_view(SpanKind::Monthly);
        let (first, last) = view.monthly_span.unwrap();
        assert_eq!(
            (first.to_string(), last.to_string()),
            ("2021-04".into(), "2025-06".into())
        );
        assert_eq!(view.monthly.len(), 51);
        assert_eq!(view.monthly.iter().filter(|v| v.is_some()).count(), 12);
    }
}
