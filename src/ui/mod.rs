//! Drawing: pure functions of the app state and the theme. Each tab has its own module.

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
pub mod theme;

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Direction, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation,
    ScrollbarState, Sparkline, Table, TableState, Wrap,
};

use crate::app::keys;
use crate::app::{Action, App, Tab};
use crate::view::columns;
use hits::{HitMap, Lines, TableHits};
use theme::Theme;

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
    let table = match app.tab {
        Tab::Overview => {
            overview::render(app, theme, frame, body);
            None
        }
        Tab::Bilateral => bilateral::render(app, theme, frame, body),
        Tab::Partners => eaeu::render(app, theme, frame, body),
        Tab::BeltAndRoad => bri::render(app, theme, frame, body),
    };
    render_status(app, theme, frame, status);
    match app.overlay {
        // Over the header and status line too, so every key fits at 80x24.
        Some(crate::app::Overlay::Help { scroll }) => {
            overlay::render_help(theme, scroll, frame, frame.area())
        }
        Some(crate::app::Overlay::Warnings { scroll }) => {
            overlay::render_warnings(app, theme, scroll, frame, body)
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
    let mut spans = vec![Span::styled(" eurasia-dash ", theme.title())];
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

fn render_status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let stats = app.data.stats();
    let warnings = app.data.warning_count();
    let mut facts = vec![Span::styled(plural(stats.rows_read, "row"), theme.dim())];
    if stats.rows_skipped > 0 {
        facts.push(Span::styled(
            format!(" · {} skipped", stats.rows_skipped),
            theme.warning(),
        ));
    }
    if stats.rows_not_used > 0 {
        facts.push(Span::styled(
            format!(" · {} not used", stats.rows_not_used),
            theme.dim(),
        ));
    }
    let warning_style = if warnings > 0 {
        theme.warning()
    } else {
        theme.dim()
    };
    facts.push(Span::styled(
        format!(" ·{} ", plural(warnings as u64, "warning")),
        warning_style,
    ));
    let warnings_key = keys::label_for(Action::ToggleWarnings);
    facts.push(Span::styled(format!("{warnings_key} "), theme.key()));
    let facts = Line::from(facts).alignment(Alignment::Right);
    // The facts keep their room; on a narrow terminal the last key hints give
    // way whole (`?` lists them all), never cut mid-word.
    let room = usize::from(area.width).saturating_sub(facts.width());
    let mut spans = Vec::new();
    let mut used = 0;
    // The jump prompt, or why the last key did nothing, in place of the hints.
    if let Some(text) = &app.jump {
        spans.push(Span::styled(format!(" :{text}"), theme.key()));
        spans.push(Span::styled("▏", theme.key()));
    } else if let Some((message, _)) = &app.message {
        // A long one (a reload's error naming its file) ends in "…".
        let message = format::cut(message, room.saturating_sub(1));
        spans.push(Span::styled(format!(" {message}"), theme.warning()));
    }
    let hints = if spans.is_empty() {
        keys::status_hints(app.tab)
    } else {
        Vec::new()
    };
    for hint in hints {
        let hint = [format!(" {}", hint.key), format!(" {}", hint.what)];
        used += hint.iter().map(|part| part.chars().count()).sum::<usize>();
        if used > room {
            break;
        }
        let [key, what] = hint;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(what));
    }
    let [keys, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(facts.width() as u16)])
            .areas(area);
    frame.render_widget(Line::from(spans), keys);
    frame.render_widget(facts, right);
}

/// A bordered box with a title.
fn panel<'a>(title: impl Into<Line<'a>>, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(title.into().style(theme.title()))
}

/// The marker of the selected row, and the columns it takes.
const ROW_MARKER: &str = "▸ ";
const ROW_MARKER_WIDTH: u16 = 2;

/// A tab's table with its cursor's row highlighted and marked.
/// Draws a table of `len` rows with row `selected` highlighted, building only
/// the rows the area shows: a view may hold thousands, and a frame must stay
/// cheap. `table` makes the table of the rows in a range (under a one-line
/// header), drawn in `block` with columns of `widths`, whose title also says
/// where the selection is (`row 12/120`, as csvlens does); a scrollbar on
/// the right border shows it too when the rows do not all fit. Returns
/// where the header's columns and the rows are.
fn render_selectable<'a>(
    frame: &mut Frame,
    area: Rect,
    (selected, len): (usize, usize),
    theme: &Theme,
    (block, widths): (Block<'a>, &[Constraint]),
    table: impl FnOnce(Range<usize>) -> Table<'a>,
) -> TableHits {
    let shown = usize::from(area.height.saturating_sub(3)).max(1);
    let start = (selected + 1)
        .saturating_sub(shown)
        .min(len.saturating_sub(shown));
    let end = (start + shown).min(len);
    // On the bottom border: the top one holds the table's title.
    let position = match len {
        0 => " no rows ".to_string(),
        _ => format!(" row {}/{len} ", selected + 1),
    };
    let block = block.title_bottom(Line::styled(position, theme.dim()).right_aligned());
    let table = table(start..end)
        .widths(widths.iter().copied())
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol(ROW_MARKER);
    let mut state = TableState::default().with_selected(Some(selected.saturating_sub(start)));
    frame.render_stateful_widget(table, area, &mut state);
    if len > shown {
        let mut position = ScrollbarState::new(len)
            .viewport_content_length(shown)
            .position(selected);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some("│"))
                .style(theme.dim()),
            area.inner(Margin::new(0, 1)),
            &mut position,
        );
    }
    let inner = area.inner(Margin::new(1, 1));
    let [header, rows] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length((end - start) as u16),
    ])
    .areas(inner);
    TableHits {
        header,
        columns: column_spans(area, widths),
        rows: Lines {
            area: rows,
            first: start,
        },
    }
}

