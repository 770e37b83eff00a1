//! The selected period in full: the pair's figures as published, the
//! partner's, the pair compared, sources and notes, and the data-quality
//! findings about it with both rates and the tolerance.

use ratatui::text::{Line, Span};

use super::super::findings::finding_line;
use super::super::theme::Theme;
use super::super::{detail_line, format, note_line};
use super::columns::Columns;
use super::mirror;
use crate::view::Figure;
use crate::view::bilateral::{BilateralView, Row as ViewRow};
use crate::view::findings::Finding;

/// The selected row in full (its table is `width` wide), the partner's
/// figures, and the data-quality findings about it.
pub(super) fn detail_lines(
    theme: &Theme,
    (view, row, width): (&BilateralView, &ViewRow, u16),
    row_findings: &[Finding],
) -> Vec<Line<'static>> {
    let published = |label: &str, figure: &Option<Figure>| {
        figure
            .as_ref()
            .map(|f| format!("{label} {}", format::figure_detail(f)))
    };
    let mut figures: Vec<String> = [
        published("exports", &row.exports),
        published("imports", &row.imports),
        published("imports (FOB)", &row.imports_fob),
        published("total", &row.total),
    ]
    .into_iter()
    .flatten()
    .collect();
    for other in &row.other_currencies {
        figures.push(format!(
            "also {}",
            format::money(other.amount, other.currency)
        ));
    }
    if let (Some(growth), Some(published)) = (&row.growth, row.published_growth) {
        figures.push(format!(
            "total {} (published {})",
            format::growth(growth),
            format::signed_percent(published)
        ));
    }
    for (label, growth) in [
        ("exports", &row.exports_growth),
        ("imports", &row.imports_growth),
    ] {
        if let Some(g) = growth {
            figures.push(format!("{label} {}", format::growth(g)));
        }
    }
    // The balance, where its column gave way to the compared pair's.
    if let Some(balance) = row
        .balance
        .filter(|_| !Columns::of(view, width).shows_balance())
    {
        let currency = view.selection.currency;
        figures.push(format!("balance {}", format::money(balance, currency)));
    }
    if let (Some(comparison), Some(compared)) = (view.comparison, &row.compared) {
        let total = format::figure_detail(compared);
        figures.push(format!("{} total {total}", comparison.label()));
    }
    let (reporter, partner) = (view.selection.reporter, view.selection.partner);
    if figures.is_empty() {
        figures.push(format!("no figures as {} reports it", reporter.name()));
    }
    let mut lines = vec![Line::from(vec![
        Span::styled(format!("{}: ", row.period), theme.title()),
        Span::raw(figures.join(" · ")),
    ])];
    // Every figure the detail shows, the partner's mirror figures too.
    let mirrored = row
        .mirror
        .iter()
        .flat_map(|m| [m.exports.as_ref(), m.imports.as_ref(), m.total.as_ref()]);
    let shown = [
        &row.exports,
        &row.imports,
        &row.imports_fob,
        &row.total,
        &row.compared,
    ];
    if shown
        .iter()
        .map(|f| f.as_ref())
        .chain(mirrored)
        .flatten()
        .any(|f| f.in_doubt)
    {
        lines.push(format::doubt_line(theme));
    }
    if shown.iter().any(|f| f.as_ref().is_some_and(|f| f.revised)) {
        lines.push(format::revised_line(theme));
    }
    lines.extend(mirror::detail(row, reporter, partner, theme));
    lines.push(detail_line("Source", row.provenance.source_text(), theme));
    lines.extend(note_line(&row.provenance, theme));
    if let Some(comparison) = view.comparison.filter(|_| row.compared.is_some()) {
        let compared = &row.compared_provenance;
        let mut text = compared.source_text();
        if !compared.notes.is_empty() {
            text.push_str(&format!(" (note: {})", compared.note_text()));
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{} source: ", comparison.label()), theme.dim()),
            Span::raw(text),
        ]));
    }
    lines.extend(
        row_findings
            .iter()
            .map(|finding| finding_line(finding, theme)),
    );
    lines
}
