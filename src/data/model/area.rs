//! Reporters and partners: ISO 3166-1 alpha-3 codes and the groups.

use std::fmt;

/// A reporter or partner code: an ISO 3166-1 alpha-3 code or a group
/// (`EAEU`, `BRI`, `EU`, `WLD`), stored upper-case in four bytes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area([u8; 4]);

pub const GROUPS: [&str; 4] = ["EAEU", "BRI", "EU", "WLD"];

impl Area {
    /// The code as a number that sorts as the code does.
    pub(crate) fn sort_key(self) -> u32 {
        u32::from_be_bytes(self.0)
    }

    /// The area whose [`Area::sort_key`] is `key`; the sort uses it to keep
    /// a number in an observation for a while (any number, not a valid code).
    pub(crate) fn from_sort_key(key: u32) -> Self {
        Self(key.to_be_bytes())
    }

    /// Accepts three ASCII letters or a known group, in any case.
    pub fn parse(text: &str) -> Option<Self> {
        Self::usual(text.as_bytes()).or_else(|| Self::parse_any_spelling(text))
    }

    /// [`Area::parse`] without its shortcut for the usual code.
    fn parse_any_spelling(text: &str) -> Option<Self> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let is_country = bytes.len() == 3 && bytes.iter().all(u8::is_ascii_alphabetic);
        if !is_country && !GROUPS.iter().any(|g| g.eq_ignore_ascii_case(text)) {
            return None;
        }
        let mut code = [b' '; 4];
        for (slot, byte) in code.iter_mut().zip(bytes) {
            *slot = byte.to_ascii_uppercase();
        }
        Some(Self(code))
    }

    /// The usual code, three upper-case letters, as it will be stored; `None`
    /// for anything else, valid or not.
    pub fn usual(bytes: &[u8]) -> Option<Self> {
        match *bytes {
            [a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => {
                Some(Self([a, b, c, b' ']))
            }
            _ => None,
        }
    }

    /// A code known to be valid, for tables in code.
    pub const fn known(code: &str) -> Self {
        let bytes = code.as_bytes();
        let mut out = [b' '; 4];
        let mut i = 0;
        while i < bytes.len() {
            out[i] = bytes[i];
            i += 1;
        }
        Self(out)
    }

    /// Whether the area is one of the groups (EAEU, BRI, EU, WLD).
    pub fn is_group(&self) -> bool {
        GROUPS.contains(&self.code())
    }

    pub fn code(&self) -> &str {
        // Codes are padded with spaces to four bytes: EU is "EU  ".
        let len = self.0.iter().position(|&b| b == b' ').unwrap_or(4);
        std::str::from_utf8(&self.0[..len]).expect("area codes are ASCII")
    }

    /// A name for people, from the names table (`assets/area-names.csv`);
    /// a code it lacks is shown as the code.
    pub fn name(&self) -> &str {
        super::names::shown_name(*self).unwrap_or(self.code())
    }

    /// The name or the code, as the user chose to see areas.
    pub fn shown(&self, naming: Naming) -> &str {
        match naming {
            Naming::Names => self.name(),
            Naming::Codes => self.code(),
        }
    }
}

/// How the interface shows areas: by name ("Kazakhstan") or by code ("KAZ").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Naming {
    #[default]
    Names,
    Codes,
}

impl Naming {
    pub fn other(self) -> Self {
        match self {
            Naming::Names => Naming::Codes,
            Naming::Codes => Naming::Names,
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Debug for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Area({})", self.code())
    }
}

pub const CHINA: Area = Area::known("CHN");
pub const RUSSIA: Area = Area::known("RUS");
pub const EAEU: Area = Area::known("EAEU");
pub const BELT_AND_ROAD: Area = Area::known("BRI");
pub const WORLD: Area = Area::known("WLD");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_are_codes_or_groups_with_names() {
        assert_eq!(Area::parse("rus"), Some(RUSSIA));
        assert_eq!(
            Area::parse("eaeu").unwrap().name(),
            "Eurasian Economic Union"
        );
        assert_eq!(Area::parse("XYZ").unwrap().name(), "XYZ");
        assert_eq!(Area::parse("eu").unwrap().code(), "EU");
        assert_eq!(Area::parse("EU").unwrap().name(), "European Union");
        assert_eq!(Area::parse("RU"), None);
        assert_eq!(Area::parse("RUSS"), None);
        assert_eq!(Area::parse("R1S"), None);
    }

    #[test]
    fn three_letter_codes_parse_as_without_the_fast_path() {
        let alphabet = b"AMZamz09 -\t@[`{\xc3";
        for &a in alphabet {
            for &b in alphabet {
                for &c in alphabet {
                    for text in [vec![a, b, c], vec![b' ', a, b, c], vec![a, b, c, b' ']] {
                        if let Ok(text) = std::str::from_utf8(&text) {
                            assert_eq!(
                                Area::parse(text),
                                Area::parse_any_spelling(text),
                                "{text:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}
