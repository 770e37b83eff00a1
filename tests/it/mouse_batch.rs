//! A click that comes in the same batch of input as keys before it is
//! mapped on the frame drawn after those keys, through the event loop
//! itself (`event::serve`) on a test backend.

use std::sync::mpsc;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use eurasia_dash::app::{Action, App, Tab};
use eurasia_dash::data::Dataset;
use eurasia_dash::event::{Input, mouse_action, serve};
use eurasia_dash::ui::{self, hits::HitMap, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const THEME: Theme = Theme { color: false };

fn key(code: KeyCode) -> Input {
    Input::Terminal(Ok(Event::Key(KeyEvent::new(code, KeyModifiers::NONE))))
}

fn click((column, row): (u16, u16)) -> Input {
    Input::Terminal(Ok(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })))
}

/// The screen of `app` at 120x40, its lines and where clicks reach.
fn frame(app: &App) -> (Vec<String>, HitMap) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut hits = HitMap::default();
    terminal
        .draw(|frame| hits = ui::render(app, &THEME, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let lines = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    (lines, hits)
}

#[test]
fn a_click_after_keys_in_one_batch_is_mapped_on_the_frame_after_them() {
    // Where the bilateral table's 2022 row is, once Tab has opened it.
    let mut expected = App::new(Dataset::embedded(), "embedded".into());
    expected.update(Action::NextTab);
    assert_eq!(expected.tab, Tab::Bilateral);
    let (lines, hits) = frame(&expected);
    let row = lines
        .iter()
        .position(|line| line.starts_with("│  2022 "))
        .expect("a 2022 row on the bilateral tab") as u16;
    let at = (4, row);
    let before = expected.tabs.bilateral.cursor.row;
    let action = mouse_action(
        &expected,
        &hits,
        match click(at) {
            Input::Terminal(Ok(Event::Mouse(mouse))) => mouse,
            _ => unreachable!(),
        },
    )
    .expect("a click on a table row selects it");
    expected.update(action);
    assert_ne!(
        expected.tabs.bilateral.cursor.row, before,
        "the click moves the cursor"
    );

    // The same, queued as one batch before the loop reads any of it.
    let (sender, inputs) = mpsc::channel();
    for input in [key(KeyCode::Tab), click(at), key(KeyCode::Char('q'))] {
        sender.send(input).unwrap();
    }
    let mut app = App::new(Dataset::embedded(), "embedded".into());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    serve(&mut terminal, &mut app, &THEME, &inputs).unwrap();
    assert_eq!(app.tab, Tab::Bilateral);
    assert_eq!(
        app.tabs.bilateral.cursor.row,
        expected.tabs.bilateral.cursor.row
    );
}
