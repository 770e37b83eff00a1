//! The chart's lines and names: the pair's total, exports and imports; or,
//! with a pair compared (`+`), both pairs' totals, each named, by code
//! where the names do not fit.

use ratatui::style::Style;
use ratatui::symbols::Marker;

use super::super::theme::Theme;
use crate::data::model::Naming;
use crate::view::bilateral::BilateralView;

/// A line of the chart, with its marker and colour (so that the legend
/// reads without colour too).
pub struct ChartLine<'a> {
    pub name: String,
    pub marker: Marker,
    pub symbol: &'static str,
    pub style: Style,
    pub values: &'a [Option<f64>],
}

/// The lines the chart draws; a compared pair's named by code when `codes`.
pub fn chart_lines<'a>(view: &'a BilateralView, theme: &Theme, codes: bool) -> Vec<ChartLine<'a>> {
    let lines = &view.chart;
    let line = |name: String, marker, symbol, style, values: &'a [Option<f64>]| ChartLine {
        name,
        marker,
        symbol,
        style,
        values,
    };
    match view.comparison.filter(|c| c.has_totals) {
        Some(_) => {
            let (shown, compared) = pair_names(view, codes);
            vec![
                line(shown, Marker::Braille, "⠒", theme.total(), &lines.total),
                line(
                    compared,
                    Marker::Block,
                    "█",
                    theme.compared(),
                    &lines.compared,
                ),
            ]
        }
        None => {
            let mut drawn = vec![
                line(
                    "total".into(),
                    Marker::Braille,
                    "⠒",
                    theme.total(),
                    &lines.total,
                ),
                line(
                    "exports".into(),
                    Marker::Dot,
                    "•",
                    theme.exports(),
                    &lines.exports,
                ),
                line(
                    "imports".into(),
                    Marker::Bar,
                    "▄",
                    theme.imports(),
                    &lines.imports,
                ),
            ];
            // The partner's totals where the pair has none of its own.
            if lines.mirror_total.iter().any(Option::is_some) {
                let name = format!("{} total", super::mirror::MARK);
                let values = &lines.mirror_total;
                drawn.push(line(name, Marker::Block, "█", theme.total(), values));
            }
            drawn
        }
    }
}

/// The pair shown and the pair compared (empty without one), by name or by
/// code.
fn pair_names(view: &BilateralView, codes: bool) -> (String, String) {
    let compared = view.comparison;
    match codes {
        true => (
            view.pair_label(Naming::Codes),
            compared.map_or(String::new(), |c| format!("{}–{}", c.pair.0, c.pair.1)),
        ),
        false => (
            view.pair_label(Naming::Names),
            compared.map_or(String::new(), |c| c.label()),
        ),
    }
}

/// What the chart's title names: the pair, or both pairs.
pub fn pairs_label(view: &BilateralView, codes: bool) -> String {
    match pair_names(view, codes) {
        (shown, compared) if compared.is_empty() => shown,
        (shown, compared) => format!("{shown} vs {compared}"),
    }
}

/// The legend's note of a pair compared that has no totals of the chart's
/// kind in its currency.
pub fn no_totals_note(view: &BilateralView, codes: bool) -> Option<String> {
    view.comparison.filter(|c| !c.has_totals)?;
    let (_, compared) = pair_names(view, codes);
    let currency = view.selection.currency.code();
    Some(match codes {
        true => format!("{compared}: none in {currency} "),
        false => format!(
            "{compared}: no {} totals in {currency} ",
            view.chart.kind.label()
        ),
    })
}
