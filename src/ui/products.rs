//! The Products tab: what a pair trades at one level of the HS, ranked, with
//! the path drilled in the title, the selected product's chart over time,
//! and notes on what the shares are of; and the Partners tab ranked for a
//! product (`b`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, Table};

use super::bilateral::mirror;
use super::hits::TableHits;
use super::theme::Theme;
use super::{
    BarItem, Keep, format, panel, render_horizontal_bars, render_no_data, render_selectable,
    render_wrapped, wrapped_height,
};
use crate::app::App;
use crate::app::tabs::ProductsTab;
use crate::app::tabs::products::shown::{COLUMNS, ShareOf, Shown, ShownRow, TREND};
use crate::app::tabs::products::{NO_PRODUCTS, ProductFilter};
use crate::data::Currency;
use crate::data::model::{Naming, counted, thousands};

/// The columns of figures: value, share, growth, change.
const FIGURE_WIDTHS: [u16; 4] = [10, 8, 8, 10];
/// The name column at its narrowest; it widens with the terminal.
const NAME_WIDTH: u16 = 12;

/// Draws the tab; returns where its table is, when it has rows.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) -> Option<TableHits> {
    let tab = &app.tabs.products;
    let width = usize::from(area.width.saturating_sub(4));
    let title = format::first_that_fits(titles(tab, app.naming), width);
    let block = panel(format!(" {title} "), theme);
    if !tab.any {
        render_no_data(
            frame,
            area,
            block,
            // "no data for products: BACI, UN Comtrade… carry them".
            &NO_PRODUCTS.replacen("no product rows in the data", "products", 1),
            theme,
        );
        return None;
    }
    let Some(shown) = tab.shown.as_ref().filter(|shown| !shown.is_empty()) else {
        let what = "the products of this pair and flow (i: exports / imports; a: with the world)";
        render_no_data(frame, area, block, what, theme);
        return None;
    };
    let columns = Columns::new(app, shown, area.width);
    let notes = notes(shown, &columns.hidden, theme);
    // Up to a third of the height, as the other tabs' detail; the rest is
    // in the derivation Enter opens.
    let note_height = wrapped_height(&notes, area.width).min(area.height / 3);
    let chart_height = (area.height / 4).clamp(5, 12);
    let [table_area, chart_area, notes_area] = Layout::vertical([
        Constraint::Min(6),
        Constraint::Length(chart_height),
        Constraint::Length(note_height),
    ])
    .areas(area);
    let hits = render_table(app, (shown, &columns), (theme, block), frame, table_area);
    render_chart(tab, shown, theme, frame, chart_area);
    render_wrapped(frame, notes_area, &notes);
    Some(hits)
}

/// The title, longest first: the pair, flow, period and the path drilled.
fn titles(tab: &ProductsTab, naming: Naming) -> Vec<String> {
    let Some(flow) = tab.flow() else {
        return vec!["Products · no pair in the data".into()];
    };
    // China → Russia for China's exports, China ← Russia for its imports.
    let arrow = match flow.indicator {
        crate::data::Indicator::Imports => "←",
        _ => "→",
    };
    let pair = |naming| {
        format!(
            "{} {arrow} {}",
            flow.reporter.shown(naming),
            flow.partner.shown(naming)
        )
    };
    let period = tab
        .period
        .map_or("no period".to_string(), |p| p.to_string());
    let named: Vec<String> = tab
        .path
        .iter()
        .map(|drill| format!("{} {}", drill.code, drill.name).trim().to_string())
        .collect();
    let codes: Vec<&str> = tab.path.iter().map(|drill| drill.code.as_str()).collect();
    let as_listed = tab
        .shown
        .as_ref()
        .is_some_and(|shown| shown.table.as_listed);
    let level = if as_listed {
        "listed products"
    } else {
        tab.level_name().many
    };
    let with = |pair: String, path: String| {
        let path = match path.is_empty() {
            true => level.to_string(),
            false => format!("{path} · {level}"),
        };
        format!("{pair} · {} · {period} · {path}", flow.indicator.code())
    };
    let titles = [
        with(pair(naming), named.join(" › ")),
        with(pair(Naming::Codes), named.join(" › ")),
        with(pair(Naming::Codes), codes.join(" › ")),
    ];
    // The revisions where the series changes them, while they fit (the
    // notes say so too).
    let revised = tab
        .revisions
        .iter()
        .flat_map(|revisions| titles.iter().map(move |t| format!("{t} · {revisions}")));
    revised.chain(titles.iter().cloned()).collect()
}

