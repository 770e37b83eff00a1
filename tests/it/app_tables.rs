//! Key sequences through `update` on the tables: sorting (`o` `O` `<` `>`, a
//! click on a header), a reporter's partners, names or codes (`n`), and
//! `w` at a data-quality finding.

use crate::common::keys::{
    app, area, bilateral_rows, export_dir, partners_app, press, selected_period, type_text,
};
use KeyCode::{Char, Down, End, Esc, PageDown};
use crossterm::event::KeyCode;
use eurasia_dash::app::{App, Overlay, Tab};
use eurasia_dash::data::{Period, SpanKind};
use eurasia_dash::view::picker::Choice;

#[test]
fn the_picker_on_partners_picks_a_reporter_whose_partners_are_ranked() {
    let mut app = partners_app();
    press(&mut app, &[Char('3'), Char('/')]);
    type_text(&mut app, "kaz");
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.picker.is_none());
    assert_eq!(app.tab, Tab::Partners);
    let view = app
        .tabs
        .partners
        .reporter
        .as_ref()
        .expect("Kazakhstan's partners");
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
        app.tabs.partners.cursor.row, 3,
        "China, Russia, Türkiye, Other partners"
    );
    // `[` a year earlier, `]` back, and no further.
    press(&mut app, &[Char('[')]);
    let view = app.tabs.partners.reporter.as_ref().unwrap();
    assert_eq!(view.selected_period(), Some(Period::annual(2022)));
    assert_eq!(view.concentration.unwrap().points.round(), 3_633.0);
    press(&mut app, &[Char(']'), Char(']')]);
    let view = app.tabs.partners.reporter.as_ref().unwrap();
    assert_eq!(view.selected_period(), Some(Period::annual(2023)));
    assert!(app.message.is_some(), "the last period: the key says why");
    // A reporter without a world figure: shares unknown, no HHI.
    press(&mut app, &[Char('/')]);
    type_text(&mut app, "uzbek");
    press(&mut app, &[KeyCode::Enter]);
    let view = app.tabs.partners.reporter.as_ref().unwrap();
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
    assert!(
        app.tabs.partners.reporter.is_none(),
        "the EAEU card by default"
    );
    press(&mut app, &[Char('/')]);
    type_text(&mut app, "china");
    press(&mut app, &[KeyCode::Enter]);
    let view = app
        .tabs
        .partners
        .reporter
        .as_ref()
        .expect("China's partners");
    let partners: Vec<&str> = view.rows.iter().map(|r| r.partner.code()).collect();
    assert_eq!(
        partners,
        ["RUS"],
        "the Belt and Road, a group, is not ranked"
    );
    press(&mut app, &[Char('/')]);
    type_text(&mut app, "eaeu");
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        app.tabs.partners.reporter.is_none(),
        "the Union: its card again"
    );
}

