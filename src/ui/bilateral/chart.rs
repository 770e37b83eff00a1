//! The bilateral tab's chart: the pair's lines (annual, or rolling 12
//! months) on round ticks, the milestones behind them.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset as ChartSeries, GraphType};

use super::compare;
use crate::app::App;
use crate::data::model::{Naming, thousands};
use crate::data::{Period, SpanKind};
use crate::ui::theme::Theme;
use crate::ui::{format, panel, render_no_data};
use crate::view::bilateral::{BilateralView, ChartLines};

pub(super) fn render_annual_chart(
    app: &App,
    theme: &Theme,
    view: &BilateralView,
    frame: &mut Frame,
    area: Rect,
) {
    let lines = &view.chart;
    let width = usize::from(area.width.saturating_sub(2));
    let what = |codes| {
        format!(
            " {} · {}, {}",
            compare::pairs_label(view, codes),
            lines.kind.label(),
            view.selection.currency.code()
        )
    };
    // A compared pair without totals is said so, here where it fits, and
    // above the table always.
    let legend_of = |codes, note: bool| {
        let drawn = compare::chart_lines(view, theme, codes);
        let mut legend = vec![Span::raw(" ")];
        for line in &drawn {
            let text = format!("{} {} ", line.symbol, line.name);
            legend.push(Span::styled(text, line.style));
        }
        if let Some(note) = compare::no_totals_note(view, codes).filter(|_| note) {
            legend.push(Span::styled(note, theme.dim()));
        }
        (drawn, legend)
    };
    // Two pairs are named by code where their names do not fit.
    let fits = |text: &str| text.chars().count() <= width;
    let legend_fits = |legend: &Vec<Span>| fits(&Line::from(legend.clone()).to_string());
    let (drawn, legend) = legend_of(false, true);
    let codes = app.naming == Naming::Codes
        || (view.comparison.is_some() && !(fits(&what(false)) && legend_fits(&legend)));
    let (lines_drawn, mut legend) = if codes {
        let (drawn, legend) = legend_of(true, true);
        match legend_fits(&legend) {
            true => (drawn, legend),
            false => legend_of(true, false),
        }
    } else {
        (drawn, legend)
    };
    let what = what(codes);
    let (at, of) = (
        thousands(app.tabs.bilateral.pair as u64 + 1),
        thousands(app.tabs.bilateral.pairs.len() as u64),
    );
    // The pair's place among the pairs, said shorter, then not at all, when
    // the title does not fit.
    let titles = [
        format!("{what} · pair {at} of {of} (by latest trade) "),
        format!("{what} · pair {at} of {of} "),
    ];
    let title = titles
        .into_iter()
        .find(|title| fits(title))
        .unwrap_or_else(|| format!("{what} "));
    let milestones = milestone_years(app, &lines.periods);
    if !milestones.is_empty() {
        let years: Vec<String> = milestones.iter().map(ToString::to_string).collect();
        // The border's room after the lines' names; cut to it with "…".
        let room = width.saturating_sub(Line::from(legend.clone()).width());
        let years = years.join(", ");
        let wordings = [format!("⡇ milestones {years}"), format!("⡇ {years}")];
        let text = format::first_that_fits(wordings, room.saturating_sub(1));
        if room >= 4 {
            legend.push(Span::styled(text + " ", theme.dim()));
        }
    }
    let block = panel(title, theme).title_bottom(Line::from(legend));
    let max = lines_drawn
        .iter()
        .flat_map(|line| line.values.iter().flatten())
        .fold(0.0_f64, |m, v| m.max(*v));
    if lines.periods.is_empty() {
        render_no_data(
            frame,
            area,
            block,
            &format!(
                "{} {} trade",
                lines.kind.label(),
                view.pair_label(app.naming)
            ),
            theme,
        );
        return;
    }
    // Round ticks in the unit ($0, $50 bn, $100 bn…), as many as the
    // height takes, the top one at or above the largest value.
    let rows = usize::from(area.height.saturating_sub(4)).max(2);
    let (tick, ticks) = round_ticks(max, (rows / 2).clamp(2, 6));
    // Values are drawn as fractions of the top tick: ratatui finds a value's
    // cell by multiplying it by the chart's resolution, which overflows for
    // values near the largest double (and then draws a line for ever).
    let scale = tick * ticks as f64;
    let scale = if scale > 0.0 && scale.is_finite() {
        scale
    } else {
        1.0
    };
    let pieces: Vec<_> = lines_drawn
        .iter()
        .map(|line| segments(lines, line.values, scale))
        .collect();
    let mut series = Vec::new();
    for (line, segments) in lines_drawn.iter().zip(&pieces) {
        let (marker, style) = (&line.marker, &line.style);
        for segment in segments {
            let kind = if segment.len() == 1 {
                GraphType::Scatter
            } else {
                GraphType::Line
            };
            series.push(
                ChartSeries::default()
                    .marker(*marker)
                    .graph_type(kind)
                    .style(*style)
                    .data(segment),
            );
        }
    }
    // Milestones (see the overview) as faint vertical lines behind the data.
    let top = 1.0;
    let marks: Vec<[(f64, f64); 2]> = milestones
        .iter()
        .map(|&year| [(f64::from(year), 0.0), (f64::from(year), top)])
        .collect();
    let series: Vec<ChartSeries> = marks
        .iter()
        .map(|mark| {
            ChartSeries::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(theme.dim())
                .data(mark)
        })
        .chain(series)
        .collect();
    let currency = view.selection.currency;
    let y_labels: Vec<Span> = (0..=ticks)
        .map(|at| Span::raw(tick_label(tick * at as f64, currency)))
        .collect();
    let (bounds, x_labels) = x_axis(lines, area.width);
    let x_labels: Vec<Span> = x_labels.into_iter().map(Span::raw).collect();
    let chart = Chart::new(series)
        .block(block)
        .x_axis(
            Axis::default()
                .bounds(bounds)
                .labels(x_labels)
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels(y_labels)
                .style(theme.dim()),
        )
        .legend_position(None);
    frame.render_widget(chart, area);
}

