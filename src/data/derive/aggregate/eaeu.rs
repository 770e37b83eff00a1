//! The Eurasian Economic Union's figures from its member states' flows by
//! partner: its trade with each partner, its mutual trade, its trade with
//! non-members (world minus mutual trade) and each partner's share of it.
//! Each needs every member's figure; a missing one is unknown, never zero.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::{Aggregates, FLOWS, Flows, Provenance, Span, named, spans_text};
use crate::data::model::{
    Area, Currency, EAEU, GROUPS, Indicator, Measure, Period, TextId, Texts, WORLD,
};
use crate::data::store::{Dataset, Warning, WarningKind};

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

/// The sources and notes of the Union's computed figures.
struct Notes {
    source: TextId,
    partner: TextId,
    mutual: TextId,
    external: TextId,
    share: TextId,
    /// Added to each note of a sum of total trade.
    total_trade: &'static str,
}

impl Notes {
    fn new(texts: &mut Texts) -> Self {
        Self {
            source: texts
                .intern("computed by eurasia-dash from the member states' trade by partner"),
            partner: texts.intern("derived: sum of the figures of every member state"),
            mutual: texts.intern(
                "derived: sum of the member states' trade with each other, every pair given",
            ),
            external: texts.intern(
                "derived: the member states' trade with the world minus their trade with each other",
            ),
            share: texts.intern(
                "derived: partner's share of the Union's trade with non-members, from member flows",
            ),
            total_trade: "; a member's total trade is its published total or its exports + imports",
        }
    }

