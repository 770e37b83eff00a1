//! From a publisher's rows by commodity to total trade (UN Comtrade's,
//! Eurostat Comext's): a file's TOTAL rows, or the sum of its commodity rows
//! of one level where they hold every code of that level of the
//! classification (`assets/classification-codes.csv`). A sum of some
//! commodities is not total trade: such a group of rows is not used, and
//! listed once with the reason.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use crate::data::load::FileLoad;
use crate::data::load::error::LoadError;
use crate::data::model::{
    Area, Classification, Indicator, Measure, Observation, Period, ProductCode, ProductName,
    ProductRows, Quantities, QuantityUnits, Row, TextId, Texts, Unit, counted, thousands,
};

/// The rule of UN Comtrade files, whose classifications are checked here.
pub(super) const COMTRADE_RULE: &str =
    "only a TOTAL row, or every HS chapter or SITC Rev. 3 or 4 section or division, makes a total";

/// Every code of one level of a classification, with its source.
const CLASSIFICATION_CODES_CSV: &str = include_str!("../../../assets/classification-codes.csv");

/// The share of a level's codes a download of all of them may lack in the
/// whole file: Comtrade writes no row for a commodity nobody traded, so a
/// file of every division holds few of them less than all (the real ones of
/// China with five partners lack one or two of the 67 SITC divisions). A
/// file of chosen commodities lacks most. Set low, so that a file of all
/// but a few chosen commodities is never taken for total trade.
const MISSING_AT_MOST: f64 = 0.05;

/// The figure a row is about: the same key on two rows is the same figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Key {
    pub indicator: Indicator,
    pub reporter: Area,
    pub partner: Area,
    pub period: Period,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Commodity {
    Total,
    Detail {
        /// An index into the file's [`Classifications`].
        classification: usize,
        level: u8,
        code: Box<str>,
        /// The file's description of the code (Comtrade's `cmdDesc`), if any.
        name: TextId,
    },
}

/// A well-formed row about exports or imports, or the sum of rows that are
/// parts of one figure (Comext's statistical procedures).
pub(super) struct TradeRow {
    pub key: Key,
    pub value: f64,
    /// The line of its (first) row.
    pub line: u64,
    pub commodity: Commodity,
    /// How the value was made, when it is a sum of rows.
    pub note: TextId,
    /// The file's rows it stands for.
    pub rows: u64,
    /// A commodity row's quantity and its unit, where the file gives one.
    pub quantity: Option<(f64, TextId)>,
}

/// The classification codes a file's commodity rows name (H6, S4, …), each once.
#[derive(Default)]
pub(super) struct Classifications(Vec<String>);

impl Classifications {
    pub fn index(&mut self, code: &str) -> usize {
        self.0
            .iter()
            .position(|known| known.eq_ignore_ascii_case(code))
            .unwrap_or_else(|| {
                self.0.push(code.to_string());
                self.0.len() - 1
            })
    }
}

/// A classification as people name it, and the list its codes are checked
/// against: HS editions share their chapters, SITC Revisions 3 and 4 their
/// sections and divisions.
fn classification_of(code: &str) -> (String, &'static str) {
    let upper = code.to_ascii_uppercase();
    let list = match upper.as_str() {
        "HS" | "H0" | "H1" | "H2" | "H3" | "H4" | "H5" | "H6" => "HS",
        // Eurostat's Combined Nomenclature: HS codes and its 8-digit ones.
        "CN" => "CN",
        "S1" => "S1",
        "S2" => "S2",
        "S3" => "S3",
        "S4" => "S4",
        _ => "",
    };
    let name = match list {
        "HS" if upper != "HS" => format!("HS ({upper})"),
        "HS" | "CN" => upper,
        "" if upper.is_empty() => "commodity".to_string(),
        "" => upper,
        sitc => format!("SITC Rev. {}", &sitc[1..]),
    };
    (name, list)
}

