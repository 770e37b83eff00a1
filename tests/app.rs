//! App logic: key sequences drive `update` to the expected tab, selection and overlay.

mod common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use eurasia_dash::app::{App, Overlay, Tab};
use eurasia_dash::data::{Area, Dataset, Period, SpanKind};
use eurasia_dash::event::{action_for, key_action};
use eurasia_dash::view::picker::Choice;

fn area(code: &str) -> Area {
    Area::parse(code).unwrap()
}

fn app() -> App {
    App::new(Dataset::embedded(), "embedded".into())
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        if let Some(action) = key_action(app, KeyEvent::new(code, KeyModifiers::NONE)) {
            app.update(action);
        }
    }
}

fn type_text(app: &mut App, text: &str) {
    let keys: Vec<KeyCode> = text.chars().map(Char).collect();
    press(app, &keys);
}

use KeyCode::{
    BackTab, Char, Down, End, Esc, Home, Left, PageDown, PageUp, Right, Tab as TabKey, Up,
};

#[test]
fn tabs_switch_with_tab_arrows_vim_keys_and_digits() {
    let mut app = app();
    assert_eq!(app.tab, Tab::Overview);
    press(&mut app, &[TabKey]);
    assert_eq!(app.tab, Tab::Bilateral);
    press(&mut app, &[Right, Char('l')]);
    assert_eq!(app.tab, Tab::BeltAndRoad);
    press(&mut app, &[TabKey]);
    assert_eq!(app.tab, Tab::Overview, "wraps around");
    press(&mut app, &[BackTab]);
    assert_eq!(app.tab, Tab::BeltAndRoad);
    press(&mut app, &[Left, Char('h')]);
    assert_eq!(app.tab, Tab::Bilateral);
    press(&mut app, &[Char('3')]);
    assert_eq!(app.tab, Tab::Eaeu);
}

#[test]
fn table_movement_stays_inside_the_table() {
    let mut app = app();
    press(&mut app, &[Char('2')]);
    let rows = app.bilateral.view.as_ref().unwrap().table.len();
    press(&mut app, &[Up]);
    assert_eq!(app.bilateral.cursor.row, 0);
    press(&mut app, &[Down, Char('j')]);
    assert_eq!(app.bilateral.cursor.row, 2);
    press(&mut app, &[PageDown, PageDown]);
    assert_eq!(app.bilateral.cursor.row, rows - 1);
    press(&mut app, &[Home]);
    assert_eq!(app.bilateral.cursor.row, 0);
    press(&mut app, &[End, Char('k')]);
    assert_eq!(app.bilateral.cursor.row, rows - 2);
}

