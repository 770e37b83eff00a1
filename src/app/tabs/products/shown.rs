//! What the Products tab shows, computed when its selection changes (never
//! per frame): the ranked rows of one level with their change on a year
//! earlier and their history over the periods of the kind, for the
//! sparkline and the chart.

use std::collections::BTreeMap;

use crate::data::model::ProductCode;
use crate::data::{Currency, Dataset, Flow, Period};
use crate::view::products::{self, ProductLevel, ProductTable};
use crate::view::sort::{self, Sort};

/// The sortable columns, after the rank, code and name.
pub const COLUMNS: [&str; 4] = ["Value", "Share", "Growth", "Change"];

/// How many periods the sparkline of a row shows.
pub const TREND: usize = 12;

/// What a row's share is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareOf {
    /// The pair's total of the flow (a published figure or BACI's sum).
    Total,
    /// The sum of the products listed, where the data has no total: never
    /// the pair's total.
    Listed,
}

/// One product as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownRow {
    /// Its rank by value, whatever the sort.
    pub rank: usize,
    pub code: String,
    pub name: String,
    pub value: f64,
    /// In percent, of what [`Shown::share_of`] says; `None` when unknown.
    pub share: Option<f64>,
    /// On the same period a year earlier, in percent; `None` when unknown
    /// (not listed then, or across two revisions of the HS).
    pub growth: Option<f64>,
    /// The value less that of a year earlier, where growth is known.
    pub change: Option<f64>,
    /// Its quantity with the unit, where the file gives one.
    pub quantity: Option<(f64, String)>,
    /// The partner's own report of it, the other way, and how far that is
    /// from the value (in % of the value), where the partner reports it.
    pub mirror: Option<f64>,
    pub mirror_gap: Option<f64>,
    /// Whether the data lists finer products under it (Enter drills).
    pub opens: bool,
    /// Its value in each of [`Shown::history`]'s periods; `None` where
    /// not listed.
    pub history: Vec<Option<f64>>,
}

fn values_of(table: &ProductTable) -> BTreeMap<String, f64> {
    table
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.value))
        .collect()
}

/// The table of one flow, period and level, sorted as on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub table: ProductTable,
    pub rows: Vec<ShownRow>,
    pub share_of: ShareOf,
    pub currency: Currency,
    pub sort: Sort,
    /// The periods of the selected one's kind up to it, earliest first.
    pub history: Vec<Period>,
    /// The pair's total of the flow in each of them, where known.
    pub totals: Vec<Option<f64>>,
    /// In each of them, below the chapter, the classification where it is
    /// another revision of the HS than the period shown's: a code there may
    /// be another product, so the rows' history leaves it out.
    pub revised: Vec<Option<String>>,
}

impl Shown {
    /// The table of `flow` in `period` at `level` under the codes of
    /// `under`, with its history over `periods` (of its kind) and whether
    /// each row has products listed at the level `finer`.
    pub fn new(
        data: &Dataset,
        flow: Flow,
        (period, periods): (Period, &[Period]),
        (level, under, finer): (ProductLevel, &[ProductCode], Option<ProductLevel>),
        sort: Sort,
    ) -> Self {
        let table = ProductTable::new(data, flow, period, level, under);
        let finer: Vec<String> = finer.map_or(Vec::new(), |finer| {
            let table = ProductTable::new(data, flow, period, finer, under);
            table.rows.into_iter().map(|row| row.code).collect()
        });
        let history: Vec<Period> = periods
            .iter()
            .copied()
            .filter(|p| p.kind() == period.kind() && *p <= period)
            .collect();
        let tables: Vec<ProductTable> = history
            .iter()
            .map(|&p| match p == period {
                true => table.clone(),
                false => ProductTable::new(data, flow, p, level, under),
            })
            .collect();
        let earlier = period.year_earlier();
        let before: BTreeMap<String, f64> = match history.iter().position(|&p| p == earlier) {
            Some(at) => values_of(&tables[at]),
            None => values_of(&ProductTable::new(data, flow, earlier, level, under)),
        };
        let kinds: Vec<Vec<String>> = tables.iter().map(|t| t.classifications.clone()).collect();
        let mut shown = Self::assemble(table, tables, history, before, sort);
        if matches!(level, ProductLevel::Heading | ProductLevel::Hs6) {
            let this = &shown.table.classifications;
            shown.revised = kinds
                .into_iter()
                .map(|kind| (!kind.is_empty() && kind != *this).then(|| kind.join(" + ")))
                .collect();
            for row in &mut shown.rows {
                for (value, revised) in row.history.iter_mut().zip(&shown.revised) {
                    if revised.is_some() {
                        *value = None;
                    }
                }
            }
        }
        for row in &mut shown.rows {
            let chapters = products::section_chapters(&row.code);
            let under = |code: &String| match &chapters {
                Some(chapters) => chapters.iter().any(|c| c.to_string() == *code),
                None => code.starts_with(&row.code),
            };
            row.opens = finer.iter().any(|code| *code != row.code && under(code));
        }
        shown
    }

