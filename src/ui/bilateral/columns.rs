//! The bilateral table's columns: the reporter's figures, and as the width
//! allows, the partner's mirror figures with the gaps beside them and the
//! compared pair's total.

use ratatui::layout::Constraint;
use ratatui::widgets::Cell;

use super::super::format;
use super::super::theme::Theme;
use super::mirror::{self, MARK, gap_cell};
use crate::view::Figure;
use crate::view::bilateral::{BilateralView, COLUMNS, MirrorFigures, Row as ViewRow};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Period,
    Exports,
    /// The partner's imports from the reporter, and their gap to exports.
    MirrorOfExports,
    ExportsGap,
    Imports,
    /// The partner's exports to the reporter, and their gap to imports.
    MirrorOfImports,
    ImportsGap,
    Total,
    /// The compared pair's total.
    Compared,
    Balance,
    Growth,
}

/// The columns the table shows, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    shown: Vec<Column>,
    /// The period's column width.
    period: u16,
    /// Whether the figures' columns are a character wider, for the
    /// mirror mark: "$123.4 bn*⇄".
    marked: bool,
    /// The width a table needs to show the mirror figures beside the
    /// reporter's.
    pub mirror_width: u16,
}

impl Columns {
    /// The columns for a view in a table `width` wide (borders included):
    /// with mirror figures, those beside the reporter's where they fit;
    /// with a compared pair that has totals, its column, before the
    /// balance, which gives way first.
    pub fn of(view: &BilateralView, width: u16) -> Self {
        use Column::*;
        let compared = view.comparison.is_some_and(|c| c.has_totals);
        if !view.has_mirror && !compared {
            // As ever, so tables without either keep their look.
            let shown = vec![Period, Exports, Imports, Total, Balance, Growth];
            return Self {
                shown,
                period: 15,
                marked: false,
                mirror_width: 0,
            };
        }
        // A table's periods are of one kind, so labelled alike: its first
        // and last stand for all (no pass over the periods in a frame).
        let periods = &view.table.periods;
        let ends = periods.first().into_iter().chain(periods.last());
        let label = ends.map(|p| p.to_string().chars().count()).max();
        // At least as wide as "Period ▼".
        let period = 8.max(label.unwrap_or(0) as u16);
        let with = |mirror: bool, balance: bool| {
            let mut shown = vec![Period, Exports];
            shown.extend(
                mirror
                    .then_some([MirrorOfExports, ExportsGap])
                    .into_iter()
                    .flatten(),
            );
            shown.push(Imports);
            shown.extend(
                mirror
                    .then_some([MirrorOfImports, ImportsGap])
                    .into_iter()
                    .flatten(),
            );
            shown.push(Total);
            shown.extend(compared.then_some(Compared));
            shown.extend(balance.then_some(Balance));
            shown.push(Growth);
            Self {
                shown,
                period,
                marked: view.has_mirror,
                mirror_width: 0,
            }
        };
        let mirror_width = with(true, true).width();
        let fitting = [
            with(view.has_mirror, true),
            with(false, true),
            with(false, false),
        ]
        .into_iter()
        .find(|columns| columns.width() <= width);
        Self {
            mirror_width,
            ..fitting.unwrap_or_else(|| with(false, false))
        }
    }

    /// Whether the balance has its column (it gives way to a compared
    /// pair's total on a narrow table).
    pub fn shows_balance(&self) -> bool {
        self.shown.contains(&Column::Balance)
    }

    /// Whether the mirror figures have columns of their own.
    pub fn mirror_beside(&self) -> bool {
        self.shown.contains(&Column::MirrorOfExports)
    }

    /// The width the columns take with the borders, the row marker and a
    /// space between columns.
    pub fn width(&self) -> u16 {
        let columns: u16 = self.constraints().iter().map(min_width).sum();
        columns + 2 + 2 + (self.shown.len() as u16).saturating_sub(1)
    }

    pub fn constraints(&self) -> Vec<Constraint> {
        let figure = if self.marked { 11 } else { 10 };
        let width = |column| match column {
            Column::Period => Constraint::Length(self.period),
            Column::Exports | Column::Imports => Constraint::Length(figure),
            Column::MirrorOfExports | Column::MirrorOfImports => Constraint::Length(11),
            Column::ExportsGap | Column::ImportsGap => Constraint::Length(mirror::GAP_WIDTH),
            Column::Total | Column::Compared => Constraint::Length(11),
            Column::Balance => Constraint::Length(10),
            Column::Growth => Constraint::Min(13),
        };
        self.shown.iter().map(|&column| width(column)).collect()
    }

