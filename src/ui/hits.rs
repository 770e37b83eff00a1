//! Where the last frame drew what a click can reach: the tab titles, the
//! table's header and rows, the picker's lines. The drawing records these
//! rectangles as it lays the frame out (no extra work beyond keeping them),
//! and `event::mouse` turns a click into an action with them.

use std::ops::Range;

use ratatui::layout::{Position, Rect};

use crate::app::Tab;

/// What a click can reach on the frame last drawn.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitMap {
    /// Each tab's number and title on the header line.
    pub tabs: Vec<(Rect, Tab)>,
    /// The table of the tab shown, when it has rows.
    pub table: Option<TableHits>,
    /// The picker's lines of matches, while it is open.
    pub picker: Option<Lines>,
}

impl HitMap {
    /// The tab whose title is at `position`.
    pub fn tab_at(&self, position: Position) -> Option<Tab> {
        self.tabs
            .iter()
            .find(|(area, _)| area.contains(position))
            .map(|&(_, tab)| tab)
    }
}

/// A table drawn by `render_selectable`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableHits {
    /// The header line.
    pub header: Rect,
    /// Each column's cells on it, left to right (column 0 is the period).
    pub columns: Vec<Range<u16>>,
    /// The rows drawn.
    pub rows: Lines,
}

impl TableHits {
    /// The column whose header is at `position`; the space after a
    /// column's cells counts as its own.
    pub fn column_at(&self, position: Position) -> Option<usize> {
        let last = self.columns.last()?;
        if !self.header.contains(position) || position.x >= last.end {
            return None;
        }
        self.columns
            .iter()
            .rposition(|span| span.start <= position.x)
    }
}

/// Items drawn one a line: the top line is item `first`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lines {
    /// Only the lines that hold an item: a click below the last is on none.
    pub area: Rect,
    pub first: usize,
}

impl Lines {
    /// The item drawn at `position`, if any.
    pub fn item_at(&self, position: Position) -> Option<usize> {
        self.area
            .contains(position)
            .then(|| self.first + usize::from(position.y - self.area.y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_finds_the_line_and_column_drawn_there() {
        let table = TableHits {
            header: Rect::new(3, 10, 40, 1),
            columns: vec![3..18, 19..29],
            rows: Lines {
                area: Rect::new(1, 11, 42, 4),
                first: 20,
            },
        };
        assert_eq!(table.column_at(Position::new(2, 10)), None, "the marker's");
        assert_eq!(table.column_at(Position::new(3, 10)), Some(0));
        assert_eq!(table.column_at(Position::new(18, 10)), Some(0), "the gap");
        assert_eq!(table.column_at(Position::new(28, 10)), Some(1));
        assert_eq!(table.column_at(Position::new(29, 10)), None, "the right");
        assert_eq!(table.column_at(Position::new(5, 11)), None, "a row");
        assert_eq!(table.rows.item_at(Position::new(5, 11)), Some(20));
        assert_eq!(table.rows.item_at(Position::new(5, 14)), Some(23));
        assert_eq!(table.rows.item_at(Position::new(5, 15)), None);
    }
}
