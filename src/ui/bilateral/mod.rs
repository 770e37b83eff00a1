//! The bilateral trade tab: the chart (annual, or rolling 12 months), monthly
//! and year-to-date (or rolling 12-month) sparklines,
//! the table of periods (with the partner's mirror figures, see [`mirror`])
//! and the selected period in full ([`detail`]).

mod chart;
mod columns;
mod compare;
mod detail;
pub(super) mod mirror;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Row, Table};

use super::findings::{marked_growth, marks};
use super::hits::TableHits;
use super::theme::Theme;
use super::{
    aggregation, format, panel, render_fitted_sparkline, render_no_data, render_selectable,
    render_wrapped, wrapped_height,
};
use crate::app::App;
use crate::data::{Currency, Indicator, Period};
use crate::view::bilateral::{BilateralView, COLUMNS, Row as ViewRow};
use crate::view::findings;
use columns::Columns;

/// Draws the tab; returns where its table is, when it has rows.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Option<TableHits> {
    let Some(view) = &app.tabs.bilateral.view else {
        render_no_data(
            frame,
            area,
            panel(" Bilateral trade ", theme),
            "bilateral trade: the data has no exports, imports or trade figures",
            theme,
        );
        return None;
    };
    let row = view.table.row(app.tabs.bilateral.cursor.row);
    let row_findings = row.map_or(&[][..], |r| findings::of_period(&view.findings, r.period));
    let detail_lines = row.map_or(Vec::new(), |row| {
        detail::detail_lines(theme, (view, row, area.width), row_findings)
    });
    // Three lines at least, so the layout stays put between most rows; more
    // for a row with more to say, up to a third of the height.
    let detail_height = (wrapped_height(&detail_lines, area.width.saturating_sub(2)) + 2)
        .clamp(5, (area.height / 3).max(5));
    let [top, table, detail] = Layout::vertical([
        Constraint::Percentage(38),
        Constraint::Min(5),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    let [chart, sparklines] =
        Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(top);
    let [monthly, sums] = Layout::vertical([Constraint::Fill(1); 2]).areas(sparklines);

    chart::render_annual_chart(app, theme, view, frame, chart);
    let currency = view.selection.currency;
    let pair = view.pair_label(app.naming);
    // Totals go unnamed, as in the table; a lone flow is named.
    let flow = match view.sparkline_flow {
        Indicator::Trade => String::new(),
        other => format!(" {}", other.label()),
    };
    render_sparkline(
        theme,
        SparkPanel {
            title: &format!("Monthly{flow}"),
            values: &view.monthly,
            span: view.monthly_span,
            what: format!("monthly {pair} trade"),
        },
        currency,
        frame,
        monthly,
    );
    let sums_label = view.sums_kind.label();
    render_sparkline(
        theme,
        SparkPanel {
            title: &format!("{}{flow}", capitalised(sums_label)),
            values: &view.sums,
            span: view.sums_span,
            what: format!("{sums_label} {pair} trade"),
        },
        currency,
        frame,
        sums,
    );
    let hits = render_table(app, theme, view, frame, table);
    let block = panel(" Selected period ", theme);
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    render_wrapped(frame, inner, &detail_lines);
    hits
}

/// A sparkline panel: its title, the values, their first and last period.
struct SparkPanel<'a> {
    title: &'a str,
    values: &'a [Option<f64>],
    span: Option<(Period, Period)>,
    /// What is missing, for "no data for …".
    what: String,
}

