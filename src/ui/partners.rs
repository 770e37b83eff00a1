//! The Partners tab for a reporter chosen with the picker: its partners
//! ranked by trade in a period, with the concentration of its trade (HHI) in
//! the title, and notes that say which figures were computed here.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::hits::TableHits;
use super::theme::Theme;
use super::{
    column_widths, format, panel, render_no_data, render_selectable, render_wrapped, wrapped_height,
};
use crate::app::App;
use crate::data::Currency;
use crate::data::model::{Naming, WORLD, counted, thousands};
use crate::view::partners::{COLUMNS, PartnerRow, PartnersView, Rest, TREND};

/// The partner's name column at its narrowest; it widens with the terminal
/// up to the longest name, leaving the trend its room.
const PARTNER_WIDTH: u16 = 16;
/// The figures' columns: value (room for "$245.1 bn*↻"), share, growth,
/// balance, change.
const FIGURE_WIDTHS: [u16; 5] = [11, 7, 8, 10, 10];
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws a reporter's partners; returns where the table is, when it has rows.
pub fn render(
    app: &App,
    view: &PartnersView,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<TableHits> {
    let reporter = view.reporter.shown(app.naming);
    let (Some(period), Some(currency)) = (view.selected_period(), view.currency) else {
        let block = panel(format!(" Partners of {reporter} "), theme);
        let what = format!("trade of {reporter} with its partners");
        render_no_data(frame, area, block, &what, theme);
        return None;
    };
    let position = format!("{period} ({}/{})", view.period + 1, view.periods.len());
    let width = usize::from(area.width.saturating_sub(4));
    let title = format::first_that_fits(titles(view, reporter, &position, currency.code()), width);
    let notes = notes(view, currency, theme);
    let note_height = wrapped_height(&notes, area.width);
    let [table_area, notes_area] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(note_height.min(area.height / 2)),
    ])
    .areas(area);
    let rank_width = view.rows.len().max(1).to_string().len() as u16;
    let name_width = partner_width(view, app.naming, table_area.width, rank_width);
    let mut widths = vec![
        Constraint::Length(rank_width),
        Constraint::Length(name_width),
    ];
    widths.extend(FIGURE_WIDTHS.map(Constraint::Length));
    widths.push(Constraint::Min(0));
    let trend_width = column_widths(table_area.width, &widths)[widths.len() - 1];
    let mut headers = vec!["#".to_string(), "Partner".to_string()];
    headers.extend(view.sort.headers(&COLUMNS));
    headers.push("Trend".into());
    let header = Row::new(headers).style(theme.title());
    let (_, world_in_doubt) = view.doubt();
    let mut rows: Vec<Row> = view
        .rows
        .iter()
        .map(|row| {
            partner_row(
                row,
                (app.naming, name_width),
                (trend_width, world_in_doubt),
                theme,
            )
        })
        .collect();
    if let Some((value, percent)) = view.other_partners() {
        // World minus the listed: in doubt with any figure it is made of.
        let (listed, world) = view.doubt();
        let doubt = format::doubt_mark(listed || world);
        rows.push(
            Row::new(vec![
                Cell::from(""),
                Cell::from("Other partners"),
                Cell::from(format!("{}*{doubt}", format::money(value, currency))),
                Cell::from(format!("{}*{doubt}", format::percent(percent))),
                Cell::from("–"),
                Cell::from("–"),
                Cell::from("–"),
                Cell::from(""),
            ])
            .style(theme.dim()),
        );
    }
    let selection = (app.tabs.partners.cursor.row, rows.len());
    let block = panel(format!(" {title} "), theme);
    let hits = render_selectable(
        frame,
        table_area,
        selection,
        theme,
        (block, &widths[..]),
        |shown| Table::default().rows(rows[shown].to_vec()).header(header),
    );
    render_wrapped(frame, notes_area, &notes);
    Some(hits)
}

/// The title, longest first: the HHI says what it is computed from.
fn titles(view: &PartnersView, reporter: &str, position: &str, currency: &str) -> Vec<String> {
    let start = format!("Partners of {reporter} · {position} · {currency}");
    let Some(hhi) = view.concentration else {
        let why = match view.rest {
            Some(Rest::Disagree { .. }) => "the figures disagree",
            _ => "shares unknown",
        };
        return vec![format!("{start} · no HHI: {why}"), start];
    };
    // Computed from shares of a figure in doubt, the HHI is in doubt too.
    let (listed, world) = view.doubt();
    let computed = view
        .rows
        .iter()
        .any(|r| r.share.is_some_and(|s| s.computed));
    let doubt = format::doubt_mark(computed && (listed || world));
    let points = format!("{}{doubt}", thousands(hhi.points.round() as u64));
    vec![
        format!(
            "{start} · HHI {points} ({}, {})",
            hhi.basis,
            counted(hhi.partners as u64, "partner")
        ),
        format!(
            "{reporter} · {position} · {currency} · HHI {points} ({}, {})",
            hhi.basis,
            counted(hhi.partners as u64, "partner")
        ),
        format!("{reporter} · {position} · HHI {points} ({})", hhi.basis),
    ]
}

