//! Terminal events to actions, and the loop that waits for them.

use std::io;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::DefaultTerminal;

use crate::app::{Action, App, Tab};
use crate::ui;
use crate::ui::theme::Theme;

/// The action a key asks for, if any.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Back,
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Action::NextTab,
        KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Action::PreviousTab,
        KeyCode::Char(digit @ '1'..='4') => {
            Action::SelectTab(Tab::ALL[digit as usize - '1' as usize])
        }
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Home | KeyCode::Char('g') => Action::Home,
        KeyCode::End | KeyCode::Char('G') => Action::End,
        KeyCode::Char('p') => Action::NextPair,
        KeyCode::Char('s') => Action::NextSpan,
        KeyCode::Char('c') => Action::NextCurrency,
        KeyCode::Char('[') => Action::PreviousPeriod,
        KeyCode::Char(']') => Action::NextPeriod,
        KeyCode::Char('m') => Action::SwitchTopic,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('w') => Action::ToggleWarnings,
        _ => return None,
    })
}

/// Draws in `theme`, then blocks until the next event: nothing runs while no key is pressed.
pub fn run(terminal: &mut DefaultTerminal, app: &mut App, theme: &Theme) -> io::Result<()> {
    while app.running {
        terminal.draw(|frame| ui::render(app, theme, frame))?;
        // Wait for an event that changes something; a resize just redraws.
        loop {
            match event::read()? {
                Event::Key(key) => {
                    if let Some(action) = action_for(key) {
                        app.update(action);
                        break;
                    }
                }
                Event::Resize(..) => break,
                _ => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(action_for(key(KeyCode::Char('q'))), Some(Action::Quit));
        assert_eq!(
            action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('c'))),
            Some(Action::NextCurrency)
        );
        assert_eq!(
            action_for(key(KeyCode::Char('3'))),
            Some(Action::SelectTab(Tab::Eaeu))
        );
        assert_eq!(action_for(key(KeyCode::BackTab)), Some(Action::PreviousTab));
        assert_eq!(action_for(key(KeyCode::Char('l'))), Some(Action::NextTab));
        assert_eq!(action_for(key(KeyCode::Char('x'))), None);
    }
}