/// Where ratatui puts the columns of a bordered table drawn in `area` with
/// the row marker of [`render_selectable`] (as its `Table` lays them out):
/// each column's first to last x.
fn column_spans(area: Rect, constraints: &[Constraint]) -> Vec<Range<u16>> {
    let inner = area.inner(Margin::new(1, 0));
    let [_, columns] =
        Layout::horizontal([Constraint::Length(ROW_MARKER_WIDTH), Constraint::Fill(0)])
            .areas(inner);
    Layout::horizontal(constraints.iter().copied())
        .flex(ratatui::layout::Flex::Start)
        .spacing(1)
        .split(columns)
        .iter()
        .map(|column| column.left()..column.right())
        .collect()
}

/// The widths of those columns in a table `width` wide, so that a cell's
/// text can be cut to fit with "…".
fn column_widths(width: u16, constraints: &[Constraint]) -> Vec<usize> {
    column_spans(Rect::new(0, 0, width, 1), constraints)
        .iter()
        .map(|span| usize::from(span.end - span.start))
        .collect()
}

/// "no data for …" in place of an empty box.
fn render_no_data(frame: &mut Frame, area: Rect, block: Block<'_>, what: &str, theme: &Theme) {
    frame.render_widget(
        Paragraph::new(Line::styled(format!("no data for {what}"), theme.dim()))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

/// Scales amounts to sparkline heights for a chart `width` columns wide: the
/// whole series, each column the mean of as many points as it takes to fit
/// (see [`columns::fit`]), and the number of points a column holds. A column
/// with no known point stays a gap; a positive one is at least the lowest
/// eighth of a row of the `rows` drawn, so it never looks like zero. Negative
/// values (which sparklines cannot draw) are drawn as zero. Computed in the
/// frame because it depends on the size: one pass over the points and one
/// vector of at most `width`.
/// Draws `values` as a sparkline fitted to `area` (a gap as `·`); gives how
/// many values each column holds, for the caption.
fn render_fitted_sparkline(
    frame: &mut Frame,
    area: Rect,
    values: &[Option<f64>],
    theme: &Theme,
) -> usize {
    let (bars, per_column) = sparkline_bars(values, (area.width, area.height));
    frame.render_widget(
        Sparkline::default()
            .data(bars)
            .style(theme.bar())
            .absent_value_symbol("·")
            .absent_value_style(theme.dim()),
        area,
    );
    per_column
}

fn sparkline_bars(values: &[Option<f64>], (width, rows): (u16, u16)) -> (Vec<Option<u64>>, usize) {
    let width = usize::from(width).max(1);
    let lowest = 1000_u64.div_ceil(8 * u64::from(rows.max(1)));
    let fitted = columns::fit(values, width);
    let repeat = (width / fitted.values.len().max(1)).clamp(1, 4);
    let max = fitted
        .values
        .iter()
        .flatten()
        .fold(0.0_f64, |m, v| m.max(*v));
    let height = |v: f64| {
        if max > 0.0 && v > 0.0 {
            ((v / max * 1000.0).round() as u64).max(lowest)
        } else {
            0
        }
    };
    let bars = fitted
        .values
        .iter()
        .map(|v| v.map(height))
        .flat_map(|bar| std::iter::repeat_n(bar, repeat))
        .collect();
    (bars, fitted.per_column)
}

/// How a sparkline's columns were made, for its caption: "mean of 4" when a
/// column holds several points, nothing when each is one.
fn aggregation(per_column: usize) -> Option<String> {
    (per_column > 1).then(|| format!("mean of {per_column}"))
}

/// `lines` word-wrapped into `area` with their styles, as a wrapping
/// `Paragraph` draws them, but ending in "…" when they do not all fit.
/// The rows `lines` take word-wrapped to `width`, as [`render_wrapped`]
/// draws them.
fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
    let rows = format::wrap(&text.join("\n"), usize::from(width), usize::MAX)
        .0
        .len();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

fn render_wrapped(frame: &mut Frame, area: Rect, lines: &[Line<'_>]) {
    // The lines as one text, and where each styled part of it ends.
    let mut text = String::new();
    let mut parts: Vec<(usize, Style)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        for span in &line.spans {
            text.push_str(&span.content);
            parts.push((text.len(), line.style.patch(span.style)));
        }
    }
    let (ranges, cut) = format::wrap(&text, usize::from(area.width), usize::from(area.height));
    let last = ranges.len().saturating_sub(1);
    let rows: Vec<Line> = ranges
        .into_iter()
        .enumerate()
        .map(|(index, range)| {
            let mut spans = Vec::new();
            let mut from = range.start;
            let mut style = Style::default();
            for &(end, part_style) in parts.iter().filter(|(end, _)| *end > range.start) {
                let to = end.min(range.end);
                if from < to {
                    spans.push(Span::styled(&text[from..to], part_style));
                    style = part_style;
                }
                from = to;
                if to == range.end {
                    break;
                }
            }
            if cut && index == last {
                spans.push(Span::styled("…", style));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), area);
}

/// "Note: …" in the warning style, when there is a note.
fn note_line<'a>(provenance: &crate::view::Provenance, theme: &Theme) -> Option<Line<'a>> {
    let note = provenance.note_text();
    (!note.is_empty()).then(|| {
        Line::from(vec![
            Span::styled("Note: ", theme.dim()),
            Span::styled(note, theme.warning()),
        ])
    })
}

/// A one-line key–value detail: "Source: GACC …".
fn detail_line<'a>(label: &'a str, text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.dim()),
        Span::styled(text, Style::default()),
    ])
}

