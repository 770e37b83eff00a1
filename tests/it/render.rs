//! Rendering tests: every tab drawn into ratatui's TestBackend, compared with
//! reviewed insta snapshots, and a grid of sizes that must never panic.

use eurasia_dash::app::{Action, App, Tab};
use eurasia_dash::data::{Dataset, build};
use eurasia_dash::ui::{self, hits::HitMap, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn app() -> App {
    App::new(Dataset::embedded(), "embedded dataset".to_string())
}

/// The app drawn in colour.
fn draw(app: &App, width: u16, height: u16) -> TestBackend {
    draw_with(Theme { color: true }, app, width, height)
}

fn draw_with(theme: Theme, app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::render(app, &theme, frame);
        })
        .unwrap();
    terminal.backend().clone()
}

fn tab_name(tab: Tab) -> &'static str {
    match tab {
        Tab::Overview => "overview",
        Tab::Bilateral => "bilateral",
        Tab::Partners => "eaeu",
        Tab::BeltAndRoad => "bri",
        Tab::Products => "products",
    }
}

#[test]
fn every_tab_at_80x24() {
    let mut app = app();
    for tab in Tab::ALL {
        app.tab = tab;
        insta::assert_snapshot!(format!("{}_80x24", tab_name(tab)), draw(&app, 80, 24));
    }
}

#[test]
fn every_tab_at_160x48() {
    let mut app = app();
    for tab in Tab::ALL {
        app.tab = tab;
        insta::assert_snapshot!(format!("{}_160x48", tab_name(tab)), draw(&app, 160, 48));
    }
}

#[test]
fn other_selections_draw_their_own_figures() {
    let mut app = app();
    app.tab = Tab::Bilateral;
    // Annual, the quarter summed from the months of 2023-Q3, monthly, year to date.
    for _ in 0..3 {
        app.update(Action::NextSpan);
    }
    insta::assert_snapshot!("bilateral_year_to_date_80x24", draw(&app, 80, 24));
    app.tab = Tab::Partners;
    app.update(Action::PreviousPeriod);
    insta::assert_snapshot!("eaeu_first_period_80x24", draw(&app, 80, 24));
    app.tab = Tab::BeltAndRoad;
    app.update(Action::SwitchTopic);
    app.update(Action::NextSpan);
    insta::assert_snapshot!("bri_investment_year_to_date_80x24", draw(&app, 80, 24));
}

/// Sorted by exports, largest first, with 2023 (no exports) selected: the
/// header marks the column, missing values come last, the block says where
/// the selection is; the Belt and Road table by dollars, smallest first;
/// the Union's figures by value.
#[test]
fn sorted_tables_mark_the_column_and_keep_the_selection() {
    let mut app = app();
    app.tab = Tab::Bilateral;
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::SortNextColumn);
    insta::assert_snapshot!("bilateral_by_exports_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("bilateral_by_exports_160x48", draw(&app, 160, 48));
    app.tab = Tab::BeltAndRoad;
    app.update(Action::SortNextColumn);
    app.update(Action::SortReverse);
    insta::assert_snapshot!("bri_by_usd_ascending_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("bri_by_usd_ascending_160x48", draw(&app, 160, 48));
    app.tab = Tab::Partners;
    app.update(Action::SortNextColumn);
    app.update(Action::SortNextColumn);
    insta::assert_snapshot!("eaeu_by_value_80x24", draw(&app, 80, 24));
}

/// Monthly figures only (CHN–KAZ, 2022 complete, July 2023 missing): the
/// year, quarters, year to date and rolling twelve months summed from them.
#[test]
fn monthly_only_data_gets_years_summed_from_its_months() {
    let data = build::load_files(
        &["tests/fixtures/calendar/months_with_a_gap.csv"],
        None,
        false,
    )
    .unwrap();
    let mut app = App::new(data, "months_with_a_gap.csv".to_string());
    app.tab = Tab::Bilateral;
    let screen = format!("{:?}", draw(&app, 80, 24));
    assert!(screen.contains("Annual figures, USD"), "{screen}");
    assert!(!screen.contains("no data"), "{screen}");
    insta::assert_snapshot!("bilateral_months_only_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("bilateral_months_only_120x40", draw(&app, 120, 40));
    // Annual, quarterly, monthly, year to date, rolling twelve months.
    for _ in 0..4 {
        app.update(Action::NextSpan);
    }
    let screen = format!("{:?}", draw(&app, 80, 24));
    assert!(screen.contains("Rolling 12 months figures"), "{screen}");
    insta::assert_snapshot!("bilateral_months_only_rolling_80x24", draw(&app, 80, 24));
}

#[test]
fn the_pair_picker_filtered_and_not() {
    let mut app = app();
    app.update(Action::OpenPicker);
    insta::assert_snapshot!("picker_80x24", draw(&app, 80, 24));
    for c in "eur".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Down);
    insta::assert_snapshot!("picker_eur_160x48", draw(&app, 160, 48));
    for c in "zzz".chars() {
        app.update(Action::Type(c));
    }
    let drawn = format!("{:?}", draw(&app, 80, 24));
    assert!(drawn.contains("no pair matches"), "{drawn}");
    assert!(drawn.contains("Find a pair · 0 of 6"), "{drawn}");
}

#[test]
fn help_and_warnings_overlays() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!("help_80x24", draw(&app, 80, 24));
    // On a short terminal the help scrolls up to its last key, and no
    // further; each step back shows.
    for _ in 0..40 {
        app.update(Action::Down);
    }
    let scrolled = draw(&app, 80, 24);
    insta::assert_snapshot!("help_80x24_scrolled", scrolled);
    app.update(Action::Up);
    assert_ne!(
        draw(&app, 80, 24).buffer(),
        scrolled.buffer(),
        "k moves the help back"
    );
    app.update(Action::ToggleWarnings);
    insta::assert_snapshot!("warnings_120x40", draw(&app, 120, 40));
}

