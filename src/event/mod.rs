//! Terminal events to actions, and the loop that waits for them.
//!
//! [`KEYS`] is the one list of key bindings: the key lookup, the help overlay
//! and the status line's hints are all read from it, and a test holds the
//! README's table of keys to it. Mouse events are mapped in [`mouse`].

use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::{Action, App, Tab};
use crate::data::{Dataset, LoadError};

mod keys;
mod mouse;

use crate::ui;
use crate::ui::hits::HitMap;
use crate::ui::theme::Theme;
pub use keys::{Binding, Hint, KEYS, Key, Scope};
pub use mouse::mouse_action;

/// What the loop wakes up for: all of it comes through one channel, so the
/// loop sleeps until any of it comes.
pub enum Input {
    /// An event of the terminal, or why it could not be read.
    Terminal(io::Result<Event>),
    /// The `--data` files read again after a change (`--watch`), or why
    /// they could not be; boxed, as it is large and comes rarely.
    Reloaded(Box<Result<Dataset, LoadError>>),
}

/// The action a key asks for, if any, while the pair picker is closed. A key
/// acts when pressed and repeats while held; its release does nothing.
pub fn action_for(key: KeyEvent) -> Option<Action> {
    bound(key, |scope| scope != Scope::Picker)
}

/// The action a key asks for in the app's present state: the picker or the
/// jump prompt, while open, takes every key.
pub fn key_action(app: &App, key: KeyEvent) -> Option<Action> {
    if app.picker.is_some() || app.jump.is_some() {
        picker_action_for(key)
    } else {
        action_for(key)
    }
}

/// The action a key asks for in the pair picker (or the jump prompt): its
/// own keys, Esc and Ctrl-C; any other character is typed.
pub fn picker_action_for(key: KeyEvent) -> Option<Action> {
    let found = bound(key, |scope| {
        matches!(scope, Scope::Picker | Scope::Everywhere)
    });
    match (key.code, found) {
        (KeyCode::Char(c), _)
            if key.kind != KeyEventKind::Release
                && !key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(Action::Type(c))
        }
        (_, found) => found,
    }
}

/// The action of the binding of `key` among those whose scope `in_scope`
/// takes.
fn bound(key: KeyEvent, in_scope: impl Fn(Scope) -> bool) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let bound = |ctrl: bool| {
        KEYS.iter()
            .filter(|binding| in_scope(binding.scope))
            .flat_map(|binding| binding.keys)
            .find(|(bound, _)| bound.code == key.code && bound.ctrl == ctrl)
            .map(|&(_, action)| action)
    };
    // A Ctrl binding comes first (Ctrl-C quits, where c alone picks a
    // currency); otherwise modifiers are ignored, so Shift-g is G and Ctrl-q
    // still quits.
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        bound(true).or_else(|| bound(false))
    } else {
        bound(false)
    }
}

/// The status line's hints on `tab`, in their order.
pub fn status_hints(tab: Tab) -> Vec<&'static Hint> {
    let mut hints: Vec<&Hint> = KEYS
        .iter()
        .filter(|binding| binding.scope.covers(tab))
        .filter_map(|binding| binding.hint.as_ref())
        .collect();
    hints.sort_by_key(|hint| hint.rank);
    hints
}

/// The label of the binding that asks for `action` ("" if none does).
pub fn label_for(action: Action) -> &'static str {
    KEYS.iter()
        .find(|binding| binding.keys.iter().any(|&(_, bound)| bound == action))
        .map_or("", |binding| binding.label)
}

/// Draws in `theme`, then blocks until the next input that changes
/// something: nothing runs while no key is pressed, and a mouse move or any
/// event that asks for nothing draws nothing. Every input already queued (a
/// paste, a held key) is handled before the next frame, so none waits for a
/// later key and a burst of keys costs one frame, not one each. The terminal
/// is read on a thread of its own, into `inputs` through `sender`, where
/// other inputs come too.
pub fn run(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    (sender, inputs): (Sender<Input>, Receiver<Input>),
) -> io::Result<()> {
    std::thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if sender.send(Input::Terminal(event)).is_err() || failed {
                return;
            }
        }
    });
    let mut hits = HitMap::default();
    while app.running {
        terminal.draw(|frame| hits = ui::render(app, theme, frame))?;
        let mut changed = false;
        while app.running {
            let input = if changed {
                match inputs.try_recv() {
                    Ok(input) => input,
                    Err(_) => break,
                }
            } else {
                match next_input(app, &inputs)? {
                    Some(input) => input,
                    // The status line's message is over: drawn without it.
                    None => break,
                }
            };
            changed |= handle(app, &hits, input)?;
        }
    }
    Ok(())
}

/// The next input; `None` when the status line's message is over first, the
/// one wake-up without an input.
fn next_input(app: &mut App, inputs: &Receiver<Input>) -> io::Result<Option<Input>> {
    // The reader thread keeps its sender until it has sent why the terminal
    // could not be read, so the channel never ends before that is handled.
    let ended = || io::Error::other("the terminal's reader ended");
    let Some((_, until)) = &app.message else {
        return inputs.recv().map(Some).map_err(|_| ended());
    };
    let left = until.saturating_duration_since(Instant::now());
    match inputs.recv_timeout(left) {
        Ok(input) => Ok(Some(input)),
        Err(RecvTimeoutError::Timeout) => {
            app.message = None;
            Ok(None)
        }
        Err(RecvTimeoutError::Disconnected) => Err(ended()),
    }
}

