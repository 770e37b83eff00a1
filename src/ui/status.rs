//! The status line: the keys of the tab shown (those that fit), or what the
//! last key did, or the jump prompt, or a mark while a failed reload leaves
//! older figures shown; and the data's row and warning counts.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};

use super::format;
use super::theme::Theme;
use crate::app::keys;
use crate::app::{Action, App};
use crate::data::model::{counted, thousands};

/// Draws the status line in `area`.
pub(super) fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let stats = app.data.stats();
    let warnings = app.data.warning_count();
    let mut facts = vec![Span::styled(plural(stats.rows_read, "row"), theme.dim())];
    if stats.rows_skipped > 0 {
        facts.push(Span::styled(
            format!(" · {} skipped", thousands(stats.rows_skipped)),
            theme.warning(),
        ));
    }
    if stats.rows_not_used > 0 {
        facts.push(Span::styled(
            format!(" · {} not used", thousands(stats.rows_not_used)),
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
    } else if let Some(text) = &app.find {
        spans.push(Span::styled(format!(" find: {text}"), theme.key()));
        spans.push(Span::styled("▏", theme.key()));
    } else if let Some((message, _)) = &app.message {
        // A long one (a reload's error naming its file) ends in "…".
        let message = format::cut(message, room.saturating_sub(1));
        spans.push(Span::styled(format!(" {message}"), theme.warning()));
    } else if app.stale.is_some() || !app.unwatched.is_empty() {
        // Lasting, in place of the hints, once the message that said why is
        // over: the figures are older than the files until a reload
        // succeeds; a path whose folder is gone is not seen to change.
        let key = keys::label_for(Action::ToggleWarnings);
        let mut marks = Vec::new();
        if let Some(failed) = &app.stale {
            marks.push(format!(
                "stale: reload failed at {}, {key} for why",
                failed.at
            ));
        }
        if !app.unwatched.is_empty() {
            marks.push(format!("no longer watched: {}", app.unwatched.join(", ")));
        }
        let mark = format::cut(&marks.join("; "), room.saturating_sub(1));
        spans.push(Span::styled(format!(" {mark}"), theme.warning()));
    }
    let hints = if spans.is_empty() {
        keys::status_hints_now(app)
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

/// " 1 row", " 9,000,000 rows".
pub(super) fn plural(count: u64, noun: &str) -> String {
    format!(" {}", counted(count, noun))
}
