//! The `--check` report: per file, what was read, used, skipped and why; then
//! the dataset as a whole. Printed as text for people or JSON for scripts.

use serde::Serialize;

use crate::data::derive::aggregate::{NAMED_ITEMS, named};
use crate::data::load::error::escape_controls;
use crate::data::model::{counted, grouped, span_of_lines, thousands};
use crate::data::store::FileReport;
use crate::data::{Dataset, LoadError, Observation, Period, SeriesKey, Warning};

/// `--check --against OLD_FILE`: the published figures that differ from
/// the older file's (revised, new or gone), one a line, as `w` lists a
/// reload's revisions.
pub fn revisions_text(old: &Dataset, new: &Dataset, old_name: &str) -> String {
    let revised = crate::view::revisions::between(old, new);
    let old_name = escape_controls(old_name);
    if revised.is_empty() {
        return format!("Against {old_name}: no figure changed\n");
    }
    let count = revised.len();
    let s = if count == 1 { "" } else { "s" };
    let mut text = format!("Against {old_name}: {count} figure{s} changed\n");
    for revision in revised {
        text.push_str(&format!("  {}\n", revision.describe()));
    }
    text
}

#[derive(Debug, Serialize)]
pub struct Report {
    /// "ok", or "warnings" when rows were skipped, figures conflict or an
    /// aggregate period is incomplete.
    pub status: &'static str,
    pub files: Vec<FileSection>,
    pub dataset: Summary,
    pub warnings: Vec<WarningEntry>,
}

#[derive(Debug, Serialize)]
pub struct FileSection {
    pub path: String,
    pub format: String,
    pub rows_read: u64,
    pub figures_used: u64,
    pub rows_skipped: u64,
    pub skipped: Vec<RowNote>,
    pub rows_not_used: u64,
    pub not_used: Vec<RowNote>,
    /// Rows skipped or not used beyond those listed (a group's entry lists all its rows).
    pub rows_skipped_unlisted: u64,
    pub rows_not_used_unlisted: u64,
    pub duplicates: u64,
    pub conflicts: u64,
    pub remarks: Vec<String>,
    /// The file had rows but gave no figure (each row is listed with its
    /// reason): it loaded, but gives the dashboard nothing to show.
    pub nothing_used: bool,
}

/// A row with the reason it was skipped or not used.
#[derive(Debug, Serialize)]
pub struct RowNote {
    pub line: Option<u64>,
    pub field: Option<String>,
    pub reason: String,
    /// A Parquet file's row group; `line` is then the row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_group: Option<u64>,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub rows_read: u64,
    pub figures: usize,
    pub duplicates: u64,
    pub indicators: Vec<String>,
    pub pairs: Vec<String>,
    pub periods: usize,
    pub first_period: Option<String>,
    pub last_period: Option<String>,
    /// Group figures computed from member flows (EAEU, Belt and Road).
    pub derived_aggregates: Vec<String>,
}

/// A warning, in words and in fields a script can filter on (each `null`
/// where it does not apply).
#[derive(Debug, Serialize)]
pub struct WarningEntry {
    pub kind: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u64>,
    pub indicator: Option<String>,
    pub reporter: Option<String>,
    pub partner: Option<String>,
    pub period: Option<String>,
}

impl WarningEntry {
    fn new(warning: &Warning) -> Self {
        let figure = warning.figure;
        Self {
            kind: warning.kind.label(),
            message: warning.message.clone(),
            file: warning.file.clone(),
            line: warning.line,
            indicator: figure.map(|f| f.measure.to_string()),
            reporter: figure.map(|f| f.reporter.to_string()),
            partner: figure.map(|f| f.partner.to_string()),
            period: figure.map(|f| f.period.to_string()),
        }
    }
}

