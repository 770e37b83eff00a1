//! The mouse: clicks and the wheel on a drawn frame, found where the text
//! is on the screen, through `mouse_action` and `App::update`, as the loop
//! takes them.

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use eurasia_dash::app::{Action, App, Tab};
use eurasia_dash::data::Dataset;
use eurasia_dash::event::mouse_action;
use eurasia_dash::ui::{self, hits::HitMap, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The screen drawn at 120x40, and where a click reaches.
fn draw(app: &App) -> (Buffer, HitMap) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut hits = HitMap::default();
    terminal
        .draw(|frame| hits = ui::render(app, &Theme { color: false }, frame))
        .unwrap();
    (terminal.backend().buffer().clone(), hits)
}

/// Where `text` first starts on the screen (column, line).
fn find(screen: &Buffer, text: &str) -> (u16, u16) {
    let width = screen.area.width;
    for y in 0..screen.area.height {
        let line: String = (0..width)
            .map(|x| screen[(x, y)].symbol().chars().next().unwrap_or(' '))
            .collect();
        if let Some(at) = line.find(text) {
            let column = line[..at].chars().count() as u16;
            return (column, y);
        }
    }
    panic!("{text:?} is not on the screen");
}

fn event(kind: MouseEventKind, (column, row): (u16, u16)) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// A left click (press) at `at`, on the frame the app draws now; whether it
/// asked for anything.
fn click(app: &mut App, at: (u16, u16)) -> bool {
    let (_, hits) = draw(app);
    let press = event(MouseEventKind::Down(MouseButton::Left), at);
    let action = mouse_action(app, &hits, press);
    action.inspect(|&action| app.update(action)).is_some()
}

fn click_on(app: &mut App, text: &str) -> bool {
    let (screen, _) = draw(app);
    let at = find(&screen, text);
    click(app, at)
}

fn wheel(app: &mut App, kind: MouseEventKind) {
    let (_, hits) = draw(app);
    if let Some(action) = mouse_action(app, &hits, event(kind, (60, 30))) {
        app.update(action);
    }
}

fn app() -> App {
    App::new(Dataset::embedded(), "embedded".into())
}

#[test]
fn a_click_on_a_tab_title_selects_the_tab() {
    let mut app = app();
    assert!(click_on(&mut app, "Bilateral trade"));
    assert_eq!(app.tab, Tab::Bilateral);
    assert!(click_on(&mut app, "Belt and Road"));
    assert_eq!(app.tab, Tab::BeltAndRoad);
    // On the tab's number too.
    let (screen, _) = draw(&app);
    let (x, y) = find(&screen, "Partners");
    assert!(click(&mut app, (x - 2, y)));
    assert_eq!(app.tab, Tab::Partners);
}

#[test]
fn a_click_on_a_row_selects_it_and_the_detail_follows() {
    let mut app = app();
    app.update(Action::SelectTab(Tab::Bilateral));
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    let third = view.table.row(2).unwrap().period.to_string();
    let (screen, _) = draw(&app);
    let (_, header_line) = find(&screen, "Exports");
    let (x, _) = find(&screen, "Period");
    // The third row under the header.
    assert!(click(&mut app, (x + 1, header_line + 3)));
    assert_eq!(app.tabs.bilateral.cursor.row, 2);
    let (screen, _) = draw(&app);
    let (_, marked) = find(&screen, &format!("▸ {third}"));
    assert_eq!(marked, header_line + 3);
    // Below the last row, or on the border: nothing.
    let (_, bottom) = find(&screen, " row 3/");
    assert!(!click(&mut app, (x + 1, bottom)));
    assert_eq!(app.tabs.bilateral.cursor.row, 2);
}

#[test]
fn a_click_on_a_header_sorts_by_it_and_again_reverses() {
    let mut app = app();
    app.update(Action::SelectTab(Tab::Bilateral));
    assert!(click_on(&mut app, "Total"));
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!((view.sort.column, view.sort.descending), (3, true));
    let (screen, _) = draw(&app);
    find(&screen, "Total ▼");
    assert!(click_on(&mut app, "Total"));
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!((view.sort.column, view.sort.descending), (3, false));
    // The same as the keys: `o` three times from the period.
    let mut keyed = self::app();
    keyed.update(Action::SelectTab(Tab::Bilateral));
    for _ in 0..3 {
        keyed.update(Action::SortNextColumn);
    }
    keyed.update(Action::SortReverse);
    assert_eq!(keyed.tabs.bilateral.view.as_ref().unwrap().sort, view.sort);
}

#[test]
fn a_click_on_a_column_that_does_not_sort_changes_nothing() {
    let mut app = app();
    app.update(Action::SelectTab(Tab::BeltAndRoad));
    let before = app.tabs.bri.view.sort;
    click_on(&mut app, "Note");
    assert_eq!(app.tabs.bri.view.sort, before);
}

#[test]
fn the_wheel_moves_the_selection_or_the_picker() {
    let mut app = app();
    app.update(Action::SelectTab(Tab::Bilateral));
    wheel(&mut app, MouseEventKind::ScrollDown);
    wheel(&mut app, MouseEventKind::ScrollDown);
    assert_eq!(app.tabs.bilateral.cursor.row, 2);
    wheel(&mut app, MouseEventKind::ScrollUp);
    assert_eq!(app.tabs.bilateral.cursor.row, 1);
    app.update(Action::OpenPicker);
    wheel(&mut app, MouseEventKind::ScrollDown);
    assert_eq!(app.picker.as_ref().unwrap().selected, 1);
    assert_eq!(
        app.tabs.bilateral.cursor.row, 1,
        "the table under the picker stays"
    );
}

#[test]
fn a_click_on_a_line_of_the_picker_opens_it() {
    let mut app = app();
    app.update(Action::OpenPicker);
    let picker = app.picker.as_ref().unwrap();
    let second = picker.matches[1];
    let (screen, _) = draw(&app);
    let (x, y) = find(&screen, "/ ▏");
    assert!(
        click(&mut app, (x + 2, y + 2)),
        "the second line of matches"
    );
    assert!(app.picker.is_none());
    assert_eq!(app.tab, Tab::Bilateral);
    assert_eq!(
        Some(app.tabs.bilateral.pairs[app.tabs.bilateral.pair]),
        app.tabs.bilateral.candidates[second].choice.pair()
    );
}

#[test]
fn mouse_moves_drags_and_clicks_on_nothing_ask_for_nothing() {
    let mut app = app();
    app.update(Action::SelectTab(Tab::Bilateral));
    let (screen, hits) = draw(&app);
    let row = find(&screen, "Exports");
    for kind in [
        MouseEventKind::Moved,
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Up(MouseButton::Left),
    ] {
        assert_eq!(mouse_action(&app, &hits, event(kind, row)), None);
    }
    // The data's name on the header line.
    assert!(!click_on(&mut app, "embedded"));
}
