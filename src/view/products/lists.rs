//! Which lists of product rows a flow has: in a period (or, for a
//! reporter with the world, its partners' BACI lists), the periods that
//! have some, and where their classification changes.

use std::collections::{BTreeMap, HashMap};

use super::describe;
use crate::data::model::{Classification, ProductRows, WORLD};
use crate::data::store::NameFamily;
use crate::data::{Area, Dataset, Flow, Period};

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

/// A flow's lists of product rows in a period to read: its own, or for a
/// reporter's trade with the world (WLD) that no file lists, its partners'
/// from a file listing every flow (BACI), whose sum is the world's only
/// where every flow is listed.
pub(super) struct Lists<'d> {
    /// The first list of each classification family from each partner.
    pub read: Vec<&'d ProductRows>,
    /// How many partners' lists make the world's; 0 for the flow's own.
    pub partners: usize,
    /// Lists left out as repeats (see [`first_of_each_family`]).
    pub repeated: Vec<&'d ProductRows>,
}

pub(super) fn lists_of(data: &Dataset, flow: Flow, period: Period) -> Lists<'_> {
    let own = data
        .products()
        .of(flow.indicator, flow.reporter, flow.partner, period)
        .map(|rows| (flow.partner, rows));
    let (read, repeated) = first_of_each_family(data, own);
    if !read.is_empty() || flow.partner != WORLD {
        return Lists {
            read: without_partners(read),
            partners: 0,
            repeated,
        };
    }
    let partners = data
        .products()
        .of_reporter(flow.indicator, flow.reporter, period)
        .filter(|(partner, rows)| rows.mirrored && *partner != WORLD);
    let (read, repeated) = first_of_each_family(data, partners);
    Lists {
        partners: read.len(),
        read: without_partners(read),
        repeated,
    }
}

/// The lists to read of one flow and period, in file order: for each
/// partner and classification family (the HS with the CN, each SITC
/// revision, …), those of the first list's file and classification, and
/// the others. Another file's list of the same flow, period and family (an
/// overlapping download, another BACI revision of the year, a partner's
/// own report beside BACI's), or the same file's in another revision,
/// lists the same goods again: added, each would count twice.
pub(super) fn first_of_each_family<'d>(
    data: &Dataset,
    lists: impl IntoIterator<Item = (Area, &'d ProductRows)>,
) -> (Vec<(Area, &'d ProductRows)>, Vec<&'d ProductRows>) {
    let mut first = HashMap::new();
    let (mut read, mut repeated) = (Vec::new(), Vec::new());
    for (partner, rows) in lists {
        let family = NameFamily::of(rows.classification);
        let source = (data.row_file(rows.row), rows.classification);
        if *first.entry((partner, family)).or_insert(source) == source {
            read.push((partner, rows));
        } else {
            repeated.push(rows);
        }
    }
    (read, repeated)
}

/// The lists themselves, without their partners.
pub(super) fn without_partners(lists: Vec<(Area, &ProductRows)>) -> Vec<&ProductRows> {
    lists.into_iter().map(|(_, rows)| rows).collect()
}

/// Lists split into those of the first list's classification family, in
/// order, and the others.
pub(super) fn of_one_family(lists: Vec<&ProductRows>) -> (Vec<&ProductRows>, Vec<&ProductRows>) {
    let family = lists
        .first()
        .map(|rows| NameFamily::of(rows.classification));
    lists
        .into_iter()
        .partition(|rows| Some(NameFamily::of(rows.classification)) == family)
}

/// The notes of lists not added: another family's, and repeats.
pub(super) fn left_out(
    data: &Dataset,
    other_families: &[&ProductRows],
    repeated: &[&ProductRows],
) -> Vec<String> {
    let mut notes: Vec<String> = other_families
        .iter()
        .map(|rows| {
            format!(
                "also listed in {}: other goods under the same codes, not added",
                describe(data, rows.classification)
            )
        })
        .collect();
    notes.extend(repeated.iter().map(|rows| {
        format!(
            "not added: the list at {} ({}) repeats these products, and the first file's is shown",
            data.row_origin_text(rows.row),
            describe(data, rows.classification)
        )
    }));
    notes.dedup();
    notes
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
