//! Synthetic test and benchmark data: a deterministic native-format file of any
//! size. Never real figures: every row's source says `synthetic (gen_synthetic,
//! seed N)`. Used by `examples/gen_synthetic.rs`, the benchmarks and the tests
//! of the parallel loader.

use std::io::{self, Write};

/// The hundred areas: China and Russia first (so the first pair is China–Russia),
/// then the other EAEU members and a spread of trading countries.
pub const AREAS: [&str; 100] = [
    "CHN", "RUS", "KAZ", "BLR", "ARM", "KGZ", "DEU", "ITA", "TUR", "KOR", "NLD", "USA", "POL",
    "JPN", "IND", "FRA", "GBR", "UZB", "TJK", "TKM", "AZE", "GEO", "MDA", "UKR", "MNG", "IRN",
    "PAK", "VNM", "ESP", "BEL", "AUT", "CHE", "SWE", "NOR", "FIN", "DNK", "CZE", "SVK", "HUN",
    "ROU", "BGR", "GRC", "SRB", "HRV", "SVN", "LTU", "LVA", "EST", "IRL", "PRT", "CAN", "MEX",
    "BRA", "ARG", "CHL", "PER", "COL", "ZAF", "EGY", "NGA", "KEN", "ETH", "MAR", "DZA", "TUN",
    "SAU", "ARE", "QAT", "KWT", "OMN", "ISR", "JOR", "IRQ", "SYR", "AFG", "BGD", "LKA", "NPL",
    "MMR", "THA", "MYS", "SGP", "IDN", "PHL", "KHM", "LAO", "PRK", "AUS", "NZL", "CUB", "VEN",
    "ECU", "BOL", "URY", "PRY", "GHA", "CIV", "AGO", "TZA", "SDN",
];

/// The EAEU's partners whose shares of the Union's trade are published.
const SHARE_PARTNERS: [&str; 8] = ["CHN", "DEU", "ITA", "TUR", "KOR", "NLD", "USA", "POL"];

/// Rows each pair adds per year: exports and imports, 12 months, January–June
/// and the year.
const ROWS_PER_PAIR_YEAR: u64 = 2 * 14;

/// About this many years of data whatever the size; more rows mean more pairs,
/// up to every ordered pair of the hundred areas.
const TARGET_YEARS: u64 = 25;
const LAST_YEAR: i64 = 2024;

/// splitmix64: small, fast and good enough for test data. The one generator
/// of the project's synthetic data and randomised tests, so that every run
/// draws the same numbers.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Below `bound` (not 0), near enough uniform for test data.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }

    /// Uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// How many pairs a file of `rows` rows has.
pub fn pair_count(rows: u64) -> usize {
    let all = AREAS.len() * (AREAS.len() - 1);
    let wanted = rows / (ROWS_PER_PAIR_YEAR * TARGET_YEARS);
    (wanted as usize).clamp(1, all)
}

/// Pair `i`: every area reports against its neighbours in the list, nearest
/// first; pair 0 is China–Russia.
fn pair(i: usize) -> (&'static str, &'static str) {
    let n = AREAS.len();
    let reporter = i % n;
    let partner = (reporter + 1 + i / n) % n;
    (AREAS[reporter], AREAS[partner])
}

/// Stops the generator once the requested rows are written.
enum Stop {
    Done,
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Self {
        Stop::Io(error)
    }
}

struct Rows<'w, W: Write> {
    out: &'w mut W,
    left: u64,
    source: String,
    /// Rows without the note column, the source unquoted.
    short: bool,
    rng: SplitMix64,
}

impl<W: Write> Rows<'_, W> {
    /// One row; `thousandths` is the value times 1000 (so sums are exact).
    fn row(
        &mut self,
        indicator: &str,
        reporter: &str,
        partner: &str,
        period: &str,
        thousandths: i64,
        unit: &str,
    ) -> Result<(), Stop> {
        if self.left == 0 {
            return Err(Stop::Done);
        }
        self.left -= 1;
        let sign = if thousandths < 0 { "-" } else { "" };
        let abs = thousandths.unsigned_abs();
        if self.short {
            writeln!(
                self.out,
                "{indicator},{reporter},{partner},{period},{sign}{}.{:03},{unit},{}",
                abs / 1000,
                abs % 1000,
                self.source
            )?;
            return Ok(());
        }
        // A few rows carry a note with a comma, so quoting is exercised.
        let note = if self.rng.next_u64().is_multiple_of(40) {
            "\"provisional, subject to revision\""
        } else {
            ""
        };
        writeln!(
            self.out,
            "{indicator},{reporter},{partner},{period},{sign}{}.{:03},{unit},\"{}\",{note}",
            abs / 1000,
            abs % 1000,
            self.source
        )?;
        Ok(())
    }
}

