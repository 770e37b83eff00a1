//! The bilateral table's mirror figures: the pair's trade as the partner
//! reports it, beside the reporter's own, with the gap; and, where the
//! reporter has no figure, the partner's in its place, marked as such.

use super::{Row, Selection};
use crate::data::derive::mirror::{self, gap_percent, is_same_figure, mirror_flow};
use crate::data::{Area, Currency, Dataset, Flow, Indicator, Period, SpanKind};
use crate::view::{Figure, Provenance, figure};

/// A period's flows as the partner reports them, in the table's currency
/// and span kind: never added to the reporter's figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MirrorFigures {
    /// The partner's imports from the reporter: the mirror of its exports.
    pub exports: Option<Figure>,
    /// The partner's exports to the reporter: the mirror of its imports.
    pub imports: Option<Figure>,
    /// The partner's total trade with the reporter.
    pub total: Option<Figure>,
    /// (mirror − reported) / reported, in %, where both are known.
    pub exports_gap: Option<f64>,
    pub imports_gap: Option<f64>,
}

/// Whose figure a cell of the reporter's columns shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Reporter,
    /// The partner's, where the reporter has none for the period.
    Partner,
}

impl Row {
    /// The figure the reporter's column of `indicator` (exports, imports or
    /// total) shows: the reporter's own, else the partner's mirror of it.
    pub fn shown(&self, indicator: Indicator) -> Option<(&Figure, Side)> {
        let mirror = self.mirror.as_ref();
        let (own, theirs) = match indicator {
            Indicator::Exports => (&self.exports, mirror.and_then(|m| m.exports.as_ref())),
            Indicator::Imports => (&self.imports, mirror.and_then(|m| m.imports.as_ref())),
            Indicator::Trade => (&self.total, mirror.and_then(|m| m.total.as_ref())),
            _ => return None,
        };
        match own {
            Some(own) => Some((own, Side::Reporter)),
            None => theirs.map(|theirs| (theirs, Side::Partner)),
        }
    }
}

/// The partner's figures for a period, their sources added to
/// `provenance`; None when the partner reports none of them. A figure that
/// is the reporter's own recorded again (see [`is_same_figure`]) is none.
pub(super) fn figures(
    data: &Dataset,
    selection: Selection,
    own: [Option<&Figure>; 3],
    period: Period,
    provenance: &mut Provenance,
) -> Option<MirrorFigures> {
    let [exports, imports, total] = own;
    let mirrored = |indicator, own: Option<&Figure>| {
        let flow = Flow::new(indicator, selection.reporter, selection.partner);
        let theirs = figure(data, mirror_flow(flow)?, selection.currency, period)?;
        let published = |figure: &Figure| figure.published;
        match (own.and_then(published), theirs.published) {
            (Some(own), Some(published)) if is_same_figure(&own, &published) => None,
            _ => Some(theirs),
        }
    };
    let (exports_mirror, imports_mirror) = (
        mirrored(Indicator::Exports, exports),
        mirrored(Indicator::Imports, imports),
    );
    // A total the partner's data makes of the same figures is the same total.
    let total_mirror = mirrored(Indicator::Trade, total).filter(|theirs| {
        theirs.published.is_some() || exports_mirror.is_some() || imports_mirror.is_some()
    });
    let found = MirrorFigures {
        exports: exports_mirror,
        imports: imports_mirror,
        total: total_mirror,
        exports_gap: None,
        imports_gap: None,
    };
    if found.exports.is_none() && found.imports.is_none() && found.total.is_none() {
        return None;
    }
    for figure in [&found.exports, &found.imports, &found.total] {
        provenance.add_figure(data, figure.as_ref());
    }
    let gap =
        |own: Option<&Figure>, theirs: Option<Figure>| gap_percent(own?.amount, theirs?.amount);
    Some(MirrorFigures {
        exports_gap: gap(exports, found.exports),
        imports_gap: gap(imports, found.imports),
        ..found
    })
}

