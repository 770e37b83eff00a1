//! No silent keys (issue 21, item 5): on every tab, every key of the key
//! table either changes what is shown or says why it did nothing.

use crossterm::event::{KeyEvent, KeyModifiers};
use eurasia_dash::app::keys::{KEYS, key_action};
use eurasia_dash::app::{Action, App, Tab};
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::keys::{app, export_dir};

fn screen(app: &App) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme { color: false };
    terminal
        .draw(|frame| _ = ui::render(app, &theme, frame))
        .unwrap();
    terminal.backend().clone()
}

#[test]
fn every_key_on_every_tab_changes_the_screen_or_says_why_not() {
    let mut silent = Vec::new();
    // Where `e` writes, out of the working directory.
    let directory = export_dir("silent-keys");
    for tab in Tab::ALL {
        for binding in KEYS {
            for &(key, _) in binding.keys {
                let mut app = app();
                app.tab = tab;
                app.export_dir = directory.clone();
                let before = screen(&app);
                let modifiers = match key.ctrl {
                    true => KeyModifiers::CONTROL,
                    false => KeyModifiers::NONE,
                };
                let Some(action) = key_action(&app, KeyEvent::new(key.code, modifiers)) else {
                    silent.push(format!("{}: {:?} asks for nothing", tab.title(), key));
                    continue;
                };
                if action == Action::Suspend {
                    // The loop's own: it gives the terminal back and stops
                    // the process (the pseudo-terminal test in terminal.rs).
                    continue;
                }
                app.update(action);
                let said = app.message.is_some();
                if app.running && !said && screen(&app) == before {
                    silent.push(format!("{}: {:?} ({action:?})", tab.title(), key));
                }
            }
        }
    }
    assert!(
        silent.is_empty(),
        "keys that do nothing silently:\n{silent:#?}"
    );
}
