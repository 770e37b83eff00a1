//! Numbers written for people: "$244.8 bn", "¥1.74 tn", "29.3%", "▲ +1.9%".

use std::ops::Range;

use crate::data::model::Row;
use crate::data::{Currency, Growth, GrowthKind, Observation};
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::view::Figure;

pub use crate::view::numbers::{money, percent, symbol};

/// Text cut to `width` characters, ending in "…" when cut.
pub fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    if width == 0 { kept } else { kept + "…" }
}

/// Word-wraps `text` (its lines split at `\n`) into at most `lines` lines
/// of `width` characters, as byte ranges of `text` (so a caller can style
/// its parts). When the text does not all fit, the last line is shortened to
/// leave room for "…", which the caller adds, and the flag says so.
pub fn wrap(text: &str, width: usize, lines: usize) -> (Vec<Range<usize>>, bool) {
    let offset = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
    let mut ranges = Vec::new();
    let mut rest = text.trim_start_matches(' ');
    while !rest.is_empty() && ranges.len() < lines && width > 0 {
        let start = offset(rest);
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        // Break before the word that does not fit, or within a word longer
        // than the line.
        let end = match line.char_indices().nth(width) {
            None => line.len(),
            Some((limit, ' ')) => limit,
            Some((limit, _)) => line[..limit]
                .rfind(' ')
                .filter(|&at| at > 0)
                .unwrap_or(limit),
        };
        ranges.push(start..start + rest[..end].trim_end().len());
        rest = rest[end..].trim_start_matches(' ');
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    let cut = !rest.is_empty();
    if let Some(last) = ranges.last_mut().filter(|_| cut) {
        let kept = text[last.clone()]
            .char_indices()
            .nth(width.saturating_sub(1))
            .map_or(last.end, |(at, _)| last.start + at);
        last.end = last.start + text[last.start..kept].trim_end().len();
    }
    (ranges, cut)
}

/// The first of `candidates` (longest first) that fits in `width`, or the
/// last cut to fit: a shorter wording rather than a cut figure or unit.
pub fn first_that_fits(candidates: impl IntoIterator<Item = String>, width: usize) -> String {
    let mut last = String::new();
    for candidate in candidates {
        if candidate.chars().count() <= width {
            return candidate;
        }
        last = candidate;
    }
    cut(&last, width)
}

/// A signed change in percentage points.
pub fn points(value: f64) -> String {
    format!("{} pp", signed(value))
}

/// "+1.9%" or "−6.8%", with a true minus sign.
pub fn signed_percent(value: f64) -> String {
    format!("{}%", signed(value))
}

fn signed(value: f64) -> String {
    // Adding zero turns a rounded -0.0 into 0.0, so it prints as "+0.0".
    let rounded = (value * 10.0).round() / 10.0 + 0.0;
    if rounded < 0.0 {
        format!("−{:.1}", -rounded)
    } else {
        format!("+{rounded:.1}")
    }
}

/// The arrow that says which way a figure moved, readable without colour.
pub fn arrow(value: f64) -> &'static str {
    if value > 0.05 {
        "▲"
    } else if value < -0.05 {
        "▼"
    } else {
        "="
    }
}

/// How a growth rate was obtained, in a word.
pub fn growth_kind(kind: GrowthKind) -> &'static str {
    match kind {
        GrowthKind::Computed => "calc",
        GrowthKind::Published => "pub",
    }
}

/// "▲ +1.9% calc"
pub fn growth(growth: &Growth) -> String {
    format!(
        "{} {} {}",
        arrow(growth.percent),
        signed_percent(growth.percent),
        growth_kind(growth.kind)
    )
}

