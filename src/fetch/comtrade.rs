//! UN Comtrade: the public preview API (`/public/v1/preview/C/{freq}/HS`, no
//! key, at most 500 records a call) and, with a subscription key
//! (COMTRADE_API_KEY), the data API (`/data/v1/get/C/{freq}/HS`). Both
//! answer `{"elapsedTime":…,"count":N,"data":[{"typeCode":"C",…,
//! "primaryValue":…}],"error":""}`; the records are written as the Comtrade
//! Plus CSV download, whose columns have the records' names.

use crate::data::load::codes::{NumericArea, resolve_numeric};
use crate::data::model::{Area, WORLD};

use super::split::{Limits, chunks};
use super::{Call, Query, Written};

/// The preview API returns at most this many records: a call that returns
/// exactly this many may have been cut.
const PREVIEW_CAP: usize = 500;
/// The data API's cap with a subscription key.
const KEYED_CAP: usize = 250_000;

/// Periods a call: the API takes a comma-separated list of up to 12.
const PREVIEW_LIMITS: Limits = Limits {
    periods: 12,
    partners: 5,
    records: 250,
};
const KEYED_LIMITS: Limits = Limits {
    periods: 12,
    partners: 50,
    records: 100_000,
};

/// The Comtrade Plus CSV download's columns, in its order; the API's records
/// have the same names.
pub(super) const COLUMNS: [&str; 47] = [
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
];

/// Comtrade's numeric code of an area: the world is 0; where Comtrade has
/// a code of its own beside the ISO number (842 and 840 the United States,
/// 251 and 250 France), its own, which is the larger.
pub(super) fn numeric_code(area: Area) -> Option<u16> {
    if area == WORLD {
        return Some(0);
    }
    (1..1000u16)
        .rev()
        .find(|code| resolve_numeric(&code.to_string()) == NumericArea::Known(area))
}

fn numeric_codes(areas: &[Area]) -> Result<Vec<u16>, String> {
    areas
        .iter()
        .map(|&area| {
            numeric_code(area)
                .ok_or_else(|| format!("{} has no UN Comtrade area code", area.code()))
        })
        .collect()
}

pub(super) fn plan(query: &Query, base: &str, keyed: bool) -> Result<Vec<Call>, String> {
    let freq = if query.monthly { "M" } else { "A" };
    let path = if keyed {
        format!("{base}/data/v1/get/C/{freq}/HS")
    } else {
        format!("{base}/public/v1/preview/C/{freq}/HS")
    };
    let limits = if keyed { KEYED_LIMITS } else { PREVIEW_LIMITS };
    let (products, per_product) = query.products.code_and_count();
    let periods = query.periods();
    let partners = numeric_codes(&query.partners)?;
    let mut calls = Vec::new();
    for (reporter, reporter_code) in query.reporters.iter().zip(numeric_codes(&query.reporters)?) {
        // Exports and imports: two records a partner, period and product.
        for chunk in chunks(&partners, &periods, 2 * per_product, limits) {
            let partner_codes: Vec<String> = chunk.partners.iter().map(u16::to_string).collect();
            let partner_names: Vec<&str> = query
                .partners
                .iter()
                .zip(&partners)
                .filter(|(_, code)| chunk.partners.contains(code))
                .map(|(area, _)| area.code())
                .collect();
            let (first, last) = (&chunk.periods[0], &chunk.periods[chunk.periods.len() - 1]);
            calls.push(Call {
                file: format!(
                    "{freq}-{}-{}-{first}-{last}-{}",
                    reporter.code(),
                    partner_names.join("+"),
                    products.replace(',', "+")
                ),
                url: format!(
                    "{path}?reporterCode={reporter_code}&partnerCode={}&period={}&flowCode=M,X&cmdCode={products}\
&partner2Code=0&motCode=0&customsCode=C00&includeDesc=true",
                    partner_codes.join(","),
                    chunk.periods.join(",")
                ),
                what: format!(
                    "UN Comtrade {} with {}, {first}–{last}, {products}",
                    reporter.code(),
                    partner_names.join(", ")
                ),
            });
        }
    }
    Ok(calls)
}

