//! Reporting periods: years, quarters, months, cumulative month intervals and
//! rolling twelve-month spans.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A calendar month, stored as a count of months since year 0 so that
/// comparisons and year shifts are integer arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth(i32);

impl YearMonth {
    /// A month, validated by chrono (month 1–12, a year chrono can represent).
    pub fn new(year: i32, month: u32) -> Option<Self> {
        let date = NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Self(date.year() * 12 + date.month0() as i32))
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// The month after this one.
    pub fn next(self) -> Self {
        Self(self.0 + 1)
    }
}

/// What a period covers. Series of different kinds are never mixed in one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpanKind {
    Annual,
    Quarterly,
    Monthly,
    /// A cumulative run of months, such as January–May ("year to date").
    Cumulative,
    /// The twelve months ending in a month, whatever month it is (a moving
    /// annual total, as watched in monthly trade data).
    Rolling12,
}

impl SpanKind {
    pub const ALL: [SpanKind; 5] = [
        SpanKind::Annual,
        SpanKind::Quarterly,
        SpanKind::Monthly,
        SpanKind::Cumulative,
        SpanKind::Rolling12,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SpanKind::Annual => "annual",
            SpanKind::Quarterly => "quarterly",
            SpanKind::Monthly => "monthly",
            SpanKind::Cumulative => "year to date",
            SpanKind::Rolling12 => "rolling 12 months",
        }
    }
}

/// A reporting period as written in the native format, unpacked for matching:
/// see [`Period::span`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Span {
    Year(i32),
    Quarter {
        year: i32,
        quarter: u8,
    },
    Month(YearMonth),
    Interval {
        first: YearMonth,
        last: YearMonth,
    },
    /// The twelve months ending in this month.
    Rolling12(YearMonth),
}

/// A reporting period, packed into four bytes so that an observation stays
/// small and periods compare as one integer.
///
/// The bits, from the top: the month the period ends in (17 bits, counted from
/// 900 years before year 0), the span in months subtracted from 4095 (12 bits,
/// so a longer span sorts first), and the [`SpanKind`] (3 bits). Comparing the
/// integers orders periods by the month they end in, then the month they start
/// in, then kind, which is a total order on distinct periods. Years from −900
/// to 9999 and cumulative spans up to 4095 months can be represented.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period(u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a period: expected 2019, 2019-Q3, 2019-07 or 2019-01/2019-05")]
pub struct PeriodError(pub String);

const MONTH_OFFSET: i32 = 900 * 12;
const MONTH_BITS: u32 = 17;
const SPAN_BITS: u32 = 12;
const KIND_BITS: u32 = 3;
const MAX_SPAN: i32 = (1 << SPAN_BITS) - 1;

impl Period {
    /// Packs a span; `None` when it is outside the range a period can hold.
    pub fn from_span(span: Span) -> Option<Self> {
        let (first, last, kind) = match span {
            Span::Year(year) => (
                YearMonth(year.checked_mul(12)?),
                YearMonth(year.checked_mul(12)?.checked_add(11)?),
                SpanKind::Annual,
            ),
            Span::Quarter { year, quarter } => {
                if !(1..=4).contains(&quarter) {
                    return None;
                }
                let last = year
                    .checked_mul(12)?
                    .checked_add(i32::from(quarter) * 3 - 1)?;
                (YearMonth(last - 2), YearMonth(last), SpanKind::Quarterly)
            }
            Span::Month(m) => (m, m, SpanKind::Monthly),
            Span::Interval { first, last } => (first, last, SpanKind::Cumulative),
            Span::Rolling12(last) => (
                YearMonth(last.0.checked_sub(11)?),
                last,
                SpanKind::Rolling12,
            ),
        };
        let months = last.0.checked_sub(first.0)?;
        let end = last.0.checked_add(MONTH_OFFSET)?;
        if !(0..=MAX_SPAN).contains(&months) || !(0..1 << MONTH_BITS).contains(&end) {
            return None;
        }
        Some(Self(
            (end as u32) << (SPAN_BITS + KIND_BITS)
                | ((MAX_SPAN - months) as u32) << KIND_BITS
                | kind as u32,
        ))
    }

    /// A calendar year. Panics outside the years a period can hold (−900 to 9999).
    pub fn annual(year: i32) -> Self {
        Self::from_span(Span::Year(year)).expect("a year from -900 to 9999")
    }

    /// The period unpacked, for matching on its form.
    pub fn span(self) -> Span {
        let (first, last) = self.months();
        match self.kind() {
            SpanKind::Annual => Span::Year(last.year()),
            SpanKind::Quarterly => Span::Quarter {
                year: last.year(),
                quarter: (last.month() / 3) as u8,
            },
            SpanKind::Monthly => Span::Month(last),
            SpanKind::Cumulative => Span::Interval { first, last },
            SpanKind::Rolling12 => Span::Rolling12(last),
        }
    }

