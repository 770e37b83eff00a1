//! App logic: key sequences drive `update` to the expected tab, selection and
//! overlay: tabs, tables, overlays, the picker, the jump prompt, `e` and `y`.
//! Sorting and the Partners tab are in `app_tables.rs`, the pair's other
//! side and a pair compared in `app_pairs.rs`.

use crate::common::keys::{app, export_dir, press, type_text};
use KeyCode::{
    BackTab, Char, Down, End, Esc, Home, Left, PageDown, PageUp, Right, Tab as TabKey, Up,
};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use eurasia_dash::app::keys::action_for;
use eurasia_dash::app::{App, Overlay, Tab};
use eurasia_dash::data::{Period, SpanKind};

#[test]
fn tabs_switch_with_tab_arrows_vim_keys_and_digits() {
    let mut app = app();
    assert_eq!(app.tab, Tab::Overview);
    press(&mut app, &[TabKey]);
    assert_eq!(app.tab, Tab::Bilateral);
    press(&mut app, &[Right, Char('l')]);
    assert_eq!(app.tab, Tab::BeltAndRoad);
    press(&mut app, &[TabKey, TabKey]);
    assert_eq!(app.tab, Tab::Overview, "wraps around");
    press(&mut app, &[BackTab]);
    assert_eq!(app.tab, Tab::Products);
    press(&mut app, &[BackTab]);
    assert_eq!(app.tab, Tab::BeltAndRoad);
    press(&mut app, &[Left, Char('h')]);
    assert_eq!(app.tab, Tab::Bilateral);
    press(&mut app, &[Char('3')]);
    assert_eq!(app.tab, Tab::Partners);
}

#[test]
fn table_movement_stays_inside_the_table() {
    let mut app = app();
    press(&mut app, &[Char('2')]);
    let rows = app.tabs.bilateral.view.as_ref().unwrap().table.len();
    press(&mut app, &[Up]);
    assert_eq!(app.tabs.bilateral.cursor.row, 0);
    press(&mut app, &[Down, Char('j')]);
    assert_eq!(app.tabs.bilateral.cursor.row, 2);
    press(&mut app, &[PageDown, PageDown]);
    assert_eq!(app.tabs.bilateral.cursor.row, rows - 1);
    press(&mut app, &[Home]);
    assert_eq!(app.tabs.bilateral.cursor.row, 0);
    press(&mut app, &[End, Char('k')]);
    assert_eq!(app.tabs.bilateral.cursor.row, rows - 2);
}