/// " 1 row", " 225 rows".
fn plural(count: u64, noun: &str) -> String {
    let s = if count == 1 { "" } else { "s" };
    format!(" {count} {noun}{s}")
}

/// One bar of a horizontal bar chart: its label, its value as text, and its
/// length as a fraction of the longest (`None` for a gap).
struct BarItem {
    label: String,
    value: String,
    fraction: Option<f64>,
}

/// Which bars a chart draws when not all fit: the first (the largest of a
/// ranking) or the last (the latest of a series).
#[derive(Clone, Copy)]
enum Keep {
    First,
    Last,
}

/// Horizontal bars in `area`, one line at least each. When they do not all
/// fit, a line says how many and which are not drawn ("… 2 more: 2013 to
/// 2014"), beside the end they are missing from; none is dropped silently.
fn render_horizontal_bars(
    frame: &mut Frame,
    area: Rect,
    items: &[BarItem],
    keep: Keep,
    theme: &Theme,
) {
    let fit = usize::from(area.height);
    if items.len() <= fit {
        frame.render_widget(horizontal_bars(items, area.height, theme), area);
        return;
    }
    let shown = fit.saturating_sub(1);
    let [top, bottom] = match keep {
        Keep::Last => Layout::vertical([Constraint::Length(1), Constraint::Min(0)]),
        Keep::First => Layout::vertical([Constraint::Min(0), Constraint::Length(1)]),
    }
    .areas(area);
    let (hidden, drawn, note_area, bars_area) = match keep {
        Keep::Last => {
            let (hidden, drawn) = items.split_at(items.len() - shown);
            (hidden, drawn, top, bottom)
        }
        Keep::First => {
            let (drawn, hidden) = items.split_at(shown);
            (hidden, drawn, bottom, top)
        }
    };
    let count = hidden.len();
    let (first, last) = match hidden {
        [first, .., last] => (&first.label, &last.label),
        _ => (&hidden[0].label, &hidden[0].label),
    };
    // Where the names are long, the boundary alone still says which: every
    // one before (or after) it.
    let boundary = match keep {
        Keep::Last => format!("… {count} more, to {last}"),
        Keep::First => format!("… {count} more, from {first}"),
    };
    let note = format::first_that_fits(
        [
            format!("… {count} more: {first} to {last}"),
            boundary,
            format!("… {count} more"),
        ],
        usize::from(note_area.width),
    );
    frame.render_widget(Line::styled(note, theme.dim()), note_area);
    frame.render_widget(horizontal_bars(drawn, bars_area.height, theme), bars_area);
}

/// Horizontal bars, one line each, with label and value written before the bar
/// so that a short bar still shows its number.
fn horizontal_bars(items: &[BarItem], height: u16, theme: &Theme) -> BarChart<'static> {
    let label_width = items
        .iter()
        .map(|i| i.label.chars().count())
        .max()
        .unwrap_or(0);
    let value_width = items
        .iter()
        .map(|i| i.value.chars().count())
        .max()
        .unwrap_or(0);
    let bars: Vec<Bar> = items
        .iter()
        .map(|item| {
            let text = format!("{:<label_width$} {:>value_width$}", item.label, item.value);
            let (length, style) = match item.fraction {
                Some(f) => ((f.clamp(0.0, 1.0) * 1000.0).round() as u64, theme.bar()),
                None => (0, theme.dim()),
            };
            Bar::default()
                .value(length)
                .label(Line::from(text))
                .text_value(String::new())
                .style(style)
        })
        .collect();
    // Spread the bars over the height there is: a gap between them when they
    // fit with one, thicker bars when there is room for more.
    let count = u16::try_from(items.len()).unwrap_or(u16::MAX).max(1);
    let (bar_width, bar_gap) = if count.saturating_mul(2).saturating_sub(1) <= height {
        (((height + 1) / count).saturating_sub(1).clamp(1, 3), 1)
    } else {
        (1, 0)
    };
    BarChart::default()
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(bar_gap)
        .max(1000)
}
