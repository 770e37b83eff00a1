//! A dataset assembled from what the loaders read: the figures sorted into
//! series once, repeated figures kept once (a different value reported as a
//! conflict), and the rows counted.

use super::report::{FigureRef, FileReport, LoadStats, Warning, WarningKind, origin, origin_text};
use super::series_sort::{index_series, sort};
use super::{Dataset, Products};
use crate::data::model::{Observation, ProductName, ProductRows, Row, Texts};

/// What the files gave, as collected by `data::build`'s builder.
pub(in crate::data) struct Loaded {
    pub observations: Vec<Observation>,
    pub texts: Texts,
    pub files: Vec<FileReport>,
    /// The first row of each file: see [`Row`].
    pub file_rows: Vec<u32>,
    pub warnings: Vec<Warning>,
    pub stated_currency: Vec<Row>,
    pub products: Vec<ProductRows>,
    pub product_names: Vec<ProductName>,
}

impl Dataset {
    /// The figures loaded, sorted into series; nothing derived yet.
    pub(in crate::data) fn sorted(loaded: Loaded) -> Self {
        let mut dataset = Dataset {
            observations: loaded.observations,
            texts: loaded.texts,
            files: loaded.files,
            file_rows: loaded.file_rows,
            warnings: loaded.warnings,
            stated_currency: loaded.stated_currency,
            products: Products::new(loaded.products, &loaded.product_names),
            ..Dataset::default()
        };
        dataset.sort_and_index();
        dataset
    }

    /// Counts the rows read, skipped, not used and repeated, over the files.
    pub(in crate::data) fn count_rows(&mut self) {
        let files = &self.files;
        self.stats = LoadStats {
            rows_read: files.iter().map(|f| f.rows).sum(),
            rows_skipped: files.iter().map(|f| f.skipped.count).sum(),
            rows_not_used: files.iter().map(|f| f.unused.count).sum(),
            duplicates: files.iter().map(|f| f.duplicates).sum(),
        };
    }

    /// Puts the figures in series order and indexes the series, keeping the
    /// first of repeated figures (see [`drop_repeats`]).
    pub(super) fn sort_and_index(&mut self) {
        self.series = match sort(&mut self.observations) {
            Some(series) => series,
            None => {
                drop_repeats(
                    &mut self.observations,
                    &mut self.files,
                    &self.file_rows,
                    &mut self.warnings,
                );
                index_series(&self.observations)
            }
        };
    }
}

/// Keeps the first of several rows for the same figure: an exact repeat is
/// counted, a different value is a conflict warning naming both rows. Both are
/// counted against the file of the later row, and no longer as used in it.
/// Works in place, so the observations are never held twice.
pub(super) fn drop_repeats(
    sorted: &mut Vec<Observation>,
    files: &mut [FileReport],
    file_rows: &[u32],
    warnings: &mut Vec<Warning>,
) {
    let mut kept = 0;
    for i in 0..sorted.len() {
        let observation = sorted[i];
        if kept > 0
            && let previous = sorted[kept - 1]
            && previous.period == observation.period
            && previous.series_key() == observation.series_key()
        {
            let later = origin(file_rows, observation.row).expect("loaded figures have a file");
            let file = &mut files[usize::from(later.file)];
            file.used -= 1;
            if same_amount(previous.amount(), observation.amount()) {
                file.duplicates += 1;
            } else {
                file.conflicts += 1;
                let message = format!(
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
                );
                warnings.push(
                    Warning::new(WarningKind::Conflict, message)
                        .in_file(
                            &files[usize::from(later.file)].path,
                            Some(u64::from(later.line)),
                        )
                        .about(FigureRef {
                            measure: observation.measure,
                            reporter: observation.reporter,
                            partner: observation.partner,
                            period: observation.period,
                            currency: observation.currency,
                        }),
                );
            }
            continue;
        }
        sorted[kept] = observation;
        kept += 1;
    }
    sorted.truncate(kept);
}

fn same_amount(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}
