//! The widgets the tabs share: panels, the scrolling table, sparklines,
//! wrapped text, detail lines and horizontal bar charts.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation,
    ScrollbarState, Sparkline, Table, TableState, Wrap,
};

use super::format;
use super::hits::{Lines, TableHits};
use super::theme::Theme;
use crate::data::model::thousands;
use crate::view::columns;

/// A bordered box with a title.
pub(super) fn panel<'a>(title: impl Into<Line<'a>>, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(title.into().style(theme.title()))
}

/// The marker of the selected row, and the columns it takes.
pub(super) const ROW_MARKER: &str = "▸ ";
pub(super) const ROW_MARKER_WIDTH: u16 = 2;

/// Draws a table of `len` rows with row `selected` highlighted, building only
/// the rows the area shows: a view may hold thousands, and a frame must stay
/// cheap. `table` makes the table of the rows in a range (under a one-line
/// header), drawn in `block` with columns of `widths`, whose title also says
/// where the selection is (`row 12/120`, as csvlens does); a scrollbar on
/// the right border shows it too when the rows do not all fit. Returns
/// where the header's columns and the rows are.
pub(super) fn render_selectable<'a>(
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
        _ => format!(
            " row {}/{} ",
            thousands(selected as u64 + 1),
            thousands(len as u64)
        ),
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
pub(super) fn column_spans(area: Rect, constraints: &[Constraint]) -> Vec<Range<u16>> {
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
pub(super) fn column_widths(width: u16, constraints: &[Constraint]) -> Vec<usize> {
    column_spans(Rect::new(0, 0, width, 1), constraints)
        .iter()
        .map(|span| usize::from(span.end - span.start))
        .collect()
}

/// "no data for …" in place of an empty box.
pub(super) fn render_no_data(
    frame: &mut Frame,
    area: Rect,
    block: Block<'_>,
    what: &str,
    theme: &Theme,
) {
    frame.render_widget(
        Paragraph::new(Line::styled(format!("no data for {what}"), theme.dim()))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

/// Draws `values` as a sparkline fitted to `area` (a gap as `·`); gives how
/// many values each column holds, for the caption.
pub(super) fn render_fitted_sparkline(
    frame: &mut Frame,
    area: Rect,
    values: &[Option<f64>],
    theme: &Theme,
) -> usize {
    let (bars, per_column) = sparkline_bars(values, (area.width, area.height));
    frame.render_widget(
        Sparkline::default()
            .data(bars)
            // The heights are thousandths of the whole: a lone figure's
            // half stays a half.
            .max(1000)
            .style(theme.bar())
            .absent_value_symbol("·")
            .absent_value_style(theme.dim()),
        area,
    );
    per_column
}

/// Scales amounts to sparkline heights for a chart `width` columns wide: the
/// whole series, each column the mean of as many points as it takes to fit
/// (see [`columns::fit`]), and the number of points a column holds; a lone
/// figure at half the height. A column with no known point stays a gap; a
/// positive one is at least the lowest eighth of a row of the `rows` drawn,
/// so it never looks like zero. Negative
/// values (which sparklines cannot draw) are drawn as zero. Computed in the
/// frame because it depends on the size: one pass over the points and one
/// vector of at most `width`.
pub(super) fn sparkline_bars(
    values: &[Option<f64>],
    (width, rows): (u16, u16),
) -> (Vec<Option<u64>>, usize) {
    let width = usize::from(width).max(1);
    let lowest = 1000_u64.div_ceil(8 * u64::from(rows.max(1)));
    let fitted = columns::fit(values, width);
    let repeat = (width / fitted.values.len().max(1)).clamp(1, 4);
    let max = fitted
        .values
        .iter()
        .flatten()
        .fold(0.0_f64, |m, v| m.max(*v));
    // One figure has nothing to be drawn against but zero: at half the
    // height, not as a full bar that looks like the most there could be.
    let known = fitted.values.iter().flatten().count();
    let max = if known == 1 { 2.0 * max } else { max };
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
pub(super) fn aggregation(per_column: usize) -> Option<String> {
    (per_column > 1).then(|| format!("mean of {per_column}"))
}

/// The rows `lines` take word-wrapped to `width`, as [`render_wrapped`]
/// draws them.
pub(super) fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
    let rows = format::wrap(&text.join("\n"), usize::from(width), usize::MAX)
        .0
        .len();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// `lines` word-wrapped into `area` with their styles, as a wrapping
/// `Paragraph` draws them, but ending in "…" when they do not all fit.
pub(super) fn render_wrapped(frame: &mut Frame, area: Rect, lines: &[Line<'_>]) {
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
pub(super) fn note_line<'a>(
    provenance: &crate::view::Provenance,
    theme: &Theme,
) -> Option<Line<'a>> {
    let note = provenance.note_text();
    (!note.is_empty()).then(|| {
        Line::from(vec![
            Span::styled("Note: ", theme.dim()),
            Span::styled(note, theme.warning()),
        ])
    })
}

/// A one-line key–value detail: "Source: GACC …".
pub(super) fn detail_line<'a>(label: &'a str, text: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.dim()),
        Span::styled(text, Style::default()),
    ])
}

/// One bar of a horizontal bar chart: its label, its value as text, and its
/// length as a fraction of the longest (`None` for a gap).
pub(super) struct BarItem {
    pub(super) label: String,
    pub(super) value: String,
    pub(super) fraction: Option<f64>,
}

/// Which bars a chart draws when not all fit: the first (the largest of a
/// ranking) or the last (the latest of a series).
#[derive(Clone, Copy)]
pub(super) enum Keep {
    First,
    Last,
}

/// Horizontal bars in `area`, one line at least each. When they do not all
/// fit, a line says how many and which are not drawn ("… 2 more: 2013 to
/// 2014"), beside the end they are missing from; none is dropped silently.
pub(super) fn render_horizontal_bars(
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
pub(super) fn horizontal_bars(items: &[BarItem], height: u16, theme: &Theme) -> BarChart<'static> {
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
