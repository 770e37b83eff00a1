//! What a flow is made of: the product rows of a reporter's flow with a
//! partner in a period, at one level (HS section, chapter, heading, HS6),
//! ranked, with each product's share of the pair's total and the remainder
//! "Other products"; and, for one product, the reporter's partners.
//!
//! A level the file does not hold is made by summing the level below only
//! when the file's list is complete (BACI's, which are the pair's total; a
//! list whose sum is the published total within rounding); otherwise the
//! products are shown as listed, with the remainder.

use std::collections::BTreeMap;

use crate::data::model::{Classification, ProductCode, ProductRows, TextId};
use crate::data::{Dataset, Flow, Period};

mod names;
mod partners;

use names::{SECTIONS, built_in_name, section_of};
pub use names::{code_text, describe, group, section_chapters};
pub use partners::{ProductPartner, ProductPartners};

/// A list is complete when its products sum to the published total within
/// this share (Comtrade rounds each row to the dollar).
const ROUNDING: f64 = 1e-6;

/// The levels of the HS a table can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProductLevel {
    Section,
    Chapter,
    Heading,
    Hs6,
}

impl ProductLevel {
    /// The digits of the level's codes in a classification: an HS section
    /// is made of chapters; SITC's section, division and group are its
    /// codes of 1, 2 and 3 digits, its basic heading of 5.
    fn digits(self, classification: Classification) -> u8 {
        match (self, classification) {
            (Self::Section, Classification::Sitc(_)) => 1,
            (Self::Heading, Classification::Sitc(_)) => 3,
            (Self::Hs6, Classification::Sitc(_)) => 5,
            (Self::Section | Self::Chapter, _) => 2,
            (Self::Heading, _) => 4,
            (Self::Hs6, _) => 6,
        }
    }

    /// Whether the level is HS sections, made of chapters by the built-in table.
    fn is_hs_section(self, classification: Classification) -> bool {
        self == Self::Section && classification.is_hs_like()
    }
}

/// One row of a products table.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductRow {
    /// The code as written (`27`, `2709`, a section's numeral `V`).
    pub code: String,
    pub name: String,
    pub value: f64,
    /// Of the pair's total of the flow, in percent, where a total exists.
    pub share: Option<f64>,
    /// On the same period a year earlier, where the product is listed then
    /// in the same classification family.
    pub growth: Option<f64>,
    /// The quantity, with its unit (`t`, `kg`, `u`), where the file gives
    /// one for every product summed into the row, all in one unit.
    pub quantity: Option<(f64, String)>,
    /// The partner's own report of the product, the other way (Russia's
    /// imports from China of what China reports exporting to Russia), where
    /// the partner reports its products in the same classification.
    pub mirror: Option<f64>,
    /// How far the mirror is from the value, in % of the value.
    pub mirror_gap: Option<f64>,
}

/// A quantity being summed: none yet, a sum in one unit, or unknown (a
/// part without one, or parts in different units: a sum of some is not
/// the quantity).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Quantity {
    Empty,
    Known(f64, TextId),
    Unknown,
}

impl Quantity {
    fn add(self, part: Option<(f64, TextId)>) -> Self {
        match (self, part) {
            (Self::Empty, Some((amount, unit))) => Self::Known(amount, unit),
            (Self::Known(sum, unit), Some((amount, other))) if unit == other => {
                Self::Known(sum + amount, unit)
            }
            _ => Self::Unknown,
        }
    }

    fn merge(self, other: Self) -> Self {
        match other {
            Self::Empty => self,
            Self::Known(amount, unit) => self.add(Some((amount, unit))),
            Self::Unknown => Self::Unknown,
        }
    }

    fn shown(self, data: &Dataset) -> Option<(f64, String)> {
        match self {
            Self::Known(amount, unit) => Some((amount, data.text(unit).to_string())),
            _ => None,
        }
    }
}

/// Each code's quantity at a level, summed over the rows of `digits`
/// digits under it.
type Quantities = BTreeMap<ProductCode, Quantity>;

