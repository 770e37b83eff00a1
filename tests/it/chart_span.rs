//! Charts follow what is selected (issue 21, item 3): after `2 s s` the
//! bilateral chart draws the monthly figures, titled so, with round ticks
//! in the unit and as many month labels as fit.

use crossterm::event::KeyCode;
use eurasia_dash::data::SpanKind;
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::keys::{app, press};

fn draw(app: &eurasia_dash::app::App, width: u16, height: u16) -> TestBackend {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| _ = ui::render(app, &Theme { color: false }, frame))
        .unwrap();
    terminal.backend().clone()
}

#[test]
fn two_s_s_draws_the_monthly_chart_with_round_ticks() {
    let mut app = app();
    press(
        &mut app,
        &[KeyCode::Char('2'), KeyCode::Char('s'), KeyCode::Char('s')],
    );
    let view = app.tabs.bilateral.view.as_ref().unwrap();
    assert_eq!(view.selection.kind, SpanKind::Monthly);
    assert_eq!(view.chart.kind, SpanKind::Monthly);
    // Every month from the first to the last, a missing one a gap.
    assert_eq!(view.chart.periods.len(), 51);
    assert_eq!(view.chart.periods[0].to_string(), "2021-04");
    assert_eq!(view.chart.total.iter().filter(|v| v.is_some()).count(), 12);
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let screen = draw(&app, width, height);
        let text = format!("{screen:?}");
        assert!(text.contains("China–Russia · monthly, USD"), "{text}");
        assert!(text.contains("│$0 ") && text.contains("│$25 bn│"), "{text}");
        assert!(text.contains("2021-04"), "{text}");
        insta::assert_snapshot!(format!("monthly_chart_{width}x{height}"), screen);
    }
}
