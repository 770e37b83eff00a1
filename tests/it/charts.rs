//! Charts that tell the truth: a sparkline draws the whole span its caption
//! names (a 90% fall in 2020 stays visible at 80x24), and bars that do not
//! fit are named, never dropped silently.

use eurasia_dash::app::{Action, App, Tab};
use eurasia_dash::data::DatasetBuilder;
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// Monthly exports of one pair in the native format: $100 mn a month in
/// 2015–2019, then $10 mn a month in 2020–2024 (a 90% fall).
fn fall_csv() -> String {
    let mut csv = String::from("indicator,reporter,partner,period,value,unit,source,note\n");
    for year in 2015..=2024 {
        let value = if year < 2020 { 100 } else { 10 };
        for month in 1..=12 {
            csv.push_str(&format!(
                "exports,KAZ,CHN,{year}-{month:02},{value},USD_MN,TEST (generated),\n"
            ));
        }
    }
    csv
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::render(app, &Theme { color: false }, frame);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

fn line(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// Eighths of a row a sparkline cell draws; `None` for a gap (`·`).
fn eighths(symbol: &str) -> Option<u32> {
    if symbol == "·" {
        return None;
    }
    let levels = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    let level = levels.iter().position(|&l| l == symbol);
    Some(level.unwrap_or_else(|| panic!("not a sparkline cell: {symbol:?}")) as u32)
}

#[test]
fn a_ninety_percent_fall_is_drawn_at_80x24() {
    let mut builder = DatasetBuilder::new();
    builder
        .add_native("fall.csv", fall_csv().as_bytes(), false)
        .unwrap();
    let mut app = App::new(builder.build(), "fall.csv".to_string());
    app.update(Action::SelectTab(Tab::Bilateral));
    let buffer = draw(&app, 80, 24);
    let screen: Vec<String> = (0..24).map(|y| line(&buffer, y)).collect();
    let text = screen.join("\n");
    // The panel's title row, its left border, and its caption row.
    let (title_y, title) = screen
        .iter()
        .enumerate()
        .find(|(_, l)| l.contains("┌ Monthly exports"))
        .unwrap_or_else(|| panic!("no monthly sparkline:\n{text}"));
    let left = title.chars().position(|c| c == '┌').unwrap();
    let left = title.chars().skip(left + 1).position(|c| c == '┌').unwrap() + left + 1;
    let caption_y = (title_y..24)
        .find(|&y| screen[y].contains("2015-01 to 2024-12"))
        .unwrap_or_else(|| panic!("the caption names the whole span:\n{text}"));
    assert!(
        screen[caption_y].contains("mean of"),
        "the caption says how columns were made:\n{text}"
    );
    let rows = (title_y as u16 + 1)..(caption_y as u16);
    let columns: Vec<u32> = ((left as u16 + 1)..79)
        .map(|x| {
            rows.clone()
                .map(|y| eighths(buffer[(x, y)].symbol()).expect("no gap in this series"))
                .sum()
        })
        .take_while(|&height| height > 0)
        .collect();
    let full = 8 * rows.len() as u32;
    // The oldest column is 2015's, at full height; the newest, 2024's, low
    // but drawn; and at least the first and last fifths keep their halves.
    let fifth = columns.len() / 5;
    assert!(fifth > 0, "{columns:?}\n{text}");
    assert!(
        columns[..fifth].iter().all(|&h| h == full),
        "2015 onwards is drawn at full height: {columns:?}\n{text}"
    );
    assert!(
        columns[columns.len() - fifth..]
            .iter()
            .all(|&h| h > 0 && h * 4 <= full),
        "2020 onwards is drawn, visibly lower: {columns:?}\n{text}"
    );
}

/// The label of every bar of a view's bars, drawn or named as not drawn, in
/// each of the Belt and Road charts, for every span kind.
#[test]
fn belt_and_road_bars_are_all_drawn_or_named() {
    let mut app = App::new(
        eurasia_dash::data::Dataset::embedded(),
        "embedded".to_string(),
    );
    app.update(Action::SelectTab(Tab::BeltAndRoad));
    let mut any_not_drawn = false;
    for _ in 0..app.tabs.bri.view.kinds.len() {
        for (width, height) in [(80, 24), (120, 40)] {
            let buffer = draw(&app, width, height);
            // The charts' rows: from the header to the table's block.
            let chart_rows: Vec<String> = (2..height)
                .map(|y| line(&buffer, y))
                .take_while(|l| !l.starts_with('└'))
                .collect();
            let half = usize::from(width / 2);
            let view = &app.tabs.bri.view;
            for (bars, side) in [(&view.trade_bars, 0), (&view.investment_bars, half)] {
                let panel: Vec<String> = chart_rows
                    .iter()
                    .map(|l| l.chars().skip(side + 1).take(half - 2).collect())
                    .collect();
                let drawn: Vec<&String> = panel.iter().filter(|l| !l.starts_with('…')).collect();
                let missing = bars
                    .iter()
                    .filter(|bar| {
                        let label = format!("{} ", bar.period);
                        !drawn.iter().any(|l| l.starts_with(&label))
                    })
                    .count();
                let context = format!("{:?} at {width}x{height}:\n{}", view.kind, panel.join("\n"));
                if missing > 0 {
                    any_not_drawn = true;
                    let note = format!("… {missing} more");
                    assert!(
                        panel.iter().any(|l| l.starts_with(&note)),
                        "{missing} bars not drawn and not named: {context}"
                    );
                }
            }
        }
        app.update(Action::NextSpan);
    }
    assert!(
        any_not_drawn,
        "the embedded data has a chart that overflows"
    );
}
