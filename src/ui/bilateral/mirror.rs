//! The bilateral table's mirror figures (the pair's trade as the partner
//! reports it): beside the reporter's own where the width allows, in the
//! selected period's detail always, and in the reporter's columns, marked
//! [`MARK`], where the reporter has no figure.

use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::Cell;

use super::super::format;
use super::super::theme::Theme;
use crate::data::{Area, Indicator};
use crate::view::Figure;
use crate::view::bilateral::{BilateralView, MirrorFigures, Row as ViewRow, Side};

/// Marks a figure as the partner reports it. (`*` marks a figure computed
/// here; both can stand together.)
pub const MARK: &str = "⇄";

/// The table's columns without mirror figures: period, exports, imports,
/// total, balance, growth.
const PLAIN: [Constraint; 6] = [
    Constraint::Length(15),
    Constraint::Length(10),
    Constraint::Length(10),
    Constraint::Length(11),
    Constraint::Length(10),
    Constraint::Min(13),
];

/// With mirror figures, the figures' columns are a character wider, for
/// the mark: "$123.4 bn*⇄"; the period's is as wide as its label (see
/// [`Columns::constraints`]).
const MARKED: [Constraint; 6] = [
    Constraint::Length(PERIOD_WIDTH),
    Constraint::Length(11),
    Constraint::Length(11),
    Constraint::Length(11),
    Constraint::Length(10),
    Constraint::Min(13),
];

/// A gap's column: "−12.3%".
const GAP_WIDTH: u16 = 7;

/// The period's column with mirror figures, at least: "Period ▼".
const PERIOD_WIDTH: u16 = 8;

/// With the mirror figures beside the reporter's: period, exports, the
/// partner's imports, the gap, imports, the partner's exports, the gap,
/// total, balance, growth.
const BESIDE: [Constraint; 10] = [
    Constraint::Length(PERIOD_WIDTH),
    Constraint::Length(11),
    Constraint::Length(11),
    Constraint::Length(GAP_WIDTH),
    Constraint::Length(11),
    Constraint::Length(11),
    Constraint::Length(GAP_WIDTH),
    Constraint::Length(11),
    Constraint::Length(10),
    Constraint::Min(13),
];

/// How the table shows the partner's figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// The partner reports nothing in this currency and span kind.
    Plain,
    /// Too narrow for columns of their own: the partner's figures stand in
    /// the reporter's columns where it has none, and the detail has them all.
    InDetail,
    /// In columns beside the reporter's, with the gaps.
    Beside,
}

impl Columns {
    /// The layout for a view in a table `width` wide (borders included).
    pub fn of(view: &BilateralView, width: u16) -> Self {
        if !view.has_mirror {
            return Columns::Plain;
        }
        if width >= beside_width(view) {
            Columns::Beside
        } else {
            Columns::InDetail
        }
    }

    /// The columns' widths. With mirror figures, the period's column is as
    /// wide as the view's labels ("2024", "2024-01/2024-06"), to make room.
    pub fn constraints(self, view: &BilateralView) -> Vec<Constraint> {
        let mut constraints = match self {
            Columns::Plain => return PLAIN.to_vec(),
            Columns::InDetail => MARKED.to_vec(),
            Columns::Beside => BESIDE.to_vec(),
        };
        // A table's periods are of one kind, so labelled alike: its first
        // and last stand for all (no pass over the periods in a frame).
        let periods = &view.table.periods;
        let ends = periods.first().into_iter().chain(periods.last());
        let widest = ends
            .map(|p| p.to_string().chars().count())
            .max()
            .unwrap_or(0);
        constraints[0] = Constraint::Length(PERIOD_WIDTH.max(widest as u16));
        constraints
    }

    /// The headers of the columns shown, given the reporter's (of
    /// [`crate::view::bilateral::COLUMNS`], marked with the sort).
    pub fn headers(self, mut own: Vec<String>) -> Vec<String> {
        if self == Columns::Beside && own.len() >= 3 {
            let mirror = |flow: &str| [format!("{MARK} {flow}"), "Gap".to_string()];
            own.splice(3..3, mirror("Exports"));
            own.splice(2..2, mirror("Imports"));
        }
        own
    }

