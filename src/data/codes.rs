//! Area codes as other publishers write them, mapped to the native codes
//! (ISO 3166-1 alpha-3 or a group such as WLD and EU).

use std::borrow::Cow;
use std::sync::LazyLock;

use super::model::{Area, GROUPS};

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
    // The usual code, three upper-case letters of an ISO country, found as a
    // number: no alias is one (a test says so), so it needs no other check.
    if let &[a, b, c] = code.as_bytes()
        && ALPHA3_NUMBERS
            .binary_search(&alpha3_number([a, b, c]))
            .is_ok()
    {
        return AreaCode::Known(Area::known(code));
    }
    // Codes are usually upper-case already; only the others are copied.
    let code: Cow<str> = if code.bytes().any(|b| b.is_ascii_lowercase()) {
        code.to_ascii_uppercase().into()
    } else {
        code.into()
    };
    let code = code.as_ref();
    if let Some((_, native)) = ALIASES.iter().find(|(alias, _)| *alias == code) {
        return AreaCode::Known(Area::known(native));
    }
    let alpha3 = match code.len() {
        2 => ALPHA2_TO_ALPHA3
            .binary_search_by(|(alpha2, _)| (*alpha2).cmp(code))
            .ok()
            .map(|at| ALPHA2_TO_ALPHA3[at].1),
        3 => ALPHA2_TO_ALPHA3
            .iter()
            .map(|(_, alpha3)| *alpha3)
            .find(|alpha3| *alpha3 == code),
        _ => None,
    };
    if let Some(alpha3) = alpha3 {
        return AreaCode::Known(Area::known(alpha3));
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
    ("EL", "GRC"),
    ("UK", "GBR"),
    // Kosovo has a user-assigned code that statistics offices share.
    ("XK", "XKX"),
    ("XKX", "XKX"),
];

/// The alpha-3 codes of [`ALPHA2_TO_ALPHA3`] as numbers, sorted for binary
/// search (every row of a publisher's file names two areas).
static ALPHA3_NUMBERS: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut numbers: Vec<u32> = ALPHA2_TO_ALPHA3
        .iter()
        .map(|(_, alpha3)| match *alpha3.as_bytes() {
            [a, b, c] => alpha3_number([a, b, c]),
            _ => unreachable!("alpha-3 codes have three letters"),
        })
        .collect();
    numbers.sort_unstable();
    numbers
});

fn alpha3_number([a, b, c]: [u8; 3]) -> u32 {
    u32::from_be_bytes([0, a, b, c])
}

/// ISO 3166-1 alpha-2 to alpha-3 for all 249 countries and territories,
/// sorted by alpha-2 (generated from the iso-codes package's ISO 3166-1 list).
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
    fn the_table_is_sorted_for_binary_search() {
        assert!(ALPHA2_TO_ALPHA3.windows(2).all(|w| w[0].0 < w[1].0));
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
    fn tells_aggregates_from_typos() {
        assert_eq!(resolve("S19"), AreaCode::Aggregate);
        assert_eq!(resolve("G110"), AreaCode::Aggregate);
        assert_eq!(resolve("EXT_EA20"), AreaCode::Aggregate);
        assert_eq!(resolve("XQ"), AreaCode::Unknown);
        assert_eq!(resolve("ABC"), AreaCode::Unknown);
        assert_eq!(resolve(""), AreaCode::Unknown);
    }
}