#[test]
fn bilateral_switches_span_currency_and_pair() {
    let mut app = app();
    press(&mut app, &[Char('2'), Down]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Annual);
    // The embedded data has the three months of 2023-Q3, so one quarter
    // summed from them.
    press(&mut app, &[Char('s')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Quarterly);
    assert_eq!(
        app.tabs.bilateral.cursor.row, 0,
        "a new selection starts at the top"
    );
    press(&mut app, &[Char('s')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Monthly);
    press(&mut app, &[Char('s'), Char('s')]);
    assert_eq!(
        app.tabs.bilateral.view.as_ref().unwrap().selection.kind,
        SpanKind::Annual
    );
    press(&mut app, &[Char('c')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.currency.code(), "CNY");
    assert_eq!(
        view.table.len(),
        4,
        "2022, 2024 and 2025 are published in yuan, 2023 a gap between them"
    );
    press(&mut app, &[Char('p')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_ne!(
        view.pair_label(eurasia_dash::data::model::Naming::Names),
        "China–Russia"
    );
    for _ in 1..app.tabs.bilateral.pairs.len() {
        press(&mut app, &[Char('p')]);
    }
    assert_eq!(
        app.tabs
            .bilateral
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
    let period = |app: &App| app.tabs.partners.view.period.unwrap().to_string();
    assert_eq!(period(&app), "2022", "starts at the latest");
    assert_eq!(app.tabs.partners.view.shares.len(), 4);
    press(&mut app, &[Char(']')]);
    assert_eq!(period(&app), "2022");
    press(&mut app, &[Char('[')]);
    assert_eq!(period(&app), "2020-01/2020-08");
    press(&mut app, &[Char('[')]);
    assert_eq!(period(&app), "2020-01/2020-04");
    assert_eq!(app.tabs.partners.view.shares.len(), 2);
    press(&mut app, &[Char('[')]);
    assert_eq!(period(&app), "2020-01/2020-04");
}

#[test]
fn belt_and_road_switches_topic_and_span() {
    let mut app = app();
    press(&mut app, &[Char('4')]);
    assert_eq!(
        app.tabs.bri.view.topic.title(),
        "China's trade with Belt and Road countries"
    );
    press(&mut app, &[Char('m')]);
    assert_eq!(
        app.tabs.bri.view.topic.title(),
        "China's non-financial investment in them"
    );
    assert_eq!(
        app.tabs.bri.view.table.row(0).unwrap().period,
        Period::annual(2024)
    );
    press(&mut app, &[Char('s')]);
    assert_eq!(app.tabs.bri.view.kind, SpanKind::Cumulative);
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
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Monthly);
    assert_eq!(view.table.len(), 3_612);
    let check = |app: &App| {
        let view = app.tabs.bilateral.view.as_ref().unwrap();
        let at = app.tabs.bilateral.cursor.row;
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
    assert_eq!(app.tabs.bilateral.cursor.row, 3_611);
    check(&app);
    for _ in 0..60 {
        press(&mut app, &[PageUp]);
    }
    assert_eq!(app.tabs.bilateral.cursor.row, 3_011);
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
    let pair = app.tabs.bilateral.pairs[app.tabs.bilateral.pair];
    assert_eq!((pair.0.code(), pair.1.code()), ("EAEU", "CHN"));
    let view = app.tabs.bilateral.view.as_ref().unwrap();
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
        app.tabs.bilateral.pairs[app.tabs.bilateral.pair], pair,
        "Esc changes nothing"
    );
}

#[test]
fn p_and_shift_p_step_through_the_pairs_in_the_pickers_order() {
    let mut app = app();
    press(&mut app, &[Char('2')]);
    let count = app.tabs.bilateral.pairs.len();
    press(&mut app, &[Char('P')]);
    assert_eq!(
        app.tabs.bilateral.pair,
        count - 1,
        "P from the first goes to the last"
    );
    press(&mut app, &[Char('p')]);
    assert_eq!(app.tabs.bilateral.pair, 0);
    press(&mut app, &[Char('/')]);
    let picker = app.picker.as_ref().unwrap();
    let listed: Vec<_> = picker
        .matches
        .iter()
        .map(|&i| picker.candidate(i).choice.pair().unwrap())
        .collect();
    assert_eq!(
        listed, app.tabs.bilateral.pairs,
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
        let view = app.tabs.bilateral.view.as_ref().unwrap();
        view.table.periods[app.tabs.bilateral.cursor.row]
    };
    assert_eq!(selected(&app), Period::parse("2019").unwrap());
    press(&mut app, &[Char(':')]);
    type_text(&mut app, "2024-07");
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.message, None);
    assert_eq!(selected(&app), Period::parse("2024-07").unwrap());
    assert_eq!(
        app.tabs.bilateral.view.as_ref().unwrap().selection.kind,
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
    let last = app.tabs.partners.period;
    press(&mut app, &[Char(']')]);
    assert_eq!(app.tabs.partners.period, last);
    assert!(app.message.as_ref().unwrap().0.contains("latest period"));
}

#[test]
fn e_writes_the_table_shown_as_print_does_and_y_copies_the_row() {
    let directory = export_dir("export");
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
    let printed = crate::common::command(&[])
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
            .contains("not on the Overview tab")
    );
}
