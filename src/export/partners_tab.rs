//! The Partners tab's tables as CSV: a reporter's ranked partners, and the
//! rows of the EAEU card's own table.

use std::io::{self, Write};

use super::{amount, basis, growth_columns, percent, plain, unit_of, writer};
use crate::data::{Area, Dataset, Indicator, Period};
use crate::view::eaeu::UnionRow;
use crate::view::partners::{PartnerRow, PartnersView};
use crate::view::{Figure, figure as view_figure};

/// What [`partners`] writes after the partners' rows it is given.
#[derive(Clone, Copy, Debug)]
pub struct After {
    /// The partners not ranked: those with exports or imports only, and the
    /// groups, which overlap their members.
    pub not_ranked: bool,
    /// What is left of the reporter's trade with the world (computed: WLD
    /// minus those ranked).
    pub rest: bool,
}

/// A reporter's partners in the view's period, then what `after` asks for.
pub fn partners<'a>(
    data: &Dataset,
    view: &PartnersView,
    rows: impl Iterator<Item = &'a PartnerRow>,
    after: After,
    out: impl Write,
) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record([
        "reporter",
        "partner",
        "period",
        "unit",
        "trade",
        "trade_basis",
        "share_pct",
        "share_basis",
        "growth_pct",
        "growth_kind",
        "balance",
        "source",
        "note",
    ])?;
    let reporter = view.reporter.to_string();
    let Some(selected) = view.selected_period() else {
        return csv.flush();
    };
    let period = selected.to_string();
    let unit = view.currency.map_or("", unit_of);
    for row in rows {
        let [growth, growth_kind] = growth_columns(row.growth.as_ref());
        let provenance = provenance(data, (view.reporter, row.partner), &row.value, selected);
        csv.write_record([
            reporter.clone(),
            row.partner.to_string(),
            period.clone(),
            unit.to_string(),
            amount(Some(&row.value)),
            basis(Some(&row.value)).to_string(),
            row.share.map_or(String::new(), |s| percent(s.percent)),
            row.share.map_or(String::new(), |s| {
                if s.computed { "computed" } else { "published" }.to_string()
            }),
            growth,
            growth_kind,
            row.balance.map_or(String::new(), plain),
            provenance.source_text(),
            provenance.note_text(),
        ])?;
    }
    // The partners not ranked: those with exports or imports only (no
    // total), and the groups (their total where there is one), which
    // overlap their members.
    let unranked = (view.one_way.iter().map(|&p| (p, None)))
        .chain(view.groups.iter().map(|&group| {
            let flow = crate::data::Flow::new(Indicator::Trade, view.reporter, group);
            let total = view
                .currency
                .and_then(|c| view_figure(data, flow, c, selected));
            (group, Some(total))
        }))
        .filter(|_| after.not_ranked);
    for (partner, group_total) in unranked {
        let basis = match &group_total {
            None => "no total: exports or imports only",
            Some(_) => "a group, not ranked: it overlaps its members",
        };
        let total = group_total.flatten();
        let mut provenance = crate::view::Provenance::default();
        provenance.add_figure(data, total.as_ref());
        let mut record = vec![reporter.clone(), partner.to_string(), period.clone()];
        record.extend([unit.to_string(), amount(total.as_ref()), basis.to_string()]);
        record.resize(11, String::new());
        record.extend([provenance.source_text(), provenance.note_text()]);
        csv.write_record(record)?;
    }
    // Partners with figures in another currency only: their own figure,
    // never converted nor ranked with those above.
    for (partner, total) in view.other_currency.iter().filter(|_| after.not_ranked) {
        let provenance = provenance(data, (view.reporter, *partner), total, selected);
        let mut record = vec![reporter.clone(), partner.to_string(), period.clone()];
        record.extend([
            unit_of(total.currency).to_string(),
            amount(Some(total)),
            format!("not ranked: figures in {} only", total.currency.code()),
        ]);
        record.resize(11, String::new());
        record.extend([provenance.source_text(), provenance.note_text()]);
        csv.write_record(record)?;
    }
    if let Some((value, share)) = view.other_partners().filter(|_| after.rest) {
        let world = crate::data::model::WORLD;
        csv.write_record([
            reporter,
            "other partners".to_string(),
            period,
            unit.to_string(),
            plain(value),
            "derived".to_string(),
            percent(share),
            "computed".to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("trade with {world} minus the partners listed"),
        ])?;
    }
    csv.flush()
}

/// The sources and notes of a trade total: a total made here has those of
/// the exports and imports in it.
fn provenance(
    data: &Dataset,
    (reporter, partner): (Area, Area),
    total: &Figure,
    period: Period,
) -> crate::view::Provenance {
    let mut provenance = crate::view::Provenance::default();
    let flow = crate::data::Flow::new(Indicator::Trade, reporter, partner);
    let parts: &[Indicator] = match total.is_derived() {
        true => &[Indicator::Exports, Indicator::Imports],
        false => &[Indicator::Trade],
    };
    for &indicator in parts {
        let figure = view_figure(data, flow.with(indicator), total.currency, period);
        provenance.add_figure(data, figure.as_ref());
    }
    provenance
}

/// Rows of the EAEU card's own table: the Union's trade with third
/// countries, its mutual trade and investment in it.
pub fn union_rows<'a>(
    data: &Dataset,
    rows: impl Iterator<Item = &'a UnionRow>,
    out: impl Write,
) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record([
        "period",
        "figure",
        "indicator",
        "value",
        "unit",
        "basis",
        "growth_pct",
        "growth_kind",
        "source",
        "note",
    ])?;
    for row in rows {
        let [growth, growth_kind] = growth_columns(row.growth.as_ref());
        csv.write_record([
            row.period.to_string(),
            row.label.clone(),
            row.indicator.code().to_string(),
            amount(row.figure.as_ref()),
            row.figure
                .map_or(String::new(), |f| unit_of(f.currency).to_string()),
            basis(row.figure.as_ref()).to_string(),
            growth,
            growth_kind,
            row.provenance(data).source_text(),
            row.provenance(data).note_text(),
        ])?;
    }
    csv.flush()
}