    fn assemble(
        table: ProductTable,
        tables: Vec<ProductTable>,
        history: Vec<Period>,
        before: BTreeMap<String, f64>,
        sort: Sort,
    ) -> Self {
        let share_of = match table.total {
            Some(_) => ShareOf::Total,
            None => ShareOf::Listed,
        };
        let listed: f64 = table.rows.iter().map(|r| r.value).sum();
        // The view leaves sections' growth out; sections are made of
        // chapters, which compare across revisions of the HS.
        let sections = table.level == ProductLevel::Section;
        let growth = |row: &crate::view::products::ProductRow| match (row.growth, sections) {
            (None, true) => before
                .get(&row.code)
                .filter(|b| **b > 0.0)
                .map(|b| (row.value / b - 1.0) * 100.0),
            (growth, _) => growth,
        };
        let by_period: Vec<BTreeMap<String, f64>> = tables.iter().map(values_of).collect();
        let rows = table
            .rows
            .iter()
            .enumerate()
            .map(|(at, row)| ShownRow {
                rank: at + 1,
                code: row.code.clone(),
                name: row.name.clone(),
                value: row.value,
                share: match share_of {
                    ShareOf::Total => row.share,
                    ShareOf::Listed => (listed > 0.0).then(|| row.value / listed * 100.0),
                },
                growth: growth(row),
                // Only where growth is known: the same rule of revisions.
                change: growth(row)
                    .and(before.get(&row.code))
                    .map(|before| row.value - before),
                quantity: row.quantity.clone(),
                mirror: row.mirror,
                mirror_gap: row.mirror_gap,
                opens: false,
                history: by_period
                    .iter()
                    .map(|values| values.get(&row.code).copied())
                    .collect(),
            })
            .collect();
        let totals = tables.iter().map(|t| t.total).collect();
        let revised = vec![None; history.len()];
        let currency = match table.unit {
            "CNY" => Currency::Cny,
            "EUR" => Currency::Eur,
            _ => Currency::Usd,
        };
        let mut shown = Self {
            table,
            rows,
            share_of,
            currency,
            sort: Sort::default(),
            history,
            totals,
            revised,
        };
        shown.sort_by(sort, 0);
        shown
    }

    /// Sorts the rows by `sort`, missing figures last either way, ties by
    /// rank; where the row selected (`row`) is now.
    pub fn sort_by(&mut self, sort: Sort, row: usize) -> usize {
        let code = self.rows.get(row).map(|r| r.code.clone());
        let key = |r: &ShownRow| match sort.column {
            1 => r.share,
            2 => r.growth,
            3 => r.change,
            _ => Some(r.value),
        };
        self.rows.sort_by(|a, b| {
            sort::compare(key(a), key(b), sort.descending).then(a.rank.cmp(&b.rank))
        });
        self.sort = sort;
        code.and_then(|code| self.rows.iter().position(|r| r.code == code))
            .unwrap_or(0)
    }

    /// The rows the table draws: the products, and "Other products" where
    /// the total exceeds them.
    pub fn len(&self) -> usize {
        self.rows.len() + usize::from(self.table.other.is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// "Other products"' share of the total.
    pub fn other_share(&self) -> Option<f64> {
        let total = self.table.total.filter(|t| *t > 0.0)?;
        self.table.other.map(|other| other / total * 100.0)
    }

    /// A row's value and its share of the pair's total in each period of
    /// the history, for the chart.
    pub fn series(&self, row: &ShownRow) -> Vec<(Period, Option<f64>, Option<f64>)> {
        self.history
            .iter()
            .zip(&row.history)
            .zip(&self.totals)
            .map(|((&period, &value), &total)| {
                let share = value
                    .zip(total.filter(|t| *t > 0.0))
                    .map(|(v, t)| v / t * 100.0);
                (period, value, share)
            })
            .collect()
    }
}