/// A flow's products at one level.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductTable {
    pub flow: Flow,
    pub period: Period,
    pub level: ProductLevel,
    /// The classifications of the lists read, as said.
    pub classifications: Vec<String>,
    pub rows: Vec<ProductRow>,
    /// The pair's total of the flow (a published figure, a TOTAL row,
    /// BACI's sum of HS6), and what it is: its source, or how it was made.
    pub total: Option<f64>,
    pub total_is: String,
    /// The total less the products listed, where a total exists; `None`
    /// when they reach it.
    pub other: Option<f64>,
    /// How the rows were made, and anything a reader must know.
    pub notes: Vec<String>,
    pub unit: &'static str,
    /// Whether some rows are not of the level asked for but the file's
    /// products as listed (finer codes that do not make the total, or
    /// labels that may overlap): a title must not call them the level.
    pub as_listed: bool,
}

/// The codes of one list at a level: the list's own rows at that level, or
/// its finer rows summed when the list is complete; else its finer rows as
/// they are. With the note said of it.
fn at_level(
    rows: &ProductRows,
    digits: u8,
    under: &[ProductCode],
    total: Option<f64>,
) -> (BTreeMap<ProductCode, f64>, Option<String>) {
    let (values, _, note) = at_level_with_quantities(rows, digits, under, total);
    (values, note)
}

/// [`at_level`], with each code's quantity.
fn at_level_with_quantities(
    rows: &ProductRows,
    digits: u8,
    under: &[ProductCode],
    total: Option<f64>,
) -> (BTreeMap<ProductCode, f64>, Quantities, Option<String>) {
    // The quantities of the rows of `used` digits, summed to the codes of
    // `to` digits made.
    let quantities = |made: &BTreeMap<ProductCode, f64>, used: u8, to: u8| {
        let mut out: Quantities = made.keys().map(|&code| (code, Quantity::Empty)).collect();
        let Some(list) = &rows.quantities else {
            return out;
        };
        for (at, code) in rows.codes.iter().enumerate() {
            if code.digits() != used {
                continue;
            }
            let target = code.prefix(to).unwrap_or(*code);
            if let Some(sum) = out.get_mut(&target) {
                *sum = sum.add(list.get(at));
            }
        }
        out
    };
    let in_scope = |code: ProductCode| {
        under.is_empty()
            || under
                .iter()
                .any(|&parent| code.prefix(parent.digits()) == Some(parent))
    };
    let pairs = || rows.codes.iter().copied().zip(rows.values.iter().copied());
    let own: BTreeMap<ProductCode, f64> = pairs()
        .filter(|&(code, _)| code.digits() == digits && in_scope(code))
        .collect();
    if !own.is_empty() {
        let own_quantities = quantities(&own, digits, digits);
        return (own, own_quantities, None);
    }
    let finest = pairs()
        .map(|(code, _)| code.digits())
        .filter(|&d| d > digits)
        .min();
    let Some(finest) = finest else {
        return (BTreeMap::new(), BTreeMap::new(), None);
    };
    let finer: Vec<(ProductCode, f64)> = pairs().filter(|&(c, _)| c.digits() == finest).collect();
    let sum: f64 = finer.iter().map(|&(_, v)| v).sum();
    let complete = rows.mirrored
        || total.is_some_and(|total| (sum - total).abs() <= ROUNDING * total.abs().max(1.0));
    let mut out = BTreeMap::new();
    if complete {
        for (code, value) in finer {
            if let Some(prefix) = code.prefix(digits).filter(|&p| in_scope(p)) {
                *out.entry(prefix).or_insert(0.0) += value;
            }
        }
        let how = if rows.mirrored {
            format!("summed from the file's {finest}-digit products (BACI lists every product)")
        } else {
            format!("summed from the file's {finest}-digit products, which sum to the total")
        };
        let summed = quantities(&out, finest, digits);
        (out, summed, Some(how))
    } else {
        for (code, value) in finer.into_iter().filter(|&(c, _)| in_scope(c)) {
            out.insert(code, value);
        }
        let how = format!(
            "listed products: the file's {finest}-digit products do not make its total, so they are not summed into a level above"
        );
        let listed = quantities(&out, finest, finest);
        (out, listed, Some(how))
    }
}

