//! Building a dataset: files collected, their figures sorted into series
//! once by the store (repeated figures kept once, a different value reported
//! as a conflict), then the derived figures added by `derive`. Above both,
//! so that the store never calls `derive`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::data::derive;
use crate::data::load::error::RowList;
use crate::data::load::{self, FileLoad, Format, LoadError, format};
use crate::data::model::{
    Classification, Observation, ProductName, ProductRows, Row, Texts, counted, escape_controls,
    grouped, span_of_lines, thousands,
};
use crate::data::store::{Dataset, FileReport, Loaded, Warning, WarningKind};

/// The default dataset, compiled in: built from `../shared/data/reference.csv`.
pub const EMBEDDED_CSV: &str = include_str!("../../assets/eurasia-trade.csv");
pub const EMBEDDED_NAME: &str = "embedded: assets/eurasia-trade.csv";

/// Collects files, then sorts and indexes them once.
#[derive(Default)]
pub struct DatasetBuilder {
    pub(in crate::data) texts: Texts,
    pub(in crate::data) files: Vec<FileReport>,
    pub(in crate::data) file_rows: Vec<u32>,
    pub(in crate::data) next_row: u32,
    pub(in crate::data) observations: Vec<Observation>,
    pub(in crate::data) stated_currency: Vec<Row>,
    pub(in crate::data) products: Vec<ProductRows>,
    pub(in crate::data) product_names: Vec<ProductName>,
    /// Files of names beside the data files that could not be read.
    pub(in crate::data) name_warnings: Vec<Warning>,
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
    /// all in memory, adding the bytes read to `read`; `path` is how messages
    /// name it.
    pub fn add_reader(
        &mut self,
        path: &str,
        reader: impl Read,
        read: &AtomicU64,
        format: Format,
        lenient: bool,
    ) -> Result<(), LoadError> {
        self.check_file_count(path)?;
        let load = format::parse_reader_as(format, path, reader, read, &mut self.texts, lenient)?;
        self.add_load(path, format, load);
        Ok(())
    }

    /// Adds a file mapped to be read in its format (see [`format::map_for`]),
    /// adding the bytes parsed to `read`; `path` is how messages name it.
    fn add_mapped(
        &mut self,
        path: &str,
        file: &format::MappedFile,
        read: &AtomicU64,
        format: Format,
        lenient: bool,
    ) -> Result<(), LoadError> {
        self.check_file_count(path)?;
        let load = file.parse(path, read, &mut self.texts, lenient)?;
        self.add_load(path, format, load);
        Ok(())
    }

    /// Adds a Parquet file, or a directory of part files, read from disk;
    /// `name` is how messages name it.
    pub fn add_parquet(&mut self, path: &Path, name: &str, lenient: bool) -> Result<(), LoadError> {
        self.check_file_count(name)?;
        let load = load::parquet::load(path, name, &mut self.texts, lenient)?;
        self.add_load(name, Format::Parquet, load);
        Ok(())
    }

