//! The Eurasian Economic Union's figures from its member states' flows by
//! partner: its trade with each partner, its mutual trade, its trade with
//! non-members (world minus mutual trade) and each partner's share of it.
//! Each needs every member's figure; a missing one is unknown, never zero.

use std::collections::{BTreeMap, BTreeSet};

use foldhash::HashMap;

use chrono::NaiveDate;

mod gaps;

use gaps::{Gaps, Members, Pairs, remarks, was_gap};

use super::{Aggregates, FLOWS, Flows, Provenance, Span, SpanAt, named};
use crate::data::model::{
    Area, Currency, EAEU, GROUPS, Indicator, Measure, Period, TextId, Texts, WORLD,
};
use crate::data::store::{Dataset, FigureRef, Warning, WarningKind};

/// The Union's members and the day each joined (Treaty on the EAEU; Armenia's
/// and Kyrgyzstan's accession treaties).
const EAEU_MEMBERS: [(&str, (i32, u32, u32)); 5] = [
    ("BLR", (2015, 1, 1)),
    ("KAZ", (2015, 1, 1)),
    ("RUS", (2015, 1, 1)),
    ("ARM", (2015, 1, 2)),
    ("KGZ", (2015, 8, 12)),
];

/// The members of the Union on the period's last day: a country that joined
/// during a period counts for it, as the Union's statistics count it from accession.
pub fn eaeu_members(period: Period) -> Vec<Area> {
    let (_, last) = period.months();
    let last_day = NaiveDate::from_ymd_opt(last.year(), last.month(), 1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .and_then(|d| d.pred_opt());
    EAEU_MEMBERS
        .iter()
        .filter(|(_, (y, m, d))| {
            let joined = NaiveDate::from_ymd_opt(*y, *m, *d);
            joined
                .zip(last_day)
                .is_some_and(|(joined, last)| joined <= last)
        })
        .map(|(code, _)| Area::known(code))
        .collect()
}

/// The sources and notes of the Union's computed figures, interned as the
/// dataset is built (the figures are made later, when first asked for).
pub(super) struct Notes {
    source: TextId,
    partner: Note,
    mutual: Note,
    external: Note,
    share: TextId,
}

/// A note, and the same for a sum of total trade.
#[derive(Clone, Copy)]
struct Note {
    plain: TextId,
    total_trade: TextId,
}

impl Note {
    fn new(texts: &mut Texts, note: &str) -> Self {
        Self {
            plain: texts.intern(note),
            total_trade: texts.intern(&format!(
                "{note}; a member's total trade is its published total or its exports + imports"
            )),
        }
    }
}

impl Notes {
    pub(super) fn new(texts: &mut Texts) -> Self {
        Self {
            source: texts
                .intern("computed by eurasia-dash from the member states' trade by partner"),
            partner: Note::new(texts, "derived: sum of the figures of every member state"),
            mutual: Note::new(
                texts,
                "derived: sum of the member states' trade with each other, every pair given",
            ),
            external: Note::new(
                texts,
                "derived: the member states' trade with the world minus their trade with each other",
            ),
            share: texts.intern(
                "derived: partner's share of the Union's trade with non-members, from member flows",
            ),
        }
    }

    /// The provenance of a sum of `indicator` with the note `note`.
    fn sum(&self, note: Note, indicator: Indicator) -> Provenance {
        let note = match indicator {
            Indicator::Trade => note.total_trade,
            _ => note.plain,
        };
        Provenance {
            source: self.source,
            note,
        }
    }
}

/// What the data allowed in one period, to say why partner shares are missing.
#[derive(Default)]
struct PeriodFindings {
    /// A figure the data was meant to give is incomplete (already a warning).
    incomplete: bool,
    /// The data has members' trade with partners other than the world and each other.
    partner_flows: bool,
}

/// The Union's computed figures: `(indicator, period, currency, partner)`,
/// with [`WORLD`] for its trade with non-members.
type UnionSums = HashMap<(Indicator, Period, Currency, Area), f64>;

pub(super) fn compute(data: &Dataset, notes: &Notes, out: &mut Aggregates) {
    let all_members: Vec<Area> = EAEU_MEMBERS.iter().map(|(c, _)| Area::known(c)).collect();
    let flows = Flows::new(data, &all_members);
    let mut sums = UnionSums::default();
    let mut findings: BTreeMap<Period, PeriodFindings> = BTreeMap::new();
    let mut gaps = Gaps::default();

    for at in flows.spans() {
        let (indicator, period, currency) = flows.span(at);
        let members = eaeu_members(period);
        if !is_attempt(&flows, &members, at) {
            continue;
        }
        // Total trade is exports + imports where the members give both.
        let both_flows = FLOWS.map(|flow| is_attempt(&flows, &members, flows.with(at, flow)));
        if indicator == Indicator::Trade && both_flows == [true, true] {
            continue;
        }
        let span = SpanFlows {
            flows: &flows,
            at,
            span: (indicator, period, currency),
            members: &members,
        };
        let finding = findings.entry(period).or_default();
        let mut computed = Vec::new();
        let world = span.world(out, &mut gaps, finding);
        if let Some(mutual) = span.mutual(out, &mut gaps, finding) {
            let measure = Measure::level(indicator);
            let mutual_sum = notes.sum(notes.mutual, indicator);
            out.observations.push(mutual_sum.figure(
                (measure, EAEU, EAEU, period),
                mutual,
                currency,
            ));
            computed.push("mutual trade");
            if let Some(world) = world {
                let external_sum = notes.sum(notes.external, indicator);
                out.observations.push(external_sum.figure(
                    (measure, EAEU, WORLD, period),
                    world - mutual,
                    currency,
                ));
                sums.insert((indicator, period, currency, WORLD), world - mutual);
                computed.push("trade with non-members");
            }
        }
        let partner_sum = notes.sum(notes.partner, indicator);
        let counted = span.partners(partner_sum, out, &mut sums, &mut gaps, finding);
        let counted = match counted {
            0 => String::new(),
            1 => "1 partner".to_string(),
            n => format!("{n} partners"),
        };
        if !counted.is_empty() {
            computed.push(&counted);
        }
        if !computed.is_empty() {
            out.derived.push(format!(
                "{}: {}, from {} members",
                span.what(),
                computed.join(", "),
                members.len()
            ));
        }
    }
    shares(&sums, &findings, notes, out, &mut gaps);
    remarks(&gaps, out);
}

/// The members' figures of one span, and the Union's sums of them.
struct SpanFlows<'a> {
    flows: &'a Flows,
    at: SpanAt,
    span: Span,
    members: &'a [Area],
}