/// Writes a synthetic native file of exactly `rows` data rows (after the header).
pub fn write_csv<W: Write>(out: &mut W, rows: u64, seed: u64) -> io::Result<()> {
    let source = format!("synthetic (gen_synthetic, seed {seed})");
    write_native(out, rows, seed, (source, false), |writer| {
        generate(writer, rows, seed)
    })
}

/// Writes the rows of [`write_csv`] as short as the native format allows
/// (`indicator,reporter,partner,period,value,unit,source`, the source the one
/// word `synthetic`, ~50 bytes a row): the per-row cost of a load, as BACI's
/// short rows exercise it, rather than its per-byte cost.
pub fn write_short_csv<W: Write>(out: &mut W, rows: u64, seed: u64) -> io::Result<()> {
    write_native(out, rows, seed, ("synthetic".into(), true), |writer| {
        generate(writer, rows, seed)
    })
}

/// The native header, then at most `rows` rows from `generate`, each with
/// `source`; `short` leaves out the note column.
fn write_native<W: Write>(
    out: &mut W,
    rows: u64,
    seed: u64,
    (source, short): (String, bool),
    generate: impl FnOnce(&mut Rows<'_, W>) -> Result<(), Stop>,
) -> io::Result<()> {
    let header = "indicator,reporter,partner,period,value,unit,source";
    if short {
        writeln!(out, "{header}")?;
    } else {
        writeln!(out, "{header},note")?;
    }
    let mut writer = Rows {
        out,
        left: rows,
        source,
        short,
        rng: SplitMix64::new(seed),
    };
    match generate(&mut writer) {
        Ok(()) | Err(Stop::Done) => Ok(()),
        Err(Stop::Io(error)) => Err(error),
    }
}

/// The file in memory.
pub fn csv_bytes(rows: u64, seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows as usize * 80 + 64);
    write_csv(&mut out, rows, seed).expect("writing to memory cannot fail");
    out
}

/// Writes one pair, China–Russia, with `rows` distinct periods: the hostile
/// shape of a series far longer than any real one (the hardening issue's
/// million periods). Every month from 1800 to 2100 has exports and imports,
/// then cumulative intervals `YYYY-MM/YYYY-MM` of growing length follow, each
/// start in a scattered order, until `rows` rows are written.
pub fn write_one_pair_csv<W: Write>(out: &mut W, rows: u64, seed: u64) -> io::Result<()> {
    let source = format!("synthetic one pair (gen_synthetic, seed {seed})");
    write_native(out, rows, seed, (source, false), generate_one_pair)
}

/// Writes a BACI-shaped year (`t,i,j,k,v,q`, CEPII's layout) of `rows` rows:
/// every ordered pair of up to `exporters` countries (by their ISO numeric
/// codes) trading a spread of HS6 products, values in thousands of dollars,
/// quantities in tonnes or `NA`. The benchmark for the BACI loader.
pub fn write_baci_csv<W: Write>(
    out: &mut W,
    rows: u64,
    exporters: usize,
    seed: u64,
) -> io::Result<()> {
    use crate::data::load::codes::{NumericArea, is_country, resolve_numeric};
    writeln!(out, "t,i,j,k,v,q")?;
    // One code a country (250 and 251 both name France).
    let mut seen = Vec::new();
    let countries: Vec<u16> = (1..1000u16)
        .filter(|&code| match resolve_numeric(&code.to_string()) {
            NumericArea::Known(area) if is_country(area) && !seen.contains(&area) => {
                seen.push(area);
                true
            }
            _ => false,
        })
        .take(exporters)
        .collect();
    // HS6 codes as the nomenclature writes them: chapter, heading, subheading.
    let products: Vec<String> = (1..=97u32)
        .filter(|&chapter| chapter != 77)
        .flat_map(|chapter| (1..=20u32).map(move |heading| (chapter, heading)))
        .flat_map(|(chapter, heading)| {
            [10u32, 20, 30, 90].map(|sub| format!("{chapter:02}{heading:02}{sub:02}"))
        })
        .collect();
    let pairs = (countries.len() * (countries.len() - 1)).max(1) as u64;
    let per_pair = rows.div_ceil(pairs).max(1) as usize;
    let mut rng = SplitMix64::new(seed);
    let mut left = rows;
    'pairs: for &exporter in &countries {
        for &importer in &countries {
            if exporter == importer {
                continue;
            }
            // A run of products from a random start: each pair's rows in
            // product order, as BACI writes them.
            let start = rng.below(products.len() as u64) as usize;
            for product in products.iter().cycle().skip(start).take(per_pair) {
                if left == 0 {
                    break 'pairs;
                }
                left -= 1;
                let value = rng.below(50_000_000);
                write!(
                    out,
                    "2022,{exporter},{importer},{product},{}.{:03},",
                    value / 1000,
                    value % 1000
                )?;
                if rng.below(10) == 0 {
                    writeln!(out, "NA")?;
                } else {
                    let tonnes = rng.below(10_000_000);
                    writeln!(out, "{}.{:03}", tonnes / 1000, tonnes % 1000)?;
                }
            }
        }
    }
    Ok(())
}

