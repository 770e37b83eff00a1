//! The loop that waits for terminal events and turns them into actions: keys
//! through the key table ([`crate::app::keys`]), mouse events in [`mouse`].

use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use crossterm::clipboard::CopyToClipboard;
use crossterm::event::{self, Event};
use crossterm::execute;
use ratatui::backend::Backend;
use ratatui::layout::{Rect, Size};
use ratatui::{DefaultTerminal, Terminal, TerminalOptions, Viewport};

use crate::app::keys::key_action;
use crate::app::{Action, App};
use crate::data::{Dataset, LoadError};
use crate::terminal::{self as tty, JobControl};

mod mouse;

use crate::ui;
use crate::ui::hits::HitMap;
use crate::ui::theme::Theme;
pub use mouse::mouse_action;

/// The largest area drawn: a terminal may report any size up to
/// 65535x65535, and ratatui keeps two buffers of a cell per character of the
/// area (some 40 bytes each). Beyond it the dashboard is drawn in the top
/// left corner.
pub const MAX_WIDTH: u16 = 1000;
pub const MAX_HEIGHT: u16 = 500;

/// The terminal set up for the dashboard: raw mode, the alternate screen,
/// and ratatui's buffers no larger than [`MAX_WIDTH`] x [`MAX_HEIGHT`] (a
/// fixed viewport, as a full-screen one takes the terminal's size whatever
/// it is). The loop fits it to the terminal's size on each resize.
pub fn init_terminal() -> io::Result<DefaultTerminal> {
    let (width, height) = crossterm::terminal::size()?;
    let viewport = Viewport::Fixed(drawn_area(Size { width, height }));
    let terminal = ratatui::try_init_with_options(TerminalOptions { viewport })?;
    execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    Ok(terminal)
}

/// The area drawn in a terminal of `size`.
fn drawn_area(size: Size) -> Rect {
    Rect::new(0, 0, size.width.min(MAX_WIDTH), size.height.min(MAX_HEIGHT))
}

/// The drawn area fitted to the terminal's size now, the next frame drawn
/// whole.
fn fit<B: Backend>(terminal: &mut Terminal<B>) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    terminal.resize(drawn_area(size)).map_err(io::Error::other)
}

/// What the loop wakes up for: all of it comes through one channel, so the
/// loop sleeps until any of it comes.
pub enum Input {
    /// An event of the terminal, or why it could not be read.
    Terminal(io::Result<Event>),
    /// The `--data` files read again after a change (`--watch`), or why
    /// they could not be (boxed, as it is large and comes rarely), and the
    /// paths no longer watched.
    Reloaded(Box<Result<Dataset, LoadError>>, Vec<std::path::PathBuf>),
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
    serve(terminal, app, theme, &inputs)
}

/// [`run`]'s loop, on any backend: draws, then handles the inputs of
/// `inputs` until the app stops. A click is mapped on the frame drawn after
/// the inputs before it: one that comes in a batch after a key that changed
/// something waits for that frame.
pub fn serve<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    theme: &Theme,
    inputs: &Receiver<Input>,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut hits = HitMap::default();
    let mut waiting = None;
    while app.running {
        terminal
            .draw(|frame| hits = ui::render(app, theme, frame))
            .map_err(io::Error::other)?;
        let mut changed = false;
        while app.running {
            let input = if let Some(input) = waiting.take() {
                input
            } else if changed {
                match inputs.try_recv() {
                    Ok(input) => input,
                    Err(_) => break,
                }
            } else {
                match next_input(app, inputs)? {
                    Some(input) => input,
                    // The status line's message is over: drawn without it.
                    None => break,
                }
            };
            if changed && matches!(input, Input::Terminal(Ok(Event::Mouse(_)))) {
                waiting = Some(input);
                break;
            }
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
fn handle<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    hits: &HitMap,
    input: Input,
) -> io::Result<bool>
where
    B::Error: Send + Sync + 'static,
{
    let event = match input {
        Input::Terminal(event) => event,
        Input::Reloaded(loaded, unwatched) => {
            app.reloaded(*loaded, &unwatched);
            return Ok(true);
        }
        Input::JobControl(JobControl::Stop) => return suspend(),
        Input::JobControl(JobControl::Continued) => {
            tty::take_again()?;
            // What was on the screen is gone, and its size may have changed:
            // the next frame is drawn whole. (Not `clear`, which asks the
            // terminal where its cursor is and waits for the answer.)
            fit(terminal)?;
            return Ok(true);
        }
    };
    let action = match event? {
        Event::Key(key) => key_action(app, key),
        Event::Mouse(mouse) => mouse_action(app, hits, mouse),
        // A resize redraws, whole, in the new size.
        Event::Resize(..) => {
            fit(terminal)?;
            return Ok(true);
        }
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