/// The columns beside the figures, shown where a row has their figure and
/// the width allows: most important first, the last giving way first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Extra {
    Mirror,
    Gap,
    Quantity,
}

impl Extra {
    fn header(self) -> &'static str {
        match self {
            Self::Mirror => "Mirror",
            Self::Gap => "Gap",
            Self::Quantity => "Quantity",
        }
    }

    fn width(self) -> u16 {
        match self {
            Self::Mirror => 10,
            Self::Gap => mirror::GAP_WIDTH,
            Self::Quantity => 12,
        }
    }
}

/// The widths of the table's columns at one width of the terminal.
struct Columns {
    rank: u16,
    code: u16,
    name: u16,
    trend: u16,
    /// The extra columns shown, and those with figures that do not fit.
    extras: Vec<Extra>,
    hidden: Vec<Extra>,
}

impl Columns {
    fn new(app: &App, shown: &Shown, width: u16) -> Self {
        let rank = shown.rows.len().max(1).to_string().len() as u16;
        let code = shown
            .rows
            .iter()
            .map(|row| row.code.chars().count())
            .max()
            .unwrap_or(4)
            .max(4) as u16;
        let trend = shown.history.len().clamp(5, TREND) as u16;
        // Borders, the selection mark, and a space between each of the columns.
        let fixed = rank
            + code
            + FIGURE_WIDTHS.iter().sum::<u16>()
            + trend
            + FIGURE_WIDTHS.len() as u16
            + 3
            + 4;
        // The mirror and its gap come and go together.
        let mut groups = Vec::new();
        if shown.rows.iter().any(|row| row.mirror.is_some()) {
            groups.push(vec![Extra::Mirror, Extra::Gap]);
        }
        if shown.rows.iter().any(|row| row.quantity.is_some()) {
            groups.push(vec![Extra::Quantity]);
        }
        let (mut extras, mut hidden) = (Vec::new(), Vec::new());
        let mut used = fixed + NAME_WIDTH;
        for group in groups {
            let needs: u16 = group.iter().map(|extra| extra.width() + 1).sum();
            match hidden.is_empty() && used + needs <= width {
                true => {
                    used += needs;
                    extras.extend(group);
                }
                false => hidden.extend(group),
            }
        }
        let longest = shown
            .rows
            .iter()
            .map(|row| row.name.chars().count())
            .max()
            .unwrap_or(0)
            .max(match shown.table.other {
                Some(_) => app.tabs.products.other_label().chars().count(),
                None => "Name".len(),
            });
        let name = width
            .saturating_sub(used - NAME_WIDTH)
            .min(u16::try_from(longest).unwrap_or(u16::MAX))
            .max(NAME_WIDTH);
        Self {
            rank,
            code,
            name,
            trend,
            extras,
            hidden,
        }
    }
}

