//! Reporting periods: years, quarters, months and cumulative month intervals.

use std::cmp::Ordering;
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

    fn years_earlier(self, years: i32) -> Self {
        Self(self.0 - 12 * years)
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
}

impl SpanKind {
    pub const ALL: [SpanKind; 4] = [
        SpanKind::Annual,
        SpanKind::Quarterly,
        SpanKind::Monthly,
        SpanKind::Cumulative,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SpanKind::Annual => "annual",
            SpanKind::Quarterly => "quarterly",
            SpanKind::Monthly => "monthly",
            SpanKind::Cumulative => "year to date",
        }
    }
}

/// A reporting period as written in the native format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    Quarter { year: i32, quarter: u8 },
    Month(YearMonth),
    Interval { first: YearMonth, last: YearMonth },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a period: expected 2019, 2019-Q3, 2019-07 or 2019-01/2019-05")]
pub struct PeriodError(pub String);

impl Period {
    /// Parses `2019`, `2019-Q3`, `2019-07` or `2020-01/2020-05`.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let bad = || PeriodError(text.to_string());
        let text_trimmed = text.trim();
        if let Some((first, last)) = text_trimmed.split_once('/') {
            let first = parse_year_month(first).ok_or_else(bad)?;
            let last = parse_year_month(last).ok_or_else(bad)?;
            if last < first {
                return Err(bad());
            }
            return Ok(Period::Interval { first, last });
        }
        let bytes = text_trimmed.as_bytes();
        match bytes.len() {
            4 => parse_year(bytes).map(Period::Year).ok_or_else(bad),
            7 if bytes[5] == b'Q' || bytes[5] == b'q' => {
                let year = parse_year(&bytes[..4]).ok_or_else(bad)?;
                match (bytes[4], bytes[6]) {
                    (b'-', q @ b'1'..=b'4') => Ok(Period::Quarter {
                        year,
                        quarter: q - b'0',
                    }),
                    _ => Err(bad()),
                }
            }
            7 | 8 => parse_year_month(text_trimmed)
                .map(Period::Month)
                .ok_or_else(bad),
            _ => Err(bad()),
        }
    }

    pub fn kind(self) -> SpanKind {
        match self {
            Period::Year(_) => SpanKind::Annual,
            Period::Quarter { .. } => SpanKind::Quarterly,
            Period::Month(_) => SpanKind::Monthly,
            Period::Interval { .. } => SpanKind::Cumulative,
        }
    }

    /// The first and last month the period covers.
    pub fn months(self) -> (YearMonth, YearMonth) {
        let month = |year, month| YearMonth(year * 12 + month - 1);
        match self {
            Period::Year(year) => (month(year, 1), month(year, 12)),
            Period::Quarter { year, quarter } => {
                let last = i32::from(quarter) * 3;
                (month(year, last - 2), month(year, last))
            }
            Period::Month(m) => (m, m),
            Period::Interval { first, last } => (first, last),
        }
    }

    /// The same span one year earlier: the period growth is measured against.
    pub fn year_earlier(self) -> Self {
        match self {
            Period::Year(year) => Period::Year(year - 1),
            Period::Quarter { year, quarter } => Period::Quarter {
                year: year - 1,
                quarter,
            },
            Period::Month(m) => Period::Month(m.years_earlier(1)),
            Period::Interval { first, last } => Period::Interval {
                first: first.years_earlier(1),
                last: last.years_earlier(1),
            },
        }
    }

    /// A number that sorts as the period does among periods of one kind: the
    /// month it ends in, then the month it starts in.
    pub(crate) fn sort_key(self) -> u64 {
        let (first, last) = self.months();
        let bits = |m: YearMonth| u64::from(m.0.cast_unsigned() ^ 0x8000_0000);
        (bits(last) << 32) | bits(first)
    }

    /// The calendar year the period ends in.
    pub fn year(self) -> i32 {
        self.months().1.year()
    }
}

/// Periods are ordered by the month they end in, then by the month they start in
/// (a longer span first), then by kind; that is a total order on distinct periods.
impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a_first, a_last) = self.months();
        let (b_first, b_last) = other.months();
        a_last
            .cmp(&b_last)
            .then(a_first.cmp(&b_first))
            .then(self.kind().cmp(&other.kind()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(year) => write!(f, "{year:04}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Month(m) => write!(f, "{m}"),
            Period::Interval { first, last } => write!(f, "{first}/{last}"),
        }
    }
}

fn parse_year(bytes: &[u8]) -> Option<i32> {
    if bytes.len() != 4 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year = bytes
        .iter()
        .fold(0i32, |acc, b| acc * 10 + i32::from(b - b'0'));
    // Validate through chrono so every period is a real calendar date.
    NaiveDate::from_ymd_opt(year, 1, 1).map(|d| d.year())
}

/// `2019-07` (also `2019-M07`, as SDMX writes months).
pub(crate) fn parse_year_month(text: &str) -> Option<YearMonth> {
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
        assert_eq!(p(" 2019 "), Period::Year(2019));
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
    fn year_earlier_keeps_the_span() {
        assert_eq!(p("2020").year_earlier(), p("2019"));
        assert_eq!(p("2020-Q3").year_earlier(), p("2019-Q3"));
        assert_eq!(p("2020-01").year_earlier(), p("2019-01"));
        assert_eq!(p("2020-01/2020-05").year_earlier(), p("2019-01/2019-05"));
        assert_eq!(p("2019-12/2020-02").year_earlier(), p("2018-12/2019-02"));
    }
}
