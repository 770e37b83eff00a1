//! Area names, both ways: the name the dashboard shows for an area, and the
//! area a publisher's name stands for ("Korea, Rep.", "Russian Federation",
//! " World"), from one table, `assets/area-names.csv` (its head says how).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Area;

const AREA_NAMES_CSV: &str = include_str!("../../../assets/area-names.csv");

/// What a publisher's area name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaName {
    /// A country or territory (ISO 3166-1) or a native group.
    Known(Area),
    /// A name the table lists as no country: rows about it are not used.
    NotCountry(NotCountry),
}

/// Why a listed name is no country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCountry {
    /// A regional or statistical aggregate, or a special category.
    Aggregate,
    /// An area that no longer exists, or areas once reported together.
    Former,
    /// A territory without an ISO 3166-1 code of its own.
    NoCode,
}

impl NotCountry {
    pub fn reason(self) -> &'static str {
        match self {
            NotCountry::Aggregate => {
                "a regional or statistical aggregate or a special category, not a country"
            }
            NotCountry::Former => {
                "a former area, or areas once reported together: no country of ISO 3166-1 today"
            }
            NotCountry::NoCode => "a territory without an ISO 3166-1 code of its own",
        }
    }
}

/// The area a name stands for, trimmed and in any case; `None` for a name
/// the table does not hold.
pub fn area_by_name(name: &str) -> Option<AreaName> {
    TABLE.by_name.get(&name.trim().to_lowercase()).copied()
}

/// The name the dashboard shows for an area the table holds.
pub(super) fn shown_name(area: Area) -> Option<&'static str> {
    TABLE.shown.get(&area).copied()
}

/// Every name the table holds for an area (ISO, shown and aliases), one
/// after another: what a search for the area by name looks in.
pub fn all_names(area: Area) -> &'static str {
    TABLE.all.get(&area).map_or("", String::as_str)
}

struct Table {
    by_name: HashMap<String, AreaName>,
    shown: HashMap<Area, &'static str>,
    all: HashMap<Area, String>,
}

/// One row of the table: `code,kind,name`, the name quoted when it holds a comma.
struct Entry {
    code: &'static str,
    kind: &'static str,
    name: &'static str,
}

fn entries() -> impl Iterator<Item = Entry> {
    AREA_NAMES_CSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .map(|line| {
            let mut fields = line.splitn(3, ',');
            let mut next = || fields.next().expect("area-names.csv: code,kind,name");
            let (code, kind, name) = (next(), next(), next());
            Entry {
                code,
                kind,
                name: name.strip_prefix('"').map_or(name, |quoted| {
                    quoted
                        .strip_suffix('"')
                        .expect("area-names.csv: a closing quote")
                }),
            }
        })
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut table = Table {
        by_name: HashMap::new(),
        shown: HashMap::new(),
        all: HashMap::new(),
    };
    for Entry { code, kind, name } in entries() {
        let meaning = match kind {
            "aggregate" => AreaName::NotCountry(NotCountry::Aggregate),
            "former" => AreaName::NotCountry(NotCountry::Former),
            "no_code" => AreaName::NotCountry(NotCountry::NoCode),
            "iso" | "shown" | "alias" => {
                let area = Area::parse(code).expect("area-names.csv: an area code");
                // A shown row overrides the ISO name, which comes first.
                if kind == "shown" || (kind == "iso" && !table.shown.contains_key(&area)) {
                    table.shown.insert(area, name);
                }
                let all = table.all.entry(area).or_default();
                if !all.is_empty() {
                    all.push_str(" · ");
                }
                all.push_str(name);
                AreaName::Known(area)
            }
            other => panic!("area-names.csv: unknown kind {other}"),
        };
        table.by_name.insert(name.to_lowercase(), meaning);
    }
    table
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_name_stands_for_two_areas() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for entry in entries() {
            assert!(!entry.name.contains('"'), "{}", entry.name);
            assert_eq!(entry.name, entry.name.trim(), "{}", entry.name);
            let before = seen.insert(entry.name.to_lowercase(), entry.code);
            assert!(
                before.is_none_or(|code| code == entry.code),
                "{} is {before:?} and {}",
                entry.name,
                entry.code
            );
        }
    }

    #[test]
    fn every_area_has_one_shown_name() {
        let mut shown: HashMap<&str, u32> = HashMap::new();
        for entry in entries().filter(|entry| !entry.code.is_empty()) {
            *shown.entry(entry.code).or_default() += u32::from(entry.kind == "shown");
        }
        for (code, count) in shown {
            assert!(count <= 1, "{code} has {count} shown names");
            assert!(shown_name(Area::parse(code).unwrap()).is_some(), "{code}");
        }
    }

    #[test]
    fn the_table_names_the_iso_countries_and_the_groups() {
        let entries: Vec<Entry> = entries().collect();
        let iso: Vec<&str> = entries
            .iter()
            .filter(|entry| entry.kind == "iso")
            .map(|entry| entry.code)
            .collect();
        // ISO 3166-1's 249, each once (codes.rs checks that each is named).
        assert_eq!(iso.len(), 249);
        assert!(
            iso.windows(2).all(|pair| pair[0] < pair[1]),
            "in order, once"
        );
        // Names of other codes are the groups' and Kosovo's (a code shared by
        // statistics offices, not ISO's).
        for entry in entries.iter().filter(|entry| !entry.code.is_empty()) {
            let known = iso.contains(&entry.code)
                || super::super::GROUPS.contains(&entry.code)
                || entry.code == "XKX";
            assert!(known, "{}: {}", entry.code, entry.name);
        }
    }

    #[test]
    fn publishers_names_resolve_trimmed_in_any_case() {
        let code = |name: &str| match area_by_name(name) {
            Some(AreaName::Known(area)) => area.code().to_string(),
            other => format!("{other:?}"),
        };
        for (name, expected) in [
            (" World", "WLD"),
            ("Korea, Rep.", "KOR"),
            ("Republic of Korea", "KOR"),
            ("russian federation", "RUS"),
            ("Russia", "RUS"),
            ("Turkey", "TUR"),
            ("Türkiye", "TUR"),
            ("Iran, Islamic Rep.", "IRN"),
            ("Egypt, Arab Rep.", "EGY"),
            ("Kyrgyz Republic", "KGZ"),
            ("Slovak Republic", "SVK"),
            ("Viet Nam", "VNM"),
            ("Vietnam", "VNM"),
            ("Hong Kong, China", "HKG"),
            ("Macao", "MAC"),
            ("Taiwan, China", "TWN"),
            ("CURAÇAO", "CUW"),
            ("European Union", "EU"),
        ] {
            assert_eq!(code(name), expected, "{name}");
        }
        assert_eq!(
            area_by_name("Other Asia, nes"),
            Some(AreaName::NotCountry(NotCountry::Aggregate))
        );
        assert_eq!(
            area_by_name("Soviet Union"),
            Some(AreaName::NotCountry(NotCountry::Former))
        );
        assert_eq!(area_by_name("Narnia"), None);
    }

    #[test]
    fn shown_names_are_the_dashboards() {
        let shown = |code: &str| shown_name(Area::parse(code).unwrap());
        assert_eq!(shown("RUS"), Some("Russia"));
        assert_eq!(shown("KOR"), Some("South Korea"));
        assert_eq!(shown("BEL"), Some("Belgium"));
        assert_eq!(shown("BOL"), Some("Bolivia"));
        assert_eq!(shown("EAEU"), Some("Eurasian Economic Union"));
    }
}
