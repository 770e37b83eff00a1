//! What is said of a header no format matches, or of one that is not the
//! format forced: the header quoted, the formats listed, and first what the
//! file seems to be, as that is what a person acts on.

use super::{Format, has};
use crate::data::load::error::LoadError;
use crate::data::load::table::Table;

/// BACI's columns in a header that is not BACI's layout: a file re-cut by
/// hand (`t,k,v,q,exporter,importer`), whose rows are products and whose
/// values may not be BACI's.
pub(super) fn baci_recut(table: &Table<'_>) -> Option<String> {
    let baci_like = ["t", "k", "v"].into_iter().all(|name| has(table, name));
    (baci_like && !(has(table, "i") && has(table, "j"))).then(|| {
        "BACI's columns t, k and v, but not BACI's layout (t,i,j,k,v,q, as CEPII writes it): the file was re-cut, and its rows are products, not total trade, so it is not read as BACI"
            .to_string()
    })
}

/// Comtrade's columns in a header that is not a Comtrade download as
/// published (a query's own selection, or saved with semicolons).
pub(super) fn comtrade_columns(table: &Table<'_>) -> Option<String> {
    let comtrade = [
        "typeCode",
        "cmdCode",
        "flowCode",
        "reporterDesc",
        "partnerDesc",
    ];
    if !comtrade.iter().any(|name| has(table, name)) {
        return None;
    }
    let lacks: Vec<&str> = ["freqCode", "flowCode", "primaryValue"]
        .into_iter()
        .filter(|name| !has(table, name))
        .collect();
    let separated = if table.delimiter == b';' {
        "; it is separated by semicolons"
    } else {
        ""
    };
    Some(format!(
        "UN Comtrade columns, but not a Comtrade download as published: it lacks {}{separated}; download the CSV from UN Comtrade again",
        lacks.join(", ")
    ))
}

/// The error for a header no format matches, quoting it.
pub(super) fn unknown_header(table: &Table<'_>) -> LoadError {
    let mut found = String::from_utf8_lossy(table.first_line())
        .trim()
        .to_string();
    if found.chars().count() > 300 {
        found = found.chars().take(300).collect::<String>() + "…";
    }
    // What the file seems to be comes first: it is what a person acts on,
    // and the list of formats is long.
    let hint = what_it_looks_like(table).map_or(String::new(), |hint| format!("{hint}; "));
    let understood: Vec<&str> = Format::ALL
        .iter()
        .map(|format| format.entry().header)
        .collect();
    LoadError::at_line(
        table.path(),
        1,
        format!(
            "{hint}the header matches no format understood: {}; found '{found}'",
            understood.join(", ")
        ),
    )
}

/// What a file no format matches seems to be, when its first line says.
fn what_it_looks_like(table: &Table<'_>) -> Option<String> {
    if table.names().len() < 2 {
        let text = String::from_utf8_lossy(table.first_line());
        return Some(format!(
            "the file says '{}': one column of text, not a header; perhaps a message saved in place of data, such as an error from the UN Comtrade website or API",
            text.trim()
        ));
    }
    Format::ALL
        .iter()
        .find_map(|format| format.entry().hint.and_then(|hint| hint(table)))
}

/// The error for a file forced to be read as `wanted` whose header shows
/// another format (`found`) or none.
pub(super) fn not_of(table: &Table<'_>, found: Option<Format>, wanted: &str) -> LoadError {
    match found {
        Some(other) => LoadError::at_line(
            table.path(),
            1,
            format!("the header is that of {other}, not {wanted}"),
        ),
        None => unknown_header(table),
    }
}

#[cfg(test)]
mod tests {
    use crate::data::load::format::detect;

    #[test]
    fn an_unknown_header_lists_the_formats_and_quotes_what_it_found() {
        let error = detect("x.csv", b"date;amount\n2019;1\n").unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with("x.csv:1: the header matches no format"),
            "{message}"
        );
        for expected in [
            "native (",
            "UN Comtrade (",
            "legacy (",
            "SDMX-CSV 1.0",
            "found 'date;amount'",
        ] {
            assert!(message.contains(expected), "{expected} in {message}");
        }
        assert!(
            detect("e.csv", b"")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
    }
}
