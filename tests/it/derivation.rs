//! Every figure explains itself (issue 21, item 2): Enter opens the
//! selected figure's derivation — its digits, its inputs with file and
//! line, how it was made, its source, a citation `y` copies and the
//! `--print` command — scrolled with j/k and closed with Esc.

use crossterm::event::KeyCode;
use eurasia_dash::app::{App, Overlay, Tab};
use eurasia_dash::data::build::load_files;
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::keys::{app, press};

fn lines(app: &App) -> Vec<String> {
    let derivation = app.derivation.as_ref().expect("a derivation is open");
    derivation.lines.iter().map(|l| l.text.clone()).collect()
}

fn draw(app: &App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| _ = ui::render(app, &Theme { color: false }, frame))
        .unwrap();
    terminal.backend().clone()
}

#[test]
fn enter_on_a_bilateral_row_gives_its_inputs_with_file_and_line_and_y_copies_the_citation() {
    let mut app = app();
    // China–Russia, annual in dollars; 2024 is the second row.
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Char('j')]);
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.overlay, Some(Overlay::Derivation { scroll: 0 }));
    let text = lines(&app);
    assert_eq!(text[0], "China–Russia 2024: $244,810,000,000 USD");
    assert_eq!(text[1], "how: published as 244.81 USD_BN");
    assert!(
        text[2].starts_with(
            "input: total trade 2024: $244,810,000,000 USD — embedded: assets/eurasia-trade.csv:"
        ),
        "{}",
        text[2]
    );
    assert!(
        text.iter()
            .any(|l| l == "source: GACC, as reported by bne (TASS) and The Moscow Times"),
        "{text:#?}"
    );
    // Growth computed from 2023, the published rate beside it.
    assert!(
        text.iter()
            .any(|l| l.starts_with("growth on a year before: +2.0%, computed from 2023")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|l| l.starts_with("published growth: +1.9%")),
        "{text:#?}"
    );
    // Exports and imports follow, each from its line.
    assert!(
        text.iter()
            .any(|l| l.starts_with("China–Russia exports 2024: $115,490,000,000 USD"))
    );
    assert!(
        text.iter().any(|l| {
            l == "  eurasia-dash --print bilateral --pair CHN-RUS --period 2024 --currency usd"
        }),
        "{text:#?}"
    );
    let citation =
        "China–Russia 2024: $244.8 bn (GACC, as reported by bne (TASS) and The Moscow Times)";
    assert_eq!(app.derivation.as_ref().unwrap().citation, citation);
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(app.clipboard.as_deref(), Some(citation));
    // j scrolls, PgDn by ten (no further than the last line), k back.
    press(
        &mut app,
        &[KeyCode::Char('j'), KeyCode::Char('j'), KeyCode::Char('k')],
    );
    assert_eq!(app.overlay, Some(Overlay::Derivation { scroll: 1 }));
    press(
        &mut app,
        &[KeyCode::PageDown, KeyCode::PageDown, KeyCode::PageDown],
    );
    let Some(Overlay::Derivation { scroll }) = app.overlay else {
        panic!("still open")
    };
    assert_eq!(scroll, lines(&app).len() - 1);
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.overlay, None);
    assert_eq!(app.tab, Tab::Bilateral);
}

#[test]
fn enter_explains_a_figure_on_every_tab() {
    for tab in Tab::ALL {
        let mut app = app();
        app.tab = tab;
        press(&mut app, &[KeyCode::Enter]);
        assert!(
            matches!(app.overlay, Some(Overlay::Derivation { .. })),
            "{}: {:?}",
            tab.title(),
            app.message
        );
        let text = lines(&app);
        let source = text.iter().find_map(|l| l.strip_prefix("source: "));
        assert!(
            source.is_some_and(|s| !s.is_empty()),
            "{}: {text:#?}",
            tab.title()
        );
        assert!(
            text.iter()
                .any(|l| l.contains("embedded: assets/eurasia-trade.csv:")),
            "{}: {text:#?}",
            tab.title()
        );
        assert!(
            text.iter()
                .any(|l| l.trim_start().starts_with("eurasia-dash --print"))
        );
    }
}

/// A total made here as exports + imports names its inputs' source and
/// lines; the detail line under the table says the source too.
#[test]
fn a_computed_total_has_a_source_and_its_parts_lines() {
    let mut app = crate::common::app_on("mirror.csv");
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Enter]);
    let text = lines(&app);
    assert_eq!(text[0], "China–Russia 2022: $220,000,000,000 USD");
    assert_eq!(
        text[1],
        "how: computed by eurasia-dash, exports + imports (no published total)"
    );
    assert!(
        text[2].starts_with("  exports 2022: $100,000,000,000 USD — mirror.csv:"),
        "{text:#?}"
    );
    assert!(
        text[3].starts_with("  imports 2022: $120,000,000,000 USD — mirror.csv:"),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|l| l == "source: computed by eurasia-dash from China customs (hand-made)"),
        "{text:#?}"
    );
}

#[test]
fn the_overlay_at_three_sizes() {
    let mut app = app();
    press(
        &mut app,
        &[KeyCode::Char('2'), KeyCode::Char('j'), KeyCode::Enter],
    );
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        insta::assert_snapshot!(
            format!("derivation_bilateral_{width}x{height}"),
            draw(&app, width, height)
        );
    }
    // At 80x24 the end is reached by scrolling: nothing is cut.
    press(&mut app, &[KeyCode::End]);
    insta::assert_snapshot!("derivation_bilateral_80x24_end", draw(&app, 80, 24));
}

/// The Comtrade Plus download: Belt and Road's total is computed (the
/// exports and imports of 65 countries, summed, added), and Enter names
/// UN Comtrade and the lines of the file it came from.
#[test]
#[cfg_attr(realdata_absent, ignore = "../shared/realdata is absent")]
fn the_comtrade_plus_download_explains_its_computed_figures() {
    let dir = std::path::PathBuf::from(env!("EURASIA_REALDATA_DIR"));
    let file = dir.join("nik_TradeData_comtradeplus.csv");
    let data = load_files(&[&file], None, false).expect("the download loads");
    let mut app = App::new(data, "comtradeplus".into());
    let name = file.to_string_lossy().to_string();
    for tab in Tab::ALL {
        app.tab = tab;
        press(&mut app, &[KeyCode::Enter]);
        let text = lines(&app);
        let source = text.iter().find_map(|l| l.strip_prefix("source: "));
        assert!(
            source.is_some_and(|s| s.contains("UN Comtrade")),
            "{}: {text:#?}",
            tab.title()
        );
        let line = format!("{name}:");
        assert!(
            text.iter().any(|l| l.contains(&line)),
            "{}: {text:#?}",
            tab.title()
        );
        press(&mut app, &[KeyCode::Esc]);
    }
    app.tab = Tab::BeltAndRoad;
    press(&mut app, &[KeyCode::Enter]);
    let text = lines(&app);
    assert_eq!(
        text[0],
        "China–Belt and Road countries 2022: $2,086,931,143,521 USD"
    );
    assert!(
        text.iter().any(|l| l == "inputs: 65 figures, summed"),
        "{text:#?}"
    );
}