impl Report {
    pub fn new(data: &Dataset) -> Self {
        // Distinct values from the series index (a few thousand keys), not
        // from every observation; each written once, then put in the order
        // of their text.
        fn distinct_texts<T: Ord>(
            items: impl Iterator<Item = T>,
            text: impl Fn(T) -> String,
        ) -> Vec<String> {
            let mut items: Vec<T> = items.collect();
            items.sort_unstable();
            items.dedup();
            let mut texts: Vec<String> = items.into_iter().map(text).collect();
            texts.sort();
            texts.dedup();
            texts
        }
        let indicators = distinct_texts(data.series_keys().map(|k| k.measure), |m| m.to_string());
        let pairs = distinct_texts(
            data.series_keys().map(|k| (k.reporter, k.partner)),
            |(r, p)| format!("{r}-{p}"),
        );
        let periods = distinct_periods(data);
        let stats = data.stats();
        // A file of which nothing is used (a services file, a cut of a few
        // commodities) loaded, but gave the dashboard nothing to show.
        let has_problems = data.warnings().iter().any(|w| w.kind.is_load_problem())
            || data.files().iter().any(nothing_used);
        Self {
            status: if has_problems { "warnings" } else { "ok" },
            files: data.files().iter().map(FileSection::new).collect(),
            dataset: Summary {
                rows_read: stats.rows_read,
                figures: data.figure_count(),
                duplicates: stats.duplicates,
                indicators,
                pairs,
                periods: periods.len(),
                first_period: periods.first().map(ToString::to_string),
                last_period: periods.last().map(ToString::to_string),
                derived_aggregates: data.derived_aggregates(),
            },
            // Rows skipped or not used are listed once, with their file.
            warnings: data
                .warnings()
                .iter()
                .filter(|w| w.kind.is_warning())
                .map(WarningEntry::new)
                .collect(),
        }
    }

    pub fn has_problems(&self) -> bool {
        self.status != "ok"
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("the report is plain data")
    }

    /// The report for people. Text from files and paths is written with its
    /// control characters escaped, so that a file name or a field cannot
    /// drive the terminal (JSON escapes them itself).
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for file in &self.files {
            let _ = writeln!(out, "{} ({})", escape_controls(&file.path), file.format);
            let _ = writeln!(
                out,
                "  rows: {} read, {} skipped, {} not used; figures: {} used, {}, {}",
                thousands(file.rows_read),
                thousands(file.rows_skipped),
                thousands(file.rows_not_used),
                thousands(file.figures_used),
                counted(file.duplicates, "duplicate"),
                counted(file.conflicts, "conflict")
            );
            if file.nothing_used {
                let _ = writeln!(
                    out,
                    "  note: no figure of this file is used (each row is listed with its reason)"
                );
            }
            for remark in &file.remarks {
                let _ = writeln!(out, "  note: {}", escape_controls(remark));
            }
            for (label, rows, unlisted) in [
                ("skipped", &file.skipped, file.rows_skipped_unlisted),
                ("not used", &file.not_used, file.rows_not_used_unlisted),
            ] {
                let reason = |row: &RowNote| {
                    (
                        row.row_group.is_some(),
                        row.field.clone(),
                        row.reason.clone(),
                    )
                };
                for group in grouped(rows, reason) {
                    let row = group.first;
                    let (line, field) = match (row.row_group, group.count) {
                        (Some(group), 1) => (
                            row.line.map(|r| format!("row {r} (row group {group}): ")),
                            "column",
                        ),
                        (None, 1) => (row.line.map(|l| format!("line {l}: ")), "field"),
                        // Rows that share a reason, said once.
                        (in_group, count) => {
                            let what = if in_group.is_some() { "row" } else { "line" };
                            let place = span_of_lines(what, row.line, group.last.line, count);
                            let rows = counted(count, "row");
                            let field = if in_group.is_some() {
                                "column"
                            } else {
                                "field"
                            };
                            (Some(format!("{rows}{place}: ")), field)
                        }
                    };
                    let line = line.unwrap_or_default();
                    let field = row.field.as_ref().map_or(String::new(), |f| {
                        format!("{field} '{}': ", escape_controls(f))
                    });
                    let _ = writeln!(
                        out,
                        "  {label}: {line}{field}{}",
                        escape_controls(&row.reason)
                    );
                }
                if unlisted > 0 {
                    let _ = writeln!(out, "  … and {} {label}", counted(unlisted, "more row"));
                }
            }
        }
        let summary = &self.dataset;
        let _ = writeln!(
            out,
            "dataset: {}, {} read, {}, {}",
            counted(self.files.len() as u64, "file"),
            counted(summary.rows_read, "row"),
            counted(summary.figures as u64, "figure"),
            counted(summary.duplicates, "duplicate")
        );
        let _ = writeln!(out, "indicators: {}", summary.indicators.join(", "));
        let _ = writeln!(
            out,
            "pairs: {} ({})",
            thousands(summary.pairs.len() as u64),
            abbreviated(&summary.pairs)
        );
        if let (Some(first), Some(last)) = (&summary.first_period, &summary.last_period) {
            let periods = thousands(summary.periods as u64);
            let _ = writeln!(out, "periods: {periods} (from {first} to {last})");
        }
        for line in &summary.derived_aggregates {
            let _ = writeln!(out, "derived: {}", escape_controls(line));
        }
        let _ = writeln!(out, "warnings: {}", thousands(self.warnings.len() as u64));
        for warning in &self.warnings {
            let _ = writeln!(
                out,
                "  {}: {}",
                warning.kind,
                escape_controls(&warning.message)
            );
        }
        let _ = writeln!(out, "status: {}", self.status);
        out
    }
}