    /// The headers, given the reporter's (of [`COLUMNS`], marked with the
    /// sort).
    pub fn headers(&self, view: &BilateralView, own: Vec<String>) -> Vec<String> {
        let compared = view
            .comparison
            .map_or(String::new(), |c| format!("{}–{}", c.pair.0, c.pair.1));
        let mark = MARK;
        let mut own = own.into_iter().map(Some).collect::<Vec<_>>();
        let mut header = |column: Column| match column.own() {
            Some(at) => own.get_mut(at).and_then(Option::take).unwrap_or_default(),
            None => match column {
                Column::MirrorOfExports => format!("{mark} Imports"),
                Column::MirrorOfImports => format!("{mark} Exports"),
                Column::Compared => compared.clone(),
                _ => "Gap".to_string(),
            },
        };
        self.shown.iter().map(|&column| header(column)).collect()
    }

    /// A row's cells, given the reporter's (one for each of [`COLUMNS`]).
    pub fn cells<'a>(&self, own: Vec<Cell<'a>>, row: &ViewRow, theme: &Theme) -> Vec<Cell<'a>> {
        let mirror = row.mirror.as_ref();
        let mirrored = |pick: fn(&MirrorFigures) -> Option<&Figure>| {
            format::figure_cell(mirror.and_then(pick))
        };
        let gap = |pick: fn(&MirrorFigures) -> Option<f64>| {
            Cell::from(mirror.and_then(pick).map_or("–".to_string(), gap_cell))
        };
        let mut own = own.into_iter().map(Some).collect::<Vec<_>>();
        let mut cell = |column: Column| match column.own() {
            Some(at) => own.get_mut(at).and_then(Option::take).unwrap_or_default(),
            None => match column {
                Column::MirrorOfExports => {
                    Cell::from(mirrored(|m| m.exports.as_ref())).style(theme.exports())
                }
                Column::MirrorOfImports => {
                    Cell::from(mirrored(|m| m.imports.as_ref())).style(theme.imports())
                }
                Column::ExportsGap => gap(|m| m.exports_gap),
                Column::ImportsGap => gap(|m| m.imports_gap),
                _ => Cell::from(format::figure_cell(row.compared.as_ref())).style(theme.compared()),
            },
        };
        self.shown.iter().map(|&column| cell(column)).collect()
    }

    /// The table's caption: what the mark means and why the sides differ, the
    /// longest wording that fits `width`.
    pub fn mirror_caption(&self, view: &BilateralView, width: usize) -> Option<String> {
        if !view.has_mirror {
            return None;
        }
        let (reporter, partner) = (view.selection.reporter, view.selection.partner);
        let (name, code) = (partner.name(), partner.to_string());
        let candidates = match self.mirror_beside() {
            true => vec![
                format!(
                    " {MARK} = as {name} reports it (mirror) · gap = {MARK} against {}'s figure · \
                     imports are usually valued CIF, exports FOB: a gap of a few % is expected ",
                    reporter.name()
                ),
                format!(
                    " {MARK} = as {name} reports it (mirror) · imports are usually CIF, exports \
                     FOB: a gap of a few % is expected "
                ),
                format!(
                    " {MARK} = as {code} reports it · imports CIF, exports FOB: gaps expected "
                ),
            ],
            false => vec![
                format!(
                    " {MARK} = as {name} reports it (mirror) · gaps below, or as columns from {} \
                     wide · imports are usually CIF, exports FOB: a gap of a few % is expected ",
                    self.mirror_width
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
}

impl Column {
    /// Where the column is among the reporter's ([`COLUMNS`]), if it is one.
    fn own(self) -> Option<usize> {
        let name = match self {
            Column::Period => "Period",
            Column::Exports => "Exports",
            Column::Imports => "Imports",
            Column::Total => "Total",
            Column::Balance => "Balance",
            Column::Growth => "Growth",
            _ => return None,
        };
        COLUMNS.iter().position(|&c| c == name)
    }
}

fn min_width(constraint: &Constraint) -> u16 {
    match *constraint {
        Constraint::Length(width) | Constraint::Min(width) => width,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Dataset;

    fn view() -> BilateralView {
        let data = crate::view::bilateral::mirror_fixture();
        let pair = crate::view::bilateral::pairs(&data)[0];
        BilateralView::new(&data, BilateralView::default_selection(&data, pair))
    }

    #[test]
    fn the_mirror_columns_come_when_they_fit_and_never_without_mirror_figures() {
        let view = view();
        let narrow = Columns::of(&view, 112);
        assert_eq!(narrow.mirror_width, 113);
        assert!(!narrow.mirror_beside());
        assert!(Columns::of(&view, 113).mirror_beside());
        let wide = narrow.mirror_caption(&view, 200).unwrap();
        assert!(wide.contains("as columns from 113 wide"), "{wide}");
        let data = Dataset::embedded();
        let pair = crate::view::bilateral::pairs(&data)[0];
        let plain = BilateralView::new(&data, BilateralView::default_selection(&data, pair));
        let columns = Columns::of(&plain, 300);
        assert!(!columns.mirror_beside());
        assert_eq!(columns.width(), 78, "the table as it always was");
        assert_eq!(columns.mirror_caption(&plain, 300), None);
    }
}
