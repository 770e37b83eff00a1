//! Key sequences for the tests of `App::update`: the embedded data's app,
//! keys pressed as a user presses them, and what the bilateral table shows.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use eurasia_dash::app::App;
use eurasia_dash::app::keys::key_action;
use eurasia_dash::data::{Area, Dataset, Period};

pub fn area(code: &str) -> Area {
    Area::parse(code).unwrap()
}

/// The dashboard on the embedded data.
pub fn app() -> App {
    App::new(Dataset::embedded(), "embedded".into())
}

/// Presses `keys`, each through the key table as the event loop does.
pub fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        if let Some(action) = key_action(app, KeyEvent::new(code, KeyModifiers::NONE)) {
            app.update(action);
        }
    }
}

pub fn type_text(app: &mut App, text: &str) {
    let keys: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
    press(app, &keys);
}

/// Every row of the bilateral table in its order, computed.
pub fn bilateral_rows(app: &App) -> Vec<eurasia_dash::view::bilateral::Row> {
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    let periods = view.table.periods.iter();
    periods.map(|&p| view.compute_row(&app.data, p)).collect()
}

pub fn selected_period(app: &App) -> Period {
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    view.table.periods[app.tabs.bilateral.cursor.row]
}

/// The app on the hand-made file `tests/fixtures/native/partners.csv`.
pub fn partners_app() -> App {
    super::app_on("partners.csv")
}

/// A new empty folder for the files `e` writes, named after the test.
pub fn export_dir(test: &str) -> std::path::PathBuf {
    let directory =
        std::env::temp_dir().join(format!("eurasia-dash-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    directory
}
