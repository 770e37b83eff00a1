//! The picker (`/`): its filter, then the pairs (or, on the Partners tab,
//! the reporters) it matches, best first, each with its latest annual trade
//! in dollars.

use crate::data::model::thousands;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::format::{cut, money};
use super::hits::Lines;
use super::overlay::centred;
use super::panel;
use super::theme::Theme;
use crate::data::Currency;
use crate::view::picker::{Choice, Picker};

/// Draws the picker; returns where its lines of matches are.
pub fn render(picker: &Picker, theme: &Theme, frame: &mut Frame, area: Rect) -> Lines {
    // The filter line, a line a match (at least one, to say none does) and
    // the borders.
    let wanted = picker.matches.len().max(1) + 3;
    let box_area = centred(
        area,
        area.width.saturating_sub(4).min(76),
        area.height
            .saturating_sub(2)
            .min(u16::try_from(wanted).unwrap_or(u16::MAX)),
    );
    frame.render_widget(Clear, box_area);
    let what = if picker.lists_reporters() {
        "reporter"
    } else {
        "pair"
    };
    let (find, enter) = if picker.compares() {
        ("Compare with a", "compare")
    } else {
        ("Find a", "open")
    };
    let title = format!(
        " {find} {what} · {} of {} · Enter {enter} · Esc cancel ",
        thousands(picker.matches.len() as u64),
        thousands(picker.len() as u64)
    );
    let list_height = usize::from(box_area.height.saturating_sub(3));
    // The highlighted line stays in view: the list scrolls a page at a time.
    let first = picker.selected / list_height.max(1) * list_height.max(1);
    let mut filter = vec![
        Span::styled("/ ", theme.key()),
        Span::raw(picker.query.as_str()),
        Span::styled("▏", theme.key()),
    ];
    // Beside the filter: the first match is the pair the other way round
    // from the words typed, as the data has it that way only.
    if let Some(note) = &picker.note {
        let typed = picker.query.chars().count() + 5;
        let room = usize::from(box_area.width.saturating_sub(4)).saturating_sub(typed);
        filter.push(Span::styled(
            format!("  {}", cut(note, room)),
            theme.warning(),
        ));
    }
    let mut lines = vec![Line::from(filter)];
    if picker.matches.is_empty() {
        lines.push(Line::styled(format!("no {what} matches"), theme.dim()));
    }

    for (line, &index) in picker
        .matches
        .iter()
        .enumerate()
        .skip(first)
        .take(list_height)
    {
        let candidate = picker.candidate(index);
        // A reporter is ranked by its trade with the world.
        let (names, codes, total) = match candidate.choice {
            Choice::Pair(reporter, partner) => (
                format!("{} – {}", reporter.name(), partner.name()),
                format!("{reporter}–{partner}"),
                "",
            ),
            Choice::Reporter(reporter) => (
                reporter.name().to_string(),
                reporter.to_string(),
                " with WLD",
            ),
        };
        let latest = candidate.latest.map_or_else(
            || format!("no annual USD total{total}"),
            |(period, amount)| format!("{}{total} ({period})", money(amount, Currency::Usd)),
        );
        let selected = line == picker.selected;
        let style = if selected {
            theme.selected()
        } else {
            theme.base()
        };
        let codes = format!("  {codes}  {latest}");
        // The names give way, never the codes or the figure.
        let room =
            usize::from(box_area.width.saturating_sub(4)).saturating_sub(codes.chars().count());
        let names = cut(&names, room);
        lines.push(Line::from(vec![
            Span::styled(if selected { "▸ " } else { "  " }, style),
            Span::styled(names, style),
            Span::styled(codes, theme.dim()),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).block(panel(title, theme)), box_area);
    // Under the border and the filter line.
    let shown = picker.matches.len().saturating_sub(first).min(list_height);
    let list = Rect::new(
        box_area.x + 1,
        box_area.y + 2,
        box_area.width.saturating_sub(2),
        u16::try_from(shown).unwrap_or(u16::MAX),
    );
    Lines {
        area: list.intersection(box_area),
        first,
    }
}