    /// Parses `2019`, `2019-Q3`, `2019-07`, `2020-01/2020-05`, or
    /// `2020-02/2021-01`: an interval of twelve months that does not start in
    /// January is a rolling twelve months, any other interval is cumulative.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        match Self::from_usual_bytes(text.as_bytes()) {
            Some(period) => Ok(period),
            None => Self::parse_any_form(text),
        }
    }

    /// [`Period::parse`] for every form, through chrono.
    fn parse_any_form(text: &str) -> Result<Self, PeriodError> {
        let bad = || PeriodError(text.to_string());
        let span = parse_span(text).ok_or_else(bad)?;
        Self::from_span(span).ok_or_else(bad)
    }

    /// The usual forms, `2019`, `2019-07` and `2019-Q3`, read straight from
    /// a field's bytes, as a loader meets them on every row: the same period
    /// as [`Period::parse`] gives, without chrono or a UTF-8 check. `None`
    /// for any other form (blank space around it, `2019-M07`, an interval)
    /// and for a bad period, which `parse` then reads or rejects.
    #[inline]
    pub fn from_usual_bytes(bytes: &[u8]) -> Option<Self> {
        let digit = |b: u8| i32::from(b.wrapping_sub(b'0'));
        let (year, rest) = bytes.split_first_chunk::<4>()?;
        let [a, b, c, d] = year.map(digit);
        if a.max(b).max(c).max(d) > 9 {
            return None;
        }
        let year = a * 1000 + b * 100 + c * 10 + d;
        if !WRITTEN_YEARS.contains(&year) {
            return None;
        }
        // Packed as `from_span` would: a written year is always in range.
        let (last_month, months, kind) = match *rest {
            [] => (11, 11, SpanKind::Annual),
            [b'-', b'Q' | b'q', quarter @ b'1'..=b'4'] => {
                (digit(quarter) * 3 - 1, 2, SpanKind::Quarterly)
            }
            [b'-', tens @ b'0'..=b'1', ones @ b'0'..=b'9'] => {
                let month = digit(tens) * 10 + digit(ones);
                if !(1..=12).contains(&month) {
                    return None;
                }
                (month - 1, 0, SpanKind::Monthly)
            }
            _ => return None,
        };
        let end = (year * 12 + last_month + MONTH_OFFSET) as u32;
        Some(Self(
            end << (SPAN_BITS + KIND_BITS)
                | ((MAX_SPAN - months) as u32) << KIND_BITS
                | kind as u32,
        ))
    }

    pub fn kind(self) -> SpanKind {
        match self.0 & ((1 << KIND_BITS) - 1) {
            0 => SpanKind::Annual,
            1 => SpanKind::Quarterly,
            2 => SpanKind::Monthly,
            3 => SpanKind::Cumulative,
            _ => SpanKind::Rolling12,
        }
    }

    /// The first and last month the period covers.
    pub fn months(self) -> (YearMonth, YearMonth) {
        let last = (self.0 >> (SPAN_BITS + KIND_BITS)) as i32 - MONTH_OFFSET;
        let months = MAX_SPAN - ((self.0 >> KIND_BITS) as i32 & MAX_SPAN);
        (YearMonth(last - months), YearMonth(last))
    }

    /// The same span one year earlier: the period growth is measured against.
    /// Saturates at the earliest period of its kind that can be represented.
    pub fn year_earlier(self) -> Self {
        let year = 12 << (SPAN_BITS + KIND_BITS);
        if self.0 >= year {
            Self(self.0 - year)
        } else {
            self
        }
    }

    /// The calendar year the period ends in.
    pub fn year(self) -> i32 {
        self.months().1.year()
    }

    /// How far up [`Period::sort_key`] the month a period ends in lies:
    /// the bits below it are the same for all periods of a kind and length.
    pub(crate) const MONTH_SHIFT: u32 = SPAN_BITS + KIND_BITS;

    /// A number that sorts as the period does.
    pub(crate) fn sort_key(self) -> u64 {
        u64::from(self.0)
    }
}