/// A figure exactly as published: "115.49 USD_BN".
pub fn as_published(observation: &Observation) -> String {
    let (value, unit) = (observation.value, observation.unit);
    if unit.currency() == Currency::Percent {
        return percent(value);
    }
    // Every digit published, in the table's style: `$115.49 bn`, `¥1,282.283 mn`.
    let suffix = match unit.scale() {
        1e3 => " k",
        1e6 => " mn",
        1e9 => " bn",
        1e12 => " tn",
        _ => "",
    };
    let sign = if value < 0.0 { "−" } else { "" };
    let digits = value.abs().to_string();
    let (whole, fraction) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut grouped = String::new();
    for (at, digit) in whole.chars().enumerate() {
        if at > 0 && (whole.len() - at) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let point = if fraction.is_empty() { "" } else { "." };
    format!(
        "{sign}{}{grouped}{point}{fraction}{suffix}",
        symbol(unit.currency())
    )
}

/// A figure in a table cell: "$244.8 bn", "$1.27 tn*" when computed here,
/// "–" when there is none.
pub fn figure_cell(figure: Option<&Figure>) -> String {
    figure.map_or("–".to_string(), |f| {
        let marker = if f.is_derived() { "*" } else { "" };
        let doubt = doubt_mark(f.in_doubt);
        let revised = if f.revised { REVISED_MARK } else { "" };
        format!("{}{marker}{doubt}{revised}", money(f.amount, f.currency))
    })
}

/// The mark of a figure a `--watch` reload changed since start.
pub const REVISED_MARK: &str = "↻";

/// What [`REVISED_MARK`] means, under a table or detail showing it.
pub fn revised_line(theme: &Theme) -> Line<'static> {
    let explain = crate::app::keys::label_for(crate::app::Action::Confirm);
    Line::from(Span::styled(
        format!("{REVISED_MARK}: revised by a reload since start ({explain} shows old → new)"),
        theme.warning(),
    ))
}

/// The mark of a figure whose unit multiplier is in doubt (`w` says why).
pub const DOUBT_MARK: &str = "⚠";

/// [`DOUBT_MARK`] after a figure whose unit is in doubt, else nothing.
pub fn doubt_mark(in_doubt: bool) -> &'static str {
    if in_doubt { DOUBT_MARK } else { "" }
}

/// What [`DOUBT_MARK`] means, in a few words where a line is short.
pub fn doubt_hint() -> String {
    let key = crate::app::keys::label_for(crate::app::Action::ToggleWarnings);
    format!("{DOUBT_MARK} unit in doubt: {key} lists it")
}

/// What [`DOUBT_MARK`] means, under a table or detail showing it.
pub fn doubt_line(theme: &Theme) -> Line<'static> {
    let key = crate::app::keys::label_for(crate::app::Action::ToggleWarnings);
    Line::from(vec![
        Span::styled(format!("{DOUBT_MARK}: "), theme.warning()),
        Span::styled(
            format!(
                "unit in doubt: an empty UNIT_MULT beside rows with one, perhaps off by a power of ten ({key} for the warnings)"
            ),
            theme.warning(),
        ),
    ])
}

