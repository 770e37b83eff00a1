//! Which lists of product rows a flow has: in a period (or, for a
//! reporter with the world, its partners' BACI lists), the periods that
//! have some, and where their classification changes.

use std::collections::BTreeMap;

use super::describe;
use crate::data::model::{Classification, ProductRows};
use crate::data::{Dataset, Flow, Period};

/// The runs of periods of a flow's product rows in the same
/// classifications (nesting ones: HS, SITC, CN), earliest first, each with
/// its classifications, first period and last: more than one where the
/// series changes classification.
pub fn classification_runs(
    data: &Dataset,
    flow: Flow,
) -> Vec<(Vec<Classification>, Period, Period)> {
    let mut by_period: BTreeMap<Period, Vec<Classification>> = BTreeMap::new();
    for rows in data
        .products()
        .flow(flow.indicator, flow.reporter, flow.partner)
        .filter(|rows| rows.classification.nests())
    {
        let kinds = by_period.entry(rows.period).or_default();
        if !kinds.contains(&rows.classification) {
            kinds.push(rows.classification);
        }
    }
    // Runs of periods in the same classifications.
    let mut runs: Vec<(Vec<Classification>, Period, Period)> = Vec::new();
    for (period, mut kinds) in by_period {
        kinds.sort_unstable();
        match runs.last_mut() {
            Some((last, _, end)) if *last == kinds => *end = period,
            _ => runs.push((kinds, period, period)),
        }
    }
    runs
}

/// Where a flow's product rows change classification from one period to
/// the next (a BACI series read from its HS17 and HS22 files), said with
/// the periods of each: "the series changes classification: HS 2017 (H5)
/// 2020-2021, HS 2022 (H6) 2022"; `None` when they keep one.
pub fn classification_changes(data: &Dataset, flow: Flow) -> Option<String> {
    let runs = classification_runs(data, flow);
    if runs.len() < 2 {
        return None;
    }
    let said: Vec<String> = runs
        .iter()
        .map(|(kinds, first, last)| {
            let names: Vec<String> = kinds.iter().map(|&c| describe(data, c)).collect();
            let span = if first == last {
                first.to_string()
            } else {
                format!("{first}-{last}")
            };
            format!("{} {span}", names.join(" + "))
        })
        .collect();
    Some(format!(
        "the series changes classification: {}",
        said.join(", ")
    ))
}

/// A flow's lists of product rows in a period, and, for a reporter's trade
/// with the world (WLD) that no file lists, how many partners' lists of a
/// file listing every flow (BACI) make it: a sum of all partners is the
/// world's only where every flow is listed.
pub(super) fn lists_of(data: &Dataset, flow: Flow, period: Period) -> (Vec<&ProductRows>, usize) {
    let own: Vec<&ProductRows> = data
        .products()
        .of(flow.indicator, flow.reporter, flow.partner, period)
        .collect();
    if !own.is_empty() || flow.partner != crate::data::model::WORLD {
        return (own, 0);
    }
    let partners: Vec<&ProductRows> = data
        .products()
        .of_reporter(flow.indicator, flow.reporter, period)
        .filter(|(partner, rows)| rows.mirrored && *partner != crate::data::model::WORLD)
        .map(|(_, rows)| rows)
        .collect();
    let count = partners.len();
    (partners, count)
}

/// The periods in which a flow has product rows, latest first (for a
/// reporter with the world, also those its partners' BACI lists make).
pub fn periods(data: &Dataset, flow: Flow) -> Vec<Period> {
    let mut periods: Vec<Period> = data
        .products()
        .flow(flow.indicator, flow.reporter, flow.partner)
        .map(|rows| rows.period)
        .collect();
    if flow.partner == crate::data::model::WORLD {
        periods.extend(data.products().all().iter().filter_map(|rows| {
            let partner = if rows.reporter == flow.reporter {
                rows.partner
            } else {
                rows.reporter
            };
            (rows.mirrored && rows.is_of(flow.indicator, flow.reporter, partner))
                .then_some(rows.period)
        }));
    }
    periods.sort_unstable_by(|a, b| b.cmp(a));
    periods.dedup();
    periods
}
