//! Eurostat Comext's "relational view", the CSV that Easy Comext's web
//! interface downloads: `REPORTER,PARTNER,PRODUCT,FLOW,STAT_PROCEDURE,
//! PERIOD,VALUE_IN_EUR`, one figure a row, in euros.
//!
//! Its cells are labels, or a code and its label (`2-EXPORT`, `TOTAL-Total`,
//! `T-Total`, `202252-Jan.-Dec. 2022`), in the language the user chose:
//! English or French ("EXPORTATION", "Total", "Jan.-Dec. 2016"). Areas are
//! names only: countries ("Russian Federation (Russia)", "Russie, Fédération
//! de", read with the names table and, for French, this loader's own table
//! of Eurostat's French labels) and groups ("European Union - 27 countries
//! (AT, …)"). A group reporter's row is the group's own figure (EU27 is read
//! as the native group EU): it is never added to or compared with its
//! members' rows, which are figures of their own. Only the product total and
//! the procedure total are total trade; nothing is summed. A product other
//! than the total (`2709-PETROLEUM OILS…`, a CN code and its label) is kept
//! as a product row of the Combined Nomenclature, named by its label, and
//! never summed into a total.

use std::collections::BTreeMap;

use super::FileLoad;
use super::error::{LoadError, RowList};
use super::meaning;
use super::table::{DataRow, Table};
use crate::data::model::{
    Area, AreaName, Classification, Currency, Indicator, Measure, NotCountry, Observation, Period,
    ProductCode, ProductName, ProductRows, Row, TextId, Texts, Unit, area_by_name,
};

/// The relational view's header, in Easy Comext's order.
const HEADER: [&str; 7] = [
    "REPORTER",
    "PARTNER",
    "PRODUCT",
    "FLOW",
    "STAT_PROCEDURE",
    "PERIOD",
    "VALUE_IN_EUR",
];

/// Whether a header is the relational view's: its seven columns, in any order.
pub(super) fn is_relational(names: &[String]) -> bool {
    HEADER
        .iter()
        .all(|wanted| names.iter().any(|name| name.eq_ignore_ascii_case(wanted)))
}

struct Columns {
    reporter: usize,
    partner: usize,
    product: usize,
    flow: usize,
    procedure: usize,
    period: usize,
    value: usize,
}

impl Columns {
    fn find(table: &Table<'_>) -> Result<Self, LoadError> {
        let [reporter, partner, product, flow, procedure, period, value] = HEADER;
        Ok(Self {
            reporter: table.require(&[reporter])?,
            partner: table.require(&[partner])?,
            product: table.require(&[product])?,
            flow: table.require(&[flow])?,
            procedure: table.require(&[procedure])?,
            period: table.require(&[period])?,
            value: table.require(&[value])?,
        })
    }
}

/// Reads a relational view download, opened at its header.
pub(crate) fn parse(
    table: Table<'_>,
    texts: &mut Texts,
    lenient: bool,
) -> Result<FileLoad, LoadError> {
    let columns = Columns::find(&table)?;
    let source = texts.intern(&format!(
        "Eurostat Comext, relational view ({})",
        table.path()
    ));
    let mut load = FileLoad::default();
    let mut unused = RowList::default();
    let mut observations = Vec::new();
    let mut products = Products::default();
    table.rows(lenient, &mut load, |row| {
        let mut not_used = |column: usize, reason: String| {
            unused.push(row.error(column, reason));
            Ok(())
        };
        let product = row.description(columns.product);
        let detail = !is_total(&product);
        let procedure = row.description(columns.procedure);
        if !is_total(&procedure) {
            return not_used(
                columns.procedure,
                format!("statistical procedure '{procedure}' is a part of the flow: only the procedures' total is read"),
            );
        }
        let flow_label = row.description(columns.flow);
        let Some(indicator) = flow(&flow_label) else {
            return not_used(
                columns.flow,
                format!("flow '{flow_label}' is neither imports nor exports"),
            );
        };
        let value_text = row.text(Some(columns.value))?;
        if ["", ":"].contains(&value_text) {
            return not_used(
                columns.value,
                "no value (a missing observation, not zero)".to_string(),
            );
        }
        let reporter = match area(&row.description(columns.reporter)) {
            Ok(area) => area,
            Err(reason) => return not_used(columns.reporter, reason),
        };
        let partner = match area(&row.description(columns.partner)) {
            Ok(area) => area,
            Err(reason) => return not_used(columns.partner, reason),
        };
        if let Err(problem) = meaning::pair(reporter, partner) {
            return not_used(columns.partner, problem);
        }
        let period = period(row, columns.period)?;
        let value = row.number(columns.value)?;
        meaning::value_fits(Measure::level(indicator), value, Unit::Eur)
            .map_err(|problem| row.error(columns.value, problem))?;
        if detail {
            products.add(
                (indicator, reporter, partner, period),
                &product,
                value,
                row.line,
            );
            return not_used(
                columns.product,
                format!("product '{product}' is commodity detail, not total trade: kept as a product row (only the product total is read as total trade)"),
            );
        }
        observations.push(Observation {
            value,
            reporter,
            partner,
            period,
            source,
            note: TextId::NONE,
            row: Row::at_line(row.line),
            measure: Measure::level(indicator),
            unit: Unit::Eur,
            currency: Currency::Eur,
        });
        Ok(())
    })?;
    load.unused = unused;
    load.observations = observations;
    products.finish(texts, &mut load);
    Ok(load)
}

