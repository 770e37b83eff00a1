//! Reloading (`--watch`): new data in place of the old through `App`, the
//! selection kept where the new data has it, and a failed reload changing
//! nothing but the status line.

use crate::common::screen::{drawn, rows};
use eurasia_dash::app::{Action, App, Tab};
use eurasia_dash::data::{Dataset, DatasetBuilder, LoadError, Period};
use eurasia_dash::view::bilateral::Selection;
use eurasia_dash::view::sort::Sort;

const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note\n";

/// The data of a native file.
fn dataset(csv: &str) -> Dataset {
    let mut builder = DatasetBuilder::new();
    builder
        .add_native("trade.csv", csv.as_bytes(), false)
        .unwrap();
    builder.build()
}

/// The data of these rows of a native file.
fn data(rows: &str) -> Dataset {
    dataset(&format!("{HEADER}{rows}"))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

fn message(app: &App) -> &str {
    app.message.as_ref().map_or("", |(text, _)| text.as_str())
}

/// The pair shown, its span kind and currency, its sort, and the period of
/// the selected row.
fn bilateral_state(app: &App) -> (Selection, Sort, Period) {
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    let period = view.table.periods[app.tabs.bilateral.cursor.row];
    (view.selection, view.sort, period)
}

#[test]
fn a_reload_keeps_the_tab_the_pair_its_sort_and_the_selected_period() {
    let mut app = App::new(Dataset::embedded(), "embedded".into());
    app.update(Action::OpenPicker);
    type_text(&mut app, "eur chi");
    app.update(Action::Confirm);
    app.update(Action::SortBy(3));
    app.update(Action::Down);
    app.update(Action::Down);
    let before = bilateral_state(&app);
    app.replace_data(Dataset::embedded());
    assert_eq!(app.tab, Tab::Bilateral);
    assert_eq!(bilateral_state(&app), before);
    let pair = app.tabs.bilateral.pairs[app.tabs.bilateral.pair];
    assert_eq!((pair.0.code(), pair.1.code()), ("EAEU", "CHN"));
    assert!(message(&app).starts_with("reloaded "), "{}", message(&app));
    // The time, HH:MM:SS, and nothing lost to say.
    assert_eq!(message(&app).len(), "reloaded 12:34:56".len());
}

#[test]
fn new_figures_are_shown_on_the_period_selected_before() {
    let mut app = App::new(
        data("trade,CHN,RUS,2019,90,USD_BN,GACC,\ntrade,CHN,RUS,2020,107.8,USD_BN,GACC,\n"),
        "trade.csv".into(),
    );
    app.update(Action::SelectTab(Tab::Bilateral));
    app.update(Action::Down);
    let row = |app: &App| {
        let view = app.tabs.bilateral.view.as_ref().unwrap();
        let row = view.table.row(app.tabs.bilateral.cursor.row).unwrap();
        (row.period, row.total.as_ref().map(|f| f.amount))
    };
    assert_eq!(row(&app), (Period::annual(2019), Some(90e9)));
    app.replace_data(data(
        "trade,CHN,RUS,2019,95.5,USD_BN,GACC,\n\
         trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n\
         trade,CHN,RUS,2021,146.9,USD_BN,GACC,\n",
    ));
    assert_eq!(
        app.tabs.bilateral.cursor.row, 2,
        "2019 is the third row now"
    );
    assert_eq!(row(&app), (Period::annual(2019), Some(95.5e9)));
}

#[test]
fn a_pair_no_longer_in_the_data_is_said_and_the_first_is_shown() {
    let mut app = App::new(
        data("trade,CHN,RUS,2020,107.8,USD_BN,GACC,\ntrade,CHN,DEU,2020,250,USD_BN,GACC,\n"),
        "trade.csv".into(),
    );
    app.update(Action::OpenPicker);
    type_text(&mut app, "chn deu");
    app.update(Action::Confirm);
    app.replace_data(data("trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n"));
    assert_eq!(app.tab, Tab::Bilateral);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(
        (
            view.selection.reporter.code(),
            view.selection.partner.code()
        ),
        ("CHN", "RUS")
    );
    assert!(
        message(&app).ends_with("; CHN–DEU is no longer in the data"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_failed_reload_keeps_the_data_and_says_where_it_failed() {
    let mut app = App::new(Dataset::embedded(), "embedded".into());
    app.update(Action::SelectTab(Tab::Bilateral));
    app.update(Action::Down);
    let (rows, before) = (app.data.observations().len(), bilateral_state(&app));
    let error = LoadError::at_line("trade.csv", 3, "'x' is not a number");
    app.reloaded(Err(error), &[]);
    assert!(app.running);
    assert_eq!(app.data.observations().len(), rows);
    assert_eq!(bilateral_state(&app), before);
    assert_eq!(
        message(&app),
        "reload failed, old data shown: trade.csv:3: 'x' is not a number"
    );
}

#[test]
fn the_reporter_shown_and_an_open_pickers_filter_are_kept() {
    let partners = || dataset(include_str!("../fixtures/native/partners.csv"));
    let mut app = App::new(partners(), "partners.csv".into());
    app.update(Action::SelectTab(Tab::Partners));
    app.update(Action::OpenPicker);
    type_text(&mut app, "kaz");
    app.update(Action::Confirm);
    app.update(Action::End);
    app.update(Action::OpenPicker);
    type_text(&mut app, "ru");
    let matches = app.picker.as_ref().unwrap().matches.len();
    app.replace_data(partners());
    let view = app
        .tabs
        .partners
        .reporter
        .as_ref()
        .expect("a reporter's partners");
    assert_eq!(view.reporter.code(), "KAZ");
    assert_eq!(view.selected_period(), Some(Period::annual(2023)));
    assert_eq!(app.tabs.partners.cursor.row, 3, "the Other partners row");
    let picker = app.picker.as_ref().expect("the picker stays open");
    assert!(picker.lists_reporters());
    assert_eq!(
        (picker.query.as_str(), picker.matches.len()),
        ("ru", matches)
    );
}

/// The screen drawn at 100x24, line by line.
fn screen(app: &App) -> Vec<String> {
    rows(&drawn(app, 100, 24))
}

#[test]
fn a_failed_reload_marks_the_figures_stale_until_a_reload_succeeds() {
    let mut app = App::new(
        data("trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n"),
        "trade.csv".into(),
    );
    let error = LoadError::at_line("trade.csv", 3, "'x' is not a number");
    app.reloaded(Err(error), &[]);
    // The message that said why is over (its time, or a key): the mark stays.
    app.update(Action::NextTab);
    app.message = None;
    let status = screen(&app).pop().unwrap();
    assert!(
        status.contains("stale: reload failed at ") && status.contains(", w for why"),
        "{status}"
    );
    // `w` says why, though the data itself has no warning.
    app.update(Action::ToggleWarnings);
    let shown = screen(&app).join("\n");
    assert!(
        shown.contains("trade.csv:3: 'x' is not a number"),
        "{shown}"
    );
    assert!(!shown.contains("No warnings"), "{shown}");
    // A reload that succeeds ends it.
    app.reloaded(Ok(data("trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n")), &[]);
    app.message = None;
    assert_eq!(app.stale, None);
    let shown = screen(&app).join("\n");
    assert!(!shown.contains("stale"), "{shown}");
    // The failed reload stays listed, with its time: a history, not a state.
    assert!(shown.contains("reload error at "), "{shown}");
    assert!(
        shown.contains("trade.csv:3: 'x' is not a number"),
        "{shown}"
    );
}

#[test]
fn the_warnings_title_counts_one_row_in_the_singular() {
    let mut builder = DatasetBuilder::new();
    let csv = format!(
        "{HEADER}trade,CHN,RUS,2020,107.8,USD_BN,GACC,\ntrade,CHN,RUS,2021,x,USD_BN,GACC,\n"
    );
    builder
        .add_native("trade.csv", csv.as_bytes(), true)
        .unwrap();
    let mut app = App::new(builder.build(), "trade.csv".into());
    app.update(Action::ToggleWarnings);
    let shown = screen(&app).join("\n");
    assert!(shown.contains("· 1 row skipped"), "{shown}");
}

#[test]
fn a_path_no_longer_watched_is_said_until_it_is_watched_again() {
    let mut app = App::new(
        data("trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n"),
        "trade.csv".into(),
    );
    let gone = [std::path::PathBuf::from("/gone/t.csv")];
    let error = LoadError::file("/gone/t.csv", "no such file");
    app.reloaded(Err(error), &gone);
    // Lasting: after the message's time and a key.
    app.update(Action::NextTab);
    app.message = None;
    let status = screen(&app).pop().unwrap();
    assert!(
        status.contains("stale: reload failed at ")
            && status.contains("; no longer watched: /gone/t.csv"),
        "{status}"
    );
    // A reload that succeeds keeps saying it while the path is still lost.
    app.reloaded(Ok(data("trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n")), &gone);
    app.message = None;
    let status = screen(&app).pop().unwrap();
    assert!(
        status.contains(" no longer watched: /gone/t.csv"),
        "{status}"
    );
    assert!(!status.contains("stale"), "{status}");
    app.reloaded(Ok(data("trade,CHN,RUS,2020,107.8,USD_BN,GACC,\n")), &[]);
    app.message = None;
    let status = screen(&app).pop().unwrap();
    assert!(!status.contains("no longer watched"), "{status}");
}