/// The x axis of a chart `width` columns wide: its bounds and as many
/// labels as fit, of periods of the data only. Ratatui spreads the labels
/// evenly, so they are a whole number of periods apart. Where a gap that
/// divides the periods' span gives few labels (2014 to 2025 is 11 years: 2
/// labels or 12), the axis runs on past the last period to the next label's
/// place, which is left blank: no label names a period without data.
fn x_axis(lines: &ChartLines, width: u16) -> ([f64; 2], Vec<String>) {
    let periods = &lines.periods;
    let label_of = |at: usize| label(lines.kind, periods[at]);
    let label_width = label_of(0).chars().count() + 2;
    let room = (usize::from(width.saturating_sub(12)) / label_width).max(2);
    let steps = periods.len() - 1;
    let x_first = x_of(periods[0]);
    if steps == 0 {
        // One period: it alone is labelled (ratatui draws two labels or none).
        let end = x_first + period_width(lines.kind);
        return ([x_first, end], vec![label_of(0), String::new()]);
    }
    let dividing = (1..=steps)
        .find(|&apart| steps.is_multiple_of(apart) && steps / apart < room)
        .unwrap_or(steps);
    let padded = (1..=steps)
        .find(|&apart| steps.div_ceil(apart) < room)
        .unwrap_or(steps);
    if steps / padded <= steps / dividing {
        let labels = (0..=steps).step_by(dividing).map(label_of).collect();
        return ([x_first, x_of(periods[steps])], labels);
    }
    let places = steps.div_ceil(padded);
    let labels = (0..=places)
        .map(|place| place * padded)
        .map(|at| {
            if at <= steps {
                label_of(at)
            } else {
                String::new()
            }
        })
        .collect();
    let end = x_first + (places * padded) as f64 * period_width(lines.kind);
    ([x_first, end], labels)
}

/// The years of the milestones that fall inside the chart's periods.
fn milestone_years(app: &App, periods: &[Period]) -> Vec<i32> {
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        return Vec::new();
    };
    let mut marked: Vec<i32> = app
        .events
        .iter()
        .map(|event| event.date.year())
        .filter(|year| (first.year()..=last.year()).contains(year))
        .collect();
    marked.dedup();
    marked
}

/// How far apart a kind's periods lie on the chart, in years.
fn period_width(kind: SpanKind) -> f64 {
    match kind {
        SpanKind::Annual => 1.0,
        SpanKind::Quarterly => 0.25,
        _ => 1.0 / 12.0,
    }
}

/// A period's label on the x axis: "2024", "2024-Q2", or the month it
/// ends in ("2024-06") for a month, a year to date or twelve months.
fn label(kind: SpanKind, period: Period) -> String {
    match kind {
        SpanKind::Annual => period.year().to_string(),
        SpanKind::Quarterly => period.to_string(),
        _ => period.months().1.to_string(),
    }
}