    /// The provenance of a sum of `indicator` with the note `note`.
    fn sum(&self, texts: &mut Texts, note: TextId, indicator: Indicator) -> Provenance {
        let note = if indicator == Indicator::Trade {
            let text = format!("{}{}", texts.get(note), self.total_trade);
            texts.intern(&text)
        } else {
            note
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

/// Spans not computed for one reason, and the partners' missing members.
#[derive(Default)]
struct Gaps {
    /// No member's trade with the world.
    no_world: Vec<Span>,
    /// No member's trade with another member.
    no_mutual: Vec<Span>,
    /// Partners some members have no figure for: the members and the spans.
    partners: BTreeMap<Area, (BTreeSet<Area>, Vec<Span>)>,
    /// Periods whose shares need exports and imports, or total trade.
    one_flow: Vec<Period>,
}

pub(super) fn compute(data: &Dataset, texts: &mut Texts, out: &mut Aggregates) {
    let all_members: Vec<Area> = EAEU_MEMBERS.iter().map(|(c, _)| Area::known(c)).collect();
    let flows = Flows::new(data, &all_members);
    let notes = Notes::new(texts);
    let mut sums = UnionSums::new();
    let mut findings: BTreeMap<Period, PeriodFindings> = BTreeMap::new();
    let mut gaps = Gaps::default();

    for (&(indicator, period, currency), partners) in flows.spans() {
        let members = eaeu_members(period);
        if !is_attempt(&flows, &members, (indicator, period, currency)) {
            continue;
        }
        // Total trade is exports + imports where the members give both.
        let both_flows = FLOWS.map(|flow| is_attempt(&flows, &members, (flow, period, currency)));
        if indicator == Indicator::Trade && both_flows == [true, true] {
            continue;
        }
        let figure =
            |member: Area, partner: Area| flows.get(indicator, member, partner, period, currency);
        let with_world: Vec<Area> = members
            .iter()
            .copied()
            .filter(|&m| figure(m, WORLD).is_some())
            .collect();
        let span = (indicator, period, currency);
        let what = format!("EAEU {} {period} ({})", indicator.code(), currency.code());
        let measure = Measure::level(indicator);
        let finding = findings.entry(period).or_default();
        let mut computed = Vec::new();
        if with_world.is_empty() {
            gaps.no_world.push(span);
        } else if with_world.len() < members.len() {
            let missing: Vec<String> = members
                .iter()
                .filter(|m| !with_world.contains(m))
                .map(ToString::to_string)
                .collect();
            out.warnings.push(
                Warning::new(
                    WarningKind::Incomplete,
                    format!(
                        "{what}: no trade with the world (WLD) from {}, so the Union's trade with non-members, its mutual trade and partner shares are not computed",
                        named(&sorted(missing))
                    ),
                )
                .about(measure, EAEU, WORLD, period)
                .on_group(EAEU),
            );
            finding.incomplete = true;
        } else {
            let pairs: Vec<(Area, Area)> = members
                .iter()
                .flat_map(|&m| members.iter().map(move |&p| (m, p)))
                .filter(|(m, p)| m != p)
                .collect();
            let missing: Vec<String> = pairs
                .iter()
                .filter(|&&(m, p)| figure(m, p).is_none())
                .map(|(m, p)| format!("{m}–{p}"))
                .collect();
            let missing = sorted(missing);
            if missing.len() == pairs.len() {
                gaps.no_mutual.push(span);
            } else if !missing.is_empty() {
                out.warnings.push(
                    Warning::new(
                        WarningKind::Incomplete,
                        format!(
                            "{what}: mutual trade needs each member's figure with each other member; missing {} of {}: {}; the Union's mutual trade, its trade with non-members and partner shares are not computed",
                            missing.len(),
                            pairs.len(),
                            named(&missing)
                        ),
                    )
                    .about(measure, EAEU, EAEU, period)
                    .on_group(EAEU),
                );
                finding.incomplete = true;
            } else {
                let mutual: f64 = pairs.iter().filter_map(|&(m, p)| figure(m, p)).sum();
                let world: f64 = members.iter().filter_map(|&m| figure(m, WORLD)).sum();
                let mutual_sum = notes.sum(texts, notes.mutual, indicator);
                let external_sum = notes.sum(texts, notes.external, indicator);
                out.observations.push(mutual_sum.figure(
                    (measure, EAEU, EAEU, period),
                    mutual,
                    currency,
                ));
                out.observations.push(external_sum.figure(
                    (measure, EAEU, WORLD, period),
                    world - mutual,
                    currency,
                ));
                sums.insert((indicator, period, currency, WORLD), world - mutual);
                computed.push("trade with non-members, mutual trade".to_string());
            }
        }
        let partner_sum = notes.sum(texts, notes.partner, indicator);
        let mut counted = 0;
        for &partner in partners {
            if partner == WORLD || members.contains(&partner) || GROUPS.contains(&partner.code()) {
                continue;
            }
            finding.partner_flows = true;
            let amounts: Vec<Option<f64>> = members.iter().map(|&m| figure(m, partner)).collect();
            if amounts.iter().all(Option::is_some) {
                let amount = amounts.iter().flatten().sum();
                out.observations.push(partner_sum.figure(
                    (measure, EAEU, partner, period),
                    amount,
                    currency,
                ));
                sums.insert((indicator, period, currency, partner), amount);
                counted += 1;
            } else {
                let (missing, spans) = gaps.partners.entry(partner).or_default();
                missing.extend(
                    members
                        .iter()
                        .zip(&amounts)
                        .filter(|(_, amount)| amount.is_none())
                        .map(|(&m, _)| m),
                );
                spans.push(span);
            }
        }
        match counted {
            0 => {}
            1 => computed.push("1 partner".to_string()),
            _ => computed.push(format!("{counted} partners")),
        }
        if !computed.is_empty() {
            out.derived.push(format!(
                "{what}: {}, from {} members",
                computed.join(" and "),
                members.len()
            ));
        }
    }
    shares(&sums, &findings, &notes, out, &mut gaps);
    remarks(&gaps, out);
}

/// Whether the members' figures of a span are an attempt at the Union: at
/// least two members' trade with the world, or most members' trade with some
/// partner. One member's figures, or a few members' with a partner, are
/// those members' data.
fn is_attempt(flows: &Flows, members: &[Area], span: Span) -> bool {
    let (indicator, period, currency) = span;
    let Some(partners) = flows.partners_of(&span) else {
        return false;
    };
    let figure =
        |member: Area, partner: Area| flows.get(indicator, member, partner, period, currency);
    let with_world = members
        .iter()
        .filter(|&&m| figure(m, WORLD).is_some())
        .count();
    let with_any = members
        .iter()
        .filter(|&&m| partners.iter().any(|&p| figure(m, p).is_some()))
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
        let external = [Currency::Usd, Currency::Cny]
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

/// Whether the world or mutual trade of a period is missing: its remark
/// already says that shares are not computed.
fn was_gap(gaps: &Gaps, period: Period) -> bool {
    gaps.no_world
        .iter()
        .chain(&gaps.no_mutual)
        .any(|&(_, p, _)| p == period)
}

/// One remark for each reason figures the data never claimed to give are
/// not computed.
fn remarks(gaps: &Gaps, out: &mut Aggregates) {
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
    if !gaps.partners.is_empty() {
        let mut spans: Vec<Span> = Vec::new();
        let partners: Vec<String> = gaps
            .partners
            .iter()
            .map(|(partner, (members, partner_spans))| {
                spans.extend(partner_spans);
                let members: Vec<String> = members.iter().map(ToString::to_string).collect();
                format!("{partner} (none from {})", members.join(", "))
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

fn sorted(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items
}