/// Whether a file had rows but gave no figure, not even one repeated.
fn nothing_used(file: &FileReport) -> bool {
    file.rows > 0 && file.used + file.duplicates + file.conflicts == 0
}

impl FileSection {
    fn new(file: &FileReport) -> Self {
        let notes = |errors: &[LoadError]| {
            errors
                .iter()
                .map(|e| RowNote {
                    line: e.line,
                    field: e.field.clone(),
                    reason: e.problem.clone(),
                    row_group: e.row_group,
                })
                .collect()
        };
        Self {
            path: file.path.clone(),
            format: file.format.name().to_string(),
            rows_read: file.rows,
            figures_used: file.used,
            rows_skipped: file.skipped.count,
            skipped: notes(&file.skipped.listed),
            rows_not_used: file.unused.count,
            not_used: notes(&file.unused.listed),
            rows_skipped_unlisted: file.skipped.unlisted(),
            rows_not_used_unlisted: file.unused.unlisted(),
            duplicates: file.duplicates,
            conflicts: file.conflicts,
            remarks: file.remarks.clone(),
            nothing_used: nothing_used(file),
        }
    }
}

/// Every period with a figure, in order. The years summed from months are
/// not made: their periods are counted.
fn distinct_periods(data: &Dataset) -> Vec<Period> {
    let keys: Vec<&SeriesKey> = data.series_keys().collect();
    let mut found = data.read_in_halves(&keys, |keys| periods_of(data, keys));
    found.extend_from_slice(data.computed_year_periods());
    found.sort_unstable();
    found.dedup();
    found
}

/// The periods of the series of `keys`, each once (in the order met).
fn periods_of(data: &Dataset, keys: &[&SeriesKey]) -> Vec<Period> {
    let mut seen = PeriodsSeen::default();
    // Most series cover the same periods as the series before them (every
    // pair of a download, each of a year of BACI), and are then skipped.
    let mut previous: &[Observation] = &[];
    for key in keys {
        let series = data.series(key);
        let same = series.len() == previous.len()
            && series
                .iter()
                .zip(previous)
                .all(|(a, b)| a.period == b.period);
        previous = series;
        if !same {
            seen.insert_series(series);
        }
    }
    seen.found
}

/// The distinct periods of many figures, each figure costing a bit test:
/// a period is its last month above [`Period::MONTH_SHIFT`] bits (its low
/// part) that are the same for every period of one span kind and length
/// (all but the cumulative spans have one length), so each low part keeps
/// a bitmap of months.
#[derive(Default)]
struct PeriodsSeen {
    /// Each low part met and its bitmap of months; the last used first.
    bitmaps: Vec<(u32, Box<[u64; MONTH_WORDS]>)>,
    /// Each period met, once, in the order met.
    found: Vec<Period>,
}

/// The words of a bitmap of every month a period can end in.
const MONTH_WORDS: usize = (1 << (32 - Period::MONTH_SHIFT)) / 64;

/// A period's low part and month.
fn low_part_and_month(period: Period) -> (u32, usize) {
    let raw = period.sort_key();
    let low = (raw & ((1 << Period::MONTH_SHIFT) - 1)) as u32;
    (
        low,
        (raw >> Period::MONTH_SHIFT) as usize % (MONTH_WORDS * 64),
    )
}

impl PeriodsSeen {
    /// Past this many low parts (cumulative spans of many lengths), a
    /// period is looked up in `found` instead.
    const MAX_BITMAPS: usize = 16;

