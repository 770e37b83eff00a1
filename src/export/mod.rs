//! Headless output: a view's table as CSV, with the same numbers the screen
//! shows at full precision, so they can be piped into other tools.

use std::io::{self, Write};

use crate::data::{Currency, Dataset, Growth, GrowthKind};
use crate::view::Figure;
use crate::view::bilateral::{BilateralView, MirrorFigures};
use crate::view::bri::{self as bri_view, BriView, Topic};
use crate::view::eaeu::EaeuView;
use crate::view::overview::OverviewView;

mod partners_tab;
pub mod products;
mod request;

pub use partners_tab::{After, partners, union_rows};
pub use request::{Request, Table, print, write_new_bytes, write_new_file};

/// Amounts are written in whole currency units (dollars, yuan, euros) to the cent:
/// every published digit is kept (`USD_BN` figures have at most three
/// decimals, Comtrade's dollars at most two) and float noise is not.
fn plain(amount: f64) -> String {
    let text = format!("{amount:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

fn unit_of(currency: Currency) -> &'static str {
    currency.code()
}

fn amount(figure: Option<&Figure>) -> String {
    figure.map_or(String::new(), |f| match f.currency {
        Currency::Percent => percent(f.amount),
        _ => plain(f.amount),
    })
}

/// A percentage to twelve significant digits: more than any figure behind
/// it has, without the float noise a division leaves (10.000000000000009).
fn percent(value: f64) -> String {
    let rounded: f64 = format!("{value:.11e}").parse().unwrap_or(value);
    (rounded + 0.0).to_string()
}

fn basis(figure: Option<&Figure>) -> &'static str {
    match figure {
        None => "",
        Some(f) if f.is_derived() => "derived",
        Some(_) => "published",
    }
}

fn growth_columns(growth: Option<&Growth>) -> [String; 2] {
    match growth {
        None => [String::new(), String::new()],
        Some(g) => [
            percent(g.percent),
            match g.kind {
                GrowthKind::Computed => "computed",
                GrowthKind::Published => "published",
            }
            .to_string(),
        ],
    }
}

fn writer(out: impl Write) -> csv::Writer<impl Write> {
    csv::Writer::from_writer(out)
}

/// The columns of the partner's mirror figures, written when it reports the
/// pair in the view's currency and span kind: its imports from the reporter
/// (the mirror of `exports`), their gap to `exports` in % of it, its exports
/// to the reporter, their gap to `imports`, and its total trade with it
/// (published, or derived as its exports + imports).
/// Never in `exports`, `imports`, `total` or `balance`, which stay the
/// reporter's own.
const MIRROR_COLUMNS: [&str; 6] = [
    "mirror_imports",
    "exports_mirror_gap_pct",
    "mirror_exports",
    "imports_mirror_gap_pct",
    "mirror_total",
    "mirror_total_basis",
];

/// The columns of a pair compared with the one shown (`+`, `--compare`):
/// the pair, its total in the same currency and span kind, and that total's
/// own sources and notes (never mixed with the pair's).
const COMPARED_COLUMNS: [&str; 5] = [
    "compared_pair",
    "compared_total",
    "compared_total_basis",
    "compared_source",
    "compared_note",
];

/// The rows of `periods` (latest first), each computed as it is written.
/// `imports_fob` is imports valued FOB: a figure apart, in neither `total`
/// nor `balance`; then the [`MIRROR_COLUMNS`] where the view has mirror
/// figures, and the [`COMPARED_COLUMNS`] where a pair is compared.
pub fn bilateral(
    data: &Dataset,
    view: &BilateralView,
    periods: impl Iterator<Item = crate::data::Period>,
    out: impl Write,
) -> io::Result<()> {
    let mut csv = writer(out);
    let unit = unit_of(view.selection.currency);
    let write = |csv: &mut csv::Writer<_>, record: Vec<String>| csv.write_record(record);
    let mirror_columns = if view.has_mirror {
        &MIRROR_COLUMNS[..]
    } else {
        &[]
    };
    let mut header: Vec<&str> = vec![
        "reporter",
        "partner",
        "period",
        "unit",
        "exports",
        "imports",
        "total",
        "total_basis",
        "balance",
        "growth_pct",
        "growth_kind",
        "imports_fob",
    ];
    header.extend(mirror_columns);
    let compared_pair = view.selection.compare.map(|(r, p)| format!("{r}-{p}"));
    if compared_pair.is_some() {
        header.extend(COMPARED_COLUMNS);
    }
    header.extend(["source", "note"]);
    write(&mut csv, header.into_iter().map(String::from).collect())?;
    for period in periods {
        let row = view.compute_row(data, period);
        let [growth, growth_kind] = growth_columns(row.growth.as_ref());
        let mut record = vec![
            view.selection.reporter.to_string(),
            view.selection.partner.to_string(),
            row.period.to_string(),
            unit.to_string(),
            amount(row.exports.as_ref()),
            amount(row.imports.as_ref()),
            amount(row.total.as_ref()),
            basis(row.total.as_ref()).to_string(),
            row.balance.map_or(String::new(), plain),
            growth,
            growth_kind,
            amount(row.imports_fob.as_ref()),
        ];
        if view.has_mirror {
            let mirror = row.mirror.as_ref();
            let figure =
                |pick: fn(&MirrorFigures) -> Option<&Figure>| amount(mirror.and_then(pick));
            let gap = |pick: fn(&MirrorFigures) -> Option<f64>| {
                mirror.and_then(pick).map_or(String::new(), percent)
            };
            record.extend([
                figure(|m| m.exports.as_ref()),
                gap(|m| m.exports_gap),
                figure(|m| m.imports.as_ref()),
                gap(|m| m.imports_gap),
                figure(|m| m.total.as_ref()),
                basis(mirror.and_then(|m| m.total.as_ref())).to_string(),
            ]);
        }
        if let Some(pair) = &compared_pair {
            let compared = row.compared.as_ref();
            record.extend([
                pair.clone(),
                amount(compared),
                basis(compared).to_string(),
                row.compared_provenance.source_text(),
                row.compared_provenance.note_text(),
            ]);
        }
        record.extend([row.provenance.source_text(), row.provenance.note_text()]);
        write(&mut csv, record)?;
    }
    csv.flush()
}

