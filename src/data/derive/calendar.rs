//! Figures summed from complete months: quarters, calendar years, the year
//! to date (January to each month) and rolling twelve months, of exports,
//! imports and total trade in money (never of growth rates or shares). A sum
//! is made only where every month it covers is in the data: a year with
//! eleven months has no annual figure. Sums carry [`Row::COMPUTED`], a source
//! naming the monthly figures' sources and a note saying which months were
//! added; where a figure is published for the same period, the dataset keeps
//! the published one and the sum beside it.
//!
//! All are made by the dataset per series when first asked for, by the
//! function [`compute`] hands it (group aggregates ask for their members'
//! years); as it is built, the complete years are only counted, for the
//! check report.

use foldhash::HashMap;

use crate::data::model::{
    Currency, Indicator, Observation, Period, Row, SeriesKey, Span, SpanKind, TextId, Texts, Unit,
};
use crate::data::store::{Dataset, Extent, Make, YearCount};

const SUMMED: [Indicator; 3] = [Indicator::Exports, Indicator::Imports, Indicator::Trade];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What [`compute`] makes.
pub(in crate::data) struct Sums {
    /// The years summed from complete months that have no published twin,
    /// counted (for the check report) but not made.
    pub years: YearCount,
    /// A line for the check report.
    pub derived: Vec<String>,
    /// The yearly (where a year is complete), quarterly, year-to-date and
    /// rolling 12-month series that months can give, and how to make one.
    pub on_demand: Vec<SeriesKey>,
    pub make: Make,
}

/// Which sums [`sum_series`] makes: years, or the others (quarters, year
/// to date and rolling twelve months), each when first shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Years,
    WhenShown,
}

/// Counts the complete years of every monthly series of exports, imports
/// and trade in `data`, in one pass over each, and says how to make their
/// years, quarters, year to date and rolling twelve months when asked;
/// `texts` takes the sources and notes.
pub(in crate::data) fn compute(data: &Dataset, texts: &mut Texts) -> Sums {
    let notes = Notes::new(texts);
    let mut sources = Sources::new(texts);
    let summed: Vec<SeriesKey> = data
        .series_keys()
        .filter(|k| is_summed(k))
        .copied()
        .collect();
    let mut years = 0;
    let mut count = YearCount::default();
    let mut series_sources = HashMap::default();
    // The source of each complete year of a series whose months have
    // several sources (a year names only its own months' sources).
    let mut year_sources: HashMap<SeriesKey, Vec<TextId>> = HashMap::default();
    let mut on_demand = Vec::new();
    let read = data.read_in_halves(&summed, |keys| {
        keys.iter().map(|key| read_series(data, key)).collect()
    });
    for (key, read) in summed.iter().zip(read) {
        let months = data.series(key);
        let SeriesRead {
            ends,
            unpublished,
            one_source,
        } = read;
        years += ends.len();
        for year in unpublished {
            count.add(year);
        }
        if !ends.is_empty() {
            if !one_source {
                let each = ends.iter().map(|&end| sources.of(&months[end - 11..=end]));
                year_sources.insert(*key, each.collect());
            }
            on_demand.push(SeriesKey {
                kind: SpanKind::Annual,
                ..*key
            });
        }
        let source = if one_source {
            sources.of_one(months[0].source)
        } else {
            sources.of_several(months)
        };
        series_sources.insert(*key, source);
        for kind in [
            SpanKind::Quarterly,
            SpanKind::Cumulative,
            SpanKind::Rolling12,
        ] {
            on_demand.push(SeriesKey { kind, ..*key });
        }
    }
    let mut derived = Vec::new();
    if !summed.is_empty() {
        let years = match years {
            1 => "1 year".to_string(),
            _ => format!("{years} years"),
        };
        derived.push(format!(
            "sums of complete months: {years}, from {} monthly series; the quarters, the year \
             to date and rolling 12 months are summed when shown",
            summed.len(),
        ));
    }
    // A sum made later names the sources of all the series' months; a year
    // those of its own months.
    let make: Make = Box::new(move |data, key, extent| {
        let monthly = SeriesKey {
            kind: SpanKind::Monthly,
            ..*key
        };
        let source = series_sources.get(&monthly).copied().unwrap_or_default();
        let mut by_kind: [Vec<Observation>; 4] = Default::default();
        let mut months = data.series(&monthly);
        if key.kind == SpanKind::Annual {
            let mut sources = year_sources.get(&monthly).map(|s| &s[..]);
            if extent == Extent::Last {
                // The last complete year alone, from its own twelve months:
                // the same sum and source as the whole series' last.
                let Some(end) = last_complete_year(months) else {
                    return Vec::new();
                };
                months = &months[end - 11..=end];
                sources = sources.and_then(|s| s.last()).map(std::slice::from_ref);
            }
            let mut each = sources.map(|s| s.iter().copied());
            let mut source_of =
                |_: &[Observation]| each.as_mut().and_then(Iterator::next).unwrap_or(source);
            sum_series(
                &monthly,
                months,
                Part::Years,
                notes,
                &mut source_of,
                &mut by_kind,
            );
            let [years, ..] = by_kind;
            return years;
        }
        sum_series(
            &monthly,
            months,
            Part::WhenShown,
            notes,
            &mut |_| source,
            &mut by_kind,
        );
        let [_, quarters, to_date, rolling] = by_kind;
        match key.kind {
            SpanKind::Quarterly => quarters,
            SpanKind::Rolling12 => rolling,
            _ => to_date,
        }
    });
    Sums {
        years: count,
        derived,
        on_demand,
        make,
    }
}

