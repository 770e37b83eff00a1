//! The dataset: every figure loaded, sorted once into series, with the queries
//! the views ask and the figures derived from published ones.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use super::aggregate;
use super::error::LoadError;
use super::format::{self, Format};
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
    pub skipped: Vec<LoadError>,
    /// Rows deliberately not used (re-exports, commodity detail, …): the first
    /// [`MAX_LISTED`] with their reason, and how many in all.
    pub unused: Vec<LoadError>,
    pub unused_count: u64,
    pub remarks: Vec<String>,
    /// Rows that repeat a figure already loaded exactly.
    pub duplicates: u64,
    /// Rows that give a figure already loaded a different value.
    pub conflicts: u64,
}

/// How many unused rows a report lists one by one; the rest are counted.
pub const MAX_LISTED: usize = 1000;

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

    /// Adds a native-format file read from a stream, a block at a time, so a
    /// large file is never all in memory; `path` is how messages name it.
    pub fn add_native_reader(
        &mut self,
        path: &str,
        reader: impl std::io::Read,
        lenient: bool,
    ) -> Result<(), LoadError> {
        self.check_file_count(path)?;
        let load = native::parse_reader(path, reader, &mut self.texts, lenient)?;
        self.add_load(path, Format::Native, load);
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
        let unused_count = load.unused.len() as u64;
        load.unused.truncate(MAX_LISTED);
        self.files.push(FileReport {
            path: path.to_string(),
            format,
            rows: load.rows,
            // Every figure, until repeats are dropped.
            used: load.observations.len() as u64,
            skipped: load.skipped,
            unused: load.unused,
            unused_count,
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
            rows_skipped: files.iter().map(|f| f.skipped.len() as u64).sum(),
            rows_not_used: files.iter().map(|f| f.unused_count).sum(),
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
        let row = |kind| {
            move |error: &LoadError| Warning {
                kind,
                message: error.to_string(),
            }
        };
        warnings.extend(file.skipped.iter().map(row(WarningKind::SkippedRow)));
        warnings.extend(file.unused.iter().map(row(WarningKind::NotUsed)));
        let unlisted = file.unused_count - file.unused.len() as u64;
        if unlisted > 0 {
            warnings.push(Warning {
                kind: WarningKind::NotUsed,
                message: format!(
                    "{}: {unlisted} more rows not used (--check lists why)",
                    file.path
                ),
            });
        }
    }
    warnings
}

/// Sorts by (SeriesKey, period, row), comparing integer keys. Data usually
/// holds a few thousand series at most, so a large input is first put in
/// series order in place (a bucket sort by series, one pass to count and a
/// few to move the figures, keeping their order), and then each series put
/// in order of period and row, which it usually is in already; an input with
/// very many series is sorted by comparison instead.
///
/// Returns the series index if the bucket sort found no two figures of a
/// series sharing a period (as usual); otherwise repeats are still to be
/// dropped and the series indexed.
fn sort(observations: &mut [Observation]) -> Option<Vec<(SeriesKey, Range<usize>)>> {
    if observations.len() >= BUCKET_SORT_MIN
        && let Some(sorted) = sort_by_series(observations)
    {
        return (!sorted.repeats).then_some(sorted.index);
    }
    sort_by_comparison(observations);
    None
}

/// Below this many figures a plain comparison sort is as quick.
const BUCKET_SORT_MIN: usize = 4096;

/// The most series sorted as buckets (their table is then about 3 MB).
const MAX_BUCKETS: usize = 1 << 16;

fn order(a: &Observation, b: &Observation) -> std::cmp::Ordering {
    sort_key(a)
        .cmp(&sort_key(b))
        .then_with(|| a.row.cmp(&b.row))
}

/// The comparison sort: a large input is split at its median and the halves
/// sorted on two threads, in place.
fn sort_by_comparison(observations: &mut [Observation]) {
    if observations.len() < 100_000 || !two_cores() {
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

fn two_cores() -> bool {
    std::thread::available_parallelism().map_or(1, |n| n.get()) >= 2
}

/// Within a series: by period, then row, as one integer.
fn period_row(o: &Observation) -> u64 {
    o.period.sort_key() << 32 | u64::from(o.row.0)
}

/// Series keys (the first half of [`sort_key`]), each numbered in the order
/// first seen, in an open-addressed table.
struct SeriesTable {
    /// The keys by number.
    keys: Vec<u128>,
    /// Each slot's key number; `u32::MAX` for an empty slot.
    slots: Vec<u32>,
    shift: u32,
}

impl SeriesTable {
    fn new() -> Self {
        Self {
            keys: Vec::new(),
            slots: vec![u32::MAX; 1 << 10],
            shift: 64 - 10,
        }
    }

    fn slot(&self, key: u128) -> usize {
        let mixed = ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (key >> 64) as u64)
            .wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (mixed >> self.shift) as usize
    }

    /// The key's number, numbering a new key next.
    #[inline]
    fn insert(&mut self, key: u128) -> u32 {
        let mask = self.slots.len() - 1;
        let mut slot = self.slot(key);
        loop {
            match self.slots[slot] {
                u32::MAX => return self.add(key, slot),
                id if self.keys[id as usize] == key => return id,
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Numbers a new key, in the empty slot its search ended at. Rare (once a
    /// series), so kept out of the search's way.
    #[cold]
    fn add(&mut self, key: u128, slot: usize) -> u32 {
        let id = self.keys.len() as u32;
        self.keys.push(key);
        self.slots[slot] = id;
        if self.keys.len() * 2 > self.slots.len() {
            self.shift -= 1;
            self.slots = vec![u32::MAX; self.slots.len() * 2];
            let mask = self.slots.len() - 1;
            for (id, &key) in self.keys.iter().enumerate() {
                let mut slot = self.slot(key);
                while self.slots[slot] != u32::MAX {
                    slot = (slot + 1) & mask;
                }
                self.slots[slot] = id as u32;
            }
        }
        id
    }

    /// The reporter of key number `id`.
    fn reporter(&self, id: u32) -> Area {
        Area::from_sort_key((self.keys[id as usize] >> 48) as u32)
    }
}

/// What sorting by series found besides the order.
struct SeriesOrder {
    /// Each series and where its figures lie, in order.
    index: Vec<(SeriesKey, Range<usize>)>,
    /// Whether two figures of a series share a period.
    repeats: bool,
}

/// Figures per block when moving figures into groups of buckets, and within a
/// group into buckets (see [`Gathering`]).
const GROUP_BLOCK: usize = 128;
const BUCKET_BLOCK: usize = 16;

/// The bucket sort; `None` (with nothing moved) when there are more than
/// [`MAX_BUCKETS`] series.
///
/// While it runs, each figure's `reporter` holds the number of its series
/// rather than the reporter (which its series key gives back at the end), so
/// that a figure's bucket is read rather than looked up each time it moves.
fn sort_by_series(observations: &mut [Observation]) -> Option<SeriesOrder> {
    // Series are numbered on two threads for a large input, each half in a
    // table of its own; the second half's numbers start at MAX_BUCKETS. Each
    // half is then moved into groups on its own thread too, and gathered in
    // whole blocks, so the first half ends on a block boundary.
    let two = observations.len() >= 100_000 && two_cores();
    let middle = if two {
        observations.len() / 2 / GROUP_BLOCK * GROUP_BLOCK
    } else {
        observations.len()
    };
    let (low, high) = observations.split_at_mut(middle);
    let (first, second) = std::thread::scope(|scope| {
        let second = two.then(|| scope.spawn(|| number_series(high, MAX_BUCKETS as u32)));
        let first = number_series(low, 0);
        let second = second.map(|handle| handle.join().expect("a sort thread panicked"));
        (first, second)
    });
    let (mut table, first_counts, second) = match (first, second) {
        (Some((table, counts)), None) => (table, counts, None),
        (Some((table, counts)), Some(Some(second))) => (table, counts, Some(second)),
        (first, second) => {
            if let Some((table, _)) = first {
                restore(low, &table, 0);
            }
            if let Some(Some((table, _))) = second {
                restore(high, &table, MAX_BUCKETS as u32);
            }
            return None;
        }
    };
    // The second half's series in the first's table, where its numbers go,
    // and each half's count of each series.
    let mut id_of: Vec<u32> = (0..first_counts.len() as u32).collect();
    let mut half_counts = vec![first_counts];
    if let Some((second, second_counts)) = &second {
        id_of.resize(MAX_BUCKETS, 0);
        let mut counts = Vec::new();
        for (&key, &count) in second.keys.iter().zip(second_counts) {
            let id = table.insert(key);
            counts.resize(counts.len().max(id as usize + 1), 0);
            counts[id as usize] = count;
            id_of.push(id);
        }
        if table.keys.len() > MAX_BUCKETS {
            restore(low, &table, 0);
            restore(high, second, MAX_BUCKETS as u32);
            return None;
        }
        half_counts.push(counts);
    }
    let buckets = table.keys.len();
    // Buckets in key order.
    let mut order: Vec<u32> = (0..buckets as u32).collect();
    order.sort_unstable_by_key(|&id| table.keys[id as usize]);
    let mut rank_of_id = vec![0; buckets];
    for (position, &id) in order.iter().enumerate() {
        rank_of_id[id as usize] = position;
    }
    // Each figure's bucket by the number it holds.
    let rank: Vec<usize> = id_of.iter().map(|&id| rank_of_id[id as usize]).collect();
    let bucket = |o: &Observation| rank[o.reporter.sort_key() as usize];
    let half_counts: Vec<Vec<usize>> = half_counts
        .iter()
        .map(|counts| {
            let count = |id: u32| counts.get(id as usize).copied().unwrap_or(0);
            order.iter().map(|&id| count(id)).collect()
        })
        .collect();
    // Where each bucket starts (and, last, where the last ends).
    let mut starts = Vec::with_capacity(buckets + 1);
    let mut at = 0;
    for b in 0..buckets {
        starts.push(at);
        at += half_counts.iter().map(|counts| counts[b]).sum::<usize>();
    }
    starts.push(at);
    // Moving each figure straight to its bucket would write to thousands of
    // places at once, each a cache miss; so figures are first moved to groups
    // of buckets, then within each group, whose places stay cached.
    let shift = (usize::BITS - (buckets - 1).leading_zeros()).div_ceil(2);
    let groups = ((buckets - 1) >> shift) + 1;
    let group_starts: Vec<usize> = (0..=groups)
        .map(|g| starts[(g << shift).min(buckets)])
        .collect();
    // Within a group, the first half's figures come before the second's.
    let mut group_places = vec![Vec::with_capacity(groups); half_counts.len()];
    for (g, &start) in group_starts[..groups].iter().enumerate() {
        let members = g << shift..((g + 1) << shift).min(buckets);
        let mut at = start;
        for (counts, places) in half_counts.iter().zip(&mut group_places) {
            let count: usize = counts[members.clone()].iter().sum();
            places.push(at..at + count);
            at += count;
        }
    }
    distribute_in_halves(observations, GROUP_BLOCK, middle, &group_places, |o| {
        bucket(o) >> shift
    });
    // Each group then on its own, on two threads (split between groups near
    // the middle): into buckets, each bucket by period and row, and the
    // reporters back.
    let finish = |observations: &mut [Observation], groups: Range<usize>| {
        let base = group_starts[groups.start];
        let mut gathering = Gathering::new(BUCKET_BLOCK);
        let mut order_found = SeriesOrder {
            index: Vec::new(),
            repeats: false,
        };
        for g in groups {
            let first = g << shift;
            let last = ((g + 1) << shift).min(buckets);
            let group = &mut observations[starts[first] - base..starts[last] - base];
            let places: Vec<Range<usize>> = starts[first..=last]
                .windows(2)
                .map(|pair| pair[0] - starts[first]..pair[1] - starts[first])
                .collect();
            gathering.distribute(group, &places, |o| bucket(o) - first);
            for (b, place) in places.into_iter().enumerate() {
                let series = &mut group[place];
                order_found.repeats |= finish_series(series, table.reporter(order[first + b]));
                let key = SeriesKey::of(&series[0]);
                order_found
                    .index
                    .push((key, starts[first + b]..starts[first + b + 1]));
            }
        }
        order_found
    };
    let middle = group_starts.partition_point(|&start| start < observations.len() / 2);
    if observations.len() >= 100_000 && middle > 0 && middle < groups && two_cores() {
        let (low, high) = observations.split_at_mut(group_starts[middle]);
        let (mut first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| finish(high, middle..groups));
            let first = finish(low, 0..middle);
            (first, second.join().expect("a sort thread panicked"))
        });
        first.index.extend(second.index);
        first.repeats |= second.repeats;
        Some(first)
    } else {
        Some(finish(observations, 0..groups))
    }
}

/// Gives a series' figures their reporter back and puts them in order of
/// period and row, which they usually are in already; true if two share a
/// period.
fn finish_series(series: &mut [Observation], reporter: Area) -> bool {
    for o in series.iter_mut() {
        o.reporter = reporter;
    }
    if series.is_sorted_by(|a, b| a.period.sort_key() < b.period.sort_key()) {
        return false;
    }
    series.sort_unstable_by_key(period_row);
    series
        .windows(2)
        .any(|pair| pair[0].period == pair[1].period)
}

/// Numbers the figures' series in a table of their own and counts each:
/// each figure's `reporter` then holds `base` plus its series' number. `None`
/// (with nothing changed) past [`MAX_BUCKETS`] series.
fn number_series(observations: &mut [Observation], base: u32) -> Option<(SeriesTable, Vec<usize>)> {
    let mut table = SeriesTable::new();
    let mut counts: Vec<usize> = Vec::new();
    for i in 0..observations.len() {
        let o = &mut observations[i];
        let id = table.insert(sort_key(o).0);
        if id as usize == counts.len() {
            if counts.len() == MAX_BUCKETS {
                restore(&mut observations[..i], &table, base);
                return None;
            }
            counts.push(0);
        }
        counts[id as usize] += 1;
        o.reporter = Area::from_sort_key(base + id);
    }
    Some((table, counts))
}

/// Puts back the reporters [`number_series`] replaced.
fn restore(observations: &mut [Observation], table: &SeriesTable, base: u32) {
    for o in observations {
        o.reporter = table.reporter(o.reporter.sort_key() - base);
    }
}

/// Moves figures into consecutive buckets in place, keeping their order
/// within each bucket (so a series read in order of period stays so), with
/// room for a few blocks per bucket rather than a second copy of the figures.
///
/// Blocks are `block` figures at a multiple of `block` from the start. A
/// bucket's place is known from the counts, so all its figures but a few at
/// each end (its head and tail) fill whole blocks. Figures are read in order
/// into a buffer per bucket; a full buffer is written over figures already
/// read, at the front, and noted with the block it belongs in, except that
/// the head, gathered in the buffer first, is put aside. Then the blocks are
/// carried to their places ([`place_blocks`]) and the heads and tails, still
/// held here, written around them.
struct Gathering {
    block: usize,
    /// `block` figures for each bucket.
    buffers: Vec<Observation>,
    buckets: Vec<BucketGathering>,
    /// The heads, bucket after bucket.
    heads: Vec<Observation>,
    /// The block each block written at the front belongs in, in order.
    targets: Vec<usize>,
    /// For [`Gathering::distribute`] through a copy: the figures, and where
    /// each bucket's next figure goes.
    copy: Vec<Observation>,
    next: Vec<usize>,
}

/// Up to this many figures (2.4 MB), [`Gathering::distribute`] moves them
/// through a copy, as a counting sort: for a group of buckets, which stays
/// in cache, that is quicker than blocks, and takes little memory.
const COPY_LIMIT: usize = 1 << 16;

/// How far a bucket's figures are gathered.
#[derive(Clone)]
struct BucketGathering {
    /// Where its buffer's figures end: the head is gathered at the buffer's
    /// end, so that the buffer is full when the head is.
    filled: usize,
    /// Where its head is put aside in `heads`, and whether it is still being
    /// gathered.
    head: Range<usize>,
    in_head: bool,
    /// The block its next full buffer belongs in.
    next_block: usize,
}

impl Gathering {
    fn new(block: usize) -> Self {
        Self {
            block,
            buffers: Vec::new(),
            buckets: Vec::new(),
            heads: Vec::new(),
            targets: Vec::new(),
            copy: Vec::new(),
            next: Vec::new(),
        }
    }

    /// Moves `observations` into buckets, keeping their order within each:
    /// bucket `b` (as `bucket` says) is to hold `places[b]`, with the counts
    /// right.
    fn distribute(
        &mut self,
        observations: &mut [Observation],
        places: &[Range<usize>],
        bucket: impl Fn(&Observation) -> usize,
    ) {
        if observations.len() <= COPY_LIMIT {
            self.copy.clear();
            self.copy.extend_from_slice(observations);
            self.next.clear();
            self.next.extend(places.iter().map(|place| place.start));
            for figure in &self.copy {
                let b = bucket(figure);
                observations[self.next[b]] = *figure;
                self.next[b] += 1;
            }
            return;
        }
        self.gather(observations, places, bucket);
        place_blocks(observations, self.block, &[(0, &self.targets)], false);
        self.place_rest(observations, places);
    }

    /// Reads `part` (the figures to distribute, or a part of them starting on
    /// a block boundary) in order, writing full blocks at its front: its
    /// figures of bucket `b` are to hold `places[b]`, counted from the start
    /// of all the figures.
    fn gather(
        &mut self,
        part: &mut [Observation],
        places: &[Range<usize>],
        bucket: impl Fn(&Observation) -> usize,
    ) {
        let block = self.block;
        self.buckets.clear();
        let mut heads = 0;
        for place in places {
            let head = place
                .len()
                .min(place.start.next_multiple_of(block) - place.start);
            self.buckets.push(BucketGathering {
                filled: if head > 0 { block - head } else { 0 },
                head: heads..heads + head,
                in_head: head > 0,
                next_block: (place.start + head) / block,
            });
            heads += head;
        }
        self.targets.clear();
        let Some(&filler) = part.first() else {
            return;
        };
        self.buffers.clear();
        self.buffers.resize(places.len() * block, filler);
        self.heads.clear();
        self.heads.resize(heads, filler);
        let mut written = 0;
        for read in 0..part.len() {
            let figure = part[read];
            let b = bucket(&figure);
            let state = &mut self.buckets[b];
            self.buffers[b * block + state.filled] = figure;
            state.filled += 1;
            if state.filled < block {
                continue;
            }
            state.filled = 0;
            let buffer = &self.buffers[b * block..][..block];
            if state.in_head {
                state.in_head = false;
                self.heads[state.head.clone()].copy_from_slice(&buffer[block - state.head.len()..]);
            } else {
                // As many figures are read as held here or written, so the
                // block goes over figures already read.
                part[written..written + block].copy_from_slice(buffer);
                written += block;
                self.targets.push(state.next_block);
                state.next_block += 1;
            }
        }
    }

    /// Writes each bucket's head and tail at the ends of its place, once the
    /// blocks are in theirs.
    fn place_rest(&self, observations: &mut [Observation], places: &[Range<usize>]) {
        for (b, (state, place)) in self.buckets.iter().zip(places).enumerate() {
            let head = &self.heads[state.head.clone()];
            observations[place.start..][..head.len()].copy_from_slice(head);
            let tail = state.filled;
            if tail > 0 {
                observations[place.end - tail..place.end]
                    .copy_from_slice(&self.buffers[b * self.block..][..tail]);
            }
        }
    }
}

/// Moves figures into buckets as [`Gathering::distribute`] does, with the
/// figures before and after `middle` (a multiple of `block`, or the end)
/// read on two threads: `places[half][b]` is where a half's figures of bucket
/// `b` go, with one list if `middle` is the end.
fn distribute_in_halves(
    observations: &mut [Observation],
    block: usize,
    middle: usize,
    places: &[Vec<Range<usize>>],
    bucket: impl Fn(&Observation) -> usize + Sync,
) {
    let gather = |part: &mut [Observation], places: &[Range<usize>]| {
        let mut gathering = Gathering::new(block);
        gathering.gather(part, places, &bucket);
        gathering
    };
    let (low, high) = observations.split_at_mut(middle);
    let gathered = std::thread::scope(|scope| {
        let second = places
            .get(1)
            .map(|places| scope.spawn(|| gather(high, places)));
        let mut gathered = vec![gather(low, &places[0])];
        gathered.extend(second.map(|handle| handle.join().expect("a sort thread panicked")));
        gathered
    });
    let fronts: Vec<(usize, &[usize])> = [0, middle]
        .into_iter()
        .zip(&gathered)
        .map(|(begin, gathering)| (begin, &gathering.targets[..]))
        .collect();
    place_blocks(observations, block, &fronts, places.len() == 2);
    for (gathering, places) in gathered.iter().zip(places) {
        gathering.place_rest(observations, places);
    }
}

/// Carries whole blocks to the blocks they belong in, on two threads if
/// `two_threads`: `fronts` holds, for each part gathered, where it begins and
/// the block each block at its front belongs in. The blocks left are
/// overwritten by heads and tails.
fn place_blocks(
    observations: &mut [Observation],
    block: usize,
    fronts: &[(usize, &[usize])],
    two_threads: bool,
) {
    let (order, chains) = block_chains(observations.len(), block, fronts);
    // The blocks in the chains' order, each borrowed once, so that chains
    // can be carried on two threads.
    let mut blocks: Vec<Option<&mut [Observation]>> =
        observations.chunks_exact_mut(block).map(Some).collect();
    let mut in_order: Vec<&mut [Observation]> = order
        .iter()
        .map(|&at| blocks[at].take().expect("a block is in one chain at most"))
        .collect();
    // The chains split where half the blocks are carried.
    let mut split = (chains.len(), in_order.len());
    if two_threads {
        let mut carried = 0;
        for (i, chain) in chains.iter().enumerate() {
            if carried >= in_order.len() / 2 {
                split = (i, carried);
                break;
            }
            carried += chain.len;
        }
    }
    let (low, high) = in_order.split_at_mut(split.1);
    let (low_chains, high_chains) = chains.split_at(split.0);
    std::thread::scope(|scope| {
        if !high_chains.is_empty() {
            scope.spawn(|| carry(high, high_chains));
        }
        carry(low, low_chains);
    });
}

/// A chain of blocks to carry: each goes to the next one's place, and the
/// last to the first's if it is a cycle; otherwise nothing is to go to the
/// first's place and the last is a place holding no block to carry.
struct Chain {
    len: usize,
    cycle: bool,
}

/// The chains to carry the blocks at the parts' fronts in (each starting
/// where no block is to go, if any), and the places of their blocks in order.
fn block_chains(
    len: usize,
    block: usize,
    fronts: &[(usize, &[usize])],
) -> (Vec<usize>, Vec<Chain>) {
    const NOWHERE: usize = usize::MAX;
    let mut bound_for = vec![NOWHERE; len / block];
    let mut wanted = vec![false; bound_for.len()];
    for &(begin, targets) in fronts {
        bound_for[begin / block..][..targets.len()].copy_from_slice(targets);
        for &to in targets {
            wanted[to] = true;
        }
    }
    let mut order = Vec::new();
    let mut chains = Vec::new();
    // Chains that end at a place holding no block to carry, then cycles.
    for cycles in [false, true] {
        for start in 0..bound_for.len() {
            let to = bound_for[start];
            if to == NOWHERE || to == start || (wanted[start] && !cycles) {
                continue;
            }
            let first = order.len();
            let mut at = start;
            let cycle = loop {
                order.push(at);
                match std::mem::replace(&mut bound_for[at], NOWHERE) {
                    NOWHERE => break false,
                    to if to == start => break true,
                    to => at = to,
                }
            };
            chains.push(Chain {
                len: order.len() - first,
                cycle,
            });
        }
    }
    (order, chains)
}

/// Carries each chain's blocks, `blocks` holding them chain after chain.
fn carry(mut blocks: &mut [&mut [Observation]], chains: &[Chain]) {
    let mut carried = Vec::new();
    for chain in chains {
        let (chain_blocks, rest) = std::mem::take(&mut blocks).split_at_mut(chain.len);
        blocks = rest;
        let (first, others) = chain_blocks
            .split_first_mut()
            .expect("a chain carries a block");
        carried.clear();
        carried.extend_from_slice(first);
        for place in others {
            place.swap_with_slice(&mut carried);
        }
        if chain.cycle {
            first.copy_from_slice(&carried);
        }
    }
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
        // The header decides the format; a native file is then streamed, the
        // import formats (smaller, and needing look-ahead) are read whole.
        let head = read_head(&mut file, &name)?;
        let format = match format {
            Some(format) => format,
            None => format::detect(&name, &head)?,
        };
        if format == Format::Native {
            builder.add_native_reader(&name, head.as_slice().chain(file), lenient)?;
        } else {
            let mut bytes = head;
            file.read_to_end(&mut bytes)
                .map_err(|error| file_error(&name, error))?;
            builder.add_file(&name, &bytes, Some(format), lenient)?;
        }
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

    /// A generator of test data: xorshift, the same numbers every run.
    fn random_numbers(mut state: u64) -> impl FnMut(u64) -> u64 {
        move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        }
    }

    #[test]
    fn gathering_moves_figures_into_buckets_keeping_their_order() {
        use crate::data::model::Unit;
        let mut random = random_numbers(0x9e37_79b9_7f4a_7c15);
        let figure = |row: usize| Observation {
            value: 0.0,
            reporter: CHINA,
            partner: RUSSIA,
            period: period("2020"),
            source: TextId::NONE,
            note: TextId::NONE,
            row: Row(row as u32),
            measure: Measure::level(Indicator::Trade),
            unit: Unit::UsdBn,
            currency: Currency::Usd,
        };
        // One gathering reused, as for the groups of a sort.
        let mut reused = Gathering::new(3);
        // Past COPY_LIMIT, distribute gathers in blocks too.
        for len in [0, 1, 2, 5, 16, 17, 100, 1000, 5000, COPY_LIMIT + 100] {
            for buckets in [1, 2, 3, 40] {
                for block in [1, 2, 3, 8, 64] {
                    for halves in [1, 2] {
                        // Half the figures in bucket 0, so some buckets are
                        // empty or hold less than a block, others many.
                        let bucket_of: Vec<usize> = (0..len)
                            .map(|_| match random(2) {
                                0 => 0,
                                _ => random(buckets as u64) as usize,
                            })
                            .collect();
                        let bucket = |o: &Observation| bucket_of[o.row.0 as usize];
                        let mut figures: Vec<Observation> = (0..len).map(figure).collect();
                        let mut expected = figures.clone();
                        expected.sort_by_key(bucket);
                        let middle = if halves == 2 {
                            len / 2 / block * block
                        } else {
                            len
                        };
                        let mut counts = vec![vec![0; buckets]; halves];
                        for (i, &b) in bucket_of.iter().enumerate() {
                            counts[usize::from(i >= middle)][b] += 1;
                        }
                        let mut places = vec![Vec::new(); halves];
                        let mut at = 0;
                        for b in 0..buckets {
                            for (counts, places) in counts.iter().zip(&mut places) {
                                places.push(at..at + counts[b]);
                                at += counts[b];
                            }
                        }
                        if halves == 1 && block == 3 {
                            reused.distribute(&mut figures, &places[0], bucket);
                        } else {
                            distribute_in_halves(&mut figures, block, middle, &places, bucket);
                        }
                        assert!(
                            figures == expected,
                            "{len} figures, {buckets} buckets, blocks of {block}, {halves} halves"
                        );
                    }
                }
            }
        }
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

    #[test]
    fn the_bucket_sort_moves_a_group_too_large_to_copy_in_blocks() {
        use crate::data::model::Unit;
        use crate::data::period::{Span, YearMonth};
        // Three monthly series, so one group, of more than COPY_LIMIT
        // figures, in order of period but for a few swapped.
        let mut random = random_numbers(5);
        let len = COPY_LIMIT * 2 + 1000;
        let mut observations: Vec<Observation> = (0..len)
            .map(|row| {
                let month = row / 3;
                let month =
                    YearMonth::new(1000 + (month / 12) as i32, 1 + (month % 12) as u32).unwrap();
                Observation {
                    value: row as f64,
                    reporter: [CHINA, RUSSIA, Area::known("KAZ")][row % 3],
                    partner: RUSSIA,
                    period: Period::from_span(Span::Month(month)).unwrap(),
                    source: TextId::NONE,
                    note: TextId::NONE,
                    row: Row(row as u32),
                    measure: Measure::level(Indicator::Exports),
                    unit: Unit::UsdBn,
                    currency: Currency::Usd,
                }
            })
            .collect();
        for _ in 0..100 {
            let i = random(len as u64) as usize;
            let j = random(len as u64) as usize;
            observations.swap(i, j);
        }
        let mut expected = observations.clone();
        expected.sort_by(order);
        let sorted = sort_by_series(&mut observations).unwrap();
        assert!(observations == expected);
        assert_eq!(sorted.index, index_series(&expected));
        assert!(!sorted.repeats);
    }

    #[test]
    fn the_bucket_sort_orders_exactly_as_the_comparison_sort() {
        use crate::data::model::Unit;
        use crate::data::period::Span;
        let mut random = random_numbers(0x2545_f491_4f6c_dd1d);
        let mut areas = vec![CHINA, RUSSIA, Area::known("KAZ"), Area::known("EAEU")];
        areas.extend((0..26 * 26).map(|i| {
            let code = [b'A' + (i / 26) as u8, b'A' + (i % 26) as u8, b'X'];
            Area::parse(std::str::from_utf8(&code).unwrap()).unwrap()
        }));
        // Few series with many figures, many with few, and more series than
        // the bucket sort takes (it must decline and leave them unmoved),
        // in each half or only in both halves together.
        for (len, years, pool) in [
            (120_000, 30, 4),
            (20_000, 3_000, 4),
            (150_000, 40, 680),
            (150_000, 40, 30),
        ] {
            let mut observations: Vec<Observation> = (0..len)
                .map(|row| {
                    let year = 1000 + random(years) as i32;
                    let span = match random(4) {
                        0 => Span::Year(year),
                        1 => Span::Quarter {
                            year,
                            quarter: 1 + random(4) as u8,
                        },
                        2 => Span::Month(
                            crate::data::period::YearMonth::new(year, 1 + random(12) as u32)
                                .unwrap(),
                        ),
                        _ => Span::Interval {
                            first: crate::data::period::YearMonth::new(year, 1).unwrap(),
                            last: crate::data::period::YearMonth::new(year, 1 + random(12) as u32)
                                .unwrap(),
                        },
                    };
                    Observation {
                        value: row as f64,
                        reporter: areas[random(pool) as usize],
                        partner: areas[random(pool) as usize],
                        period: Period::from_span(span).unwrap(),
                        source: TextId::NONE,
                        note: TextId::NONE,
                        row: Row(random(u64::from(u32::MAX)) as u32),
                        measure: Measure {
                            indicator: Indicator::ALL[random(6) as usize],
                            growth: random(2) == 0,
                        },
                        unit: Unit::UsdBn,
                        currency: [Currency::Usd, Currency::Cny][random(2) as usize],
                    }
                })
                .collect();
            let mut expected = observations.clone();
            expected.sort_by(order);
            let mut by_comparison = observations.clone();
            sort_by_comparison(&mut by_comparison);
            assert!(by_comparison == expected);
            let before = observations.clone();
            let sorted = sort_by_series(&mut observations);
            assert_eq!(sorted.is_some(), pool == 4, "{len} figures, {years} years");
            if let Some(sorted) = sorted {
                assert!(observations == expected, "{len} figures, {years} years");
                assert_eq!(sorted.index, index_series(&expected));
                let repeats = expected
                    .windows(2)
                    .any(|pair| sort_key(&pair[0]) == sort_key(&pair[1]));
                assert_eq!(sorted.repeats, repeats);
            } else {
                assert!(observations == before);
            }
            sort(&mut observations);
            assert!(observations == expected);
        }
    }
}
