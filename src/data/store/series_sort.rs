//! Sorting figures into series order: by series, then period, then row.
//!
//! Data usually holds a few thousand series at most, so a large input is put
//! in series order by a bucket sort that keeps each series' figures in file
//! order, and each series is then checked (and, rarely, sorted) by period.

use std::ops::Range;

use super::distribute::{Gathering, distribute_in_halves};
use crate::data::model::{Area, Observation, SeriesKey};

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
pub(in crate::data) fn sort(
    observations: &mut [Observation],
) -> Option<Vec<(SeriesKey, Range<usize>)>> {
    if observations.len() >= BUCKET_SORT_MIN {
        let sorted = sort_by_series(observations);
        debug_assert!(
            observations.iter().all(holds_reporter),
            "the bucket sort gives every figure its reporter back"
        );
        if let Some(sorted) = sorted {
            return (!sorted.repeats).then_some(sorted.index);
        }
    }
    sort_by_comparison(observations);
    None
}

/// Puts a few figures (computed ones, say) in series order: they usually
/// are already, as derivations make them series by series.
pub(in crate::data) fn sort_figures(observations: &mut [Observation]) {
    if !observations.is_sorted_by(|a, b| order(a, b).is_le()) {
        sort_by_comparison(observations);
    }
}

/// Merges figures in series order into `sorted`, keeping the order: from the
/// back, in place, so the set is never held twice.
pub(in crate::data) fn merge_sorted(sorted: &mut Vec<Observation>, figures: Vec<Observation>) {
    if sorted.is_empty() {
        *sorted = figures;
        return;
    }
    let mut kept = sorted.len();
    sorted.reserve_exact(figures.len());
    sorted.extend_from_slice(&figures);
    let mut left = figures.len();
    let mut place = sorted.len();
    while left > 0 {
        place -= 1;
        if kept > 0 && order(&sorted[kept - 1], &figures[left - 1]).is_gt() {
            kept -= 1;
            sorted[place] = sorted[kept];
        } else {
            left -= 1;
            sorted[place] = figures[left];
        }
    }
}

/// How many of the first figures satisfy `below`, which holds for a prefix:
/// doubling steps find a bound, then a binary search the place, so a short
/// run costs little in a long slice.
pub(in crate::data) fn leading(
    figures: &[Observation],
    below: impl Fn(&Observation) -> bool,
) -> usize {
    let mut end = 0;
    let mut step = 1;
    while end < figures.len() && below(&figures[end]) {
        end += step;
        step *= 2;
    }
    figures[..end.min(figures.len())].partition_point(below)
}

/// The series index of figures in series order: each series and where its
/// figures lie.
pub(in crate::data) fn index_series(sorted: &[Observation]) -> Vec<(SeriesKey, Range<usize>)> {
    let mut series: Vec<(SeriesKey, Range<usize>)> = Vec::new();
    for (position, observation) in sorted.iter().enumerate() {
        let key = observation.series_key();
        match series.last_mut() {
            Some((last, range)) if *last == key => range.end = position + 1,
            _ => series.push((key, position..position + 1)),
        }
    }
    series
}

/// The bucket sort keeps a figure's series number in its `reporter` while it
/// runs (so that a figure's bucket is read rather than looked up each time it
/// moves); these three are the only places that write, read and check it.
/// A number is below 2^24, so its first byte is 0, never a code's letter.
fn hold_series_number(o: &mut Observation, number: u32) {
    debug_assert!(number < 1 << 24);
    o.reporter = Area::from_sort_key(number);
}

fn series_number(o: &Observation) -> u32 {
    o.reporter.sort_key()
}

fn holds_reporter(o: &Observation) -> bool {
    series_number(o) >> 24 != 0
}

/// Below this many figures a plain comparison sort is as quick.
pub(in crate::data) const BUCKET_SORT_MIN: usize = 4096;

/// The most series sorted as buckets (their table is then about 3 MB).
const MAX_BUCKETS: usize = 1 << 16;

fn order(a: &Observation, b: &Observation) -> std::cmp::Ordering {
    sort_key(a)
        .cmp(&sort_key(b))
        .then_with(|| a.row.cmp(&b.row))
}

/// The comparison sort: a large input is split at its median and the halves
/// sorted on two threads, in place.
pub(in crate::data) fn sort_by_comparison(observations: &mut [Observation]) {
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
    let bucket = |o: &Observation| rank[series_number(o) as usize];
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
                let key = series[0].series_key();
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
        hold_series_number(o, base + id);
    }
    Some((table, counts))
}

/// Puts back the reporters [`number_series`] replaced.
fn restore(observations: &mut [Observation], table: &SeriesTable, base: u32) {
    for o in observations {
        o.reporter = table.reporter(series_number(o) - base);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{
        CHINA, Currency, Indicator, Measure, Period, RUSSIA, Row, TextId, Unit,
    };
    use crate::data::store::distribute::COPY_LIMIT;
    use crate::data::synthetic::SplitMix64;

    #[test]
    fn the_bucket_sort_moves_a_group_too_large_to_copy_in_blocks() {
        use crate::data::model::{Span, YearMonth};
        // Three monthly series, so one group, of more than COPY_LIMIT
        // figures, in order of period but for a few swapped.
        let mut rng = SplitMix64::new(5);
        let mut random = |bound| rng.below(bound);
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
        use crate::data::model::{Span, YearMonth};
        let mut rng = SplitMix64::new(0x2545_f491_4f6c_dd1d);
        let mut random = |bound| rng.below(bound);
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
                        2 => Span::Month(YearMonth::new(year, 1 + random(12) as u32).unwrap()),
                        _ => Span::Interval {
                            first: YearMonth::new(year, 1).unwrap(),
                            last: YearMonth::new(year, 1 + random(12) as u32).unwrap(),
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

    #[test]
    fn figures_merge_in_order() {
        use crate::data::model::{Span, YearMonth};
        let mut rng = SplitMix64::new(11);
        let mut random = |bound| rng.below(bound);
        let mut figure = |row: u32| Observation {
            value: 1.0,
            reporter: [CHINA, RUSSIA][random(2) as usize],
            partner: RUSSIA,
            period: Period::from_span(Span::Month(
                YearMonth::new(2000 + random(5) as i32, 1 + random(12) as u32).unwrap(),
            ))
            .unwrap(),
            source: TextId::NONE,
            note: TextId::NONE,
            row: Row(row),
            measure: Measure::level(Indicator::ALL[random(3) as usize]),
            unit: Unit::UsdBn,
            currency: Currency::Usd,
        };
        for (loaded, computed) in [(0, 50), (300, 0), (300, 5), (40, 400), (2_000, 2_000)] {
            let mut sorted: Vec<Observation> = (0..loaded).map(&mut figure).collect();
            sort_by_comparison(&mut sorted);
            let mut more: Vec<Observation> = (0..computed).map(|_| figure(u32::MAX)).collect();
            sort_figures(&mut more);
            let mut expected = sorted.clone();
            expected.extend(more.iter().copied());
            expected.sort_by(order);
            merge_sorted(&mut sorted, more);
            assert!(sorted == expected, "{loaded} loaded, {computed} computed");
        }
    }
}
