//! Overlays drawn over the tab: the key help, the warnings list and a
//! figure's derivation, and the box they and the pair picker are drawn in.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::panel;
use super::theme::Theme;
use crate::app::App;
use crate::app::keys::{HELP_LEGEND, KEYS, help_scroll_len};
use crate::view::derivation::Tone;

/// A centred box of at most the given size inside `area`.
pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The keys from line `scroll` on, as many as fit, and what does not fit
/// counted on the last line.
pub fn render_help(theme: &Theme, scroll: usize, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = KEYS
        .iter()
        .map(|binding| {
            Line::from(vec![
                Span::styled(format!("{:>16}  ", binding.label), theme.key()),
                Span::raw(binding.help),
            ])
        })
        .collect();
    let legend_lines = HELP_LEGEND.len();
    // A blank line before the legend where there is room for it.
    if lines.len() + legend_lines + 3 <= usize::from(area.height) {
        lines.push(Line::raw(""));
    }
    for legend in HELP_LEGEND {
        lines.push(Line::styled(legend, theme.dim()));
    }
    // Lines that do not fit are counted on the last line, never dropped
    // unsaid. As in the warnings list, each step of the scroll moves the
    // lines, up to the last key (where the app stops the scroll), so a step
    // back always shows.
    let room = usize::from(area.height.saturating_sub(2));
    if lines.len() > room && room > 1 {
        let shown = room - 1;
        let first = scroll.min(help_scroll_len() - 1);
        lines.drain(..first);
        let below = lines.len().saturating_sub(shown);
        lines.truncate(shown);
        let above = match first {
            0 => String::new(),
            n => format!("{n} above, "),
        };
        let more = match below {
            0 => format!("… {above}none below: k or ↑ scrolls back"),
            n => format!("… {above}{n} more lines: j or ↓ scrolls"),
        };
        lines.push(Line::styled(more, theme.dim()));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let box_area = centred(area, 78, height);
    frame.render_widget(Clear, box_area);
    frame.render_widget(
        Paragraph::new(lines).block(panel(" Keys (? or Esc to close) ", theme)),
        box_area,
    );
}

pub fn render_warnings(app: &App, theme: &Theme, scroll: usize, frame: &mut Frame, area: Rect) {
    let warnings = app.data.warnings();
    let box_area = centred(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, box_area);
    let stats = app.data.stats();
    let mut title = format!(" Warnings: {}", app.data.warning_count());
    for (count, what) in [
        (stats.rows_skipped, "skipped"),
        (stats.rows_not_used, "not used"),
    ] {
        if count > 0 {
            title.push_str(&format!(" ·{} {what}", super::status::plural(count, "row")));
        }
    }
    for (count, what) in [
        (app.failed_reloads.len(), "failed reload"),
        (app.revisions.len(), "revised figure"),
    ] {
        if count > 0 {
            let count = u64::try_from(count).unwrap_or(u64::MAX);
            title.push_str(&format!(" ·{}", super::status::plural(count, what)));
        }
    }
    title.push_str(" (j/k to scroll, w or Esc to close) ");
    // A failed reload first, whatever the scroll: it is about every figure.
    let stale = app.stale.as_ref().map(|failed| {
        Line::from(vec![
            Span::styled(format!("{:<13}", "stale"), theme.warning()),
            Span::raw(format!(
                "reload failed at {}, the figures shown are from the last load that succeeded: {}",
                failed.at, failed.reason
            )),
        ])
    });
    // The reloads that failed and the figures reloads revised, in full,
    // then the warnings.
    let entry = |label: &str, text: String| {
        Line::from(vec![
            Span::styled(format!("{label:<13}"), theme.warning()),
            Span::raw(text),
        ])
    };
    let failed = app
        .failed_reloads
        .iter()
        .map(|f| entry("reload error", format!("at {}: {}", f.at, f.reason)));
    let revised = app.revisions.iter().map(|r| entry("revised", r.describe()));
    let listed = warnings
        .iter()
        .map(|w| entry(w.kind.label(), w.message.clone()));
    let mut entries: Vec<Line> = failed.chain(revised).chain(listed).collect();
    let lines: Vec<Line> = if entries.is_empty() && stale.is_none() {
        vec![Line::styled(
            "No warnings: every row loaded and agrees with itself.",
            theme.dim(),
        )]
    } else {
        // No more than fit: an entry takes at least one line.
        entries.drain(..scroll.min(entries.len()));
        entries.truncate(usize::from(box_area.height));
        stale.into_iter().chain(entries).collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(panel(title, theme)),
        box_area,
    );
}

/// How the selected figure was made, from line `scroll` on, wrapped to the
/// box; what does not fit is counted on the last line, never dropped.
pub fn render_derivation(app: &App, theme: &Theme, scroll: usize, frame: &mut Frame, area: Rect) {
    let Some(derivation) = &app.derivation else {
        return;
    };
    let width = area.width.min(120);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let room = usize::from(area.height.saturating_sub(2));
    let wrapped = |text: &str| super::format::wrap(text, inner_width, usize::MAX).0;
    // The last page is full: scrolled past its first line, it stays.
    let mut last_page = derivation.lines.len();
    let mut rows = 0;
    while let Some(at) = last_page.checked_sub(1) {
        rows += wrapped(&derivation.lines[at].text).len().max(1);
        if rows > room.saturating_sub(1) {
            break;
        }
        last_page = at;
    }
    let first = scroll.min(last_page);
    let (mut shown, mut listed) = (Vec::new(), 0);
    let rest = &derivation.lines[first..];
    for (at, line) in rest.iter().enumerate() {
        let ranges = wrapped(&line.text);
        // The last row is kept for the count of lines below, if any are.
        let last_room = match at + 1 == rest.len() {
            true => room,
            false => room.saturating_sub(1),
        };
        if shown.len() + ranges.len().max(1) > last_room && !shown.is_empty() {
            break;
        }
        let style = match line.tone {
            Tone::Heading => theme.title(),
            Tone::Plain => theme.base(),
            Tone::Dim => theme.dim(),
            Tone::Warning => theme.warning(),
        };
        if ranges.is_empty() {
            shown.push(Line::raw(""));
        }
        for range in ranges {
            shown.push(Line::styled(line.text[range].to_string(), style));
        }
        listed += 1;
    }
    let below = rest.len() - listed;
    if below > 0 {
        shown.push(Line::styled(
            format!(
                "…{} more: j or ↓ scrolls, PgDn by ten",
                super::status::plural(below as u64, "line")
            ),
            theme.dim(),
        ));
    } else if first > 0 {
        shown.push(Line::styled(
            format!(
                "…{} above: k or ↑ scrolls back",
                super::status::plural(first as u64, "line")
            ),
            theme.dim(),
        ));
    }
    let title = format!(
        " {} (j/k scroll · y copies the citation · Esc closes) ",
        derivation.title
    );
    // As high as its lines, at most the whole height.
    let height = u16::try_from(shown.len() + 2).unwrap_or(u16::MAX);
    let box_area = centred(area, width, height);
    frame.render_widget(Clear, box_area);
    frame.render_widget(Paragraph::new(shown).block(panel(title, theme)), box_area);
}