/// What [`compute`] reads of a monthly series, every figure of it.
struct SeriesRead {
    /// Where each complete year ends (see [`complete_years`]).
    ends: Vec<usize>,
    /// The complete years with no published figure.
    unpublished: Vec<Period>,
    /// Whether every month has the first's source.
    one_source: bool,
}

fn read_series(data: &Dataset, key: &SeriesKey) -> SeriesRead {
    let months = data.series(key);
    let ends = complete_years(months);
    let annual = SeriesKey {
        kind: SpanKind::Annual,
        ..*key
    };
    let mut published = data.series(&annual);
    let mut unpublished = Vec::new();
    for &end in &ends {
        let year = Period::annual(months[end].period.year());
        let before = published.partition_point(|o| o.period < year);
        published = &published[before..];
        if published.first().is_none_or(|o| o.period != year) {
            unpublished.push(year);
        }
    }
    SeriesRead {
        ends,
        unpublished,
        one_source: months.iter().all(|o| o.source == months[0].source),
    }
}

/// Where each complete year of a monthly series ends: the index of each
/// December whose January to November precede it. A series holds each
/// month once, in order, so eleven places back is that January exactly
/// when all twelve months are there.
fn complete_years(months: &[Observation]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut i = 11;
    while i < months.len() {
        if ends_a_year(months, i) {
            ends.push(i);
            // A December fewer than twelve places on cannot end a complete
            // year: its January would be at or before this December.
            i += 12;
        } else {
            i += 1;
        }
    }
    ends
}

/// Where the last complete year of a monthly series ends (see
/// [`complete_years`]), found from the series' end.
fn last_complete_year(months: &[Observation]) -> Option<usize> {
    (11..months.len()).rev().find(|&i| ends_a_year(months, i))
}

/// Whether `months[i]` is a December with its January eleven places back.
fn ends_a_year(months: &[Observation], i: usize) -> bool {
    let (_, december) = months[i].period.months();
    if december.month() != 12 {
        return false;
    }
    let (january, _) = months[i - 11].period.months();
    january.month() == 1 && january.year() == december.year()
}

fn is_summed(key: &SeriesKey) -> bool {
    key.kind == SpanKind::Monthly
        && !key.measure.growth
        && SUMMED.contains(&key.measure.indicator)
        && key.currency != Currency::Percent
}