/// Acts on one input; whether the frame must be drawn again.
fn handle(app: &mut App, hits: &HitMap, input: Input) -> io::Result<bool> {
    let event = match input {
        Input::Terminal(event) => event,
        Input::Reloaded(loaded) => {
            app.reloaded(*loaded);
            return Ok(true);
        }
    };
    let action = match event? {
        Event::Key(key) => key_action(app, key),
        Event::Mouse(mouse) => mouse_action(app, hits, mouse),
        // A resize just redraws.
        Event::Resize(..) => return Ok(true),
        _ => None,
    };
    let Some(action) = action else {
        return Ok(false);
    };
    app.update(action);
    if let Some(text) = app.clipboard.take() {
        execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text))?;
    }
    Ok(true)
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
            Some(Action::Interrupt)
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

    #[test]
    fn modifiers_other_than_a_ctrl_binding_are_ignored_and_releases_do_nothing() {
        let with = |code, modifiers| action_for(KeyEvent::new(code, modifiers));
        assert_eq!(
            with(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::End)
        );
        assert_eq!(
            with(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::PreviousTab)
        );
        assert_eq!(
            with(KeyCode::Char('q'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        let mut release = key(KeyCode::Char('q'));
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(release), None);
        let mut repeat = key(KeyCode::Down);
        repeat.kind = KeyEventKind::Repeat;
        assert_eq!(action_for(repeat), Some(Action::Down));
    }

    #[test]
    fn no_key_is_bound_twice_in_the_picker_or_out_of_it() {
        let in_picker = |scope| matches!(scope, Scope::Picker | Scope::Everywhere);
        let out_of_picker = |scope| scope != Scope::Picker;
        for in_mode in [&in_picker as &dyn Fn(Scope) -> bool, &out_of_picker] {
            let keys: Vec<Key> = KEYS
                .iter()
                .filter(|binding| in_mode(binding.scope))
                .flat_map(|binding| binding.keys)
                .map(|&(key, _)| key)
                .collect();
            for (at, key) in keys.iter().enumerate() {
                assert!(!keys[..at].contains(key), "{key:?} is bound twice");
            }
        }
    }

    #[test]
    fn in_the_picker_letters_are_typed_and_its_keys_act() {
        assert_eq!(
            picker_action_for(key(KeyCode::Char('q'))),
            Some(Action::Type('q'))
        );
        assert_eq!(
            picker_action_for(key(KeyCode::Char('/'))),
            Some(Action::Type('/'))
        );
        assert_eq!(picker_action_for(key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(
            picker_action_for(key(KeyCode::Enter)),
            Some(Action::Confirm)
        );
        assert_eq!(picker_action_for(key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(
            picker_action_for(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
            Some(Action::Up)
        );
        assert_eq!(
            picker_action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Interrupt)
        );
        assert_eq!(picker_action_for(key(KeyCode::Tab)), None);
        assert_eq!(
            action_for(key(KeyCode::Enter)),
            None,
            "Enter acts in the picker only"
        );
    }

    #[test]
    fn the_digits_select_the_tabs_in_order_and_their_help_names_them() {
        for (at, &tab) in Tab::ALL.iter().enumerate() {
            let digit = char::from_digit(at as u32 + 1, 10).unwrap();
            assert_eq!(
                action_for(key(KeyCode::Char(digit))),
                Some(Action::SelectTab(tab))
            );
        }
        let titles: Vec<&str> = Tab::ALL.iter().map(|tab| tab.title()).collect();
        let digits = KEYS.iter().find(|binding| binding.label == "1 2 3 4");
        assert_eq!(
            digits.map(|binding| binding.help),
            Some(&*titles.join(", "))
        );
    }

    #[test]
    fn status_hints_put_quit_first_and_the_tabs_own_keys_last() {
        let keys = |tab| -> Vec<&str> { status_hints(tab).iter().map(|hint| hint.key).collect() };
        assert_eq!(keys(Tab::Overview), ["q", "?", "Tab", "/"]);
        assert_eq!(
            keys(Tab::Bilateral),
            ["q", "?", "Tab", "/", "p", "s", "c", "o"]
        );
        assert_eq!(keys(Tab::Eaeu), ["q", "?", "Tab", "/", "[ ]", "o"]);
        assert_eq!(
            keys(Tab::BeltAndRoad),
            ["q", "?", "Tab", "/", "m", "s", "o"]
        );
    }

    /// The rows of the README's "## Keys" table: (key, what it does).
    fn readme_keys() -> Vec<(String, String)> {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md is readable");
        let (_, section) = readme
            .split_once("\n## Keys\n")
            .expect("README.md has a '## Keys' section");
        section
            .lines()
            .take_while(|line| !line.starts_with("## "))
            .skip_while(|line| !line.starts_with('|'))
            .take_while(|line| line.starts_with('|'))
            // The header row and the |---|---| line under it.
            .skip(2)
            .map(|line| {
                let cells: Vec<&str> = line.trim().trim_matches('|').split('|').collect();
                let [key, does] = cells[..] else {
                    panic!("a Keys row of two cells: {line:?}");
                };
                (key.trim().to_string(), does.trim().to_string())
            })
            .collect()
    }

    #[test]
    fn the_readme_lists_the_keys_of_the_table() {
        let table: Vec<(String, String)> = KEYS
            .iter()
            .map(|binding| (binding.label.to_string(), binding.help.to_string()))
            .collect();
        assert_eq!(
            readme_keys(),
            table,
            "README.md's Keys table (left) and event::KEYS (right) differ"
        );
    }
}