#[test]
fn bilateral_switches_span_currency_and_pair() {
    let mut app = app();
    press(&mut app, &[Char('2'), Down]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Annual);
    // The embedded data has the three months of 2023-Q3, so one quarter
    // summed from them.
    press(&mut app, &[Char('s')]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Quarterly);
    assert_eq!(
        app.bilateral.cursor.row, 0,
        "a new selection starts at the top"
    );
    press(&mut app, &[Char('s')]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Monthly);
    press(&mut app, &[Char('s'), Char('s')]);
    assert_eq!(
        app.bilateral.view.as_ref().unwrap().selection.kind,
        SpanKind::Annual
    );
    press(&mut app, &[Char('c')]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.currency.code(), "CNY");
    assert_eq!(
        view.table.len(),
        3,
        "2022, 2024 and 2025 are published in yuan"
    );
    press(&mut app, &[Char('p')]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_ne!(
        view.pair_label(eurasia_dash::data::model::Naming::Names),
        "China–Russia"
    );
    for _ in 1..app.bilateral.pairs.len() {
        press(&mut app, &[Char('p')]);
    }
    assert_eq!(
        app.bilateral
            .view
            .as_ref()
            .unwrap()
            .pair_label(eurasia_dash::data::model::Naming::Names),
        "China–Russia"
    );
}

#[test]
fn eaeu_period_selector_moves_within_the_periods() {
    let mut app = app();
    press(&mut app, &[Char('3')]);
    let period = |app: &App| app.eaeu.view.period.unwrap().to_string();
    assert_eq!(period(&app), "2022", "starts at the latest");
    assert_eq!(app.eaeu.view.shares.len(), 4);
    press(&mut app, &[Char(']')]);
    assert_eq!(period(&app), "2022");
    press(&mut app, &[Char('[')]);
    assert_eq!(period(&app), "2020-01/2020-08");
    press(&mut app, &[Char('[')]);
    assert_eq!(period(&app), "2020-01/2020-04");
    assert_eq!(app.eaeu.view.shares.len(), 2);
    press(&mut app, &[Char('[')]);
    assert_eq!(period(&app), "2020-01/2020-04");
}

#[test]
fn belt_and_road_switches_topic_and_span() {
    let mut app = app();
    press(&mut app, &[Char('4')]);
    assert_eq!(
        app.bri.view.topic.title(),
        "China's trade with Belt and Road countries"
    );
    press(&mut app, &[Char('m')]);
    assert_eq!(
        app.bri.view.topic.title(),
        "China's non-financial investment in them"
    );
    assert_eq!(
        app.bri.view.table.row(0).unwrap().period,
        Period::annual(2024)
    );
    press(&mut app, &[Char('s')]);
    assert_eq!(app.bri.view.kind, SpanKind::Cumulative);
}

#[test]
fn overlays_open_close_and_take_the_keys() {
    let mut app = app();
    press(&mut app, &[Char('?')]);
    assert_eq!(app.overlay, Some(Overlay::Help { scroll: 0 }));
    press(&mut app, &[TabKey]);
    assert_eq!(
        app.tab,
        Tab::Overview,
        "keys go to the overlay, not the tabs"
    );
    press(&mut app, &[Esc]);
    assert_eq!(app.overlay, None);
    assert!(app.running, "Esc closes the overlay first");
    press(&mut app, &[Char('w'), Down, Down]);
    assert_eq!(app.overlay, Some(Overlay::Warnings { scroll: 2 }));
    press(&mut app, &[Char('w')]);
    assert_eq!(app.overlay, None);
    press(&mut app, &[Esc]);
    assert!(app.running, "Esc with no overlay never quits");
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut app = app();
    press(&mut app, &[Char('q')]);
    assert!(!app.running);
    let mut app = self::app();
    let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
    app.update(action_for(ctrl_c).unwrap());
    assert!(!app.running);
}

#[test]
fn q_in_an_overlay_closes_it_and_ctrl_c_still_quits() {
    for overlay in [Char('?'), Char('w')] {
        let mut app = app();
        press(&mut app, &[overlay, Char('q')]);
        assert_eq!(app.overlay, None, "q closes the overlay {overlay:?}");
        assert!(app.running, "q in an overlay does not quit");
        press(&mut app, &[Char('q')]);
        assert!(!app.running, "q with no overlay quits");
    }
    let mut app = app();
    press(&mut app, &[Char('?')]);
    let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
    app.update(action_for(ctrl_c).unwrap());
    assert!(!app.running, "Ctrl-C quits from an overlay");
}

#[test]
fn a_table_of_many_periods_keeps_the_rows_around_the_selection() {
    use eurasia_dash::data::{DatasetBuilder, synthetic};
    let mut bytes = Vec::new();
    synthetic::write_one_pair_csv(&mut bytes, 20_000, 7).unwrap();
    let mut builder = DatasetBuilder::new();
    builder.add_native("one-pair.csv", &bytes, false).unwrap();
    let mut app = App::new(builder.build(), "one pair".into());
    // Monthly: 3,612 months, far more than the rows kept.
    press(&mut app, &[Char('2'), Char('s'), Char('s')]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Monthly);
    assert_eq!(view.table.len(), 3_612);
    let check = |app: &App| {
        let view = app.bilateral.view.as_ref().unwrap();
        let at = app.bilateral.cursor.row;
        for index in at.saturating_sub(100)..(at + 100).min(view.table.len()) {
            let kept = view
                .table
                .row(index)
                .expect("a row near the selection is kept");
            assert_eq!(
                *kept,
                view.compute_row(&app.data, view.table.periods[index])
            );
        }
    };
    check(&app);
    press(&mut app, &[End]);
    assert_eq!(app.bilateral.cursor.row, 3_611);
    check(&app);
    for _ in 0..60 {
        press(&mut app, &[PageUp]);
    }
    assert_eq!(app.bilateral.cursor.row, 3_011);
    check(&app);
}

#[test]
fn the_picker_finds_a_pair_by_name_and_opens_it() {
    let mut app = app();
    press(&mut app, &[Char('/')]);
    assert!(app.picker.is_some(), "/ opens the picker");
    // q and the digits are typed into the filter, not acted on.
    type_text(&mut app, "eur chi q1");
    assert!(app.running);
    assert_eq!(app.tab, Tab::Overview);
    assert_eq!(app.picker.as_ref().unwrap().query, "eur chi q1");
    press(
        &mut app,
        &[KeyCode::Backspace, KeyCode::Backspace, KeyCode::Backspace],
    );
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        app.picker.is_none(),
        "Enter opens the pair and closes the picker"
    );
    assert_eq!(app.tab, Tab::Bilateral);
    let pair = app.bilateral.pairs[app.bilateral.pair];
    assert_eq!((pair.0.code(), pair.1.code()), ("EAEU", "CHN"));
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(
        (view.selection.reporter, view.selection.partner),
        pair,
        "the view shows the opened pair"
    );
    // Opened pairs come first the next time.
    press(&mut app, &[Char('/')]);
    let picker = app.picker.as_ref().unwrap();
    assert_eq!(
        picker.candidate(picker.matches[0]).choice.pair(),
        Some(pair)
    );
    press(&mut app, &[Esc]);
    assert!(app.picker.is_none(), "Esc closes the picker");
    assert!(app.running, "and never quits");
    assert_eq!(
        app.bilateral.pairs[app.bilateral.pair], pair,
        "Esc changes nothing"
    );
}

