//! The dataset: every figure loaded, sorted once into series, with the queries
//! the views ask and the figures derived from published ones.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use super::aggregate;
use super::error::{LoadError, RowList};
use super::format::{self, Format};
use super::model::{Area, Currency, Indicator, Measure};
use super::native::FileLoad;
use super::observation::{Observation, Origin, Row, TextId, Texts};
use super::period::{Period, SpanKind};
use super::series_sort::sort;

/// The default dataset, compiled in: built from `../shared/data/reference.csv`.
pub const EMBEDDED_CSV: &str = include_str!("../../assets/eurasia-trade.csv");
pub const EMBEDDED_NAME: &str = "embedded: assets/eurasia-trade.csv";

/// Published and computed growth that differ by more than this many percentage
/// points are reported as a data-quality finding.
pub const GROWTH_TOLERANCE_PP: f64 = 0.15;

/// One indicator of a reporter–partner pair: what most queries ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Flow {
    pub indicator: Indicator,
    pub reporter: Area,
    pub partner: Area,
}

impl Flow {
    pub fn new(indicator: Indicator, reporter: Area, partner: Area) -> Self {
        Self {
            indicator,
            reporter,
            partner,
        }
    }

    /// The same pair with another indicator.
    pub fn with(self, indicator: Indicator) -> Self {
        Self { indicator, ..self }
    }
}

/// One line of figures: a measure for a reporter–partner pair, in one currency
/// and one kind of span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesKey {
    pub measure: Measure,
    pub reporter: Area,
    pub partner: Area,
    pub currency: Currency,
    pub kind: SpanKind,
}

impl SeriesKey {
    /// The series of a flow's level (or, with `growth`, its published growth
    /// rate) in a currency and kind of span.
    pub fn new(flow: Flow, growth: bool, currency: Currency, kind: SpanKind) -> Self {
        Self {
            measure: Measure {
                indicator: flow.indicator,
                growth,
            },
            reporter: flow.reporter,
            partner: flow.partner,
            currency,
            kind,
        }
    }

