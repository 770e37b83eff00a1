//! Which format a file is in, decided from its header line, and the loader for it.

use std::fmt;
use std::io::Read;
use std::str::FromStr;

use super::comext::Layout as ComextLayout;
use super::error::LoadError;
use super::table::Table;
use super::{
    FileLoad, baci, comext, comext_relational, comtrade, imf, native, parquet, sdmx, wits,
};
use crate::data::model::Texts;

/// The file formats the data layer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The project's own CSV (see the shared README).
    Native,
    /// UN Comtrade Plus / API v1 CSV (`typeCode,freqCode,…`).
    Comtrade,
    /// The legacy UN Comtrade CSV (`Classification,Year,Period,…`), API or bulk.
    ComtradeLegacy,
    /// SDMX-CSV 1.0 or 2.0, as the IMF and Eurostat publish it.
    Sdmx,
    /// CEPII BACI (`t,i,j,k,v,q`): HS6 flows, summed to each pair's total.
    Baci,
    /// The IMF data portal's IMTS download (`COUNTRY.ID,…,INDICATOR.ID,…`).
    ImfPortal,
    /// World Bank WITS: the Partner table or the time series, areas by name.
    Wits,
    /// Eurostat Comext, in euros: the API's SDMX-CSV or the bulk files.
    Comext,
    /// Eurostat Comext's relational view (Easy Comext's download), in euros.
    ComextRelational,
    /// Parquet (a file, or a directory of part files) with the native or
    /// the BACI columns.
    Parquet,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::Comtrade => "UN Comtrade",
            Format::ComtradeLegacy => "UN Comtrade (legacy)",
            Format::Sdmx => "SDMX-CSV",
            Format::Baci => "CEPII BACI",
            Format::ImfPortal => "IMF data portal",
            Format::Wits => "World Bank WITS",
            Format::Comext => "Eurostat Comext",
            Format::ComextRelational => "Eurostat Comext (relational view)",
            Format::Parquet => "Parquet",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The names a user may give on the command line. `comtrade` covers both
/// Comtrade layouts, `imf` the portal's download and the API's SDMX-CSV,
/// `comext` both Comext layouts; the loaders tell them apart by the header.
impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "native" => Ok(Format::Native),
            "comtrade" => Ok(Format::Comtrade),
            "sdmx" => Ok(Format::Sdmx),
            "baci" => Ok(Format::Baci),
            "imf" => Ok(Format::ImfPortal),
            "wits" => Ok(Format::Wits),
            "comext" => Ok(Format::Comext),
            "parquet" => Ok(Format::Parquet),
            _ => Err(format!(
                "unknown format '{text}' (expected native, comtrade, sdmx, baci, imf, wits, comext or parquet)"
            )),
        }
    }
}

/// What each format's header looks like, for the error when none matches.
const UNDERSTOOD: &str = "native (indicator,reporter,partner,period,value,unit), \
UN Comtrade (typeCode,freqCode,refPeriodId,…,primaryValue,…), \
UN Comtrade legacy (Classification,Year,Period,Period Desc.,…,Trade Value (US$),…), \
SDMX-CSV 1.0 (DATAFLOW,…,TIME_PERIOD,OBS_VALUE,…) or 2.0 (STRUCTURE,STRUCTURE_ID,ACTION,…), \
CEPII BACI (t,i,j,k,v,q), \
IMF data portal (COUNTRY.ID,COUNTERPART_COUNTRY.ID,INDICATOR.ID,SCALE.ID,…, one column per period), \
World Bank WITS (Reporter Name,Partner Name,Year,Trade Flow,…,Export (US$ Thousand),… \
or Reporter Name,Partner Name,Trade Flow,Indicator,1988,…), \
Eurostat Comext (DATAFLOW,…,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE \
or REPORTER,PARTNER,…,PRODUCT_NC,…,FLOW,…,PERIOD,VALUE_EUR,… \
or the relational view REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR), \
Parquet (a file starting with PAR1, with the native or the BACI columns)";

/// Decides the format from the header line.
pub fn detect(path: &str, bytes: &[u8]) -> Result<Format, LoadError> {
    if parquet::is_parquet(bytes) {
        return Ok(Format::Parquet);
    }
    let table = Table::open(path, bytes)?;
    format_of(&table).ok_or_else(|| unknown_header(&table))
}