impl SpanFlows<'_> {
    fn figure(&self, member: Area, partner: Area) -> Option<f64> {
        self.flows.get(self.at, member, partner)
    }

    /// Whether the data gives the members' total trade (with the world) in
    /// this span, and so is meant to give the Union's: then a missing member
    /// or pair of members is incomplete, not a remark.
    fn gives_world_totals(&self) -> bool {
        self.members
            .iter()
            .filter(|&&m| self.figure(m, WORLD).is_some())
            .count()
            >= 2.min(self.members.len())
    }

    /// "EAEU exports 2019 (USD)".
    fn what(&self) -> String {
        let (indicator, period, currency) = self.span;
        format!("EAEU {} {period} ({})", indicator.code(), currency.code())
    }

    /// An incomplete warning about the Union's figure with `partner`.
    fn incomplete(&self, partner: Area, message: String) -> Warning {
        let (indicator, period, currency) = self.span;
        Warning::new(
            WarningKind::Incomplete,
            format!("{}: {message}", self.what()),
        )
        .about(FigureRef {
            measure: Measure::level(indicator),
            reporter: EAEU,
            partner,
            period,
            currency,
        })
        .on_group(EAEU)
    }

    /// The members' trade with the world, when every member gives it.
    fn world(
        &self,
        out: &mut Aggregates,
        gaps: &mut Gaps,
        finding: &mut PeriodFindings,
    ) -> Option<f64> {
        let amounts: Vec<Option<f64>> = self
            .members
            .iter()
            .map(|&m| self.figure(m, WORLD))
            .collect();
        let missing = missing_members(self.members, &amounts);
        if missing.is_empty() {
            return Some(amounts.iter().flatten().sum());
        }
        if missing.len() == self.members.len() {
            gaps.no_world.push(self.span);
        } else {
            out.warnings.push(self.incomplete(
                WORLD,
                format!(
                    "no trade with the world (WLD) from {}, so the Union's trade with non-members and partner shares are not computed",
                    missing.join(", ")
                ),
            ));
            finding.incomplete = true;
        }
        None
    }

    /// The members' trade with each other, when every member gives its
    /// figure with every other member.
    fn mutual(
        &self,
        out: &mut Aggregates,
        gaps: &mut Gaps,
        finding: &mut PeriodFindings,
    ) -> Option<f64> {
        let members: Vec<usize> = self
            .members
            .iter()
            .filter_map(|&m| self.flows.reporter_index(m))
            .collect();
        let partners: Vec<Option<usize>> = self
            .members
            .iter()
            .map(|&m| self.flows.partner_index(m))
            .collect();
        let mut missing = Pairs::default();
        let mut pairs = 0;
        let mut amounts = Vec::new();
        for (i, &member) in members.iter().enumerate() {
            for (j, &partner) in members.iter().enumerate() {
                if i == j {
                    continue;
                }
                pairs += 1;
                match partners[j].and_then(|n| self.flows.amount(self.at, member, n)) {
                    Some(amount) => amounts.push(amount),
                    None => missing.add(member, partner),
                }
            }
        }
        if missing == Pairs::default() {
            return Some(amounts.iter().sum());
        }
        if missing.len() == pairs {
            gaps.no_mutual.push(self.span);
        } else if !self.gives_world_totals() {
            gaps.some_mutual.0.0 |= missing.0;
            gaps.some_mutual.1.push(self.span);
        } else {
            let missing = missing.names();
            out.warnings.push(self.incomplete(
                EAEU,
                format!(
                    "mutual trade needs each member's figure with each other member; missing {} of {}: {}; the Union's mutual trade, its trade with non-members and partner shares are not computed",
                    missing.len(),
                    pairs,
                    named(&missing)
                ),
            ));
            finding.incomplete = true;
        }
        None
    }

    /// The Union's trade with each partner every member has a figure for;
    /// the others are gaps. Returns how many were computed.
    fn partners(
        &self,
        provenance: Provenance,
        out: &mut Aggregates,
        sums: &mut UnionSums,
        gaps: &mut Gaps,
        finding: &mut PeriodFindings,
    ) -> usize {
        let (indicator, period, currency) = self.span;
        let mut counted = 0;
        let members: Vec<usize> = self
            .members
            .iter()
            .filter_map(|&m| self.flows.reporter_index(m))
            .collect();
        for (n, partner) in self.flows.partners_of(self.at) {
            if partner == WORLD
                || self.members.contains(&partner)
                || GROUPS.contains(&partner.code())
            {
                continue;
            }
            finding.partner_flows = true;
            let amounts: Vec<Option<f64>> = members
                .iter()
                .map(|&r| self.flows.amount(self.at, r, n))
                .collect();
            let mut missing = Members::default();
            for (&r, amount) in members.iter().zip(&amounts) {
                if amount.is_none() {
                    missing.add(r);
                }
            }
            if missing == Members::default() {
                let amount = amounts.iter().flatten().sum();
                out.observations.push(provenance.figure(
                    (Measure::level(indicator), EAEU, partner, period),
                    amount,
                    currency,
                ));
                sums.insert((indicator, period, currency, partner), amount);
                counted += 1;
            } else {
                let (members, spans) = gaps.partners.entry(partner).or_default();
                members.0 |= missing.0;
                spans.push(self.span);
            }
        }
        counted
    }
}