/// Whether the partner has figures of its own for any of `periods`, in the
/// selection's currency and span kind. The search ends at the first found,
/// so it runs through the periods only where every figure of the partner's
/// is the reporter's recorded again (BACI's).
pub(super) fn any(data: &Dataset, selection: Selection, periods: &[Period]) -> bool {
    let flow = |indicator| Flow::new(indicator, selection.reporter, selection.partner);
    periods.iter().any(|&period| {
        let own = [Indicator::Exports, Indicator::Imports, Indicator::Trade]
            .map(|indicator| figure(data, flow(indicator), selection.currency, period));
        let own = [own[0].as_ref(), own[1].as_ref(), own[2].as_ref()];
        figures(data, selection, own, period, &mut Provenance::default()).is_some()
    })
}

/// The values the reporter's column of `indicator` shows for `periods`
/// (ascending), for sorting: `own` (its figures), else the partner's.
pub(super) fn shown_amounts(
    data: &Dataset,
    selection: Selection,
    indicator: Indicator,
    periods: &[Period],
    own: Vec<Option<f64>>,
) -> Vec<Option<f64>> {
    let flow = Flow::new(indicator, selection.reporter, selection.partner);
    let Some(mirror) = mirror_flow(flow) else {
        return own;
    };
    let theirs = data.amounts(mirror, selection.currency, selection.kind, periods);
    own.into_iter()
        .zip(theirs)
        .map(|(own, theirs)| own.or(theirs))
        .collect()
}

/// The partner's totals for the chart's `periods` (ascending, of `kind`)
/// where the pair has no total of its own (`own`, for the same periods);
/// `None` elsewhere.
pub(super) fn chart_line(
    data: &Dataset,
    selection: Selection,
    (kind, periods): (SpanKind, &[Period]),
    own: &[Option<f64>],
) -> Vec<Option<f64>> {
    let flow = Flow::new(Indicator::Trade, selection.reporter, selection.partner);
    let Some(mirror) = mirror_flow(flow) else {
        return vec![None; periods.len()];
    };
    let theirs = data.amounts(mirror, selection.currency, kind, periods);
    let own = own.iter();
    theirs
        .into_iter()
        .zip(own)
        .map(|(theirs, own)| theirs.filter(|_| own.is_none()))
        .collect()
}

/// The periods of `kind` in which the partner reports the pair in `currency`.
pub(super) fn periods(data: &Dataset, selection: Selection) -> Vec<Period> {
    let pair = (selection.reporter, selection.partner);
    mirror::periods(data, pair, selection.currency, selection.kind)
}

