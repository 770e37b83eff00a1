//! The terminal around the dashboard: whether there is one to draw in, the
//! mouse, and the terminal given back however the program ends. On quit and
//! on panic ratatui restores it (and here the mouse is given back too); here,
//! on SIGTERM, SIGHUP, SIGINT and SIGQUIT, and when the terminal itself goes
//! away. Ctrl-Z and SIGTSTP give it back and stop the program; SIGCONT takes
//! it again.

use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

/// Whether standard output is a terminal the dashboard can draw in: not a
/// pipe or a file, and not one that says it cannot move the cursor
/// (`TERM=dumb`).
pub fn can_draw() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
}

/// Why a copy sent to the terminal (OSC 52, `y`) may not reach the
/// clipboard, when it can be told: inside tmux whose `set-clipboard` is
/// `external` or `off`, tmux does not pass an application's copy on.
pub fn clipboard_caveat() -> Option<String> {
    std::env::var_os("TMUX")?;
    let output = std::process::Command::new("tmux")
        .args(["show", "-gv", "set-clipboard"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let setting = String::from_utf8_lossy(&output.stdout).trim().to_string();
    match setting.as_str() {
        "on" => None,
        "" => Some("tmux may not pass the copy on (set-clipboard unknown)".into()),
        _ => Some(format!(
            "tmux may not pass the copy on: set-clipboard is {setting}"
        )),
    }
}

/// On any of the four signals a terminal program is asked to end by, the
/// terminal is restored and the program ends with the conventional status
/// (128 + the signal's number). The signals are handled on a thread of their
/// own, which sleeps until one comes.
pub fn restore_on_signals() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            give_back();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// What a job-control signal asks of the dashboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobControl {
    /// SIGTSTP (`kill -TSTP`; Ctrl-Z itself comes as a key in raw mode):
    /// give the terminal back and stop, see [`suspend`].
    Stop,
    /// SIGCONT (`fg`, `bg`, `kill -CONT`): take the terminal again and draw
    /// it whole, see [`take_again`].
    Continued,
}

/// Tells `tell` of each SIGTSTP and SIGCONT, on a thread of their own, until
/// it answers false. The terminal is the event loop's, so the loop does what
/// they ask, between two frames.
pub fn on_job_control(
    mut tell: impl FnMut(JobControl) -> bool + Send + 'static,
) -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let what = if signal == SIGTSTP {
                JobControl::Stop
            } else {
                JobControl::Continued
            };
            if !tell(what) {
                return;
            }
        }
    });
    Ok(())
}

/// The terminal given back, then the program stopped until continued (the
/// shell's `fg`). SIGSTOP, not SIGTSTP: SIGTSTP's handler is ours, and a
/// stop may not be refused (the kernel drops SIGTSTP in an orphaned group).
pub fn suspend() {
    give_back();
    let _ = signal_hook::low_level::raise(SIGSTOP);
}

/// The terminal taken again after a stop: raw mode, the alternate screen,
/// the cursor hidden and the mouse, if it was captured. Raw mode is set
/// anew even where crossterm thinks it on: a shell may have reset the
/// terminal while the program was stopped by another's SIGSTOP.
pub fn take_again() -> std::io::Result<()> {
    let _ = crossterm::terminal::disable_raw_mode();
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::cursor::Hide
    )?;
    if MOUSE_CAPTURED.load(Ordering::SeqCst) {
        crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)?;
    }
    Ok(())
}

/// Whether [`capture_mouse`] took the mouse, to take it again after a stop.
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);

/// When the terminal goes away while SIGHUP is ignored (`nohup`, `trap ''
/// HUP`) or not sent (`setsid`), crossterm reads its end of file over and over
/// at full speed; a thread that sleeps in `poll` until the terminal hangs up
/// ends the program instead, as a hang-up would (status 129).
pub fn end_on_hangup() {
    // Chosen here, before the terminal can go.
    keyboard();
    std::thread::spawn(|| {
        if hung_up(None) == Some(true) {
            give_back();
            std::process::exit(i32::from(EXIT_HANG_UP));
        }
    });
}

/// The terminal's input the program reads keys from, chosen once, while the
/// terminal is there: standard input if it is a terminal, else `/dev/tty`
/// (kept open). Chosen again later, a terminal gone would no longer look
/// like one (`isatty` fails on a hung-up terminal), and the hang-up would
/// be missed.
enum Keyboard {
    StandardInput,
    ControllingTerminal(std::fs::File),
}

fn keyboard() -> Option<&'static Keyboard> {
    static KEYBOARD: std::sync::OnceLock<Option<Keyboard>> = std::sync::OnceLock::new();
    KEYBOARD
        .get_or_init(|| {
            if std::io::stdin().is_terminal() {
                Some(Keyboard::StandardInput)
            } else {
                std::fs::File::open("/dev/tty")
                    .ok()
                    .map(Keyboard::ControllingTerminal)
            }
        })
        .as_ref()
}

/// Whether the terminal has hung up, waiting for it at most `wait` (`None`:
/// until it does); `None` when there is no terminal poll can watch.
fn hung_up(wait: Option<&Timespec>) -> Option<bool> {
    let stdin = std::io::stdin();
    let fd = match keyboard()? {
        Keyboard::StandardInput => stdin.as_fd(),
        Keyboard::ControllingTerminal(tty) => tty.as_fd(),
    };
    // No events asked for: poll reports a hang-up or an error whatever is asked.
    let mut watched = [PollFd::new(&fd, PollFlags::empty())];
    loop {
        match poll(&mut watched, wait) {
            Ok(_) => {
                let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
                if watched[0].revents().intersects(gone) {
                    return Some(true);
                }
                if wait.is_some() {
                    return Some(false);
                }
            }
            Err(rustix::io::Errno::INTR) => continue,
            // Poll cannot watch this terminal: leave it to crossterm.
            Err(_) => return None,
        }
    }
}

/// Asks the terminal to report the mouse's clicks and wheel. Until
/// [`release_mouse`], the terminal's own selection of text needs Shift
/// (most terminals) or is not there: hence `--no-mouse`. A panic releases it
/// before ratatui's hook restores the rest.
pub fn capture_mouse() -> std::io::Result<()> {
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        release_mouse();
        restore(info);
    }));
    MOUSE_CAPTURED.store(true, Ordering::SeqCst);
    crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)
}

/// The mouse given back to the terminal; harmless where it was not taken.
/// An error is ignored, as in [`give_back`].
pub fn release_mouse() {
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
}

/// The status of an end because the terminal went away: a hang-up's.
pub const EXIT_HANG_UP: u8 = 128 + SIGHUP as u8;

/// Whether an error drawing to or reading the terminal came of its going
/// away (its other end closed): the program then ends as on a hang-up. The
/// error says so, or the terminal has hung up (the error of a call made as it
/// went, such as asking its size, can be of any kind).
pub fn went_away(error: &std::io::Error) -> bool {
    error.kind() == std::io::ErrorKind::UnexpectedEof
        || error.raw_os_error().is_some_and(|code| {
            code == rustix::io::Errno::IO.raw_os_error()
                || code == rustix::io::Errno::NXIO.raw_os_error()
        })
        || hung_up(Some(&Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        })) == Some(true)
}

/// The terminal as the program found it: the mouse released, raw mode and
/// the alternate screen left, the cursor shown again. Errors are ignored (a
/// terminal that went away cannot be restored), where `ratatui::restore`
/// would print them, and a print to a terminal gone would panic.
pub fn give_back() {
    release_mouse();
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}
