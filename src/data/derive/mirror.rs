//! Mirror figures: a pair's trade as the partner reports it. China's exports
//! to Russia are, in Russia's own figures, its imports from China; the two
//! rarely agree (imports are usually valued CIF, with freight and insurance,
//! exports FOB; timing, classification and partner attribution differ too),
//! so they are shown side by side with the gap, never added together, and
//! only within one currency and one kind of span. A figure some source
//! gives once for both sides (BACI's reconciled flows) is no mirror.

use crate::data::model::{Area, Currency, Flow, Indicator, Measure, Observation, Period, SpanKind};
use crate::data::store::Dataset;

/// The levels a partner's report of a pair is read from.
const MIRRORED: [Measure; 3] = [
    Measure::level(Indicator::Exports),
    Measure::level(Indicator::Imports),
    Measure::level(Indicator::Trade),
];

/// The flow as the partner reports it: exports become the partner's imports,
/// imports its exports, total trade its total trade. None for a pair of an
/// area with itself (the EAEU's mutual trade has no other side) and for the
/// flows without a counterpart (FOB imports, shares, investment).
pub fn mirror_flow(flow: Flow) -> Option<Flow> {
    if flow.reporter == flow.partner {
        return None;
    }
    let indicator = match flow.indicator {
        Indicator::Exports => Indicator::Imports,
        Indicator::Imports => Indicator::Exports,
        Indicator::Trade => Indicator::Trade,
        _ => return None,
    };
    Some(Flow::new(indicator, flow.partner, flow.reporter))
}

/// Whether the partner's figure is the reporter's own recorded again
/// rather than a report of its own: BACI gives each flow once, as both i's
/// exports to j and j's imports from i, so its figures (and a file summed
/// from them) hold every flow twice, with the same value and source.
pub fn is_same_figure(own: &Observation, theirs: &Observation) -> bool {
    own.value == theirs.value && own.unit == theirs.unit && own.source == theirs.source
}

/// How far the partner's figure is from the reporter's, in % of the
/// reporter's: (mirror − reported) / reported × 100. None when the
/// reporter's figure is zero (no share of nothing).
pub fn gap_percent(reported: f64, mirror: f64) -> Option<f64> {
    (reported != 0.0).then(|| (mirror / reported - 1.0) * 100.0)
}

/// The periods of `kind` in which the partner reports exports, imports or
/// total trade with the reporter in `currency`, in order; none for a pair of
/// an area with itself.
pub fn periods(
    data: &Dataset,
    (reporter, partner): (Area, Area),
    currency: Currency,
    kind: SpanKind,
) -> Vec<Period> {
    if reporter == partner {
        return Vec::new();
    }
    data.periods(&MIRRORED, partner, reporter, currency, kind)
}

/// The span kinds and currencies in which the partner reports the pair.
pub fn kinds_and_currencies(
    data: &Dataset,
    (reporter, partner): (Area, Area),
) -> (Vec<SpanKind>, Vec<Currency>) {
    if reporter == partner {
        return (Vec::new(), Vec::new());
    }
    let indicators = MIRRORED.map(|measure| measure.indicator);
    (
        data.span_kinds(&MIRRORED, partner, reporter),
        data.currencies(&indicators, partner, reporter),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DatasetBuilder;
    use crate::data::model::{CHINA, RUSSIA};

    /// China reports 2019 and 2020; Russia reports 2019 in dollars, 2018
    /// alone and 2020 only in euros.
    fn data() -> Dataset {
        let csv = "indicator,reporter,partner,period,value,unit,source,note\n\
            exports,CHN,RUS,2019,50,USD_BN,GACC,\n\
            imports,CHN,RUS,2019,60,USD_BN,GACC,\n\
            exports,CHN,RUS,2020,40,USD_BN,GACC,\n\
            imports,RUS,CHN,2019,52.5,USD_BN,Rosstat,\n\
            exports,RUS,CHN,2019,57,USD_BN,Rosstat,\n\
            exports,RUS,CHN,2018,30,USD_BN,Rosstat,\n\
            imports,RUS,CHN,2020,38,EUR_BN,Rosstat,\n";
        let mut builder = DatasetBuilder::new();
        builder
            .add_native("mirror.csv", csv.as_bytes(), false)
            .unwrap();
        builder.build()
    }

    #[test]
    fn each_flow_has_its_counterpart_in_the_partners_report() {
        let flow = |indicator, reporter, partner| Flow::new(indicator, reporter, partner);
        let exports = flow(Indicator::Exports, CHINA, RUSSIA);
        assert_eq!(
            mirror_flow(exports),
            Some(flow(Indicator::Imports, RUSSIA, CHINA))
        );
        let imports = flow(Indicator::Imports, CHINA, RUSSIA);
        assert_eq!(
            mirror_flow(imports),
            Some(flow(Indicator::Exports, RUSSIA, CHINA))
        );
        let trade = flow(Indicator::Trade, CHINA, RUSSIA);
        assert_eq!(
            mirror_flow(trade),
            Some(flow(Indicator::Trade, RUSSIA, CHINA))
        );
        assert_eq!(
            mirror_flow(flow(Indicator::ImportsFob, CHINA, RUSSIA)),
            None
        );
        assert_eq!(mirror_flow(flow(Indicator::Exports, CHINA, CHINA)), None);
    }

    #[test]
    fn the_gap_is_the_mirror_against_the_reporters_figure() {
        // Russia's imports (CIF) 52.5 against China's exports (FOB) 50: +5%.
        assert!((gap_percent(50.0, 52.5).unwrap() - 5.0).abs() < 1e-9);
        // Russia's exports 57 against China's imports 60: −5%.
        assert!((gap_percent(60.0, 57.0).unwrap() + 5.0).abs() < 1e-9);
        assert_eq!(gap_percent(0.0, 3.0), None);
    }

    #[test]
    fn the_partners_periods_are_those_of_one_currency_and_kind() {
        let data = data();
        let pair = (CHINA, RUSSIA);
        let years = |years: &[i32]| years.iter().map(|&y| Period::annual(y)).collect::<Vec<_>>();
        // 2018 is Russia's alone; its 2020 figure is in euros, not dollars.
        assert_eq!(
            periods(&data, pair, Currency::Usd, SpanKind::Annual),
            years(&[2018, 2019])
        );
        assert_eq!(
            periods(&data, pair, Currency::Eur, SpanKind::Annual),
            years(&[2020])
        );
        assert_eq!(
            periods(&data, pair, Currency::Usd, SpanKind::Monthly),
            years(&[])
        );
        assert_eq!(
            kinds_and_currencies(&data, pair),
            (vec![SpanKind::Annual], vec![Currency::Usd, Currency::Eur])
        );
        assert_eq!(
            periods(&data, (CHINA, CHINA), Currency::Usd, SpanKind::Annual),
            years(&[])
        );
    }

    #[test]
    fn a_mirror_figure_is_read_in_the_currency_asked_for_only() {
        let data = data();
        let mirror = mirror_flow(Flow::new(Indicator::Exports, CHINA, RUSSIA)).unwrap();
        let level = |currency, year| data.level(mirror, currency, Period::annual(year));
        assert_eq!(level(Currency::Usd, 2019).unwrap().amount, 52.5e9);
        // Russia's 2020 imports are in euros: no dollar figure, none converted.
        assert_eq!(level(Currency::Usd, 2020), None);
        assert_eq!(level(Currency::Eur, 2020).unwrap().amount, 38e9);
    }
}
