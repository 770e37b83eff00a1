//! Mouse events to actions, as bottom and gitui take them: a click on a tab's
//! title selects the tab, on a row selects the row, on a column's header
//! sorts by it (again: the other way), on a line of the picker opens it; the
//! wheel scrolls what is open. Clicks are found in the rectangles the last
//! frame was drawn in ([`HitMap`]). A move, a drag or a click on nothing is
//! no action, so it draws nothing.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use crate::app::{Action, App, Overlay};
use crate::ui::hits::HitMap;

/// The action a mouse event asks for in the app's present state, on the
/// frame last drawn.
pub fn mouse_action(app: &App, hits: &HitMap, mouse: MouseEvent) -> Option<Action> {
    let at = Position::new(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => click(app, hits, at),
        MouseEventKind::ScrollUp if scrolls(app, hits) => Some(Action::Up),
        MouseEventKind::ScrollDown if scrolls(app, hits) => Some(Action::Down),
        _ => None,
    }
}

/// Whether the wheel moves something: the picker's highlight, the help or
/// warnings list, or the selection of the tab's table.
fn scrolls(app: &App, hits: &HitMap) -> bool {
    if app.jump.is_some() || app.find.is_some() {
        return false;
    }
    match (&app.picker, app.overlay) {
        (Some(_), _)
        | (
            None,
            Some(Overlay::Warnings { .. } | Overlay::Help { .. } | Overlay::Derivation { .. }),
        ) => true,
        (None, None) => hits.table.is_some(),
    }
}

fn click(app: &App, hits: &HitMap, at: Position) -> Option<Action> {
    if app.picker.is_some() {
        return hits.picker?.item_at(at).map(Action::SelectRow);
    }
    // The jump prompt and the overlays take keys only.
    if app.jump.is_some() || app.find.is_some() || app.overlay.is_some() {
        return None;
    }
    if let Some(tab) = hits.tab_at(at) {
        return Some(Action::SelectTab(tab));
    }
    let table = hits.table.as_ref()?;
    table
        .column_at(at)
        .map(Action::SortBy)
        .or_else(|| table.rows.item_at(at).map(Action::SelectRow))
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyModifiers;
    use ratatui::layout::Rect;

    use super::*;
    use crate::app::Tab;
    use crate::data::Dataset;
    use crate::ui::hits::{Lines, TableHits};

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    fn left_click(column: u16, row: u16) -> MouseEvent {
        mouse(MouseEventKind::Down(MouseButton::Left), column, row)
    }

    /// Two tabs' titles on the top line, and a table below: header on line
    /// 20, rows 30 to 33 on lines 21 to 24.
    fn hits() -> HitMap {
        HitMap {
            tabs: vec![
                (Rect::new(14, 0, 11, 1), Tab::Overview),
                (Rect::new(26, 0, 18, 1), Tab::Bilateral),
            ],
            table: Some(TableHits {
                header: Rect::new(1, 20, 60, 1),
                columns: vec![3..18, 19..29, 30..40],
                rows: Lines {
                    area: Rect::new(1, 21, 60, 4),
                    first: 30,
                },
            }),
            picker: Some(Lines {
                area: Rect::new(10, 5, 40, 3),
                first: 6,
            }),
        }
    }

    fn app() -> App {
        App::new(Dataset::embedded(), "test".into())
    }

    #[test]
    fn a_click_selects_a_tab_a_row_or_sorts_by_a_column() {
        let (app, hits) = (app(), hits());
        let action = |event| mouse_action(&app, &hits, event);
        assert_eq!(
            action(left_click(30, 0)),
            Some(Action::SelectTab(Tab::Bilateral))
        );
        assert_eq!(action(left_click(25, 0)), None, "between two titles");
        assert_eq!(action(left_click(20, 20)), Some(Action::SortBy(1)));
        assert_eq!(action(left_click(2, 20)), None, "the row marker's column");
        assert_eq!(action(left_click(40, 20)), None, "right of the last column");
        assert_eq!(action(left_click(5, 21)), Some(Action::SelectRow(30)));
        assert_eq!(action(left_click(5, 24)), Some(Action::SelectRow(33)));
        assert_eq!(action(left_click(5, 25)), None, "below the last row");
    }

    #[test]
    fn the_wheel_moves_the_selection_and_other_mouse_events_do_nothing() {
        let (app, hits) = (app(), hits());
        let action = |event| mouse_action(&app, &hits, event);
        assert_eq!(
            action(mouse(MouseEventKind::ScrollDown, 0, 0)),
            Some(Action::Down)
        );
        assert_eq!(
            action(mouse(MouseEventKind::ScrollUp, 70, 30)),
            Some(Action::Up)
        );
        for kind in [
            MouseEventKind::Moved,
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Down(MouseButton::Right),
        ] {
            assert_eq!(action(mouse(kind, 5, 21)), None, "{kind:?}");
        }
        let no_table = HitMap {
            table: None,
            ..hits.clone()
        };
        let wheel = mouse(MouseEventKind::ScrollDown, 5, 21);
        assert_eq!(mouse_action(&app, &no_table, wheel), None);
    }

    #[test]
    fn with_the_picker_open_a_click_opens_a_line_and_nothing_else() {
        let (mut app, hits) = (app(), hits());
        app.update(Action::OpenPicker);
        let action = |event| mouse_action(&app, &hits, event);
        assert_eq!(action(left_click(12, 6)), Some(Action::SelectRow(7)));
        assert_eq!(action(left_click(12, 8)), None, "below the lines");
        assert_eq!(action(left_click(30, 0)), None, "a tab, under the picker");
        assert_eq!(action(left_click(5, 21)), None, "a row, under the picker");
        let wheel = mouse(MouseEventKind::ScrollUp, 0, 0);
        assert_eq!(action(wheel), Some(Action::Up));
    }

    #[test]
    fn with_an_overlay_open_clicks_do_nothing_and_the_wheel_scrolls_it() {
        let (mut app, hits) = (app(), hits());
        let wheel = mouse(MouseEventKind::ScrollDown, 5, 21);
        app.update(Action::ToggleHelp);
        assert_eq!(mouse_action(&app, &hits, left_click(30, 0)), None);
        assert_eq!(mouse_action(&app, &hits, wheel), Some(Action::Down));
        app.update(Action::ToggleWarnings);
        assert_eq!(mouse_action(&app, &hits, left_click(5, 21)), None);
        assert_eq!(mouse_action(&app, &hits, wheel), Some(Action::Down));
        app.update(Action::Back);
        app.update(Action::SelectTab(Tab::Bilateral));
        app.update(Action::OpenJump);
        assert_eq!(mouse_action(&app, &hits, left_click(5, 21)), None);
        assert_eq!(mouse_action(&app, &hits, wheel), None);
    }
}