/// The format a table's header shows, if any.
fn format_of(table: &Table<'_>) -> Option<Format> {
    let names = table.names();
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    let first = names.first().map_or("", String::as_str);
    if ComextLayout::of(names).is_some() {
        Some(Format::Comext)
    } else if comext_relational::is_relational(names) {
        Some(Format::ComextRelational)
    } else if has("COUNTRY.ID") && has("INDICATOR.ID") {
        Some(Format::ImfPortal)
    } else if first.eq_ignore_ascii_case("DATAFLOW")
        || (first.eq_ignore_ascii_case("STRUCTURE") && has("STRUCTURE_ID"))
    {
        Some(Format::Sdmx)
    } else if table.delimiter != b',' {
        // Only SDMX-CSV is published with semicolons.
        None
    } else if has("freqCode") && has("flowCode") && has("primaryValue") {
        Some(Format::Comtrade)
    } else if first.eq_ignore_ascii_case("Classification") && has("Trade Flow Code") {
        Some(Format::ComtradeLegacy)
    } else if is_baci(names) {
        Some(Format::Baci)
    } else if has("Reporter Name") && has("Partner Name") {
        Some(Format::Wits)
    } else if has("indicator") && (has("value") || has("period")) {
        // A native header missing a column is still native: its loader says which.
        Some(Format::Native)
    } else {
        None
    }
}

/// BACI's header: `t,i,j,k,v,q`, as CEPII writes it (`q` may be left out).
fn is_baci(names: &[String]) -> bool {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    matches!(
        names[..],
        ["t", "i", "j", "k", "v", "q"] | ["t", "i", "j", "k", "v"]
    )
}

/// The error for a header no format matches, quoting it.
fn unknown_header(table: &Table<'_>) -> LoadError {
    let mut found = String::from_utf8_lossy(table.first_line())
        .trim()
        .to_string();
    if found.chars().count() > 300 {
        found = found.chars().take(300).collect::<String>() + "…";
    }
    // What the file seems to be comes first: it is what a person acts on,
    // and the list of formats is long.
    let hint = what_it_looks_like(table).map_or(String::new(), |hint| format!("{hint}; "));
    LoadError::at_line(
        table.path(),
        1,
        format!("{hint}the header matches no format understood: {UNDERSTOOD}; found '{found}'"),
    )
}

/// What a file no format matches seems to be, when its first line says.
fn what_it_looks_like(table: &Table<'_>) -> Option<String> {
    let names = table.names();
    let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if names.len() < 2 {
        let text = String::from_utf8_lossy(table.first_line());
        return Some(format!(
            "the file says '{}': one column of text, not a header; perhaps a message saved in place of data, such as an error from the UN Comtrade website or API",
            text.trim()
        ));
    }
    if ["t", "k", "v"].into_iter().all(has) && !(has("i") && has("j")) {
        // A BACI file re-cut by hand (`t,k,v,q,exporter,importer`): its rows
        // are products, and its values may not be BACI's.
        return Some(
            "BACI's columns t, k and v, but not BACI's layout (t,i,j,k,v,q, as CEPII writes it): the file was re-cut, and its rows are products, not total trade, so it is not read as BACI"
                .to_string(),
        );
    }
    let comtrade = [
        "typeCode",
        "cmdCode",
        "flowCode",
        "reporterDesc",
        "partnerDesc",
    ];
    if comtrade.iter().any(|name| has(name)) {
        let lacks: Vec<&str> = ["freqCode", "flowCode", "primaryValue"]
            .into_iter()
            .filter(|name| !has(name))
            .collect();
        let separated = if table.delimiter == b';' {
            "; it is separated by semicolons"
        } else {
            ""
        };
        return Some(format!(
            "UN Comtrade columns, but not a Comtrade download as published: it lacks {}{separated}; download the CSV from UN Comtrade again",
            lacks.join(", ")
        ));
    }
    None
}

/// Reads a file already in memory as `format`; see [`parse_reader_as`].
pub fn parse_as(
    format: Format,
    path: &str,
    bytes: &[u8],
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    match format {
        // The native loader splits a file in memory across threads.
        Format::Native => native::parse(path, bytes, texts, lenient),
        Format::Parquet => parquet::parse(path, bytes, texts, lenient),
        _ => parse_reader_as(format, path, bytes, texts, lenient),
    }
}

