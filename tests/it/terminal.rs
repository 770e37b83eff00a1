//! The terminal comes back however the dashboard ends: run in a
//! pseudo-terminal, sent each of the four signals a terminal program is asked
//! to end by, left by its terminal while hang-ups are not delivered, and
//! suspended and resumed.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fs::{Mode, OFlags, open};
use rustix::process::{Pid, Signal, kill_process};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{LocalModes, Winsize, tcgetattr, tcsetwinsize};

use crate::common::hostile_parquet;

/// The dashboard on the slave side of a new pseudo-terminal, with what it
/// writes collected from the master side.
struct Dashboard {
    child: Child,
    /// Set to close the master side, the terminal's: the thread that holds
    /// it, reading, then drops it.
    close_master: Arc<AtomicBool>,
    slave: OwnedFd,
    output: Arc<Mutex<Vec<u8>>>,
    /// The terminal's side, for typing (dropped with the terminal).
    keyboard: Option<File>,
}

impl Dashboard {
    /// The dashboard on the default data, once it has drawn.
    fn start() -> Self {
        let dashboard = Self::spawn("xterm-256color", &[]);
        dashboard.wait_for_output("Overview");
        dashboard
    }

    fn spawn(term: &str, args: &[&str]) -> Self {
        Self::spawn_sized(term, args, (80, 24))
    }

