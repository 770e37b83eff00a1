//! Sorting a table by one of its columns (`o` the next column, `O` the other
//! way), as htop and bottom do. Sorting happens when a key asks for it, never
//! per frame: the keys of every period are computed in one go, and the
//! table's period order is sorted (O(n log n)); the rows are then computed
//! in that order, only those around the selection.

use std::cmp::Ordering;

use crate::data::Period;

/// The column a table is sorted by (0 is the period) and the direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

/// Periods latest first: the order every table starts in.
impl Default for Sort {
    fn default() -> Self {
        Self {
            column: 0,
            descending: true,
        }
    }
}

impl Sort {
    /// The column `by` columns on of `columns` sortable columns, wrapping
    /// around through the period, largest first (as htop starts).
    pub fn step_column(self, by: isize, columns: usize) -> Self {
        let columns = columns.max(1) as isize;
        Self {
            column: (self.column as isize + by).rem_euclid(columns) as usize,
            descending: true,
        }
    }

    /// Sorted by `column` of `columns` sortable ones, largest (or latest)
    /// first; by the column already sorted by, the other way, as a second
    /// click on a header does in bottom. `None` past the last sortable one.
    pub fn by(self, column: usize, columns: usize) -> Option<Self> {
        if column >= columns {
            None
        } else if column == self.column {
            Some(self.reversed())
        } else {
            Some(Self {
                column,
                descending: true,
            })
        }
    }

    pub fn reversed(self) -> Self {
        Self {
            descending: !self.descending,
            ..self
        }
    }

    /// The column headers, the sorted one marked ▼ (descending) or ▲.
    pub fn headers(self, names: &[&str]) -> Vec<String> {
        let mark = if self.descending { '▼' } else { '▲' };
        names
            .iter()
            .enumerate()
            .map(|(column, name)| match column == self.column {
                true => format!("{name} {mark}"),
                false => (*name).to_string(),
            })
            .collect()
    }

    /// What the status line says after a sort.
    pub fn describe(self, names: &[&str]) -> String {
        let name = names.get(self.column).copied().unwrap_or("Period");
        let way = match (name == "Period", self.descending) {
            (true, true) => "latest first",
            (true, false) => "earliest first",
            (false, true) => "largest first, missing last",
            (false, false) => "smallest first, missing last",
        };
        // A currency code stays as it is written: "USD", not "usd".
        let name = match name.chars().all(|c| c.is_ascii_uppercase()) {
            true => name.to_string(),
            false => name.to_lowercase(),
        };
        format!("sorted by {name}, {way}")
    }
}

/// `periods` in the order of `sort`: by period, or by `key` of each (for a
/// column other than the period; `key` gets the periods ascending and gives
/// one value each). A missing value sorts last in either direction, never
/// as zero; ties keep the periods latest first.
pub fn order(
    mut periods: Vec<Period>,
    sort: Sort,
    key: impl FnOnce(&[Period]) -> Vec<Option<f64>>,
) -> Vec<Period> {
    periods.sort_unstable();
    if sort.column == 0 {
        if sort.descending {
            periods.reverse();
        }
        return periods;
    }
    let keys = key(&periods);
    let mut keyed: Vec<(Period, Option<f64>)> = periods.into_iter().zip(keys).rev().collect();
    keyed.sort_by(|(_, a), (_, b)| compare(*a, *b, sort.descending));
    keyed.into_iter().map(|(period, _)| period).collect()
}

/// The order of two values in a sorted column: a missing value after any
/// known one, whichever the direction.
pub fn compare(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if descending => b.total_cmp(&a),
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(periods: &[Period]) -> Vec<i32> {
        periods.iter().map(|p| p.year()).collect()
    }

    #[test]
    fn values_sort_either_way_with_missing_last_and_ties_latest_first() {
        let periods: Vec<Period> = (2020..=2024).map(Period::annual).collect();
        let values = [Some(3.0), None, Some(5.0), Some(3.0), Some(-1.0)];
        let key = |ps: &[Period]| {
            assert_eq!(years(ps), [2020, 2021, 2022, 2023, 2024]);
            values.to_vec()
        };
        let down = Sort::default().step_column(1, 3);
        assert_eq!(
            years(&order(periods.clone(), down, key)),
            [2022, 2023, 2020, 2024, 2021]
        );
        assert_eq!(
            years(&order(periods.clone(), down.reversed(), key)),
            [2024, 2023, 2020, 2022, 2021]
        );
        assert_eq!(
            years(&order(periods.clone(), Sort::default(), key)),
            [2024, 2023, 2022, 2021, 2020]
        );
        let earliest = Sort::default().reversed();
        assert_eq!(years(&order(periods, earliest, key))[0], 2020);
    }

    #[test]
    fn the_sorted_column_is_marked_and_the_period_follows_the_last() {
        let names = ["Period", "USD"];
        assert_eq!(Sort::default().headers(&names), ["Period ▼", "USD"]);
        let by_usd = Sort::default().step_column(1, 2).reversed();
        assert_eq!(by_usd.headers(&names), ["Period", "USD ▲"]);
        assert_eq!(by_usd.step_column(1, 2), Sort::default());
        // Back from the period is the last column, largest first.
        let by_growth = Sort::default().step_column(-1, 6);
        assert_eq!((by_growth.column, by_growth.descending), (5, true));
    }

    #[test]
    fn sorting_by_a_column_starts_largest_first_and_again_reverses() {
        let by_usd = Sort::default().by(1, 2);
        assert_eq!(
            by_usd,
            Some(Sort {
                column: 1,
                descending: true
            })
        );
        let again = by_usd.and_then(|sort| sort.by(1, 2));
        assert_eq!(again, by_usd.map(Sort::reversed));
        assert_eq!(Sort::default().by(0, 2), Some(Sort::default().reversed()));
        assert_eq!(Sort::default().by(2, 2), None, "past the sortable columns");
    }
}