/// Reads a stream as `format`, so that memory holds the figures and not the
/// file. For either Comtrade format the layout, Plus or legacy, is taken from
/// the header, since users name both "comtrade".
pub fn parse_reader_as(
    format: Format,
    path: &str,
    reader: impl Read,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    match format {
        Format::Native => native::parse_reader(path, reader, texts, lenient),
        Format::Sdmx => sdmx::parse(Table::open(path, reader)?, texts, lenient),
        Format::Baci => baci::parse_reader(path, reader, texts, lenient),
        Format::Wits => wits::parse(Table::open(path, reader)?, texts, lenient),
        Format::Comext | Format::ComextRelational => {
            // `--format comext` names both.
            let table = Table::open(path, reader)?;
            if comext_relational::is_relational(table.names()) {
                comext_relational::parse(table, texts, lenient)
            } else {
                comext::parse(table, texts, lenient)
            }
        }
        // Parquet's footer is at the end: the reader needs the whole file.
        Format::Parquet => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            reader
                .read_to_end(&mut bytes)
                .map_err(|error| super::file_error(path, error))?;
            parquet::parse(path, &bytes, texts, lenient)
        }
        Format::Comtrade | Format::ComtradeLegacy => {
            let table = Table::open(path, reader)?;
            match format_of(&table) {
                Some(Format::ComtradeLegacy) => comtrade::parse_legacy(table, texts, lenient),
                Some(Format::Comtrade) => comtrade::parse(table, texts, lenient),
                found => Err(not_of(&table, found, "UN Comtrade")),
            }
        }
        Format::ImfPortal => {
            let table = Table::open(path, reader)?;
            match format_of(&table) {
                Some(Format::ImfPortal) => imf::parse(table, texts, lenient),
                Some(Format::Sdmx) => sdmx::parse(table, texts, lenient),
                found => Err(not_of(&table, found, "an IMF download")),
            }
        }
    }
}

/// The error for a file forced to be read as `wanted` whose header shows
/// another format (`found`) or none.
fn not_of(table: &Table<'_>, found: Option<Format>, wanted: &str) -> LoadError {
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
    use super::*;

    #[test]
    fn format_names_parse_for_the_command_line() {
        assert_eq!("Native".parse(), Ok(Format::Native));
        assert_eq!("comtrade".parse(), Ok(Format::Comtrade));
        assert_eq!(" SDMX ".parse(), Ok(Format::Sdmx));
        assert_eq!("baci".parse(), Ok(Format::Baci));
        assert_eq!("IMF".parse(), Ok(Format::ImfPortal));
        assert_eq!("WITS".parse(), Ok(Format::Wits));
        assert_eq!("Comext".parse(), Ok(Format::Comext));
        assert_eq!("Parquet".parse(), Ok(Format::Parquet));
        let error = "csv".parse::<Format>().unwrap_err();
        assert!(
            error.contains("native, comtrade, sdmx, baci, imf, wits, comext or parquet"),
            "{error}"
        );
    }

    #[test]
    fn detects_each_format_from_its_header() {
        let cases: &[(&str, Format)] = &[
            (
                "indicator,reporter,partner,period,value,unit\n",
                Format::Native,
            ),
            (
                "\u{feff}typeCode,freqCode,refPeriodId,flowCode,primaryValue\n",
                Format::Comtrade,
            ),
            (
                "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code\n",
                Format::ComtradeLegacy,
            ),
            ("DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\n", Format::Sdmx),
            ("STRUCTURE,STRUCTURE_ID,ACTION,TIME_PERIOD\n", Format::Sdmx),
            ("DATAFLOW;LAST UPDATE;freq;geo\n", Format::Sdmx),
            ("t,i,j,k,v,q\n", Format::Baci),
            ("\u{feff}t,i,j,k,v\r\n", Format::Baci),
            (
                "\u{feff}COUNTRY.ID,COUNTERPART_COUNTRY.ID,INDICATOR.ID,SCALE.ID,2020,2020-M01\r\n",
                Format::ImfPortal,
            ),
            (
                "DATAFLOW,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE\n",
                Format::Sdmx,
            ),
            (
                "Reporter Name,Partner Name,Year,Trade Flow,Export (US$ Thousand)\r\n",
                Format::Wits,
            ),
            (
                "Reporter Name,Partner Name,Trade Flow,Indicator,1988,1989\r\n",
                Format::Wits,
            ),
            (
                "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n",
                Format::Comext,
            ),
            (
                "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE,OBS_FLAG\r\n",
                Format::Comext,
            ),
            (
                "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA2_1,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n",
                Format::Comext,
            ),
            ("PAR1\u{15}\u{4}", Format::Parquet),
        ];
        for &(header, expected) in cases {
            assert_eq!(detect("f.csv", header.as_bytes()), Ok(expected), "{header}");
        }
    }

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
