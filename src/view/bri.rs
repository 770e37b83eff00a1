//! China and the Belt and Road countries: trade and non-financial direct investment.

use super::findings::{self, Finding};
use super::sort::{self, Sort};
use super::{Figure, Provenance, RowWindow, figure};
use crate::data::model::{BELT_AND_ROAD, CHINA, WORLD};
use crate::data::{Currency, Dataset, Flow, Growth, Indicator, Measure, Period, SpanKind};

/// The two things the tab shows, one table at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Trade,
    Investment,
}

impl Topic {
    pub fn indicator(self) -> Indicator {
        match self {
            Topic::Trade => Indicator::Trade,
            Topic::Investment => Indicator::OdiNonfin,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Topic::Trade => "China's trade with Belt and Road countries",
            Topic::Investment => "China's non-financial investment in them",
        }
    }

    pub fn other(self) -> Self {
        match self {
            Topic::Trade => Topic::Investment,
            Topic::Investment => Topic::Trade,
        }
    }
}

/// How a share of China's total was obtained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Share {
    pub percent: f64,
    /// Computed here from China's total in the same currency, rather than published.
    pub computed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub period: Period,
    pub usd: Option<Figure>,
    pub cny: Option<Figure>,
    /// Growth and the currency it is measured in.
    pub growth: Option<(Growth, Currency)>,
    pub share: Option<Share>,
    pub provenance: Provenance,
}

/// The table's columns it can be sorted by (its notes are not).
pub const COLUMNS: [&str; 5] = ["Period", "USD", "CNY", "Growth", "Share"];

/// Bars of one topic in dollars; none at all when no period has a value.
pub type Bars = Vec<Bar>;

/// One period's bar: its dollar figure, or why there is none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub period: Period,
    pub usd: Result<f64, NoUsd>,
}

/// Why a bar has no dollar figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoUsd {
    /// A figure in yuan only, never converted.
    YuanOnly,
    /// A growth rate or share only, no level.
    NoLevel,
    /// No figure at all: a year missing between others.
    NoFigure,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BriView {
    pub kind: SpanKind,
    pub kinds: Vec<SpanKind>,
    pub topic: Topic,
    /// The selected topic and span kind's table, latest period first or as sorted.
    pub table: RowWindow<Row>,
    pub sort: Sort,
    pub trade_bars: Bars,
    pub investment_bars: Bars,
    /// Published growth rates of the topic that the data disagrees with,
    /// by period: their rows are marked.
    pub findings: Vec<Finding>,
}

/// The growth findings about the topic's flow in periods of `kind`, in
/// dollars or yuan.
fn topic_findings(data: &Dataset, topic: Topic, kind: SpanKind) -> Vec<Finding> {
    let mut found = findings::growth_findings(
        data,
        (CHINA, BELT_AND_ROAD),
        &[Currency::Usd, Currency::Cny],
    );
    found.retain(|f| f.indicator == topic.indicator() && f.period.kind() == kind);
    found
}

fn measures(indicator: Indicator) -> [Measure; 2] {
    [Measure::level(indicator), Measure::growth(indicator)]
}

