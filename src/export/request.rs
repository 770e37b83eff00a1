//! What `--print` and `e` ask for ([`Request`]), and writing it: to the
//! standard output or to a new file that overwrites nothing.

use std::io::{self, Write};

use super::{After, bilateral, bri, eaeu, overview, partners};
use crate::data::model::{Area, Naming};
use crate::data::{Currency, Dataset};
use crate::view::bilateral::BilateralView;
use crate::view::bri::{BriView, Topic};
use crate::view::eaeu::EaeuView;
use crate::view::overview::OverviewView;
use crate::view::partners::PartnersView;
use crate::view::sort::Sort;

/// Which table `--print` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Overview,
    Bilateral,
    Eaeu,
    Bri,
    Partners,
}

/// What `--print` was asked for; `None` takes the dashboard's default.
#[derive(Clone, Copy, Debug)]
pub struct Request {
    pub table: Table,
    pub pair: Option<(crate::data::Area, crate::data::Area)>,
    /// A pair whose total `--print bilateral` writes beside the pair's.
    pub compare: Option<(crate::data::Area, crate::data::Area)>,
    /// The reporter whose partners `--print partners` writes.
    pub reporter: Option<crate::data::Area>,
    pub period: Option<crate::data::Period>,
    pub kind: Option<crate::data::SpanKind>,
    pub currency: Option<Currency>,
    /// The table's rows in this order, as sorted on screen for `e`; the
    /// default order (latest period, or largest value, first) when `None`.
    pub sort: Option<Sort>,
}

impl Request {
    /// The command that writes the same table from the same files:
    /// `eurasia-dash --data FILE --print bilateral --pair CHN-RUS --span
    /// monthly --currency usd` (no `--data` for the embedded data).
    pub fn command(&self, data: &Dataset) -> String {
        let mut words = vec!["eurasia-dash".to_string()];
        for file in data.files() {
            if !file.path.starts_with(crate::data::build::EMBEDDED_NAME) {
                words.extend(["--data".into(), quoted(&file.path)]);
            }
        }
        let table = match self.table {
            Table::Overview => "overview",
            Table::Bilateral => "bilateral",
            Table::Eaeu => "eaeu",
            Table::Bri => "bri",
            Table::Partners => "partners",
        };
        words.extend(["--print".into(), table.into()]);
        let mut flag = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                words.extend([format!("--{name}"), quoted(&value)]);
            }
        };
        let pair = |(reporter, partner): (Area, Area)| format!("{reporter}-{partner}");
        flag("pair", self.pair.map(pair));
        flag("compare", self.compare.map(pair));
        flag("reporter", self.reporter.map(|r| r.to_string()));
        flag("period", self.period.map(|p| p.to_string()));
        let span = |kind| match kind {
            crate::data::SpanKind::Annual => "annual",
            crate::data::SpanKind::Quarterly => "quarterly",
            crate::data::SpanKind::Monthly => "monthly",
            crate::data::SpanKind::Cumulative => "ytd",
            crate::data::SpanKind::Rolling12 => "rolling",
        };
        // A period names its span kind itself.
        let kind = self
            .kind
            .filter(|&kind| self.period.is_none_or(|p| p.kind() != kind));
        flag("span", kind.map(|kind| span(kind).to_string()));
        flag("currency", self.currency.map(|c| c.code().to_lowercase()));
        words.join(" ")
    }
}

/// A word for the shell: as it is when plain, else in single quotes.
fn quoted(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:=,+".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return word.to_string();
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// Writes the table `request` asks for into a new file in `dir` named
/// `stem.csv` (`stem-2.csv`, … when that exists: nothing is overwritten),
/// and says where.
pub fn write_new_file(
    data: &Dataset,
    request: Request,
    dir: &std::path::Path,
    stem: &str,
) -> Result<std::path::PathBuf, String> {
    new_file(dir, stem, |file| {
        print(data, request, io::BufWriter::new(file))
    })
}

/// Writes `bytes` (a table a tab wrote itself) to a new file in `dir` named
/// after `stem`, as [`write_new_file`] does.
pub fn write_new_bytes(
    bytes: &[u8],
    dir: &std::path::Path,
    stem: &str,
) -> Result<std::path::PathBuf, String> {
    new_file(dir, stem, |mut file| {
        file.write_all(bytes)
            .map_err(|e| format!("cannot write the file: {e}"))
    })
}

/// A new file `stem.csv` in `dir` (`stem-2.csv` … when taken) written by
/// `write`; removed when it fails.
fn new_file(
    dir: &std::path::Path,
    stem: &str,
    write: impl FnOnce(std::fs::File) -> Result<(), String>,
) -> Result<std::path::PathBuf, String> {
    for n in 1.. {
        let name = if n == 1 {
            format!("{stem}.csv")
        } else {
            format!("{stem}-{n}.csv")
        };
        let path = dir.join(name);
        let file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(format!("cannot write {}: {error}", path.display())),
        };
        if let Err(problem) = write(file) {
            let _ = std::fs::remove_file(&path);
            return Err(problem);
        }
        return Ok(path);
    }
    unreachable!("some name is free")
}