    /// The dashboard in a terminal of `(columns, rows)`.
    fn spawn_sized(term: &str, args: &[&str], (columns, rows): (u16, u16)) -> Self {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("a pseudo-terminal");
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = open(
            name.as_c_str(),
            OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .unwrap();
        tcsetwinsize(
            &slave,
            Winsize {
                ws_row: rows,
                ws_col: columns,
                ws_xpixel: 0,
                ws_ypixel: 0,
            },
        )
        .unwrap();
        let stdio = || Stdio::from(File::from(slave.try_clone().unwrap()));
        let child = Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .env("TERM", term)
            .stdin(stdio())
            .stdout(stdio())
            .stderr(stdio())
            .spawn()
            .expect("the binary runs");
        let keyboard = Some(File::from(master.try_clone().unwrap()));
        let output = Arc::new(Mutex::new(Vec::new()));
        let close_master = Arc::new(AtomicBool::new(false));
        let (collected, closing) = (Arc::clone(&output), Arc::clone(&close_master));
        std::thread::spawn(move || {
            let mut reader = File::from(master);
            let mut chunk = [0u8; 4096];
            let tick = Timespec {
                tv_sec: 0,
                tv_nsec: 20_000_000,
            };
            while !closing.load(Ordering::SeqCst) {
                let mut watched = [PollFd::new(&reader, PollFlags::IN)];
                if poll(&mut watched, Some(&tick)).unwrap_or(0) == 0 {
                    continue;
                }
                match reader.read(&mut chunk) {
                    Ok(read @ 1..) => collected.lock().unwrap().extend_from_slice(&chunk[..read]),
                    _ => break,
                }
            }
        });
        Self {
            child,
            close_master,
            slave,
            output,
            keyboard,
        }
    }

    /// Types `keys` at once, as a paste or a held key queues them.
    fn type_keys(&mut self, keys: &[u8]) {
        let keyboard = self.keyboard.as_mut().expect("the terminal is there");
        keyboard.write_all(keys).unwrap();
    }

    fn output(&self) -> String {
        String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned()
    }

    fn wait_for_output(&self, text: &str) {
        self.wait_for_output_after(0, text);
    }

    /// Waits for `text` in what was written after the first `from` bytes.
    fn wait_for_output_after(&self, from: usize, text: &str) {
        let start = Instant::now();
        while !self.output()[from..].contains(text) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no {text:?} in {:?}",
                self.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the mouse, once captured, is released: the program's last
    /// output may still be on its way when it has ended.
    fn wait_for_mouse_released(&self) {
        let start = Instant::now();
        loop {
            let output = self.output();
            let on = output.rfind(MOUSE_ON).expect("the mouse was captured");
            if output[on..].contains(MOUSE_OFF) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the mouse not released: {output:?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The exit status, if the program ends within ten seconds (as long as
    /// the waits for output: a loaded machine may take seconds); the program
    /// is killed otherwise.
    fn exit_code(&mut self) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        None
    }

    fn raw_mode_left(&self) -> bool {
        let modes = tcgetattr(&self.slave).unwrap().local_modes;
        modes.contains(LocalModes::ICANON) && modes.contains(LocalModes::ECHO)
    }
}

#[test]
fn each_signal_restores_the_terminal_and_exits_with_its_status() {
    for (signal, number) in [
        (Signal::TERM, 15),
        (Signal::HUP, 1),
        (Signal::INT, 2),
        (Signal::QUIT, 3),
    ] {
        let mut dashboard = Dashboard::start();
        assert!(!dashboard.raw_mode_left(), "the dashboard runs in raw mode");
        let pid = Pid::from_child(&dashboard.child);
        kill_process(pid, signal).unwrap();
        assert_eq!(dashboard.exit_code(), Some(128 + number), "signal {number}");
        assert!(
            dashboard.raw_mode_left(),
            "raw mode left after signal {number}"
        );
        // Out of the alternate screen, the cursor shown again.
        dashboard.wait_for_output("\x1b[?1049l");
        dashboard.wait_for_output("\x1b[?25h");
    }
}

#[test]
fn keys_queued_by_the_thousand_are_all_handled() {
    // 1,024 moves then `q`, all queued before the dashboard reads any: the
    // last is handled without another key pressed.
    let mut dashboard = Dashboard::start();
    let mut keys = vec![b'j'; 1024];
    keys.push(b'q');
    dashboard.type_keys(&keys);
    assert_eq!(dashboard.exit_code(), Some(0), "q, the 1,025th key, quits");
}

#[test]
fn a_terminal_that_goes_away_ends_the_dashboard() {
    // The pseudo-terminal is not the program's controlling terminal, so no
    // SIGHUP comes when it goes away, as under `setsid` or `trap '' HUP`.
    let mut dashboard = Dashboard::start();
    dashboard.keyboard = None;
    dashboard.close_master.store(true, Ordering::SeqCst);
    let code = dashboard.exit_code();
    assert_eq!(
        code,
        Some(129),
        "ends as on a hang-up: {:?}",
        dashboard.output()
    );
}

#[test]
fn a_dumb_terminal_is_told_to_use_check_or_print() {
    let mut dashboard = Dashboard::spawn("dumb", &[]);
    assert_eq!(dashboard.exit_code(), Some(3));
    dashboard.wait_for_output("use --check or --print");
    assert!(
        !dashboard.output().contains('\x1b'),
        "{:?}",
        dashboard.output()
    );
}

#[test]
fn control_characters_in_a_file_never_reach_the_terminal() {
    let directory =
        std::env::temp_dir().join(format!("eurasia-dash-controls-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    // A file name that would clear the screen and a source that would set
    // the window title, were they written as they are.
    let path = directory.join("trade\x1b[2J.csv");
    std::fs::write(
        &path,
        "indicator,reporter,partner,period,value,unit,source,note\n\
         trade,CHN,RUS,2020,107.8,USD_BN,\"\x1b]0;title\x07GACC\",\"\x1b[31mnote\"\n",
    )
    .unwrap();
    let mut dashboard = Dashboard::spawn("xterm-256color", &["--data", path.to_str().unwrap()]);
    dashboard.wait_for_output("GACC");
    let output = dashboard.output();
    kill_process(Pid::from_child(&dashboard.child), Signal::TERM).unwrap();
    assert_eq!(dashboard.exit_code(), Some(143));
    std::fs::remove_dir_all(&directory).unwrap();
    for sequence in ["\x1b]0;", "\x1b[2J", "\x1b[31m"] {
        assert!(
            !output.contains(sequence),
            "{sequence:?} written: {output:?}"
        );
    }
}

/// crossterm's first and last sequence of `EnableMouseCapture`, and of
/// `DisableMouseCapture`'s, the mouse's clicks reported.
const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";

#[test]
fn the_mouse_is_captured_and_given_back_on_quit_and_on_a_signal() {
    let mut dashboard = Dashboard::start();
    assert!(dashboard.output().contains(MOUSE_ON));
    dashboard.type_keys(b"q");
    assert_eq!(dashboard.exit_code(), Some(0));
    dashboard.wait_for_mouse_released();

    let mut dashboard = Dashboard::start();
    kill_process(Pid::from_child(&dashboard.child), Signal::TERM).unwrap();
    assert_eq!(dashboard.exit_code(), Some(143));
    dashboard.wait_for_mouse_released();
}

#[test]
fn with_no_mouse_the_mouse_is_left_to_the_terminal() {
    let mut dashboard = Dashboard::spawn("xterm-256color", &["--no-mouse"]);
    dashboard.wait_for_output("Overview");
    dashboard.type_keys(b"q");
    assert_eq!(dashboard.exit_code(), Some(0));
    assert!(!dashboard.output().contains(MOUSE_ON));
}

#[test]
fn a_click_on_a_tab_title_reported_by_the_terminal_opens_the_tab() {
    let mut dashboard = Dashboard::start();
    // The terminal's report (SGR, 1-based) of a press and a release of the
    // left button on the title of tab 2, "Bilateral trade", on line 1 (at
    // 80 columns the header leaves out the program's name).
    let before = dashboard.output().len();
    dashboard.type_keys(b"\x1b[<0;20;1M\x1b[<0;20;1m");
    let start = Instant::now();
    while !dashboard.output()[before..].contains("Selected period") {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no bilateral tab"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    dashboard.type_keys(b"q");
    assert_eq!(dashboard.exit_code(), Some(0));
}

#[test]
fn with_watch_a_changed_file_is_shown_without_a_key() {
    let directory = std::env::temp_dir().join(format!("eurasia-dash-watch-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join("trade.csv");
    let header = "indicator,reporter,partner,period,value,unit,source,note\n";
    let row_2020 = "trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n";
    std::fs::write(&path, format!("{header}{row_2020}")).unwrap();
    let args = [
        "--watch",
        "--tab",
        "bilateral",
        "--data",
        path.to_str().unwrap(),
    ];
    let mut dashboard = Dashboard::spawn("xterm-256color", &args);
    dashboard.wait_for_output("107.8");
    // A new year's row: drawn where the table had none, so written whole
    // (only the cells that change are written).
    let row_2021 = "trade,CHN,RUS,2021,146.9,USD_BN,GACC,\n";
    std::fs::write(&path, format!("{header}{row_2020}{row_2021}")).unwrap();
    dashboard.wait_for_output("146.9");
    dashboard.type_keys(b"q");
    assert_eq!(dashboard.exit_code(), Some(0));
    std::fs::remove_dir_all(&directory).unwrap();
}

/// The escape that leaves the alternate screen, the dashboard's.
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";

#[test]
fn a_reload_of_a_parquet_file_made_corrupt_keeps_the_dashboard_and_the_old_figures() {
    use hostile_parquet::{Lie, baci_file};
    let directory = std::env::temp_dir().join(format!(
        "eurasia-dash-corrupt-reload-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&directory).unwrap();
    let path = directory.join("baci.parquet");
    std::fs::write(&path, baci_file(Lie::None)).unwrap();
    let args = ["--watch", "--data", path.to_str().unwrap()];
    let mut dashboard = Dashboard::spawn("xterm-256color", &args);
    dashboard.wait_for_output("Overview");
    // A page the parquet crate panics on: the loader catches the panic on
    // the reload's thread, and nothing may restore the terminal for it.
    std::fs::write(&path, baci_file(Lie::TextCutShort)).unwrap();
    dashboard.wait_for_output("failed,");
    std::thread::sleep(Duration::from_millis(300));
    let output = dashboard.output();
    assert!(
        !output.contains(LEAVE_ALTERNATE_SCREEN) && !output.contains(MOUSE_OFF),
        "the terminal was restored under the dashboard: {output:?}"
    );
    assert!(!dashboard.raw_mode_left(), "raw mode left");
    dashboard.type_keys(b"q");
    assert_eq!(dashboard.exit_code(), Some(0));
    std::fs::remove_dir_all(&directory).unwrap();
}

/// The escape that enters the alternate screen.
const ENTER_ALTERNATE_SCREEN: &str = "\x1b[?1049h";

/// Whether the process is stopped: its state in `/proc/PID/stat`, the
/// field after the parenthesised name.
fn stopped(pid: u32) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let state = stat.rsplit_once(") ").expect("a state").1;
    state.starts_with('T')
}

fn wait_until_stopped(pid: u32, want: bool) {
    let start = Instant::now();
    while stopped(pid) != want {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the dashboard never {}",
            if want { "stopped" } else { "continued" }
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ctrl_z_and_sigtstp_give_the_terminal_back_and_sigcont_takes_it_again() {
    // Ctrl-Z comes as a key in raw mode; `kill -TSTP` as a signal.
    for by_signal in [false, true] {
        let mut dashboard = Dashboard::start();
        let pid = dashboard.child.id();
        let before = dashboard.output().len();
        if by_signal {
            kill_process(Pid::from_child(&dashboard.child), Signal::TSTP).unwrap();
        } else {
            dashboard.type_keys(b"\x1a");
        }
        wait_until_stopped(pid, true);
        let given_back = dashboard.output()[before..].to_owned();
        for (sequence, what) in [
            (LEAVE_ALTERNATE_SCREEN, "the alternate screen left"),
            ("\x1b[?25h", "the cursor shown"),
            (MOUSE_OFF, "the mouse released"),
        ] {
            assert!(given_back.contains(sequence), "{what}: {given_back:?}");
        }
        assert!(dashboard.raw_mode_left(), "raw mode left while stopped");

        let before = dashboard.output().len();
        kill_process(Pid::from_child(&dashboard.child), Signal::CONT).unwrap();
        wait_until_stopped(pid, false);
        dashboard.wait_for_output_after(before, ENTER_ALTERNATE_SCREEN);
        // Drawn whole again, tab bar and all, without a key.
        dashboard.wait_for_output_after(before, "Overview");
        dashboard.wait_for_output_after(before, MOUSE_ON);
        assert!(!dashboard.raw_mode_left(), "raw mode again after SIGCONT");
        dashboard.type_keys(b"q");
        assert_eq!(dashboard.exit_code(), Some(0), "by signal: {by_signal}");
    }
}

#[test]
fn a_terminal_reporting_the_largest_size_is_drawn_in_a_bounded_area() {
    // 65535x65535 would be buffers of some 170 GB: the allocation aborts.
    let mut dashboard = Dashboard::spawn_sized("xterm-256color", &[], (u16::MAX, u16::MAX));
    dashboard.wait_for_output("Overview");
    dashboard.type_keys(b"q");
    assert_eq!(dashboard.exit_code(), Some(0));
}