/// A flow of a pair in a period.
type Flow = (Indicator, Area, Area, Period);

/// The product rows read, by flow: each product's cell as written, its
/// value in euros, and the line of the flow's first.
#[derive(Default)]
struct Products {
    flows: BTreeMap<Flow, (u64, Vec<(String, f64)>)>,
}

impl Products {
    fn add(&mut self, flow: Flow, cell: &str, value: f64, line: u64) {
        self.flows
            .entry(flow)
            .or_insert((line, Vec::new()))
            .1
            .push((cell.to_string(), value));
    }

    /// Each flow's products as a list of CN codes (a cell `2709-PETROLEUM
    /// OILS…`: its code, named by its label), or, where the download has
    /// labels only (its French form), a list of labels.
    fn finish(self, texts: &mut Texts, load: &mut FileLoad) {
        let labels = Classification::Other(texts.intern("Comext products by label"));
        for (flow, (line, cells)) in self.flows {
            let mut by_kind: BTreeMap<Classification, Vec<(ProductCode, f64)>> = BTreeMap::new();
            for (cell, value) in cells {
                let (code, label) = match code_and_label(&cell) {
                    (Some(code), label) if code.bytes().all(|b| b.is_ascii_digit()) => {
                        (code, label)
                    }
                    _ => (cell.as_str(), cell.as_str()),
                };
                let classification = if code.len() == cell.len() {
                    labels
                } else {
                    Classification::Cn
                };
                let code = ProductCode::parse(code, texts);
                load.product_names.push(ProductName {
                    classification,
                    code,
                    name: texts.intern(label),
                });
                by_kind
                    .entry(classification)
                    .or_default()
                    .push((code, value));
            }
            for (classification, rows) in by_kind {
                load.products.push(ProductRows::listed(
                    flow,
                    (classification, Unit::Eur),
                    line,
                    rows,
                ));
            }
        }
    }
}

/// The label of a cell written `CODE-Label` (`2-EXPORT`), or the cell when it
/// is a label only (`EXPORTATION`, `Jan.-Dec. 2016`): a code is a run of
/// letters, digits and `_` before the first `-`.
fn code_and_label(cell: &str) -> (Option<&str>, &str) {
    match cell.split_once('-') {
        Some((code, label))
            if !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
        {
            (Some(code), label.trim())
        }
        _ => (None, cell.trim()),
    }
}

/// Whether a product or procedure cell is the total: `TOTAL-Total`,
/// `T-Total`, or the French label only, `Total`.
fn is_total(cell: &str) -> bool {
    let (code, label) = code_and_label(cell);
    let total = |text: &str| text.eq_ignore_ascii_case("total");
    code.map_or(total(label), |code| {
        (total(code) || code == "T") && total(label)
    })
}

