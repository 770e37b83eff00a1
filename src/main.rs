//! The command line: load the data (or report why not) before the terminal is
//! touched, then run the dashboard or print the check report.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::{CommandFactory, Parser};

use eurasia_dash::app::App;
use eurasia_dash::check::{self, Report};
use eurasia_dash::data::model::counted;
use eurasia_dash::data::{Dataset, LoadError, build};
use eurasia_dash::event::Input;
use eurasia_dash::fetch;
use eurasia_dash::ui::theme::Theme;
use eurasia_dash::{terminal, watch};

use cli::{Cli, Command};

mod cli;

/// Exit status of `--check` when the data loaded but rows were skipped, figures
/// conflict or an aggregate is incomplete.
const EXIT_LOADED_WITH_WARNINGS: u8 = 1;
/// Exit status for input that could not be loaded.
const EXIT_DATA_ERROR: u8 = 2;
/// Exit status when the dashboard has no terminal to draw in.
const EXIT_NO_TERMINAL: u8 = 3;

/// Standard output for `--check` and `--print`. A reader that stops early
/// (`| head`) ends the output there rather than failing it: what it did not
/// read is dropped, as other command-line tools do.
struct Output {
    stdout: std::io::StdoutLock<'static>,
    reader_gone: bool,
}

impl Output {
    fn stdout() -> Self {
        Self {
            stdout: std::io::stdout().lock(),
            reader_gone: false,
        }
    }