fn render_sparkline(
    theme: &Theme,
    panel_data: SparkPanel<'_>,
    currency: Currency,
    frame: &mut Frame,
    area: Rect,
) {
    let SparkPanel {
        title,
        values,
        span,
        what,
    } = panel_data;
    let Some((first, last)) = span else {
        render_no_data(
            frame,
            area,
            panel(format!(" {title} "), theme),
            &what,
            theme,
        );
        return;
    };
    let latest = values.iter().rev().flatten().next().copied();
    let latest = latest.map_or("–".to_string(), |v| format::money(v, currency));
    // Shortened to fit rather than cut, so no figure loses its last digits.
    let title = format::first_that_fits(
        [
            format!(" {title} · latest {latest} "),
            format!(" {title} · {latest} "),
            format!(" {title} "),
        ],
        usize::from(area.width.saturating_sub(2)),
    );
    let block = panel(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [chart, caption] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let per_column = render_fitted_sparkline(frame, chart, values, theme);
    let mean = aggregation(per_column).map_or(String::new(), |text| format!(", {text}"));
    let caption_text = format::first_that_fits(
        [
            format!("{first} to {last}{mean}"),
            format!("to {last}{mean}"),
        ],
        usize::from(caption.width),
    );
    frame.render_widget(Line::styled(caption_text, theme.dim()), caption);
}

fn render_table(
    app: &App,
    theme: &Theme,
    view: &BilateralView,
    frame: &mut Frame,
    area: Rect,
) -> Option<TableHits> {
    let marks = marks(&view.findings);
    let title = format!(
        " {} figures, {} · {marks} ",
        capitalised(view.selection.kind.label()),
        view.selection.currency.code()
    );
    // A pair compared without totals of this kind and currency says so,
    // rather than showing a column of gaps.
    let title = match view.comparison.filter(|c| !c.has_totals) {
        Some(comparison) => {
            let currency = view.selection.currency.code();
            let (names, (reporter, partner)) = (comparison.label(), comparison.pair);
            format::first_that_fits(
                [
                    format!("{title}· {names}: none in {currency} "),
                    format!("{title}· {reporter}–{partner}: none in {currency} "),
                    format!("{title}· {reporter}–{partner}: none "),
                    title.clone(),
                ],
                usize::from(area.width.saturating_sub(2)),
            )
        }
        None => title,
    };
    let block = panel(title, theme);
    if view.table.is_empty() {
        let what = format!(
            "{} {} trade in {}",
            view.selection.kind.label(),
            view.pair_label(app.naming),
            view.selection.currency.code()
        );
        render_no_data(frame, area, block, &what, theme);
        return None;
    }
    let columns = Columns::of(view, area.width);
    let selection = (app.tabs.bilateral.cursor.row, view.table.len());
    // Beside the " row 12/120 " on the bottom border.
    let room = usize::from(area.width).saturating_sub(2 + 8 + 2 * digits(view.table.len()));
    let block = match columns.mirror_caption(view, room) {
        Some(caption) => block.title_bottom(Line::styled(caption, theme.dim())),
        None => block,
    };
    let header = columns.headers(view, view.sort.headers(&COLUMNS));
    let header = Row::new(header).style(theme.title());
    let widths = columns.constraints();
    let hits = render_selectable(frame, area, selection, theme, (block, &widths), |shown| {
        let rows = shown.filter_map(|index| view.table.row(index)).map(|row| {
            let finding = !findings::of_period(&view.findings, row.period).is_empty();
            let own = table_cells(row, view.selection.currency, finding, theme);
            Row::new(columns.cells(own, row, theme))
        });
        Table::default().rows(rows).header(header)
    });
    Some(hits)
}

/// The digits of a count: 3 for 120.
fn digits(count: usize) -> usize {
    count.to_string().len()
}

/// The cells of the reporter's columns ([`COLUMNS`]) of a row; `finding`
/// marks its growth with `!`.
fn table_cells<'a>(
    row: &ViewRow,
    currency: Currency,
    finding: bool,
    theme: &Theme,
) -> Vec<Cell<'a>> {
    let balance = row
        .balance
        .map_or("–".to_string(), |b| format::money(b, currency));
    let growth = match &row.growth {
        None => Line::from("–"),
        Some(g) => Line::styled(format::growth(g), theme.change(g.percent)),
    };
    let growth = marked_growth(growth, finding, theme);
    if row.has_no_figure() {
        return vec![
            Cell::from(row.period.to_string()),
            Cell::from(Line::styled("no figure", theme.dim())),
        ];
    }
    vec![
        Cell::from(row.period.to_string()),
        Cell::from(mirror::shown_cell(row, Indicator::Exports)).style(theme.exports()),
        Cell::from(mirror::shown_cell(row, Indicator::Imports)).style(theme.imports()),
        Cell::from(mirror::shown_cell(row, Indicator::Trade)).style(theme.total()),
        Cell::from(balance),
        Cell::from(growth),
    ]
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
