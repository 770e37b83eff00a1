//! Area codes as other publishers write them, mapped to the native codes
//! (ISO 3166-1 alpha-3 or a group such as WLD and EU).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::data::model::{Area, GROUPS};

/// What a publisher's area code stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaCode {
    /// A country or a native group.
    Known(Area),
    /// A regional or statistical aggregate ("Other Asia, nes", "advanced
    /// economies", …) that has no native code: rows about it are not used.
    Aggregate,
    /// Not a code any publisher we read uses: the row is malformed.
    Unknown,
}

/// Resolves ISO alpha-2 and alpha-3 codes, the native groups, and the world and
/// EU codes of Comtrade, the IMF and Eurostat. Case-insensitive.
pub fn resolve(code: &str) -> AreaCode {
    let code = code.trim();
    // The usual code, upper-case already, needs no copy.
    if let Some(area) = iso_area(code.as_bytes()) {
        return AreaCode::Known(area);
    }
    let code = code.to_ascii_uppercase();
    let code = code.as_str();
    if let Some(area) = iso_area(code.as_bytes()) {
        return AreaCode::Known(area);
    }
    if let Some((_, native)) = ALIASES.iter().find(|(alias, _)| *alias == code) {
        return AreaCode::Known(Area::known(native));
    }
    if GROUPS.contains(&code) {
        return AreaCode::Known(Area::known(code));
    }
    // Publishers mark their aggregates with digits or underscores (S19, G110,
    // EXT_EA20) or long names; a plain two- or three-letter code is a typo.
    let is_aggregate = !code.is_empty()
        && (code.len() > 3 || code.bytes().any(|b| b.is_ascii_digit() || b == b'_'));
    if is_aggregate {
        AreaCode::Aggregate
    } else {
        AreaCode::Unknown
    }
}

/// UN Comtrade's numeric area codes, with their source: see the file's head.
const COMTRADE_AREAS_CSV: &str = include_str!("../../../assets/comtrade-areas.csv");

/// What a Comtrade numeric area code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumericArea {
    /// A country, or the world (code 0).
    Known(Area),
    /// An aggregate, a special category or a former area, by its name.
    NotCountry(&'static str),
    /// Not in Comtrade's list.
    Unknown,
}

/// Resolves a Comtrade numeric area code (`reporterCode`, `Partner Code`):
/// ISO 3166-1 numeric, but for Comtrade's own codes (842 the United States,
/// 251 France, 699 India, …) and its aggregates (490 "Other Asia, nes", …).
/// Why a row of a numeric code that is no country ([`NumericArea::NotCountry`])
/// is not used.
pub fn not_a_country(name: &str, code: &str) -> String {
    format!(
        "'{name}' ({code}) is a regional or statistical aggregate, a special category or a former area, not a country"
    )
}

pub fn resolve_numeric(code: &str) -> NumericArea {
    let Ok(number) = code.trim().parse::<u16>() else {
        return NumericArea::Unknown;
    };
    match COMTRADE_AREAS.get(&number) {
        Some((Some(area), _)) => NumericArea::Known(*area),
        Some((None, name)) => NumericArea::NotCountry(name),
        None => NumericArea::Unknown,
    }
}

/// The table: each code's country (`None` for a non-country) and name.
static COMTRADE_AREAS: LazyLock<HashMap<u16, (Option<Area>, &'static str)>> = LazyLock::new(|| {
    COMTRADE_AREAS_CSV
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .map(|line| {
            let (code, rest) = line.split_once(',').expect("code,iso3,name");
            let (iso3, name) = rest.split_once(',').expect("code,iso3,name");
            let name = name.trim_matches('"');
            let area = (!iso3.is_empty()).then(|| match resolve(iso3) {
                AreaCode::Known(area) => area,
                other => panic!("comtrade-areas.csv: {iso3} is {other:?}"),
            });
            (code.parse().expect("a numeric code"), (area, name))
        })
        .collect()
});