    /// Adds the mirror figures and gaps beside the reporter's, when shown
    /// there, to a row's cells (period, exports, imports, …).
    pub fn add_beside<'a>(self, cells: &mut Vec<Cell<'a>>, row: &ViewRow, theme: &Theme) {
        if self != Columns::Beside {
            return;
        }
        let mirror = row.mirror.as_ref();
        let figure = |pick: fn(&MirrorFigures) -> Option<&Figure>| {
            Cell::from(format::figure_cell(mirror.and_then(pick)))
        };
        let gap = |pick: fn(&MirrorFigures) -> Option<f64>| {
            Cell::from(mirror.and_then(pick).map_or("–".to_string(), gap_cell))
        };
        cells.splice(
            3..3,
            [
                figure(|m| m.imports.as_ref()).style(theme.imports()),
                gap(|m| m.imports_gap),
            ],
        );
        cells.splice(
            2..2,
            [
                figure(|m| m.exports.as_ref()).style(theme.exports()),
                gap(|m| m.exports_gap),
            ],
        );
    }
}

/// The width a table needs to show the mirror figures beside the reporter's.
fn beside_width(view: &BilateralView) -> u16 {
    let beside = Columns::Beside.constraints(view);
    // Borders, the row marker, and a space between columns.
    beside.iter().map(min_width).sum::<u16>() + 2 + 2 + (beside.len() as u16 - 1)
}

fn min_width(constraint: &Constraint) -> u16 {
    match *constraint {
        Constraint::Length(width) | Constraint::Min(width) => width,
        _ => 0,
    }
}

/// A gap in a cell: "+5.0%"; one too wide for its column is written as
/// beyond ±999% (the detail has it in full).
fn gap_cell(gap: f64) -> String {
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

/// The table's caption: what the mark means and why the sides differ, the
/// longest wording that fits `width`.
pub fn caption(view: &BilateralView, columns: Columns, width: usize) -> Option<String> {
    let (reporter, partner) = (view.selection.reporter, view.selection.partner);
    let (name, code) = (partner.name(), partner.to_string());
    let candidates = match columns {
        Columns::Plain => return None,
        Columns::Beside => vec![
            format!(
                " {MARK} = as {name} reports it (mirror) · gap = {MARK} against {}'s figure · \
                 imports are usually valued CIF, exports FOB: a gap of a few % is expected ",
                reporter.name()
            ),
            format!(
                " {MARK} = as {name} reports it (mirror) · imports are usually CIF, exports \
                 FOB: a gap of a few % is expected "
            ),
            format!(" {MARK} = as {code} reports it · imports CIF, exports FOB: gaps expected "),
        ],
        Columns::InDetail => vec![
            format!(
                " {MARK} = as {name} reports it (mirror) · gaps below, or as columns from {} \
                 wide · imports are usually CIF, exports FOB: a gap of a few % is expected ",
                beside_width(view)
            ),
            format!(" {MARK} = as {code} reports it · gaps below · imports CIF, exports FOB "),
            format!(" {MARK} = as {code} reports it · gaps below "),
        ],
    };
    let fallback = format!(" {MARK} = as {code} reports it ");
    Some(format::first_that_fits(
        candidates.into_iter().chain([fallback]),
        width,
    ))
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
    use crate::data::{Dataset, DatasetBuilder};

    fn view() -> BilateralView {
        let csv = include_str!("../../../tests/fixtures/native/mirror.csv");
        let mut builder = DatasetBuilder::new();
        builder
            .add_native("mirror.csv", csv.as_bytes(), false)
            .unwrap();
        let data = builder.build();
        let pair = crate::view::bilateral::pairs(&data)[0];
        BilateralView::new(&data, BilateralView::default_selection(&data, pair))
    }

    #[test]
    fn the_mirror_columns_come_when_they_fit_and_never_without_mirror_figures() {
        let view = view();
        assert_eq!(beside_width(&view), 113);
        assert_eq!(Columns::of(&view, 112), Columns::InDetail);
        assert_eq!(Columns::of(&view, 113), Columns::Beside);
        let wide = caption(&view, Columns::InDetail, 200).unwrap();
        assert!(wide.contains("as columns from 113 wide"), "{wide}");
        let data = Dataset::embedded();
        let pair = crate::view::bilateral::pairs(&data)[0];
        let plain = BilateralView::new(&data, BilateralView::default_selection(&data, pair));
        assert_eq!(Columns::of(&plain, 300), Columns::Plain);
        assert_eq!(caption(&plain, Columns::Plain, 300), None);
    }

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