fn render_table(
    app: &App,
    (shown, columns): (&Shown, &Columns),
    (theme, block): (&Theme, ratatui::widgets::Block<'static>),
    frame: &mut Frame,
    area: Rect,
) -> TableHits {
    let mut widths = vec![
        Constraint::Length(columns.rank),
        Constraint::Length(columns.code),
        Constraint::Length(columns.name),
    ];
    widths.extend(FIGURE_WIDTHS.map(Constraint::Length));
    widths.extend(columns.extras.iter().map(|e| Constraint::Length(e.width())));
    widths.push(Constraint::Length(columns.trend));
    let mut names = COLUMNS;
    if shown.share_of == ShareOf::Listed {
        names[1] = "% listed";
    }
    let mut headers = vec!["#".to_string(), "Code".to_string(), "Name".to_string()];
    headers.extend(shown.sort.headers(&names));
    headers.extend(columns.extras.iter().map(|e| e.header().to_string()));
    headers.push("Trend".into());
    let header = Row::new(headers).style(theme.title());
    let currency = shown.currency;
    let mut rows: Vec<Row> = shown
        .rows
        .iter()
        .map(|row| product_row(row, columns, currency, theme))
        .collect();
    if let Some(other) = shown.table.other {
        let share = shown.other_share().map_or("–".into(), share_text);
        let mut cells = vec![
            Cell::from(""),
            Cell::from(""),
            Cell::from(app.tabs.products.other_label()),
            Cell::from(format::money(other, currency)),
            Cell::from(share),
            Cell::from("–"),
            Cell::from("–"),
        ];
        cells.extend(columns.extras.iter().map(|_| Cell::from("")));
        cells.push(Cell::from(""));
        rows.push(Row::new(cells).style(theme.dim()));
    }
    render_selectable(
        frame,
        area,
        (
            app.tabs
                .products
                .cursor
                .row
                .min(rows.len().saturating_sub(1)),
            rows.len(),
        ),
        theme,
        (block, &widths[..]),
        |range| Table::default().rows(rows[range].to_vec()).header(header),
    )
}

/// A quantity with its unit, short: "790 t", "12.4 mn kg".
fn quantity_text((amount, unit): &(f64, String)) -> String {
    let magnitude = amount.abs();
    let number = match [(1e9, " bn"), (1e6, " mn")]
        .into_iter()
        .find(|(scale, _)| magnitude >= *scale)
    {
        Some((scale, suffix)) => format!("{:.1}{suffix}", amount / scale),
        None if amount.fract() == 0.0 => thousands(magnitude as u64),
        None => format!("{amount:.2}"),
    };
    format!("{number} {unit}")
}

fn product_row(
    row: &ShownRow,
    columns: &Columns,
    currency: Currency,
    theme: &Theme,
) -> Row<'static> {
    let unknown = || Cell::from("–");
    let growth = row.growth.map_or_else(unknown, |g| {
        Cell::from(format::signed_percent(g)).style(theme.change(g))
    });
    let change = row.change.map_or_else(unknown, |change| {
        let sign = if change > 0.0 { "+" } else { "" };
        Cell::from(format!("{sign}{}", format::money(change, currency))).style(theme.change(change))
    });
    let start = row.history.len().saturating_sub(usize::from(columns.trend));
    let mut cells = vec![
        Cell::from(row.rank.to_string()).style(theme.dim()),
        Cell::from(row.code.clone()),
        Cell::from(format::cut(&row.name, usize::from(columns.name))),
        Cell::from(format::money(row.value, currency)),
        row.share
            .map_or_else(unknown, |share| Cell::from(share_text(share))),
        growth,
        change,
    ];
    cells.extend(columns.extras.iter().map(|extra| {
        match extra {
            Extra::Mirror => row
                .mirror
                .map_or_else(unknown, |m| Cell::from(format::money(m, currency))),
            Extra::Gap => row
                .mirror_gap
                .map_or_else(unknown, |gap| Cell::from(mirror::gap_cell(gap))),
            Extra::Quantity => row.quantity.as_ref().map_or_else(unknown, |q| {
                Cell::from(format::cut(&quantity_text(q), usize::from(extra.width())))
            }),
        }
    }));
    cells.push(Cell::from(super::partners::trend_text(&row.history[start..])).style(theme.key()));
    Row::new(cells)
}

/// A share in percent; one too small to show as 0.1% is said so, never 0.0%.
fn share_text(share: f64) -> String {
    match share > 0.0 && share < 0.05 {
        true => "<0.1%".into(),
        false => format::percent(share),
    }
}

