//! The pair the dashboard opens on when the data has no China–Russia: the
//! largest by latest annual trade, said so (tests/fixtures/native/README.md,
//! `largest_pair.csv`).

use crate::common::run;
use eurasia_dash::app::App;
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURE: &str = "tests/fixtures/native/largest_pair.csv";
const WHY: &str = "largest pair in the data by latest annual trade";

#[test]
fn the_overview_opens_on_the_largest_pair_by_latest_annual_trade_and_says_so() {
    let (code, stdout, stderr) = run(&["--print", "overview", "--data", FIXTURE]);
    assert_eq!(code, 0, "{stderr}");
    let first = stdout.lines().nth(1).expect("a first card");
    // UZB–RUS: exports 35 + imports 25 = 60 bn in 2023, above KAZ–CHN's 40
    // (its 90 of 2022 is not its latest) and ARM–GEO's 5.
    assert_eq!(
        first,
        format!(
            "Uzbekistan–Russia trade,2023,60000000000,USD,derived,,,computed by eurasia-dash from hand-made,{WHY}"
        )
    );
}

#[test]
fn the_bilateral_print_opens_on_the_same_pair() {
    let (code, stdout, stderr) = run(&["--print", "bilateral", "--data", FIXTURE]);
    assert_eq!(code, 0, "{stderr}");
    let row = stdout.lines().nth(1).expect("a row");
    assert!(
        row.starts_with("UZB,RUS,2023,USD,35000000000,25000000000,60000000000,"),
        "{row}"
    );
}

#[test]
fn the_card_title_says_why_where_it_fits() {
    let data = eurasia_dash::data::build::load_files(&[FIXTURE], None, false).unwrap();
    let app = App::new(data, "largest_pair.csv".into());
    let draw = |width, height| {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| {
                ui::render(&app, &Theme { color: false }, frame);
            })
            .unwrap();
        format!("{:?}", terminal.backend())
    };
    let wide = draw(200, 60);
    assert!(
        wide.contains(&format!("Uzbekistan–Russia trade · {WHY}")),
        "{wide}"
    );
    // Too narrow for the reason: the title alone, never a cut reason.
    let narrow = draw(80, 24);
    assert!(narrow.contains(" Uzbekistan–Russia trade "), "{narrow}");
    assert!(!narrow.contains("largest pair"), "{narrow}");
}

#[test]
fn the_embedded_data_still_opens_on_china_russia_without_a_reason() {
    let (code, stdout, stderr) = run(&["--print", "overview"]);
    assert_eq!(code, 0, "{stderr}");
    let first = stdout.lines().nth(1).expect("a first card");
    assert!(first.starts_with("China–Russia trade,2025,"), "{first}");
    assert!(!first.contains("largest pair"), "{first}");
}