#[test]
fn a_small_terminal_gets_a_message() {
    let text = format!("{:?}", draw(&app(), 60, 20));
    assert!(
        text.contains("terminal too small: need 80x24, have 60x20"),
        "{text}"
    );
    insta::assert_snapshot!("too_small_60x20", draw(&app(), 60, 20));
}

#[test]
fn no_size_panics_and_every_hit_is_inside_the_frame() {
    let widths = [1, 2, 3, 5, 10, 20, 40, 79, 80, 81, 100, 120, 160, 200];
    let heights = [1, 2, 3, 5, 10, 23, 24, 25, 30, 40, 48, 60];
    let mut app = app();
    let overlays = [None, Some(Action::ToggleHelp), Some(Action::ToggleWarnings)];
    for overlay in overlays {
        for tab in Tab::ALL {
            app.overlay = None;
            app.tab = tab;
            if let Some(open) = overlay {
                app.update(open);
            }
            for width in widths {
                for height in heights {
                    let frame = Rect::new(0, 0, width, height);
                    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
                    let mut hits = None;
                    terminal
                        .draw(|f| hits = Some(ui::render(&app, &Theme { color: true }, f)))
                        .unwrap();
                    let hits = hits.expect("drawn");
                    let at = format!("{tab:?} {overlay:?} at {width}x{height}");
                    if width < ui::MIN_WIDTH || height < ui::MIN_HEIGHT {
                        // Where the message has room, it is what is drawn.
                        if width >= 40 {
                            let text = buffer_text(terminal.backend().buffer());
                            assert!(text.contains("terminal too small"), "{at}: {text}");
                        }
                        assert_eq!(hits, HitMap::default(), "{at}: nothing to click");
                        continue;
                    }
                    let inside = |area: Rect| frame.union(area) == frame;
                    assert!(hits.tabs.iter().all(|&(area, _)| inside(area)), "{at}");
                    if let Some(table) = &hits.table {
                        assert!(inside(table.header) && inside(table.rows.area), "{at}");
                        let right = table.header.right();
                        assert!(table.columns.iter().all(|c| c.end <= right), "{at}");
                    }
                    if let Some(lines) = hits.picker {
                        assert!(inside(lines.area), "{at}");
                    }
                }
            }
        }
    }
}

