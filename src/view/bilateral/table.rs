//! The table's rows: a period's figures of the pair, of the partner and of
//! the compared pair, and the values its columns sort by.

use super::{COLUMNS, FLOWS, MirrorFigures, Selection, compare, mirror};
use crate::data::{Currency, Dataset, Flow, Growth, GrowthKind, Indicator, Period};
use crate::view::{Figure, Provenance, figure};

/// One period of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub period: Period,
    pub exports: Option<Figure>,
    pub imports: Option<Figure>,
    /// Imports valued FOB, shown apart: never in the total or the balance.
    pub imports_fob: Option<Figure>,
    pub total: Option<Figure>,
    /// Exports − imports, when both are in the data.
    pub balance: Option<f64>,
    pub growth: Option<Growth>,
    /// The published rate of total trade's growth where `growth` is
    /// computed: both are shown, the published one never hidden.
    pub published_growth: Option<f64>,
    pub exports_growth: Option<Growth>,
    pub imports_growth: Option<Growth>,
    /// The same period's total in the pair's other currencies, never converted.
    pub other_currencies: Vec<Figure>,
    /// The period's flows as the partner reports them, if it does.
    pub mirror: Option<MirrorFigures>,
    /// The compared pair's total in the same currency, if any.
    pub compared: Option<Figure>,
    /// The sources and notes of the pair's figures (the partner's mirror
    /// figures among them).
    pub provenance: Provenance,
    /// Those of the compared pair's total, kept apart: another pair's.
    pub compared_provenance: Provenance,
}

impl Row {
    /// A period between others with no figure of the pair, of the partner
    /// or of its growth: a gap, shown as a row of its own.
    pub fn has_no_figure(&self) -> bool {
        [&self.exports, &self.imports, &self.imports_fob, &self.total]
            .iter()
            .all(|figure| figure.is_none())
            && self.growth.is_none()
            && self.mirror.is_none()
            && self.other_currencies.is_empty()
    }
}

/// The values of `column` (of [`COLUMNS`]) for `periods` (ascending), as
/// the table shows them, in walks of the series.
pub(super) fn sort_keys(
    data: &Dataset,
    selection: Selection,
    column: usize,
    periods: &[Period],
) -> Vec<Option<f64>> {
    let flow = |indicator| Flow::new(indicator, selection.reporter, selection.partner);
    let amounts =
        |indicator| data.amounts(flow(indicator), selection.currency, selection.kind, periods);
    // As the column shows it: the reporter's figure, else the partner's.
    let shown =
        |indicator| mirror::shown_amounts(data, selection, indicator, periods, amounts(indicator));
    match COLUMNS.get(column) {
        Some(&"Exports") => shown(Indicator::Exports),
        Some(&"Imports") => shown(Indicator::Imports),
        Some(&"Total") => shown(Indicator::Trade),
        Some(&"Balance") => {
            let imports = amounts(Indicator::Imports);
            let exports = amounts(Indicator::Exports).into_iter();
            exports.zip(imports).map(|(e, i)| Some(e? - i?)).collect()
        }
        Some(&"Growth") => data.growth_percents(
            flow(Indicator::Trade),
            selection.currency,
            selection.kind,
            periods,
        ),
        _ => vec![None; periods.len()],
    }
}

/// The table row of `period` for a selection, with the totals in the pair's
/// other currencies.
pub(super) fn compute_row(
    data: &Dataset,
    selection: Selection,
    currencies: &[Currency],
    period: Period,
) -> Row {
    let Selection {
        reporter,
        partner,
        currency,
        ..
    } = selection;
    let flow = |indicator| Flow::new(indicator, reporter, partner);
    let exports = figure(data, flow(Indicator::Exports), currency, period);
    let imports = figure(data, flow(Indicator::Imports), currency, period);
    let imports_fob = figure(data, flow(Indicator::ImportsFob), currency, period);
    let total = figure(data, flow(Indicator::Trade), currency, period);
    let mut provenance = Provenance::default();
    for figure in [&total, &exports, &imports, &imports_fob] {
        provenance.add_figure(data, figure.as_ref());
    }
    for indicator in FLOWS {
        provenance.add(
            data,
            data.published_growth(flow(indicator), currency, period),
        );
    }
    let other_currencies = currencies
        .iter()
        .filter(|&&other| other != currency)
        .filter_map(|&other| figure(data, flow(Indicator::Trade), other, period))
        .inspect(|figure| provenance.add_figure(data, Some(figure)))
        .collect();
    let growth = data.growth(flow(Indicator::Trade), currency, period);
    let own = [exports.as_ref(), imports.as_ref(), total.as_ref()];
    let mirror = mirror::figures(data, selection, own, period, &mut provenance);
    let compared = compare::total(data, selection, period);
    let mut compared_provenance = Provenance::default();
    compared_provenance.add_figure(data, compared.as_ref());
    Row {
        period,
        balance: exports.zip(imports).map(|(e, i)| e.amount - i.amount),
        exports,
        imports,
        imports_fob,
        total,
        growth,
        published_growth: growth
            .filter(|growth| growth.kind == GrowthKind::Computed)
            .and_then(|_| data.published_growth(flow(Indicator::Trade), currency, period))
            .map(|observation| observation.value),
        exports_growth: data.growth(flow(Indicator::Exports), currency, period),
        imports_growth: data.growth(flow(Indicator::Imports), currency, period),
        other_currencies,
        mirror,
        compared,
        provenance,
        compared_provenance,
    }
}