/// Checks a response is a whole answer of records and writes them as the
/// Comtrade Plus CSV.
pub(super) fn convert(body: &[u8], keyed: bool) -> Result<Written, String> {
    let records = records(body, if keyed { KEYED_CAP } else { PREVIEW_CAP })?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| format!("cannot write the CSV: {error}");
    writer.write_record(COLUMNS).map_err(failed)?;
    for record in &records {
        let cells = COLUMNS.iter().map(|name| match record.get(*name) {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::String(text)) => text.clone(),
            // As the CSV download writes them.
            Some(serde_json::Value::Bool(true)) => "True".to_string(),
            Some(serde_json::Value::Bool(false)) => "False".to_string(),
            Some(other) => other.to_string(),
        });
        writer.write_record(cells).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| format!("cannot write the CSV: {e}"))?;
    Ok(Written {
        bytes,
        rows: records.len(),
    })
}

type Record = serde_json::Map<String, serde_json::Value>;

/// The records of a response, or why it is not a whole answer: an error
/// message, no `data`, fewer records than `count` says, or as many as the
/// cap (the answer may have been cut there).
pub(super) fn records(body: &[u8], cap: usize) -> Result<Vec<Record>, String> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|error| {
        if error.is_eof() {
            "the JSON ends early: the response was cut off".to_string()
        } else {
            format!("not JSON ({error}): {}", super::response::gist(body))
        }
    })?;
    if let Some(message) = super::response::json_message(body) {
        return Err(format!("the API says '{message}'"));
    }
    let data = value
        .get("data")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| {
            format!(
                "no 'data' list in the answer: {}",
                super::response::gist(body)
            )
        })?;
    if let Some(count) = value.get("count").and_then(serde_json::Value::as_u64)
        && count != data.len() as u64
    {
        return Err(format!(
            "the answer says it holds {count} records but holds {}: incomplete",
            data.len()
        ));
    }
    if data.len() >= cap {
        return Err(format!(
            "{} records, the most a call returns ({cap}): the answer may be cut there; ask for fewer periods, partners or products a call",
            data.len()
        ));
    }
    data.iter()
        .enumerate()
        .map(|(index, record)| {
            let record = record
                .as_object()
                .ok_or_else(|| format!("record {} is not an object", index + 1))?;
            for needed in ["freqCode", "flowCode", "period", "primaryValue"] {
                if !record.contains_key(needed) {
                    return Err(format!("record {} has no '{needed}'", index + 1));
                }
            }
            Ok(record.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Area;

    #[test]
    fn numeric_codes_are_comtrades_own() {
        let code = |c: &str| numeric_code(Area::parse(c).unwrap());
        assert_eq!(code("KAZ"), Some(398));
        assert_eq!(code("CHN"), Some(156));
        assert_eq!(code("USA"), Some(842));
        assert_eq!(code("FRA"), Some(251));
        assert_eq!(code("WLD"), Some(0));
    }

    #[test]
    fn the_validator_takes_whole_answers_only() {
        let good = br#"{"elapsedTime":"0.1 secs","count":1,"data":[{"freqCode":"A","flowCode":"X","period":"2020","primaryValue":5}],"error":""}"#;
        assert_eq!(records(good, 500).unwrap().len(), 1);
        let empty = br#"{"count":0,"data":[],"error":""}"#;
        assert_eq!(records(empty, 500).unwrap().len(), 0);
        let said = br#"{"count":0,"data":null,"error":"Request exceeds the limit of 500 records"}"#;
        assert_eq!(
            records(said, 500).unwrap_err(),
            "the API says 'Request exceeds the limit of 500 records'"
        );
        let cut = br#"{"count":2,"data":[{"freqCode":"A","flowCode":"X","per"#;
        assert!(records(cut, 500).unwrap_err().contains("cut off"));
        let short = br#"{"count":2,"data":[{"freqCode":"A","flowCode":"X","period":"2020","primaryValue":5}]}"#;
        assert!(
            records(short, 500)
                .unwrap_err()
                .contains("holds 2 records but holds 1")
        );
        let capped = br#"{"count":2,"data":[{"freqCode":"A","flowCode":"X","period":"2020","primaryValue":5},{"freqCode":"A","flowCode":"M","period":"2020","primaryValue":6}]}"#;
        assert!(
            records(capped, 2)
                .unwrap_err()
                .contains("the most a call returns (2)")
        );
        let no_value = br#"{"count":1,"data":[{"freqCode":"A","flowCode":"X","period":"2020"}]}"#;
        assert_eq!(
            records(no_value, 500).unwrap_err(),
            "record 1 has no 'primaryValue'"
        );
        let gateway =
            br#"{"statusCode":401,"message":"Access denied due to invalid subscription key."}"#;
        assert!(
            records(gateway, 500)
                .unwrap_err()
                .contains("invalid subscription key")
        );
    }
}
