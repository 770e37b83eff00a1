//! The overview tab: a card per headline figure, and the milestones.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::hits::TableHits;
use super::theme::Theme;
use super::{aggregation, format, panel, render_fitted_sparkline, render_no_data, render_wrapped};
use crate::app::App;
use crate::data::Growth;
use crate::view::Provenance;
use crate::view::overview::Card;

/// Draws the overview; it has no table a click reaches.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Option<TableHits> {
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
    for (card, slot) in app.tabs.overview.cards.iter().zip(slots) {
        render_card(theme, card, frame, slot);
    }
    render_milestones(app, theme, frame, milestones);
    None
}

fn render_card(theme: &Theme, card: &Card, frame: &mut Frame, area: Rect) {
    // Why the dashboard chose the pair, when it did, where it fits.
    let title = format!(" {} ", card.title);
    let title = match card.chosen {
        Some(why) => format::first_that_fits(
            [format!(" {} · {why} ", card.title), title],
            usize::from(area.width.saturating_sub(2)),
        ),
        None => title,
    };
    let block = panel(title, theme);
    let Some(latest) = &card.latest else {
        render_no_data(frame, area, block, &card.subject, theme);
        return;
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let in_doubt = latest.figure.in_doubt;
    let [headline, doubt, chart, span, source] = Layout::vertical([
        Constraint::Length(1),
        // Said before the chart gets its room: the headline may be wrong.
        Constraint::Length(u16::from(in_doubt)),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);

    let how = if latest.figure.published.is_none() {
        " (exports + imports)"
    } else if latest.figure.is_derived() {
        " (computed)"
    } else {
        ""
    };
    let line = |gap: &'static str, growth: Option<&Growth>| {
        let mut spans = vec![
            Span::styled(
                format::money(latest.figure.amount, latest.figure.currency),
                theme.title(),
            ),
            Span::styled(
                if in_doubt {
                    format!(" {}", format::DOUBT_MARK)
                } else {
                    String::new()
                },
                theme.warning(),
            ),
            Span::raw(format!("{gap}{}", latest.period)),
            Span::styled(how, theme.dim()),
        ];
        if let Some(growth) = growth {
            spans.push(Span::raw(gap));
            spans.push(Span::styled(
                format::growth(growth),
                theme.change(growth.percent),
            ));
        }
        Line::from(spans)
    };
    // Narrower spacing first; then the growth gives way whole (the tab's
    // table has it) rather than be cut to a misleading part.
    let growth = latest.growth.as_ref();
    let fitting = [line("  ", growth), line(" ", growth), line(" ", None)]
        .into_iter()
        .find(|line| line.width() <= usize::from(headline.width))
        .unwrap_or_else(|| line(" ", None));
    frame.render_widget(fitting, headline);
    if in_doubt {
        let hint = format::cut(&format::doubt_hint(), usize::from(doubt.width));
        frame.render_widget(Line::styled(hint, theme.warning()), doubt);
    }

    let per_column = render_fitted_sparkline(frame, chart, &card.history, theme);
    if let Some((first, last)) = card.history_span {
        let gaps = card.history.iter().filter(|v| v.is_none()).count();
        let gap_text = match gaps {
            0 => String::new(),
            1 => ", 1 gap (·)".to_string(),
            n => format!(", {n} gaps (·)"),
        };
        let figures = super::status::plural((card.history.len() - gaps) as u64, "figure");
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
    render_about(theme, &latest.provenance, frame, source);
}

/// The source, then the note in the warning style, wrapped to the lines
/// there are.
fn render_about(theme: &Theme, provenance: &Provenance, frame: &mut Frame, area: Rect) {
    let mut about = vec![Span::styled(provenance.source_text(), theme.dim())];
    let note = provenance.note_text();
    if !note.is_empty() {
        about.push(Span::styled(format!(" · {note}"), theme.warning()));
    }
    render_wrapped(frame, area, &[Line::from(about)]);
}

fn render_milestones(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let room = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = app
        .events
        .iter()
        .map(|event| {
            let date = format!("{}  ", event.date);
            let text = format::cut(&event.event, room.saturating_sub(date.chars().count()));
            Line::from(vec![Span::styled(date, theme.key()), Span::raw(text)])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(panel(" Milestones ", theme)),
        area,
    );
}
