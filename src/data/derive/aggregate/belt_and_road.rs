//! China's trade with the Belt and Road countries of `assets/bri-countries.csv`,
//! summed from China's trade by partner where the data has every one of them.

use std::collections::BTreeSet;

use super::{Aggregates, FLOWS, Flows, Provenance, Span, named, spans_text};
use crate::data::model::{Area, BELT_AND_ROAD, CHINA, Indicator, Measure, Texts};
use crate::data::store::{Dataset, Warning, WarningKind};

/// The Belt and Road country list, with its source, compiled in.
const BRI_COUNTRIES_CSV: &str = include_str!("../../../../assets/bri-countries.csv");

/// Below this share of the listed countries the data is about a few
/// partners, not the group: no sum and no remark.
const BRI_MIN_ATTEMPT: f64 = 0.5;

/// The listed Belt and Road countries.
pub fn bri_countries() -> Vec<Area> {
    BRI_COUNTRIES_CSV
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').next())
        .filter_map(Area::parse)
        .collect()
}

/// The source and note of the group's sums, interned as the dataset is
/// built (the sums are made later, when first asked for).
pub(super) fn provenance(texts: &mut Texts) -> Provenance {
    let source = texts.intern("computed by eurasia-dash: sum of China's trade with the listed Belt and Road countries (assets/bri-countries.csv)");
    let note = texts.intern(&format!(
        "derived: sum over all {} listed countries",
        bri_countries().len()
    ));
    Provenance { source, note }
}

/// Sums China's exports and imports over the listed countries for each span
/// in which the data has China's figure for every one of them; a sum over
/// some of them is not the group's, so spans with many but not all of them
/// get one remark naming the missing countries.
pub(super) fn compute(data: &Dataset, sum: Provenance, out: &mut Aggregates) {
    let countries = bri_countries();
    // Unless the data has China's trade with many of the listed countries,
    // it is not about the group: nothing to do.
    let listed_partners = [Indicator::Exports, Indicator::Imports, Indicator::Trade]
        .into_iter()
        .flat_map(|indicator| data.series_of(Measure::level(indicator), CHINA))
        .filter(|(key, _)| countries.contains(&key.partner))
        .map(|(key, _)| key.partner)
        .collect::<BTreeSet<Area>>()
        .len();
    if (listed_partners as f64) < BRI_MIN_ATTEMPT * countries.len() as f64 {
        return;
    }
    let flows = Flows::new(data, &[CHINA]);
    let mut uncovered: Vec<Span> = Vec::new();
    // The countries missing in any span, named once for the remark.
    let mut missing = vec![false; countries.len()];
    let mut covered_counts: BTreeSet<usize> = BTreeSet::new();
    for at in flows.spans() {
        let (indicator, period, currency) = flows.span(at);
        // Total trade is exports + imports where both are given, as for any pair.
        let both_flows = FLOWS.map(|flow| flows.has_span(flows.with(at, flow)));
        if indicator == Indicator::Trade && both_flows == [true, true] {
            continue;
        }
        let amounts: Vec<Option<f64>> =
            countries.iter().map(|&c| flows.get(at, CHINA, c)).collect();
        let covered = amounts.iter().flatten().count();
        if (covered as f64) < BRI_MIN_ATTEMPT * countries.len() as f64 {
            continue;
        }
        if covered < countries.len() {
            uncovered.push((indicator, period, currency));
            covered_counts.insert(covered);
            for (missing, amount) in missing.iter_mut().zip(&amounts) {
                *missing |= amount.is_none();
            }
            continue;
        }
        out.observations.push(sum.figure(
            (Measure::level(indicator), CHINA, BELT_AND_ROAD, period),
            amounts.iter().flatten().sum(),
            currency,
        ));
        out.derived.push(format!(
            "Belt and Road {} {period} ({}): sum over all {} listed countries",
            indicator.code(),
            currency.code(),
            countries.len()
        ));
    }
    if uncovered.is_empty() {
        return;
    }
    let covered = match (covered_counts.first(), covered_counts.last()) {
        (Some(low), Some(high)) if low != high => format!("{low} to {high}"),
        (Some(count), _) => count.to_string(),
        _ => String::new(),
    };
    let mut missing: Vec<String> = countries
        .iter()
        .zip(missing)
        .filter(|&(_, missing)| missing)
        .map(|(country, _)| country.to_string())
        .collect();
    missing.sort();
    missing.dedup();
    out.warnings.push(
        Warning::new(
            WarningKind::Remark,
            format!(
                "Belt and Road: the data has China's trade with {covered} of the {} listed countries, so the group sum is not computed ({}); missing: {}",
                countries.len(),
                spans_text(&uncovered),
                named(&missing)
            ),
        )
        .on_group(BELT_AND_ROAD),
    );
}