/// What the codes of one level are called.
fn level_noun(list: &str, level: u8) -> String {
    let noun = match (list.as_bytes().first(), level) {
        (Some(b'H' | b'C'), 2) => "chapters",
        (Some(b'H' | b'C'), 4) => "headings",
        (Some(b'H' | b'C'), 6) => "subheadings",
        (Some(b'C'), 8) => "8-digit codes",
        (Some(b'S'), 1) => "sections",
        (Some(b'S'), 2) => "divisions",
        (Some(b'S'), 3) => "groups",
        (Some(b'S'), 4) => "subgroups",
        (Some(b'S'), 5) => "basic headings",
        _ => return format!("codes of aggregation level {level}"),
    };
    noun.to_string()
}

/// Every code of each (classification list, level).
static LEVEL_CODES: LazyLock<HashMap<(&'static str, u8), BTreeSet<&'static str>>> =
    LazyLock::new(|| {
        let mut codes: HashMap<(&'static str, u8), BTreeSet<&'static str>> = HashMap::new();
        for line in CLASSIFICATION_CODES_CSV
            .lines()
            .filter(|line| !line.starts_with('#'))
            .skip(1)
        {
            let mut fields = line.split(',');
            let (Some(list), Some(level), Some(code)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("classification-codes.csv: '{line}' is not classification,level,code");
            };
            let level = level.parse().expect("classification-codes.csv: a level");
            codes.entry((list, level)).or_default().insert(code);
        }
        codes
    });

/// Where observations go: the file's name, its commodity column, the source
/// text, the unit of its values, and which commodity rows make a total.
pub(super) struct Target<'a> {
    pub path: &'a str,
    pub commodity_column: &'static str,
    pub source: TextId,
    pub unit: Unit,
    /// Said of a group of commodity rows that is not total trade.
    pub rule: &'static str,
}

impl Target<'_> {
    fn observation(&self, key: Key, value: f64, line: u64, note: TextId) -> Observation {
        Observation {
            measure: Measure::level(key.indicator),
            reporter: key.reporter,
            partner: key.partner,
            period: key.period,
            value,
            unit: self.unit,
            currency: self.unit.currency(),
            source: self.source,
            note,
            row: Row::at_line(line),
        }
    }

    fn not_used(&self, line: u64, problem: impl Into<String>) -> LoadError {
        LoadError::at_field(self.path, line, self.commodity_column, problem)
    }
}

/// One classification and level of a file's commodity rows.
type Level = (usize, u8);

