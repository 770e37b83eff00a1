//! The bilateral table's mirror figures (the pair's trade as the partner
//! reports it): beside the reporter's own where the width allows, in the
//! selected period's detail always, and in the reporter's columns, marked
//! [`MARK`], where the reporter has no figure.

use ratatui::text::{Line, Span};

use super::super::format;
use super::super::theme::Theme;
use crate::data::{Area, Indicator};
use crate::view::bilateral::{Row as ViewRow, Side};

/// Marks a figure as the partner reports it. (`*` marks a figure computed
/// here; both can stand together.)
pub const MARK: &str = "⇄";

/// A gap's column: "−12.3%".
pub const GAP_WIDTH: u16 = 7;

/// A gap in a cell: "+5.0%"; one too wide for its column is written as
/// beyond ±999% (the detail has it in full).
pub fn gap_cell(gap: f64) -> String {
    let text = format::signed_percent(gap);
    match text.chars().count() <= usize::from(GAP_WIDTH) {
        true => text,
        false if gap > 0.0 => ">+999%".to_string(),
        false => "<−999%".to_string(),
    }
}

/// The text of the reporter's column of `indicator`: its figure, or the
/// partner's marked [`MARK`], or "–".
pub fn shown_cell(row: &ViewRow, indicator: Indicator) -> String {
    match row.shown(indicator) {
        Some((figure, Side::Reporter)) => format::figure_cell(Some(figure)),
        Some((figure, Side::Partner)) => format!("{}{MARK}", format::figure_cell(Some(figure))),
        None => format::figure_cell(None),
    }
}

/// The detail's line of the partner's figures for the selected period, each
/// in full with its gap to the reporter's.
pub fn detail<'a>(row: &ViewRow, reporter: Area, partner: Area, theme: &Theme) -> Option<Line<'a>> {
    let mirror = row.mirror?;
    let gap = |gap: Option<f64>, flow: &str| {
        gap.map_or(String::new(), |gap| {
            format!(
                " ({} on {}'s {flow})",
                precise_percent(gap),
                reporter.name()
            )
        })
    };
    let parts: Vec<String> = [
        (
            "imports",
            mirror.exports,
            gap(mirror.exports_gap, "exports"),
        ),
        (
            "exports",
            mirror.imports,
            gap(mirror.imports_gap, "imports"),
        ),
        ("total", mirror.total, String::new()),
    ]
    .into_iter()
    .filter_map(|(flow, figure, gap)| {
        Some(format!("{flow} {}{gap}", format::figure_detail(&figure?)))
    })
    .collect();
    Some(Line::from(vec![
        Span::styled(
            format!("{MARK} as {} reports it: ", partner.name()),
            theme.dim(),
        ),
        Span::raw(parts.join(" · ")),
    ]))
}

/// A gap in full: "+5.26%", "−4.76%".
fn precise_percent(value: f64) -> String {
    let text = format!("{:.2}%", value.abs());
    if value < 0.0 && text != "0.00%" {
        format!("−{text}")
    } else {
        format!("+{text}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_too_wide_for_its_column_says_beyond_rather_than_losing_digits() {
        assert_eq!(gap_cell(5.0), "+5.0%");
        assert_eq!(gap_cell(-99.96), "−100.0%");
        assert_eq!(gap_cell(999.9), "+999.9%");
        assert_eq!(gap_cell(1000.0), ">+999%");
        assert_eq!(precise_percent(-4.761904), "−4.76%");
        assert_eq!(precise_percent(-0.001), "+0.00%");
    }
}
