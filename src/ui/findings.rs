//! How a table shows a data-quality finding about a row: `!` after its
//! growth, and in the selected period's detail both rates, how far apart
//! they are and the tolerance.

use ratatui::text::{Line, Span};

use super::format;
use super::theme::Theme;
use crate::data::derive::GROWTH_TOLERANCE_PP;
use crate::view::findings::Finding;

/// A growth cell's text, marked `!` when a finding is about its row.
pub fn marked_growth(mut text: Line<'static>, finding: bool, theme: &Theme) -> Line<'static> {
    if finding {
        text.push_span(Span::styled(" !", theme.warning()));
    }
    text
}

/// What a finding is: both rates, how far apart, and the tolerance.
pub fn finding_line(finding: &Finding, theme: &Theme) -> Line<'static> {
    let text = format!(
        "{} growth published {}, computed {} from the levels ({}): {:.2} points apart, above the {}-point tolerance (w)",
        finding.indicator.code(),
        format::signed_percent(finding.published),
        format::signed_percent(finding.computed),
        finding.currency.code(),
        (finding.computed - finding.published).abs(),
        GROWTH_TOLERANCE_PP,
    );
    Line::from(vec![
        Span::styled("! data quality: ", theme.warning()),
        Span::raw(text),
    ])
}

/// The title's note of the marks: `!` only where the table has findings.
pub fn marks(findings: &[Finding]) -> &'static str {
    match findings.is_empty() {
        true => "* = computed",
        false => "* = computed · ! = growth finding (w)",
    }
}