#[test]
fn data_without_the_default_pairs_says_no_data() {
    let csv = "indicator,reporter,partner,period,value,unit\nexports,KAZ,CHN,2021,10.5,USD_BN\n";
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    builder
        .add_native("kaz.csv", csv.as_bytes(), false)
        .unwrap();
    let mut app = App::new(builder.build(), "kaz.csv".to_string());
    let overview = format!("{:?}", draw(&app, 80, 24));
    assert!(
        overview.contains("no data for China's share of EAEU"),
        "{overview}"
    );
    assert!(overview.contains("Kazakhstan–China exports"), "{overview}");
    assert!(overview.contains("$10.5 bn  2021"), "{overview}");
    assert!(overview.contains(" 1 row · 0 warnings"), "{overview}");
    app.tab = Tab::Partners;
    let eaeu = format!("{:?}", draw(&app, 80, 24));
    assert!(eaeu.contains("no data for partner shares"), "{eaeu}");
    app.tab = Tab::BeltAndRoad;
    insta::assert_snapshot!("bri_no_data_80x24", draw(&app, 80, 24));
}

#[test]
fn without_colour_every_cell_is_uncoloured_and_growth_keeps_its_arrow() {
    use ratatui::style::Color;
    let no_colour = Theme { color: false };
    let mut app = App::new(Dataset::embedded(), "embedded".into());
    for tab in Tab::ALL {
        app.tab = tab;
        let backend = draw_with(no_colour, &app, 120, 40);
        let buffer = backend.buffer();
        assert!(
            buffer
                .content()
                .iter()
                .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset),
            "{tab:?} has a coloured cell"
        );
    }
    app.tab = Tab::Bilateral;
    let text = format!("{:?}", draw_with(no_colour, &app, 120, 40));
    assert!(
        text.contains("▼ −6.8% calc") && text.contains("▲ +2.2% pub"),
        "{text}"
    );
}

/// The app on the Comtrade fixture, whose re-export rows are not used.
fn comtrade_app() -> App {
    let data = eurasia_dash::data::build::load_files(
        &["tests/fixtures/import/comtrade_plus.csv"],
        None,
        false,
    )
    .unwrap();
    App::new(data, "comtrade_plus.csv".into())
}

#[test]
fn rows_a_format_leaves_out_are_counted_and_listed_but_not_warnings() {
    let mut app = comtrade_app();
    let screen = format!("{:?}", draw(&app, 100, 30));
    assert!(
        screen.contains(" 9 rows · 4 not used · 0 warnings"),
        "{screen}"
    );
    app.update(Action::ToggleWarnings);
    let overlay = format!("{:?}", draw(&app, 160, 30));
    // The overlay's count agrees with the status line's.
    assert!(
        overlay.contains(" Warnings: 0 · 4 rows not used "),
        "{overlay}"
    );
    assert!(
        overlay.contains("not used     tests/fixtures/import/comtrade_plus.csv:6: field 'flowCode': re-exports (RX) are not added into exports"),
        "{overlay}"
    );
}

#[test]
fn key_hints_that_do_not_fit_beside_the_counts_give_way_whole() {
    let mut app = comtrade_app();
    app.tab = Tab::Bilateral;
    let backend = draw(&app, 80, 24);
    let buffer = backend.buffer();
    let status: String = (0..80)
        .map(|x| buffer[(x, 23)].symbol().to_string())
        .collect();
    assert!(
        status.starts_with(" q quit ? help Tab next / find p pair s span "),
        "{status:?}"
    );
    assert!(
        !status.contains(" c curr"),
        "a hint cut mid-word: {status:?}"
    );
    assert!(
        status.ends_with("9 rows · 4 not used · 0 warnings w "),
        "{status:?}"
    );
}

#[test]
fn eaeu_figures_not_computed_from_member_flows_say_why() {
    let data = eurasia_dash::data::build::load_files(
        &["tests/fixtures/aggregate/no_mutual.csv"],
        None,
        false,
    )
    .unwrap();
    let mut app = App::new(data, "no_mutual.csv".to_string());
    app.tab = Tab::Partners;
    insta::assert_snapshot!("eaeu_not_computed_80x24", draw(&app, 80, 24));
}