/// The flow of a cell: `1-IMPORT`, `2-EXPORT`, or the label alone, in
/// English or French.
fn flow(cell: &str) -> Option<Indicator> {
    let (code, label) = code_and_label(cell);
    let by_label = match label.to_lowercase().as_str() {
        "import" | "imports" | "importation" | "importations" => Some(Indicator::Imports),
        "export" | "exports" | "exportation" | "exportations" => Some(Indicator::Exports),
        _ => None,
    };
    let by_code = match code {
        Some("1") => Some(Indicator::Imports),
        Some("2") => Some(Indicator::Exports),
        Some(_) => None,
        None => by_label,
    };
    // A code and a label that disagree are neither.
    by_code.filter(|indicator| by_label.is_none_or(|label| label == *indicator))
}

/// English month labels as Easy Comext writes them (`Aug. 2024`); French
/// ones are not read (no French monthly download was seen).
const MONTHS: [&str; 12] = [
    "jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.", "sep.", "oct.", "nov.", "dec.",
];

/// The period of a cell: the code `202252` (a year) or `202408` (a month),
/// with or without its label, or the label alone: `Jan.-Dec. 2016` for a
/// year, `Aug. 2024` for a month.
fn period(row: &DataRow<'_>, column: usize) -> Result<Period, LoadError> {
    let cell = row.description(column);
    let (code, label) = code_and_label(&cell);
    let period = match code {
        Some(code) if code.len() == 6 && code.ends_with("52") => {
            meaning::compact_period(&code[..4])
        }
        Some(code) => meaning::compact_period(code),
        None => period_label(label),
    };
    period.ok_or_else(|| {
        row.error(
            column,
            format!("'{cell}' is not a period (expected a code such as 202252 for a year or 202408 for a month, or a label such as 'Jan.-Dec. 2022' or 'Aug. 2024')"),
        )
    })
}

fn period_label(label: &str) -> Option<Period> {
    let (span, year) = label.rsplit_once(' ')?;
    let year = year.trim();
    if year.len() != 4 {
        return None;
    }
    let span = span.trim().to_lowercase();
    if span == "jan.-dec." {
        return meaning::compact_period(year);
    }
    let month = MONTHS.iter().position(|month| *month == span)? + 1;
    meaning::compact_period(&format!("{year}{month:02}"))
}

/// The area a name stands for, or why its rows are not used.
fn area(name: &str) -> Result<Area, String> {
    // Eurostat writes the typographic apostrophe ("Côte d’Ivoire").
    let lower = name.trim().to_lowercase().replace('’', "'");
    // EU27 is the native group EU; Eurostat's other groups (the EU of its
    // changing composition, the euro area, extra- and intra-EU trade) have
    // no native code.
    if lower.starts_with("european union - 27 countries")
        || lower.starts_with("union européenne - 27 pays")
    {
        return Ok(Area::known("EU"));
    }
    let groups = [
        "european union (",
        "union européenne (",
        "euro area",
        "zone euro",
        "extra-eu",
        "intra-eu",
        "extra-ue",
        "intra-ue",
    ];
    if groups.iter().any(|group| lower.starts_with(group)) {
        return Err(format!(
            "'{name}' is a group of Eurostat's with no native code (only EU27 is read, as EU): {}",
            NotCountry::Aggregate.reason()
        ));
    }
    // Eurostat qualifies names in brackets: "Russian Federation (Russia)",
    // "Germany (incl. German Democratic Republic 'DD' from 1991)".
    let bare = match lower.find(" (") {
        Some(at) => &lower[..at],
        None => lower.as_str(),
    };
    for candidate in [lower.as_str(), bare] {
        match area_by_name(candidate) {
            Some(AreaName::Known(area)) => return Ok(area),
            Some(AreaName::NotCountry(kind)) => {
                return Err(format!("'{name}' is {}", kind.reason()));
            }
            None => {}
        }
        if let Some((_, code)) = FRENCH.iter().find(|(label, _)| *label == candidate) {
            return Ok(Area::known(code));
        }
    }
    Err(format!(
        "'{name}' is not an area name known here (the names table, assets/area-names.csv, and the French labels of Eurostat this loader holds): its rows are not read"
    ))
}

