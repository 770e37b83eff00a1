//! Group figures computed from their members' flows: the Eurasian Economic
//! Union's trade from its members' trade by partner, and China's trade with
//! the Belt and Road countries from China's trade by partner. Computed figures
//! carry [`Row::COMPUTED`], a source saying how they were made, and never
//! replace a published figure: where both exist the dataset keeps both.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::data::model::{
    Area, BELT_AND_ROAD, CHINA, Currency, EAEU, Indicator, Measure, Observation, Period, Row,
    TextId, Texts, Unit, WORLD,
};
use crate::data::store::Dataset;

/// The Union's members and the day each joined (Treaty on the EAEU; Armenia's
/// and Kyrgyzstan's accession treaties).
const EAEU_MEMBERS: [(&str, (i32, u32, u32)); 5] = [
    ("BLR", (2015, 1, 1)),
    ("KAZ", (2015, 1, 1)),
    ("RUS", (2015, 1, 1)),
    ("ARM", (2015, 1, 2)),
    ("KGZ", (2015, 8, 12)),
];

/// The Belt and Road country list, with its source, compiled in.
const BRI_COUNTRIES_CSV: &str = include_str!("../../../assets/bri-countries.csv");

/// A Belt and Road sum is computed only when the data has China's trade with
/// at least this share of the listed countries; a sum over a few is not the group.
const BRI_MIN_COVERAGE: f64 = 0.9;
/// Below this share the data is about a few partners, not the group: no sum
/// and no warning.
const BRI_MIN_ATTEMPT: f64 = 0.5;

const FLOWS: [Indicator; 2] = [Indicator::Exports, Indicator::Imports];

/// What aggregation found, for the check report and the warnings list.
#[derive(Debug, Default)]
pub struct Aggregates {
    pub observations: Vec<Observation>,
    /// One line per group and period computed.
    pub derived: Vec<String>,
    /// Periods left out because a member's figures are missing.
    pub incomplete: Vec<String>,
}

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

/// The listed Belt and Road countries.
pub fn bri_countries() -> Vec<Area> {
    BRI_COUNTRIES_CSV
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next())
        .filter_map(Area::parse)
        .collect()
}

type FlowKey = (Indicator, Area, Area, Period, Currency);
type Span = (Indicator, Period, Currency);

/// The export and import figures of a few reporters, read from the dataset's
/// series index (never a scan of every figure), in base units.
struct Flows {
    amounts: HashMap<FlowKey, f64>,
    /// The partners each (indicator, period, currency) has figures for.
    partners: BTreeMap<Span, Vec<Area>>,
}

impl Flows {
    fn new(data: &Dataset, reporters: &[Area]) -> Self {
        let mut amounts = HashMap::new();
        let mut partners: BTreeMap<Span, Vec<Area>> = BTreeMap::new();
        for &indicator in &FLOWS {
            for &reporter in reporters {
                for (key, figures) in data.series_of(Measure::level(indicator), reporter) {
                    for o in figures {
                        amounts.insert(
                            (indicator, reporter, key.partner, o.period, key.currency),
                            o.amount(),
                        );
                        partners
                            .entry((indicator, o.period, key.currency))
                            .or_default()
                            .push(key.partner);
                    }
                }
            }
        }
        for list in partners.values_mut() {
            list.sort();
            list.dedup();
        }
        Self { amounts, partners }
    }

    fn get(
        &self,
        indicator: Indicator,
        reporter: Area,
        partner: Area,
        period: Period,
        currency: Currency,
    ) -> Option<f64> {
        self.amounts
            .get(&(indicator, reporter, partner, period, currency))
            .copied()
    }

    fn spans(&self) -> impl Iterator<Item = (&Span, &Vec<Area>)> {
        self.partners.iter()
    }
}

/// Computes the Union's and the Belt and Road group's figures from the
/// published flows in `data`; `texts` takes their sources and notes.
pub fn compute(data: &Dataset, texts: &mut Texts) -> Aggregates {
    let mut aggregates = Aggregates::default();
    eaeu(data, texts, &mut aggregates);
    belt_and_road(data, texts, &mut aggregates);
    aggregates
}

/// The source and note computed figures of one kind share.
#[derive(Clone, Copy)]
struct Provenance {
    source: TextId,
    note: TextId,
}

impl Provenance {
    /// A computed figure: `(measure, reporter, partner, period)` in base units of `currency`.
    fn figure(
        self,
        (measure, reporter, partner, period): (Measure, Area, Area, Period),
        amount: f64,
        currency: Currency,
    ) -> Observation {
        let unit = match currency {
            Currency::Usd => Unit::Usd,
            Currency::Cny => Unit::Cny,
            Currency::Percent => Unit::Pct,
        };
        Observation {
            measure,
            reporter,
            partner,
            period,
            value: amount,
            unit,
            currency,
            source: self.source,
            note: self.note,
            row: Row::COMPUTED,
        }
    }
}