/// The IMF portal fixture: CHN–RUS 2022 has FOB imports beside its CIF
/// imports; the selected period's detail shows them, labelled FOB.
#[test]
fn the_selected_period_shows_fob_imports_labelled_so() {
    let data =
        build::load_files(&["tests/fixtures/import/imf_portal_wide.csv"], None, false).unwrap();
    let mut app = App::new(data, "imf_portal_wide.csv".to_string());
    app.tab = Tab::Bilateral;
    // 2023 first, then 2022.
    app.update(Action::Down);
    let screen = format!("{:?}", draw(&app, 120, 40));
    assert!(screen.contains("imports (FOB) $75,100 mn"), "{screen}");
    assert!(screen.contains("imports $80,250.125 mn"), "{screen}");
}

#[test]
fn partners_of_a_reporter_picked_on_the_partners_tab() {
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    let csv = include_str!("../fixtures/native/partners.csv");
    builder
        .add_native("partners.csv", csv.as_bytes(), false)
        .unwrap();
    let mut app = App::new(builder.build(), "partners.csv".to_string());
    app.tab = Tab::Partners;
    app.update(Action::OpenPicker);
    insta::assert_snapshot!("partners_picker_80x24", draw(&app, 80, 24));
    for c in "kaz".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Confirm);
    insta::assert_snapshot!("partners_kaz_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("partners_kaz_160x48", draw(&app, 160, 48));
    // n: codes in place of names, on this tab and the bilateral one.
    app.update(Action::ToggleNaming);
    insta::assert_snapshot!("partners_kaz_codes_80x24", draw(&app, 80, 24));
    app.update(Action::SelectTab(Tab::Bilateral));
    insta::assert_snapshot!("bilateral_codes_80x24", draw(&app, 80, 24));
}

#[test]
fn partners_above_the_world_total_say_the_figures_disagree() {
    // Listed 40 + 30 = 70 against a world total of 50; the EU is a group,
    // Türkiye's figure is in yuan only.
    let csv = "indicator,reporter,partner,period,value,unit,source,note\n\
        trade,KAZ,WLD,2023,50,USD_BN,s,\ntrade,KAZ,CHN,2023,40,USD_BN,s,\n\
        trade,KAZ,RUS,2023,30,USD_BN,s,\ntrade,KAZ,EU,2023,9,USD_BN,s,\n\
        trade,KAZ,TUR,2023,70,CNY_BN,s,\n";
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    builder
        .add_native("disagree.csv", csv.as_bytes(), false)
        .unwrap();
    let mut app = App::new(builder.build(), "disagree.csv".to_string());
    app.tab = Tab::Partners;
    app.update(Action::OpenPicker);
    app.update(Action::Confirm);
    insta::assert_snapshot!("partners_disagree_80x24", draw(&app, 80, 24));
}

#[test]
fn a_row_with_a_growth_finding_is_marked_and_explained() {
    let mut app = app();
    app.tab = Tab::Bilateral;
    // 2021: total growth published +35.8%, computed +36.3%.
    for _ in 0..4 {
        app.update(Action::Down);
    }
    let screen = draw(&app, 120, 40);
    insta::assert_snapshot!("bilateral_finding_120x40", screen);
}

#[test]
fn the_jump_prompt_and_the_row_it_moved_to() {
    let mut app = app();
    app.tab = Tab::Bilateral;
    app.update(Action::OpenJump);
    for c in "2023-Q3".chars() {
        app.update(Action::Type(c));
    }
    insta::assert_snapshot!("jump_prompt_80x24", draw(&app, 80, 24));
    app.update(Action::Confirm);
    insta::assert_snapshot!("jump_to_quarter_160x48", draw(&app, 160, 48));
}

/// The app on `tests/fixtures/native/mirror.csv`: China–Russia as both
/// sides report it (worked by hand in the fixtures' README).
fn mirror_app() -> App {
    crate::common::app_on("mirror.csv")
}