/// The codes of the members whose amount is missing, in order.
fn missing_members(members: &[Area], amounts: &[Option<f64>]) -> Vec<String> {
    let mut missing: Vec<String> = members
        .iter()
        .zip(amounts)
        .filter(|(_, amount)| amount.is_none())
        .map(|(member, _)| member.to_string())
        .collect();
    missing.sort();
    missing
}

/// Whether the members' figures of a span are an attempt at the Union: at
/// least two members' trade with the world, or most members' trade with some
/// partner. One member's figures, or a few members' with a partner, are
/// those members' data.
fn is_attempt(flows: &Flows, members: &[Area], span: SpanAt) -> bool {
    if !flows.has_span(span) {
        return false;
    }
    let members: Vec<usize> = members
        .iter()
        .filter_map(|&m| flows.reporter_index(m))
        .collect();
    let world = flows.partner_index(WORLD);
    let with_world = members
        .iter()
        .filter(|&&r| world.is_some_and(|n| flows.amount(span, r, n).is_some()))
        .count();
    let with_any = members
        .iter()
        .filter(|&&r| (0..flows.partners.len()).any(|n| flows.amount(span, r, n).is_some()))
        .count();
    !members.is_empty() && (with_world >= 2.min(members.len()) || with_any * 2 > members.len())
}

/// The Union's total trade with `partner`: its exports + imports where both
/// are computed, else its total trade computed from members' totals.
fn total(sums: &UnionSums, period: Period, currency: Currency, partner: Area) -> Option<f64> {
    let get = |indicator| sums.get(&(indicator, period, currency, partner)).copied();
    match (get(Indicator::Exports), get(Indicator::Imports)) {
        (Some(exports), Some(imports)) => Some(exports + imports),
        _ => get(Indicator::Trade),
    }
}

/// Each partner's share of the Union's trade with non-members, in US dollars
/// where the data allows, else in yuan (a share is the same in any currency,
/// so it is computed once).
fn shares(
    sums: &UnionSums,
    findings: &BTreeMap<Period, PeriodFindings>,
    notes: &Notes,
    out: &mut Aggregates,
    gaps: &mut Gaps,
) {
    let share = Provenance {
        source: notes.source,
        note: notes.share,
    };
    let mut partners: BTreeMap<(Period, Currency), BTreeSet<Area>> = BTreeMap::new();
    for &(_, period, currency, partner) in sums.keys() {
        if partner != WORLD {
            partners
                .entry((period, currency))
                .or_default()
                .insert(partner);
        }
    }
    for (&period, finding) in findings {
        // A share is the same in any currency its part and whole share:
        // the first that has the whole is used, euros too.
        let external = Currency::MONEY
            .into_iter()
            .find_map(|c| Some((c, total(sums, period, c, WORLD)?)));
        let Some((currency, external)) = external else {
            let blocked_elsewhere = finding.incomplete || was_gap(gaps, period);
            if finding.partner_flows && !blocked_elsewhere {
                gaps.one_flow.push(period);
            }
            continue;
        };
        if external <= 0.0 {
            continue;
        }
        for &partner in partners.get(&(period, currency)).into_iter().flatten() {
            if let Some(amount) = total(sums, period, currency, partner) {
                out.observations.push(share.figure(
                    (Measure::level(Indicator::TradeShare), EAEU, partner, period),
                    amount / external * 100.0,
                    Currency::Percent,
                ));
            }
        }
    }
}