    pub(super) fn of(observation: &Observation) -> Self {
        Self {
            measure: observation.measure,
            reporter: observation.reporter,
            partner: observation.partner,
            currency: observation.currency,
            kind: observation.period.kind(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarningKind {
    /// A row left out in lenient mode.
    SkippedRow,
    /// A row a format deliberately leaves out (a re-export, commodity detail,
    /// a balance): listed so nothing is dropped unseen, but not a problem.
    NotUsed,
    /// A group aggregate not computed for a period because members' figures are missing.
    Incomplete,
    /// Two different values for the same figure.
    Conflict,
    /// Published growth that disagrees with growth computed from the data.
    GrowthMismatch,
}

impl WarningKind {
    /// Whether the warning is about loading (exit status 1 for `--check`);
    /// data-quality findings describe the figures, not the load.
    pub fn is_load_problem(self) -> bool {
        !matches!(self, WarningKind::GrowthMismatch | WarningKind::NotUsed)
    }

    /// Whether it counts as a warning: rows a format leaves out by design are
    /// listed with the warnings but are not one.
    pub fn is_warning(self) -> bool {
        self != WarningKind::NotUsed
    }

    pub fn label(self) -> &'static str {
        match self {
            WarningKind::SkippedRow => "skipped row",
            WarningKind::NotUsed => "not used",
            WarningKind::Incomplete => "incomplete",
            WarningKind::Conflict => "conflict",
            WarningKind::GrowthMismatch => "data quality",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
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

/// How a level was obtained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Basis<'a> {
    Published(&'a Observation),
    /// Total trade computed as exports + imports.
    Derived,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Level<'a> {
    /// In the currency's base unit (dollars, yuan, percent).
    pub amount: f64,
    pub basis: Basis<'a>,
}

impl<'a> Level<'a> {
    pub fn observation(&self) -> Option<&'a Observation> {
        match self.basis {
            Basis::Published(observation) => Some(observation),
            Basis::Derived => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrowthKind {
    /// Computed from the same span one year earlier in the same currency.
    Computed,
    /// The published `_yoy` figure, used where no earlier span is in the data.
    Published,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Growth {
    pub percent: f64,
    pub kind: GrowthKind,
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
    /// Rows that repeat a figure already loaded exactly.
    pub duplicates: u64,
    /// Rows that give a figure already loaded a different value.
    pub conflicts: u64,
}

/// All figures, sorted by series and period, with a sorted index of series.
#[derive(Debug, Default)]
pub struct Dataset {
    observations: Vec<Observation>,
    series: Vec<(SeriesKey, Range<usize>)>,
    texts: Texts,
    files: Vec<FileReport>,
    /// The first row of each file: see [`Row`].
    file_rows: Vec<u32>,
    warnings: Vec<Warning>,
    stats: LoadStats,
    /// Computed group figures for which a published figure exists: both are
    /// real, so the computed one is kept beside it, sorted like `observations`.
    alternatives: Vec<Observation>,
    /// One line per group aggregate computed, for the check report.
    derived: Vec<String>,
}

/// Collects files, then sorts and indexes them once.
#[derive(Default)]
pub struct DatasetBuilder {
    texts: Texts,
    files: Vec<FileReport>,
    file_rows: Vec<u32>,
    next_row: u32,
    observations: Vec<Observation>,
}

impl DatasetBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file already in memory, in `format` or the format its header
    /// shows; `path` is how messages name it.
    pub fn add_file(
        &mut self,
        path: &str,
        bytes: &[u8],
        format: Option<Format>,
        lenient: bool,
    ) -> Result<(), LoadError> {
        self.check_file_count(path)?;
        let format = match format {
            Some(format) => format,
            None => format::detect(path, bytes)?,
        };
        let load = format::parse_as(format, path, bytes, &mut self.texts, lenient)?;
        self.add_load(path, format, load);
        Ok(())
    }

    /// Adds a file in `format` read from a stream, so a large file is never
    /// all in memory; `path` is how messages name it.
    pub fn add_reader(
        &mut self,
        path: &str,
        reader: impl Read,
        format: Format,
        lenient: bool,
    ) -> Result<(), LoadError> {
        self.check_file_count(path)?;
        let load = format::parse_reader_as(format, path, reader, &mut self.texts, lenient)?;
        self.add_load(path, format, load);
        Ok(())
    }

    fn check_file_count(&self, path: &str) -> Result<(), LoadError> {
        if self.files.len() >= usize::from(u16::MAX) {
            return Err(LoadError::file(path, "too many files (at most 65,535)"));
        }
        Ok(())
    }

    fn add_load(&mut self, path: &str, format: Format, mut load: FileLoad) {
        // Rows go on from the previous file's, so they order by file and line.
        let base = self.next_row;
        self.file_rows.push(base);
        let mut last = 0;
        for observation in &mut load.observations {
            last = last.max(observation.row.0);
            observation.row = Row(observation.row.0.saturating_add(base));
        }
        self.next_row = base.saturating_add(last).saturating_add(1);
        self.files.push(FileReport {
            path: path.to_string(),
            format,
            rows: load.rows,
            // Every figure, until repeats are dropped.
            used: load.observations.len() as u64,
            skipped: load.skipped,
            unused: load.unused,
            remarks: load.remarks,
            duplicates: 0,
            conflicts: 0,
        });
        if self.observations.is_empty() {
            self.observations = load.observations;
        } else {
            self.observations.extend(load.observations);
        }
    }

    /// Adds a native-format file already in memory.
    pub fn add_native(&mut self, path: &str, bytes: &[u8], lenient: bool) -> Result<(), LoadError> {
        self.add_file(path, bytes, Some(Format::Native), lenient)
    }

    pub fn build(self) -> Dataset {
        let mut files = self.files;
        let mut observations = self.observations;
        let index = sort(&mut observations);
        let mut warnings = row_warnings(&files);
        let file_rows = self.file_rows;
        let (observations, series) = match index {
            Some(series) => (observations, series),
            None => {
                let observations =
                    drop_repeats(observations, &mut files, &file_rows, &mut warnings);
                let series = index_series(&observations);
                (observations, series)
            }
        };
        let stats = LoadStats {
            rows_read: files.iter().map(|f| f.rows).sum(),
            rows_skipped: files.iter().map(|f| f.skipped.count).sum(),
            rows_not_used: files.iter().map(|f| f.unused.count).sum(),
            duplicates: files.iter().map(|f| f.duplicates).sum(),
        };
        let mut dataset = Dataset {
            observations,
            series,
            texts: self.texts,
            files,
            file_rows,
            warnings,
            stats,
            alternatives: Vec::new(),
            derived: Vec::new(),
        };
        dataset.add_aggregates();
        dataset.assign_yuan_growth();
        dataset.warnings.extend(dataset.growth_mismatches());
        dataset
    }
}

/// Each file's skipped rows, then the rows it did not use (as many as the
/// report lists, and a count of the rest), in file order.
fn row_warnings(files: &[FileReport]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for file in files {
        for (rows, kind, what) in [
            (&file.skipped, WarningKind::SkippedRow, "skipped"),
            (&file.unused, WarningKind::NotUsed, "not used"),
        ] {
            warnings.extend(rows.listed.iter().map(|error| Warning {
                kind,
                message: error.to_string(),
            }));
            if rows.unlisted() > 0 {
                warnings.push(Warning {
                    kind,
                    message: format!(
                        "{}: {} more rows {what} (only the first {} are listed)",
                        file.path,
                        rows.unlisted(),
                        RowList::LISTED
                    ),
                });
            }
        }
    }
    warnings
}

/// Keeps the first of several rows for the same figure: an exact repeat is
/// counted, a different value is a conflict warning naming both rows. Both are
/// counted against the file of the later row, and no longer as used in it.
/// Works in place, so the observations are never held twice.
fn drop_repeats(
    mut sorted: Vec<Observation>,
    files: &mut [FileReport],
    file_rows: &[u32],
    warnings: &mut Vec<Warning>,
) -> Vec<Observation> {
    let mut kept = 0;
    for i in 0..sorted.len() {
        let observation = sorted[i];
        if kept > 0
            && let previous = sorted[kept - 1]
            && previous.period == observation.period
            && SeriesKey::of(&previous) == SeriesKey::of(&observation)
        {
            let later = origin(file_rows, observation.row).expect("loaded figures have a file");
            let file = &mut files[usize::from(later.file)];
            file.used -= 1;
            if same_amount(previous.amount(), observation.amount()) {
                file.duplicates += 1;
            } else {
                file.conflicts += 1;
                warnings.push(Warning {
                    kind: WarningKind::Conflict,
                    message: format!(
                        "{} {}–{} {}: {} {} at {} but {} {} at {}; the first is used",
                        previous.measure,
                        previous.reporter,
                        previous.partner,
                        previous.period,
                        { previous.value },
                        previous.unit.code(),
                        origin_text(files, origin(file_rows, previous.row)),
                        { observation.value },
                        observation.unit.code(),
                        origin_text(files, Some(later)),
                    ),
                });
            }
            continue;
        }
        sorted[kept] = observation;
        kept += 1;
    }
    sorted.truncate(kept);
    sorted
}

/// Rounded to a tenth, with a rounded −0.0 made 0.0 so it prints as "+0.0".
fn tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0 + 0.0
}

fn same_amount(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Unpacks a row into its file and line; `None` for a computed figure.
fn origin(file_rows: &[u32], row: Row) -> Option<Origin> {
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

fn origin_text(files: &[FileReport], origin: Option<Origin>) -> String {
    match origin.and_then(|o| Some((files.get(usize::from(o.file))?, o.line))) {
        Some((file, line)) => format!("{}:{line}", file.path),
        None => "computed".to_string(),
    }
}

pub(super) fn index_series(sorted: &[Observation]) -> Vec<(SeriesKey, Range<usize>)> {
    let mut series: Vec<(SeriesKey, Range<usize>)> = Vec::new();
    for (position, observation) in sorted.iter().enumerate() {
        let key = SeriesKey::of(observation);
        match series.last_mut() {
            Some((last, range)) if *last == key => range.end = position + 1,
            _ => series.push((key, position..position + 1)),
        }
    }
    series
}

/// Loads files from disk (in `format`, or each in the format its header
/// shows), merged into one dataset.
pub fn load_files(
    paths: &[impl AsRef<Path>],
    format: Option<Format>,
    lenient: bool,
) -> Result<Dataset, LoadError> {
    let mut builder = DatasetBuilder::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let mut file = open_file(path, &name)?;
        // The header decides the format; the file is then streamed, the head
        // first, so that memory holds its figures and not its bytes.
        let head = read_head(&mut file, &name)?;
        let format = match format {
            Some(format) => format,
            None => format::detect(&name, &head)?,
        };
        builder.add_reader(&name, head.as_slice().chain(file), format, lenient)?;
    }
    Ok(builder.build())
}

/// Opens a file for reading, with a message a person can act on when it cannot.
pub fn open_file(path: &Path, name: &str) -> Result<std::fs::File, LoadError> {
    if path.is_dir() {
        return Err(LoadError::file(name, "is a directory, not a data file"));
    }
    std::fs::File::open(path).map_err(|error| file_error(name, error))
}

/// The start of a file up to and including its first line end (or all of a
/// file without one), enough to tell its format.
fn read_head(file: &mut std::fs::File, name: &str) -> Result<Vec<u8>, LoadError> {
    let mut head = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let read = file
            .read(&mut chunk)
            .map_err(|error| file_error(name, error))?;
        head.extend_from_slice(&chunk[..read]);
        if read == 0 || chunk[..read].contains(&b'\n') {
            return Ok(head);
        }
    }
}

fn file_error(name: &str, error: std::io::Error) -> LoadError {
    let problem = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory, not a data file".to_string(),
        _ => format!("cannot read: {error}"),
    };
    LoadError::file(name, problem)
}

impl Dataset {
    /// The compiled-in default dataset.
    pub fn embedded() -> Self {
        let mut builder = DatasetBuilder::new();
        builder
            .add_native(EMBEDDED_NAME, EMBEDDED_CSV.as_bytes(), false)
            .expect("the embedded dataset is valid (checked by tests)");
        builder.build()
    }

    /// The computed figure for a key and period where a published one exists.
    pub fn computed_alternative(&self, key: &SeriesKey, period: Period) -> Option<&Observation> {
        let start = self
            .alternatives
            .partition_point(|o| (SeriesKey::of(o), o.period) < (*key, period));
        self.alternatives
            .get(start)
            .filter(|o| SeriesKey::of(o) == *key && o.period == period)
    }

    /// One line per group aggregate computed from member flows.
    pub fn derived_aggregates(&self) -> &[String] {
        &self.derived
    }

    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// How many of [`Dataset::warnings`] are warnings rather than rows not used.
    pub fn warning_count(&self) -> usize {
        self.warnings.iter().filter(|w| w.kind.is_warning()).count()
    }

    pub fn stats(&self) -> &LoadStats {
        &self.stats
    }

    pub fn text(&self, id: TextId) -> &str {
        self.texts.get(id)
    }

    /// The file and line an observation came from; `None` when it was computed.
    pub fn origin(&self, observation: &Observation) -> Option<Origin> {
        origin(&self.file_rows, observation.row)
    }

    /// "file:line", or "computed".
    pub fn origin_text(&self, observation: &Observation) -> String {
        origin_text(&self.files, self.origin(observation))
    }

    pub fn series_keys(&self) -> impl Iterator<Item = &SeriesKey> {
        self.series.iter().map(|(key, _)| key)
    }

    /// The figures of one series, ordered by period.
    pub fn series(&self, key: &SeriesKey) -> &[Observation] {
        match self.series.binary_search_by(|(k, _)| k.cmp(key)) {
            Ok(found) => &self.observations[self.series[found].1.clone()],
            Err(_) => &[],
        }
    }

    /// The series of one measure and reporter, for every partner, currency and
    /// span, each with its figures.
    pub(crate) fn series_of(
        &self,
        measure: Measure,
        reporter: Area,
    ) -> impl Iterator<Item = (&SeriesKey, &[Observation])> {
        self.series_index_of(measure, reporter)
            .iter()
            .map(|(key, range)| (key, &self.observations[range.clone()]))
    }

    fn series_index_of(&self, measure: Measure, reporter: Area) -> &[(SeriesKey, Range<usize>)] {
        let start = self
            .series
            .partition_point(|(k, _)| (k.measure, k.reporter) < (measure, reporter));
        let end = self
            .series
            .partition_point(|(k, _)| (k.measure, k.reporter) <= (measure, reporter));
        &self.series[start..end]
    }

    /// The published figure for a period, if any.
    pub fn find(&self, key: &SeriesKey, period: Period) -> Option<&Observation> {
        debug_assert_eq!(key.kind, period.kind());
        let series = self.series(key);
        series
            .binary_search_by(|o| o.period.cmp(&period))
            .ok()
            .map(|i| &series[i])
    }

    /// A level for a period: the published figure, or for total trade, exports
    /// plus imports when both are published in the currency.
    pub fn level(&self, flow: Flow, currency: Currency, period: Period) -> Option<Level<'_>> {
        let key = |flow| SeriesKey::new(flow, false, currency, period.kind());
        if let Some(observation) = self.find(&key(flow), period) {
            return Some(Level {
                amount: observation.amount(),
                basis: Basis::Published(observation),
            });
        }
        if flow.indicator != Indicator::Trade {
            return None;
        }
        let exports = self.find(&key(flow.with(Indicator::Exports)), period)?;
        let imports = self.find(&key(flow.with(Indicator::Imports)), period)?;
        Some(Level {
            amount: exports.amount() + imports.amount(),
            basis: Basis::Derived,
        })
    }

    /// Growth computed from the data where the same span a year earlier exists in
    /// the same currency.
    pub fn computed_growth(&self, flow: Flow, currency: Currency, period: Period) -> Option<f64> {
        let now = self.level(flow, currency, period)?;
        let before = self.level(flow, currency, period.year_earlier())?;
        (before.amount != 0.0).then(|| (now.amount / before.amount - 1.0) * 100.0)
    }

    /// The published `_yoy` figure for a series in `currency`.
    pub fn published_growth(
        &self,
        flow: Flow,
        currency: Currency,
        period: Period,
    ) -> Option<&Observation> {
        self.find(&SeriesKey::new(flow, true, currency, period.kind()), period)
    }

    /// Year-on-year growth: computed where possible, otherwise published.
    pub fn growth(&self, flow: Flow, currency: Currency, period: Period) -> Option<Growth> {
        if let Some(percent) = self.computed_growth(flow, currency, period) {
            return Some(Growth {
                percent,
                kind: GrowthKind::Computed,
            });
        }
        self.published_growth(flow, currency, period)
            .map(|observation| Growth {
                percent: observation.value,
                kind: GrowthKind::Published,
            })
    }

    /// Adds the group figures computed from member flows. A computed figure for
    /// which a published one exists is kept apart, as its alternative.
    fn add_aggregates(&mut self) {
        let mut texts = std::mem::take(&mut self.texts);
        let aggregates = aggregate::compute(self, &mut texts);
        self.texts = texts;
        self.derived = aggregates.derived;
        self.warnings
            .extend(aggregates.incomplete.into_iter().map(|message| Warning {
                kind: WarningKind::Incomplete,
                message,
            }));
        if aggregates.observations.is_empty() {
            return;
        }
        let (alternatives, new): (Vec<Observation>, Vec<Observation>) = aggregates
            .observations
            .into_iter()
            .partition(|o| self.find(&SeriesKey::of(o), o.period).is_some());
        self.alternatives = alternatives;
        sort(&mut self.alternatives);
        self.observations.extend(new);
        self.series =
            sort(&mut self.observations).unwrap_or_else(|| index_series(&self.observations));
    }

    /// A published growth rate refers to the dollar series unless its note says
    /// yuan; where the data has only a yuan level for its period, it can only
    /// refer to that one.
    fn assign_yuan_growth(&mut self) {
        let level_in =
            |o: &Observation, currency| self.level(o.flow(), currency, o.period).is_some();
        // From the series index, so that only growth rates are read.
        let yuan_only: Vec<usize> = self
            .series
            .iter()
            .filter(|(key, _)| key.measure.growth && key.currency == Currency::Usd)
            .flat_map(|(_, range)| range.clone())
            .filter(|&i| {
                let o = &self.observations[i];
                !level_in(o, Currency::Usd) && level_in(o, Currency::Cny)
            })
            .collect();
        if yuan_only.is_empty() {
            return;
        }
        for i in yuan_only {
            self.observations[i].currency = Currency::Cny;
        }
        self.series =
            sort(&mut self.observations).unwrap_or_else(|| index_series(&self.observations));
    }

    /// Every published growth rate that differs from the computed one by more
    /// than the tolerance.
    fn growth_mismatches(&self) -> Vec<Warning> {
        let mut findings = Vec::new();
        for (key, range) in &self.series {
            if !key.measure.growth {
                continue;
            }
            for published in &self.observations[range.clone()] {
                let indicator = key.measure.indicator;
                let Some(computed) =
                    self.computed_growth(published.flow(), key.currency, published.period)
                else {
                    continue;
                };
                if (computed - published.value).abs() > GROWTH_TOLERANCE_PP {
                    findings.push(Warning {
                        kind: WarningKind::GrowthMismatch,
                        message: format!(
                            "{} {}–{} {}: published growth {:+.1}% but the data gives {:+.1}% ({} in {})",
                            indicator.code(),
                            key.reporter,
                            key.partner,
                            published.period,
                            tenths(published.value),
                            tenths(computed),
                            self.origin_text(published),
                            key.currency.code(),
                        ),
                    });
                }
            }
        }
        findings
    }

    /// Reporter–partner pairs with exports, imports or total trade in money.
    pub fn trade_pairs(&self) -> Vec<(Area, Area)> {
        let mut pairs: Vec<(Area, Area)> = self
            .series
            .iter()
            .filter(|(k, _)| {
                !k.measure.growth
                    && matches!(
                        k.measure.indicator,
                        Indicator::Exports | Indicator::Imports | Indicator::Trade
                    )
                    && k.currency != Currency::Percent
            })
            .map(|(k, _)| (k.reporter, k.partner))
            .collect();
        pairs.sort();
        pairs.dedup();
        pairs
    }

    /// The currencies the given indicators of a pair are published in.
    pub fn currencies(
        &self,
        indicators: &[Indicator],
        reporter: Area,
        partner: Area,
    ) -> Vec<Currency> {
        let mut currencies: Vec<Currency> = indicators
            .iter()
            .flat_map(|&indicator| self.series_index_of(Measure::level(indicator), reporter))
            .filter(|(k, _)| k.partner == partner)
            .map(|(k, _)| k.currency)
            .collect();
        currencies.sort();
        currencies.dedup();
        currencies
    }

    /// The periods of one span kind in which any of the measures has a figure,
    /// for a pair and a currency, in order.
    pub fn periods(
        &self,
        measures: &[Measure],
        reporter: Area,
        partner: Area,
        currency: Currency,
        kind: SpanKind,
    ) -> Vec<Period> {
        let mut periods: Vec<Period> = measures
            .iter()
            .flat_map(|&measure| {
                self.series(&SeriesKey {
                    measure,
                    reporter,
                    partner,
                    currency,
                    kind,
                })
            })
            .map(|o| o.period)
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }

    /// The span kinds with figures for any of the measures of a pair.
    pub fn span_kinds(&self, measures: &[Measure], reporter: Area, partner: Area) -> Vec<SpanKind> {
        let mut kinds: Vec<SpanKind> = measures
            .iter()
            .flat_map(|&measure| self.series_index_of(measure, reporter))
            .filter(|(k, _)| k.partner == partner)
            .map(|(k, _)| k.kind)
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// The periods in which a reporter has a figure of `measure` for any partner.
    pub fn reporter_periods(&self, measure: Measure, reporter: Area) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .series_index_of(measure, reporter)
            .iter()
            .flat_map(|(_, range)| &self.observations[range.clone()])
            .map(|o| o.period)
            .collect();
        periods.sort();
        periods.dedup();
        periods
    }

    /// Every partner's figure of `measure` for a reporter in one period.
    pub fn partners_at(
        &self,
        measure: Measure,
        reporter: Area,
        period: Period,
    ) -> Vec<&Observation> {
        self.series_index_of(measure, reporter)
            .iter()
            .filter(|(k, _)| k.kind == period.kind())
            .filter_map(|(key, _)| self.find(key, period))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{CHINA, RUSSIA};
    use crate::data::series_sort::tests::random_numbers;
    use crate::data::series_sort::{BUCKET_SORT_MIN, sort_by_comparison};

    fn dataset(csv: &str) -> Dataset {
        let mut builder = DatasetBuilder::new();
        builder
            .add_native("test.csv", csv.as_bytes(), false)
            .unwrap();
        builder.build()
    }

    fn period(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    const HEADER: &str = "indicator,reporter,partner,period,value,unit,source,note\n";

    #[test]
    fn trade_is_derived_from_exports_and_imports_only_when_absent() {
        let data = dataset(&format!(
            "{HEADER}exports,CHN,RUS,2019,49.7,USD_BN,,\nimports,CHN,RUS,2019,61.05,USD_BN,,\n\
             exports,CHN,RUS,2020,50,USD_BN,,\nimports,CHN,RUS,2020,57,USD_BN,,\ntrade,CHN,RUS,2020,107.76,USD_BN,,\n"
        ));
        let level = |p| {
            data.level(
                Flow::new(Indicator::Trade, CHINA, RUSSIA),
                Currency::Usd,
                period(p),
            )
        };
        let derived = level("2019").unwrap();
        assert_eq!(derived.basis, Basis::Derived);
        assert!((derived.amount - 110.75e9).abs() < 1.0);
        let published = level("2020").unwrap();
        assert!(matches!(published.basis, Basis::Published(_)));
        assert!((published.amount - 107.76e9).abs() < 1.0);
        assert!(level("2018").is_none());
        assert!(
            data.level(
                Flow::new(Indicator::Trade, CHINA, RUSSIA),
                Currency::Cny,
                period("2019")
            )
            .is_none()
        );
    }

    #[test]
    fn growth_is_computed_where_a_year_earlier_exists_else_published() {
        let data = dataset(&format!(
            "{HEADER}imports,CHN,RUS,2017,41.2,USD_BN,,\nimports,CHN,RUS,2018,59.08,USD_BN,,\n\
             imports_yoy,CHN,RUS,2018,42.7,PCT,,\ntrade,CHN,RUS,2016,69.525,USD_BN,,\ntrade_yoy,CHN,RUS,2016,2.2,PCT,,\n"
        ));
        let computed = data
            .growth(
                Flow::new(Indicator::Imports, CHINA, RUSSIA),
                Currency::Usd,
                period("2018"),
            )
            .unwrap();
        assert_eq!(computed.kind, GrowthKind::Computed);
        assert!((computed.percent - 43.398).abs() < 0.001);
        let published = data
            .growth(
                Flow::new(Indicator::Trade, CHINA, RUSSIA),
                Currency::Usd,
                period("2016"),
            )
            .unwrap();
        assert_eq!(
            published,
            Growth {
                percent: 2.2,
                kind: GrowthKind::Published
            }
        );
        // 43.4% against 42.7% is more than the tolerance: a finding.
        let findings: Vec<&Warning> = data
            .warnings()
            .iter()
            .filter(|w| w.kind == WarningKind::GrowthMismatch)
            .collect();
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0].message.contains("imports CHN–RUS 2018"),
            "{}",
            findings[0].message
        );
        assert!(findings[0].message.contains("+42.7%") && findings[0].message.contains("+43.4%"));
    }

    #[test]
    fn published_growth_in_yuan_terms_is_never_compared_with_dollars() {
        let data = dataset(&format!(
            "{HEADER}odi_nonfin,CHN,BRI,2022,20.97,USD_BN,,\nodi_nonfin,CHN,BRI,2023,224.09,CNY_BN,,\n\
             odi_nonfin_yoy,CHN,BRI,2023,28.4,PCT,,growth in yuan terms\n"
        ));
        let bri = Area::parse("BRI").unwrap();
        let p = period("2023");
        assert!(
            data.growth(
                Flow::new(Indicator::OdiNonfin, CHINA, bri),
                Currency::Usd,
                p
            )
            .is_none()
        );
        let cny = data
            .growth(
                Flow::new(Indicator::OdiNonfin, CHINA, bri),
                Currency::Cny,
                p,
            )
            .unwrap();
        assert_eq!(
            cny,
            Growth {
                percent: 28.4,
                kind: GrowthKind::Published
            }
        );
    }

    #[test]
    fn growth_with_only_a_yuan_level_for_its_period_is_growth_in_yuan() {
        let data = dataset(&format!(
            "{HEADER}odi_nonfin,CHN,BRI,2021,20,USD_BN,,\nodi_nonfin_yoy,CHN,BRI,2021,5,PCT,,\n\
             odi_nonfin,CHN,BRI,2023,1600,CNY_BN,,\nodi_nonfin_yoy,CHN,BRI,2023,6.7,PCT,,\n"
        ));
        let bri = Area::parse("BRI").unwrap();
        let flow = Flow::new(Indicator::OdiNonfin, CHINA, bri);
        let published = |currency, year| {
            data.published_growth(flow, currency, period(year))
                .map(|o| o.value)
        };
        assert_eq!(published(Currency::Cny, "2023"), Some(6.7));
        assert_eq!(published(Currency::Usd, "2023"), None);
        assert_eq!(published(Currency::Usd, "2021"), Some(5.0));
        assert_eq!(published(Currency::Cny, "2021"), None);
    }

    #[test]
    fn repeats_are_counted_and_conflicts_reported_with_both_lines() {
        let data = dataset(&format!(
            "{HEADER}trade,CHN,RUS,2019,110.75,USD_BN,,\ntrade,CHN,RUS,2019,110750,USD_MN,,\ntrade,CHN,RUS,2019,111,USD_BN,,\n"
        ));
        assert_eq!(data.stats().duplicates, 1);
        assert_eq!(data.observations().len(), 1);
        let conflict = &data.warnings()[0];
        assert_eq!(conflict.kind, WarningKind::Conflict);
        assert!(conflict.message.contains("test.csv:2") && conflict.message.contains("test.csv:4"));
    }

    #[test]
    fn series_keep_span_kinds_apart_and_in_order() {
        let data = dataset(&format!(
            "{HEADER}trade,CHN,RUS,2021,146.887,USD_BN,,\ntrade,CHN,RUS,2021-04,10.803,USD_BN,,\n\
             trade,CHN,RUS,2014,95.4,USD_BN,,\ntrade,CHN,RUS,2021-01/2021-04,40.207,USD_BN,,\n"
        ));
        let key = |kind| SeriesKey {
            measure: Measure::level(Indicator::Trade),
            reporter: CHINA,
            partner: RUSSIA,
            currency: Currency::Usd,
            kind,
        };
        let annual: Vec<String> = data
            .series(&key(SpanKind::Annual))
            .iter()
            .map(|o| o.period.to_string())
            .collect();
        assert_eq!(annual, ["2014", "2021"]);
        assert_eq!(data.series(&key(SpanKind::Monthly)).len(), 1);
        assert_eq!(data.series(&key(SpanKind::Cumulative)).len(), 1);
        assert_eq!(
            data.span_kinds(&[Measure::level(Indicator::Trade)], CHINA, RUSSIA),
            [SpanKind::Annual, SpanKind::Monthly, SpanKind::Cumulative]
        );
        assert_eq!(data.trade_pairs(), [(CHINA, RUSSIA)]);
    }

    /// Native CSV rows for `pairs` pairs over `years` years, period after
    /// period: exports and imports of each month, and
    /// the year's total.
    fn period_major_rows(
        pairs: usize,
        years: i32,
        random: &mut impl FnMut(u64) -> u64,
    ) -> Vec<String> {
        let pair = |p: usize| {
            let code = |i: usize| {
                format!(
                    "Q{}{}",
                    (b'A' + (i / 26) as u8) as char,
                    (b'A' + (i % 26) as u8) as char
                )
            };
            (code(p), code(p + 1))
        };
        let mut rows = Vec::new();
        for year in 1990..1990 + years {
            let periods = (1..=12).map(|month| format!("{year}-{month:02}"));
            for period in periods.chain([year.to_string()]) {
                for p in 0..pairs {
                    let (reporter, partner) = pair(p);
                    for indicator in ["exports", "imports"] {
                        let value = random(100_000);
                        rows.push(format!(
                            "{indicator},{reporter},{partner},{period},{value},USD_MN,,"
                        ));
                    }
                }
            }
        }
        rows
    }

    /// Builds with the bucket sort and checks the result against the
    /// comparison sort's, repeats dropped and series indexed as before.
    fn check_against_comparison_sort(files: &[(&str, String)]) -> Dataset {
        let builder = || {
            let mut builder = DatasetBuilder::new();
            for (path, csv) in files {
                builder.add_native(path, csv.as_bytes(), false).unwrap();
            }
            builder
        };
        let data = builder().build();
        let builder = builder();
        assert!(builder.observations.len() >= BUCKET_SORT_MIN);
        let mut observations = builder.observations;
        sort_by_comparison(&mut observations);
        let mut files = builder.files;
        let mut warnings = row_warnings(&files);
        let observations =
            drop_repeats(observations, &mut files, &builder.file_rows, &mut warnings);
        assert!(data.observations == observations);
        assert_eq!(data.series, index_series(&observations));
        assert_eq!(data.files, files);
        assert_eq!(data.warnings[..warnings.len()], warnings[..]);
        for file in &data.files {
            assert_eq!(
                file.used + file.duplicates + file.conflicts,
                file.rows,
                "{}",
                file.path
            );
        }
        data
    }

    #[test]
    fn the_bucket_sort_builds_as_the_comparison_sort_with_series_in_order() {
        let mut random = random_numbers(7);
        let rows = period_major_rows(40, 8, &mut random);
        let data =
            check_against_comparison_sort(&[("one.csv", format!("{HEADER}{}\n", rows.join("\n")))]);
        assert_eq!(data.files[0].used, rows.len() as u64);
        assert_eq!(data.series.len(), 40 * 2 * 2);
    }

    #[test]
    fn the_bucket_sort_builds_as_the_comparison_sort_with_series_out_of_order() {
        let mut random = random_numbers(11);
        // Some rows moved, a whole year reversed: series to be sorted.
        let mut rows = period_major_rows(40, 8, &mut random);
        for _ in 0..50 {
            let from = random(rows.len() as u64) as usize;
            let to = random(rows.len() as u64) as usize;
            let row = rows.remove(from);
            rows.insert(to, row);
        }
        rows[2_000..3_000].reverse();
        let data =
            check_against_comparison_sort(&[("one.csv", format!("{HEADER}{}\n", rows.join("\n")))]);
        assert_eq!(data.stats().duplicates, 0);
    }

    #[test]
    fn the_bucket_sort_builds_as_the_comparison_sort_with_repeats_across_files() {
        let mut random = random_numbers(13);
        let rows = period_major_rows(40, 8, &mut random);
        // The first file gives some figures twice in a row, so their series
        // are in order of period yet repeat one.
        let mut first = rows.clone();
        let mut twice: Vec<usize> = (0..20)
            .map(|_| random(rows.len() as u64) as usize)
            .collect();
        twice.sort_unstable();
        for &i in twice.iter().rev() {
            first.insert(i + 1, rows[i].clone());
        }
        let first = format!("{HEADER}{}\n", first.join("\n"));
        let data = check_against_comparison_sort(&[("one.csv", first.clone())]);
        assert_eq!(data.files[0].duplicates, 20);
        // The second file repeats some rows of the first, exactly, in other
        // units or with other values, and some of its own.
        let mut second = Vec::new();
        for _ in 0..300 {
            let row = &rows[random(rows.len() as u64) as usize];
            let (figure, value) = row
                .rsplit_once(",USD_MN,,")
                .unwrap()
                .0
                .rsplit_once(',')
                .unwrap();
            second.push(match random(3) {
                0 => row.clone(),
                1 => format!(
                    "{figure},{},USD_BN,,",
                    value.parse::<f64>().unwrap() / 1000.0
                ),
                _ => format!("{figure},{}.5,USD_MN,,", value),
            });
            if random(10) == 0 {
                second.push(second.last().unwrap().clone());
            }
        }
        let data = check_against_comparison_sort(&[
            ("one.csv", first),
            ("two.csv", format!("{HEADER}{}\n", second.join("\n"))),
        ]);
        assert_eq!(data.files[0].used, rows.len() as u64);
        assert_eq!(data.files[0].duplicates, 20);
        assert!(data.files[1].duplicates > 0 && data.files[1].conflicts > 0);
        let conflicts = data
            .warnings()
            .iter()
            .filter(|w| w.kind == WarningKind::Conflict);
        assert_eq!(conflicts.count() as u64, data.files[1].conflicts);
    }
}
