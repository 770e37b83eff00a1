//! How a figure was made, for the overlay Enter opens: the figure in full
//! digits, each input with its file and line, how it was computed, the
//! published figure beside the computed one, the warnings on it, a
//! citation line and the `--print` command that shows it again. Text only,
//! computed once when Enter is pressed; the drawing gives each line a style.

use super::numbers::{full, money};
use super::revisions::Revision;
use super::{Figure, Provenance, figure, group_inputs, source_of};
use crate::data::model::Row;
use crate::data::{Currency, Dataset, Flow, GrowthKind, Observation, Period, SeriesKey, Span};

/// A figure to explain: a flow's level in a currency and period, and whose
/// it is as the tab names it ("China–Russia", "Russia–Kazakhstan").
#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    pub who: String,
    pub flow: Flow,
    pub currency: Currency,
    pub period: Period,
}

impl Subject {
    /// "China–Russia 2024" for total trade, "China–Russia exports 2024".
    fn label(&self) -> String {
        let indicator = self.flow.indicator;
        match indicator {
            crate::data::Indicator::Trade => format!("{} {}", self.who, self.period),
            _ => format!("{} {} {}", self.who, indicator.label(), self.period),
        }
    }
}

/// How a line of the derivation is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// A figure's first line.
    Heading,
    Plain,
    /// Where a figure came from: files, lines, the command.
    Dim,
    /// A warning on the figure, or its revision.
    Warning,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub tone: Tone,
    pub text: String,
}

/// Everything the overlay shows, and what `y` copies there.
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    pub title: String,
    pub lines: Vec<Text>,
    /// One line to quote: "China–Russia 2024: $244.8 bn (GACC, via TASS 2026-01-14)".
    pub citation: String,
}

/// The derivation of `subjects` (the first is the one cited), with the
/// `--print` command that shows them, and the revisions a reload made.
pub fn explain(
    data: &Dataset,
    title: String,
    subjects: &[Subject],
    command: &str,
    revisions: &[Revision],
) -> Derivation {
    let mut lines = Vec::new();
    let mut citation = None;
    for subject in subjects {
        let Some(figure) = figure(data, subject.flow, subject.currency, subject.period) else {
            // Only the figure asked about is said to be missing.
            if lines.is_empty() {
                push(
                    &mut lines,
                    Tone::Heading,
                    format!("{}: no figure in the data", subject.label()),
                );
                push(&mut lines, Tone::Plain, String::new());
            }
            continue;
        };
        let mut provenance = Provenance::default();
        provenance.add_figure(data, Some(&figure));
        citation.get_or_insert_with(|| {
            format!(
                "{}: {} ({})",
                subject.label(),
                money(figure.amount, figure.currency),
                provenance.source_text()
            )
        });
        explain_one(data, subject, &figure, &provenance, revisions, &mut lines);
        push(&mut lines, Tone::Plain, String::new());
    }
    push(
        &mut lines,
        Tone::Plain,
        "The same figures without the dashboard:".into(),
    );
    push(&mut lines, Tone::Dim, format!("  {command}"));
    Derivation {
        title,
        lines,
        citation: citation.unwrap_or_default(),
    }
}

fn push(lines: &mut Vec<Text>, tone: Tone, text: String) {
    lines.push(Text { tone, text });
}

/// The lines of one figure.
fn explain_one(
    data: &Dataset,
    subject: &Subject,
    figure: &Figure,
    provenance: &Provenance,
    revisions: &[Revision],
    lines: &mut Vec<Text>,
) {
    let currency = subject.currency;
    push(
        lines,
        Tone::Heading,
        format!("{}: {}", subject.label(), full(figure.amount, currency)),
    );
    let mut inputs: Vec<Observation> = Vec::new();
    match (&figure.published, &figure.parts) {
        (Some(published), _) if published.row != Row::COMPUTED => {
            push(
                lines,
                Tone::Plain,
                format!("how: published as {}", as_written(published)),
            );
            inputs.push(*published);
        }
        (Some(computed), _) => {
            let note = data.text(computed.note);
            let how = note.trim_start_matches("derived: ");
            push(
                lines,
                Tone::Plain,
                format!("how: computed by eurasia-dash, {how}"),
            );
            inputs.extend(computed_inputs(data, computed, lines));
        }
        (None, Some(parts)) => {
            push(
                lines,
                Tone::Plain,
                "how: computed by eurasia-dash, exports + imports (no published total)".into(),
            );
            for part in parts {
                input_line(data, part, "  ", lines);
                if part.row == Row::COMPUTED {
                    inputs.extend(computed_inputs(data, part, lines));
                } else {
                    inputs.push(*part);
                }
            }
        }
        (None, None) => push(lines, Tone::Plain, "how: computed by eurasia-dash".into()),
    }
    if let Some(published) = figure.published.filter(|p| p.row != Row::COMPUTED) {
        input_line(data, &published, "input: ", lines);
    }
    if let Some(alternative) = &figure.computed_alternative {
        push(
            lines,
            Tone::Plain,
            format!(
                "published beside computed: computed here {} ({}), {}",
                full(alternative.amount(), currency),
                source_of(data, alternative),
                difference(figure.amount - alternative.amount(), currency)
            ),
        );
    }
    if let Some(growth) = data.growth(subject.flow, currency, subject.period) {
        let how = match growth.kind {
            GrowthKind::Computed => {
                let before = subject.period.year_earlier();
                format!(
                    "computed from {before} ({})",
                    match data.level(subject.flow, currency, before) {
                        Some(level) => full(level.amount, currency),
                        None => "no figure".into(),
                    }
                )
            }
            GrowthKind::Published => "published".into(),
        };
        push(
            lines,
            Tone::Plain,
            format!("growth on a year before: {:+.1}%, {how}", growth.percent),
        );
        if let Some(rate) = data.published_growth(subject.flow, currency, subject.period)
            && growth.kind == GrowthKind::Computed
        {
            push(
                lines,
                Tone::Plain,
                format!(
                    "published growth: {:+.1}% ({}, {})",
                    { rate.value },
                    source_of(data, rate),
                    data.origin_text(rate)
                ),
            );
        }
    }
    push(
        lines,
        Tone::Plain,
        format!("source: {}", provenance.source_text()),
    );
    if !provenance.notes.is_empty() {
        push(
            lines,
            Tone::Plain,
            format!("note: {}", provenance.note_text()),
        );
    }
    for warning in warnings_on(data, subject, &inputs) {
        push(lines, Tone::Warning, format!("warning: {warning}"));
    }
    let key = SeriesKey::new(subject.flow, false, currency, subject.period.kind());
    for revision in revisions
        .iter()
        .filter(|r| r.key == key && r.period == subject.period)
    {
        push(
            lines,
            Tone::Warning,
            format!("revised by a reload: {}", revision.describe()),
        );
    }
}