/// At 80 columns the partner's figures stand in the reporter's columns
/// only where it has none (marked ⇄), and the detail gives both sides and
/// the gaps; at 160 they have columns of their own, with the gaps.
#[test]
fn mirror_figures_beside_the_reporters_or_in_the_detail_as_the_width_allows() {
    let mut app = mirror_app();
    app.tab = Tab::Bilateral;
    // 2019: both sides report.
    for _ in 0..3 {
        app.update(Action::Down);
    }
    insta::assert_snapshot!("mirror_both_sides_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("mirror_both_sides_160x48", draw(&app, 160, 48));
    // 2018: Russia's figures alone.
    app.update(Action::End);
    insta::assert_snapshot!("mirror_partner_alone_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("mirror_partner_alone_160x48", draw(&app, 160, 48));
    // Russia–China, 2022: China's figures alone, Russia having stopped.
    app.update(Action::SwapPair);
    app.update(Action::Home);
    insta::assert_snapshot!("mirror_swapped_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("mirror_swapped_160x48", draw(&app, 160, 48));
}

/// China–Russia compared with the Union's trade with China (`+`): both
/// totals in the chart, named, and side by side in the table; in yuan,
/// where the Union has none, the title and legend say so.
#[test]
fn a_pair_compared_draws_both_totals_named() {
    let mut app = app();
    app.tab = Tab::Bilateral;
    app.update(Action::AddComparison);
    for c in "eur chi".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Confirm);
    insta::assert_snapshot!("compared_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("compared_160x48", draw(&app, 160, 48));
    app.update(Action::NextCurrency);
    insta::assert_snapshot!("compared_without_totals_80x24", draw(&app, 80, 24));
}

/// Mirror figures and a pair compared together: at 160 columns both have
/// their columns; at 80 the balance gives way to the compared total.
#[test]
fn mirror_figures_and_a_pair_compared_share_the_table() {
    let mut app = mirror_app();
    app.tab = Tab::Bilateral;
    app.update(Action::AddComparison);
    app.update(Action::Down);
    app.update(Action::Confirm);
    insta::assert_snapshot!("mirror_compared_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("mirror_compared_160x48", draw(&app, 160, 48));
}

/// Mirror figures and a comparison, drawn at every size of
/// `no_size_panics`, with the row of the partner's figures alone selected.
#[test]
fn mirror_and_comparison_at_any_size_do_not_panic() {
    let mut app = mirror_app();
    app.tab = Tab::Bilateral;
    app.update(Action::AddComparison);
    app.update(Action::Down);
    app.update(Action::Confirm);
    app.update(Action::End);
    for width in [
        1, 2, 3, 5, 10, 20, 40, 79, 80, 81, 100, 112, 113, 120, 124, 125, 160, 200,
    ] {
        for height in [1, 2, 3, 5, 10, 23, 24, 25, 48] {
            draw(&app, width, height);
        }
    }
}

#[test]
fn a_belt_and_road_row_with_a_growth_finding_is_marked_and_explained() {
    let mut app = app();
    app.tab = Tab::BeltAndRoad;
    app.update(Action::OpenJump);
    for c in "2022-01/2022-03".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Confirm);
    insta::assert_snapshot!("bri_finding_120x40", draw(&app, 120, 40));
}

/// Every cell's symbol, a line a row.
fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_partners_table_widens_its_names_with_the_terminal() {
    let mut csv = String::from("indicator,reporter,partner,period,value,unit,source,note\n");
    for (partner, earlier, value) in [
        ("WLD", 300, 320),
        ("ARE", 40, 50),
        ("BIH", 30, 25),
        ("COD", 20, 22),
        ("CHN", 90, 100),
    ] {
        for (year, figure) in [(2022, earlier), (2023, value)] {
            csv.push_str(&format!(
                "trade,RUS,{partner},{year},{figure},USD_BN,hand-made,\n"
            ));
        }
    }
    let mut builder = eurasia_dash::data::DatasetBuilder::new();
    builder
        .add_native("long_names.csv", csv.as_bytes(), false)
        .unwrap();
    let mut app = App::new(builder.build(), "long_names.csv".to_string());
    app.tab = Tab::Partners;
    app.update(Action::OpenPicker);
    for c in "rus".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Confirm);
    // 80 columns keep 16 for a name; wider, the longest names are whole.
    insta::assert_snapshot!("partners_long_names_80x24", draw(&app, 80, 24));
    insta::assert_snapshot!("partners_long_names_120x40", draw(&app, 120, 40));
    insta::assert_snapshot!("partners_long_names_200x60", draw(&app, 200, 60));
    // Sorted by change (the last column, `<`): the selection stays on China.
    app.update(Action::SortPreviousColumn);
    insta::assert_snapshot!("partners_long_names_by_change_120x40", draw(&app, 120, 40));
}