/// Periods for a message: in order, each once.
fn listed(mut periods: Vec<crate::data::Period>) -> String {
    periods.sort();
    periods.dedup();
    let periods: Vec<String> = periods.iter().map(ToString::to_string).collect();
    periods.join(", ")
}

/// How many codes a message lists before "and N more".
const SHOWN_CODES: usize = 12;

/// What a message says of the pairs when `wanted` has no figures: that the
/// data has none, the pair the other way round, or a few of those with the
/// same reporter or partner, never hundreds of codes on one line.
fn nearest_pairs(pairs: &[(Area, Area)], wanted: (Area, Area)) -> String {
    let (reporter, partner) = wanted;
    if pairs.is_empty() {
        return "the data has no trade figures: no figure of its files is used (--check says why, row by row)".to_string();
    }
    if pairs.contains(&(partner, reporter)) {
        return format!(
            "{partner}-{reporter} has figures ({partner}'s report of its trade with {reporter})"
        );
    }
    let near: Vec<String> = pairs
        .iter()
        .filter(|(r, p)| *r == reporter || *p == partner || *r == partner || *p == reporter)
        .map(|(r, p)| format!("{r}-{p}"))
        .collect();
    let (listed, from) = if near.is_empty() {
        let all: Vec<String> = pairs.iter().map(|(r, p)| format!("{r}-{p}")).collect();
        (all, "pairs in the data")
    } else {
        (near, "pairs with either area")
    };
    let shown = listed[..listed.len().min(SHOWN_CODES)].join(", ");
    match listed.len().saturating_sub(SHOWN_CODES) {
        0 => format!("{from}: {shown}"),
        more => format!("{from}: {shown} and {more} more (--check lists every pair)"),
    }
}

