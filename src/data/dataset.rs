//! The dataset: every figure loaded, sorted once into series, with the queries
//! the views ask and the figures derived from published ones.

use std::ops::Range;
use std::path::Path;

use super::error::LoadError;
use super::model::{Area, Currency, Indicator, Measure};
use super::native::{self, FileLoad};
use super::observation::{Observation, Origin, Row, TextId, Texts};
use super::period::{Period, SpanKind};

/// The default dataset, compiled in: built from `../shared/data/reference.csv`.
pub const EMBEDDED_CSV: &str = include_str!("../../assets/eurasia-trade.csv");
pub const EMBEDDED_NAME: &str = "embedded: assets/eurasia-trade.csv";

/// Published and computed growth that differ by more than this many percentage
/// points are reported as a data-quality finding.
pub const GROWTH_TOLERANCE_PP: f64 = 0.15;

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
    fn of(observation: &Observation) -> Self {
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
    /// Two different values for the same figure.
    Conflict,
    /// Published growth that disagrees with growth computed from the data.
    GrowthMismatch,
}

impl WarningKind {
    pub fn label(self) -> &'static str {
        match self {
            WarningKind::SkippedRow => "skipped row",
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

/// All figures, sorted by series and period, with a sorted index of series.
#[derive(Debug, Default)]
pub struct Dataset {
    observations: Vec<Observation>,
    series: Vec<(SeriesKey, Range<usize>)>,
    texts: Texts,
    files: Vec<String>,
    /// The first row of each file: see [`Row`].
    file_rows: Vec<u32>,
    warnings: Vec<Warning>,
    stats: LoadStats,
}

/// Collects files, then sorts and indexes them once.
#[derive(Default)]
pub struct DatasetBuilder {
    texts: Texts,
    files: Vec<String>,
    file_rows: Vec<u32>,
    next_row: u32,
    observations: Vec<Observation>,
    skipped: Vec<LoadError>,
    rows_read: u64,
}

impl DatasetBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a native-format file already in memory; `path` is how errors name it.
    pub fn add_native(&mut self, path: &str, bytes: &[u8], lenient: bool) -> Result<(), LoadError> {
        let file = u16::try_from(self.files.len())
            .map_err(|_| LoadError::file(path, "too many files (at most 65,535)"))?;
        let load = native::parse(path, bytes, file, &mut self.texts, lenient)?;
        self.files.push(path.to_string());
        self.add_load(load);
        Ok(())
    }

    /// Adds a native-format file read from a stream (a block at a time, so a
    /// large file is never all in memory); `path` is how errors name it.
    pub fn add_native_reader(
        &mut self,
        path: &str,
        reader: impl std::io::Read,
        lenient: bool,
    ) -> Result<(), LoadError> {
        let file = u16::try_from(self.files.len())
            .map_err(|_| LoadError::file(path, "too many files (at most 65,535)"))?;
        let load = native::parse_reader(path, reader, file, &mut self.texts, lenient)?;
        self.files.push(path.to_string());
        self.add_load(load);
        Ok(())
    }

    fn add_load(&mut self, mut load: FileLoad) {
        // Rows go on from the previous file's, so they order by file and line.
        let base = self.next_row;
        self.file_rows.push(base);
        let mut last = 0;
        if base > 0 {
            for observation in &mut load.observations {
                observation.row = Row(observation.row.0.saturating_add(base));
            }
        }
        for observation in &load.observations {
            last = last.max(observation.row.0 - base);
        }
        self.next_row = base.saturating_add(last).saturating_add(1);
        self.rows_read += load.rows;
        if self.observations.is_empty() {
            self.observations = load.observations;
        } else {
            self.observations.extend(load.observations);
        }
        self.skipped.extend(load.skipped);
    }

    pub fn build(self) -> Dataset {
        let mut observations = self.observations;
        sort(&mut observations);
        let mut warnings: Vec<Warning> = self
            .skipped
            .iter()
            .map(|error| Warning {
                kind: WarningKind::SkippedRow,
                message: error.to_string(),
            })
            .collect();
        let mut stats = LoadStats {
            rows_read: self.rows_read,
            rows_skipped: self.skipped.len() as u64,
            duplicates: 0,
        };
        let observations = drop_repeats(
            observations,
            &self.files,
            &self.file_rows,
            &mut warnings,
            &mut stats.duplicates,
        );
        let series = index_series(&observations);
        let mut dataset = Dataset {
            observations,
            series,
            texts: self.texts,
            files: self.files,
            file_rows: self.file_rows,
            warnings,
            stats,
        };
        dataset.warnings.extend(dataset.growth_mismatches());
        dataset
    }
}

/// Sorts by (SeriesKey, period, row), comparing integer keys. A large input
/// is split at its median and the halves sorted on two threads, in place.
fn sort(observations: &mut [Observation]) {
    let order = |a: &Observation, b: &Observation| {
        sort_key(a)
            .cmp(&sort_key(b))
            .then_with(|| a.row.cmp(&b.row))
    };
    if observations.len() < 100_000
        || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2
    {
        observations.sort_unstable_by(order);
        return;
    }
    let middle = observations.len() / 2;
    observations.select_nth_unstable_by(middle, order);
    let (low, high) = observations.split_at_mut(middle);
    std::thread::scope(|scope| {
        scope.spawn(|| low.sort_unstable_by(order));
        high.sort_unstable_by(order);
    });
}

/// An observation's series and period as integers that sort as
/// `(SeriesKey, Period)` do: within a series the span kind is fixed, and periods
/// of one kind sort by their last month, then their first.
fn sort_key(o: &Observation) -> (u128, u64) {
    let measure = (o.measure.indicator as u128) << 1 | u128::from(o.measure.growth);
    let series = measure << 80
        | u128::from(o.reporter.sort_key()) << 48
        | u128::from(o.partner.sort_key()) << 16
        | (o.currency as u128) << 8
        | o.period.kind() as u128;
    (series, o.period.sort_key())
}

/// Keeps the first of several rows for the same figure: an exact repeat is
/// counted, a different value is a conflict warning naming both rows. Works in
/// place, so the observations are never held twice.
fn drop_repeats(
    mut sorted: Vec<Observation>,
    files: &[String],
    file_rows: &[u32],
    warnings: &mut Vec<Warning>,
    duplicates: &mut u64,
) -> Vec<Observation> {
    let mut kept = 0;
    for i in 0..sorted.len() {
        let observation = sorted[i];
        if kept > 0
            && let previous = &sorted[kept - 1]
            && previous.period == observation.period
            && SeriesKey::of(previous) == SeriesKey::of(&observation)
        {
            if same_amount(previous.amount(), observation.amount()) {
                *duplicates += 1;
            } else {
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
                        origin_text(files, origin(file_rows, observation.row)),
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

fn same_amount(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Unpacks a row into its file and line.
fn origin(file_rows: &[u32], row: Row) -> Origin {
    let file = file_rows
        .partition_point(|&start| start <= row.0)
        .saturating_sub(1);
    Origin {
        file: u16::try_from(file).unwrap_or(u16::MAX),
        line: row.0 - file_rows.get(file).copied().unwrap_or(0),
    }
}

fn origin_text(files: &[String], origin: Origin) -> String {
    format!("{}:{}", files[usize::from(origin.file)], origin.line)
}

fn index_series(sorted: &[Observation]) -> Vec<(SeriesKey, Range<usize>)> {
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

/// Loads native files from disk, merged into one dataset.
pub fn load_files(paths: &[impl AsRef<Path>], lenient: bool) -> Result<Dataset, LoadError> {
    let mut builder = DatasetBuilder::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        let file = open_file(path, &name)?;
        builder.add_native_reader(&name, file, lenient)?;
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

/// Reads a whole file, with a message a person can act on when it cannot.
pub fn read_file(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    if path.is_dir() {
        return Err(LoadError::file(name, "is a directory, not a data file"));
    }
    std::fs::read(path).map_err(|error| file_error(name, error))
}

fn file_error(name: &str, error: std::io::Error) -> LoadError {
    let problem = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
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

    pub fn observations(&self) -> &[Observation] {
        &self.observations
    }

    pub fn files(&self) -> &[String] {
        &self.files
    }

    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    pub fn stats(&self) -> &LoadStats {
        &self.stats
    }

    pub fn text(&self, id: TextId) -> &str {
        self.texts.get(id)
    }

    /// The file and line an observation came from.
    pub fn origin(&self, observation: &Observation) -> Origin {
        origin(&self.file_rows, observation.row)
    }

    pub fn origin_text(&self, origin: Origin) -> String {
        origin_text(&self.files, origin)
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

    /// The series of one measure and reporter, for every partner, currency and span.
    fn series_of(&self, measure: Measure, reporter: Area) -> &[(SeriesKey, Range<usize>)] {
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
    pub fn level(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
        currency: Currency,
        period: Period,
    ) -> Option<Level<'_>> {
        let key = |indicator| SeriesKey {
            measure: Measure::level(indicator),
            reporter,
            partner,
            currency,
            kind: period.kind(),
        };
        if let Some(observation) = self.find(&key(indicator), period) {
            return Some(Level {
                amount: observation.amount(),
                basis: Basis::Published(observation),
            });
        }
        if indicator != Indicator::Trade {
            return None;
        }
        let exports = self.find(&key(Indicator::Exports), period)?;
        let imports = self.find(&key(Indicator::Imports), period)?;
        Some(Level {
            amount: exports.amount() + imports.amount(),
            basis: Basis::Derived,
        })
    }

    /// Growth computed from the data where the same span a year earlier exists in
    /// the same currency.
    pub fn computed_growth(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
        currency: Currency,
        period: Period,
    ) -> Option<f64> {
        let now = self.level(indicator, reporter, partner, currency, period)?;
        let before = self.level(
            indicator,
            reporter,
            partner,
            currency,
            period.year_earlier(),
        )?;
        (before.amount != 0.0).then(|| (now.amount / before.amount - 1.0) * 100.0)
    }

    /// The published `_yoy` figure for a series in `currency`.
    pub fn published_growth(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
        currency: Currency,
        period: Period,
    ) -> Option<&Observation> {
        let key = SeriesKey {
            measure: Measure::growth(indicator),
            reporter,
            partner,
            currency,
            kind: period.kind(),
        };
        self.find(&key, period)
    }

    /// Year-on-year growth: computed where possible, otherwise published.
    pub fn growth(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
        currency: Currency,
        period: Period,
    ) -> Option<Growth> {
        if let Some(percent) = self.computed_growth(indicator, reporter, partner, currency, period)
        {
            return Some(Growth {
                percent,
                kind: GrowthKind::Computed,
            });
        }
        self.published_growth(indicator, reporter, partner, currency, period)
            .map(|observation| Growth {
                percent: observation.value,
                kind: GrowthKind::Published,
            })
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
                let Some(computed) = self.computed_growth(
                    indicator,
                    key.reporter,
                    key.partner,
                    key.currency,
                    published.period,
                ) else {
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
                            { published.value },
                            computed,
                            self.origin_text(self.origin(published)),
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
            .flat_map(|&indicator| self.series_of(Measure::level(indicator), reporter))
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
            .flat_map(|&measure| self.series_of(measure, reporter))
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
            .series_of(measure, reporter)
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
        self.series_of(measure, reporter)
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
        let level = |p| data.level(Indicator::Trade, CHINA, RUSSIA, Currency::Usd, period(p));
        let derived = level("2019").unwrap();
        assert_eq!(derived.basis, Basis::Derived);
        assert!((derived.amount - 110.75e9).abs() < 1.0);
        let published = level("2020").unwrap();
        assert!(matches!(published.basis, Basis::Published(_)));
        assert!((published.amount - 107.76e9).abs() < 1.0);
        assert!(level("2018").is_none());
        assert!(
            data.level(
                Indicator::Trade,
                CHINA,
                RUSSIA,
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
                Indicator::Imports,
                CHINA,
                RUSSIA,
                Currency::Usd,
                period("2018"),
            )
            .unwrap();
        assert_eq!(computed.kind, GrowthKind::Computed);
        assert!((computed.percent - 43.398).abs() < 0.001);
        let published = data
            .growth(
                Indicator::Trade,
                CHINA,
                RUSSIA,
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
            data.growth(Indicator::OdiNonfin, CHINA, bri, Currency::Usd, p)
                .is_none()
        );
        let cny = data
            .growth(Indicator::OdiNonfin, CHINA, bri, Currency::Cny, p)
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
    fn rows_unpack_to_the_file_and_line_across_files() {
        let mut builder = DatasetBuilder::new();
        let first =
            format!("{HEADER}trade,CHN,RUS,2018,1,USD_BN,,\ntrade,CHN,RUS,2019,110.75,USD_BN,,\n");
        let second =
            format!("{HEADER}exports,CHN,RUS,2019,1,USD_BN,,\ntrade,CHN,RUS,2019,111,USD_BN,,\n");
        builder
            .add_native("a.csv", first.as_bytes(), false)
            .unwrap();
        builder
            .add_native_reader("b.csv", second.as_bytes(), false)
            .unwrap();
        let data = builder.build();
        let conflict = &data.warnings()[0];
        assert!(
            conflict.message.contains("at a.csv:3 but")
                && conflict.message.ends_with("at b.csv:3; the first is used"),
            "{}",
            conflict.message
        );
        let origins: Vec<String> = data
            .observations()
            .iter()
            .map(|o| data.origin_text(data.origin(o)))
            .collect();
        assert_eq!(origins, ["b.csv:2", "a.csv:2", "a.csv:3"]);
        assert_eq!(std::mem::size_of::<Observation>(), 36);
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
}