#[test]
fn p_and_shift_p_step_through_the_pairs_in_the_pickers_order() {
    let mut app = app();
    press(&mut app, &[Char('2')]);
    let count = app.bilateral.pairs.len();
    press(&mut app, &[Char('P')]);
    assert_eq!(
        app.bilateral.pair,
        count - 1,
        "P from the first goes to the last"
    );
    press(&mut app, &[Char('p')]);
    assert_eq!(app.bilateral.pair, 0);
    press(&mut app, &[Char('/')]);
    let picker = app.picker.as_ref().unwrap();
    let listed: Vec<_> = picker
        .matches
        .iter()
        .map(|&i| picker.candidate(i).choice.pair().unwrap())
        .collect();
    assert_eq!(
        listed, app.bilateral.pairs,
        "p steps in the order the picker lists"
    );
}

#[test]
fn colon_jumps_to_a_period_switching_the_span_kind_if_needed() {
    let mut app = app();
    press(&mut app, &[Char('2'), Char(':')]);
    type_text(&mut app, "2019");
    assert_eq!(
        app.jump.as_deref(),
        Some("2019"),
        "the prompt takes the digits"
    );
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.jump, None);
    let selected = |app: &App| {
        let view = app.bilateral.view.as_ref().unwrap();
        view.table.periods[app.bilateral.cursor.row]
    };
    assert_eq!(selected(&app), Period::parse("2019").unwrap());
    press(&mut app, &[Char(':')]);
    type_text(&mut app, "2024-07");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.message, None);
    assert_eq!(selected(&app), Period::parse("2024-07").unwrap());
    assert_eq!(
        app.bilateral.view.as_ref().unwrap().selection.kind,
        SpanKind::Monthly
    );
    // A period the table lacks says so and moves nothing.
    press(&mut app, &[Char(':')]);
    type_text(&mut app, "1901");
    press(&mut app, &[KeyCode::Enter]);
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.starts_with(":1901: "), "{message}");
    assert_eq!(selected(&app), Period::parse("2024-07").unwrap());
    // Any key clears it; Esc closes the prompt without jumping.
    press(&mut app, &[Char(':')]);
    assert_eq!(app.message, None);
    type_text(&mut app, "2019");
    press(&mut app, &[Esc]);
    assert_eq!(app.jump, None);
    assert!(app.running);
    assert_eq!(selected(&app), Period::parse("2024-07").unwrap());
    press(&mut app, &[Char(':')]);
    type_text(&mut app, "20x");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.message.as_ref().unwrap().0.contains("is not a period"));
}

#[test]
fn a_key_that_does_nothing_here_says_why() {
    let mut app = app();
    press(&mut app, &[Char(':')]);
    assert_eq!(app.jump, None, "the overview has no table to jump in");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("overview has none")
    );
    press(&mut app, &[Char('3')]);
    assert_eq!(app.message, None, "the next key clears the message");
    let last = app.eaeu.period;
    press(&mut app, &[Char(']')]);
    assert_eq!(app.eaeu.period, last);
    assert!(app.message.as_ref().unwrap().0.contains("latest period"));
}

