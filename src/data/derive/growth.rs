//! Published growth rates checked against the data: which currency's series
//! a rate refers to, and where published and computed growth disagree.

use crate::data::model::{Currency, Observation, Period, SeriesKey};
use crate::data::store::{Dataset, FigureRef, Warning, WarningKind};

/// Published and computed growth that differ by more than this many percentage
/// points are reported as a data-quality finding.
pub const GROWTH_TOLERANCE_PP: f64 = 0.15;

/// The published growth rates read as dollar growth (their note does not say
/// yuan) for periods where the data has no dollar level and a level in one
/// other currency (yuan or euros): such a rate can only refer to that
/// series, unless its file says otherwise. Beside levels in both, which one
/// is meant is not known, and the rate stays as read.
pub(super) fn rates_only_in_another_currency(data: &Dataset) -> Vec<(SeriesKey, Period, Currency)> {
    let level_in = |o: &Observation, currency| data.level(o.flow(), currency, o.period).is_some();
    data.loaded_series_keys()
        .filter(|key| key.measure.growth && key.currency == Currency::Usd)
        .flat_map(|key| data.series(key))
        .filter(|o| !data.states_currency(o) && !level_in(o, Currency::Usd))
        .filter_map(|o| {
            let mut others = [Currency::Cny, Currency::Eur]
                .into_iter()
                .filter(|&currency| level_in(o, currency));
            match (others.next(), others.next()) {
                (Some(currency), None) => Some((o.series_key(), o.period, currency)),
                _ => None,
            }
        })
        .collect()
}

/// Every published growth rate that differs from the computed one by more
/// than the tolerance.
pub(super) fn mismatches(data: &Dataset) -> Vec<Warning> {
    let mut findings = Vec::new();
    for key in data.loaded_series_keys().filter(|key| key.measure.growth) {
        for published in data.series(key) {
            let Some(computed) =
                data.computed_growth(published.flow(), key.currency, published.period)
            else {
                continue;
            };
            if (computed - published.value).abs() > GROWTH_TOLERANCE_PP {
                let message = format!(
                    "{} {}–{} {}: published growth {:+.1}% but the data gives {:+.1}% ({} in {})",
                    key.measure.indicator.code(),
                    key.reporter,
                    key.partner,
                    published.period,
                    tenths(published.value),
                    tenths(computed),
                    data.origin_text(published),
                    key.currency.code(),
                );
                let mut finding =
                    Warning::new(WarningKind::GrowthMismatch, message).about(FigureRef {
                        measure: key.measure,
                        reporter: key.reporter,
                        partner: key.partner,
                        period: published.period,
                        currency: key.currency,
                    });
                if let Some(origin) = data.origin(published) {
                    let path = &data.files()[usize::from(origin.file)].path;
                    finding = finding.in_file(path, Some(u64::from(origin.line)));
                }
                findings.push(finding);
            }
        }
    }
    findings
}

/// Rounded to a tenth, with a rounded −0.0 made 0.0 so it prints as "+0.0".
fn tenths(value: f64) -> f64 {
    (value * 10.0).round() / 10.0 + 0.0
}