#[test]
fn o_sorts_the_bilateral_table_by_each_column_missing_last_keeping_the_selection() {
    let mut app = app();
    press(&mut app, &[Char('2'), Down, Down]);
    let unsorted = app
        .tabs
        .bilateral
        .view
        .as_ref()
        .unwrap()
        .table
        .periods
        .clone();
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
    let view = app.tabs.bilateral.view.as_ref().unwrap();
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
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.table.periods, unsorted, "by period: latest first");
    assert_eq!(selected_period(&app), selected);
    press(&mut app, &[Char('O')]);
    let view = app.tabs.bilateral.view.as_ref().unwrap();
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
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.sort.column, 3, "sorted by total, in yuan now");
    let totals: Vec<f64> = bilateral_rows(&app)
        .iter()
        .filter_map(|r| r.total.map(|f| f.amount))
        .collect();
    assert!(totals.is_sorted_by(|a, b| a >= b), "{totals:?}");

    press(&mut app, &[Char('4'), End, Char('o')]);
    let view = &app.tabs.bri.view;
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
            .contains("not on the Overview tab")
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
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.table.len(), 3_612);
    let at = app.tabs.bilateral.cursor.row;
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
    let unsorted = app.tabs.partners.view.union_rows.clone();
    let chosen = |app: &App| {
        let row = &app.tabs.partners.view.union_rows[app.tabs.partners.cursor.row];
        (row.period, row.label.clone())
    };
    let before = chosen(&app);
    press(&mut app, &[Char('o'), Char('o')]);
    let rows = &app.tabs.partners.view.union_rows;
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
        app.tabs.partners.view.union_rows, unsorted,
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
    let view = app.tabs.bilateral.view.as_ref().unwrap();
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
        let view = app.tabs.partners.reporter.as_ref().unwrap();
        view.rows
            .iter()
            .map(|r| r.partner.code().to_string())
            .collect()
    };
    assert_eq!(partners(&app), ["CHN", "RUS", "TUR"]);
    let selected = |app: &App| partners(app)[app.tabs.partners.cursor.row].clone();
    // `<` from value: the last column, the change on a year earlier; the
    // selection follows Russia wherever it goes.
    press(&mut app, &[Char('<')]);
    let said = &app.message.as_ref().unwrap().0;
    assert!(said.starts_with("sorted by change"), "{said}");
    assert_eq!(selected(&app), "RUS");
    // Then balance, which only Russia has.
    press(&mut app, &[Char('<')]);
    assert_eq!(partners(&app), ["RUS", "CHN", "TUR"]);
    assert_eq!(app.tabs.partners.cursor.row, 0, "Russia stays selected");
    let said = &app.message.as_ref().unwrap().0;
    assert_eq!(said, "sorted by balance, largest first, missing last");
    // Growth: Türkiye +50%, China +25%, Russia +20%; then the other way.
    press(&mut app, &[Char('<')]);
    assert_eq!(partners(&app), ["TUR", "CHN", "RUS"]);
    assert_eq!(app.tabs.partners.cursor.row, 2);
    press(&mut app, &[Char('O')]);
    assert_eq!(partners(&app), ["RUS", "CHN", "TUR"]);
    // Kyrgyzstan has exports only: no total, not ranked, and said so.
    let view = app.tabs.partners.reporter.as_ref().unwrap();
    assert_eq!(view.one_way.len(), 1);
    assert_eq!(view.one_way[0].code(), "KGZ");

    // Back to the default sort (value, largest first), which --print writes.
    press(&mut app, &[Char('O'), Char('>'), Char('>'), Char('>')]);
    let directory = export_dir("partners");
    app.export_dir = directory.clone();
    press(&mut app, &[Char('e')]);
    let written = std::fs::read(directory.join("partners_KAZ_2023.csv")).unwrap();
    std::fs::remove_dir_all(&directory).unwrap();
    let printed = crate::common::command(&[])
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
        6,
        "header, three partners, Kyrgyzstan without a total, the rest: {printed}"
    );
    assert!(
        lines[4].starts_with("KAZ,KGZ,2023,USD,,no total"),
        "{}",
        lines[4]
    );
    // y: Russia's row; at the end, the remainder's.
    press(&mut app, &[Char('y')]);
    let copied = app.clipboard.take().unwrap();
    assert_eq!(copied, format!("{}\n{}\n", lines[0], lines[2]));
    press(&mut app, &[End, Char('y')]);
    let copied = app.clipboard.take().unwrap();
    assert_eq!(copied, format!("{}\n{}\n", lines[0], lines[5]));
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
    assert_eq!(app.tabs.overview.cards[0].title, "China–Russia trade");
    press(&mut app, &[Char('n')]);
    assert_eq!(app.naming, Naming::Codes);
    assert_eq!(app.tabs.overview.cards[0].title, "CHN–RUS trade");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .starts_with("n: areas by code")
    );
    press(&mut app, &[Char('2'), Char('n')]);
    assert_eq!(app.naming, Naming::Names);
    assert_eq!(app.tabs.overview.cards[0].title, "China–Russia trade");
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
    let sort = |app: &App| app.tabs.partners.reporter.as_ref().unwrap().sort;
    let before = sort(&app);
    app.update(Action::SortBy(0));
    assert_eq!(sort(&app), before, "the rank column does not sort");
    app.update(Action::SortBy(1));
    assert_eq!(sort(&app), before, "the Partner column does not sort");
    // Columns as drawn: #, Partner, Value, Share, Growth, Balance, Change, Trend.
    app.update(Action::SortBy(4));
    assert_eq!(
        (sort(&app).column, sort(&app).descending),
        (2, true),
        "growth"
    );
    app.update(Action::SortBy(4));
    assert_eq!((sort(&app).column, sort(&app).descending), (2, false));
    app.update(Action::SortBy(6));
    assert_eq!(sort(&app).column, 4, "change");
    app.update(Action::SortBy(7));
    assert_eq!(sort(&app).column, 4, "the trend does not sort");
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
    let row = &app.tabs.partners.view.union_rows[0];
    let period = row.period.to_string();
    assert!(lines[1].starts_with(&format!("{period},")), "{}", lines[1]);
    assert_eq!(lines.len(), 2, "the header and the row");
}

#[test]
fn w_on_a_belt_and_road_row_with_a_growth_finding_opens_the_warnings_at_it() {
    // Trade with the Belt and Road countries, January–March 2022: growth
    // published +16.7% in yuan, +17.2% from the levels.
    let mut app = app();
    press(&mut app, &[Char('4'), Char(':')]);
    type_text(&mut app, "2022-01/2022-03");
    press(&mut app, &[KeyCode::Enter]);
    let view = &app.tabs.bri.view;
    assert_eq!(
        view.table.periods[app.tabs.bri.cursor.row].to_string(),
        "2022-01/2022-03"
    );
    assert_eq!(view.findings.len(), 1, "the trade table's one finding");
    press(&mut app, &[Char('w')]);
    let Some(Overlay::Warnings { scroll }) = app.overlay else {
        panic!("the warnings list is open");
    };
    let message = &app.data.warnings()[scroll].message;
    assert!(
        message.starts_with("trade CHN–BRI 2022-01/2022-03"),
        "{message}"
    );
    // Investment has no finding: the list opens at the top.
    press(&mut app, &[Esc, Char('m'), Char('w')]);
    assert!(app.tabs.bri.view.findings.is_empty());
    assert_eq!(app.overlay, Some(Overlay::Warnings { scroll: 0 }));
}