/// A list's quantities as they are.
fn quantities_as_listed(rows: &ProductRows) -> Quantities {
    rows.codes
        .iter()
        .enumerate()
        .map(|(at, &code)| {
            let quantity = rows.quantities.as_ref().and_then(|q| q.get(at));
            (code, Quantity::Empty.add(quantity))
        })
        .collect()
}

/// A list's codes and values as they are.
fn pairs_of(rows: &ProductRows) -> BTreeMap<ProductCode, f64> {
    rows.codes
        .iter()
        .copied()
        .zip(rows.values.iter().copied())
        .collect()
}

impl ProductTable {
    /// The products of `flow` in `period` at `level`, under the codes of
    /// `under` (a chapter, a heading, a group's chapters) when any.
    pub fn new(
        data: &Dataset,
        flow: Flow,
        period: Period,
        level: ProductLevel,
        under: &[ProductCode],
    ) -> Self {
        let (all, partners) = lists_of(data, flow, period);
        let nesting: Vec<&ProductRows> = all
            .iter()
            .copied()
            .filter(|rows| rows.classification.nests())
            .collect();
        // WITS's groups, where no codes of a classification are listed.
        let overlapping = nesting.is_empty() && !all.is_empty();
        let lists = if overlapping { all } else { nesting };
        let unit = lists
            .first()
            .map_or(crate::data::Unit::Usd, |rows| rows.unit);
        let figure = data.level(flow, unit.currency(), period);
        let total = figure.as_ref().map(|figure| figure.amount);
        let total_is = match figure.as_ref().and_then(|figure| figure.observation()) {
            Some(figure) => format!("the pair's figure: {}", data.text(figure.source)),
            None => "computed by eurasia-dash from the pair's figures".to_string(),
        };
        let mut table = Self {
            flow,
            period,
            level,
            classifications: Vec::new(),
            rows: Vec::new(),
            total,
            total_is,
            other: None,
            notes: Vec::new(),
            unit: unit.currency().code(),
            as_listed: overlapping,
        };
        let texts_of = |c: Classification| describe(data, c);
        let mut values: BTreeMap<ProductCode, f64> = BTreeMap::new();
        let mut quantities: Quantities = BTreeMap::new();
        let mut family = None;
        for rows in &lists {
            let (codes, listed, note) = if overlapping {
                let codes = pairs_of(rows);
                let listed = quantities_as_listed(rows);
                (codes, listed, None)
            } else {
                at_level_with_quantities(rows, level.digits(rows.classification), under, total)
            };
            let digits = level.digits(rows.classification);
            table.as_listed |= codes.keys().any(|code| code.digits() != digits);
            table.classifications.push(texts_of(rows.classification));
            table.notes.extend(note);
            family.get_or_insert(rows.classification);
            for (code, value) in codes {
                *values.entry(code).or_insert(0.0) += value;
            }
            for (code, quantity) in listed {
                let sum = quantities.entry(code).or_insert(Quantity::Empty);
                *sum = sum.merge(quantity);
            }
        }
        let quantity_of =
            |code: &ProductCode| quantities.get(code).copied().unwrap_or(Quantity::Unknown);
        table.classifications.dedup();
        table.notes.dedup();
        if partners > 0 {
            table.notes.push(format!(
                "the world: summed over the products of {partners} partner{}, as BACI lists every flow",
                if partners == 1 { "" } else { "s" }
            ));
        }
        let (earlier, across) = Self::earlier(data, flow, period, level, under, &lists);
        // HS sections show no growth: nothing to say of it.
        if !level.is_hs_section(family.unwrap_or(Classification::Hs(None))) {
            table.notes.extend(across);
        }
        table.notes.extend(classification_changes(data, flow));
        let name_of = |code: ProductCode| -> String {
            let classification = family.unwrap_or(Classification::Hs(None));
            if let Some(id) = data.products().file_name(classification, code) {
                return data.text(id).to_string();
            }
            built_in_name(classification, code).map_or(String::new(), str::to_string)
        };
        let share = |value: f64| total.filter(|t| *t > 0.0).map(|t| value / t * 100.0);
        if level.is_hs_section(family.unwrap_or(Classification::Hs(None))) {
            let mut sections: BTreeMap<usize, f64> = BTreeMap::new();
            let mut section_quantities: BTreeMap<usize, Quantity> = BTreeMap::new();
            for (code, value) in &values {
                match section_of(*code) {
                    Some(section) => {
                        *sections.entry(section).or_insert(0.0) += value;
                        let sum = section_quantities.entry(section).or_insert(Quantity::Empty);
                        *sum = sum.merge(quantity_of(code));
                    }
                    None => table
                        .notes
                        .push(format!("chapter {code} is in no HS section")),
                }
            }
            table.rows = sections
                .into_iter()
                .map(|(section, value)| ProductRow {
                    code: SECTIONS[section].0.to_string(),
                    name: SECTIONS[section].3.to_string(),
                    value,
                    share: share(value),
                    growth: None,
                    mirror: None,
                    mirror_gap: None,
                    quantity: section_quantities.get(&section).and_then(|q| q.shown(data)),
                })
                .collect();
        } else {
            let mirror = Self::mirror(data, flow, period, level, under, &lists);
            if mirror.is_some() {
                table.notes.push(
                    "mirror: the partner's own report of each product, the other way; the two rarely agree (imports CIF, exports FOB, timing, classification)".to_string(),
                );
            }
            table.rows = values
                .iter()
                .map(|(&code, &value)| ProductRow {
                    code: code_text(data, code),
                    name: name_of(code),
                    value,
                    share: share(value),
                    growth: earlier
                        .as_ref()
                        .and_then(|before| before.get(&code))
                        .filter(|before| **before > 0.0)
                        .map(|before| (value / before - 1.0) * 100.0),
                    quantity: quantity_of(&code).shown(data),
                    mirror: mirror
                        .as_ref()
                        .and_then(|theirs| theirs.get(&code))
                        .copied(),
                    mirror_gap: mirror
                        .as_ref()
                        .and_then(|theirs| theirs.get(&code))
                        .and_then(|&theirs| {
                            crate::data::derive::mirror::gap_percent(value, theirs)
                        }),
                })
                .collect();
        }
        table
            .rows
            .sort_by(|a, b| b.value.total_cmp(&a.value).then(a.code.cmp(&b.code)));
        let listed: f64 = table.rows.iter().map(|row| row.value).sum();
        if overlapping {
            let note = if family == Some(Classification::WitsGroup) {
                "WITS product groups overlap (by stage of processing and by sector): each is a share of the total, and no remainder is computed"
            } else {
                "products named by a label only, without codes, may overlap: each is a share of the total, and no remainder is computed"
            };
            table.notes.push(note.to_string());
        } else if let Some(total) = total {
            let rest = total - listed;
            if rest > ROUNDING * total.abs().max(1.0) {
                table.other = Some(rest);
                if partners > 0 {
                    table.notes.push(
                        "Other products: trade with areas that are no country (BACI's 'Other Asia, nes' and others), in the world's total but in no partner's products".to_string(),
                    );
                }
                if level.is_hs_section(family.unwrap_or(Classification::Hs(None))) {
                    table.notes.push(
                        "sections summed from the chapters listed, which do not reach the total: a section may hold more, within Other products".to_string(),
                    );
                }
            } else if rest < -ROUNDING * total.abs().max(1.0) {
                table.notes.push(format!(
                    "the products listed sum to {listed:.0}, more than the total {total:.0}: the file's product rows and its total disagree; no remainder is shown"
                ));
            }
        } else if !table.rows.is_empty() {
            table.notes.push(
                "no total of this flow in the data: shares are not computed, and the products listed are not the pair's total".to_string(),
            );
        }
        table
    }