    /// Adds the product names of the `product_codes` file beside a BACI
    /// file read from disk, if one lies there, to the file just added.
    fn add_baci_names(&mut self, path: &Path) {
        let found = load::baci_names::beside(path, &mut self.texts);
        self.product_names.extend(found.names);
        if let Some(report) = self.files.last_mut() {
            report.remarks.extend(found.remark);
        }
        self.name_warnings
            .extend(found.warnings.into_iter().map(|error| {
                Warning::new(WarningKind::Names, error.to_string()).in_file(&error.path, error.line)
            }));
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
        // The first file's rows stay as they are, and only their last is
        // needed (a pass over every figure when the loader does not know it).
        let known_last = load.last_observation_row.filter(|_| base == 0);
        let mut last = known_last.map_or(0, |row| row.0);
        if known_last.is_none() {
            for observation in &mut load.observations {
                last = last.max(observation.row.0);
                observation.row = Row(observation.row.0.saturating_add(base));
            }
        }
        for rows in &mut load.products {
            last = last.max(rows.row.0);
            rows.row = Row(rows.row.0.saturating_add(base));
        }
        if let Some(summary) = products_kept(&load.products, &self.texts) {
            load.remarks.push(summary);
        }
        self.products.append(&mut load.products);
        self.product_names.append(&mut load.product_names);
        self.next_row = base.saturating_add(last).saturating_add(1);
        let stated = load.stated_currency.iter();
        self.stated_currency
            .extend(stated.map(|row| Row(row.0.saturating_add(base))));
        self.files.push(FileReport {
            path: path.to_string(),
            format,
            rows: load.rows,
            // Every figure, until repeats are dropped.
            used: load.observations.len() as u64,
            skipped: load.skipped,
            unused: load.unused,
            remarks: load.remarks,
            warnings: load.warnings,
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

    /// The dataset: the figures sorted into series, then the figures derived
    /// from them added.
    pub fn build(self) -> Dataset {
        let mut warnings = row_warnings(&self.files);
        warnings.extend(self.name_warnings);
        let mut dataset = Dataset::sorted(Loaded {
            observations: self.observations,
            texts: self.texts,
            files: self.files,
            file_rows: self.file_rows,
            warnings,
            stated_currency: self.stated_currency,
            products: self.products,
            product_names: self.product_names,
        });
        derive::complete(&mut dataset);
        // After `derive`, whose moves of growth rates can make repeats.
        dataset.count_rows();
        dataset
    }
}

/// The default dataset's few product figures of China-Russia trade, compiled
/// in: `../shared/data/products-additions.csv` (see assets/README.md).
pub const EMBEDDED_PRODUCTS_CSV: &str = include_str!("../../assets/products-additions.csv");
const EMBEDDED_PRODUCTS_NAME: &str = "embedded: assets/products-additions.csv";

impl Dataset {
    /// The compiled-in default dataset.
    pub fn embedded() -> Self {
        let mut builder = DatasetBuilder::new();
        builder
            .add_native(EMBEDDED_NAME, EMBEDDED_CSV.as_bytes(), false)
            .expect("the embedded dataset is valid (checked by tests)");
        // Beside the embedded figures, not a file of their report: the
        // report and the tabs stay those of the embedded dataset.
        let products = embedded_products(&mut builder.texts)
            .expect("the embedded product figures are valid (checked by tests)");
        builder.products.extend(products.products);
        builder.product_names.extend(products.product_names);
        builder.build()
    }
}

/// The embedded product figures (`indicator,reporter,partner,period,product,
/// product_name,value,unit,…`): each a listed product of its flow, never a
/// composition; a row without a value (a volume only) is no figure and is
/// not used. Quantities are not kept yet.
fn embedded_products(texts: &mut Texts) -> Result<FileLoad, String> {
    use crate::data::model::{Area, Classification, Measure, Period, ProductCode, Unit};
    let mut load = FileLoad::default();
    let mut reader = csv::Reader::from_reader(EMBEDDED_PRODUCTS_CSV.as_bytes());
    for (at, record) in reader.records().enumerate() {
        let line = at as u64 + 2;
        let record = record.map_err(|e| format!("line {line}: {e}"))?;
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let bad = |what: &str| format!("{EMBEDDED_PRODUCTS_NAME}:{line}: {what}");
        if field(6).is_empty() {
            // No value published (a volume only): not a figure.
            continue;
        }
        let measure = Measure::parse(field(0)).ok_or_else(|| bad("indicator"))?;
        let area = |i| Area::parse(field(i)).ok_or_else(|| bad("area"));
        let period = Period::parse(field(3)).map_err(|e| bad(&e.0))?;
        let unit = Unit::parse(field(7)).ok_or_else(|| bad("unit"))?;
        let value = load::parse_decimal(field(6)).ok_or_else(|| bad("value"))? * unit.scale();
        let code = ProductCode::parse(field(4), texts);
        load.product_names.push(ProductName {
            classification: Classification::Hs(None),
            code,
            name: texts.intern(field(5)),
        });
        load.products.push(ProductRows {
            indicator: measure.indicator,
            reporter: area(1)?,
            partner: area(2)?,
            period,
            classification: Classification::Hs(None),
            mirrored: false,
            // Compiled in, of no file in the report.
            row: Row::COMPUTED,
            codes: vec![code],
            values: vec![value],
            // In the currency's base unit: the value is scaled above.
            unit: match unit.currency() {
                crate::data::Currency::Cny => Unit::Cny,
                crate::data::Currency::Eur => Unit::Eur,
                _ => Unit::Usd,
            },
            quantities: None,
        });
    }
    Ok(load)
}

/// What a file's product rows are, for its report: how many were kept, in
/// which classifications and at which levels (digits of their codes).
fn products_kept(products: &[ProductRows], texts: &Texts) -> Option<String> {
    if products.is_empty() {
        return None;
    }
    // Per classification: the rows, and a bit for each count of digits.
    let mut kinds: BTreeMap<Classification, (u64, u16)> = BTreeMap::new();
    for rows in products {
        let kind = kinds.entry(rows.classification).or_default();
        kind.0 += rows.len() as u64;
        for code in &rows.codes {
            kind.1 |= 1 << code.digits();
        }
    }
    let total: u64 = kinds.values().map(|kind| kind.0).sum();
    let described: Vec<String> = kinds
        .into_iter()
        .map(|(classification, (count, digits))| {
            let name = classification.describe(texts);
            let levels: Vec<String> = (0..16)
                .filter(|d| digits & (1 << d) != 0)
                .map(|d| match d {
                    0 => "named groups".to_string(),
                    d => format!("{d}-digit"),
                })
                .collect();
            format!("{count} {name}, {}", levels.join(" and "))
        })
        .collect();
    let plural =
        |count: u64, noun: &str| format!("{count} {noun}{}", if count == 1 { "" } else { "s" });
    Some(format!(
        "kept {} in {} ({}), beside the totals and never summed into one",
        plural(total, "product row"),
        plural(products.len() as u64, "flow-period"),
        described.join("; ")
    ))
}

/// Each file's figures in doubt, skipped rows, then the rows it did not use
/// (as many as the report lists, and a count of the rest), in file order.
pub(in crate::data) fn row_warnings(files: &[FileReport]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for file in files {
        warnings.extend(file.warnings.iter().map(|error| {
            Warning::new(WarningKind::Unit, error.to_string()).in_file(&error.path, error.line)
        }));
        for (rows, kind, what) in [
            (&file.skipped, WarningKind::SkippedRow, "skipped"),
            (&file.unused, WarningKind::NotUsed, "not used"),
        ] {
            // Rows that share a reason are one warning: "120 rows (lines 2
            // to 121): field 'typeCode': services …".
            let reason = |error: &LoadError| {
                let LoadError {
                    field,
                    problem,
                    row_group,
                    ..
                } = error;
                (field.clone(), problem.clone(), row_group.is_some())
            };
            warnings.extend(grouped(&rows.listed, reason).into_iter().map(|group| {
                let error = group.first;
                let message = match group.count {
                    1 => error.to_string(),
                    count => {
                        let what = if error.row_group.is_some() {
                            "row"
                        } else {
                            "line"
                        };
                        let place = span_of_lines(what, error.line, group.last.line, count);
                        // Its field and reason, as a row's error says them
                        // after its place: ": field 'typeCode': …".
                        let reason = LoadError {
                            path: String::new(),
                            line: None,
                            row_group: None,
                            ..error.clone()
                        };
                        let path = escape_controls(&error.path);
                        format!("{path}: {}{place}{reason}", counted(count, "row"))
                    }
                };
                Warning::new(kind, message).in_file(&error.path, error.line)
            }));
            if rows.unlisted() > 0 {
                let message = format!(
                    "{}: {} more rows {what} (only the first {} are listed)",
                    file.path,
                    thousands(rows.unlisted()),
                    thousands(RowList::LISTED as u64)
                );
                warnings.push(Warning::new(kind, message).in_file(&file.path, None));
            }
        }
    }
    warnings
}

/// Loads files from disk (in `format`, or each in the format its header
/// shows), merged into one dataset.
pub fn load_files(
    paths: &[impl AsRef<Path>],
    format: Option<Format>,
    lenient: bool,
) -> Result<Dataset, LoadError> {
    load_files_with_progress(paths, format, lenient, &LoadProgress::default())
}

/// How far a load has come, for whoever shows a gauge of it: the bytes read
/// of all the files' bytes, then the building of the dataset from them.
#[derive(Debug, Default)]
pub struct LoadProgress {
    pub read: AtomicU64,
    pub total: AtomicU64,
    pub building: AtomicBool,
}

/// [`load_files`], counting its progress in `progress` as it goes.
pub fn load_files_with_progress(
    paths: &[impl AsRef<Path>],
    format: Option<Format>,
    lenient: bool,
    progress: &LoadProgress,
) -> Result<Dataset, LoadError> {
    load_all(paths, format, lenient, progress, false)
}

/// [`load_files_with_progress`] for the load a run starts with, before the
/// terminal enters raw mode: regular files of the formats that can be are
/// mapped rather than read (see `load::mapped` for why only then).
pub fn load_files_at_start(
    paths: &[impl AsRef<Path>],
    format: Option<Format>,
    lenient: bool,
    progress: &LoadProgress,
) -> Result<Dataset, LoadError> {
    load_all(paths, format, lenient, progress, true)
}

fn load_all(
    paths: &[impl AsRef<Path>],
    format: Option<Format>,
    lenient: bool,
    progress: &LoadProgress,
    map: bool,
) -> Result<Dataset, LoadError> {
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let total = paths.iter().map(|path| size(path.as_ref())).sum();
    progress.total.store(total, Ordering::Relaxed);
    let mut builder = DatasetBuilder::new();
    // Each file's own path and the files read, by it: a file given twice
    // (`--data a.csv --data ./a.csv`, a glob) is read once, and said so.
    let mut read: Vec<(std::path::PathBuf, usize)> = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        if let Ok(own) = std::fs::canonicalize(path) {
            if let Some(&(_, file)) = read.iter().find(|(seen, _)| *seen == own) {
                if let Some(report) = builder.files.get_mut(file) {
                    report
                        .remarks
                        .push(format!("given again as {name}: read once"));
                }
                continue;
            }
            read.push((own, builder.files.len()));
        }
        // A directory is Parquet part files, as Spark and DuckDB write them;
        // a file starting as Parquet is read as one whatever `format` says,
        // its bytes being no CSV.
        let parquet = path.is_dir() || load::parquet::starts_as_parquet(path);
        if let Some(format) = format.filter(|&format| parquet && format != Format::Parquet) {
            return Err(LoadError::file(
                &name,
                format!(
                    "is Parquet (a file, or a directory of part files), not {}: --format does not apply to it",
                    format.name()
                ),
            ));
        }
        if format == Some(Format::Parquet) || parquet {
            builder.add_parquet(path, &name, lenient)?;
            progress.read.fetch_add(size(path), Ordering::Relaxed);
            continue;
        }
        let mut file = load::open_file(path, &name)?;
        // The header decides the format; the file is then streamed, the head
        // first, so that memory holds its figures and not its bytes.
        let head = load::read_head(&name, &mut file)?;
        if head.is_empty() && load::is_pipe(&file) {
            return Err(LoadError::empty_pipe(&name));
        }
        let format = match format {
            Some(format) => format,
            None => format::detect(&name, &head)?,
        };
        // The loader adds the bytes it reads to the gauge's count, the head's
        // among them.
        match map.then(|| format::map_for(format, &file)).flatten() {
            Some(mapped) => builder.add_mapped(&name, &mapped, &progress.read, format, lenient)?,
            None => {
                let input = head.as_slice().chain(file);
                builder.add_reader(&name, input, &progress.read, format, lenient)?;
            }
        }
        if format == Format::Baci {
            builder.add_baci_names(path);
        }
    }
    progress.building.store(true, Ordering::Relaxed);
    Ok(builder.build())
}
