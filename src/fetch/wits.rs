//! The World Bank WITS API (TradeStats-Trade):
//! `/API/V1/SDMX/V21/datasource/tradestats-trade/reporter/{r}/year/{y;y}/
//! partner/{p}/product/total/indicator/{XPRT-TRD-VL|MPRT-TRD-VL}?format=JSON`,
//! in US$ thousand. It answers SDMX-JSON, which no loader reads; it is
//! written as the website's time-series download (`Reporter Name,Partner
//! Name,Trade Flow,Indicator,2019,2020,…`) that the WITS loader reads, with
//! the areas' names as the answer gives them. The API takes one reporter,
//! partner, product and indicator a call, for any years. No key is needed.

use crate::data::model::WORLD;

use super::{Call, Query, Written};

/// The indicators asked for: (code, trade flow, the download's indicator name).
const INDICATORS: [(&str, &str, &str); 2] = [
    ("XPRT-TRD-VL", "Export", "Export (US$ Thousand)"),
    ("MPRT-TRD-VL", "Import", "Import (US$ Thousand)"),
];

pub(super) fn plan(query: &Query, base: &str) -> Result<Vec<Call>, String> {
    if query.monthly {
        return Err("WITS has annual figures only: leave out --monthly".to_string());
    }
    if query.products != super::Products::Total {
        return Err("WITS: only the total (--products TOTAL) is fetched".to_string());
    }
    let years: Vec<String> = query.periods();
    let (first, last) = (&years[0], &years[years.len() - 1]);
    let mut calls = Vec::new();
    for reporter in &query.reporters {
        for partner in &query.partners {
            let partner_code = if *partner == WORLD {
                "wld"
            } else {
                partner.code()
            };
            for (indicator, flow, _) in INDICATORS {
                calls.push(Call {
                    file: format!("{}-{}-{first}-{last}-{indicator}", reporter.code(), partner.code()),
                    url: format!(
                        "{base}/API/V1/SDMX/V21/datasource/tradestats-trade/reporter/{}/year/{}/partner/{}/product/total/indicator/{indicator}?format=JSON",
                        reporter.code().to_ascii_lowercase(),
                        years.join(";"),
                        partner_code.to_ascii_lowercase()
                    ),
                    what: format!(
                        "WITS {} {flow}s to {}, {first}–{last}",
                        reporter.code(),
                        partner.code()
                    ),
                });
            }
        }
    }
    Ok(calls)
}

/// A series dimension's values by position: (id, name).
fn dimension_values(dimension: &serde_json::Value) -> Vec<(String, String)> {
    dimension
        .get("values")
        .and_then(serde_json::Value::as_array)
        .map(|values| {
            values
                .iter()
                .map(|v| {
                    let text = |key| {
                        v.get(key)
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or("")
                            .to_string()
                    };
                    (text("id"), text("name"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Reads the SDMX-JSON answer and writes it as the time-series download.
pub(super) fn convert(body: &[u8]) -> Result<Written, String> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|error| {
        if error.is_eof() {
            "the JSON ends early: the response was cut off".to_string()
        } else {
            format!("not SDMX-JSON ({error}): {}", super::response::gist(body))
        }
    })?;
    if let Some(message) = super::response::json_message(body) {
        return Err(format!("the API says '{message}'"));
    }
    let shape = |what: &str| format!("not the SDMX-JSON of WITS: {what}");
    let dimensions = value
        .pointer("/structure/dimensions/series")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| shape("no structure.dimensions.series"))?;
    let position = |id: &str| {
        dimensions
            .iter()
            .position(|d| {
                d.get("id")
                    .and_then(serde_json::Value::as_str)
                    .is_some_and(|d| d.eq_ignore_ascii_case(id))
            })
            .ok_or_else(|| shape(&format!("no {id} dimension")))
    };
    let (reporter_at, partner_at, indicator_at) = (
        position("REPORTER")?,
        position("PARTNER")?,
        position("INDICATOR")?,
    );
    let values: Vec<Vec<(String, String)>> = dimensions.iter().map(dimension_values).collect();
    let times: Vec<String> = value
        .pointer("/structure/dimensions/observation/0")
        .map(dimension_values)
        .ok_or_else(|| shape("no observation dimension (the years)"))?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let series = value
        .pointer("/dataSets/0/series")
        .and_then(serde_json::Value::as_object)
        .ok_or_else(|| shape("no dataSets[0].series"))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| format!("cannot write the CSV: {error}");
    let mut header = vec!["Reporter Name", "Partner Name", "Trade Flow", "Indicator"];
    header.extend(times.iter().map(String::as_str));
    writer.write_record(&header).map_err(failed)?;
    for (key, one) in series {
        let at: Vec<usize> = key
            .split(':')
            .map(|i| i.parse().map_err(|_| shape(&format!("series key '{key}'"))))
            .collect::<Result<_, _>>()?;
        let name_of = |dimension: usize| -> Result<&(String, String), String> {
            at.get(dimension)
                .and_then(|&i| values[dimension].get(i))
                .ok_or_else(|| shape(&format!("series key '{key}' outside its dimensions")))
        };
        let (indicator, _) = name_of(indicator_at)?;
        let (_, flow, indicator_name) = INDICATORS
            .iter()
            .find(|(code, _, _)| code.eq_ignore_ascii_case(indicator))
            .ok_or_else(|| {
                format!("indicator '{indicator}' is not a trade value in US$ thousand")
            })?;
        let mut cells = vec![
            name_of(reporter_at)?.1.clone(),
            name_of(partner_at)?.1.clone(),
            flow.to_string(),
            indicator_name.to_string(),
        ];
        let observations = one
            .get("observations")
            .and_then(serde_json::Value::as_object);
        for index in 0..times.len() {
            let cell = observations
                .and_then(|o| o.get(&index.to_string()))
                .and_then(|o| o.get(0))
                .map(|v| match v {
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .unwrap_or_default();
            cells.push(cell);
        }
        writer.write_record(&cells).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("cannot write the CSV: {e}"))?;
    Ok(Written {
        bytes,
        rows: series.len(),
    })
}