    /// The partner's report of the same flow's products, the other way, at
    /// the same level: only its own lists (a BACI list is both sides' one
    /// figure, no mirror), in the same classifications as the reporter's.
    fn mirror(
        data: &Dataset,
        flow: Flow,
        period: Period,
        level: ProductLevel,
        under: &[ProductCode],
        own: &[&ProductRows],
    ) -> Option<BTreeMap<ProductCode, f64>> {
        let theirs = crate::data::derive::mirror::mirror_flow(flow)?;
        if own.iter().any(|rows| rows.mirrored) {
            return None;
        }
        let lists: Vec<&ProductRows> = data
            .products()
            .of(theirs.indicator, theirs.reporter, theirs.partner, period)
            .filter(|rows| !rows.mirrored && rows.classification.nests())
            .collect();
        let same = |a: &[&ProductRows], b: &[&ProductRows]| {
            let kinds = |lists: &[&ProductRows]| {
                let mut kinds: Vec<Classification> =
                    lists.iter().map(|rows| rows.classification).collect();
                kinds.sort_unstable();
                kinds.dedup();
                kinds
            };
            kinds(a) == kinds(b)
        };
        if lists.is_empty() || !same(&lists, own) || lists[0].unit != own[0].unit {
            return None;
        }
        let total = data
            .level(theirs, lists[0].unit.currency(), period)
            .map(|l| l.amount);
        let mut values = BTreeMap::new();
        for rows in lists {
            for (code, value) in at_level(rows, level.digits(rows.classification), under, total).0 {
                *values.entry(code).or_insert(0.0) += value;
            }
        }
        Some(values)
    }

