//! What loading found, for the status line, the warnings list and the check
//! report: each file's counts and rows, warnings, and where a figure came from.

use crate::data::load::Format;
use crate::data::load::error::{LoadError, RowList};
use crate::data::model::{Area, Currency, Measure, Origin, Period, Row};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarningKind {
    /// A row left out in lenient mode.
    SkippedRow,
    /// A row a format deliberately leaves out (a re-export, commodity detail,
    /// a balance): listed so nothing is dropped unseen, but not a problem.
    NotUsed,
    /// A group figure the data was meant to give but cannot, because some of
    /// its members' figures are missing (a member absent from the members'
    /// flows of a period).
    Incomplete,
    /// A group figure not computed because the data does not cover all it
    /// needs (China's trade with only some Belt and Road countries): a note on
    /// what the data covers, not a problem with the load.
    Remark,
    /// Two different values for the same figure.
    Conflict,
    /// Published growth that disagrees with growth computed from the data.
    GrowthMismatch,
    /// A figure whose unit is in doubt: a row without the unit multiplier
    /// its series' other rows have.
    Unit,
    /// A file of product names beside a data file (BACI's `product_codes`)
    /// that could not be read, in whole or in part: codes show without
    /// those names; the figures are not touched.
    Names,
}

impl WarningKind {
    /// Whether the warning is about loading (exit status 1 for `--check`);
    /// data-quality findings describe the figures, not the load.
    pub fn is_load_problem(self) -> bool {
        !matches!(
            self,
            WarningKind::GrowthMismatch
                | WarningKind::NotUsed
                | WarningKind::Remark
                | WarningKind::Unit
                | WarningKind::Names
        )
    }

    /// Whether it counts as a warning: rows skipped or not used are listed
    /// with the warnings but counted apart, as rows (the status line and
    /// `--check` give their counts beside the count of warnings).
    pub fn is_warning(self) -> bool {
        !matches!(self, WarningKind::SkippedRow | WarningKind::NotUsed)
    }

    pub fn label(self) -> &'static str {
        match self {
            WarningKind::SkippedRow => "skipped row",
            WarningKind::NotUsed => "not used",
            WarningKind::Incomplete => "incomplete",
            WarningKind::Remark => "note",
            WarningKind::Conflict => "conflict",
            WarningKind::GrowthMismatch => "data quality",
            WarningKind::Unit => "unit",
            WarningKind::Names => "names",
        }
    }
}

/// A warning: what a person reads, and the same in fields for scripts
/// (`--check --json`).
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    /// The file it is about, if one.
    pub file: Option<String>,
    /// The line of the file, if one.
    pub line: Option<u64>,
    /// The figure it is about, if one.
    pub figure: Option<FigureRef>,
    /// The group whose computed figures it is about (the EAEU, the Belt and
    /// Road), for the group's tab.
    pub group: Option<Area>,
}

/// What a warning says a figure is: a measure of a pair in a period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FigureRef {
    pub measure: Measure,
    pub reporter: Area,
    pub partner: Area,
    pub period: Period,
    pub currency: Currency,
}

impl Warning {
    pub fn new(kind: WarningKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            file: None,
            line: None,
            figure: None,
            group: None,
        }
    }

    /// The same, about a file and, if known, a line of it.
    pub fn in_file(self, file: &str, line: Option<u64>) -> Self {
        Self {
            file: Some(file.to_string()),
            line,
            ..self
        }
    }

    /// The same, about the computed figures of a group.
    pub fn on_group(self, group: Area) -> Self {
        Self {
            group: Some(group),
            ..self
        }
    }

    /// The same, about a figure (the currency of a growth rate: that of
    /// the figures it is computed from).
    pub fn about(self, figure: FigureRef) -> Self {
        Self {
            figure: Some(figure),
            ..self
        }
    }
}

/// Counts for the status line and the `--check` report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub rows_read: u64,
    pub rows_skipped: u64,
    /// Rows a format deliberately leaves out (see [`WarningKind::NotUsed`]).
    pub rows_not_used: u64,
    /// Rows that repeat a figure exactly; kept once.
    pub duplicates: u64,
}

/// What one input file gave, for the check report.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    pub path: String,
    pub format: Format,
    /// Data rows read, whatever became of them.
    pub rows: u64,
    /// Figures from this file in the dataset (repeats and conflicts left out).
    pub used: u64,
    /// Rows left out in lenient mode, with the reason.
    pub skipped: RowList,
    /// Rows deliberately not used (re-exports, commodity detail, …).
    pub unused: RowList,
    pub remarks: Vec<String>,
    /// Figures used whose meaning is in doubt (see `FileLoad::warnings`).
    pub warnings: Vec<LoadError>,
    /// Rows that repeat a figure already loaded exactly.
    pub duplicates: u64,
    /// Rows that give a figure already loaded a different value.
    pub conflicts: u64,
}

/// Unpacks a row into its file and line; `None` for a computed figure.
pub(super) fn origin(file_rows: &[u32], row: Row) -> Option<Origin> {
    if row == Row::COMPUTED {
        return None;
    }
    let file = file_rows
        .partition_point(|&start| start <= row.0)
        .saturating_sub(1);
    Some(Origin {
        file: u16::try_from(file).unwrap_or(u16::MAX),
        line: row.0 - file_rows.get(file).copied().unwrap_or(0),
    })
}

/// "file:line", or "computed".
pub(super) fn origin_text(files: &[FileReport], origin: Option<Origin>) -> String {
    match origin.and_then(|o| Some((files.get(usize::from(o.file))?, o.line))) {
        Some((file, line)) => format!("{}:{line}", file.path),
        None => "computed".to_string(),
    }
}