/// `own` (the reporter's kinds and currencies) with those in which only
/// the partner reports the pair, in order.
pub(super) fn with_partners(
    data: &Dataset,
    pair: (Area, Area),
    (mut kinds, mut currencies): (Vec<SpanKind>, Vec<Currency>),
) -> (Vec<SpanKind>, Vec<Currency>) {
    let (their_kinds, their_currencies) = mirror::kinds_and_currencies(data, pair);
    kinds.extend(their_kinds);
    currencies.extend(their_currencies);
    kinds.sort();
    kinds.dedup();
    currencies.sort();
    currencies.dedup();
    (kinds, currencies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetBuilder;
    use crate::data::model::{CHINA, RUSSIA};
    use crate::view::bilateral::{BilateralView, sort_keys};

    use crate::view::bilateral::mirror_fixture as data;

    fn view(data: &Dataset, pair: (Area, Area), currency: Currency) -> BilateralView {
        let mut selection = BilateralView::default_selection(data, pair);
        selection.currency = currency;
        BilateralView::new(data, selection)
    }

    fn row(data: &Dataset, view: &BilateralView, year: i32) -> Row {
        view.compute_row(data, Period::annual(year))
    }

    fn close(value: Option<f64>, expected: f64) -> bool {
        value.is_some_and(|v| (v - expected).abs() < 1e-9)
    }

    #[test]
    fn both_sides_stand_side_by_side_with_the_gap() {
        let data = data();
        let view = view(&data, (CHINA, RUSSIA), Currency::Usd);
        assert!(view.has_mirror);
        let years: Vec<i32> = view.table.periods.iter().map(|p| p.year()).collect();
        assert_eq!(
            years,
            [2022, 2021, 2020, 2019, 2018],
            "2018 is Russia's alone"
        );
        let row = row(&data, &view, 2019);
        let mirror = row.mirror.unwrap();
        assert_eq!(row.exports.unwrap().amount, 50e9);
        assert_eq!(mirror.exports.unwrap().amount, 52.5e9);
        assert!(close(mirror.exports_gap, 5.0));
        assert_eq!(mirror.imports.unwrap().amount, 57e9);
        assert!(close(mirror.imports_gap, -5.0));
        // The reporter's own total, balance and growth, never the partner's.
        assert_eq!(row.total.unwrap().amount, 110e9);
        assert_eq!(row.balance, Some(-10e9));
        assert_eq!(row.growth, None, "China has no 2018 figure");
        assert!(
            row.provenance
                .sources
                .contains(&"Russian customs (hand-made)".into())
        );
        let row_2020 = self::row(&data, &view, 2020).mirror.unwrap();
        assert!(close(row_2020.exports_gap, 5.0));
        assert!(close(row_2020.imports_gap, -4.0));
        assert_eq!(self::row(&data, &view, 2021).mirror, None);
    }

    #[test]
    fn where_the_reporter_has_no_figure_the_partners_is_shown_as_theirs() {
        let data = data();
        let view = view(&data, (CHINA, RUSSIA), Currency::Usd);
        let row = row(&data, &view, 2018);
        assert_eq!((row.exports, row.imports, row.total), (None, None, None));
        let shown = |indicator| {
            let (figure, side) = row.shown(indicator).unwrap();
            (figure.amount, side)
        };
        assert_eq!(shown(Indicator::Exports), (35e9, Side::Partner));
        assert_eq!(shown(Indicator::Imports), (45e9, Side::Partner));
        assert_eq!(shown(Indicator::Trade), (80e9, Side::Partner));
        assert!(row.shown(Indicator::Trade).unwrap().0.is_derived());
        // No balance or growth is made of the partner's figures.
        assert_eq!((row.balance, row.growth), (None, None));
        let mirror = row.mirror.unwrap();
        assert_eq!((mirror.exports_gap, mirror.imports_gap), (None, None));
        // Swapped: Russia stopped after 2020, so 2021 is China's alone.
        let swapped = self::view(&data, (RUSSIA, CHINA), Currency::Usd);
        let row = self::row(&data, &swapped, 2021);
        let (total, side) = row.shown(Indicator::Trade).unwrap();
        assert_eq!((total.amount, side), (180e9, Side::Partner));
        let mirror = self::row(&data, &swapped, 2019).mirror.unwrap();
        assert!(close(mirror.exports_gap, (60.0 / 57.0 - 1.0) * 100.0));
        assert!(close(mirror.imports_gap, (50.0 / 52.5 - 1.0) * 100.0));
    }

    #[test]
    fn the_chart_draws_the_partners_totals_only_where_the_pair_has_none() {
        let data = data();
        let year = |view: &BilateralView, values: &[Option<f64>]| -> Vec<(i32, f64)> {
            let periods = view.chart.periods.iter();
            let values = periods
                .zip(values)
                .filter_map(|(p, v)| Some((p.year(), (*v)?)));
            values.collect()
        };
        let view = view(&data, (CHINA, RUSSIA), Currency::Usd);
        assert_eq!(view.chart.periods.first(), Some(&Period::annual(2018)));
        assert_eq!(year(&view, &view.chart.mirror_total), [(2018, 80e9)]);
        assert_eq!(year(&view, &view.chart.total)[0], (2019, 110e9));
        let swapped = self::view(&data, (RUSSIA, CHINA), Currency::Usd);
        let expected = [(2021, 180e9), (2022, 220e9)];
        assert_eq!(year(&swapped, &swapped.chart.mirror_total), expected);
    }

    #[test]
    fn currencies_are_never_mixed() {
        let data = data();
        let usd = view(&data, (CHINA, RUSSIA), Currency::Usd);
        assert_eq!(
            usd.currencies,
            [Currency::Usd, Currency::Cny, Currency::Eur]
        );
        // Russia's euro imports of 2020 are not its dollar imports.
        let mirror = row(&data, &usd, 2020).mirror.unwrap();
        assert_eq!(mirror.exports.unwrap().amount, 42e9);
        let eur = view(&data, (CHINA, RUSSIA), Currency::Eur);
        assert_eq!(eur.table.periods, [Period::annual(2020)]);
        let row = row(&data, &eur, 2020);
        assert_eq!(row.exports, None);
        let mirror = row.mirror.unwrap();
        assert_eq!(mirror.exports.unwrap().amount, 38e9);
        assert_eq!(mirror.exports.unwrap().currency, Currency::Eur);
        assert_eq!(mirror.exports_gap, None, "China has no euro figure");
        let cny = view(&data, (CHINA, RUSSIA), Currency::Cny);
        assert!(!cny.has_mirror);
        assert_eq!(self::row(&data, &cny, 2022).mirror, None);
    }

    #[test]
    fn the_columns_sort_by_the_figures_they_show() {
        let data = data();
        let view = view(&data, (CHINA, RUSSIA), Currency::Usd);
        let mut periods = view.table.periods.clone();
        periods.sort();
        for (column, indicator) in [
            (1, Indicator::Exports),
            (2, Indicator::Imports),
            (3, Indicator::Trade),
        ] {
            let keys = sort_keys(&data, view.selection, column, &periods);
            let shown: Vec<Option<f64>> = periods
                .iter()
                .map(|&p| view.compute_row(&data, p))
                .map(|row| row.shown(indicator).map(|(figure, _)| figure.amount))
                .collect();
            assert_eq!(keys, shown, "{indicator:?}");
        }
    }

    #[test]
    fn a_flow_given_once_for_both_sides_is_no_mirror() {
        // As BACI gives a flow: China's exports are Russia's imports, one
        // figure from one source; Russia's exports to China, from another
        // source, are a report of their own, equal or not.
        let csv = "indicator,reporter,partner,period,value,unit,source,note\n\
            exports,CHN,RUS,2022,26,USD_BN,CEPII BACI,\n\
            imports,RUS,CHN,2022,26,USD_BN,CEPII BACI,\n\
            imports,CHN,RUS,2022,90,USD_BN,CEPII BACI,\n\
            exports,RUS,CHN,2022,90,USD_BN,Russian customs,\n";
        let mut builder = DatasetBuilder::new();
        builder
            .add_native("baci.csv", csv.as_bytes(), false)
            .unwrap();
        let data = builder.build();
        let view = view(&data, (CHINA, RUSSIA), Currency::Usd);
        assert!(view.has_mirror);
        let mirror = row(&data, &view, 2022).mirror.unwrap();
        assert_eq!(mirror.exports, None, "the same figure, not Russia's report");
        assert_eq!(mirror.imports.unwrap().amount, 90e9);
        assert_eq!(mirror.imports_gap, Some(0.0));
        // Russia's total holds its own exports: its total, though its
        // imports are China's exports again.
        assert_eq!(mirror.total.unwrap().amount, 116e9);
        let once = csv.replace("Russian customs", "CEPII BACI");
        let mut builder = DatasetBuilder::new();
        builder
            .add_native("baci.csv", once.as_bytes(), false)
            .unwrap();
        let data = builder.build();
        let view = self::view(&data, (CHINA, RUSSIA), Currency::Usd);
        assert!(!view.has_mirror);
        assert_eq!(self::row(&data, &view, 2022).mirror, None);
    }

    #[test]
    fn an_area_with_itself_has_no_mirror() {
        let data = Dataset::embedded();
        let pair = (crate::data::model::EAEU, crate::data::model::EAEU);
        let view = view(&data, pair, Currency::Usd);
        assert!(!view.has_mirror);
        assert!(
            view.table
                .periods
                .iter()
                .all(|&p| row(&data, &view, p.year()).mirror.is_none())
        );
    }
}
