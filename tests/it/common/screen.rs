//! The dashboard drawn on ratatui's `TestBackend`, read back as text.

use eurasia_dash::app::App;
use eurasia_dash::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// The dashboard drawn at `width` x `height`, without colour.
pub fn drawn(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| {
            ui::render(app, &Theme { color: false }, frame);
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// Every row's symbols, a string a row.
pub fn rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}
