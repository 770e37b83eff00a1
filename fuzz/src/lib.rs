//! The properties the fuzz targets assert, shared by them all (issue 12):
//! no panic; an error names the file and a line the input has; in lenient
//! mode nothing vanishes (rows read = used + skipped + not used); every
//! figure is a finite number; the dashboard draws every state at any size.

use eurasia_dash::app::keys::KEYS;
use eurasia_dash::app::{Action, App};
use eurasia_dash::check::Report;
use eurasia_dash::data::load::error::line_ends;
use eurasia_dash::data::load::{FileLoad, format};
use eurasia_dash::data::model::{Texts, WORLD};
use eurasia_dash::data::{DatasetBuilder, Format, LoadError};
use eurasia_dash::export::{self, Request, Table};
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// How the fuzzed input is named in messages.
const PATH: &str = "fuzzed.csv";

/// Loads `bytes` as `format`, strictly and leniently, and checks both.
pub fn check_loader(format: Format, bytes: &[u8]) {
    let strict = load(format, bytes, false);
    let lenient = load(format, bytes, true);
    match &strict {
        Ok(load) => {
            check_figures(format, load);
            assert_eq!(load.skipped.count, 0, "strict mode skips nothing");
        }
        Err(error) => check_error(error, bytes),
    }
    match (&strict, &lenient) {
        (_, Err(error)) => {
            check_error(error, bytes);
            // What lenient mode cannot read, strict mode cannot either.
            assert!(strict.is_err(), "lenient failed where strict read: {error}");
        }
        (Ok(strict), Ok(lenient)) => {
            check_figures(format, lenient);
            assert_eq!(
                lenient.skipped.count, 0,
                "a file strict mode reads has no bad row"
            );
            assert_eq!(strict.observations, lenient.observations);
        }
        (Err(error), Ok(lenient)) => {
            check_figures(format, lenient);
            // A strict error at a row is a skipped row in lenient mode.
            if error.line.is_some_and(|line| line > 1) {
                assert!(
                    lenient.skipped.count > 0,
                    "strict failed ({error}), lenient skipped nothing"
                );
            }
        }
    }
}

fn load(format: Format, bytes: &[u8], lenient: bool) -> Result<FileLoad, LoadError> {
    format::parse_as(format, PATH, bytes, &mut Texts::default(), lenient)
}

/// Every figure finite; every row read is used, skipped or not used, and
/// each is listed (up to the list's bound) with its file.
fn check_figures(format: Format, load: &FileLoad) {
    for observation in &load.observations {
        let value = observation.value;
        assert!(value.is_finite(), "a figure of {value}");
    }
    let accounted = load.observations.len() as u64 + load.skipped.count + load.unused.count;
    match format {
        // Comtrade sums commodity rows, Comext statistical procedures: many
        // rows can make one figure.
        Format::Comtrade | Format::ComtradeLegacy | Format::Comext => assert!(
            accounted <= load.rows,
            "{accounted} figures and rows skipped or not used from {} rows",
            load.rows
        ),
        // BACI sums products into a pair's exports and imports: two figures
        // from one or more rows (also from Parquet with BACI's columns); and
        // each country's flows with all partners into its world totals: at
        // most two more from each row not skipped (a row of an area that is
        // no country is not used as a pair but counts in the world total).
        Format::Baci | Format::Parquet => {
            assert!(load.skipped.count + load.unused.count <= load.rows);
            let used = load.rows - load.skipped.count - load.unused.count;
            let read = load.rows - load.skipped.count;
            let world = load
                .observations
                .iter()
                .filter(|o| o.partner == WORLD)
                .count() as u64;
            let pairs = load.observations.len() as u64 - world;
            assert!(
                pairs <= 2 * used,
                "{pairs} pair figures from {used} rows used"
            );
            assert!(
                world <= 2 * read,
                "{world} world totals from {read} rows read"
            );
        }
        // The IMF portal's wide rows and WITS time series rows give a figure
        // for each period with a value: one or more from each row used.
        Format::ImfPortal | Format::Wits => {
            assert!(load.skipped.count + load.unused.count <= load.rows);
            let used = load.rows - load.skipped.count - load.unused.count;
            assert!(
                load.observations.len() as u64 >= used,
                "{} figures from {used} rows used",
                load.observations.len()
            );
        }
        Format::Native | Format::Sdmx | Format::ComextRelational => assert_eq!(
            accounted, load.rows,
            "rows read = figures + skipped + not used"
        ),
    }
    for listed in load.skipped.listed.iter().chain(&load.unused.listed) {
        assert_eq!(listed.path, PATH);
        assert!(listed.line.is_some(), "a row without its line: {listed}");
    }
}

