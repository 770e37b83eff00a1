//! What the Union's figures could not be computed for, collected over the
//! spans as bitsets of members and pairs, and said once as remarks.

use std::collections::BTreeMap;

use super::EAEU_MEMBERS;
use crate::data::derive::aggregate::{Aggregates, Span, named, spans_text};
use crate::data::model::{Area, EAEU, Period};
use crate::data::store::{Warning, WarningKind};

/// Members, each a bit at its place in [`EAEU_MEMBERS`]: collected over the
/// spans, named once for the remark.
#[derive(Clone, Copy, Default, PartialEq)]
pub(super) struct Members(pub(super) u8);

impl Members {
    pub(super) fn add(&mut self, member: usize) {
        self.0 |= 1 << member;
    }

    /// Their codes, in order.
    pub(super) fn names(self) -> Vec<String> {
        let mut names: Vec<String> = (0..EAEU_MEMBERS.len())
            .filter(|&m| self.0 & (1 << m) != 0)
            .map(|m| EAEU_MEMBERS[m].0.to_string())
            .collect();
        names.sort();
        names
    }
}

/// Ordered pairs of members, each a bit at its places in [`EAEU_MEMBERS`].
#[derive(Clone, Copy, Default, PartialEq)]
pub(super) struct Pairs(pub(super) u32);

impl Pairs {
    pub(super) fn add(&mut self, member: usize, partner: usize) {
        self.0 |= 1 << (member * EAEU_MEMBERS.len() + partner);
    }

    pub(super) fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// "ARM–BLR", …, in order.
    pub(super) fn names(self) -> Vec<String> {
        let count = EAEU_MEMBERS.len();
        let mut names: Vec<String> = (0..count * count)
            .filter(|&bit| self.0 & (1 << bit) != 0)
            .map(|bit| {
                format!(
                    "{}–{}",
                    EAEU_MEMBERS[bit / count].0,
                    EAEU_MEMBERS[bit % count].0
                )
            })
            .collect();
        names.sort();
        names
    }
}

/// Spans not computed for one reason, and the partners' missing members.
#[derive(Default)]
pub(super) struct Gaps {
    /// No member's trade with the world.
    pub(super) no_world: Vec<Span>,
    /// No member's trade with another member.
    pub(super) no_mutual: Vec<Span>,
    /// Some pairs of members missing where the data is not about the
    /// members' total trade (no world totals): the pairs and the spans.
    pub(super) some_mutual: (Pairs, Vec<Span>),
    /// Partners some members have no figure for: the members and the spans.
    pub(super) partners: BTreeMap<Area, (Members, Vec<Span>)>,
    /// Periods whose shares need exports and imports, or total trade.
    pub(super) one_flow: Vec<Period>,
}

/// Whether the world or mutual trade of a period is missing: its remark
/// already says that shares are not computed.
pub(super) fn was_gap(gaps: &Gaps, period: Period) -> bool {
    gaps.no_world
        .iter()
        .chain(&gaps.no_mutual)
        .chain(&gaps.some_mutual.1)
        .any(|&(_, p, _)| p == period)
}

/// One remark for each reason figures the data never claimed to give are
/// not computed.
pub(super) fn remarks(gaps: &Gaps, out: &mut Aggregates) {
    let mut remark = |message: String| {
        out.warnings
            .push(Warning::new(WarningKind::Remark, message).on_group(EAEU));
    };
    if !gaps.no_world.is_empty() {
        remark(format!(
            "EAEU: no member's trade with the world (WLD) in the data, so the Union's trade with non-members and partner shares are not computed ({}); shares need each member's trade with WLD",
            spans_text(&gaps.no_world)
        ));
    }
    if !gaps.no_mutual.is_empty() {
        remark(format!(
            "EAEU: no member's trade with another member in the data, so the Union's mutual trade, its trade with non-members (world minus mutual trade) and partner shares are not computed ({})",
            spans_text(&gaps.no_mutual)
        ));
    }
    if !gaps.some_mutual.1.is_empty() {
        let (pairs, spans) = &gaps.some_mutual;
        let pairs = pairs.names();
        remark(format!(
            "EAEU: the members' trade with each other is only partly in the data, so the Union's mutual trade is not computed ({}); missing: {}",
            spans_text(spans),
            named(&pairs)
        ));
    }
    if !gaps.partners.is_empty() {
        let mut spans: Vec<Span> = Vec::new();
        let partners: Vec<String> = gaps
            .partners
            .iter()
            .map(|(partner, (members, partner_spans))| {
                spans.extend(partner_spans);
                format!("{partner} (none from {})", members.names().join(", "))
            })
            .collect();
        let count = match partners.len() {
            1 => "1 partner".to_string(),
            n => format!("{n} partners"),
        };
        remark(format!(
            "EAEU: the Union's trade with {count} is not computed where a member's figure is missing ({}): {}",
            spans_text(&spans),
            named(&partners)
        ));
    }
    if !gaps.one_flow.is_empty() {
        let periods: Vec<String> = gaps.one_flow.iter().map(ToString::to_string).collect();
        remark(format!(
            "EAEU: partner shares not computed for {}: shares need the members' exports and imports, or their total trade",
            named(&periods)
        ));
    }
}