/// The sums of one monthly series, by kind: years, quarters, year to date,
/// rolling twelve months (the order of [`SpanKind`]), each in period order;
/// those of `part`, the others left empty. `source_of` names the source of
/// a sum of months.
fn sum_series(
    key: &SeriesKey,
    months: &[Observation],
    part: Part,
    notes: Notes,
    source_of: &mut dyn FnMut(&[Observation]) -> TextId,
    [years, quarters, to_date, rolling]: &mut [Vec<Observation>; 4],
) {
    let (fixed, running) = (part == Part::Years, part == Part::WhenShown);
    // Months usually share a source, and then so do all their sums.
    let series_source = months
        .iter()
        .all(|o| o.source == months[0].source)
        .then(|| source_of(months));
    let mut figure = |span, note, window: &[Observation], amount| Observation {
        measure: key.measure,
        reporter: key.reporter,
        partner: key.partner,
        period: Period::from_span(span).expect("a span within the months' own range"),
        value: amount,
        unit: Unit::base(key.currency),
        currency: key.currency,
        source: series_source.unwrap_or_else(|| source_of(window)),
        note,
        row: Row::COMPUTED,
    };
    // Where the run of consecutive months, the year so far and the quarter
    // so far began, with the sums so far.
    let mut run_start = 0;
    let mut year: Option<(usize, f64)> = None;
    let mut quarter: Option<(usize, f64)> = None;
    for (i, o) in months.iter().enumerate() {
        let (_, month) = o.period.months();
        let follows = i > 0 && months[i - 1].period.months().1.next() == month;
        if !follows {
            run_start = i;
        }
        let amount = o.amount();
        let add = |so_far: Option<(usize, f64)>, starts_here: bool| {
            if starts_here {
                Some((i, amount))
            } else if follows {
                so_far.map(|(start, sum)| (start, sum + amount))
            } else {
                None
            }
        };
        let number = month.month();
        year = add(year, number == 1);
        quarter = add(quarter, number % 3 == 1);
        if let Some((start, sum)) = year {
            let window = &months[start..=i];
            if running {
                // From the January the year so far began with.
                let (first, _) = window[0].period.months();
                let span = Span::Interval { first, last: month };
                let note = notes.to_date[number as usize - 1];
                to_date.push(figure(span, note, window, sum));
            }
            if fixed && number == 12 {
                years.push(figure(Span::Year(month.year()), notes.year, window, sum));
            }
        }
        if let Some((start, sum)) = quarter.filter(|_| running && number % 3 == 0) {
            let span = Span::Quarter {
                year: month.year(),
                quarter: (number / 3) as u8,
            };
            quarters.push(figure(span, notes.quarter, &months[start..=i], sum));
        }
        if running && i + 1 - run_start >= 12 {
            // Added afresh in month order, so the twelve months to December
            // give exactly the year's sum.
            let window = &months[i - 11..=i];
            let sum = window.iter().map(Observation::amount).sum();
            rolling.push(figure(Span::Rolling12(month), notes.rolling, window, sum));
        }
    }
}

/// The notes of sums, saying which months were added.
#[derive(Clone, Copy)]
struct Notes {
    year: TextId,
    quarter: TextId,
    rolling: TextId,
    /// January alone, January–February, … January–December.
    to_date: [TextId; 12],
}

impl Notes {
    fn new(texts: &mut Texts) -> Self {
        Self {
            year: texts.intern("derived: sum of 12 months"),
            quarter: texts.intern("derived: sum of 3 months"),
            rolling: texts.intern("derived: sum of 12 consecutive months"),
            to_date: std::array::from_fn(|last| match last {
                0 => texts.intern("derived: January alone"),
                _ => texts.intern(&format!("derived: sum of January–{}", MONTHS[last])),
            }),
        }
    }
}

/// The sources of sums, naming the sources of the months added, interned
/// once each.
struct Sources<'t> {
    texts: &'t mut Texts,
    /// The source of sums of months from one source, by that source.
    one_source: HashMap<TextId, TextId>,
    /// The source of sums of months from several sources, by those sources.
    several: HashMap<Vec<TextId>, TextId>,
}

