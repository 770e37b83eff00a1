//! The loop that waits for terminal events and turns them into actions: keys
//! through the key table ([`crate::app::keys`]), mouse events in [`mouse`].

use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{self, Event};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::keys::key_action;
use crate::app::{Action, App};
use crate::data::{Dataset, LoadError};
use crate::terminal::{self as tty, JobControl};

mod mouse;

use crate::ui;
use crate::ui::hits::HitMap;
use crate::ui::theme::Theme;
pub use mouse::mouse_action;

/// What the loop wakes up for: all of it comes through one channel, so the
/// loop sleeps until any of it comes.
pub enum Input {
    /// An event of the terminal, or why it could not be read.
    Terminal(io::Result<Event>),
    /// The `--data` files read again after a change (`--watch`), or why
    /// they could not be; boxed, as it is large and comes rarely.
    Reloaded(Box<Result<Dataset, LoadError>>),
    /// SIGTSTP or SIGCONT (see [`tty::on_job_control`]).
    JobControl(JobControl),
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
            changed |= handle(terminal, app, &hits, input)?;
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
fn handle(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    hits: &HitMap,
    input: Input,
) -> io::Result<bool> {
    let event = match input {
        Input::Terminal(event) => event,
        Input::Reloaded(loaded) => {
            app.reloaded(*loaded);
            return Ok(true);
        }
        Input::JobControl(JobControl::Stop) => return suspend(),
        Input::JobControl(JobControl::Continued) => {
            tty::take_again()?;
            // What was on the screen is gone, and its size may have changed:
            // the next frame is drawn whole. (Not `clear`, which asks the
            // terminal where its cursor is and waits for the answer.)
            let size = terminal.size()?;
            terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
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
    if action == Action::Suspend {
        return suspend();
    }
    app.update(action);
    if let Some(text) = app.clipboard.take() {
        execute!(io::stdout(), CopyToClipboard::to_clipboard_from(text))?;
    }
    Ok(true)
}

/// Ctrl-Z or SIGTSTP: the terminal given back and the program stopped.
/// Nothing is drawn until SIGCONT, which comes as an input of its own and
/// takes the terminal again.
fn suspend() -> io::Result<bool> {
    tty::suspend();
    Ok(false)
}
