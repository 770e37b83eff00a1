//! The IMF's SDMX 3.0 API: International Trade in Goods by partner (IMTS),
//! `/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/{COUNTRY}.{INDICATOR}.
//! {COUNTERPART_COUNTRY}.{FREQUENCY}`, asked for as SDMX-CSV 2.0, which is
//! written as it comes (the SDMX-CSV loader reads it). No key is needed.

use crate::data::model::{Area, WORLD};

use super::split::{Limits, chunks};
use super::{Call, Query, Written};

/// Exports (FOB) and imports (CIF), in US dollars.
const INDICATORS: &str = "XG_FOB_USD+MG_CIF_USD";

/// The API publishes no cap; calls are kept to a size its portal serves.
const LIMITS: Limits = Limits {
    periods: 240,
    partners: 20,
    records: 20_000,
};

/// The IMF's code of an area: ISO alpha-3, the world `G001`.
fn code(area: &Area) -> &str {
    if *area == WORLD { "G001" } else { area.code() }
}

/// `2015` or `201501` as the IMF writes periods: `2015`, `2015-M01`.
fn period(text: &str) -> String {
    match text.split_at_checked(4) {
        Some((year, month)) if !month.is_empty() => format!("{year}-M{month}"),
        _ => text.to_string(),
    }
}

pub(super) fn plan(query: &Query, base: &str) -> Result<Vec<Call>, String> {
    let freq = if query.monthly { "M" } else { "A" };
    let periods = query.periods();
    let mut calls = Vec::new();
    for reporter in &query.reporters {
        for chunk in chunks(&query.partners, &periods, 2, LIMITS) {
            let partners: Vec<&str> = chunk.partners.iter().map(code).collect();
            let (first, last) = (
                period(&chunk.periods[0]),
                period(&chunk.periods[chunk.periods.len() - 1]),
            );
            calls.push(Call {
                file: format!("{freq}-{}-{}-{first}-{last}", reporter.code(), partners.join("+")),
                url: format!(
                    "{base}/external/sdmx/3.0/data/dataflow/IMF.STA/IMTS/+/{}.{INDICATORS}.{}.{freq}\
?c%5BTIME_PERIOD%5D=ge:{first}+le:{last}",
                    code(reporter),
                    partners.join("+")
                ),
                what: format!(
                    "IMF IMTS {} with {}, {first}–{last}",
                    reporter.code(),
                    partners.join(", ")
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
            "COUNTRY",
            "INDICATOR",
            "COUNTERPART_COUNTRY",
            "TIME_PERIOD",
            "OBS_VALUE",
        ],
    )?;
    Ok(Written {
        bytes: body.to_vec(),
        rows,
    })
}