#[test]
fn e_writes_the_table_shown_as_print_does_and_y_copies_the_row() {
    let directory =
        std::env::temp_dir().join(format!("eurasia-dash-export-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let mut app = app();
    app.export_dir = directory.clone();
    press(&mut app, &[Char('2'), Char('e')]);
    let (message, _) = app.message.clone().expect("e says where it wrote");
    let path = directory.join("bilateral_CHN-RUS_annual_USD.csv");
    assert!(
        message.ends_with("bilateral_CHN-RUS_annual_USD.csv"),
        "{message}"
    );
    let written = std::fs::read(&path).unwrap();
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args([
            "--print",
            "bilateral",
            "--pair",
            "CHN-RUS",
            "--span",
            "annual",
            "--currency",
            "usd",
        ])
        .output()
        .unwrap();
    assert_eq!(written, printed.stdout, "the file is what --print writes");
    // A second e never overwrites the first.
    press(&mut app, &[Char('e')]);
    assert!(
        directory
            .join("bilateral_CHN-RUS_annual_USD-2.csv")
            .exists()
    );
    std::fs::remove_dir_all(&directory).unwrap();
    // y: the selected row, under its header, as --print writes it.
    press(&mut app, &[Char('j'), Char('y')]);
    let copied = app.clipboard.clone().expect("a row copied");
    let printed = String::from_utf8(printed.stdout).unwrap();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(
        copied,
        format!("{}\n{}\n", lines[0], lines[2]),
        "the second row"
    );
    press(&mut app, &[Char('1'), Char('y')]);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .starts_with("y: copies a row of a table; the overview has none")
    );
}

fn partners_app() -> App {
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    let csv = include_str!("fixtures/native/partners.csv");
    builder
        .add_native("partners.csv", csv.as_bytes(), false)
        .unwrap();
    App::new(builder.build(), "partners.csv".into())
}

#[test]
fn the_picker_on_partners_picks_a_reporter_whose_partners_are_ranked() {
    let mut app = partners_app();
    press(&mut app, &[Char('3'), Char('/')]);
    type_text(&mut app, "kaz");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.picker.is_none());
    assert_eq!(app.tab, Tab::Eaeu);
    let view = app.eaeu.partners.as_ref().expect("Kazakhstan's partners");
    assert_eq!(view.reporter.code(), "KAZ");
    assert_eq!(view.selected_period(), Some(Period::annual(2023)));
    let ranked: Vec<(&str, f64)> = view
        .rows
        .iter()
        .map(|r| (r.partner.code(), r.share.unwrap().percent))
        .collect();
    assert_eq!(ranked, [("CHN", 50.0), ("RUS", 30.0), ("TUR", 15.0)]);
    assert_eq!(view.concentration.unwrap().points.round(), 3_625.0);
    // The selection reaches the remainder row (world 100 − listed 95).
    press(&mut app, &[End]);
    assert_eq!(
        app.eaeu.cursor.row, 3,
        "China, Russia, Türkiye, Other partners"
    );
    // `[` a year earlier, `]` back, and no further.
    press(&mut app, &[Char('[')]);
    let view = app.eaeu.partners.as_ref().unwrap();
    assert_eq!(view.selected_period(), Some(Period::annual(2022)));
    assert_eq!(view.concentration.unwrap().points.round(), 3_633.0);
    press(&mut app, &[Char(']'), Char(']')]);
    let view = app.eaeu.partners.as_ref().unwrap();
    assert_eq!(view.selected_period(), Some(Period::annual(2023)));
    assert!(app.message.is_some(), "the last period: the key says why");
    // A reporter without a world figure: shares unknown, no HHI.
    press(&mut app, &[Char('/')]);
    type_text(&mut app, "uzbek");
    press(&mut app, &[KeyCode::Enter]);
    let view = app.eaeu.partners.as_ref().unwrap();
    assert_eq!(view.reporter.code(), "UZB");
    assert_eq!(view.rows.len(), 2);
    assert!(view.rows.iter().all(|r| r.share.is_none()));
    assert_eq!(view.concentration, None);
    // The picker elsewhere still finds pairs.
    press(&mut app, &[Char('2'), Char('/')]);
    assert!(!app.picker.as_ref().unwrap().lists_reporters());
}

#[test]
fn on_the_embedded_data_the_union_stays_the_default_card() {
    let mut app = app();
    press(&mut app, &[Char('3')]);
    assert!(app.eaeu.partners.is_none(), "the EAEU card by default");
    press(&mut app, &[Char('/')]);
    type_text(&mut app, "china");
    press(&mut app, &[KeyCode::Enter]);
    let view = app.eaeu.partners.as_ref().expect("China's partners");
    let partners: Vec<&str> = view.rows.iter().map(|r| r.partner.code()).collect();
    assert_eq!(
        partners,
        ["RUS"],
        "the Belt and Road, a group, is not ranked"
    );
    press(&mut app, &[Char('/')]);
    type_text(&mut app, "eaeu");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.eaeu.partners.is_none(), "the Union: its card again");
}