/// Twenty more areas: with [`AREAS`], the 120 reporters of
/// [`write_countries_csv`].
const MORE_AREAS: [&str; 20] = [
    "LUX", "ISL", "MLT", "CYP", "ALB", "MKD", "BIH", "MNE", "LBN", "YEM", "BHR", "TWN", "HKG",
    "MAC", "BRN", "FJI", "PNG", "CMR", "SEN", "ZMB",
];
/// Partners of each reporter in [`write_countries_csv`].
const COUNTRY_PARTNERS: usize = 70;

/// Writes the shape of a large customs download: 120 reporters, each with
/// its 70 nearest in the list as partners, monthly exports and imports for
/// 2015–2024, and each reporter's annual trade with the world (WLD) as
/// 1.25 times the sum over its partners (so that "other partners" is a
/// fifth of it). 2,017,200 rows in all; fewer when `rows` says so.
pub fn write_countries_csv<W: Write>(out: &mut W, rows: u64, seed: u64) -> io::Result<()> {
    let source = format!("synthetic (gen_synthetic, seed {seed})");
    write_native(out, rows, seed, (source, false), generate_countries)
}

fn generate_countries<W: Write>(rows: &mut Rows<'_, W>) -> Result<(), Stop> {
    const YEARS: std::ops::RangeInclusive<i32> = 2015..=2024;
    let areas: Vec<&str> = AREAS.iter().chain(&MORE_AREAS).copied().collect();
    for (r, reporter) in areas.iter().enumerate() {
        // Thousandths of a million dollars traded with all partners, by year.
        let mut world = [0i64; 10];
        for k in 0..COUNTRY_PARTNERS {
            let partner = areas[(r + 1 + k) % areas.len()];
            // Nearer partners trade more; each flow drifts by up to ±1% a month.
            let base = 2_000_000.0 / (k as f64 + 1.0) * (0.5 + rows.rng.next_f64());
            let mut level = [base, base * (0.5 + rows.rng.next_f64())];
            let trend = [0, 1].map(|_| 1.0 + (rows.rng.next_f64() - 0.5) * 0.02);
            for (y, year) in YEARS.enumerate() {
                for month in 1..=12 {
                    let period = format!("{year}-{month:02}");
                    for (f, flow) in ["exports", "imports"].into_iter().enumerate() {
                        level[f] *= trend[f];
                        let noise = 1.0 + (rows.rng.next_f64() - 0.5) * 0.2;
                        let value = (level[f] * noise).round() as i64;
                        world[y] += value;
                        rows.row(flow, reporter, partner, &period, value, "USD_MN")?;
                    }
                }
            }
        }
        for (y, year) in YEARS.enumerate() {
            let total = world[y] + world[y] / 4;
            rows.row("trade", reporter, "WLD", &year.to_string(), total, "USD_MN")?;
        }
    }
    Ok(())
}

