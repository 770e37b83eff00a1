//! The names of codes and groups where the file gives none: the built-in
//! tables of the HS sections and chapters, SITC Rev. 4's sections and
//! divisions, and the named groups of chapters (assets/, with their sources).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::data::Dataset;
use crate::data::model::{Classification, ProductCode};

const SECTIONS_CSV: &str = include_str!("../../../assets/hs-sections.csv");
const CHAPTERS_CSV: &str = include_str!("../../../assets/hs-chapters.csv");
const GROUPS_CSV: &str = include_str!("../../../assets/product-groups.csv");
const SITC4_CSV: &str = include_str!("../../../assets/sitc4.csv");

/// A named group of HS chapters (`energy`, `metals`): its chapters and its
/// definition, from assets/product-groups.csv.
pub fn group(name: &str) -> Option<(Vec<ProductCode>, &'static str)> {
    GROUPS_CSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .map(|line| line.splitn(3, ',').collect::<Vec<_>>())
        .find(|fields| fields[0].eq_ignore_ascii_case(name.trim()))
        .map(|fields| {
            let (first, last) = fields[1]
                .split_once('-')
                .expect("product-groups.csv: first-last");
            let chapter = |text: &str| text.parse::<u32>().expect("product-groups.csv: a chapter");
            let chapters = (chapter(first)..=chapter(last))
                .filter_map(|n| ProductCode::from_number(n, 2))
                .collect();
            (chapters, fields[2])
        })
}

/// The HS sections: (roman numeral, first chapter, last chapter, name).
pub(super) static SECTIONS: LazyLock<Vec<(&'static str, u32, u32, &'static str)>> =
    LazyLock::new(|| {
        rows_of(SECTIONS_CSV)
            .map(|fields| {
                let [section, first, last, name] = fields[..] else {
                    panic!("hs-sections.csv: '{fields:?}' is not section,first,last,name");
                };
                let chapter = |text: &str| text.parse().expect("hs-sections.csv: a chapter");
                (section, chapter(first), chapter(last), name)
            })
            .collect()
    });

static CHAPTERS: LazyLock<BTreeMap<&'static str, &'static str>> = LazyLock::new(|| {
    rows_of(CHAPTERS_CSV)
        .map(|fields| (fields[0], fields[1]))
        .collect()
});

/// SITC Rev. 4's sections and divisions by code (names quoted where they
/// hold a comma).
static SITC4: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    let body: String = SITC4_CSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(|record| {
            let record = record.expect("sitc4.csv: code,name");
            (record[0].to_string(), record[1].to_string())
        })
        .collect()
});

/// The built-in name of a code where the file gives none: an HS chapter's,
/// or an SITC section's or division's (from Revision 4's titles, which
/// Revision 3 shares at these levels but for a few divisions' wording).
pub(super) fn built_in_name(
    classification: Classification,
    code: ProductCode,
) -> Option<&'static str> {
    let text = code.to_string();
    match (classification, code.digits()) {
        (c, 2) if c.is_hs_like() => CHAPTERS.get(text.as_str()).copied(),
        (Classification::Sitc(_), 1 | 2) => SITC4.get(&text).map(String::as_str),
        _ => None,
    }
}

/// A built-in table's rows, without its comments and header.
fn rows_of(csv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    csv.lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .map(|line| line.splitn(4, ',').collect())
}

/// The section of an HS chapter: its index in [`SECTIONS`].
pub(super) fn section_of(chapter: ProductCode) -> Option<usize> {
    let number: u32 = chapter.to_string().parse().ok()?;
    SECTIONS
        .iter()
        .position(|&(_, first, last, _)| (first..=last).contains(&number))
}

/// The chapters of an HS section by its numeral (`V`), to drill into it.
pub fn section_chapters(numeral: &str) -> Option<Vec<ProductCode>> {
    let &(_, first, last, _) = SECTIONS.iter().find(|(s, ..)| *s == numeral)?;
    Some(
        (first..=last)
            .filter_map(|n| ProductCode::from_number(n, 2))
            .collect(),
    )
}

/// A classification as said, with a code list's name from the data.
pub fn describe(data: &Dataset, classification: Classification) -> String {
    match classification {
        Classification::Other(id) => data.text(id).to_string(),
        known => known.describe(&crate::data::model::Texts::default()),
    }
}

/// A code as written, with an interned one's text from the data.
pub fn code_text(data: &Dataset, code: ProductCode) -> String {
    match code.text_id() {
        Some(id) => data.text(id).to_string(),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_tables_hold_every_section_and_chapter() {
        assert_eq!(SECTIONS.len(), 21);
        assert_eq!(CHAPTERS.len(), 96, "01-97 but the reserved 77");
        assert_eq!(CHAPTERS["27"], "Mineral fuels; mineral oils");
        let chapter = |n| ProductCode::from_number(n, 2).unwrap();
        assert_eq!(SECTIONS[section_of(chapter(27)).unwrap()].0, "V");
        assert_eq!(SECTIONS[section_of(chapter(85)).unwrap()].0, "XVI");
        assert_eq!(
            SITC4.len(),
            10 + 67,
            "SITC Rev. 4: 10 sections, 67 divisions"
        );
        let sitc = |n, digits| ProductCode::from_number(n, digits).unwrap();
        let named = |n, digits| built_in_name(Classification::Sitc(4), sitc(n, digits));
        assert_eq!(
            named(3, 1),
            Some("Mineral fuels, lubricants and related materials")
        );
        assert_eq!(
            named(0, 2),
            Some("Live animals other than animals of division 03")
        );
        assert_eq!(
            named(0, 1),
            Some("Food and live animals"),
            "0 and 00 differ"
        );
        assert_eq!(named(333, 3), None, "groups are not built in");
        assert_eq!(
            section_of(chapter(77)),
            Some(14),
            "reserved, within section XV"
        );
    }
}