pub fn eaeu(view: &EaeuView, out: impl Write) -> io::Result<()> {
    let mut csv = writer(out);
    let period = view.period.map_or(String::new(), |p| p.to_string());
    csv.write_record([
        "period",
        "partner",
        "share_pct",
        "trade",
        "trade_unit",
        "change_pp",
        "source",
        "note",
    ])?;
    for row in &view.shares {
        csv.write_record([
            period.clone(),
            row.partner.to_string(),
            percent(row.share),
            amount(row.value.as_ref()),
            row.value
                .map_or(String::new(), |v| unit_of(v.currency).to_string()),
            row.change_pp.map_or(String::new(), percent),
            row.provenance.source_text(),
            row.provenance.note_text(),
        ])?;
    }
    if let Some(rest) = view.rest_of_world {
        csv.write_record([
            period.as_str(),
            "other partners",
            &percent(rest),
            "",
            "",
            "",
            "",
            "remainder of 100%",
        ])?;
    }
    csv.flush()
}

/// The Belt and Road tab's `topics` for one span kind, optionally one period.
pub fn bri(
    data: &Dataset,
    (kind, topics): (crate::data::SpanKind, &[Topic]),
    (only, sort): (Option<crate::data::Period>, Option<crate::view::sort::Sort>),
    out: impl Write,
) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record([
        "topic",
        "period",
        "usd",
        "usd_basis",
        "cny",
        "growth_pct",
        "growth_kind",
        "growth_currency",
        "share_pct",
        "share_kind",
        "source",
        "note",
    ])?;
    for &topic in topics {
        let mut view = BriView::new(data, kind, topic);
        if let Some(sort) = sort {
            view.sort_by(data, sort, 0);
        }
        let periods = view.table.periods;
        for period in periods.into_iter().filter(|&p| only.is_none_or(|o| o == p)) {
            let row = bri_view::compute_row(data, topic, period);
            let [growth, growth_kind] = growth_columns(row.growth.as_ref().map(|(g, _)| g));
            csv.write_record([
                topic.indicator().code().to_string(),
                row.period.to_string(),
                amount(row.usd.as_ref()),
                basis(row.usd.as_ref()).to_string(),
                amount(row.cny.as_ref()),
                growth,
                growth_kind,
                row.growth
                    .map_or(String::new(), |(_, c)| c.code().to_string()),
                row.share.map_or(String::new(), |s| percent(s.percent)),
                row.share.map_or(String::new(), |s| {
                    if s.computed { "computed" } else { "published" }.to_string()
                }),
                row.provenance.source_text(),
                row.provenance.note_text(),
            ])?;
        }
    }
    csv.flush()
}

pub fn overview(view: &OverviewView, out: impl Write) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record([
        "card",
        "period",
        "value",
        "unit",
        "basis",
        "growth_pct",
        "growth_kind",
        "source",
        "note",
    ])?;
    for card in &view.cards {
        let Some(latest) = &card.latest else {
            let note = chosen_note(card.chosen, "no data".to_string());
            csv.write_record([card.title.as_str(), "", "", "", "", "", "", "", &note])?;
            continue;
        };
        let [growth, growth_kind] = growth_columns(latest.growth.as_ref());
        csv.write_record([
            card.title.clone(),
            latest.period.to_string(),
            amount(Some(&latest.figure)),
            unit_of(latest.figure.currency).to_string(),
            basis(Some(&latest.figure)).to_string(),
            growth,
            growth_kind,
            latest.provenance.source_text(),
            chosen_note(card.chosen, latest.provenance.note_text()),
        ])?;
    }
    csv.flush()
}

/// A card's note, after why the dashboard chose its pair when it did.
fn chosen_note(chosen: Option<&str>, note: String) -> String {
    match chosen {
        Some(why) if note.is_empty() => why.to_string(),
        Some(why) => format!("{why}; {note}"),
        None => note,
    }
}

#[cfg(test)]
mod tests {
    use super::{percent, plain};

    #[test]
    fn amounts_keep_published_digits_without_float_noise() {
        assert_eq!(plain(244.81 * 1e9), "244810000000");
        assert_eq!(plain(129_139_000_000.5), "129139000000.5");
        assert_eq!(plain(-13.83e9), "-13830000000");
        assert_eq!(plain(-0.001), "0");
        assert_eq!(plain(29.3), "29.3");
    }

    #[test]
    fn percentages_keep_their_digits_without_float_noise() {
        assert_eq!(percent(10.000000000000009), "10");
        assert_eq!(percent(-2.7000000000000046), "-2.7");
        assert_eq!(percent(43.38983050847458), "43.3898305085");
        assert_eq!(percent(-0.0), "0");
        assert_eq!(percent(29.3), "29.3");
    }
}