/// An error names the file, a line the input has, and holds no control
/// character that would reach the terminal.
fn check_error(error: &LoadError, bytes: &[u8]) {
    assert_eq!(error.path, PATH);
    // A Parquet file's rows are not its lines.
    if let Some(line) = error.line.filter(|_| error.row_group.is_none()) {
        // Every LF, CRLF or lone CR ends a line.
        let lines = 1 + line_ends(bytes);
        assert!(
            line >= 1 && line <= lines,
            "line {line} of an input of {lines} lines: {error}"
        );
    }
    let message = error.to_string();
    assert!(
        message.contains(PATH),
        "the message names the file: {message}"
    );
    assert!(
        !message.chars().any(|c| c.is_control() && c != '\n'),
        "a control character in: {message:?}"
    );
}

/// The first bytes choose the terminal's size and the keys pressed; the
/// rest is a file, read as its header says.
pub fn check_dashboard(bytes: &[u8]) {
    let [width, height, presses, rest @ ..] = bytes else {
        return;
    };
    let (keys, file) = rest.split_at(usize::from(*presses % 16).min(rest.len()));
    let (width, height) = (1 + u16::from(*width % 200), 1 + u16::from(*height % 64));
    let mut builder = DatasetBuilder::new();
    if let Err(error) = builder.add_file(PATH, file, None, true) {
        check_error(&error, file);
        return;
    }
    let data = builder.build();
    for observation in data.observations() {
        let value = observation.value;
        assert!(value.is_finite(), "a figure of {value}");
    }
    let stats = data.stats();
    assert!(stats.rows_skipped + stats.rows_not_used <= stats.rows_read);
    let report = Report::new(&data);
    let _ = (report.to_text(), report.to_json());
    let reporter = eurasia_dash::view::partners::reporters(&data)
        .first()
        .copied();
    let tables = [
        Table::Overview,
        Table::Bilateral,
        Table::Eaeu,
        Table::Bri,
        Table::Partners,
    ];
    for table in tables {
        let request = Request {
            table,
            pair: None,
            compare: None,
            reporter,
            period: None,
            kind: None,
            currency: None,
            sort: None,
        };
        // An error is a message for a person (no trade figures, say).
        let _ = export::print(&data, request, std::io::sink());
    }
    // Every key's action, and the mouse's: a click on a column's header
    // (some past the last column) or on a row (some past the last row).
    let mut actions: Vec<Action> = KEYS
        .iter()
        .flat_map(|binding| binding.keys)
        .map(|&(_, action)| action)
        .collect();
    actions.extend((0..9).map(Action::SortBy));
    actions.extend([0, 3, 1_000].map(Action::SelectRow));
    let mut app = App::new(data, PATH.to_string());
    // `e` writes a file a press: into the temporary folder, not the fuzz
    // crate's own (a run of 20,000 inputs left a thousand CSV files there).
    app.export_dir = std::env::temp_dir();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test backend");
    let theme = Theme { color: true };
    terminal
        .draw(|frame| {
            ui::render(&app, &theme, frame);
        })
        .expect("drawing on a test backend");
    for &key in keys {
        app.update(actions[usize::from(key) % actions.len()]);
        terminal
            .draw(|frame| {
                ui::render(&app, &theme, frame);
            })
            .expect("drawing on a test backend");
    }
}