/// A tick's step, round in the unit (1, 2, 2.5 or 5 times a power of ten),
/// and how many steps reach `max` in at most `most` of them: the lowest
/// top that does, so the lines use the height.
fn round_ticks(max: f64, most: usize) -> (f64, usize) {
    if !(max > 0.0 && max.is_finite()) {
        return (1.0, 1);
    }
    let power = 10f64.powf((max / most as f64).log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0]
        .into_iter()
        .map(|m| m * power)
        .map(|step| (step, (max / step).ceil().max(1.0) as usize))
        .filter(|&(_, steps)| steps <= most)
        .min_by(|a, b| {
            (a.0 * a.1 as f64)
                .total_cmp(&(b.0 * b.1 as f64))
                .then(b.1.cmp(&a.1))
        })
        .unwrap_or((max, 1))
}

/// A tick's amount without trailing zeros: "$50 bn", "$2.5 bn", "$0".
fn tick_label(amount: f64, currency: crate::data::Currency) -> String {
    let text = format::money(amount, currency);
    let Some(point) = text.find('.') else {
        return text;
    };
    let digits_end = text[point + 1..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len(), |at| point + 1 + at);
    let fraction = text[point + 1..digits_end].trim_end_matches('0');
    let whole = &text[..point];
    let rest = &text[digits_end..];
    match fraction {
        "" => format!("{whole}{rest}"),
        fraction => format!("{whole}.{fraction}{rest}"),
    }
}

/// Where a period's point lies on the chart, in years: a year at itself,
/// twelve months at the month they end in (a month is a twelfth of a year).
fn x_of(period: Period) -> f64 {
    let (_, last) = period.months();
    match period.kind() {
        SpanKind::Annual => f64::from(last.year()),
        _ => f64::from(last.year()) + f64::from(last.month() - 1) / 12.0,
    }
}

