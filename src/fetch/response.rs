//! What every response must be before it becomes a file: not empty, not an
//! HTML page, not an error message, and whole. Each source then checks its
//! own shape (`comtrade::convert`, …).

/// The first words of a body, for a message: one line, at most 160 characters.
pub(super) fn gist(body: &[u8]) -> String {
    if body.is_empty() {
        return "an empty body".to_string();
    }
    if let Some(message) = json_message(body) {
        return format!("'{message}'");
    }
    let text = String::from_utf8_lossy(body);
    if let Some(title) = html_title(&text) {
        return format!("an HTML page titled '{title}'");
    }
    let line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(160)
        .collect();
    format!("'{line}'")
}

/// The message of a JSON error body, in the shapes the APIs use:
/// `{"error":"…"}`, `{"message":"…"}` (Azure's gateway in front of
/// Comtrade), `{"error":{"label":"…"}}` (Eurostat), `{"errors":[{"title":…}]}`.
pub(super) fn json_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    };
    let error = value.get("error");
    error
        .and_then(text)
        .or_else(|| error.and_then(|e| e.get("label")).and_then(text))
        .or_else(|| error.and_then(|e| e.get("message")).and_then(text))
        .or_else(|| value.get("message").and_then(text))
        .or_else(|| value.get("Message").and_then(text))
        .or_else(|| {
            let first = value.get("errors")?.as_array()?.first()?.clone();
            first
                .get("title")
                .or_else(|| first.get("detail"))
                .and_then(text)
        })
}

fn html_title(text: &str) -> Option<String> {
    let start = text.trim_start();
    let lower: String = start
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    if !(lower.starts_with("<!doctype html") || lower.starts_with("<html")) {
        return None;
    }
    let lower_text = text.to_ascii_lowercase();
    let title = lower_text
        .find("<title>")
        .and_then(|open| {
            let from = open + "<title>".len();
            let close = lower_text[from..].find("</title>")? + from;
            Some(text[from..close].trim().to_string())
        })
        .unwrap_or_default();
    Some(title)
}

/// Bodies that are no data whatever the source: empty, HTML, XML errors.
pub(super) fn reject_non_data(body: &[u8]) -> Result<(), String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err("the response is empty".to_string());
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    if html_title(&text).is_some() {
        return Err(format!("the response is {}, not data", gist(body)));
    }
    if text.trim_start().starts_with("<?xml") || text.trim_start().starts_with('<') {
        return Err(format!(
            "the response is XML or markup, not data: {}",
            gist(body)
        ));
    }
    Ok(())
}

/// Checks an SDMX-CSV body is whole: UTF-8, a header with the columns
/// `required`, ending with a line end, every row as wide as the header.
/// Returns its number of data rows.
pub(super) fn whole_csv(body: &[u8], required: &[&str]) -> Result<usize, String> {
    let text =
        std::str::from_utf8(body).map_err(|_| "the response is not UTF-8 text".to_string())?;
    if let Some(message) = json_message(body) {
        return Err(format!("the API says '{message}'"));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|error| format!("unreadable header: {error}"))?
        .clone();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|name| {
            !header
                .iter()
                .any(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
        })
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "not the expected CSV: the header lacks {} (found {})",
            missing.join(", "),
            gist(body)
        ));
    }
    if !text.ends_with('\n') {
        return Err("the response ends in the middle of a line: it was cut off".to_string());
    }
    let mut rows = 0;
    for record in reader.records() {
        let record = record.map_err(|error| format!("unreadable CSV: {error}"))?;
        if record.len() != header.len() {
            return Err(format!(
                "row {} has {} fields where the header has {}: the response is cut or malformed",
                rows + 2,
                record.len(),
                header.len()
            ));
        }
        rows += 1;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_html_and_xml_bodies_are_not_data() {
        assert_eq!(
            reject_non_data(b" \n").unwrap_err(),
            "the response is empty"
        );
        let html = b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head></html>";
        assert_eq!(
            reject_non_data(html).unwrap_err(),
            "the response is an HTML page titled 'Service Unavailable', not data"
        );
        let xml = b"<?xml version=\"1.0\"?><error>No data</error>";
        assert!(
            reject_non_data(xml)
                .unwrap_err()
                .starts_with("the response is XML")
        );
        assert!(reject_non_data(b"STRUCTURE,STRUCTURE_ID\n").is_ok());
    }

    #[test]
    fn json_error_messages_are_found_in_each_shape() {
        assert_eq!(
            json_message(br#"{"error":"Too many records"}"#).unwrap(),
            "Too many records"
        );
        assert_eq!(
            json_message(br#"{"statusCode":429,"message":"Rate limit is exceeded."}"#).unwrap(),
            "Rate limit is exceeded."
        );
        assert_eq!(
            json_message(br#"{"error":{"status":404,"label":"No data found"}}"#).unwrap(),
            "No data found"
        );
        assert_eq!(json_message(br#"{"error":"","data":[]}"#), None);
    }

    #[test]
    fn a_csv_is_whole_only_with_its_columns_its_last_line_end_and_even_rows() {
        let good = b"DATAFLOW,TIME_PERIOD,OBS_VALUE\nX,2020,1\nX,2021,2\n";
        assert_eq!(whole_csv(good, &["TIME_PERIOD", "OBS_VALUE"]), Ok(2));
        let cut = b"DATAFLOW,TIME_PERIOD,OBS_VALUE\nX,2020,1\nX,2021,2";
        assert!(
            whole_csv(cut, &["OBS_VALUE"])
                .unwrap_err()
                .contains("cut off")
        );
        let short = b"DATAFLOW,TIME_PERIOD,OBS_VALUE\nX,2020\n";
        assert!(
            whole_csv(short, &["OBS_VALUE"])
                .unwrap_err()
                .contains("row 2 has 2 fields")
        );
        let other = b"a,b\n1,2\n";
        assert!(
            whole_csv(other, &["OBS_VALUE"])
                .unwrap_err()
                .contains("lacks OBS_VALUE")
        );
        let json = br#"{"error":{"status":413,"label":"Request too large"}}"#;
        assert_eq!(
            whole_csv(json, &["OBS_VALUE"]).unwrap_err(),
            "the API says 'Request too large'"
        );
    }
}
