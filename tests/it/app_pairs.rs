//! Key sequences through `update` on the bilateral tab's pair: the
//! partner's side (`M`, mirror figures) and a pair compared (`+`, `-`).

use crate::common::keys::{
    app, area, bilateral_rows, export_dir, press, selected_period, type_text,
};
use KeyCode::{Char, Down, Esc};
use crossterm::event::KeyCode;
use eurasia_dash::app::{App, Tab};
use eurasia_dash::data::Period;
use eurasia_dash::view::picker::Choice;

/// The app on `tests/fixtures/native/mirror.csv`: China–Russia as both
/// sides report it (worked by hand in the fixtures' README).
fn mirror_app() -> App {
    crate::common::app_on("mirror.csv")
}

fn shown_pair(app: &App) -> (String, String) {
    let selection = app.tabs.bilateral.view.as_ref().unwrap().selection;
    (
        selection.reporter.to_string(),
        selection.partner.to_string(),
    )
}

#[test]
fn m_swaps_reporter_and_partner_keeping_span_currency_and_period() {
    let mut app = mirror_app();
    press(&mut app, &[Char('2')]);
    assert_eq!(shown_pair(&app), ("CHN".into(), "RUS".into()));
    // 2019, where both sides report.
    type_text(&mut app, ":2019");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(selected_period(&app), Period::annual(2019));
    press(&mut app, &[Char('M')]);
    assert_eq!(shown_pair(&app), ("RUS".into(), "CHN".into()));
    assert_eq!(selected_period(&app), Period::annual(2019));
    assert_eq!(app.tabs.bilateral.pair, 1, "p steps on from the pair shown");
    assert_eq!(
        app.recent[0],
        Choice::Pair(area("RUS"), area("CHN")),
        "remembered as opened"
    );
    let row = &bilateral_rows(&app)[app.tabs.bilateral.cursor.row];
    // Russia's own figures now, China's beside them.
    assert_eq!(row.exports.unwrap().amount, 57e9);
    assert_eq!(row.mirror.unwrap().exports.unwrap().amount, 60e9);
    // In euros, Russia's 2020 imports are its own figure; M again shows
    // China's side of them, where only Russia's are in euros.
    press(&mut app, &[Char('c'), Char('c')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.currency.code(), "EUR");
    press(&mut app, &[Char('M')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(shown_pair(&app), ("CHN".into(), "RUS".into()));
    assert_eq!(view.selection.currency.code(), "EUR");
    let row = &bilateral_rows(&app)[0];
    assert_eq!((row.period, row.exports), (Period::annual(2020), None));
    assert_eq!(row.mirror.unwrap().exports.unwrap().amount, 38e9);
    assert_eq!(app.message, None);
}

#[test]
fn m_without_the_partners_side_says_why_and_changes_nothing() {
    let mut app = app();
    press(&mut app, &[Char('2'), Down, Char('M')]);
    assert_eq!(shown_pair(&app), ("CHN".into(), "RUS".into()));
    assert_eq!(app.tabs.bilateral.cursor.row, 1);
    let (message, _) = app.message.clone().expect("a message");
    assert_eq!(message, "M: the data has no Russia–China figures");
    // The Union's mutual trade has no other side.
    let at = app
        .tabs
        .bilateral
        .pairs
        .iter()
        .position(|(r, p)| r == p)
        .unwrap();
    for _ in 0..at {
        press(&mut app, &[Char('p')]);
    }
    press(&mut app, &[Char('M')]);
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.ends_with("is the same both ways"), "{message}");
    // Elsewhere M does nothing, and says so.
    press(&mut app, &[Char('1'), Char('M')]);
    let (message, _) = app.message.clone().expect("a message");
    assert_eq!(app.tab, Tab::Overview);
    assert!(
        message.starts_with("M: not on the Overview tab"),
        "{message}"
    );
}

fn compared_pair(app: &App) -> Option<(String, String)> {
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    let (reporter, partner) = view.comparison?.pair;
    Some((reporter.to_string(), partner.to_string()))
}

#[test]
fn plus_compares_a_pair_picked_and_minus_stops() {
    let mut app = app();
    press(&mut app, &[Char('2'), Down, Down, Down]);
    let period = selected_period(&app);
    press(&mut app, &[Char('+')]);
    let picker = app.picker.as_ref().expect("the picker");
    assert!(picker.compares());
    // Esc leaves the pair uncompared.
    press(&mut app, &[Esc]);
    assert_eq!((app.picker.is_none(), compared_pair(&app)), (true, None));
    press(&mut app, &[Char('+')]);
    type_text(&mut app, "eur chi");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(shown_pair(&app), ("CHN".into(), "RUS".into()));
    assert_eq!(compared_pair(&app), Some(("EAEU".into(), "CHN".into())));
    assert_eq!(selected_period(&app), period, "the same period selected");
    assert!(app.recent.is_empty(), "a pair compared is not one opened");
    // The Union's trade with China, 2022: $220 bn beside China–Russia's.
    let row = bilateral_rows(&app)
        .into_iter()
        .find(|row| row.period == Period::annual(2022))
        .unwrap();
    assert_eq!(row.compared.unwrap().amount, 220e9);
    assert_eq!(row.total.unwrap().amount, 190.271e9);
    // In yuan the Union has no totals: still compared, and said so.
    press(&mut app, &[Char('c')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.currency.code(), "CNY");
    assert!(!view.comparison.unwrap().has_totals);
    assert!(
        bilateral_rows(&app)
            .iter()
            .all(|row| row.compared.is_none())
    );
    press(&mut app, &[Char('c'), Char('-')]);
    assert_eq!(compared_pair(&app), None);
    press(&mut app, &[Char('-')]);
    let (message, _) = app.message.clone().expect("a message");
    assert_eq!(message, "-: no pair compared; + picks one");
}

#[test]
fn the_pair_shown_is_not_compared_with_itself_and_another_pair_ends_the_comparison() {
    let mut app = app();
    press(&mut app, &[Char('2'), Char('+'), KeyCode::Enter]);
    assert_eq!(compared_pair(&app), None);
    let (message, _) = app.message.clone().expect("a message");
    assert!(
        message.starts_with("+: that is the pair shown"),
        "{message}"
    );
    press(&mut app, &[Char('+')]);
    type_text(&mut app, "bri");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(compared_pair(&app), Some(("CHN".into(), "BRI".into())));
    // Span kind and sort keep it; another pair starts afresh.
    press(&mut app, &[Char('s'), Char('o')]);
    assert_eq!(compared_pair(&app), Some(("CHN".into(), "BRI".into())));
    press(&mut app, &[Char('p')]);
    assert_eq!(compared_pair(&app), None);
}

#[test]
fn m_keeps_the_pair_compared_unless_it_is_the_pair_now_shown() {
    let mut app = mirror_app();
    // The picker lists China–Russia, then Russia–China.
    press(&mut app, &[Char('2'), Char('+'), Down, KeyCode::Enter]);
    assert_eq!(compared_pair(&app), Some(("RUS".into(), "CHN".into())));
    // Russia–China shown: compared with itself no longer.
    press(&mut app, &[Char('M')]);
    assert_eq!(shown_pair(&app), ("RUS".into(), "CHN".into()));
    assert_eq!(compared_pair(&app), None);
    // Russia–China is the latest opened, so first; China–Russia next.
    press(&mut app, &[Char('+'), Down, KeyCode::Enter]);
    press(&mut app, &[Char('s'), Char('c')]);
    assert_eq!(compared_pair(&app), Some(("CHN".into(), "RUS".into())));
}

#[test]
fn e_with_a_pair_compared_writes_what_print_compare_writes() {
    let directory = export_dir("compare");
    let mut app = app();
    app.export_dir = directory.clone();
    press(&mut app, &[Char('2'), Char('+')]);
    type_text(&mut app, "eaeu chi");
    press(&mut app, &[KeyCode::Enter, Char('e')]);
    let path = directory.join("bilateral_CHN-RUS_vs_EAEU-CHN_annual_USD.csv");
    let written = std::fs::read(&path).unwrap();
    std::fs::remove_dir_all(&directory).unwrap();
    let printed = crate::common::command(&[])
        .args([
            "--print",
            "bilateral",
            "--pair",
            "CHN-RUS",
            "--compare",
            "EAEU-CHN",
        ])
        .args(["--span", "annual", "--currency", "usd"])
        .output()
        .unwrap();
    assert_eq!(written, printed.stdout, "the file is what --print writes");
}