/// Splits a line at its gaps so no line is drawn across a missing year or
/// month, each value as a fraction of `scale`.
fn segments(lines: &ChartLines, values: &[Option<f64>], scale: f64) -> Vec<Vec<(f64, f64)>> {
    let mut segments: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (&period, value) in lines.periods.iter().zip(values) {
        match value {
            Some(v) => current.push((x_of(period), v / scale)),
            None if !current.is_empty() => segments.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn ticks_are_round_in_the_unit_and_reach_the_largest_value() {
        use crate::data::Currency;
        // $244.8 bn in at most 5 steps: the lowest round top is $250 bn.
        let (step, steps) = round_ticks(244.81e9, 5);
        assert_eq!((step, steps), (50e9, 5));
        let labels: Vec<String> = (0..=steps)
            .map(|at| tick_label(step * at as f64, Currency::Usd))
            .collect();
        assert_eq!(
            labels,
            ["$0", "$50 bn", "$100 bn", "$150 bn", "$200 bn", "$250 bn"]
        );
        assert_eq!(round_ticks(244.81e9, 2), (250e9, 1));
        assert_eq!(round_ticks(22.0e9, 5), (5e9, 5));
        assert_eq!(tick_label(2.5e9, Currency::Usd), "$2.5 bn");
        assert_eq!(round_ticks(0.0, 3), (1.0, 1));
    }

    #[test]
    fn axis_labels_name_the_period_at_their_place() {
        let label_of = |kind, text| label(kind, Period::parse(text).unwrap());
        assert_eq!(label_of(SpanKind::Annual, "2014"), "2014");
        assert_eq!(label_of(SpanKind::Monthly, "2021-04"), "2021-04");
        assert_eq!(label_of(SpanKind::Quarterly, "2023-Q2"), "2023-Q2");
        // Twelve months, and a year to date, at the month they end in.
        assert_eq!(label_of(SpanKind::Cumulative, "2025-01/2025-06"), "2025-06");
        let june = Period::parse("2025-06").unwrap();
        assert_eq!(x_of(june), 2025.0 + 5.0 / 12.0);
    }

    /// Chart lines of `periods` with no values: the x axis needs only the periods.
    fn lines_of(kind: SpanKind, periods: Vec<Period>) -> ChartLines {
        ChartLines {
            kind,
            exports: vec![None; periods.len()],
            imports: vec![None; periods.len()],
            total: vec![None; periods.len()],
            mirror_total: vec![None; periods.len()],
            compared: Vec::new(),
            periods,
        }
    }

    /// The labels' places among the periods, each a whole number of periods
    /// from the first, evenly apart (ratatui spreads the labels evenly); the
    /// last is the last period, or blank where the axis runs on to its place.
    fn assert_labels_are_periods_of_the_data(lines: &ChartLines, width: u16) {
        let (bounds, labels) = x_axis(lines, width);
        let shown: Vec<String> = lines
            .periods
            .iter()
            .map(|&period| label(lines.kind, period))
            .collect();
        let last = lines.periods.len() - 1;
        let blank_end = labels.len() > 2 && labels.last().is_some_and(String::is_empty);
        let named = &labels[..labels.len() - usize::from(blank_end)];
        let at: Vec<usize> = named
            .iter()
            .map(|text| {
                let place = shown.iter().position(|s| s == text);
                place
                    .unwrap_or_else(|| panic!("{text} at {width} columns is no period of the data"))
            })
            .collect();
        assert_eq!(
            at.first(),
            Some(&0),
            "the first period at {width}: {labels:?}"
        );
        let apart = at[1] - at[0];
        assert!(
            at.windows(2).all(|pair| pair[1] - pair[0] == apart),
            "evenly apart at {width}: {labels:?}"
        );
        let first = x_of(lines.periods[0]);
        if blank_end {
            let past = *at.last().unwrap() + apart;
            assert!(
                past > last,
                "the blank label is past the data at {width}: {labels:?}"
            );
            let end = first + past as f64 * period_width(lines.kind);
            assert_eq!(bounds, [first, end], "the axis ends at the blank label");
        } else {
            assert_eq!(
                at.last(),
                Some(&last),
                "the last period at {width}: {labels:?}"
            );
            assert_eq!(
                bounds,
                [first, x_of(lines.periods[last])],
                "the axis ends at the last period"
            );
        }
        let room = usize::from(width.saturating_sub(12)) / (shown[0].chars().count() + 2);
        assert!(
            labels.len() <= room.max(2),
            "{labels:?} fit {width} columns"
        );
    }

    #[test]
    fn the_x_axis_labels_only_periods_of_the_data_the_first_and_the_last_among_them() {
        // 2014 to 2025 at 80 columns (a chart 48 wide) was labelled 2014,
        // 2017, 2020, 2023 and 2026, a year past the data.
        let years = lines_of(
            SpanKind::Annual,
            (2014..=2025).map(Period::annual).collect(),
        );
        let (bounds, labels) = x_axis(&years, 48);
        assert_eq!(labels, ["2014", "2017", "2020", "2023", ""]);
        assert_eq!(
            bounds,
            [2014.0, 2026.0],
            "the axis runs on to the blank label"
        );
        let (_, labels) = x_axis(&years, 200);
        assert_eq!(labels.len(), 12, "every year where all fit: {labels:?}");
        let months = crate::view::bilateral::every_period(
            SpanKind::Monthly,
            Period::parse("2021-04").unwrap(),
            Period::parse("2025-06").unwrap(),
        );
        let months = lines_of(SpanKind::Monthly, months);
        let (_, labels) = x_axis(&months, 48);
        assert_eq!(labels, ["2021-04", "2023-05", "2025-06"]);
        let quarters = crate::view::bilateral::every_period(
            SpanKind::Quarterly,
            Period::parse("2020-Q1").unwrap(),
            Period::parse("2025-Q2").unwrap(),
        );
        let quarters = lines_of(SpanKind::Quarterly, quarters);
        let one = lines_of(SpanKind::Annual, vec![Period::annual(2025)]);
        assert_eq!(
            x_axis(&one, 48),
            ([2025.0, 2026.0], vec!["2025".into(), String::new()])
        );
        for lines in [&years, &months, &quarters] {
            for width in 0..=240 {
                assert_labels_are_periods_of_the_data(lines, width);
            }
        }
    }

    #[test]
    fn a_chart_at_the_limits_of_f64_draws_points_within_its_bounds() {
        let lines = ChartLines {
            kind: SpanKind::Annual,
            periods: [2000, 2001, 2002].map(Period::annual).to_vec(),
            exports: vec![Some(f64::MAX), Some(1.0), Some(f64::MIN_POSITIVE)],
            imports: vec![None; 3],
            total: vec![None; 3],
            mirror_total: vec![None; 3],
            compared: Vec::new(),
        };
        let points = segments(&lines, &lines.exports, f64::MAX).concat();
        assert_eq!(points.len(), 3);
        assert!(
            points.iter().all(|&(_, y)| (0.0..=1.0).contains(&y)),
            "{points:?}"
        );
        // Drawn, these once sent ratatui's line drawing round for ever.
        let chart = Chart::new(vec![
            ChartSeries::default()
                .graph_type(GraphType::Line)
                .data(&points),
        ])
        .x_axis(Axis::default().bounds([2000.0, 2002.0]))
        .y_axis(Axis::default().bounds([0.0, 1.05]));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| frame.render_widget(chart, frame.area()))
            .unwrap();
    }
}