/// Every row of the bilateral table in its order, computed.
fn bilateral_rows(app: &App) -> Vec<eurasia_dash::view::bilateral::Row> {
    let view = app.bilateral.view.as_ref().unwrap();
    let periods = view.table.periods.iter();
    periods.map(|&p| view.compute_row(&app.data, p)).collect()
}

fn selected_period(app: &App) -> Period {
    let view = app.bilateral.view.as_ref().unwrap();
    view.table.periods[app.bilateral.cursor.row]
}

#[test]
fn o_sorts_the_bilateral_table_by_each_column_missing_last_keeping_the_selection() {
    let mut app = app();
    press(&mut app, &[Char('2'), Down, Down]);
    let unsorted = app.bilateral.view.as_ref().unwrap().table.periods.clone();
    let selected = selected_period(&app);
    assert_eq!(selected, Period::annual(2023));

    press(&mut app, &[Char('o')]);
    let exports: Vec<Option<f64>> = bilateral_rows(&app)
        .iter()
        .map(|r| r.exports.map(|f| f.amount))
        .collect();
    let known = exports.iter().take_while(|e| e.is_some()).count();
    assert!(known >= 3, "{exports:?}");
    assert!(
        exports[..known].is_sorted_by(|a, b| a >= b),
        "largest first: {exports:?}"
    );
    assert!(exports[known..].iter().all(Option::is_none), "missing last");
    assert_eq!(exports[0], Some(115.49e9), "2024's exports are the largest");
    assert_eq!(
        selected_period(&app),
        selected,
        "the selection keeps its period"
    );

    press(&mut app, &[Char('O')]);
    let reversed: Vec<Option<f64>> = bilateral_rows(&app)
        .iter()
        .map(|r| r.exports.map(|f| f.amount))
        .collect();
    assert!(
        reversed[..known].is_sorted_by(|a, b| a <= b),
        "{reversed:?}"
    );
    assert!(
        reversed[known..].iter().all(Option::is_none),
        "missing last"
    );
    assert_eq!(selected_period(&app), selected);

    // The rows kept are those of the order shown.
    let view = app.bilateral.view.as_ref().unwrap();
    for (index, &period) in view.table.periods.iter().enumerate() {
        assert_eq!(view.table.row(index).unwrap().period, period);
    }

    // Imports, total, balance, growth, then the period again: today's order.
    press(&mut app, &[Char('o'); 4]);
    let growth: Vec<Option<f64>> = bilateral_rows(&app)
        .iter()
        .map(|r| r.growth.map(|g| g.percent))
        .collect();
    let known = growth.iter().take_while(|g| g.is_some()).count();
    assert!(growth[..known].is_sorted_by(|a, b| a >= b), "{growth:?}");
    assert!(growth[known..].iter().all(Option::is_none));
    press(&mut app, &[Char('o')]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.table.periods, unsorted, "by period: latest first");
    assert_eq!(selected_period(&app), selected);
    press(&mut app, &[Char('O')]);
    let view = app.bilateral.view.as_ref().unwrap();
    let earliest_first: Vec<Period> = unsorted.iter().rev().copied().collect();
    assert_eq!(view.table.periods, earliest_first);
}

#[test]
fn the_sort_stays_for_another_pair_or_currency_and_works_on_belt_and_road() {
    let mut app = app();
    press(
        &mut app,
        &[Char('2'), Char('o'), Char('o'), Char('o'), Char('c')],
    );
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.sort.column, 3, "sorted by total, in yuan now");
    let totals: Vec<f64> = bilateral_rows(&app)
        .iter()
        .filter_map(|r| r.total.map(|f| f.amount))
        .collect();
    assert!(totals.is_sorted_by(|a, b| a >= b), "{totals:?}");

    press(&mut app, &[Char('4'), End, Char('o')]);
    let view = &app.bri.view;
    let usd: Vec<Option<f64>> = view
        .table
        .periods
        .iter()
        .map(|&p| eurasia_dash::view::bri::compute_row(&app.data, view.topic, p))
        .map(|r| r.usd.map(|f| f.amount))
        .collect();
    let known = usd.iter().take_while(|v| v.is_some()).count();
    assert!(usd[..known].is_sorted_by(|a, b| a >= b), "{usd:?}");
    assert!(usd[known..].iter().all(Option::is_none), "{usd:?}");
}