/// The inputs of a figure computed here, each on a line: the members' or
/// listed countries' figures of a group sum, or the months summed.
fn computed_inputs(
    data: &Dataset,
    computed: &Observation,
    lines: &mut Vec<Text>,
) -> Vec<Observation> {
    let members = group_inputs(data, computed);
    if !members.is_empty() {
        push(
            lines,
            Tone::Plain,
            format!("inputs: {} figures, summed", members.len()),
        );
        let mut inputs = Vec::new();
        for member in &members {
            let label = format!("  {}–{} ", member.reporter, member.partner);
            let observations = member.observations();
            match observations[..] {
                [one] => input_line(data, &one, &label, lines),
                _ => {
                    push(
                        lines,
                        Tone::Plain,
                        format!(
                            "{label}{} (exports + imports)",
                            full(member.figure.amount, member.figure.currency)
                        ),
                    );
                    for part in &observations {
                        input_line(data, part, "      ", lines);
                    }
                }
            }
            inputs.extend(observations);
        }
        return inputs;
    }
    let months = months_of(data, computed);
    if months.is_empty() {
        push(
            lines,
            Tone::Dim,
            "inputs: the figures its note names (not listed one by one)".into(),
        );
    } else {
        push(
            lines,
            Tone::Plain,
            format!("inputs: {} monthly figures, summed", months.len()),
        );
        for month in &months {
            input_line(data, month, "  ", lines);
        }
    }
    months
}

/// The monthly figures of a sum of months (a quarter, a year, a year to
/// date, twelve months to date), in order.
fn months_of(data: &Dataset, computed: &Observation) -> Vec<Observation> {
    let key = SeriesKey {
        kind: crate::data::SpanKind::Monthly,
        ..computed.series_key()
    };
    let (mut month, last) = computed.period.months();
    let mut found = Vec::new();
    if computed.period.kind() == crate::data::SpanKind::Monthly {
        return found;
    }
    while month <= last {
        if let Some(period) = Period::from_span(Span::Month(month))
            && let Some(observation) = data.find(&key, period)
        {
            found.push(*observation);
        }
        month = month.next();
    }
    found
}

/// "  exports 2024: US$ 115,490,000,000 — embedded: assets/eurasia-trade.csv:34 (GACC)".
fn input_line(data: &Dataset, observation: &Observation, prefix: &str, lines: &mut Vec<Text>) {
    let what = format!(
        "{prefix}{} {}: {}",
        observation.measure.indicator.label(),
        observation.period,
        full(observation.amount(), observation.currency)
    );
    let source = source_of(data, observation);
    let text = match data.origin(observation) {
        Some(_) => format!("{what} — {} ({source})", data.origin_text(observation)),
        None => format!("{what} — {source}"),
    };
    push(lines, Tone::Plain, text);
}

/// The warnings about the figure or about the lines of its inputs.
fn warnings_on(data: &Dataset, subject: &Subject, inputs: &[Observation]) -> Vec<String> {
    let origins: Vec<(String, u64)> = inputs
        .iter()
        .filter_map(|input| {
            let origin = data.origin(input)?;
            let file = data.files().get(usize::from(origin.file))?;
            Some((file.path.clone(), u64::from(origin.line)))
        })
        .collect();
    let flow = subject.flow;
    data.warnings()
        .iter()
        .filter(|warning| {
            let about_figure = warning.figure.is_some_and(|f| {
                f.reporter == flow.reporter
                    && f.partner == flow.partner
                    && f.measure.indicator == flow.indicator
                    && f.period == subject.period
                    && f.currency == subject.currency
            });
            let about_input = match (&warning.file, warning.line) {
                (Some(file), Some(line)) => origins.iter().any(|(f, l)| f == file && *l == line),
                _ => false,
            };
            about_figure || about_input
        })
        .map(|warning| format!("{}: {}", warning.kind.label(), warning.message))
        .collect()
}

/// How far the published figure is from the computed one: "the published
/// one is $1.2 bn more", "the same as published".
fn difference(amount: f64, currency: Currency) -> String {
    match amount {
        0.0 => "the same as published".into(),
        more if more > 0.0 => format!("the published one is {} more", money(more, currency)),
        less => format!("the published one is {} less", money(-less, currency)),
    }
}

/// A figure as its file wrote it: "115.49 USD_BN".
fn as_written(observation: &Observation) -> String {
    format!("{} {}", { observation.value }, observation.unit.code())
}