    fn unless_reader_gone(&mut self, result: std::io::Result<()>) -> std::io::Result<()> {
        match result {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.reader_gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.reader_gone {
            return Ok(bytes.len());
        }
        let result = self.stdout.write_all(bytes);
        self.unless_reader_gone(result).map(|()| bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.reader_gone {
            return Ok(());
        }
        let result = self.stdout.flush();
        self.unless_reader_gone(result)
    }
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Some(Command::Fetch(args)) = &cli.command {
        return ExitCode::from(fetch::cli::run(args));
    }
    if let Some(why) = cli::flag_that_does_not_apply(&cli) {
        Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, why)
            .exit();
    }
    if let Some(dir) = &cli.export_dir
        && !dir.is_dir()
    {
        let dir = dir.display();
        to_stderr(&format!("error: --export-dir {dir}: no such directory"));
        return ExitCode::from(EXIT_DATA_ERROR);
    }
    if !cli.fetch.is_empty() {
        match fetch::cli::files_for(&cli.fetch, &cli.fetch_cache) {
            Ok(files) => cli.data.extend(files),
            Err(error) => {
                to_stderr(&format!("error: {error}"));
                return ExitCode::from(EXIT_DATA_ERROR);
            }
        }
    }
    eurasia_dash::data::load::parquet::quiet_decoding_panics();
    let (data, origin) = match load(&cli) {
        Ok(loaded) => loaded,
        Err(error) => {
            to_stderr(&format!("error: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
    };
    if let Some(view) = cli.print {
        return match cli::print(&cli, &data, view, Output::stdout()) {
            // As --check does: rows left out in lenient mode are a warning.
            Ok(()) if data.stats().rows_skipped > 0 => {
                to_stderr(&format!(
                    "warning: {} skipped (--check --lenient lists them)",
                    counted(data.stats().rows_skipped, "row")
                ));
                ExitCode::from(EXIT_LOADED_WITH_WARNINGS)
            }
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                to_stderr(&format!("error: {problem}"));
                ExitCode::from(EXIT_DATA_ERROR)
            }
        };
    }
    if let Some(old) = cli.against.as_ref().filter(|_| cli.check) {
        let old_data = match build::load_files(&[old], cli.format, cli.lenient) {
            Ok(old_data) => old_data,
            Err(error) => {
                to_stderr(&format!("error: {error}"));
                return ExitCode::from(EXIT_DATA_ERROR);
            }
        };
        let text = check::revisions_text(&old_data, &data, &old.to_string_lossy());
        let mut out = Output::stdout();
        if let Err(error) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            to_stderr(&format!("error: cannot write the output: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
        return ExitCode::SUCCESS;
    }
    if cli.check {
        let report = Report::new(&data);
        let text = if cli.json {
            report.to_json() + "\n"
        } else {
            report.to_text()
        };
        let mut out = Output::stdout();
        if let Err(error) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            to_stderr(&format!("error: cannot write the output: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
        return if report.has_problems() {
            ExitCode::from(EXIT_LOADED_WITH_WARNINGS)
        } else {
            ExitCode::SUCCESS
        };
    }
    if !terminal::can_draw() {
        to_stderr(
            "error: standard output is not a terminal the dashboard can draw in; use --check or --print for output to a file or pipe",
        );
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    let mut app = App::new(data, origin);
    app.tab = cli.tab;
    if let Some(dir) = cli.export_dir.take() {
        app.export_dir = dir;
    }
    app.clipboard_caveat = terminal::clipboard_caveat();
    if let Err(error) = terminal::restore_on_signals() {
        to_stderr(&format!("error: cannot watch for signals: {error}"));
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    terminal::end_on_hangup();
    let inputs = std::sync::mpsc::channel();
    let sender = inputs.0.clone();
    if let Err(error) =
        terminal::on_job_control(move |what| sender.send(Input::JobControl(what)).is_ok())
    {
        to_stderr(&format!("error: cannot watch for signals: {error}"));
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    if cli.watch {
        let sender = inputs.0.clone();
        let reading = watch::Reading {
            paths: cli.data.clone(),
            format: cli.format,
            lenient: cli.lenient,
        };
        let reloaded = move |loaded, unwatched| {
            sender
                .send(Input::Reloaded(Box::new(loaded), unwatched))
                .is_ok()
        };
        if let Err(error) = watch::start(reading, reloaded) {
            to_stderr(&format!("error: cannot watch the data files: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
    }
    // init installs a panic hook that restores the terminal before the message.
    let mut terminal = match eurasia_dash::event::init_terminal() {
        Ok(terminal) => terminal,
        Err(error) => {
            terminal::give_back();
            to_stderr(&format!("error: cannot set up the terminal: {error}"));
            return ExitCode::from(EXIT_NO_TERMINAL);
        }
    };
    if !cli.no_mouse
        && let Err(error) = terminal::capture_mouse()
    {
        terminal::give_back();
        to_stderr(&format!(
            "error: cannot capture the mouse (--no-mouse leaves it): {error}"
        ));
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    // Around ratatui's and the mouse's hooks: a panic a reload catches must
    // not restore the terminal under the running dashboard.
    eurasia_dash::data::load::parquet::quiet_decoding_panics();
    let result = eurasia_dash::event::run(&mut terminal, &mut app, &Theme::from_env(), inputs);
    terminal::give_back();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Whichever sees it first, this or the thread that watches for a
        // hang-up, ends the same way.
        Err(error) if terminal::went_away(&error) => ExitCode::from(terminal::EXIT_HANG_UP),
        Err(error) => {
            to_stderr(&format!("terminal error: {error}"));
            ExitCode::FAILURE
        }
    }
}

/// A load that takes longer than a moment shows how far it has come on
/// standard error (a terminal): the bytes read of all the files', then the
/// building of the dataset. The line is cleared when the load ends.
fn show_progress(progress: &build::LoadProgress, done: &AtomicBool) {
    let tick = Duration::from_millis(100);
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(300) {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut stderr = std::io::stderr();
    while !done.load(Ordering::Relaxed) {
        let (read, total) = (
            progress.read.load(Ordering::Relaxed),
            progress.total.load(Ordering::Relaxed).max(1),
        );
        let line = if progress.building.load(Ordering::Relaxed) {
            "sorting and aggregating the figures…".to_string()
        } else {
            let percent = (read * 100 / total).min(100);
            let filled = (percent / 5) as usize;
            format!(
                "reading {}{} {percent:>3}%  {:.1} of {:.1} MB",
                "█".repeat(filled),
                "░".repeat(20 - filled),
                read as f64 / 1e6,
                total as f64 / 1e6
            )
        };
        let _ = write!(stderr, "\r\x1b[2Keurasia-dash: {line}");
        let _ = stderr.flush();
        std::thread::sleep(tick);
    }
    let _ = write!(stderr, "\r\x1b[2K");
    let _ = stderr.flush();
}

/// A message on standard error; one that cannot be written (`2>/dev/full`)
/// is dropped rather than ending the program in a panic: the exit status
/// still tells.
fn to_stderr(message: &str) {
    let _ = writeln!(std::io::stderr(), "eurasia-dash: {message}");
}

fn load(cli: &Cli) -> Result<(Dataset, String), LoadError> {
    if cli.data.is_empty() {
        return Ok((Dataset::embedded(), "embedded dataset".to_string()));
    }
    let progress = build::LoadProgress::default();
    let done = AtomicBool::new(false);
    let data = std::thread::scope(|scope| {
        if std::io::stderr().is_terminal() {
            scope.spawn(|| show_progress(&progress, &done));
        }
        let data = build::load_files_at_start(&cli.data, cli.format, cli.lenient, &progress);
        done.store(true, Ordering::Relaxed);
        data
    })?;
    let origin = match cli.data.as_slice() {
        // The file name; --check gives the full path.
        [one] => one.file_name().map_or_else(
            || one.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        many => counted(many.len() as u64, "file"),
    };
    Ok((data, origin))
}
