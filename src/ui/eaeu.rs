//! The Partners tab's default: the EAEU's partner shares for a period, and
//! the Union's own figures (another reporter's partners are in `partners`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::hits::TableHits;
use super::theme::Theme;
use super::{
    BarItem, Keep, column_widths, detail_line, format, note_line, panel, render_horizontal_bars,
    render_no_data, render_selectable, render_wrapped,
};
use crate::app::App;
use crate::view::eaeu::{EaeuView, UNION_COLUMNS, UnionRow};

/// The partner column of the shares table: long names are cut with "…".
const PARTNER_WIDTH: usize = 14;

/// Draws the tab; returns where its table is, when it has rows.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Option<TableHits> {
    if let Some(filter) = &app.tabs.partners.product {
        return super::products::render_partners(app, filter, theme, frame, area);
    }
    if let Some(partners) = &app.tabs.partners.reporter {
        return super::partners::render(app, partners, theme, frame, area);
    }
    let view = &app.tabs.partners.view;
    // Table rows (with the header and the remainder) and the notes, wrapped.
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let note_lines: usize = note_lines(view, theme)
        .iter()
        .map(|line| line.width().max(1).div_ceil(width))
        .sum();
    let table_lines = if view.shares.is_empty() {
        1
    } else {
        view.shares.len() + 2
    };
    let share_lines = u16::try_from(table_lines + note_lines).unwrap_or(u16::MAX);
    let shares_height = (share_lines + 2).clamp(5, 14);
    // The selected figure's notes in full where the union table can spare
    // the room (it keeps five lines).
    let detail = detail_lines(app, view, theme);
    let detail_needed: usize = detail
        .iter()
        .map(|line| line.width().max(1).div_ceil(width))
        .sum();
    let spare = area.height.saturating_sub(shares_height + 5);
    let detail_height =
        (u16::try_from(detail_needed).unwrap_or(u16::MAX) + 2).clamp(5, spare.max(5));
    let [shares, union, detail_area] = Layout::vertical([
        Constraint::Length(shares_height),
        Constraint::Min(5),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    render_shares(app, theme, view, frame, shares);
    let hits = render_union(app, theme, view, frame, union);
    let block = panel(" Selected figure ", theme);
    frame.render_widget(&block, detail_area);
    render_wrapped(frame, block.inner(detail_area), &detail);
    hits
}

/// The notes under the shares: those every share has, each share's
/// footnote, and why the Union's figures were not computed from members' flows.
fn note_lines(view: &EaeuView, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = Vec::new();
    if !view.common_notes.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("All shares: ", theme.dim()),
            Span::styled(view.common_notes.join("; "), theme.warning()),
        ]));
    }
    lines.extend(view.notes.iter().enumerate().map(|(n, (partner, note))| {
        Line::from(vec![
            Span::styled(format!("[{}] {partner}: ", n + 1), theme.dim()),
            Span::styled(note.clone(), theme.warning()),
        ])
    }));
    lines.extend(view.not_computed.iter().map(|reason| {
        Line::from(vec![
            Span::styled("Not computed: ", theme.dim()),
            Span::styled(reason.clone(), theme.warning()),
        ])
    }));
    lines
}