/// Eurostat's French labels of the areas (Easy Comext's partner list in
/// French, as its relational view writes them, lower-cased and without the
/// bracketed qualifier), for the EU and EAEU members, China and the main
/// Belt and Road partners: the names a French download needs for the
/// dashboard's views. Other French names are not read, and say so.
const FRENCH: &[(&str, &str)] = &[
    ("afrique du sud", "ZAF"),
    ("allemagne", "DEU"),
    ("arabie saoudite", "SAU"),
    ("arménie", "ARM"),
    ("autriche", "AUT"),
    ("azerbaïdjan", "AZE"),
    ("belgique", "BEL"),
    ("biélorussie", "BLR"),
    ("brésil", "BRA"),
    ("bulgarie", "BGR"),
    ("chine", "CHN"),
    ("chypre", "CYP"),
    ("corée, république de", "KOR"),
    ("croatie", "HRV"),
    ("danemark", "DNK"),
    ("egypte", "EGY"),
    ("emirats arabes unis", "ARE"),
    ("espagne", "ESP"),
    ("estonie", "EST"),
    ("etats-unis", "USA"),
    ("finlande", "FIN"),
    ("france", "FRA"),
    ("géorgie", "GEO"),
    ("grèce", "GRC"),
    ("hongrie", "HUN"),
    ("inde", "IND"),
    ("indonésie", "IDN"),
    ("iran, république islamique d'", "IRN"),
    ("irlande", "IRL"),
    ("italie", "ITA"),
    ("japon", "JPN"),
    ("kazakhstan", "KAZ"),
    ("kirghizistan", "KGZ"),
    ("lettonie", "LVA"),
    ("lituanie", "LTU"),
    ("luxembourg", "LUX"),
    ("malaisie", "MYS"),
    ("malte", "MLT"),
    ("moldavie, république de", "MDA"),
    ("mongolie", "MNG"),
    ("ouzbékistan", "UZB"),
    ("pakistan", "PAK"),
    ("pays-bas", "NLD"),
    ("pologne", "POL"),
    ("portugal", "PRT"),
    ("roumanie", "ROU"),
    ("royaume-uni", "GBR"),
    ("russie, fédération de", "RUS"),
    ("serbie", "SRB"),
    ("singapour", "SGP"),
    ("slovaquie", "SVK"),
    ("slovénie", "SVN"),
    ("suède", "SWE"),
    ("suisse", "CHE"),
    ("tadjikistan", "TJK"),
    ("tchéquie", "CZE"),
    ("thaïlande", "THA"),
    ("turkménistan", "TKM"),
    ("turquie", "TUR"),
    ("ukraine", "UKR"),
    ("viêt nam", "VNM"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_read_with_or_without_their_code() {
        assert!(is_total("TOTAL-Total"));
        assert!(is_total("T-Total"));
        assert!(is_total("Total"));
        assert!(!is_total("1-Normal"));
        assert!(!is_total("2709-Petroleum oils"));
        assert_eq!(flow("2-EXPORT"), Some(Indicator::Exports));
        assert_eq!(flow("1-IMPORT"), Some(Indicator::Imports));
        assert_eq!(flow("EXPORTATION"), Some(Indicator::Exports));
        assert_eq!(flow("1-EXPORT"), None);
        assert_eq!(flow("3-TRANSIT"), None);
    }

    #[test]
    fn periods_are_years_or_months() {
        assert_eq!(
            period_label("Jan.-Dec. 2016"),
            meaning::compact_period("2016")
        );
        assert_eq!(period_label("Aug. 2024"), meaning::compact_period("202408"));
        assert_eq!(period_label("Août 2024"), None);
    }

    #[test]
    fn areas_are_names_in_english_or_french_and_eu27_is_the_eu() {
        let eu = "European Union - 27 countries (AT, BE, BG, CY, CZ, DE, DK, EE, ES, FI, FR, GR, HR, HU, IE, IT, LT, LU, LV, MT, NL, PL, PT, RO, SE, SI, SK)";
        assert_eq!(area(eu), Ok(Area::known("EU")));
        assert_eq!(
            area("Union européenne - 27 pays (AT, …)"),
            Ok(Area::known("EU"))
        );
        assert_eq!(area("Russian Federation (Russia)"), Ok(Area::known("RUS")));
        assert_eq!(area("Russie, Fédération de"), Ok(Area::known("RUS")));
        assert_eq!(area("Biélorussie (Belarus)"), Ok(Area::known("BLR")));
        assert_eq!(
            area("Germany (incl. German Democratic Republic 'DD' from 1991)"),
            Ok(Area::known("DEU"))
        );
        assert!(area("Euro area - 20 countries (AT, …)").is_err());
        assert!(area("Niué").unwrap_err().contains("not an area name known"));
    }
}