fn parse_span(text: &str) -> Option<Span> {
    let text_trimmed = text.trim();
    if let Some((first, last)) = text_trimmed.split_once('/') {
        let first = parse_year_month(first)?;
        let last = parse_year_month(last)?;
        if last < first {
            return None;
        }
        // Twelve months from any month but January are the rolling span; from
        // January they are the year to December, as published cumulatively.
        if last.0 - first.0 == 11 && first.month() != 1 {
            return Some(Span::Rolling12(last));
        }
        return Some(Span::Interval { first, last });
    }
    let bytes = text_trimmed.as_bytes();
    match bytes.len() {
        4 => parse_year(bytes).map(Span::Year),
        7 if bytes[5] == b'Q' || bytes[5] == b'q' => {
            let year = parse_year(&bytes[..4])?;
            match (bytes[4], bytes[6]) {
                (b'-', q @ b'1'..=b'4') => Some(Span::Quarter {
                    year,
                    quarter: q - b'0',
                }),
                _ => None,
            }
        }
        7 | 8 => parse_year_month(text_trimmed).map(Span::Month),
        _ => None,
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Period({self})")
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span() {
            Span::Year(year) => write!(f, "{year:04}"),
            Span::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Span::Month(m) => write!(f, "{m}"),
            Span::Interval { first, last } => write!(f, "{first}/{last}"),
            // As its interval: one ending in December reads as the cumulative
            // year, so views name the kind beside it.
            Span::Rolling12(last) => write!(f, "{}/{last}", YearMonth(last.0 - 11)),
        }
    }
}

/// The years a period read from a file may have; periods made in the code
/// (the year before one, a test's far years) are not bound by it.
const WRITTEN_YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;

fn parse_year(bytes: &[u8]) -> Option<i32> {
    if bytes.len() != 4 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = bytes
        .iter()
        .fold(0i32, |acc, b| acc * 10 + i32::from(b - b'0'));
    // A year written in a file is a year of trade statistics: 0000 or 9999
    // is a misread or made-up figure, not a period.
    if !WRITTEN_YEARS.contains(&year) {
        return None;
    }
    // Validate through chrono so every period is a real calendar date.
    NaiveDate::from_ymd_opt(year, 1, 1).map(|d| d.year())
}