fn render_shares(app: &App, theme: &Theme, view: &EaeuView, frame: &mut Frame, area: Rect) {
    let Some(period) = view.period else {
        if view.not_computed.is_empty() {
            render_no_data(
                frame,
                area,
                panel(" Partner shares ", theme),
                "partner shares of EAEU trade (trade_share, reporter EAEU)",
                theme,
            );
            return;
        }
        let mut lines = vec![Line::styled(
            "no partner shares of EAEU trade (trade_share, reporter EAEU)",
            theme.dim(),
        )];
        lines.extend(note_lines(view, theme));
        // Wrapped, and cut with "…" where the panel ends.
        let block = panel(" Partner shares ", theme);
        frame.render_widget(&block, area);
        render_wrapped(frame, block.inner(area), &lines);
        return;
    };
    let what = if view.of_third_countries {
        "EAEU trade with third countries"
    } else {
        "EAEU foreign trade"
    };
    let title = format!(
        " Partner shares of {what} · {period} ({}/{}) ",
        app.tabs.partners.period + 1,
        app.tabs.partners.periods.len()
    );
    let block = panel(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let table_lines = u16::try_from(view.shares.len() + 2).unwrap_or(u16::MAX);
    let [top, notes] =
        Layout::vertical([Constraint::Length(table_lines), Constraint::Min(0)]).areas(inner);
    let [chart, table] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(2)]).areas(top);

    let mut bars: Vec<BarItem> = view
        .shares
        .iter()
        .map(|row| BarItem {
            label: row.partner.shown(app.naming).to_string(),
            value: format::percent(row.share),
            fraction: Some(row.share / 100.0),
        })
        .collect();
    bars.extend(view.rest_of_world.map(|rest| BarItem {
        label: "Other partners".to_string(),
        value: format::percent(rest),
        fraction: Some(rest / 100.0),
    }));
    render_horizontal_bars(frame, chart, &bars, Keep::First, theme);

    let header = Row::new(["Partner", "Share", "Value", "Change", "Note"]).style(theme.title());
    let rows = view.shares.iter().map(|row| {
        let note = row.note.map_or(String::new(), |n| format!("[{}]", n + 1));
        let change = row.change_pp.map_or(Cell::from("–"), |c| {
            Cell::from(format::points(c)).style(theme.change(c))
        });
        Row::new(vec![
            Cell::from(format::cut(row.partner.shown(app.naming), PARTNER_WIDTH)),
            Cell::from(format::percent(row.share)),
            Cell::from(format::figure_cell(row.value.as_ref())),
            change,
            Cell::from(note).style(theme.warning()),
        ])
    });
    let rest = view.rest_of_world.map(|rest| {
        Row::new(vec![
            Cell::from("Other partners"),
            Cell::from(format::percent(rest)),
            Cell::from("–"),
            Cell::from("–"),
            Cell::from("remainder"),
        ])
        .style(theme.dim())
    });
    frame.render_widget(
        Table::new(
            rows.chain(rest),
            [
                Constraint::Length(PARTNER_WIDTH as u16),
                Constraint::Length(6),
                // "$132.6 bn*": a computed value keeps its mark.
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Min(8),
            ],
        )
        .header(header),
        table,
    );
    // Notes in full: they say which shares are derived or unconfirmed.
    render_wrapped(frame, notes, &note_lines(view, theme));
}

fn render_union(
    app: &App,
    theme: &Theme,
    view: &EaeuView,
    frame: &mut Frame,
    area: Rect,
) -> Option<TableHits> {
    // The kind of period shown, and the key to another where there is one.
    let key = if view.union_kinds.len() > 1 {
        " (s)"
    } else {
        ""
    };
    let kind = view.union_kind.label();
    let titles = [
        format!("The Union's trade with third countries, mutual trade, investment · {kind}{key}"),
        format!("The Union's own trade and investment · {kind}{key}"),
    ];
    let room = usize::from(area.width.saturating_sub(4));
    let block = panel(
        format!(" {} ", format::first_that_fits(titles, room)),
        theme,
    );
    if view.union_rows.is_empty() {
        render_no_data(frame, area, block, "the Union's own trade figures", theme);
        return None;
    }
    let header = Row::new(view.union_sort.headers(&UNION_COLUMNS)).style(theme.title());
    let widths = [
        Constraint::Length(15),
        Constraint::Min(24),
        Constraint::Length(10),
        Constraint::Length(14),
    ];
    let label_width = column_widths(area.width, &widths)[1];
    let row_of = |row: &UnionRow| {
        let growth = row.growth.as_ref().map_or(Cell::from("–"), |g| {
            Cell::from(format::growth(g)).style(theme.change(g.percent))
        });
        Row::new(vec![
            Cell::from(row.period.to_string()),
            Cell::from(format::cut(&row.label, label_width)),
            Cell::from(format::figure_cell(row.figure.as_ref())),
            growth,
        ])
    };
    let selection = (app.tabs.partners.cursor.row, view.union_rows.len());
    let hits = render_selectable(frame, area, selection, theme, (block, &widths), |shown| {
        Table::default()
            .rows(view.union_rows[shown].iter().map(row_of))
            .header(header)
    });
    Some(hits)
}

/// The selected Union figure: its value, notes and source.
fn detail_lines(app: &App, view: &EaeuView, theme: &Theme) -> Vec<Line<'static>> {
    let Some(row) = view.union_rows.get(app.tabs.partners.cursor.row) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    if let Some(figure) = &row.figure {
        lines.push(Line::raw(format!(
            "{} {}: {}",
            row.period,
            row.label,
            format::figure_detail(figure)
        )));
    }
    // The note first: where the panel is short, what a figure is (rounded,
    // a lower bound, derived) matters more than who published it.
    let provenance = row.provenance(&app.data);
    lines.extend(note_line(provenance, theme));
    lines.push(detail_line("Source", provenance.source_text(), theme));
    lines
}
