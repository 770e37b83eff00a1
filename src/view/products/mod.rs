//! What a flow is made of: the product rows of a reporter's flow with a
//! partner in a period, at one level (HS section, chapter, heading, HS6;
//! SITC section, division, group, basic heading),
//! ranked, with each product's share of the pair's total and the remainder
//! "Other products"; and, for one product, the reporter's partners.
//!
//! A level the file does not hold is made by summing the level below only
//! when the file's list is complete (BACI's, which are the pair's total; a
//! list whose sum is the published total within rounding); otherwise the
//! products are shown as listed, with the remainder.

use std::collections::BTreeMap;

use crate::data::model::{Classification, ProductCode, ProductRows};
use crate::data::store::NameFamily;
use crate::data::{Dataset, Flow, Period};

mod level;
mod lists;
mod names;
mod partners;
mod summing;

pub use level::{LevelName, ProductLevel, scheme};
use lists::{Lists, first_of_each_family, left_out, lists_of, of_one_family, without_partners};
pub use lists::{classification_changes, classification_runs, periods};
use names::{SECTIONS, built_in_name, section_of};
pub use names::{code_text, describe, group, section_chapters};
pub use partners::{ProductPartner, ProductPartners};
use summing::{
    Quantities, Quantity, ROUNDING, at_level, at_level_with_quantities, pairs_of,
    quantities_as_listed,
};

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

/// A flow's products at one level.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductTable {
    pub flow: Flow,
    pub period: Period,
    pub level: ProductLevel,
    /// The classification the rows are named in (of the first list read;
    /// the HS where none is), which names the level.
    pub classification: Classification,
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
        let Lists {
            read: all,
            partners,
            repeated,
        } = lists_of(data, flow, period);
        let nesting: Vec<&ProductRows> = all
            .iter()
            .copied()
            .filter(|rows| rows.classification.nests())
            .collect();
        // WITS's groups, where no codes of a classification are listed.
        let overlapping = nesting.is_empty() && !all.is_empty();
        let lists = if overlapping { all } else { nesting };
        // One family of codes, the first list's: the same code is other
        // goods in another (HS chapter 33, essential oils; SITC division
        // 33, petroleum), never added together.
        let (lists, other_families) = of_one_family(lists);
        let partners = if partners > 0 { lists.len() } else { 0 };
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
            classification: lists
                .first()
                .map_or(Classification::Hs(None), |rows| rows.classification),
            classifications: Vec::new(),
            rows: Vec::new(),
            total,
            total_is,
            other: None,
            notes: Vec::new(),
            unit: unit.currency().code(),
            as_listed: overlapping,
        };
        table
            .notes
            .extend(left_out(data, &other_families, &repeated));
        let texts_of = |c: Classification| describe(data, c);
        let mut values: BTreeMap<ProductCode, f64> = BTreeMap::new();
        let mut quantities: Quantities = BTreeMap::new();
        let family = table.classification;
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
        if !level.is_hs_section(family) {
            table.notes.extend(across);
        }
        table.notes.extend(classification_changes(data, flow));
        let name_of = |code: ProductCode| -> String {
            if let Some(id) = data.products().file_name(family, code) {
                return data.text(id).to_string();
            }
            built_in_name(family, code).map_or(String::new(), str::to_string)
        };
        let share = |value: f64| total.filter(|t| *t > 0.0).map(|t| value / t * 100.0);
        if level.is_hs_section(family) {
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
            let note = if family == Classification::WitsGroup {
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
                if level.is_hs_section(family) {
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
        let family = own.first().map(|rows| NameFamily::of(rows.classification));
        let lists = without_partners(
            first_of_each_family(
                data,
                data.products()
                    .of(theirs.indicator, theirs.reporter, theirs.partner, period)
                    .filter(|rows| {
                        !rows.mirrored
                            && rows.classification.nests()
                            && Some(NameFamily::of(rows.classification)) == family
                    })
                    .map(|rows| (theirs.partner, rows)),
            )
            .0,
        );
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
    /// chapters (SITC's divisions) only (a revision moves goods between
    /// subheadings and headings, seldom between chapters); never between
    /// the HS and SITC, whose codes are other goods.
    fn earlier(
        data: &Dataset,
        flow: Flow,
        period: Period,
        level: ProductLevel,
        under: &[ProductCode],
        now: &[&ProductRows],
    ) -> (Option<BTreeMap<ProductCode, f64>>, Option<String>) {
        let before = period.year_earlier();
        let nesting = lists_of(data, flow, before)
            .read
            .into_iter()
            .filter(|rows| rows.classification.nests());
        // The family of this year's lists where that year has it (one family
        // is added up, as this year's), else the first.
        let family = now.first().map(|rows| NameFamily::of(rows.classification));
        let (same_family, others): (Vec<&ProductRows>, Vec<&ProductRows>) =
            nesting.partition(|rows| Some(NameFamily::of(rows.classification)) == family);
        let lists = if same_family.is_empty() {
            of_one_family(others).0
        } else {
            same_family
        };
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
        // HS and CN share their chapters; SITC's divisions are other goods.
        let schemes = |lists: &[&ProductRows]| {
            let mut schemes: Vec<&str> = lists.iter().map(|r| scheme(r.classification)).collect();
            schemes.dedup();
            schemes
        };
        let one_scheme = schemes(&lists) == schemes(now) && schemes(now).len() == 1;
        let classification = now
            .first()
            .map_or(Classification::Hs(None), |rows| rows.classification);
        let chapter = ProductLevel::Chapter.name(classification);
        let compared = same || (level == ProductLevel::Chapter && one_scheme);
        let note = (!same).then(|| {
            let (then, this) = (said(&lists), said(now));
            let revisions = scheme(classification);
            if compared {
                format!(
                    "growth compares {many} across classifications ({then} in {before}, {this} in {period}): {many} keep their meaning between {revisions} revisions",
                    many = chapter.many
                )
            } else if !one_scheme {
                format!(
                    "growth not computed: {before} is in {then} and {period} in {this}, whose codes are other goods"
                )
            } else {
                format!(
                    "growth not computed: {before} is in {then} and {period} in {this}, whose codes below the {} changed meaning between revisions; compare {} instead",
                    chapter.one, chapter.many
                )
            }
        });
        if !compared {
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