/// Writes the requested table; an impossible selection is an error message.
pub fn print(data: &Dataset, request: Request, out: impl Write) -> Result<(), String> {
    use crate::view::{bilateral, bri as bri_view, eaeu as eaeu_view};
    let io = |e: io::Error| format!("cannot write the output: {e}");
    // A period implies its span kind, and narrows the table to that period.
    let kind = request.kind.or(request.period.map(|p| p.kind()));
    // By the months covered, so that `--period 2020-01/2020-12 --span rolling`
    // names the rolling span though the text alone reads as year to date.
    let keep =
        |period: crate::data::Period| request.period.is_none_or(|p| p.months() == period.months());
    match request.table {
        Table::Overview => {
            let pair = bilateral::pairs(data).first().copied();
            overview(&OverviewView::new(data, pair, Naming::Names), out).map_err(io)
        }
        Table::Bilateral => {
            let pairs = bilateral::pairs(data);
            let pair = match request.pair {
                Some(pair) if pairs.contains(&pair) => pair,
                Some((r, p)) => {
                    return Err(format!(
                        "no trade figures for {r}-{p}; {}",
                        nearest_pairs(&pairs, (r, p))
                    ));
                }
                None => *pairs.first().ok_or("the data has no trade figures")?,
            };
            if let Some((r, p)) = request.compare.filter(|compared| !pairs.contains(compared)) {
                return Err(format!("no trade figures for {r}-{p} to compare"));
            }
            let mut selection = BilateralView::default_selection(data, pair);
            selection.compare = request.compare;
            selection.kind = kind.unwrap_or(selection.kind);
            selection.currency = request.currency.unwrap_or(selection.currency);
            let mut view = BilateralView::new(data, selection);
            if let Some(sort) = request.sort {
                view.sort_by(data, sort, 0);
            }
            // A period asked for must have figures; a gap does not.
            let figures = |p: &crate::data::Period| !view.compute_row(data, *p).has_no_figure();
            if let Some(period) = request.period
                && !view.table.periods.iter().any(|&p| keep(p) && figures(&p))
            {
                let periods = view.table.periods.iter().copied().filter(figures).collect();
                return Err(format!(
                    "no figures for {}-{} in {period}; periods with figures: {}",
                    pair.0,
                    pair.1,
                    listed(periods)
                ));
            }
            // A gap's row is written as the screen shows it: the period,
            // its cells empty.
            let periods = view.table.periods.iter().copied().filter(|&p| keep(p));
            bilateral(data, &view, periods, out).map_err(io)
        }
        Table::Eaeu => {
            let periods = eaeu_view::share_periods(data);
            let period = match request.period {
                Some(p) if periods.contains(&p) => Some(p),
                Some(p) if periods.is_empty() => {
                    return Err(format!(
                        "no EAEU partner shares for {p}: the data has none for any period \
                         (shares are published as trade_share with reporter EAEU, or computed \
                         from every member's trade by partner and with WLD)"
                    ));
                }
                Some(p) => {
                    let known: Vec<String> = periods.iter().map(ToString::to_string).collect();
                    return Err(format!(
                        "no EAEU partner shares for {p}; periods with shares: {}",
                        known.join(", ")
                    ));
                }
                None if periods.is_empty() => {
                    return Err(
                        "no EAEU partner shares: the data has none for any period (shares are \
                         published as trade_share with reporter EAEU, or computed from every \
                         member's trade by partner and with WLD)"
                            .to_string(),
                    );
                }
                None => periods.last().copied(),
            };
            eaeu(&EaeuView::new(data, period), out).map_err(io)
        }
        Table::Partners => {
            let reporters = crate::view::partners::reporters(data);
            let codes = || {
                if reporters.is_empty() {
                    return "none: no reporter in the data has trade figures with two partners or more"
                        .to_string();
                }
                let codes: Vec<String> = reporters
                    .iter()
                    .take(SHOWN_CODES)
                    .map(ToString::to_string)
                    .collect();
                match reporters.len().saturating_sub(SHOWN_CODES) {
                    0 => codes.join(", "),
                    more => format!("{} and {more} more", codes.join(", ")),
                }
            };
            let reporter = match request.reporter {
                Some(reporter) if reporters.contains(&reporter) => reporter,
                Some(reporter) => {
                    return Err(format!(
                        "no trade of {reporter} with two partners or more; reporters in the data: {}",
                        codes()
                    ));
                }
                None => {
                    return Err(format!(
                        "--print partners needs --reporter CODE; reporters in the data: {}",
                        codes()
                    ));
                }
            };
            let mut view = PartnersView::new(data, reporter);
            if let Some(period) = request.period {
                let Some(index) = view.periods.iter().position(|&p| p == period) else {
                    return Err(format!(
                        "no trade of {reporter} in {period}; periods with trade: {}",
                        listed(view.periods.clone())
                    ));
                };
                view.select_period(data, index);
            }
            if let Some(sort) = request.sort {
                view.sort_by(sort, 0);
            }
            let after = After {
                not_ranked: true,
                rest: true,
            };
            partners(data, &view, view.rows.iter(), after, out).map_err(io)
        }
        Table::Bri => {
            let kind = kind
                .or(bri_view::kinds(data).first().copied())
                .unwrap_or(crate::data::SpanKind::Annual);
            if let Some(period) = request.period {
                let periods: Vec<crate::data::Period> = [Topic::Trade, Topic::Investment]
                    .into_iter()
                    .flat_map(|topic| BriView::new(data, kind, topic).table.periods)
                    .collect();
                if !periods.iter().any(|&p| keep(p)) {
                    return Err(format!(
                        "no Belt and Road figures in {period}; periods with figures: {}",
                        listed(periods)
                    ));
                }
            }
            let both = [Topic::Trade, Topic::Investment];
            bri(data, (kind, &both), (request.period, request.sort), out).map_err(io)
        }
    }
}