#[test]
fn o_on_the_overview_says_why_it_does_nothing() {
    let mut app = app();
    press(&mut app, &[Char('o')]);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("overview has none")
    );
}

#[test]
fn sorting_a_table_of_many_periods_keeps_the_rows_around_the_selection() {
    use eurasia_dash::data::{DatasetBuilder, synthetic};
    let mut bytes = Vec::new();
    synthetic::write_one_pair_csv(&mut bytes, 20_000, 7).unwrap();
    let mut builder = DatasetBuilder::new();
    builder.add_native("one-pair.csv", &bytes, false).unwrap();
    let mut app = App::new(builder.build(), "one pair".into());
    press(
        &mut app,
        &[Char('2'), Char('s'), Char('s'), PageDown, Char('o')],
    );
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.table.len(), 3_612);
    let at = app.bilateral.cursor.row;
    let start = at.saturating_sub(200);
    for index in start..(at + 200).min(view.table.len()) {
        let row = view.table.row(index).expect("kept near the selection");
        assert_eq!(*row, view.compute_row(&app.data, view.table.periods[index]));
    }
    let exports: Vec<f64> = (start..at)
        .filter_map(|index| view.table.row(index)?.exports.map(|f| f.amount))
        .collect();
    assert!(exports.is_sorted_by(|a, b| a >= b));
}

#[test]
fn o_sorts_the_unions_table_by_value_within_each_currency() {
    let mut app = app();
    press(&mut app, &[Char('3'), Down, Down, Down]);
    let unsorted = app.eaeu.view.union_rows.clone();
    let chosen = |app: &App| {
        let row = &app.eaeu.view.union_rows[app.eaeu.cursor.row];
        (row.period, row.label.clone())
    };
    let before = chosen(&app);
    press(&mut app, &[Char('o'), Char('o')]);
    let rows = &app.eaeu.view.union_rows;
    let values: Vec<(Option<&str>, Option<f64>)> = rows
        .iter()
        .map(|r| {
            (
                r.figure.map(|f| f.currency.code()),
                r.figure.map(|f| f.amount),
            )
        })
        .collect();
    let known = values.iter().take_while(|(_, v)| v.is_some()).count();
    assert!(known > 3, "{values:?}");
    assert!(
        values[known..].iter().all(|(_, v)| v.is_none()),
        "missing last"
    );
    for pair in values[..known].windows(2) {
        let ((a_currency, a), (b_currency, b)) = (pair[0], pair[1]);
        assert!(
            a_currency < b_currency || (a_currency == b_currency && a >= b),
            "{values:?}"
        );
    }
    assert_eq!(chosen(&app), before, "the selection keeps its figure");
    press(&mut app, &[Char('o'), Char('o')]);
    assert_eq!(
        app.eaeu.view.union_rows, unsorted,
        "by period again: today's order"
    );
    assert_eq!(chosen(&app), before);
}

#[test]
fn a_jump_to_another_span_kind_keeps_the_sort() {
    let mut app = app();
    press(&mut app, &[Char('2'), Char('o')]);
    type_text(&mut app, ":2023-Q3");
    press(&mut app, &[KeyCode::Enter]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Quarterly);
    assert_eq!(view.sort.column, 1, "still by exports");
    assert_eq!(selected_period(&app).to_string(), "2023-Q3");
}