/// The selected product's value in each period of the kind, with its share
/// of the pair's total.
fn render_chart(tab: &ProductsTab, shown: &Shown, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(row) = tab.selected() else {
        let block = panel(" Over time ", theme);
        let text = format!(
            "{}: the pair's total less the products listed, not one product",
            tab.other_label()
        );
        frame.render_widget(
            ratatui::widgets::Paragraph::new(Line::styled(text, theme.dim())).block(block),
            area,
        );
        return;
    };
    let kind = tab.period.map_or("", |p| p.kind().label());
    let product = format!("{} {}", row.code, format::cut(&row.name, 30))
        .trim()
        .to_string();
    let title = format::first_that_fits(
        [
            format!("{product} · {kind} · value and share of the pair's total (s: span)"),
            format!("{product} · {kind} · value, share of the pair's total"),
            format!("{} · {kind} · value, share of total", row.code),
        ],
        usize::from(area.width.saturating_sub(4)),
    );
    let block = panel(format!(" {title} "), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let series = shown.series(row);
    let top = series
        .iter()
        .filter_map(|&(_, value, _)| value)
        .fold(0.0_f64, f64::max);
    let items: Vec<BarItem> = series
        .iter()
        .zip(&shown.revised)
        .map(|(&(period, value, share), revised)| BarItem {
            label: period.to_string(),
            value: match (value, share) {
                (Some(v), Some(s)) => {
                    format!(
                        "{} · {}",
                        format::money(v, shown.currency),
                        format::percent(s)
                    )
                }
                (Some(v), None) => format!("{} · share –", format::money(v, shown.currency)),
                (None, _) => match revised {
                    Some(kind) => format!("in {kind}: another revision, not compared"),
                    None => "not listed".into(),
                },
            },
            fraction: value.filter(|_| top > 0.0).map(|v| v / top),
        })
        .collect();
    render_horizontal_bars(frame, inner, &items, Keep::Last, theme);
}

/// What the shares are of, what the total is, and the table's notes.
fn notes(shown: &Shown, hidden: &[Extra], theme: &Theme) -> Vec<Line<'static>> {
    let note = |label: &str, text: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.dim()),
            Span::styled(text, theme.warning()),
        ])
    };
    let table = &shown.table;
    let mut lines = Vec::new();
    match (shown.share_of, table.total) {
        (ShareOf::Total, Some(total)) => lines.push(note(
            "Share",
            format!(
                "of the pair's total {} ({}); – unknown",
                format::money(total, shown.currency),
                table.total_is
            ),
        )),
        _ => lines.push(note(
            "% listed",
            "shares of the products listed only, never of the pair's total: the data has no total of this flow".into(),
        )),
    }
    // Second, so that a short terminal's notes keep it.
    if !hidden.is_empty() {
        let names: Vec<&str> = hidden.iter().map(|extra| extra.header()).collect();
        lines.push(note(
            "Columns",
            format!(
                "{} {} a wider terminal (e writes them)",
                names.join(", "),
                if names.len() == 1 { "needs" } else { "need" }
            ),
        ));
    }
    lines.push(note(
        "Classification",
        format!(
            "{}; growth and change on a year earlier",
            table.classifications.join(" + ")
        ),
    ));
    lines.extend(table.notes.iter().map(|n| note("Note", n.clone())));
    lines
}

/// The Partners tab ranked for a product: who buys it from the reporter.
pub fn render_partners(
    app: &App,
    filter: &ProductFilter,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) -> Option<TableHits> {
    let reporter = filter.reporter.shown(app.naming);
    let flow = filter.indicator.code();
    let (code, period) = (&filter.code, filter.period);
    let product = format!("{code} {}", filter.name).trim().to_string();
    let hhi = match filter.complete {
        true => format!("HHI {}", thousands(filter.partners.hhi.round() as u64)),
        false => "no HHI: not every partner in the data".into(),
    };
    let width = usize::from(area.width.saturating_sub(4));
    let title = format::first_that_fits(
        [
            format!("Partners of {reporter} for {product} · {flow} · {period} · {hhi} · x clears"),
            format!("{reporter} · {code} · {flow} · {period} · {hhi} · x clears"),
        ],
        width,
    );
    let basis = match filter.complete {
        true => format!("of {reporter}'s {flow} of {code} to every partner"),
        false => format!(
            "of the {} listed only, not {reporter}'s whole {flow} of {code}",
            counted(filter.partners.rows.len() as u64, "partner")
        ),
    };
    let notes = vec![Line::from(vec![
        Span::styled("Share: ".to_string(), theme.dim()),
        Span::styled(basis, theme.warning()),
    ])];
    let [table_area, notes_area] = Layout::vertical([
        Constraint::Min(4),
        Constraint::Length(wrapped_height(&notes, area.width)),
    ])
    .areas(area);
    let widths = [
        Constraint::Length(3),
        Constraint::Min(16),
        Constraint::Length(12),
        Constraint::Length(8),
    ];
    let header = Row::new(["#", "Partner", "Value", "Share"]).style(theme.title());
    let rows: Vec<Row> = filter
        .partners
        .rows
        .iter()
        .enumerate()
        .map(|(at, row)| {
            Row::new(vec![
                Cell::from((at + 1).to_string()).style(theme.dim()),
                Cell::from(row.partner.shown(app.naming).to_string()),
                Cell::from(format::money(row.value, filter.currency)),
                Cell::from(format::percent(row.share)),
            ])
        })
        .collect();
    let block = panel(format!(" {title} "), theme);
    let hits = render_selectable(
        frame,
        table_area,
        (app.tabs.partners.cursor.row, rows.len()),
        theme,
        (block, &widths[..]),
        |range| Table::default().rows(rows[range].to_vec()).header(header),
    );
    render_wrapped(frame, notes_area, &notes);
    Some(hits)
}