fn partner_row(
    row: &PartnerRow,
    (naming, name_width): (Naming, u16),
    (trend_width, world_in_doubt): (usize, bool),
    theme: &Theme,
) -> Row<'static> {
    let share = row.share.map_or("–".to_string(), |s| {
        let mark = if s.computed { "*" } else { "" };
        // A share computed here is in doubt with its value or the world's.
        let doubt = format::doubt_mark(s.computed && (row.value.in_doubt || world_in_doubt));
        format!("{}{mark}{doubt}", format::percent(s.percent))
    });
    let growth = row.growth.as_ref().map_or(Cell::from("–"), |g| {
        Cell::from(format::growth(g)).style(theme.change(g.percent))
    });
    let currency = row.value.currency;
    let signed = |amount: Option<f64>| {
        amount.map_or(Cell::from("–"), |amount| {
            Cell::from(format::money(amount, currency)).style(theme.change(amount))
        })
    };
    // The trend only where all its periods fit: never a part of it.
    let trend = if trend_width >= row.trend.len() {
        trend_text(&row.trend)
    } else {
        String::new()
    };
    Row::new(vec![
        Cell::from(row.rank.to_string()).style(theme.dim()),
        Cell::from(format::cut(
            row.partner.shown(naming),
            usize::from(name_width),
        )),
        Cell::from(format::figure_cell(Some(&row.value))),
        Cell::from(share),
        growth,
        signed(row.balance),
        // A rise said with its sign, so it does not read as a level.
        row.change.map_or(Cell::from("–"), |change| {
            let sign = if change > 0.0 { "+" } else { "" };
            Cell::from(format!("{sign}{}", format::money(change, currency)))
                .style(theme.change(change))
        }),
        Cell::from(trend).style(theme.key()),
    ])
}

/// The name column's width: the longest name shown, at least
/// [`PARTNER_WIDTH`], and no wider than leaves the trend its periods.
fn partner_width(view: &PartnersView, naming: Naming, table_width: u16, rank_width: u16) -> u16 {
    let longest = view
        .rows
        .iter()
        .map(|row| row.partner.shown(naming).chars().count())
        .max()
        .unwrap_or(0)
        .max("Other partners".len());
    // Borders, the selection mark, and a space between each of the columns.
    let columns = FIGURE_WIDTHS.len() as u16 + 3;
    let fixed = rank_width + FIGURE_WIDTHS.iter().sum::<u16>() + columns + 4;
    let room = table_width.saturating_sub(fixed + TREND as u16);
    u16::try_from(longest)
        .unwrap_or(u16::MAX)
        .min(room)
        .max(PARTNER_WIDTH)
}

/// One bar a period, scaled to the row's largest; a gap where none is known
/// (the Products tab's trend too).
pub(super) fn trend_text(values: &[Option<f64>]) -> String {
    let top = values.iter().flatten().fold(0.0_f64, |a, &b| a.max(b));
    values
        .iter()
        .map(|value| match value {
            Some(v) if top > 0.0 && *v >= 0.0 => {
                let step = (v / top * (BARS.len() - 1) as f64).round() as usize;
                BARS[step.min(BARS.len() - 1)]
            }
            _ => ' ',
        })
        .collect()
}

/// What is computed here and what is not shown, said under the table.
fn notes(view: &PartnersView, currency: Currency, theme: &Theme) -> Vec<Line<'static>> {
    let note = |label: &str, text: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.dim()),
            Span::styled(text, theme.warning()),
        ])
    };
    let mut lines = vec![
        note(
            "*",
            format!(
                "computed here: a value as exports + imports, a share of the trade with the world ({WORLD}), the rest as {WORLD} minus the partners listed"
            ),
        ),
        note(
            "Change",
            "total trade less that of a year earlier; # its rank by value".into(),
        ),
        note(
            "Trend",
            format!("the last {TREND} periods of the kind, each row scaled to its largest"),
        ),
    ];
    match (view.world, view.rest) {
        (None, _) => lines.push(note(
            "No world total",
            format!(
                "no trade with {} in {}: unpublished shares are unknown, no remainder",
                WORLD.name(),
                currency.code()
            ),
        )),
        (Some(_), Some(Rest::Disagree { listed, world })) => lines.push(note(
            "The figures disagree",
            format!(
                "the partners listed add up to {}{}, more than the world total {}{}: no remainder shown",
                format::money(listed, currency),
                format::doubt_mark(view.doubt().0),
                format::money(world, currency),
                format::doubt_mark(view.doubt().1)
            ),
        )),
        _ => {}
    }
    // The world total's mark is on the remainder and the shares made of it.
    let (listed, world) = view.doubt();
    let other_in_doubt = view.other_currency.iter().any(|(_, total)| total.in_doubt);
    if listed || world || other_in_doubt {
        lines.push(format::doubt_line(theme));
    }
    if view.rows.iter().any(|row| row.value.revised) {
        lines.push(format::revised_line(theme));
    }
    if !view.groups.is_empty() {
        let groups: Vec<&str> = view.groups.iter().map(|g| g.name()).collect();
        lines.push(note(
            "Not ranked (groups overlap their members)",
            groups.join(", "),
        ));
    }
    if !view.one_way.is_empty() {
        let names: Vec<&str> = view.one_way.iter().map(|p| p.name()).collect();
        lines.push(note(
            "Not ranked (exports or imports only, no total)",
            names.join(", "),
        ));
    }
    // Partners whose figures are in another currency only: named with
    // their figure, never converted into the ranking's currency.
    for chunk in view
        .other_currency
        .chunk_by(|(_, a), (_, b)| a.currency == b.currency)
    {
        let other = chunk[0].1.currency;
        let named: Vec<String> = chunk
            .iter()
            .map(|(partner, total)| {
                format!(
                    "{} {}{}",
                    partner.name(),
                    format::money(total.amount, other),
                    format::doubt_mark(total.in_doubt)
                )
            })
            .collect();
        lines.push(note(
            &format!(
                "Not ranked (figures in {} only, never converted)",
                other.code()
            ),
            named.join(", "),
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_scales_to_its_largest_and_leaves_gaps() {
        assert_eq!(trend_text(&[Some(10.0), None, Some(80.0)]), "▂ █");
    }
}