#[test]
fn a_reporters_partners_sort_by_any_column_and_are_written_and_copied() {
    let mut app = partners_app();
    press(&mut app, &[Char('3'), Char('/')]);
    type_text(&mut app, "kaz");
    press(&mut app, &[KeyCode::Enter, Down]);
    let partners = |app: &App| -> Vec<String> {
        let view = app.eaeu.partners.as_ref().unwrap();
        view.rows
            .iter()
            .map(|r| r.partner.code().to_string())
            .collect()
    };
    assert_eq!(partners(&app), ["CHN", "RUS", "TUR"]);
    // `<` from value: the last column, balance, which only Russia has.
    press(&mut app, &[Char('<')]);
    assert_eq!(partners(&app), ["RUS", "CHN", "TUR"]);
    assert_eq!(app.eaeu.cursor.row, 0, "Russia stays selected");
    let said = &app.message.as_ref().unwrap().0;
    assert_eq!(said, "sorted by balance, largest first, missing last");
    // Growth: Türkiye +50%, China +25%, Russia +20%; then the other way.
    press(&mut app, &[Char('<')]);
    assert_eq!(partners(&app), ["TUR", "CHN", "RUS"]);
    assert_eq!(app.eaeu.cursor.row, 2);
    press(&mut app, &[Char('O')]);
    assert_eq!(partners(&app), ["RUS", "CHN", "TUR"]);
    // Kyrgyzstan has exports only: no total, not ranked, and said so.
    let view = app.eaeu.partners.as_ref().unwrap();
    assert_eq!(view.one_way.len(), 1);
    assert_eq!(view.one_way[0].code(), "KGZ");

    let directory =
        std::env::temp_dir().join(format!("eurasia-dash-partners-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    app.export_dir = directory.clone();
    press(&mut app, &[Char('e')]);
    let written = std::fs::read(directory.join("partners_KAZ_2023.csv")).unwrap();
    std::fs::remove_dir_all(&directory).unwrap();
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
        .args([
            "--print",
            "partners",
            "--reporter",
            "KAZ",
            "--period",
            "2023",
        ])
        .args(["--data", "tests/fixtures/native/partners.csv"])
        .output()
        .unwrap();
    assert_eq!(written, printed.stdout, "the file is what --print writes");
    let printed = String::from_utf8(printed.stdout).unwrap();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(
        lines.len(),
        5,
        "header, three partners, the rest: {printed}"
    );
    // y: Russia's row; at the end, the remainder's.
    press(&mut app, &[Char('y')]);
    let copied = app.clipboard.take().unwrap();
    assert_eq!(copied, format!("{}\n{}\n", lines[0], lines[2]));
    press(&mut app, &[End, Char('y')]);
    let copied = app.clipboard.take().unwrap();
    assert_eq!(copied, format!("{}\n{}\n", lines[0], lines[4]));
}

#[test]
fn the_reporter_picker_lists_the_reporters_opened_recently_first() {
    let mut app = partners_app();
    let first = |app: &App| {
        let picker = app.picker.as_ref().unwrap();
        picker.chosen().unwrap()
    };
    press(&mut app, &[Char('3'), Char('/')]);
    assert_eq!(first(&app), Choice::Reporter(area("KAZ")), "by trade");
    type_text(&mut app, "uzb");
    press(&mut app, &[KeyCode::Enter, Char('/')]);
    assert_eq!(first(&app), Choice::Reporter(area("UZB")), "opened last");
    // Pairs opened are listed first in the pair picker only.
    press(&mut app, &[KeyCode::Esc, Char('2'), Char('/')]);
    type_text(&mut app, "kaz tur");
    press(&mut app, &[KeyCode::Enter, Char('3'), Char('/')]);
    assert_eq!(first(&app), Choice::Reporter(area("UZB")));
    press(&mut app, &[KeyCode::Esc, Char('2'), Char('/')]);
    assert_eq!(first(&app), Choice::Pair(area("KAZ"), area("TUR")));
}

#[test]
fn n_shows_areas_by_code_and_back_on_every_tab() {
    use eurasia_dash::data::model::Naming;
    let mut app = app();
    assert_eq!(app.overview.cards[0].title, "China–Russia trade");
    press(&mut app, &[Char('n')]);
    assert_eq!(app.naming, Naming::Codes);
    assert_eq!(app.overview.cards[0].title, "CHN–RUS trade");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .starts_with("n: areas by code")
    );
    press(&mut app, &[Char('2'), Char('n')]);
    assert_eq!(app.naming, Naming::Names);
    assert_eq!(app.overview.cards[0].title, "China–Russia trade");
}

#[test]
fn w_on_a_row_with_a_growth_finding_opens_the_warnings_at_it() {
    let mut app = app();
    press(&mut app, &[Char('2'), Char(':')]);
    type_text(&mut app, "2021");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(selected_period(&app), Period::annual(2021));
    press(&mut app, &[Char('w')]);
    let Some(Overlay::Warnings { scroll }) = app.overlay else {
        panic!("the warnings list is open");
    };
    let warning = &app.data.warnings()[scroll];
    assert!(
        warning
            .message
            .starts_with("trade CHN–RUS 2021: published growth +35.8%"),
        "{}",
        warning.message
    );
    // 2020 has two findings (imports and trade): the list opens at the first.
    press(&mut app, &[Esc, Char('j'), Char('w')]);
    assert_eq!(selected_period(&app), Period::annual(2020));
    let Some(Overlay::Warnings { scroll }) = app.overlay else {
        panic!("the warnings list is open");
    };
    assert!(app.data.warnings()[scroll].message.contains("CHN–RUS 2020"));
    // A row without a finding opens the list at the top.
    press(&mut app, &[Esc, Char('j'), Char('w')]);
    assert_eq!(selected_period(&app), Period::annual(2019));
    assert_eq!(app.overlay, Some(Overlay::Warnings { scroll: 0 }));
}

#[test]
fn a_click_on_a_partners_header_sorts_by_it_and_the_partner_name_does_not() {
    use eurasia_dash::app::Action;
    let mut app = partners_app();
    press(&mut app, &[Char('3'), Char('/')]);
    type_text(&mut app, "kaz");
    press(&mut app, &[KeyCode::Enter]);
    let sort = |app: &App| app.eaeu.partners.as_ref().unwrap().sort;
    let before = sort(&app);
    app.update(Action::SortBy(0));
    assert_eq!(sort(&app), before, "the Partner column does not sort");
    // Columns as drawn: Partner, Value, Share, Growth, Balance, Trend.
    app.update(Action::SortBy(3));
    assert_eq!(
        (sort(&app).column, sort(&app).descending),
        (2, true),
        "growth"
    );
    app.update(Action::SortBy(3));
    assert_eq!((sort(&app).column, sort(&app).descending), (2, false));
    app.update(Action::SortBy(5));
    assert_eq!(sort(&app).column, 2, "the trend does not sort");
}

#[test]
fn y_on_the_eaeu_card_copies_a_row_of_the_unions_own_table() {
    let mut app = app();
    press(&mut app, &[Char('3'), Char('y')]);
    let copied = app.clipboard.take().expect("a row copied");
    let lines: Vec<&str> = copied.lines().collect();
    assert_eq!(
        lines[0],
        "period,figure,indicator,value,unit,basis,growth_pct,growth_kind,source,note"
    );
    let row = &app.eaeu.view.union_rows[0];
    let period = row.period.to_string();
    assert!(lines[1].starts_with(&format!("{period},")), "{}", lines[1]);
    assert_eq!(lines.len(), 2, "the header and the row");
}

/// The app on `tests/fixtures/native/mirror.csv`: China–Russia as both
/// sides report it (worked by hand in the fixtures' README).
fn mirror_app() -> App {
    common::app_on("mirror.csv")
}

fn shown_pair(app: &App) -> (String, String) {
    let selection = app.bilateral.view.as_ref().unwrap().selection;
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
    assert_eq!(app.bilateral.pair, 1, "p steps on from the pair shown");
    assert_eq!(
        app.recent[0],
        Choice::Pair(area("RUS"), area("CHN")),
        "remembered as opened"
    );
    let row = &bilateral_rows(&app)[app.bilateral.cursor.row];
    // Russia's own figures now, China's beside them.
    assert_eq!(row.exports.unwrap().amount, 57e9);
    assert_eq!(row.mirror.unwrap().exports.unwrap().amount, 60e9);
    // In euros, Russia's 2020 imports are its own figure; M again shows
    // China's side of them, where only Russia's are in euros.
    press(&mut app, &[Char('c'), Char('c')]);
    let view = app.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.currency.code(), "EUR");
    press(&mut app, &[Char('M')]);
    let view = app.bilateral.view.as_ref().unwrap();
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
    assert_eq!(app.bilateral.cursor.row, 1);
    let (message, _) = app.message.clone().expect("a message");
    assert_eq!(message, "M: the data has no Russia–China figures");
    // The Union's mutual trade has no other side.
    let at = app
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
    // Elsewhere M does nothing.
    press(&mut app, &[Char('1'), Char('M')]);
    assert_eq!((app.tab, app.message.clone()), (Tab::Overview, None));
}

fn compared_pair(app: &App) -> Option<(String, String)> {
    let view = app.bilateral.view.as_ref().unwrap();
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
    let view = app.bilateral.view.as_ref().unwrap();
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
    let directory =
        std::env::temp_dir().join(format!("eurasia-dash-compare-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let mut app = app();
    app.export_dir = directory.clone();
    press(&mut app, &[Char('2'), Char('+')]);
    type_text(&mut app, "eaeu chi");
    press(&mut app, &[KeyCode::Enter, Char('e')]);
    let path = directory.join("bilateral_CHN-RUS_vs_EAEU-CHN_annual_USD.csv");
    let written = std::fs::read(&path).unwrap();
    std::fs::remove_dir_all(&directory).unwrap();
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_eurasia-dash"))
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