/// The span kinds with Belt and Road figures of either topic.
pub fn kinds(data: &Dataset) -> Vec<SpanKind> {
    let mut kinds: Vec<SpanKind> = [Topic::Trade, Topic::Investment]
        .into_iter()
        .flat_map(|topic| data.span_kinds(&measures(topic.indicator()), CHINA, BELT_AND_ROAD))
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

impl BriView {
    pub fn new(data: &Dataset, kind: SpanKind, topic: Topic) -> Self {
        let [trade, investment] = [Topic::Trade, Topic::Investment].map(|t| periods(data, t, kind));
        let table_periods = match topic {
            Topic::Trade => trade.clone(),
            Topic::Investment => investment.clone(),
        };
        Self {
            kind,
            kinds: kinds(data),
            topic,
            table: table(data, topic, table_periods),
            sort: Sort::default(),
            trade_bars: bars(data, Topic::Trade, kind, trade),
            investment_bars: bars(data, Topic::Investment, kind, investment),
            findings: topic_findings(data, topic, kind),
        }
    }

    /// Another span kind or topic: for another topic alone, only the table
    /// is computed again (the bars show both topics); the kinds never change
    /// (they are the data's).
    pub fn select(&mut self, data: &Dataset, kind: SpanKind, topic: Topic) {
        if kind != self.kind {
            *self = Self::new(data, kind, topic);
        } else {
            self.table = table(data, topic, periods(data, topic, kind));
            self.topic = topic;
            self.findings = topic_findings(data, topic, kind);
            self.sort = Sort::default();
        }
    }

    /// Sorts the table, keeping the selection on the period of row
    /// `selected`; gives that period's new row.
    pub fn sort_by(&mut self, data: &Dataset, sort: Sort, selected: usize) -> usize {
        let (topic, kind) = (self.topic, self.kind);
        let periods = std::mem::take(&mut self.table.periods);
        let period = periods.get(selected).copied();
        let order = sort::order(periods, sort, |periods| {
            sort_keys(data, topic, kind, sort.column, periods)
        });
        self.sort = sort;
        self.table
            .reorder(order, period, |period| compute_row(data, topic, period))
    }

    /// Keeps the table's rows around `index`, the selected row.
    pub fn keep_rows_around(&mut self, data: &Dataset, index: usize) {
        let topic = self.topic;
        self.table
            .keep_around(index, |period| compute_row(data, topic, period));
    }
}

/// The tab is China's figures as China publishes them, in dollars and yuan:
/// euro figures (Eurostat's, reported by EU members) have no column here.
fn periods(data: &Dataset, topic: Topic, kind: SpanKind) -> Vec<Period> {
    let mut periods: Vec<Period> = [Currency::Usd, Currency::Cny]
        .into_iter()
        .flat_map(|currency| {
            let mut measures = measures(topic.indicator()).to_vec();
            if topic == Topic::Trade {
                measures.extend([
                    Measure::level(Indicator::Exports),
                    Measure::level(Indicator::Imports),
                ]);
            }
            data.periods(&measures, CHINA, BELT_AND_ROAD, currency, kind)
        })
        .chain(share_periods(data, topic, kind))
        .collect();
    periods.sort();
    periods.dedup();
    periods
}

/// Periods with a published share, which may have no level of their own.
fn share_periods(data: &Dataset, topic: Topic, kind: SpanKind) -> Vec<Period> {
    match topic {
        Topic::Trade => data.periods(
            &[Measure::level(Indicator::TradeShare)],
            CHINA,
            BELT_AND_ROAD,
            Currency::Percent,
            kind,
        ),
        Topic::Investment => Vec::new(),
    }
}

/// The table of a topic's `periods` (in order), latest first.
fn table(data: &Dataset, topic: Topic, mut periods: Vec<Period>) -> RowWindow<Row> {
    periods.reverse();
    RowWindow::new(periods, |period| compute_row(data, topic, period))
}

/// The table row of `period`, for output of every row.
pub fn compute_row(data: &Dataset, topic: Topic, period: Period) -> Row {
    let flow = Flow::new(topic.indicator(), CHINA, BELT_AND_ROAD);
    let usd = figure(data, flow, Currency::Usd, period);
    let cny = figure(data, flow, Currency::Cny, period);
    let growth = growth_shown(data, flow, usd.is_none() && cny.is_some(), period);
    let published_share = (topic == Topic::Trade)
        .then(|| figure(data, share_flow(), Currency::Percent, period))
        .flatten();
    let amount = |figure: Option<Figure>| figure.map(|f| f.amount);
    let share = share(
        data,
        topic,
        period,
        amount(published_share),
        [amount(usd), amount(cny)],
    );
    let mut provenance = Provenance::default();
    for figure in [&usd, &cny, &published_share] {
        provenance.add_figure(data, figure.as_ref());
    }
    if let Some((_, currency)) = growth {
        provenance.add(data, data.published_growth(flow, currency, period));
    }
    Row {
        period,
        usd,
        cny,
        growth,
        share,
        provenance,
    }
}

fn share_flow() -> Flow {
    Flow::new(Indicator::TradeShare, CHINA, BELT_AND_ROAD)
}

/// Growth in the currency of the level shown, dollars first (yuan first when
/// only yuan is shown); the currency goes with the rate so yuan and dollar
/// growth never mix.
fn growth_shown(
    data: &Dataset,
    flow: Flow,
    yuan_only: bool,
    period: Period,
) -> Option<(Growth, Currency)> {
    let currencies = if yuan_only {
        [Currency::Cny, Currency::Usd]
    } else {
        [Currency::Usd, Currency::Cny]
    };
    currencies
        .into_iter()
        .find_map(|currency| data.growth(flow, currency, period).map(|g| (g, currency)))
}

/// The published share, or one computed from China's total in the
/// currency of the first of the `[usd, cny]` amounts known.
fn share(
    data: &Dataset,
    topic: Topic,
    period: Period,
    published: Option<f64>,
    [usd, cny]: [Option<f64>; 2],
) -> Option<Share> {
    if let Some(percent) = published {
        return Some(Share {
            percent,
            computed: false,
        });
    }
    let world = Flow::new(topic.indicator(), CHINA, WORLD);
    [(usd, Currency::Usd), (cny, Currency::Cny)]
        .into_iter()
        .find_map(|(part, currency)| {
            let total = data.level(world, currency, period)?;
            Some(Share {
                percent: part? / total.amount * 100.0,
                computed: true,
            })
        })
}

/// The values of `column` (of [`COLUMNS`]) for `periods` (ascending), as
/// the table shows them: levels in one walk of each series, growth and
/// shares by period (a search each).
fn sort_keys(
    data: &Dataset,
    topic: Topic,
    kind: SpanKind,
    column: usize,
    periods: &[Period],
) -> Vec<Option<f64>> {
    let flow = Flow::new(topic.indicator(), CHINA, BELT_AND_ROAD);
    let [usd, cny] = [Currency::Usd, Currency::Cny].map(|c| data.amounts(flow, c, kind, periods));
    let published_shares = match topic {
        Topic::Trade => data.amounts(share_flow(), Currency::Percent, kind, periods),
        Topic::Investment => vec![None; periods.len()],
    };
    let known = |at: usize| [usd[at], cny[at]];
    let each = periods.iter().enumerate();
    match COLUMNS.get(column) {
        Some(&"Growth") => each
            .map(|(at, &period)| {
                let yuan_only = usd[at].is_none() && cny[at].is_some();
                growth_shown(data, flow, yuan_only, period).map(|(g, _)| g.percent)
            })
            .collect(),
        Some(&"Share") => each
            .map(|(at, &period)| {
                share(data, topic, period, published_shares[at], known(at)).map(|s| s.percent)
            })
            .collect(),
        Some(&"USD") => usd,
        Some(&"CNY") => cny,
        _ => vec![None; periods.len()],
    }
}

/// Dollar values for the chart. Annual bars cover every year from the first to
/// the last, so a missing year is a visible gap.
fn bars(data: &Dataset, topic: Topic, kind: SpanKind, listed: Vec<Period>) -> Bars {
    let flow = Flow::new(topic.indicator(), CHINA, BELT_AND_ROAD);
    let periods: Vec<Period> = match (kind, listed.first(), listed.last()) {
        (SpanKind::Annual, Some(first), Some(last)) => {
            (first.year()..=last.year()).map(Period::annual).collect()
        }
        _ => listed.clone(),
    };
    let values = data.amounts(flow, Currency::Usd, kind, &periods);
    if values.iter().all(Option::is_none) {
        return Vec::new();
    }
    let yuan = data.amounts(flow, Currency::Cny, kind, &periods);
    (periods.into_iter().zip(values).zip(yuan))
        .map(|((period, usd), yuan)| Bar {
            period,
            usd: match (usd, yuan) {
                (Some(usd), _) => Ok(usd),
                (None, Some(_)) => Err(NoUsd::YuanOnly),
                (None, None) if listed.binary_search(&period).is_ok() => Err(NoUsd::NoLevel),
                (None, None) => Err(NoUsd::NoFigure),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::GrowthKind;

    /// Every row of a view's table, computed.
    fn all_rows(data: &Dataset, view: &BriView) -> Vec<Row> {
        let periods = view.table.periods.iter();
        periods.map(|&p| compute_row(data, view.topic, p)).collect()
    }

    #[test]
    fn another_kind_or_topic_gives_the_view_a_fresh_one_would_have() {
        let data = Dataset::embedded();
        let mut view = BriView::new(&data, SpanKind::Annual, Topic::Trade);
        for (kind, topic) in [
            (SpanKind::Annual, Topic::Investment),
            (SpanKind::Cumulative, Topic::Investment),
            (SpanKind::Cumulative, Topic::Trade),
            (SpanKind::Annual, Topic::Trade),
        ] {
            view.select(&data, kind, topic);
            assert_eq!(view, BriView::new(&data, kind, topic), "{kind:?} {topic:?}");
        }
    }

    #[test]
    fn trade_rows_show_both_currencies_growth_and_share() {
        let data = Dataset::embedded();
        let view = BriView::new(&data, SpanKind::Cumulative, Topic::Trade);
        let rows = all_rows(&data, &view);
        let row = rows
            .iter()
            .find(|r| r.period.to_string() == "2020-01/2020-04")
            .unwrap();
        assert_eq!(row.usd.unwrap().amount, 389e9);
        assert_eq!(row.cny.unwrap().amount, 2760e9);
        assert_eq!(row.growth.unwrap().0.percent, 0.9);
        assert_eq!(
            row.share,
            Some(Share {
                percent: 30.4,
                computed: false
            })
        );
        // A period with only a growth rate and a share still has its row.
        assert!(
            rows.iter()
                .any(|r| r.period.to_string() == "2023-01/2023-06")
        );
    }

    #[test]
    fn investment_share_is_computed_from_chinas_total() {
        let data = Dataset::embedded();
        let view = BriView::new(&data, SpanKind::Annual, Topic::Investment);
        let rows = all_rows(&data, &view);
        let row_2020 = rows
            .iter()
            .find(|r| r.period == Period::annual(2020))
            .unwrap();
        let share = row_2020.share.unwrap();
        assert!(share.computed);
        assert!((share.percent - 17.79 / 110.15 * 100.0).abs() < 1e-9);
        let row_2023 = rows
            .iter()
            .find(|r| r.period == Period::annual(2023))
            .unwrap();
        assert!(row_2023.usd.is_none());
        let (growth, currency) = row_2023.growth.unwrap();
        assert_eq!(
            (growth.percent, growth.kind, currency),
            (28.4, GrowthKind::Published, Currency::Cny)
        );
    }

    #[test]
    fn annual_bars_keep_gaps() {
        let data = Dataset::embedded();
        let view = BriView::new(&data, SpanKind::Annual, Topic::Trade);
        let labels: Vec<String> = view
            .trade_bars
            .iter()
            .map(|b| b.period.to_string())
            .collect();
        assert_eq!(labels.first().map(String::as_str), Some("2013"));
        assert_eq!(labels.last().map(String::as_str), Some("2021"));
        assert_eq!(view.trade_bars[1].usd, Err(NoUsd::NoFigure), "2014");
        // 2018 is derived from exports and imports.
        assert!((view.trade_bars[5].usd.unwrap() - 1267.8e9).abs() < 1.0);
        // 2023's investment is published in yuan only.
        let view = BriView::new(&data, SpanKind::Annual, Topic::Investment);
        let bar = view
            .investment_bars
            .iter()
            .find(|b| b.period == Period::annual(2023));
        assert_eq!(bar.unwrap().usd, Err(NoUsd::YuanOnly));
        // The first half of 2023: growth and share of trade only.
        let view = BriView::new(&data, SpanKind::Cumulative, Topic::Trade);
        let first_half = Period::parse("2023-01/2023-06").unwrap();
        let bar = view.trade_bars.iter().find(|b| b.period == first_half);
        assert_eq!(bar.unwrap().usd, Err(NoUsd::NoLevel));
    }
}
