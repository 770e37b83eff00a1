//! Fitting a series to the columns of a chart, so that a chart draws the whole
//! span its caption names instead of the latest points that happen to fit.

/// A series fitted to a chart's width: each column the mean of `per_column`
/// consecutive points (the first column may hold fewer), oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    pub values: Vec<Option<f64>>,
    pub per_column: usize,
}

/// Groups `values` (oldest first, `None` for a missing figure) into at most
/// `width` columns. A column's value is the mean of its known points: a mean
/// (not a sum) so that a column with a missing point is not drawn lower for
/// it, and missing is never read as zero; a column with no known point is a
/// gap. Groups are aligned to the latest point, so the newest column is
/// always whole. O(n) in the points, one allocation of at most `width`.
pub fn fit(values: &[Option<f64>], width: usize) -> Columns {
    let per_column = values.len().div_ceil(width.max(1)).max(1);
    // The first column takes the remainder, so the latest are grouped alike.
    let first = match values.len() % per_column {
        0 => per_column,
        rest => rest,
    };
    let (head, tail) = values.split_at(first.min(values.len()));
    let values = std::iter::once(head)
        .filter(|head| !head.is_empty())
        .chain(tail.chunks(per_column))
        .map(mean_of_known)
        .collect();
    Columns { values, per_column }
}

fn mean_of_known(points: &[Option<f64>]) -> Option<f64> {
    let (sum, count) = points
        .iter()
        .flatten()
        .fold((0.0, 0_u32), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / f64::from(count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_that_fits_is_drawn_point_by_point() {
        let values = [Some(1.0), None, Some(3.0)];
        assert_eq!(
            fit(&values, 30),
            Columns {
                values: values.to_vec(),
                per_column: 1
            }
        );
        assert_eq!(fit(&[], 30).values, Vec::<Option<f64>>::new());
        assert_eq!(fit(&values, 0).values.len(), 1, "no width is one column");
    }

    #[test]
    fn a_fall_in_the_second_half_stays_visible() {
        let values: Vec<Option<f64>> = (0..120)
            .map(|month| Some(if month < 60 { 100.0 } else { 10.0 }))
            .collect();
        let columns = fit(&values, 28);
        assert_eq!(columns.per_column, 5);
        assert_eq!(columns.values.len(), 24);
        assert!(columns.values[..12].iter().all(|v| *v == Some(100.0)));
        assert!(columns.values[12..].iter().all(|v| *v == Some(10.0)));
    }

    #[test]
    fn missing_points_are_left_out_of_the_mean_and_an_empty_column_is_a_gap() {
        let values = [
            Some(9.0), // the first column holds the remainder
            None,
            None,
            None,
            Some(4.0),
            None,
            Some(8.0),
        ];
        let columns = fit(&values, 3);
        assert_eq!(columns.per_column, 3);
        assert_eq!(columns.values, [Some(9.0), None, Some(6.0)]);
    }
}
