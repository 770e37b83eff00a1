//! The overview tab: a card per headline figure, and the milestones.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Wrap};

use super::theme::Theme;
use super::{aggregation, format, panel, render_no_data, sparkline_bars};
use crate::app::App;
use crate::view::overview::Card;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [cards, milestones] =
        Layout::vertical([Constraint::Min(12), Constraint::Length(7)]).areas(area);
    let [top, bottom] = Layout::vertical([Constraint::Fill(1); 2]).areas(cards);
    let slots: Vec<Rect> = [top, bottom]
        .into_iter()
        .flat_map(|row| {
            Layout::horizontal([Constraint::Fill(1); 2])
                .split(row)
                .to_vec()
        })
        .collect();
    for (card, slot) in app.overview.cards.iter().zip(slots) {
        render_card(theme, card, frame, slot);
    }
    render_milestones(app, theme, frame, milestones);
}

fn render_card(theme: &Theme, card: &Card, frame: &mut Frame, area: Rect) {
    let block = panel(format!(" {} ", card.title), theme);
    let Some(latest) = &card.latest else {
        render_no_data(frame, area, block, &card.subject, theme);
        return;
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [headline, chart, span, source] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);

    let mut spans = vec![
        Span::styled(
            format::money(latest.figure.amount, latest.figure.currency),
            theme.title(),
        ),
        Span::raw(format!("  {}", latest.period)),
    ];
    if latest.figure.published.is_none() {
        spans.push(Span::styled(" (exports + imports)", theme.dim()));
    } else if latest.figure.is_derived() {
        spans.push(Span::styled(" (computed)", theme.dim()));
    }
    if let Some(growth) = &latest.growth {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(
            format::growth(growth),
            theme.change(growth.percent),
        ));
    }
    frame.render_widget(Line::from(spans), headline);

    let (bars, per_column) = sparkline_bars(&card.history, (chart.width, chart.height));
    frame.render_widget(
        Sparkline::default()
            .data(bars)
            .style(theme.bar())
            .absent_value_symbol("·")
            .absent_value_style(theme.dim()),
        chart,
    );
    if let Some((first, last)) = card.history_span {
        let gaps = card.history.iter().filter(|v| v.is_none()).count();
        let gap_text = match gaps {
            0 => String::new(),
            1 => ", 1 gap (·)".to_string(),
            n => format!(", {n} gaps (·)"),
        };
        let figures = super::plural((card.history.len() - gaps) as u64, "figure");
        let mean = aggregation(per_column).map_or(String::new(), |text| format!(", {text}"));
        let caption = format::first_that_fits(
            [
                format!("{first} to {last},{figures}{gap_text}{mean}"),
                format!("{first} to {last}{gap_text}{mean}"),
                format!("{first} to {last}{mean}"),
            ],
            usize::from(span.width),
        );
        frame.render_widget(Line::styled(caption, theme.dim()), span);
    }
    let mut about = vec![Span::styled(latest.provenance.source_text(), theme.dim())];
    let note = latest.provenance.note_text();
    if !note.is_empty() {
        about.push(Span::styled(format!(" · {note}"), theme.warning()));
    }
    frame.render_widget(
        Paragraph::new(Line::from(about)).wrap(Wrap { trim: true }),
        source,
    );
}

fn render_milestones(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = app
        .events
        .iter()
        .map(|event| {
            Line::from(vec![
                Span::styled(format!("{}  ", event.date), theme.key()),
                Span::raw(event.event.as_str()),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(panel(" Milestones ", theme)),
        area,
    );
}