/// A figure for the detail line: as published, or how it was computed, and
/// the computed alternative beside a published figure.
pub fn figure_detail(figure: &Figure) -> String {
    let mut text = match &figure.published {
        Some(o) if o.row != Row::COMPUTED => as_published(o),
        // How: the source and note of the computed figure, shown with it.
        Some(_) => format!("{} (computed)", money(figure.amount, figure.currency)),
        None => format!(
            "{} (exports + imports)",
            money(figure.amount, figure.currency)
        ),
    };
    text.push_str(doubt_mark(figure.in_doubt));
    if let Some(alternative) = &figure.computed_alternative {
        text.push_str(&format!(
            " (computed: {})",
            money(alternative.amount(), alternative.currency)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Unit;

    #[test]
    fn a_published_figure_keeps_every_digit_in_the_tables_style() {
        let figure = |value: f64, unit: Unit| {
            let mut observation = crate::data::Dataset::embedded().observations()[0];
            observation.value = value;
            observation.unit = unit;
            observation.currency = unit.currency();
            as_published(&observation)
        };
        assert_eq!(figure(115.49, Unit::UsdBn), "$115.49 bn");
        assert_eq!(figure(1282.283, Unit::CnyMn), "¥1,282.283 mn");
        assert_eq!(figure(-13.8, Unit::UsdBn), "−$13.8 bn");
        assert_eq!(figure(76122649188.0, Unit::Usd), "$76,122,649,188");
        assert_eq!(figure(2.5, Unit::EurK), "€2.5 k");
    }

    #[test]
    fn magnitudes_are_written_out() {
        assert_eq!(money(244.81e9, Currency::Usd), "$244.8 bn");
        assert_eq!(money(1740e9, Currency::Cny), "¥1.74 tn");
        assert_eq!(money(127_727_396.0, Currency::Eur), "€127.7 mn");
        assert_eq!(money(-13.83e9, Currency::Usd), "−$13.8 bn");
        assert_eq!(money(5.0e9, Currency::Usd), "$5.00 bn");
        assert_eq!(money(710e6, Currency::Usd), "$710.0 mn");
        assert_eq!(
            money(12.0, Currency::Usd),
            "$12.00",
            "plain units to the cent"
        );
        assert_eq!(money(7.5, Currency::Usd), "$7.50");
        assert_eq!(money(0.0, Currency::Usd), "$0", "an axis starts at $0");
        assert_eq!(money(-0.0, Currency::Cny), "¥0");
        assert_eq!(money(29.3, Currency::Percent), "29.3%");
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_and_shorter_wordings_come_first() {
        assert_eq!(cut("rounded in the source", 10), "rounded i…");
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("any", 0), "");
        let candidates =
            || ["2015-01 to 2024-12, mean of 4", "to 2024-12, mean of 4"].map(String::from);
        assert_eq!(
            first_that_fits(candidates(), 40),
            "2015-01 to 2024-12, mean of 4"
        );
        assert_eq!(first_that_fits(candidates(), 22), "to 2024-12, mean of 4");
        assert_eq!(first_that_fits(candidates(), 8), "to 2024…");
    }

    #[test]
    fn wrapped_text_that_does_not_fit_leaves_room_for_an_ellipsis() {
        let text = "single secondary report (Helm News) · unconfirmed";
        let lines = |width, count| {
            let (ranges, cut) = wrap(text, width, count);
            let lines: Vec<&str> = ranges.into_iter().map(|r| &text[r]).collect();
            (lines, cut)
        };
        assert_eq!(
            lines(20, 3),
            (
                vec!["single secondary", "report (Helm News) ·", "unconfirmed"],
                false
            )
        );
        assert_eq!(
            lines(20, 2),
            (vec!["single secondary", "report (Helm News)"], true),
            "room for the ellipsis"
        );
        assert_eq!(lines(4, 1), (vec!["sin"], true), "a long word is broken");
        assert_eq!(lines(80, 2), (vec![text], false));
        let text = "2024: total\n\nSource: GACC";
        let lines = |count| {
            let (ranges, cut) = wrap(text, 20, count);
            let lines: Vec<&str> = ranges.into_iter().map(|r| &text[r]).collect();
            (lines, cut)
        };
        assert_eq!(lines(3), (vec!["2024: total", "", "Source: GACC"], false));
        assert_eq!(
            lines(2),
            (vec!["2024: total", ""], true),
            "cut after a line break"
        );
    }

    #[test]
    fn growth_is_signed_with_an_arrow_and_its_kind() {
        let g = Growth {
            percent: -6.82,
            kind: GrowthKind::Computed,
        };
        assert_eq!(growth(&g), "▼ −6.8% calc");
        let g = Growth {
            percent: 2.2,
            kind: GrowthKind::Published,
        };
        assert_eq!(growth(&g), "▲ +2.2% pub");
        assert_eq!(signed_percent(-0.04), "+0.0%");
        assert_eq!(points(-21.0), "−21.0 pp");
    }
}
