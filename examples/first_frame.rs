//! The dashboard's first frame without a terminal: loads the files as
//! `--data` does, makes the app and draws one frame of the overview into a
//! 120x40 `TestBackend`, as the binary does before its first event; prints
//! the wall time of each step to stderr.
//!
//! ```text
//! cargo run --release --example first_frame -- FILE...
//! valgrind --tool=callgrind ./target/release/examples/first_frame FILE
//! ```
//!
//! Under callgrind, the cost after the load is the inclusive cost of
//! `App::new` and `ui::render`.

use std::process::ExitCode;
use std::time::Instant;

use eurasia_dash::app::App;
use eurasia_dash::data::build;
use eurasia_dash::ui;
use eurasia_dash::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> ExitCode {
    let paths: Vec<std::path::PathBuf> = std::env::args_os().skip(1).map(Into::into).collect();
    if paths.is_empty() {
        eprintln!("usage: first_frame FILE...");
        return ExitCode::FAILURE;
    }
    let start = Instant::now();
    let data = match build::load_files(&paths, None, false) {
        Ok(data) => data,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let loaded = Instant::now();
    let app = App::new(data, "first_frame".to_string());
    let made = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test backend");
    terminal
        .draw(|frame| {
            ui::render(&app, &Theme { color: true }, frame);
        })
        .expect("a frame drawn");
    let drawn = Instant::now();
    let ms = |from: Instant, to: Instant| (to - from).as_secs_f64() * 1000.0;
    eprintln!(
        "load {:.1} ms, app {:.1} ms, draw {:.1} ms, first frame {:.1} ms",
        ms(start, loaded),
        ms(loaded, made),
        ms(made, drawn),
        ms(start, drawn)
    );
    ExitCode::SUCCESS
}