/// Keeps TOTAL rows; sums commodity rows into a total where a figure has no
/// TOTAL row and its rows hold every code of one level; leaves the rest
/// unused, with reasons.
pub(super) fn into_totals(
    target: &Target<'_>,
    rows: Vec<TradeRow>,
    classifications: &Classifications,
    texts: &mut Texts,
    load: &mut FileLoad,
) {
    keep_products(target, &rows, classifications, texts, load);
    // Only a file with commodity rows needs to know which figures have totals.
    let details = rows
        .iter()
        .filter(|row| row.commodity != Commodity::Total)
        .count();
    let has_details = details > 0;
    let made_before = load.observations.len();
    let with_total: HashSet<Key> = rows
        .iter()
        .filter(|row| has_details && row.commodity == Commodity::Total)
        .map(|row| row.key)
        .collect();
    let mut groups: BTreeMap<Key, Vec<&TradeRow>> = BTreeMap::new();
    // The codes found anywhere in the file, per classification and level.
    let mut in_file: HashMap<Level, HashSet<&str>> = HashMap::new();
    for row in &rows {
        match &row.commodity {
            Commodity::Total => load
                .observations
                .push(target.observation(row.key, row.value, row.line, row.note)),
            Commodity::Detail { .. } if with_total.contains(&row.key) => {
                load.unused.push_group(
                    target.not_used(row.line, "commodity detail; the file's TOTAL row is used"),
                    row.rows,
                );
            }
            Commodity::Detail {
                classification,
                level,
                code,
                ..
            } => {
                in_file
                    .entry((*classification, *level))
                    .or_default()
                    .insert(code);
                groups.entry(row.key).or_default().push(row);
            }
        }
    }
    // Per classification and level: (rows summed, totals made).
    let mut summed: BTreeMap<Level, (u64, usize)> = BTreeMap::new();
    for group in groups.into_values() {
        let mut levels: Vec<Level> = group.iter().filter_map(|row| level_of(row)).collect();
        levels.sort_unstable();
        levels.dedup();
        let [level] = levels[..] else {
            let listed: Vec<String> = levels.iter().map(|(_, level)| level.to_string()).collect();
            for row in &group {
                load.unused.push_group(
                    target.not_used(
                    row.line,
                    format!(
                        "commodity rows of aggregation levels {} and no TOTAL row for this flow, reporter, partner and period: summing them would count goods twice",
                        listed.join(", ")
                    ),
                ),
                    row.rows,
                );
            }
            continue;
        };
        let (name, list) = classification_of(&classifications.0[level.0]);
        let noun = level_noun(list, level.1);
        let codes: BTreeSet<&str> = group.iter().filter_map(|row| code_of(row)).collect();
        let Some(every) = LEVEL_CODES.get(&(list, level.1)) else {
            load.unused.push_group(
                target.not_used(
                    group[0].line,
                    format!(
                        "{name} {noun} {}: not total trade ({})",
                        listed(&codes),
                        target.rule
                    ),
                ),
                group.iter().map(|row| row.rows).sum(),
            );
            continue;
        };
        let present = every.iter().filter(|code| codes.contains(**code)).count();
        let file_lacks = every
            .iter()
            .filter(|code| !in_file[&level].contains(**code))
            .count();
        let lacks_few = (file_lacks as f64) <= MISSING_AT_MOST * every.len() as f64;
        if present < every.len() && !lacks_few {
            load.unused.push_group(
                target.not_used(
                    group[0].line,
                    format!(
                        "{present} of {} {name} {noun} ({}): not total trade",
                        every.len(),
                        listed(&codes)
                    ),
                ),
                group.iter().map(|row| row.rows).sum(),
            );
            continue;
        }
        let how = if present == every.len() {
            format!("sum of all {} {name} {noun}", every.len())
        } else {
            format!(
                "sum of {present} of the {} {name} {noun}, in a file of all of them (Comtrade writes no row for a commodity without trade)",
                every.len()
            )
        };
        let note = texts.intern(&how);
        let value = group.iter().map(|row| row.value).sum();
        load.observations
            .push(target.observation(group[0].key, value, group[0].line, note));
        let counts = summed.entry(level).or_default();
        counts.0 += group.iter().map(|row| row.rows).sum::<u64>();
        counts.1 += 1;
    }
    // Groups are listed where they start, among the file's other rows.
    load.unused.listed.sort_by_key(|error| error.line);
    for (level, (rows, totals)) in summed {
        let (name, list) = classification_of(&classifications.0[level.0]);
        let noun = level_noun(list, level.1);
        let every = &LEVEL_CODES[&(list, level.1)];
        let absent: Vec<&str> = every
            .iter()
            .filter(|code| !in_file[&level].contains(**code))
            .copied()
            .collect();
        let coverage = if absent.is_empty() {
            format!("the file holds all {} {noun}", every.len())
        } else {
            format!(
                "the file holds {} of the {} {noun} (none of {}): a download of all of them, in which Comtrade writes no row for a commodity without trade",
                every.len() - absent.len(),
                every.len(),
                absent.join(", ")
            )
        };
        load.remarks.push(format!(
            "summed {} ({name} {noun}) into {}: {coverage}",
            counted(rows, "commodity row"),
            counted(totals as u64, "total")
        ));
    }
    if has_details && load.observations.len() == made_before {
        let details = thousands(details as u64);
        load.remarks.push(format!(
            "no total-trade rows: the file's {details} rows of exports and imports are by commodity, and no total is made of them (each group is listed with its reason)"
        ));
    }
}

