//! Data-quality findings about the figures a table shows: a published growth
//! rate that differs from the one computed from the data's levels by more
//! than the tolerance. A table marks the row of each, and the detail line and
//! `w` explain it, with both rates and the tolerance.

use crate::data::{Area, Currency, Dataset, Flow, Indicator, Period, WarningKind};

/// One finding about a growth rate of the pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Finding {
    pub period: Period,
    pub indicator: Indicator,
    pub currency: Currency,
    /// The rate as published, in %.
    pub published: f64,
    /// The rate computed from the levels of the period and a year earlier, in %.
    pub computed: f64,
    /// Its place in [`Dataset::warnings`], where the warnings list shows it.
    pub warning: usize,
}

/// The growth findings about `reporter`–`partner`, in `currencies` (those
/// the table shows), by period. One pass over the warnings, when a table's
/// selection changes.
pub fn growth_findings(
    data: &Dataset,
    (reporter, partner): (Area, Area),
    currencies: &[Currency],
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = data
        .warnings()
        .iter()
        .enumerate()
        .filter(|(_, w)| w.kind == WarningKind::GrowthMismatch)
        .filter_map(|(warning, w)| {
            let figure = w.figure?;
            let about_pair = figure.reporter == reporter && figure.partner == partner;
            if !about_pair || !currencies.contains(&figure.currency) {
                return None;
            }
            let flow = Flow::new(figure.measure.indicator, reporter, partner);
            Some(Finding {
                period: figure.period,
                indicator: figure.measure.indicator,
                currency: figure.currency,
                published: data
                    .published_growth(flow, figure.currency, figure.period)?
                    .value,
                computed: data.computed_growth(flow, figure.currency, figure.period)?,
                warning,
            })
        })
        .collect();
    findings.sort_by_key(|f| (f.period, f.warning));
    findings
}

/// The findings about `period`, of findings sorted by period.
pub fn of_period(findings: &[Finding], period: Period) -> &[Finding] {
    let start = findings.partition_point(|f| f.period < period);
    let end = findings.partition_point(|f| f.period <= period);
    &findings[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{CHINA, RUSSIA};

    #[test]
    fn the_embedded_data_has_findings_on_china_russia_with_both_rates() {
        let data = Dataset::embedded();
        let findings = growth_findings(&data, (CHINA, RUSSIA), &[Currency::Usd]);
        let in_2021 = of_period(&findings, Period::annual(2021));
        assert_eq!(in_2021.len(), 1);
        let finding = in_2021[0];
        assert_eq!(finding.indicator, Indicator::Trade);
        // Published +35.8%; the levels give +36.3% (see --check).
        assert!((finding.published - 35.8).abs() < 1e-9);
        assert!((finding.computed - 36.3).abs() < 0.05);
        assert!(data.warnings()[finding.warning].message.contains("2021"));
        assert!(of_period(&findings, Period::annual(2019)).is_empty());
        // None in yuan, and none about another pair.
        assert!(growth_findings(&data, (CHINA, RUSSIA), &[Currency::Cny]).is_empty());
        assert!(growth_findings(&data, (RUSSIA, CHINA), &[Currency::Usd]).is_empty());
    }
}