    /// The periods of a series: all of one low part but in cumulative
    /// series, so a bitmap is found once for each run of one low part.
    fn insert_series(&mut self, series: &[Observation]) {
        let mut rest = series;
        while let Some(first) = rest.first() {
            let (low, _) = low_part_and_month(first.period);
            let Some(bitmap) = bitmap_of(&mut self.bitmaps, low) else {
                if !self.found.contains(&first.period) {
                    self.found.push(first.period);
                }
                rest = &rest[1..];
                continue;
            };
            let mut done = 0;
            for observation in rest {
                let (other, month) = low_part_and_month(observation.period);
                if other != low {
                    break;
                }
                let (word, bit) = (&mut bitmap[month / 64], 1 << (month % 64));
                if *word & bit == 0 {
                    *word |= bit;
                    self.found.push(observation.period);
                }
                done += 1;
            }
            rest = &rest[done..];
        }
    }
}

/// The bitmap of a low part, moved first; `None` past
/// [`PeriodsSeen::MAX_BITMAPS`].
#[inline]
fn bitmap_of(
    bitmaps: &mut Vec<(u32, Box<[u64; MONTH_WORDS]>)>,
    low: u32,
) -> Option<&mut [u64; MONTH_WORDS]> {
    if matches!(bitmaps.first(), Some((part, _)) if *part == low) {
        return Some(&mut bitmaps[0].1);
    }
    let at = match bitmaps.iter().position(|(part, _)| *part == low) {
        Some(at) => at,
        None if bitmaps.len() < PeriodsSeen::MAX_BITMAPS => {
            bitmaps.push((low, Box::new([0; MONTH_WORDS])));
            bitmaps.len() - 1
        }
        None => return None,
    };
    bitmaps.swap(0, at);
    Some(&mut bitmaps[0].1)
}

/// "a, b, c" or "a, b, … and 1,409 more (--json lists all)", as warnings
/// name items.
fn abbreviated(items: &[String]) -> String {
    let text = named(items);
    if items.len() > NAMED_ITEMS {
        format!("{text} (--json lists all)")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetBuilder;
    use crate::data::synthetic;

    #[test]
    fn periods_seen_are_each_period_once() {
        use crate::data::model::{Span, YearMonth};
        let mut rng = synthetic::SplitMix64::new(19);
        let mut random = |bound| rng.below(bound);
        // Cumulative spans of many lengths, past the bitmaps kept, among
        // the spans of one length each.
        let template = Dataset::embedded().observations()[0];
        for lengths in [1, 40] {
            let mut seen = PeriodsSeen::default();
            let mut all = Vec::new();
            for _ in 0..20_000 {
                let year = 1990 + random(40) as i32;
                let month = YearMonth::new(year, 1 + random(12) as u32).unwrap();
                let span = match random(5) {
                    0 => Span::Year(year),
                    1 => Span::Quarter {
                        year,
                        quarter: 1 + random(4) as u8,
                    },
                    2 => Span::Month(month),
                    3 => Span::Rolling12(month),
                    _ => Span::Interval {
                        first: YearMonth::new(year - random(lengths) as i32, 1).unwrap(),
                        last: month,
                    },
                };
                let period = Period::from_span(span).unwrap();
                seen.insert_series(&[Observation { period, ..template }]);
                all.push(period);
                if random(50) == 0 {
                    // A series of the last few, of more than one kind.
                    let series: Vec<Observation> = all[all.len().saturating_sub(4)..]
                        .iter()
                        .map(|&period| Observation { period, ..template })
                        .collect();
                    seen.insert_series(&series);
                }
            }
            all.sort_unstable();
            all.dedup();
            let mut found = seen.found;
            found.sort_unstable();
            assert_eq!(found, all, "{lengths} lengths");
        }
    }

    #[test]
    fn distinct_periods_are_every_period_with_a_figure_in_order() {
        let mut datasets = vec![Dataset::embedded()];
        for (rows, seed) in [(5_000, 1), (60_000, 7)] {
            let mut builder = DatasetBuilder::new();
            builder
                .add_native("s.csv", &synthetic::csv_bytes(rows, seed), false)
                .unwrap();
            datasets.push(builder.build());
        }
        for data in &datasets {
            let mut expected: Vec<Period> = data.observations().iter().map(|o| o.period).collect();
            expected.extend_from_slice(data.computed_year_periods());
            expected.sort();
            expected.dedup();
            assert_eq!(distinct_periods(data), expected);
        }
    }
}
