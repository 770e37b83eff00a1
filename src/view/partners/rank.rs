//! The partners' order and what their figures add up to: ranks, the sort
//! of the table, the remainder to the world total and the concentration
//! index.

use super::{Concentration, PartnerRow, PartnersView, Rest, Share};
use crate::view::sort::Sort;

impl PartnersView {
    /// Sorts the partners by `sort`, and gives the row the partner at `row`
    /// moved to (the "Other partners" row stays last).
    pub fn sort_by(&mut self, sort: Sort, row: usize) -> usize {
        let selected = self.rows.get(row).map(|r| r.partner);
        self.sort = sort;
        self.sort_rows();
        selected
            .and_then(|partner| self.rows.iter().position(|r| r.partner == partner))
            .unwrap_or(row)
    }

    /// Numbers the rows by value, largest first (ties by partner).
    pub(super) fn rank_rows(&mut self) {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        let rows = &self.rows;
        order.sort_by(|&a, &b| {
            let (a, b) = (&rows[a], &rows[b]);
            b.value
                .amount
                .total_cmp(&a.value.amount)
                .then(a.partner.cmp(&b.partner))
        });
        for (rank, index) in order.into_iter().enumerate() {
            self.rows[index].rank = rank + 1;
        }
    }

    /// Rows by the sorted column, a missing figure last either way (never
    /// as zero), ties largest value first.
    pub(super) fn sort_rows(&mut self) {
        let column = self.sort.column;
        let key = |row: &PartnerRow| match column {
            1 => row.share.map(|s| s.percent),
            2 => row.growth.map(|g| g.percent),
            3 => row.balance,
            4 => row.change,
            _ => Some(row.value.amount),
        };
        let descending = self.sort.descending;
        self.rows.sort_by(|a, b| {
            let by_column = match (key(a), key(b)) {
                (Some(x), Some(y)) if descending => y.total_cmp(&x),
                (Some(x), Some(y)) => x.total_cmp(&y),
                (x, y) => y.is_some().cmp(&x.is_some()),
            };
            by_column
                .then(b.value.amount.total_cmp(&a.value.amount))
                .then(a.partner.cmp(&b.partner))
        });
    }
}

/// World minus the listed partners; a remainder smaller than rounding is none.
pub(super) fn rest(world: f64, rows: &[PartnerRow]) -> Rest {
    let listed: f64 = rows.iter().map(|row| row.value.amount).sum();
    let value = world - listed;
    if value < -1e-9 * world.abs() {
        Rest::Disagree { listed, world }
    } else {
        let value = value.max(0.0);
        let percent = if world > 0.0 {
            value / world * 100.0
        } else {
            0.0
        };
        Rest::Other { value, percent }
    }
}

/// The sum of the squared shares (in %) of the listed partners, when every
/// one of them has a share.
pub(super) fn concentration(rows: &[PartnerRow]) -> Option<Concentration> {
    let shares: Option<Vec<Share>> = rows.iter().map(|row| row.share).collect();
    let shares = shares.filter(|s| !s.is_empty())?;
    let computed = shares.iter().filter(|s| s.computed).count();
    let basis = match computed {
        0 => "published shares",
        n if n == shares.len() => "shares of WLD trade",
        _ => "published or WLD shares",
    };
    Some(Concentration {
        points: shares.iter().map(|s| s.percent * s.percent).sum(),
        basis,
        partners: shares.len(),
    })
}
