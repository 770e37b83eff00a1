//! The names of BACI's products: CEPII ships `product_codes_HS17_V202401b.csv`
//! (`code,description`, descriptions quoted where they hold a comma) in the
//! same archive as `BACI_HS17_Y2022_V202401b.csv`. Read when it lies beside
//! the BACI file; a file that cannot be read is a warning, never an error:
//! the figures do not depend on it.

use std::path::{Path, PathBuf};

use super::super::error::LoadError;
use super::super::meaning;
use crate::data::model::{Classification, ProductCode, ProductName, Texts};

/// What the file beside a BACI file gave: its names, a note of where they
/// come from, and what was wrong with it.
#[derive(Debug, Default)]
pub struct NamesBeside {
    pub names: Vec<ProductName>,
    pub remark: Option<String>,
    pub warnings: Vec<LoadError>,
}

/// The names in the `product_codes` file of the same HS revision and
/// version beside a BACI file, or of the same revision in another version.
pub fn beside(path: &Path, texts: &mut Texts) -> NamesBeside {
    let Some(codes) = file_beside(path) else {
        return NamesBeside::default();
    };
    let name = codes.display().to_string();
    let classification = Classification::of_baci_name(&path.to_string_lossy());
    match std::fs::read(&codes) {
        Ok(bytes) => read(&name, &bytes, classification, texts),
        Err(error) => NamesBeside {
            warnings: vec![LoadError::file(
                &name,
                format!("product names not read: {error}"),
            )],
            ..NamesBeside::default()
        },
    }
}

/// `product_codes_HS17_V202401b.csv` for `BACI_HS17_Y2022_V202401b.csv`;
/// failing that, the newest other version of the same revision.
fn file_beside(path: &Path) -> Option<PathBuf> {
    let file = path.file_name()?.to_str()?;
    let mut parts = file.strip_prefix("BACI_")?.splitn(3, '_');
    let (revision, _year, version) = (parts.next()?, parts.next()?, parts.next()?);
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = dir.unwrap_or(Path::new("."));
    let exact = dir.join(format!("product_codes_{revision}_{version}"));
    if exact.is_file() {
        return Some(exact);
    }
    let prefix = format!("product_codes_{revision}_V");
    let mut others: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|other| {
            other
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".csv"))
        })
        .collect();
    others.sort();
    others.pop()
}

/// The names of a `product_codes` file's bytes. Rows that are not a code
/// of five or six digits (CEPII's own are six) and a description are left
/// out, each counted in one warning.
pub fn read(
    name: &str,
    bytes: &[u8],
    classification: Classification,
    texts: &mut Texts,
) -> NamesBeside {
    let mut out = NamesBeside::default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let mut records = reader.byte_records();
    let header: Option<Vec<String>> = records
        .next()
        .and_then(Result::ok)
        .map(|header| header.iter().map(meaning::description).collect());
    let is_cepii = header.as_ref().is_some_and(|header| {
        header.len() == 2
            && header[0].eq_ignore_ascii_case("code")
            && header[1].eq_ignore_ascii_case("description")
    });
    if !is_cepii {
        out.warnings.push(LoadError::at_line(
            name,
            1,
            format!(
                "product names not read: the header is {}, not CEPII's 'code,description'",
                header.map_or("missing".to_string(), |h| format!("'{}'", h.join(",")))
            ),
        ));
        return out;
    }
    let (mut bad, mut first_bad) = (0u64, None);
    for (at, record) in records.enumerate() {
        let line = at as u64 + 2;
        let named = record.ok().and_then(|record| {
            let [code, description] = [record.get(0)?, record.get(1)?];
            let code = std::str::from_utf8(code).ok()?.trim();
            let number = ((5..=6).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_digit()))
            .then(|| code.parse::<u32>().ok())??;
            let description = meaning::description(description);
            (record.len() == 2 && !description.is_empty()).then_some((number, description))
        });
        match named {
            Some((number, description)) => out.names.push(ProductName {
                classification,
                code: ProductCode::hs6(number),
                name: texts.intern(&description),
            }),
            None => {
                bad += 1;
                first_bad.get_or_insert(line);
            }
        }
    }
    if let Some(line) = first_bad {
        out.warnings.push(LoadError::at_line(
            name,
            line,
            format!(
                "{bad} row{} not read as a product name (expected an HS code of 6 digits and its description, in two fields); the others are used",
                if bad == 1 { "" } else { "s" }
            ),
        ));
    }
    out.remark = Some(format!("product names: {} from {name}", out.names.len()));
    out
}