    /// The same level's values a year earlier, when listed in the same
    /// classification family, with a note when the two years are in
    /// different classifications: HS6 codes and headings change meaning
    /// between revisions, so growth across two revisions is computed for
    /// chapters only (a revision moves goods between subheadings and
    /// headings, seldom between chapters).
    fn earlier(
        data: &Dataset,
        flow: Flow,
        period: Period,
        level: ProductLevel,
        under: &[ProductCode],
        now: &[&ProductRows],
    ) -> (Option<BTreeMap<ProductCode, f64>>, Option<String>) {
        let before = period.year_earlier();
        let lists: Vec<&ProductRows> = lists_of(data, flow, before)
            .0
            .into_iter()
            .filter(|rows| rows.classification.nests())
            .collect();
        if lists.is_empty() {
            return (None, None);
        }
        let said = |lists: &[&ProductRows]| {
            let mut said: Vec<String> = lists
                .iter()
                .map(|rows| describe(data, rows.classification))
                .collect();
            said.dedup();
            said.join(" + ")
        };
        let same = lists
            .iter()
            .map(|r| r.classification)
            .eq(now.iter().map(|r| r.classification));
        let note = (!same).then(|| {
            let (then, this) = (said(&lists), said(now));
            if level == ProductLevel::Chapter {
                format!(
                    "growth compares chapters across classifications ({then} in {before}, {this} in {period}): chapters keep their meaning between HS revisions"
                )
            } else {
                format!(
                    "growth not computed: {before} is in {then} and {period} in {this}, whose codes below the chapter changed meaning between revisions; compare chapters instead"
                )
            }
        });
        if !same && level != ProductLevel::Chapter {
            return (None, note);
        }
        let unit = lists[0].unit;
        let total = data.level(flow, unit.currency(), before).map(|l| l.amount);
        let mut values = BTreeMap::new();
        for rows in lists {
            for (code, value) in at_level(rows, level.digits(rows.classification), under, total).0 {
                *values.entry(code).or_insert(0.0) += value;
            }
        }
        (Some(values), note)
    }
}

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
fn lists_of(data: &Dataset, flow: Flow, period: Period) -> (Vec<&ProductRows>, usize) {
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
