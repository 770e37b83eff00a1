//! The levels a products table shows, and what each is called in the
//! classification of the rows: the one place a level is named, for titles,
//! messages, notes and exports.

use crate::data::model::Classification;

/// The levels of a classification a table can show: the HS's section,
/// chapter, heading and subheading (HS6); SITC's section, division, group
/// and basic heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProductLevel {
    Section,
    Chapter,
    Heading,
    Hs6,
}

/// A level's name in one classification: one code of it ("division"), as
/// said after "is" ("a division", "HS6"), and its codes ("divisions").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevelName {
    pub one: &'static str,
    pub a: &'static str,
    pub many: &'static str,
}

impl ProductLevel {
    /// The digits of the level's codes in a classification: an HS section
    /// is made of chapters; SITC's section, division and group are its
    /// codes of 1, 2 and 3 digits, its basic heading of 5.
    pub(super) fn digits(self, classification: Classification) -> u8 {
        match (self, classification) {
            (Self::Section, Classification::Sitc(_)) => 1,
            (Self::Heading, Classification::Sitc(_)) => 3,
            (Self::Hs6, Classification::Sitc(_)) => 5,
            (Self::Section | Self::Chapter, _) => 2,
            (Self::Heading, _) => 4,
            (Self::Hs6, _) => 6,
        }
    }

    /// Whether the level is HS sections, made of chapters by the built-in table.
    pub(super) fn is_hs_section(self, classification: Classification) -> bool {
        self == Self::Section && classification.is_hs_like()
    }

    /// What the level is called in `classification`: SITC's as Revision 4
    /// names them (UN Statistical Papers M No. 34/Rev.4: sections,
    /// divisions, groups, subgroups, basic headings; subgroups are no level
    /// here), any other's as the HS's (CN's codes above its 8 digits are
    /// the HS's; WITS's groups are shown as listed).
    pub fn name(self, classification: Classification) -> LevelName {
        let (one, a, many) = match (self, classification) {
            (Self::Section, _) => ("section", "a section", "sections"),
            (Self::Chapter, Classification::Sitc(_)) => ("division", "a division", "divisions"),
            (Self::Heading, Classification::Sitc(_)) => ("group", "a group", "groups"),
            (Self::Hs6, Classification::Sitc(_)) => {
                ("basic heading", "a basic heading", "basic headings")
            }
            (Self::Chapter, _) => ("chapter", "a chapter", "chapters"),
            (Self::Heading, _) => ("heading", "a heading", "headings"),
            (Self::Hs6, _) => ("HS6", "HS6", "HS6"),
        };
        LevelName { one, a, many }
    }
}

/// The classification's family as said before its levels: "the SITC
/// sections", "the HS sections" (CN's sections being the HS's).
pub fn scheme(classification: Classification) -> &'static str {
    match classification {
        Classification::Sitc(_) => "SITC",
        _ => "HS",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_named_in_their_classification() {
        let sitc = Classification::Sitc(4);
        let names: Vec<&str> = [
            ProductLevel::Section,
            ProductLevel::Chapter,
            ProductLevel::Heading,
            ProductLevel::Hs6,
        ]
        .iter()
        .map(|level| level.name(sitc).many)
        .collect();
        assert_eq!(names, ["sections", "divisions", "groups", "basic headings"]);
        let hs = Classification::Hs(Some(6));
        assert_eq!(ProductLevel::Chapter.name(hs).many, "chapters");
        assert_eq!(ProductLevel::Hs6.name(Classification::Cn).one, "HS6");
        assert_eq!(
            ProductLevel::Heading.name(Classification::Sitc(3)).a,
            "a group"
        );
        assert_eq!(scheme(sitc), "SITC");
        assert_eq!(scheme(Classification::Cn), "HS");
    }
}