/// Codes that are not ISO 3166-1 but name a country or a native group.
const ALIASES: &[(&str, &str)] = &[
    // The world: Comtrade Plus (W00), the IMF (W00, W0, G001), Eurostat (WORLD).
    ("W00", "WLD"),
    ("W0", "WLD"),
    ("G001", "WLD"),
    ("WORLD", "WLD"),
    ("WLD", "WLD"),
    // Eurostat: the EU of 27 since 2020, and its own spelling of two members.
    ("EU27_2020", "EU"),
    ("INT_EU27_2020", "EU"),
    ("EU27_2020_INTRA", "EU"),
    ("EL", "GRC"),
    ("UK", "GBR"),
    // Kosovo has a user-assigned code that statistics offices share.
    ("XK", "XKX"),
    ("XKX", "XKX"),
];

/// An ISO 3166-1 country by its upper-case alpha-2 or alpha-3 code, looked
/// up by its letters: every row of a publisher's file names two areas. No
/// alias is an ISO code (a test says so), so one found here needs no other
/// check.
fn iso_area(code: &[u8]) -> Option<Area> {
    if !code.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let index = letters_index(code);
    match code.len() {
        2 => ISO.by_alpha2[index],
        3 if is_alpha3(index) => Area::usual(code),
        _ => None,
    }
}

/// The two-letter codes people also write for an area ("GB" and "UK" for
/// GBR, "US" for USA): what a search typed as a code finds.
pub fn two_letter_codes(area: Area) -> impl Iterator<Item = &'static str> {
    let iso = ALPHA2_TO_ALPHA3.iter().copied();
    let aliases = ALIASES.iter().copied().filter(|(code, _)| code.len() == 2);
    iso.chain(aliases)
        .filter(move |&(_, alpha3)| area.code() == alpha3)
        .map(|(code, _)| code)
}

/// Whether an area is a country or territory of ISO 3166-1 (not a group).
/// Asked of every row's areas, so read from the code's bytes directly.
#[inline]
pub fn is_country(area: Area) -> bool {
    match area.sort_key().to_be_bytes() {
        [a, b, c, b' '] if [a, b, c].iter().all(u8::is_ascii_uppercase) => {
            is_alpha3(letters_index(&[a, b, c]))
        }
        _ => false,
    }
}

/// The usual country code, three upper-case letters of an ISO 3166-1
/// country, read from a field's bytes with one lookup in a table built at
/// compile time; `None` for anything else (a group, lower case, blank
/// space), which the full reading of an area then takes.
#[inline(always)]
pub fn usual_country(bytes: &[u8]) -> Option<Area> {
    // `Area::usual` takes only three upper-case letters, so the index is
    // in the table's range.
    let area = Area::usual(bytes)?;
    is_alpha3(letters_index(bytes)).then_some(area)
}

/// Whether the three letters of `index` (see [`letters_index`]) are an ISO
/// 3166-1 alpha-3 code.
#[inline(always)]
fn is_alpha3(index: usize) -> bool {
    ALPHA3[index / 64] >> (index % 64) & 1 == 1
}

/// Every ISO 3166-1 alpha-3 code, one bit each, by [`letters_index`].
static ALPHA3: [u64; ALPHA3_WORDS] = alpha3_bits();

const ALPHA3_WORDS: usize = (26 * 26 * 26_usize).div_ceil(64);

const fn alpha3_bits() -> [u64; ALPHA3_WORDS] {
    let mut bits = [0; ALPHA3_WORDS];
    let mut i = 0;
    while i < ALPHA2_TO_ALPHA3.len() {
        let code = ALPHA2_TO_ALPHA3[i].1.as_bytes();
        let index = ((code[0] - b'A') as usize * 26 + (code[1] - b'A') as usize) * 26
            + (code[2] - b'A') as usize;
        bits[index / 64] |= 1 << (index % 64);
        i += 1;
    }
    bits
}

/// Upper-case letters as a number in base 26, an index into [`Iso`] and [`ALPHA3`].
fn letters_index(code: &[u8]) -> usize {
    code.iter()
        .fold(0, |index, &letter| index * 26 + usize::from(letter - b'A'))
}

/// [`ALPHA2_TO_ALPHA3`] as a table indexed by the two-letter codes' letters.
struct Iso {
    /// The country of each two-letter code, if any.
    by_alpha2: Vec<Option<Area>>,
}