impl<'t> Sources<'t> {
    fn new(texts: &'t mut Texts) -> Self {
        Self {
            texts,
            one_source: HashMap::default(),
            several: HashMap::default(),
        }
    }

    /// "computed by eurasia-dash from the monthly figures of …", naming the
    /// sources of the months summed.
    fn of(&mut self, window: &[Observation]) -> TextId {
        let first = window[0].source;
        if window.iter().all(|o| o.source == first) {
            return self.of_one(first);
        }
        self.of_several(window)
    }

    /// [`Sources::of`] months all from `source`.
    fn of_one(&mut self, source: TextId) -> TextId {
        if let Some(&id) = self.one_source.get(&source) {
            return id;
        }
        let id = self.intern_source(&[source]);
        self.one_source.insert(source, id);
        id
    }

    /// [`Sources::of`] months from more than one source.
    fn of_several(&mut self, window: &[Observation]) -> TextId {
        let mut sources: Vec<TextId> = window.iter().map(|o| o.source).collect();
        sources.sort();
        sources.dedup();
        if let Some(&id) = self.several.get(&sources) {
            return id;
        }
        let id = self.intern_source(&sources);
        self.several.insert(sources, id);
        id
    }

    fn intern_source(&mut self, sources: &[TextId]) -> TextId {
        let names: Vec<&str> = sources
            .iter()
            .map(|&id| self.texts.get(id))
            .filter(|name| !name.is_empty())
            .collect();
        let text = if names.is_empty() {
            "computed by eurasia-dash from monthly figures".to_string()
        } else {
            format!(
                "computed by eurasia-dash from the monthly figures of {}",
                names.join("; ")
            )
        };
        self.texts.intern(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::build::DatasetBuilder;
    use crate::data::synthetic::SplitMix64;

    /// The last year made alone is the last the whole series gives, to the
    /// bit and with the same source: on series with gaps, a year published
    /// beside them, and months from several sources.
    #[test]
    fn the_last_year_made_alone_is_the_whole_series_last() {
        let mut rng = SplitMix64::new(20);
        let mut csv = String::from("indicator,reporter,partner,period,value,unit,source,note\n");
        for (reporter, partner) in [("CHN", "RUS"), ("KAZ", "TUR"), ("RUS", "KAZ")] {
            for indicator in ["exports", "imports", "trade"] {
                let sources = 1 + rng.below(3);
                for year in 2016..2024 {
                    if rng.below(6) == 0 {
                        csv += &format!("{indicator},{reporter},{partner},{year},99.5,USD_MN,p,\n");
                    }
                    for month in 1..=12 {
                        if rng.below(30) == 0 {
                            continue;
                        }
                        let value = format!("{}.{:03}", rng.below(5000), rng.below(1000));
                        // Each year's months from sources of their own.
                        let source = format!("s{}", year + rng.below(sources));
                        csv += &format!(
                            "{indicator},{reporter},{partner},{year}-{month:02},{value},USD_MN,{source},\n"
                        );
                    }
                }
            }
        }
        let mut builder = DatasetBuilder::new();
        builder.add_native("t.csv", csv.as_bytes(), false).unwrap();
        let mut data = builder.build();
        let sums = data.derive_with(compute);
        let years: Vec<&SeriesKey> = sums
            .on_demand
            .iter()
            .filter(|k| k.kind == SpanKind::Annual)
            .collect();
        assert!(years.len() >= 6, "{years:?}");
        for key in years {
            let all = (sums.make)(&data, key, Extent::All);
            let last = (sums.make)(&data, key, Extent::Last);
            assert!(!all.is_empty(), "{key:?}");
            assert_eq!(last.last(), all.last(), "{key:?}");
            assert_eq!(
                last.last().unwrap().value.to_bits(),
                all.last().unwrap().value.to_bits()
            );
        }
    }
}