/// Keeps every commodity row as a product row, by figure and classification,
/// with the file's names of its codes: whether or not they make a total.
fn keep_products(
    target: &Target<'_>,
    rows: &[TradeRow],
    classifications: &Classifications,
    texts: &mut Texts,
    load: &mut FileLoad,
) {
    let kinds: Vec<Classification> = classifications
        .0
        .iter()
        .map(|code| {
            Classification::from_code(code).unwrap_or_else(|| {
                let named = if code.trim().is_empty() {
                    "commodity codes of no stated classification"
                } else {
                    code
                };
                Classification::Other(texts.intern(named))
            })
        })
        .collect();
    // Per figure and classification: the first row's line, and the products.
    type List = (u64, Vec<Product>);
    let mut lists: BTreeMap<(Key, usize), List> = BTreeMap::new();
    for row in rows {
        let Commodity::Detail {
            classification,
            code,
            name,
            ..
        } = &row.commodity
        else {
            continue;
        };
        let product = ProductCode::parse(code, texts);
        if *name != TextId::NONE {
            load.product_names.push(ProductName {
                classification: kinds[*classification],
                code: product,
                name: *name,
            });
        }
        let list = lists
            .entry((row.key, *classification))
            .or_insert((row.line, Vec::new()));
        list.1.push((product, row.value, row.quantity));
    }
    for ((key, classification), (line, mut products)) in lists {
        products.sort_by_key(|&(code, ..)| code);
        let quantities = quantities_of(&products);
        let (codes, values): (Vec<_>, Vec<_>) = products
            .into_iter()
            .map(|(code, value, _)| (code, value))
            .unzip();
        load.products.push(ProductRows {
            indicator: key.indicator,
            reporter: key.reporter,
            partner: key.partner,
            period: key.period,
            classification: kinds[classification],
            mirrored: false,
            row: Row::at_line(line),
            codes,
            values,
            unit: target.unit,
            quantities,
        });
    }
}

/// A product row: its code, value, and quantity with its unit.
type Product = (ProductCode, f64, Option<(f64, TextId)>);

/// A list's quantities, where any product has one: each amount (NaN for
/// none), in one unit or one per product.
fn quantities_of(products: &[Product]) -> Option<Quantities> {
    if products.iter().all(|(.., quantity)| quantity.is_none()) {
        return None;
    }
    let amounts = products
        .iter()
        .map(|(.., q)| q.map_or(f64::NAN, |(amount, _)| amount))
        .collect();
    let first = products
        .iter()
        .find_map(|(.., q)| q.map(|(_, unit)| unit))?;
    let units = if products
        .iter()
        .all(|(.., q)| q.is_none_or(|(_, unit)| unit == first))
    {
        QuantityUnits::One(first)
    } else {
        QuantityUnits::Each(
            products
                .iter()
                .map(|(.., q)| q.map_or(TextId::NONE, |(_, unit)| unit))
                .collect(),
        )
    };
    Some(Quantities { amounts, units })
}

/// Codes for a message: the first ten, and how many more.
fn listed(codes: &BTreeSet<&str>) -> String {
    let text: Vec<&str> = codes.iter().take(10).copied().collect();
    let more = codes.len().saturating_sub(10);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    text.join(", ") + &more
}

fn level_of(row: &TradeRow) -> Option<Level> {
    match row.commodity {
        Commodity::Detail {
            classification,
            level,
            ..
        } => Some((classification, level)),
        Commodity::Total => None,
    }
}

fn code_of(row: &TradeRow) -> Option<&str> {
    match &row.commodity {
        Commodity::Detail { code, .. } => Some(code),
        Commodity::Total => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_lists_hold_every_code_of_each_level() {
        assert_eq!(LEVEL_CODES[&("HS", 2)].len(), 96, "chapters 01-97 but 77");
        assert!(!LEVEL_CODES[&("HS", 2)].contains("77"));
        for revision in ["S3", "S4"] {
            assert_eq!(LEVEL_CODES[&(revision, 2)].len(), 67);
            assert_eq!(LEVEL_CODES[&(revision, 1)].len(), 10);
        }
    }

    #[test]
    fn classifications_have_readable_names() {
        assert_eq!(classification_of("H5"), ("HS (H5)".to_string(), "HS"));
        assert_eq!(classification_of("s4"), ("SITC Rev. 4".to_string(), "S4"));
        assert_eq!(classification_of("").1, "");
        assert_eq!(level_noun("S4", 2), "divisions");
        assert_eq!(level_noun("HS", 4), "headings");
        assert_eq!(level_noun("", 3), "codes of aggregation level 3");
    }
}