/// `2019-07` (also `2019-M07`, as SDMX writes months).
fn parse_year_month(text: &str) -> Option<YearMonth> {
    let bytes = text.as_bytes();
    if bytes.len() < 7 || bytes[4] != b'-' {
        return None;
    }
    let year = parse_year(&bytes[..4])?;
    let month = match &bytes[5..] {
        [b'M' | b'm', rest @ ..] => rest,
        rest => rest,
    };
    if month.len() != 2 || !month.iter().all(u8::is_ascii_digit) {
        return None;
    }
    YearMonth::new(
        year,
        u32::from(month[0] - b'0') * 10 + u32::from(month[1] - b'0'),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    #[test]
    fn parses_each_form_and_prints_it_back() {
        for text in ["2019", "2019-Q3", "2019-07", "2020-01/2020-05"] {
            assert_eq!(p(text).to_string(), text);
        }
        assert_eq!(p("2019").kind(), SpanKind::Annual);
        assert_eq!(p("2019-Q3").kind(), SpanKind::Quarterly);
        assert_eq!(p("2019-07").kind(), SpanKind::Monthly);
        assert_eq!(p("2020-01/2020-05").kind(), SpanKind::Cumulative);
        assert_eq!(p("2020-02/2021-01").kind(), SpanKind::Rolling12);
        assert_eq!(p("2020-02/2021-01").to_string(), "2020-02/2021-01");
        assert_eq!(
            p("2020-01/2020-12").kind(),
            SpanKind::Cumulative,
            "twelve months from January are the year to date"
        );
        assert_eq!(p("2019-12/2020-02").kind(), SpanKind::Cumulative);
        assert_eq!(p(" 2019 "), Period::annual(2019));
        assert_eq!(p("2019-M07"), p("2019-07"));
    }

    #[test]
    fn rejects_malformed_periods() {
        for text in [
            "",
            "19",
            "20190",
            "2019-13",
            "2019-00",
            "2019-Q5",
            "2019-Q0",
            "2019/07",
            "2019-7",
            "2020-05/2020-01",
            "2020-01/",
            "abcd",
            "2019-07-01",
            "Q3-2019",
            "２０１９",
        ] {
            assert!(Period::parse(text).is_err(), "{text:?} was accepted");
        }
    }

    #[test]
    fn orders_by_end_then_start_then_kind() {
        let mut periods = [
            p("2020"),
            p("2020-01/2020-05"),
            p("2019"),
            p("2020-05"),
            p("2020-Q2"),
            p("2020-01/2020-12"),
            p("2020-06"),
        ];
        periods.sort();
        let printed: Vec<String> = periods.iter().map(ToString::to_string).collect();
        assert_eq!(
            printed,
            [
                "2019",
                "2020-01/2020-05",
                "2020-05",
                "2020-Q2",
                "2020-06",
                "2020",
                "2020-01/2020-12"
            ]
        );
    }

    #[test]
    fn packing_keeps_every_span_and_the_order() {
        let mut spans = Vec::new();
        for year in [-900, -1, 0, 1, 1999, 2020, 9999] {
            spans.push(Span::Year(year));
            for quarter in 1..=4 {
                spans.push(Span::Quarter { year, quarter });
            }
            for month in [1, 5, 12] {
                let m = YearMonth::new(year, month).unwrap();
                spans.push(Span::Month(m));
                for back in [0, 4, 11, 30] {
                    let first = YearMonth(m.0 - back);
                    if first.year() >= -900 {
                        spans.push(Span::Interval { first, last: m });
                    }
                }
                if YearMonth(m.0 - 11).year() >= -900 {
                    spans.push(Span::Rolling12(m));
                }
            }
        }
        let periods: Vec<Period> = spans
            .iter()
            .map(|&span| Period::from_span(span).unwrap())
            .collect();
        for (&span, &period) in spans.iter().zip(&periods) {
            assert_eq!(period.span(), span);
        }
        let order = |p: &Period| (p.months().1, p.months().0, p.kind());
        for a in &periods {
            for b in &periods {
                assert_eq!(a.cmp(b), order(a).cmp(&order(b)), "{a} against {b}");
            }
        }
        assert_eq!(Period::annual(0).year_earlier(), Period::annual(-1));
        for written in ["0000", "1799", "2101", "9999-12"] {
            assert!(Period::parse(written).is_err(), "{written}");
        }
        assert!(Period::from_span(Span::Year(-901)).is_none());
        assert!(Period::from_span(Span::Year(11000)).is_none());
        assert!(
            Period::parse("1000-01/1999-12").is_err(),
            "a span of 12,000 months"
        );
        assert_eq!(
            p("2000-01/2019-12").months().0,
            YearMonth::new(2000, 1).unwrap()
        );
    }

    /// Every usual form of every written year and then some, and those
    /// forms with each byte changed to each of a set of bytes: the fast path
    /// gives what the general one gives, and declines nothing usual.
    #[test]
    fn usual_bytes_read_as_the_general_parse_does() {
        let mut inputs = Vec::new();
        for year in 1790..=2110 {
            inputs.push(format!("{year}"));
            for quarter in 0..=5 {
                inputs.push(format!("{year}-Q{quarter}"));
                inputs.push(format!("{year}-q{quarter}"));
            }
            for month in 0..=13 {
                inputs.push(format!("{year}-{month:02}"));
                inputs.push(format!("{year}-M{month:02}"));
            }
        }
        for text in [
            "0000", "9999", "2019-", "2019-1", "2019-123", "201", "", " 2019",
        ] {
            inputs.push(text.to_string());
        }
        let mut mutated = Vec::new();
        for text in [
            "2019", "2019-Q3", "2019-07", "2019-12", "1800-01", "2100-Q4",
        ] {
            for at in 0..text.len() {
                for byte in [
                    b'0', b'1', b'2', b'9', b'/', b':', b'-', b'Q', b' ', 0xC3, 0,
                ] {
                    let mut bytes = text.as_bytes().to_vec();
                    bytes[at] = byte;
                    mutated.push(bytes);
                }
            }
        }
        let mut usual = 0;
        for bytes in inputs.iter().map(|t| t.as_bytes().to_vec()).chain(mutated) {
            let fast = Period::from_usual_bytes(&bytes);
            let general = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|text| Period::parse_any_form(text).ok());
            match fast {
                Some(period) => {
                    usual += 1;
                    assert_eq!(
                        Some(period),
                        general,
                        "{:?}",
                        String::from_utf8_lossy(&bytes)
                    );
                }
                None => {
                    let text = String::from_utf8_lossy(&bytes);
                    let unusual = text.len() != bytes.len()
                        || text.trim() != text
                        || text.contains(['M', '/']);
                    assert!(
                        general.is_none() || unusual,
                        "{text:?} is usual but the fast path declines it"
                    );
                }
            }
        }
        assert!(usual > 301 * 18, "{usual} inputs took the fast path");
    }

    #[test]
    fn year_earlier_keeps_the_span() {
        assert_eq!(p("2020").year_earlier(), p("2019"));
        assert_eq!(p("2020-Q3").year_earlier(), p("2019-Q3"));
        assert_eq!(p("2020-01").year_earlier(), p("2019-01"));
        assert_eq!(p("2020-01/2020-05").year_earlier(), p("2019-01/2019-05"));
        assert_eq!(p("2019-12/2020-02").year_earlier(), p("2018-12/2019-02"));
        assert_eq!(p("2020-02/2021-01").year_earlier(), p("2019-02/2020-01"));
    }
}