static ISO: LazyLock<Iso> = LazyLock::new(|| {
    let mut iso = Iso {
        by_alpha2: vec![None; 26 * 26],
    };
    for (alpha2, alpha3) in ALPHA2_TO_ALPHA3 {
        iso.by_alpha2[letters_index(alpha2.as_bytes())] = Some(Area::known(alpha3));
    }
    iso
});

/// ISO 3166-1 alpha-2 to alpha-3 for all 249 countries and territories,
/// in order of alpha-2 (generated from the iso-codes package's ISO 3166-1 list).
#[rustfmt::skip]
const ALPHA2_TO_ALPHA3: [(&str, &str); 249] = [
    ("AD", "AND"), ("AE", "ARE"), ("AF", "AFG"), ("AG", "ATG"), ("AI", "AIA"), ("AL", "ALB"),
    ("AM", "ARM"), ("AO", "AGO"), ("AQ", "ATA"), ("AR", "ARG"), ("AS", "ASM"), ("AT", "AUT"),
    ("AU", "AUS"), ("AW", "ABW"), ("AX", "ALA"), ("AZ", "AZE"), ("BA", "BIH"), ("BB", "BRB"),
    ("BD", "BGD"), ("BE", "BEL"), ("BF", "BFA"), ("BG", "BGR"), ("BH", "BHR"), ("BI", "BDI"),
    ("BJ", "BEN"), ("BL", "BLM"), ("BM", "BMU"), ("BN", "BRN"), ("BO", "BOL"), ("BQ", "BES"),
    ("BR", "BRA"), ("BS", "BHS"), ("BT", "BTN"), ("BV", "BVT"), ("BW", "BWA"), ("BY", "BLR"),
    ("BZ", "BLZ"), ("CA", "CAN"), ("CC", "CCK"), ("CD", "COD"), ("CF", "CAF"), ("CG", "COG"),
    ("CH", "CHE"), ("CI", "CIV"), ("CK", "COK"), ("CL", "CHL"), ("CM", "CMR"), ("CN", "CHN"),
    ("CO", "COL"), ("CR", "CRI"), ("CU", "CUB"), ("CV", "CPV"), ("CW", "CUW"), ("CX", "CXR"),
    ("CY", "CYP"), ("CZ", "CZE"), ("DE", "DEU"), ("DJ", "DJI"), ("DK", "DNK"), ("DM", "DMA"),
    ("DO", "DOM"), ("DZ", "DZA"), ("EC", "ECU"), ("EE", "EST"), ("EG", "EGY"), ("EH", "ESH"),
    ("ER", "ERI"), ("ES", "ESP"), ("ET", "ETH"), ("FI", "FIN"), ("FJ", "FJI"), ("FK", "FLK"),
    ("FM", "FSM"), ("FO", "FRO"), ("FR", "FRA"), ("GA", "GAB"), ("GB", "GBR"), ("GD", "GRD"),
    ("GE", "GEO"), ("GF", "GUF"), ("GG", "GGY"), ("GH", "GHA"), ("GI", "GIB"), ("GL", "GRL"),
    ("GM", "GMB"), ("GN", "GIN"), ("GP", "GLP"), ("GQ", "GNQ"), ("GR", "GRC"), ("GS", "SGS"),
    ("GT", "GTM"), ("GU", "GUM"), ("GW", "GNB"), ("GY", "GUY"), ("HK", "HKG"), ("HM", "HMD"),
    ("HN", "HND"), ("HR", "HRV"), ("HT", "HTI"), ("HU", "HUN"), ("ID", "IDN"), ("IE", "IRL"),
    ("IL", "ISR"), ("IM", "IMN"), ("IN", "IND"), ("IO", "IOT"), ("IQ", "IRQ"), ("IR", "IRN"),
    ("IS", "ISL"), ("IT", "ITA"), ("JE", "JEY"), ("JM", "JAM"), ("JO", "JOR"), ("JP", "JPN"),
    ("KE", "KEN"), ("KG", "KGZ"), ("KH", "KHM"), ("KI", "KIR"), ("KM", "COM"), ("KN", "KNA"),
    ("KP", "PRK"), ("KR", "KOR"), ("KW", "KWT"), ("KY", "CYM"), ("KZ", "KAZ"), ("LA", "LAO"),
    ("LB", "LBN"), ("LC", "LCA"), ("LI", "LIE"), ("LK", "LKA"), ("LR", "LBR"), ("LS", "LSO"),
    ("LT", "LTU"), ("LU", "LUX"), ("LV", "LVA"), ("LY", "LBY"), ("MA", "MAR"), ("MC", "MCO"),
    ("MD", "MDA"), ("ME", "MNE"), ("MF", "MAF"), ("MG", "MDG"), ("MH", "MHL"), ("MK", "MKD"),
    ("ML", "MLI"), ("MM", "MMR"), ("MN", "MNG"), ("MO", "MAC"), ("MP", "MNP"), ("MQ", "MTQ"),
    ("MR", "MRT"), ("MS", "MSR"), ("MT", "MLT"), ("MU", "MUS"), ("MV", "MDV"), ("MW", "MWI"),
    ("MX", "MEX"), ("MY", "MYS"), ("MZ", "MOZ"), ("NA", "NAM"), ("NC", "NCL"), ("NE", "NER"),
    ("NF", "NFK"), ("NG", "NGA"), ("NI", "NIC"), ("NL", "NLD"), ("NO", "NOR"), ("NP", "NPL"),
    ("NR", "NRU"), ("NU", "NIU"), ("NZ", "NZL"), ("OM", "OMN"), ("PA", "PAN"), ("PE", "PER"),
    ("PF", "PYF"), ("PG", "PNG"), ("PH", "PHL"), ("PK", "PAK"), ("PL", "POL"), ("PM", "SPM"),
    ("PN", "PCN"), ("PR", "PRI"), ("PS", "PSE"), ("PT", "PRT"), ("PW", "PLW"), ("PY", "PRY"),
    ("QA", "QAT"), ("RE", "REU"), ("RO", "ROU"), ("RS", "SRB"), ("RU", "RUS"), ("RW", "RWA"),
    ("SA", "SAU"), ("SB", "SLB"), ("SC", "SYC"), ("SD", "SDN"), ("SE", "SWE"), ("SG", "SGP"),
    ("SH", "SHN"), ("SI", "SVN"), ("SJ", "SJM"), ("SK", "SVK"), ("SL", "SLE"), ("SM", "SMR"),
    ("SN", "SEN"), ("SO", "SOM"), ("SR", "SUR"), ("SS", "SSD"), ("ST", "STP"), ("SV", "SLV"),
    ("SX", "SXM"), ("SY", "SYR"), ("SZ", "SWZ"), ("TC", "TCA"), ("TD", "TCD"), ("TF", "ATF"),
    ("TG", "TGO"), ("TH", "THA"), ("TJ", "TJK"), ("TK", "TKL"), ("TL", "TLS"), ("TM", "TKM"),
    ("TN", "TUN"), ("TO", "TON"), ("TR", "TUR"), ("TT", "TTO"), ("TV", "TUV"), ("TW", "TWN"),
    ("TZ", "TZA"), ("UA", "UKR"), ("UG", "UGA"), ("UM", "UMI"), ("US", "USA"), ("UY", "URY"),
    ("UZ", "UZB"), ("VA", "VAT"), ("VC", "VCT"), ("VE", "VEN"), ("VG", "VGB"), ("VI", "VIR"),
    ("VN", "VNM"), ("VU", "VUT"), ("WF", "WLF"), ("WS", "WSM"), ("YE", "YEM"), ("YT", "MYT"),
    ("ZA", "ZAF"), ("ZM", "ZMB"), ("ZW", "ZWE"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::WORLD;

    fn known(code: &str) -> Area {
        match resolve(code) {
            AreaCode::Known(area) => area,
            other => panic!("{code}: {other:?}"),
        }
    }

    #[test]
    fn the_table_holds_each_code_once_in_upper_case() {
        let count = |table: &[bool]| table.iter().filter(|&&found| found).count();
        let alpha2: Vec<bool> = ISO.by_alpha2.iter().map(Option::is_some).collect();
        assert_eq!(count(&alpha2), ALPHA2_TO_ALPHA3.len());
        let alpha3: u32 = ALPHA3.iter().map(|word| word.count_ones()).sum();
        assert_eq!(alpha3 as usize, ALPHA2_TO_ALPHA3.len());
    }

    #[test]
    fn usual_country_finds_exactly_the_iso_codes() {
        // Every three bytes around the upper-case letters.
        let bytes: Vec<u8> = (b'@'..=b'[').chain([b'a', b'z', b' ', 0, 0xc3]).collect();
        let mut countries = 0;
        for &a in &bytes {
            for &b in &bytes {
                for &c in &bytes {
                    let code = [a, b, c];
                    let full = ALPHA2_TO_ALPHA3
                        .iter()
                        .find(|(_, alpha3)| alpha3.as_bytes() == code)
                        .map(|(_, alpha3)| Area::known(alpha3));
                    assert_eq!(usual_country(&code), full, "{:?}", code.escape_ascii());
                    countries += usize::from(full.is_some());
                }
            }
        }
        assert_eq!(countries, ALPHA2_TO_ALPHA3.len());
        for other in [&b""[..], b"CH", b"CHNA", b" CHN"] {
            assert_eq!(usual_country(other), None);
        }
    }

    #[test]
    fn every_iso_country_has_a_name() {
        for (_, alpha3) in ALPHA2_TO_ALPHA3 {
            assert_ne!(Area::known(alpha3).name(), alpha3);
        }
    }

    #[test]
    fn no_alias_is_an_iso_code() {
        for (alias, _) in ALIASES {
            assert!(
                ALPHA2_TO_ALPHA3
                    .iter()
                    .all(|(alpha2, alpha3)| alpha2 != alias && alpha3 != alias),
                "{alias}"
            );
        }
    }

    #[test]
    fn resolves_iso_codes_of_both_lengths() {
        assert_eq!(known("ru").code(), "RUS");
        assert_eq!(known("CN").code(), "CHN");
        assert_eq!(known("KZ").code(), "KAZ");
        assert_eq!(known("kgz").code(), "KGZ");
        assert_eq!(known("ZW").code(), "ZWE");
    }

    #[test]
    fn resolves_publisher_spellings_of_world_and_eu() {
        for world in ["W00", "w0", "G001", "WORLD", "WLD"] {
            assert_eq!(known(world), WORLD, "{world}");
        }
        assert_eq!(known("EU27_2020").code(), "EU");
        assert_eq!(known("EL").code(), "GRC");
        assert_eq!(known("UK").code(), "GBR");
        assert_eq!(known("eaeu").code(), "EAEU");
    }

    #[test]
    fn resolves_comtrade_numeric_codes_with_its_exceptions() {
        let numeric = |code: &str| match resolve_numeric(code) {
            NumericArea::Known(area) => area.code().to_string(),
            other => format!("{other:?}"),
        };
        for (code, iso) in [
            ("156", "CHN"),
            ("643", "RUS"),
            ("842", "USA"),
            ("251", "FRA"),
            ("381", "ITA"),
            ("699", "IND"),
            ("757", "CHE"),
            ("579", "NOR"),
            ("0", "WLD"),
            ("398", "KAZ"),
        ] {
            assert_eq!(numeric(code), iso, "{code}");
        }
        assert_eq!(
            resolve_numeric("490"),
            NumericArea::NotCountry("Other Asia, nes")
        );
        assert_eq!(
            resolve_numeric("899"),
            NumericArea::NotCountry("Areas, nes")
        );
        assert_eq!(resolve_numeric("837"), NumericArea::NotCountry("Bunkers"));
        assert_eq!(resolve_numeric("1000"), NumericArea::Unknown);
        assert_eq!(resolve_numeric("CHN"), NumericArea::Unknown);
    }

    #[test]
    fn tells_aggregates_from_typos() {
        assert_eq!(resolve("S19"), AreaCode::Aggregate);
        assert_eq!(resolve("G110"), AreaCode::Aggregate);
        assert_eq!(resolve("EXT_EA20"), AreaCode::Aggregate);
        assert_eq!(resolve("XQ"), AreaCode::Unknown);
        assert_eq!(resolve("ABC"), AreaCode::Unknown);
        assert_eq!(resolve(""), AreaCode::Unknown);
    }
}