fn eaeu(data: &Dataset, texts: &mut Texts, out: &mut Aggregates) {
    let all_members: Vec<Area> = EAEU_MEMBERS.iter().map(|(c, _)| Area::known(c)).collect();
    // Most data has no more than one member's trade by partner: nothing to do.
    let with_world_totals = all_members
        .iter()
        .filter(|&&m| {
            FLOWS.iter().any(|&f| {
                data.series_of(Measure::level(f), m)
                    .any(|(key, _)| key.partner == WORLD)
            })
        })
        .count();
    if with_world_totals < 2 {
        return;
    }
    let flows = Flows::new(data, &all_members);
    let source = texts.intern("computed by eurasia-dash from the member states' trade by partner");
    let note = texts.intern(
        "derived: sum of member flows; a member without a figure for a partner counts as zero",
    );
    let share_note = texts.intern(
        "derived: partner's share of the Union's trade with non-members, from member flows",
    );
    let sums = Provenance { source, note };
    let shares = Provenance {
        source,
        note: share_note,
    };
    // External trade per (period, currency), both flows, for the shares.
    let mut external: HashMap<(Period, Currency), [Option<f64>; 2]> = HashMap::new();
    let mut by_partner: HashMap<(Period, Currency, Area), [f64; 2]> = HashMap::new();

    for (&(indicator, period, currency), partners) in flows.spans() {
        let members = eaeu_members(period);
        if members.is_empty() {
            continue; // Before the Union existed.
        }
        let reporting: Vec<Area> = members
            .iter()
            .copied()
            .filter(|&m| flows.get(indicator, m, WORLD, period, currency).is_some())
            .collect();
        // One member's figures are that member's data, not an attempt at the Union.
        if reporting.len() < 2.min(members.len()) {
            continue;
        }
        if reporting.len() < members.len() {
            let mut missing: Vec<String> = members
                .iter()
                .filter(|m| !reporting.contains(m))
                .map(|m| m.to_string())
                .collect();
            missing.sort();
            out.incomplete.push(format!(
                "EAEU {} {period} ({}): no world total from {}; Union figures not computed",
                indicator.code(),
                currency.code(),
                missing.join(", ")
            ));
            continue;
        }
        let flow = FLOWS.iter().position(|&f| f == indicator).unwrap_or(0);
        let member_sum = |partner: Area| -> f64 {
            members
                .iter()
                .filter_map(|&m| flows.get(indicator, m, partner, period, currency))
                .sum()
        };
        let mutual: f64 = members.iter().map(|&p| member_sum(p)).sum();
        let world = member_sum(WORLD);
        let mut push = |partner: Area, amount: f64| {
            out.observations.push(sums.figure(
                (Measure::level(indicator), EAEU, partner, period),
                amount,
                currency,
            ));
        };
        push(WORLD, world - mutual);
        push(EAEU, mutual);
        external.entry((period, currency)).or_default()[flow] = Some(world - mutual);
        let mut counted = 0;
        for &partner in partners {
            if partner == WORLD
                || members.contains(&partner)
                || crate::data::model::GROUPS.contains(&partner.code())
            {
                continue;
            }
            let amount = member_sum(partner);
            push(partner, amount);
            by_partner.entry((period, currency, partner)).or_default()[flow] = amount;
            counted += 1;
        }
        out.derived.push(format!(
            "EAEU {} {period} ({}): trade with non-members, mutual trade and {counted} partners, from {} members",
            indicator.code(),
            currency.code(),
            members.len()
        ));
    }

    for ((period, currency, partner), [exports, imports]) in by_partner {
        let Some([Some(ext_exports), Some(ext_imports)]) =
            external.get(&(period, currency)).copied()
        else {
            continue;
        };
        let total = ext_exports + ext_imports;
        if total > 0.0 {
            out.observations.push(shares.figure(
                (Measure::level(Indicator::TradeShare), EAEU, partner, period),
                (exports + imports) / total * 100.0,
                Currency::Percent,
            ));
        }
    }
}

fn belt_and_road(data: &Dataset, texts: &mut Texts, out: &mut Aggregates) {
    let countries = bri_countries();
    // Unless the data has China's trade with many of the listed countries,
    // it is not about the group: nothing to do.
    let listed_partners = FLOWS
        .iter()
        .flat_map(|&f| data.series_of(Measure::level(f), CHINA))
        .filter(|(key, _)| countries.contains(&key.partner))
        .map(|(key, _)| key.partner)
        .collect::<BTreeSet<Area>>()
        .len();
    if (listed_partners as f64) < BRI_MIN_ATTEMPT * countries.len() as f64 {
        return;
    }
    let flows = Flows::new(data, &[CHINA]);
    let source = texts.intern("computed by eurasia-dash: sum of China's trade with the listed Belt and Road countries (assets/bri-countries.csv)");
    for &(indicator, period, currency) in flows.spans().map(|(span, _)| span) {
        let amounts: Vec<f64> = countries
            .iter()
            .filter_map(|&c| flows.get(indicator, CHINA, c, period, currency))
            .collect();
        let coverage = amounts.len() as f64 / countries.len() as f64;
        if coverage < BRI_MIN_ATTEMPT {
            continue;
        }
        if coverage < BRI_MIN_COVERAGE {
            out.incomplete.push(format!(
                "Belt and Road {} {period} ({}): China's trade with only {} of the {} listed countries; the group sum is not computed",
                indicator.code(),
                currency.code(),
                amounts.len(),
                countries.len()
            ));
            continue;
        }
        let note = texts.intern(&format!(
            "derived: sum over {} of the {} listed countries",
            amounts.len(),
            countries.len()
        ));
        let sum = Provenance { source, note };
        out.observations.push(sum.figure(
            (Measure::level(indicator), CHINA, BELT_AND_ROAD, period),
            amounts.iter().sum(),
            currency,
        ));
        out.derived.push(format!(
            "Belt and Road {} {period} ({}): sum over {} of {} listed countries",
            indicator.code(),
            currency.code(),
            amounts.len(),
            countries.len()
        ));
    }
}
