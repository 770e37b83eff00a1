//! Drawing: pure functions of the app state and the theme. Each tab has its
//! own module; the widgets they share are in [`widgets`], the status line in
//! [`status`].

mod bilateral;
mod bri;
mod eaeu;
mod findings;
pub mod format;
pub mod hits;
mod overlay;
mod overview;
mod partners;
mod picker;
mod products;
mod status;
pub mod theme;
mod widgets;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Tab};
use hits::{HitMap, TableHits};
use theme::Theme;
use widgets::{
    BarItem, Keep, aggregation, column_widths, detail_line, note_line, panel,
    render_fitted_sparkline, render_horizontal_bars, render_no_data, render_selectable,
    render_wrapped, wrapped_height,
};

/// The smallest terminal every tab is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draws the frame, and says where it drew what a click can reach.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) -> HitMap {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        render_too_small(frame, area);
        return HitMap::default();
    }
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    let tabs = render_header(app, theme, frame, header);
    let table = render_tab(app, theme, frame, body);
    status::render(app, theme, frame, status);
    match app.overlay {
        // Over the header and status line too, so every key fits at 80x24.
        Some(crate::app::Overlay::Help { scroll }) => {
            overlay::render_help(theme, scroll, frame, frame.area())
        }
        Some(crate::app::Overlay::Warnings { scroll }) => {
            overlay::render_warnings(app, theme, scroll, frame, body)
        }
        // Over everything as the help is: at 80x24 the most text fits.
        Some(crate::app::Overlay::Derivation { scroll }) => {
            overlay::render_derivation(app, theme, scroll, frame, frame.area())
        }
        None => {}
    }
    let picker = app
        .picker
        .as_ref()
        .map(|picker| picker::render(picker, theme, frame, body));
    HitMap {
        tabs,
        table,
        picker,
    }
}

/// The drawing's side of the tab registry (`app::tabs::registry`): which
/// function draws each tab.
macro_rules! tab_drawing {
    ($(
        $id:ident => $field:ident : $state:ty, $key:literal, $title:literal,
        [$name:literal $(, $alias:literal)*], $draw:path
    );+ $(;)?) => {
        /// Draws the tab shown into `area`; where its table's rows and
        /// columns are, for a click.
        fn render_tab(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Option<TableHits> {
            match app.tab {
                $(Tab::$id => $draw(app, theme, frame, area)),+
            }
        }
    };
}
crate::app::tabs::registry::tabs!(tab_drawing);

fn render_too_small(frame: &mut Frame, area: Rect) {
    let message = format!(
        "terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
        area.width, area.height
    );
    let height = area.height.min(3);
    let [centered] = Layout::vertical([Constraint::Length(height)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    frame.render_widget(
        Paragraph::new(message)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        centered,
    );
}

/// The header line; returns where each tab's number and title are.
fn render_header(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Vec<(Rect, Tab)> {
    // The program's name where the tabs leave it room.
    let titles: usize = Tab::ALL
        .iter()
        .map(|tab| tab.title().chars().count() + 4)
        .sum();
    let named = titles + " eurasia-dash ".len() <= usize::from(area.width);
    let mut spans = match named {
        true => vec![Span::styled(" eurasia-dash ", theme.title())],
        false => Vec::new(),
    };
    let mut tab_areas = Vec::new();
    for (number, &tab) in Tab::ALL.iter().enumerate() {
        let style = if tab == app.tab {
            theme.active_tab()
        } else {
            theme.base()
        };
        let x = spans.iter().map(Span::width).sum::<usize>();
        spans.push(Span::styled(format!(" {} ", number + 1), theme.key()));
        spans.push(Span::styled(tab.title(), style));
        let width = spans[spans.len() - 2..]
            .iter()
            .map(Span::width)
            .sum::<usize>();
        let title = Rect::new(
            area.x.saturating_add(u16::try_from(x).unwrap_or(u16::MAX)),
            area.y,
            u16::try_from(width).unwrap_or(u16::MAX),
            1,
        );
        tab_areas.push((title.intersection(area), tab));
        spans.push(Span::raw(" "));
    }
    let tabs_line = Line::from(spans);
    let [tabs, origin] = Layout::horizontal([
        Constraint::Length(tabs_line.width() as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(tabs_line, tabs);
    // The data's name, cut with … when it does not fit whole; with room for
    // less than a few letters, none (a right-aligned line would show its tail).
    let room = usize::from(origin.width).saturating_sub(2);
    if room >= 6 {
        let name = format::cut(&app.origin, room);
        frame.render_widget(
            Line::styled(format!("{name} "), theme.dim()).alignment(Alignment::Right),
            origin,
        );
    }
    tab_areas
}
