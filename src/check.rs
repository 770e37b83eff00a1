//! The `--check` report: per file, what was read, used, skipped and why; then
//! the dataset as a whole. Printed as text for people or JSON for scripts.

use serde::Serialize;

use crate::data::derive::aggregate::{NAMED_ITEMS, named};
use crate::data::load::error::escape_controls;
use crate::data::model::{counted, grouped, span_of_lines, thousands};
use crate::data::store::FileReport;
use crate::data::{Dataset, LoadError, Observation, Period, Warning};

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
        let sorted_unique = |mut items: Vec<String>| {
            items.sort();
            items.dedup();
            items
        };
        // Distinct values from the series index (a few thousand keys), not
        // from every observation.
        let indicators = sorted_unique(data.series_keys().map(|k| k.measure.to_string()).collect());
        let pairs = sorted_unique(
            data.series_keys()
                .map(|k| format!("{}-{}", k.reporter, k.partner))
                .collect(),
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

/// Every period with a figure, in order. Most series cover the same periods
/// as the series before them, so a series is merged in only when it differs.
/// The years summed from months are not made: their periods are counted.
fn distinct_periods(data: &Dataset) -> Vec<Period> {
    let mut periods: Vec<Period> = data.computed_year_periods().to_vec();
    let mut previous: &[Observation] = &[];
    for key in data.series_keys() {
        let series = data.series(key);
        let same = series.len() == previous.len()
            && series
                .iter()
                .zip(previous)
                .all(|(a, b)| a.period == b.period);
        previous = series;
        if same {
            continue;
        }
        // A series' periods mostly follow each other in the list as well,
        // so the place after the last one found is tried first.
        let mut next = 0;
        for observation in series {
            let period = observation.period;
            if periods.get(next) == Some(&period) {
                next += 1;
                continue;
            }
            next = match periods.binary_search(&period) {
                Ok(at) => at + 1,
                Err(at) => {
                    periods.insert(at, period);
                    at + 1
                }
            };
        }
    }
    periods
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