fn generate_one_pair<W: Write>(rows: &mut Rows<'_, W>) -> Result<(), Stop> {
    const FIRST_YEAR: i32 = 1800;
    const MONTHS: usize = 301 * 12;
    let month = |i: usize| format!("{}-{:02}", FIRST_YEAR + (i / 12) as i32, i % 12 + 1);
    let value = |rows: &mut Rows<'_, W>| 1_000 + rows.rng.below(1_000_000) as i64;
    for i in 0..MONTHS {
        for flow in ["exports", "imports"] {
            let thousandths = value(rows);
            rows.row(flow, "CHN", "RUS", &month(i), thousandths, "USD_MN")?;
        }
    }
    // Starts visited with a stride prime to their count (each once), so
    // that neighbouring rows are far apart in time and the sort has work to do.
    for length in 1..MONTHS {
        let starts = MONTHS - length;
        let stride = if starts.is_multiple_of(1_009) {
            1
        } else {
            1_009
        };
        for k in 0..starts {
            let start = k * stride % starts;
            let period = format!("{}/{}", month(start), month(start + length));
            let thousandths = value(rows);
            rows.row("trade", "CHN", "RUS", &period, thousandths, "USD_MN")?;
        }
    }
    Ok(())
}

fn generate<W: Write>(rows: &mut Rows<'_, W>, total: u64, seed: u64) -> Result<(), Stop> {
    let pairs = pair_count(total);
    // At least 15 rows of group figures a year, so the years cover `total`.
    let per_year = pairs as u64 * ROWS_PER_PAIR_YEAR + 15;
    let years = total.div_ceil(per_year).max(1) as i64;
    let first_year = LAST_YEAR - years + 1;
    // Monthly level of each series (exports, imports per pair), in thousandths
    // of a million dollars, and its trend per month.
    let mut rng = SplitMix64::new(seed ^ 0x5EED);
    let mut level: Vec<f64> = (0..pairs * 2)
        .map(|_| 1_000.0 + rng.next_f64().powi(3) * 5_000_000.0)
        .collect();
    let trend: Vec<f64> = (0..pairs * 2)
        .map(|_| 1.0 + (rng.next_f64() - 0.4) * 0.02)
        .collect();
    let mut half: Vec<i64> = vec![0; pairs * 2];
    let mut year_sum: Vec<i64> = vec![0; pairs * 2];
    let mut previous_trade: Option<i64> = None;
    let mut previous_odi: Option<i64> = None;
    let flows = ["exports", "imports"];
    for year in first_year..=LAST_YEAR {
        year_sum.iter_mut().for_each(|s| *s = 0);
        for month in 1..=12 {
            let period = format!("{year:04}-{month:02}");
            for p in 0..pairs {
                let (reporter, partner) = pair(p);
                for (f, flow) in flows.iter().enumerate() {
                    let s = p * 2 + f;
                    level[s] *= trend[s];
                    let noise = 1.0 + (rng.next_f64() - 0.5) * 0.2;
                    let value = (level[s] * noise).round() as i64;
                    year_sum[s] += value;
                    rows.row(flow, reporter, partner, &period, value, "USD_MN")?;
                }
            }
            if month == 6 {
                half.copy_from_slice(&year_sum);
                let period = format!("{year:04}-01/{year:04}-06");
                for p in 0..pairs {
                    let (reporter, partner) = pair(p);
                    for (f, flow) in flows.iter().enumerate() {
                        rows.row(flow, reporter, partner, &period, half[p * 2 + f], "USD_MN")?;
                    }
                }
            }
        }
        let period = format!("{year:04}");
        for p in 0..pairs {
            let (reporter, partner) = pair(p);
            for (f, flow) in flows.iter().enumerate() {
                rows.row(
                    flow,
                    reporter,
                    partner,
                    &period,
                    year_sum[p * 2 + f],
                    "USD_MN",
                )?;
            }
        }
        // China–Russia total trade with its published growth (consistent with
        // the levels, so no data-quality findings).
        let trade = year_sum[0] + year_sum[1];
        rows.row("trade", "CHN", "RUS", &period, trade, "USD_MN")?;
        if let Some(before) = previous_trade {
            let growth = ((trade as f64 / before as f64 - 1.0) * 100_000.0).round() as i64;
            rows.row("trade_yoy", "CHN", "RUS", &period, growth, "PCT")?;
        }
        previous_trade = Some(trade);
        // The EAEU: partner shares (adding up to well under 100%) and its trade.
        let mut left = 70_000i64;
        for partner in SHARE_PARTNERS {
            let share = (left as f64 * (0.2 + 0.3 * rng.next_f64())) as i64;
            left -= share;
            rows.row("trade_share", "EAEU", partner, &period, share, "PCT")?;
        }
        let eaeu_trade = 700_000_000 + (rng.next_f64() * 100_000_000.0) as i64;
        rows.row("trade", "EAEU", "WLD", &period, eaeu_trade, "USD_MN")?;
        rows.row("trade", "EAEU", "CHN", &period, eaeu_trade / 5, "USD_MN")?;
        // China and the Belt and Road: trade, China's total, the share, and
        // non-financial direct investment.
        let bri_trade = 2_000_000_000 + (rng.next_f64() * 500_000_000.0) as i64;
        let world_trade = bri_trade * 3 + (rng.next_f64() * 300_000_000.0) as i64;
        rows.row("trade", "CHN", "BRI", &period, bri_trade, "USD_MN")?;
        rows.row("trade", "CHN", "WLD", &period, world_trade, "USD_MN")?;
        let share = (bri_trade as f64 / world_trade as f64 * 100_000.0).round() as i64;
        rows.row("trade_share", "CHN", "BRI", &period, share, "PCT")?;
        let odi = 10_000_000 + (rng.next_f64() * 8_000_000.0) as i64;
        rows.row("odi_nonfin", "CHN", "BRI", &period, odi, "USD_MN")?;
        if let Some(before) = previous_odi {
            let growth = ((odi as f64 / before as f64 - 1.0) * 100_000.0).round() as i64;
            rows.row("odi_nonfin_yoy", "CHN", "BRI", &period, growth, "PCT")?;
        }
        previous_odi = Some(odi);
    }
    // Unreachable while the years cover `total`; kept so the row count is
    // exact whatever the sizing: repeats, counted as duplicates.
    loop {
        rows.row("exports", "CHN", "RUS", "2024", year_sum[0], "USD_MN")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_exactly_the_rows_asked_for_deterministically() {
        let a = csv_bytes(5_000, 7);
        assert_eq!(a, csv_bytes(5_000, 7));
        assert_ne!(a, csv_bytes(5_000, 8));
        assert_eq!(a.iter().filter(|&&b| b == b'\n').count(), 5_001);
        let text = String::from_utf8(a).unwrap();
        assert!(text.contains("exports,CHN,RUS,"));
        assert!(text.contains("\"synthetic (gen_synthetic, seed 7)\""));
    }

    #[test]
    fn short_rows_hold_the_same_figures_in_fewer_bytes() {
        let mut short = Vec::new();
        write_short_csv(&mut short, 5_000, 7).unwrap();
        let full = csv_bytes(5_000, 7);
        let text = String::from_utf8(short.clone()).unwrap();
        assert!(text.starts_with("indicator,reporter,partner,period,value,unit,source\n"));
        assert!(
            text.lines()
                .skip(1)
                .all(|line| line.ends_with(",synthetic"))
        );
        assert!(short.len() < 5_001 * 52, "{} bytes", short.len());
        let load = |name: &str, bytes: &[u8]| {
            let mut builder = crate::data::DatasetBuilder::new();
            builder.add_native(name, bytes, false).unwrap();
            builder.build()
        };
        let (short, full) = (load("short.csv", &short), load("full.csv", &full));
        assert_eq!(short.stats().rows_read, 5_000);
        let figures = |data: &crate::data::Dataset| -> Vec<String> {
            data.observations()
                .iter()
                .map(|o| {
                    let value = o.value;
                    format!(
                        "{} {}-{} {} {value}",
                        o.measure, o.reporter, o.partner, o.period
                    )
                })
                .collect()
        };
        assert_eq!(figures(&short), figures(&full));
    }

    #[test]
    fn the_generated_file_loads_with_something_for_every_tab() {
        let bytes = csv_bytes(50_000, 1);
        let mut builder = crate::data::DatasetBuilder::new();
        builder.add_native("synthetic.csv", &bytes, false).unwrap();
        let data = builder.build();
        assert_eq!(data.stats().rows_read, 50_000);
        assert_eq!(data.stats().duplicates, 0);
        let mismatches = data
            .warnings()
            .iter()
            .filter(|w| w.kind == crate::data::WarningKind::GrowthMismatch)
            .count();
        assert_eq!(mismatches, 0, "{:?}", data.warnings().first());
        let view = crate::view::eaeu::EaeuView::new(
            &data,
            crate::view::eaeu::share_periods(&data).last().copied(),
        );
        assert_eq!(view.shares.len(), SHARE_PARTNERS.len());
        let overview = crate::view::overview::OverviewView::new(
            &data,
            crate::view::bilateral::pairs(&data).first().copied(),
            crate::data::model::Naming::Names,
        );
        assert!(overview.cards.iter().all(|card| card.latest.is_some()));
    }
}
