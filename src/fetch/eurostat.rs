//! Eurostat Comext's SDMX 2.1 API: `DS-045409` (EU trade since 1988 by
//! reporter, partner and CN product, in euros),
//! `/eurostat/api/comext/dissemination/sdmx/2.1/data/DS-045409/{freq}.
//! {reporter}.{partner}.{product}.{flow}.{indicators}?format=SDMX-CSV`,
//! written as it comes (the Comext loader reads it). No key is needed.

use crate::data::load::codes::{AreaCode, resolve};
use crate::data::model::{Area, GROUPS, WORLD};

use super::split::{Limits, chunks};
use super::{Call, Products, Query, Written};

/// Eurostat answers large queries later, by mail: calls stay small.
const LIMITS: Limits = Limits {
    periods: 240,
    partners: 20,
    records: 5_000,
};

/// Eurostat's code of an area: ISO alpha-2 but its own `EL` (Greece), the
/// world `WORLD`, the EU `EU27_2020`.
fn code(area: Area) -> Result<String, String> {
    if area == WORLD {
        return Ok("WORLD".to_string());
    }
    if area.code() == GROUPS[2] {
        return Ok("EU27_2020".to_string());
    }
    // The first two-letter code naming it, in alphabetical order: EL before GR.
    (b'A'..=b'Z')
        .flat_map(|a| (b'A'..=b'Z').map(move |b| String::from_utf8(vec![a, b]).expect("ASCII")))
        .find(|two| resolve(two) == AreaCode::Known(area))
        .ok_or_else(|| format!("{} has no Eurostat code", area.code()))
}

pub(super) fn plan(query: &Query, base: &str) -> Result<Vec<Call>, String> {
    let freq = if query.monthly { "M" } else { "A" };
    let product = match &query.products {
        Products::Total => "TOTAL".to_string(),
        Products::Codes(codes) => codes.join("+"),
        Products::Chapters => {
            return Err("Eurostat Comext: give TOTAL or CN codes (2709,8703), not AG2".to_string());
        }
    };
    let periods: Vec<String> = query
        .periods()
        .into_iter()
        .map(|p| match p.split_at_checked(4) {
            Some((year, month)) if !month.is_empty() => format!("{year}-{month}"),
            _ => p,
        })
        .collect();
    let partners: Vec<String> = query
        .partners
        .iter()
        .map(|&a| code(a))
        .collect::<Result<_, _>>()?;
    let per_pair_period = 2 * product.split('+').count();
    let mut calls = Vec::new();
    for reporter in &query.reporters {
        let reporter_code = code(*reporter)?;
        for chunk in chunks(&partners, &periods, per_pair_period, LIMITS) {
            let (first, last) = (&chunk.periods[0], &chunk.periods[chunk.periods.len() - 1]);
            calls.push(Call {
                file: format!("{freq}-{reporter_code}-{}-{first}-{last}-{product}", chunk.partners.join("+")),
                url: format!(
                    "{base}/eurostat/api/comext/dissemination/sdmx/2.1/data/DS-045409/{freq}.{reporter_code}.{}.{product}.1+2.VALUE_IN_EUROS\
?format=SDMX-CSV&startPeriod={first}&endPeriod={last}",
                    chunk.partners.join("+")
                ),
                what: format!(
                    "Eurostat Comext {reporter_code} with {}, {first}–{last}, {product}",
                    chunk.partners.join(", ")
                ),
            });
        }
    }
    Ok(calls)
}

pub(super) fn convert(body: &[u8]) -> Result<Written, String> {
    let rows = super::response::whole_csv(
        body,
        &[
            "DATAFLOW",
            "reporter",
            "partner",
            "flow",
            "indicators",
            "TIME_PERIOD",
            "OBS_VALUE",
        ],
    )?;
    Ok(Written {
        bytes: body.to_vec(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_take_eurostats_codes() {
        let of = |c: &str| code(Area::parse(c).unwrap()).unwrap();
        assert_eq!(of("DEU"), "DE");
        assert_eq!(of("GRC"), "EL");
        assert_eq!(of("CHN"), "CN");
        assert_eq!(of("WLD"), "WORLD");
        assert_eq!(of("EU"), "EU27_2020");
    }
}
