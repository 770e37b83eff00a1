//! The Belt and Road tab: trade and investment bars, and the table of the
//! selected topic in both currencies.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::findings::{finding_line, marked_growth, marks};
use super::hits::TableHits;
use super::theme::Theme;
use super::{
    BarItem, Keep, column_widths, detail_line, format, note_line, panel, render_horizontal_bars,
    render_no_data, render_selectable, render_wrapped, wrapped_height,
};
use crate::app::App;
use crate::data::Currency;
use crate::view::bri::{Bars, BriView, COLUMNS, NoUsd, Row as ViewRow};
use crate::view::findings::{self, Finding};

/// Draws the tab; returns where its table is, when it has rows.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Option<TableHits> {
    let view = &app.tabs.bri.view;
    let row = view.table.row(app.tabs.bri.cursor.row);
    let detail_lines = row.map_or(Vec::new(), |row| {
        let row_findings = findings::of_period(&view.findings, row.period);
        detail_lines(theme, row, row_findings)
    });
    // As the bilateral tab's: three lines at least, more for a row with
    // more to say, up to a third of the height.
    let detail_height = (wrapped_height(&detail_lines, area.width.saturating_sub(2)) + 2)
        .clamp(5, (area.height / 3).max(5));
    let [charts, table, detail] = Layout::vertical([
        Constraint::Percentage(40),
        Constraint::Min(5),
        Constraint::Length(detail_height),
    ])
    .areas(area);
    let [trade, investment] = Layout::horizontal([Constraint::Fill(1); 2]).areas(charts);
    let kind = view.kind.label();
    render_bars(
        theme,
        frame,
        trade,
        &format!(" Trade, USD, {kind} "),
        &view.trade_bars,
        &format!("{kind} trade with Belt and Road countries in USD"),
    );
    render_bars(
        theme,
        frame,
        investment,
        &format!(" Investment, USD, {kind} "),
        &view.investment_bars,
        &format!("{kind} investment in Belt and Road countries in USD"),
    );
    let hits = render_table(app, theme, view, frame, table);
    let block = panel(" Selected period ", theme);
    let inner = block.inner(detail);
    frame.render_widget(block, detail);
    render_wrapped(frame, inner, &detail_lines);
    hits
}

/// Horizontal bars, one line each, latest at the bottom; a gap is labelled;
/// the oldest give way when not all fit, and a line says which.
fn render_bars(theme: &Theme, frame: &mut Frame, area: Rect, title: &str, bars: &Bars, what: &str) {
    let block = panel(title.to_string(), theme);
    if bars.is_empty() {
        render_no_data(frame, area, block, what, theme);
        return;
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let max = bars
        .iter()
        .filter_map(|bar| bar.usd.ok())
        .fold(0.0_f64, f64::max);
    let items: Vec<BarItem> = bars
        .iter()
        .map(|bar| BarItem {
            label: bar.period.to_string(),
            value: match bar.usd {
                Ok(usd) => format::money(usd, Currency::Usd),
                Err(NoUsd::YuanOnly) => "CNY only".to_string(),
                Err(NoUsd::NoLevel) => "no level".to_string(),
                Err(NoUsd::NoFigure) => "no figure".to_string(),
            },
            fraction: bar.usd.ok().map(|v| if max > 0.0 { v / max } else { 0.0 }),
        })
        .collect();
    render_horizontal_bars(frame, inner, &items, Keep::Last, theme);
}

fn render_table(
    app: &App,
    theme: &Theme,
    view: &BriView,
    frame: &mut Frame,
    area: Rect,
) -> Option<TableHits> {
    let other = match view.topic.other() {
        crate::view::bri::Topic::Trade => "trade",
        crate::view::bri::Topic::Investment => "investment",
    };
    let (topic, kind) = (view.topic.title(), view.kind.label());
    // The marks' note where the table has findings, shorter where it must.
    let titles = match view.findings.is_empty() {
        true => vec![format!(" {topic} · {kind} (m: {other}) ")],
        false => vec![
            format!(
                " {topic} · {kind} · {} (m: {other}) ",
                marks(&view.findings)
            ),
            format!(" {topic} · {kind} · ! = growth finding (w) "),
            format!(" {topic} · {kind} · ! (w) "),
        ],
    };
    let title = format::first_that_fits(titles, usize::from(area.width.saturating_sub(2)));
    let block = panel(title, theme);
    if view.table.is_empty() {
        let what = format!("{} ({})", view.topic.title(), view.kind.label());
        render_no_data(frame, area, block, &what, theme);
        return None;
    }
    let mut headers = view.sort.headers(&COLUMNS);
    headers.push("Note".to_string());
    let header = Row::new(headers).style(theme.title());
    let widths = [
        Constraint::Length(15),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(17),
        Constraint::Length(10),
        Constraint::Min(10),
    ];
    let note_width = column_widths(area.width, &widths)[5];
    let row_of = |row: &ViewRow| {
        let growth = row
            .growth
            .as_ref()
            .map_or(Cell::from("–"), |(g, currency)| {
                let text = // The currency a rate is measured in, so yuan and dollar growth never mix.
                format!("{} {}", format::growth(g), format::symbol(*currency));
                let finding = !findings::of_period(&view.findings, row.period).is_empty();
                let text = Line::styled(text, theme.change(g.percent));
                Cell::from(marked_growth(text, finding, theme))
            });
        let share = row.share.map_or("–".to_string(), |s| {
            format!(
                "{}{}",
                format::percent(s.percent),
                if s.computed { " calc" } else { "" }
            )
        });
        Row::new(vec![
            Cell::from(row.period.to_string()),
            Cell::from(format::figure_cell(row.usd.as_ref())),
            Cell::from(format::figure_cell(row.cny.as_ref())),
            growth,
            Cell::from(share),
            Cell::from(format::cut(&row.provenance.note_text(), note_width)).style(theme.warning()),
        ])
    };
    let selection = (app.tabs.bri.cursor.row, view.table.len());
    let hits = render_selectable(frame, area, selection, theme, (block, &widths), |shown| {
        Table::default()
            .rows(shown.filter_map(|index| view.table.row(index)).map(row_of))
            .header(header)
    });
    Some(hits)
}

/// The selected period in full, and the data-quality findings about it.
fn detail_lines(theme: &Theme, row: &ViewRow, row_findings: &[Finding]) -> Vec<Line<'static>> {
    let published: Vec<String> = [row.usd.as_ref(), row.cny.as_ref()]
        .into_iter()
        .flatten()
        .map(format::figure_detail)
        .collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}: ", row.period), theme.title()),
            Span::raw(if published.is_empty() {
                "no level published, growth or share only".to_string()
            } else {
                published.join(" · ")
            }),
        ]),
        detail_line("Source", row.provenance.source_text(), theme),
    ];
    if [&row.usd, &row.cny]
        .iter()
        .any(|f| f.as_ref().is_some_and(|f| f.revised))
    {
        lines.insert(1, format::revised_line(theme));
    }
    lines.extend(note_line(&row.provenance, theme));
    lines.extend(
        row_findings
            .iter()
            .map(|finding| finding_line(finding, theme)),
    );
    lines
}
