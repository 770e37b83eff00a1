//! The registry of formats: one entry a format, from which detection,
//! dispatch, the command line's `--format` and `--data` help, the error for
//! an unknown header and the fuzz targets' list are all made.
//!
//! A new format needs its loader module (declared in `load/mod.rs`), one entry
//! in [`formats!`] below, and a fuzz target named as its command-line name
//! (`fuzz/Cargo.toml`, `fuzz/fuzz_targets/`; a test checks it is there).

mod unknown;

use std::fmt;
use std::io::Read;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use super::comext::Layout as ComextLayout;
use super::error::LoadError;
use super::mapped::Mapped;
use super::table::{Counted, Table};
use super::{
    FileLoad, baci, comext, comext_relational, comtrade, imf, native, parquet, sdmx, wits,
};
use crate::data::model::Texts;
use unknown::{baci_recut, comtrade_columns, not_of, unknown_header};

/// Everything the program says and does about one format.
pub struct Entry {
    /// The name `--format` takes; none for a layout read under another
    /// entry's name (see [`Entry::family`]).
    pub command_name: Option<&'static str>,
    /// The name messages and the check report give it.
    pub name: &'static str,
    /// `--format`'s help for it.
    pub help: &'static str,
    /// Its header, as the error for a header no format matches describes it.
    pub header: &'static str,
    /// How a file is known to be in it.
    pub(crate) detect: Detect,
    /// What a header no format matches seems to be when it resembles this
    /// format's: said before the list of formats, as what a person acts on.
    pub(crate) hint: Option<fn(&Table<'_>) -> Option<String>>,
    /// How it is read.
    pub(crate) reader: Reader,
    /// For a command-line name that covers several layouts: the others read
    /// under it, told apart by the header.
    pub(crate) family: Option<Family>,
}

/// How a file is known to be in a format.
#[derive(Clone, Copy)]
pub(crate) enum Detect {
    /// From its first bytes, before any header is read.
    Bytes(fn(&[u8]) -> bool),
    /// From its header line. Headers are tried in the registry's order.
    Header(fn(&Table<'_>) -> bool),
}

/// How a format is read.
#[derive(Clone, Copy)]
pub(crate) enum Reader {
    /// The rows of the table its header opens.
    Table(fn(Table<'_>, &mut Texts, bool) -> Result<FileLoad, LoadError>),
    /// Bytes read its own way: a file already in memory, or a stream.
    Bytes {
        memory: fn(&str, &[u8], &mut Texts, bool) -> Result<FileLoad, LoadError>,
        stream: StreamReader,
        /// A regular file mapped rather than read, where the format can.
        mapped: Option<MappedReader>,
    },
}

/// Reads a mapped file, adding the bytes it parses to the `AtomicU64`.
type MappedReader = fn(&str, &Mapped, &AtomicU64, &mut Texts, bool) -> Result<FileLoad, LoadError>;

/// Reads a stream, adding the bytes it reads to the `AtomicU64` (the load
/// gauge's count).
type StreamReader =
    fn(&str, &mut dyn Read, &AtomicU64, &mut Texts, bool) -> Result<FileLoad, LoadError>;

/// The layouts one command-line name reads (`comtrade` Plus and legacy,
/// `imf` the portal's download and the API's SDMX-CSV).
pub(crate) struct Family {
    /// The other layouts, besides the entry's own.
    pub(crate) also: &'static [Format],
    /// What the error calls them all when a header is none of them.
    pub(crate) called: &'static str,
}

/// Declares the [`Format`] enum and its registry from one list of entries,
/// so that neither can miss a format the other has.
macro_rules! formats {
    ($($(#[doc = $doc:literal])* $format:ident => $entry:expr,)+) => {
        /// The file formats the data layer reads.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Format {
            $($(#[doc = $doc])* $format,)+
        }

        /// Every entry, in the order of [`Format`].
        static REGISTRY: &[Entry] = &[$($entry,)+];

        impl Format {
            /// Every format, in the registry's order: the order headers are
            /// tried in, the most particular first.
            pub const ALL: &[Format] = &[$(Format::$format,)+];
        }
    };
}

/// Whether a header's delimiter is the comma: only SDMX-CSV (and Comext,
/// which is SDMX-CSV or in its manner) is published with semicolons.
fn commas(table: &Table<'_>) -> bool {
    table.delimiter == b','
}

/// Whether a header has a column, in any case.
fn has(table: &Table<'_>, name: &str) -> bool {
    table.names().iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The header's first column name.
fn first<'t>(table: &'t Table<'_>) -> &'t str {
    table.names().first().map_or("", String::as_str)
}

formats! {
    /// Eurostat Comext, in euros: the API's SDMX-CSV or the bulk files.
    Comext => Entry {
        command_name: Some("comext"),
        name: "Eurostat Comext",
        help: "Eurostat Comext in euros: the API's SDMX-CSV or the bulk files",
        header: "Eurostat Comext (DATAFLOW,…,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE \
or REPORTER,PARTNER,…,PRODUCT_NC,…,FLOW,…,PERIOD,VALUE_EUR,…)",
        // Before SDMX-CSV: the API's layout is SDMX-CSV with Comext's columns.
        detect: Detect::Header(|table| ComextLayout::of(table.names()).is_some()),
        hint: None,
        reader: Reader::Table(comext::parse),
        family: Some(Family {
            also: &[Format::ComextRelational],
            called: "a Eurostat Comext download",
        }),
    },
    /// Eurostat Comext's relational view (Easy Comext's download), in euros.
    ComextRelational => Entry {
        command_name: None,
        name: "Eurostat Comext (relational view)",
        help: "Eurostat Comext's relational view (Easy Comext's download), read as comext",
        header: "Eurostat Comext relational view (REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUR)",
        detect: Detect::Header(|table| comext_relational::is_relational(table.names())),
        hint: None,
        reader: Reader::Table(comext_relational::parse),
        family: None,
    },
    /// The IMF data portal's IMTS download (`COUNTRY.ID,…,INDICATOR.ID,…`).
    ImfPortal => Entry {
        command_name: Some("imf"),
        name: "IMF data portal",
        help: "IMF IMTS: the data portal's download, or the API's SDMX-CSV",
        header: "IMF data portal (COUNTRY.ID,COUNTERPART_COUNTRY.ID,INDICATOR.ID,SCALE.ID,…, one column per period)",
        detect: Detect::Header(|table| has(table, "COUNTRY.ID") && has(table, "INDICATOR.ID")),
        hint: None,
        reader: Reader::Table(imf::parse),
        family: Some(Family {
            also: &[Format::Sdmx],
            called: "an IMF download",
        }),
    },
    /// SDMX-CSV 1.0 or 2.0, as the IMF and Eurostat publish it.
    Sdmx => Entry {
        command_name: Some("sdmx"),
        name: "SDMX-CSV",
        help: "SDMX-CSV 1.0 or 2.0 (IMF, Eurostat)",
        header: "SDMX-CSV 1.0 (DATAFLOW,…,TIME_PERIOD,OBS_VALUE,…) or 2.0 (STRUCTURE,STRUCTURE_ID,ACTION,…)",
        detect: Detect::Header(|table| {
            first(table).eq_ignore_ascii_case("DATAFLOW")
                || (first(table).eq_ignore_ascii_case("STRUCTURE") && has(table, "STRUCTURE_ID"))
        }),
        hint: None,
        reader: Reader::Table(sdmx::parse),
        family: None,
    },
    /// UN Comtrade Plus / API v1 CSV (`typeCode,freqCode,…`).
    Comtrade => Entry {
        command_name: Some("comtrade"),
        name: "UN Comtrade",
        help: "UN Comtrade CSV, Comtrade Plus or legacy layout",
        header: "UN Comtrade (typeCode,freqCode,refPeriodId,…,primaryValue,…)",
        detect: Detect::Header(|table| {
            commas(table)
                && ["freqCode", "flowCode", "primaryValue"]
                    .into_iter()
                    .all(|name| has(table, name))
        }),
        hint: Some(comtrade_columns),
        reader: Reader::Table(comtrade::parse),
        family: Some(Family {
            also: &[Format::ComtradeLegacy],
            called: "UN Comtrade",
        }),
    },
    /// The legacy UN Comtrade CSV (`Classification,Year,Period,…`), API or bulk.
    ComtradeLegacy => Entry {
        command_name: None,
        name: "UN Comtrade (legacy)",
        help: "UN Comtrade's legacy CSV, read as comtrade",
        header: "UN Comtrade legacy (Classification,Year,Period,Period Desc.,…,Trade Value (US$),…)",
        detect: Detect::Header(|table| {
            commas(table)
                && first(table).eq_ignore_ascii_case("Classification")
                && has(table, "Trade Flow Code")
        }),
        hint: None,
        reader: Reader::Table(comtrade::parse_legacy),
        family: None,
    },
    /// CEPII BACI (`t,i,j,k,v,q`): HS6 flows, summed to each pair's total.
    Baci => Entry {
        command_name: Some("baci"),
        name: "CEPII BACI",
        help: "CEPII BACI (t,i,j,k,v,q), summed over products to each pair's total",
        header: "CEPII BACI (t,i,j,k,v,q)",
        detect: Detect::Header(|table| commas(table) && is_baci(table.names())),
        hint: Some(baci_recut),
        reader: Reader::Bytes {
            memory: |path, bytes, texts, lenient| {
                baci::parse_reader(path, bytes, &AtomicU64::default(), texts, lenient)
            },
            stream: |path, reader, read, texts, lenient| {
                baci::parse_reader(path, reader, read, texts, lenient)
            },
            mapped: Some(baci::parse_mapped),
        },
        family: None,
    },
    /// World Bank WITS: the Partner table or the time series, areas by name.
    Wits => Entry {
        command_name: Some("wits"),
        name: "World Bank WITS",
        help: "World Bank WITS (Partner table or time series), areas by name",
        header: "World Bank WITS (Reporter Name,Partner Name,Year,Trade Flow,…,Export (US$ Thousand),… \
or Reporter Name,Partner Name,Trade Flow,Indicator,1988,…)",
        detect: Detect::Header(|table| {
            commas(table) && has(table, "Reporter Name") && has(table, "Partner Name")
        }),
        hint: None,
        reader: Reader::Table(wits::parse),
        family: None,
    },
    /// The project's own CSV (see the shared README).
    Native => Entry {
        command_name: Some("native"),
        name: "native",
        help: "The native CSV format (see README)",
        header: "native (indicator,reporter,partner,period,value,unit)",
        // Last: a native header missing a column is still native, and its
        // loader says which.
        detect: Detect::Header(|table| {
            commas(table) && has(table, "indicator") && (has(table, "value") || has(table, "period"))
        }),
        hint: None,
        reader: Reader::Bytes {
            // The native loader splits a file in memory across threads.
            memory: native::parse,
            stream: |path, reader, read, texts, lenient| {
                native::parse_reader(path, reader, read, texts, lenient)
            },
            mapped: Some(native::parse_mapped),
        },
        family: None,
    },
    /// Parquet (a file, or a directory of part files) with the native or
    /// the BACI columns.
    Parquet => Entry {
        command_name: Some("parquet"),
        name: "Parquet",
        help: "Parquet: a file, or a directory of part files (Spark, DuckDB), with the native or BACI columns",
        header: "Parquet (a file starting with PAR1, with the native or the BACI columns)",
        detect: Detect::Bytes(parquet::is_parquet),
        hint: None,
        reader: Reader::Bytes {
            memory: parquet::parse,
            // Parquet's footer is at the end: the reader needs the whole file.
            stream: |path, reader, read, texts, lenient| {
                let mut bytes = Vec::new();
                reader
                    .read_to_end(&mut bytes)
                    .map_err(|error| super::file_error(path, error))?;
                read.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                parquet::parse(path, &bytes, texts, lenient)
            },
            mapped: None,
        },
        family: None,
    },
}

/// BACI's header: `t,i,j,k,v,q`, as CEPII writes it (`q` may be left out).
fn is_baci(names: &[String]) -> bool {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    matches!(
        names[..],
        ["t", "i", "j", "k", "v", "q"] | ["t", "i", "j", "k", "v"]
    )
}

impl Format {
    /// Its entry in the registry.
    pub fn entry(self) -> &'static Entry {
        &REGISTRY[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.entry().name
    }

    /// The formats `--format` takes, with their command-line names.
    pub fn forced() -> impl Iterator<Item = (Format, &'static str)> {
        Format::ALL
            .iter()
            .filter_map(|&format| Some((format, format.entry().command_name?)))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Names joined as a sentence lists them: `a, b or c`.
pub fn listed(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The names a user may give on the command line, in any case; a family's
/// name reads each of its layouts, told apart by the header.
impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        Format::forced()
            .find(|(_, name)| name.eq_ignore_ascii_case(wanted))
            .map(|(format, _)| format)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::forced().map(|(_, name)| name).collect();
                format!("unknown format '{text}' (expected {})", listed(&names))
            })
    }
}

/// Decides the format from the first bytes, then from the header line, each
/// header tried in the registry's order.
pub fn detect(path: &str, bytes: &[u8]) -> Result<Format, LoadError> {
    let by_bytes = Format::ALL
        .iter()
        .find(|format| match format.entry().detect {
            Detect::Bytes(is) => is(bytes),
            Detect::Header(_) => false,
        });
    if let Some(&format) = by_bytes {
        return Ok(format);
    }
    let table = Table::open(path, bytes)?;
    format_of(&table).ok_or_else(|| unknown_header(&table))
}

/// The format a table's header shows, if any.
fn format_of(table: &Table<'_>) -> Option<Format> {
    Format::ALL
        .iter()
        .copied()
        .find(|format| match format.entry().detect {
            Detect::Header(is) => is(table),
            Detect::Bytes(_) => false,
        })
}

/// Reads a file already in memory as `format`; see [`parse_reader_as`].
pub fn parse_as(
    format: Format,
    path: &str,
    bytes: &[u8],
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    match format.entry().reader {
        Reader::Bytes { memory, .. } => memory(path, bytes, texts, lenient),
        Reader::Table(_) => {
            parse_reader_as(format, path, bytes, &AtomicU64::default(), texts, lenient)
        }
    }
}

/// A file mapped to be read as a format that reads mapped files.
pub(crate) struct MappedFile {
    mapped: Mapped,
    parse: MappedReader,
}

/// Maps a file to be read as `format`, if the format reads mapped files
/// and the file is a regular one; `None` otherwise, for it to be read.
pub(crate) fn map_for(format: Format, file: &std::fs::File) -> Option<MappedFile> {
    match format.entry().reader {
        Reader::Bytes {
            mapped: Some(parse),
            ..
        } => Mapped::new(file).map(|mapped| MappedFile { mapped, parse }),
        _ => None,
    }
}

impl MappedFile {
    /// Reads the file, adding the bytes parsed to `read`; its reader lets
    /// the pages go as it parses them.
    pub(crate) fn parse(
        &self,
        path: &str,
        read: &AtomicU64,
        texts: &mut Texts,
        lenient: bool,
    ) -> Result<FileLoad, LoadError> {
        (self.parse)(path, &self.mapped, read, texts, lenient)
    }
}

/// Reads a stream as `format`, so that memory holds the figures and not the
/// file, adding the bytes it reads to `read` (for a load gauge). For a format
/// of a family (Comtrade Plus or legacy, say), the layout is taken from the
/// header, since users give the family's name.
pub fn parse_reader_as(
    format: Format,
    path: &str,
    mut reader: impl Read,
    read: &AtomicU64,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let entry = format.entry();
    let read_rows = match entry.reader {
        Reader::Bytes { stream, .. } => return stream(path, &mut reader, read, texts, lenient),
        Reader::Table(read_rows) => read_rows,
    };
    let table = Table::open(
        path,
        Counted {
            inner: reader,
            read,
        },
    )?;
    let Some(family) = &entry.family else {
        return read_rows(table, texts, lenient);
    };
    let found = format_of(&table);
    match found.map(|found| (found, found.entry().reader)) {
        Some((found, Reader::Table(read_rows)))
            if found == format || family.also.contains(&found) =>
        {
            read_rows(table, texts, lenient)
        }
        _ => Err(not_of(&table, found, family.called)),
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
            error.contains("comext, imf, sdmx, comtrade, baci, wits, native or parquet"),
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
}
