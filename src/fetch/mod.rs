//! Fetching trade figures from the publishers' public APIs (UN Comtrade, the
//! IMF, Eurostat Comext, World Bank WITS) into files the loaders read.
//!
//! A [`Query`] (reporters, partners, years) is split into calls that each fit
//! the API's limits ([`split`]); each call's response is checked to be data
//! ([`response`]), written in the source's own download layout (Comtrade Plus
//! CSV, SDMX-CSV, the WITS time series) into the cache with a manifest
//! ([`cache`]), atomically, so an interrupted fetch leaves only whole files
//! and a second run makes only the calls still missing. Nothing here knows
//! the terminal beyond the progress line on standard error.

pub mod cli;

mod cache;
mod comtrade;
mod eurostat;
mod http;
mod imf;
mod progress;
mod response;
mod split;
mod wits;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::data::derive::aggregate::eaeu_members;
use crate::data::model::{Area, EAEU, Period, WORLD};

pub use cache::default_dir as default_cache_dir;

/// The APIs figures are fetched from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Comtrade,
    Imf,
    Eurostat,
    Wits,
}

impl Source {
    pub const ALL: [Source; 4] = [
        Source::Comtrade,
        Source::Imf,
        Source::Eurostat,
        Source::Wits,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Source::Comtrade => "comtrade",
            Source::Imf => "imf",
            Source::Eurostat => "eurostat",
            Source::Wits => "wits",
        }
    }

    /// The environment variable that replaces the base URL.
    pub fn url_variable(self) -> &'static str {
        match self {
            Source::Comtrade => "EURASIA_DASH_COMTRADE_URL",
            Source::Imf => "EURASIA_DASH_IMF_URL",
            Source::Eurostat => "EURASIA_DASH_EUROSTAT_URL",
            Source::Wits => "EURASIA_DASH_WITS_URL",
        }
    }

    /// The public server; each source module adds its API's path.
    pub fn default_base(self) -> &'static str {
        match self {
            Source::Comtrade => "https://comtradeapi.un.org",
            Source::Imf => "https://api.imf.org",
            Source::Eurostat => "https://ec.europa.eu",
            Source::Wits => "https://wits.worldbank.org",
        }
    }

    /// The pause between two calls: Comtrade's public preview allows about
    /// one call a second; the others publish no rate, and are asked gently.
    fn pause(self) -> Duration {
        match self {
            Source::Comtrade => Duration::from_millis(1100),
            _ => Duration::from_millis(500),
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        Source::ALL
            .into_iter()
            .find(|source| source.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                format!("unknown source '{text}' (expected comtrade, imf, eurostat or wits)")
            })
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which commodities a Comtrade or Comext query asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Products {
    /// All commodities together: the total.
    Total,
    /// Every HS chapter (two digits): Comtrade's `AG2`.
    Chapters,
    /// These HS codes.
    Codes(Vec<String>),
}

impl Products {
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_uppercase().as_str() {
            "TOTAL" => Ok(Products::Total),
            "AG2" => Ok(Products::Chapters),
            codes => {
                let codes: Vec<String> = codes.split(',').map(|c| c.trim().to_string()).collect();
                if codes
                    .iter()
                    .all(|c| (2..=6).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()))
                {
                    Ok(Products::Codes(codes))
                } else {
                    Err(format!(
                        "'{text}' is not TOTAL, AG2 or a list of HS codes of 2 to 6 digits such as 2709,8703"
                    ))
                }
            }
        }
    }

    /// The codes as a query parameter, and how many records each flow,
    /// pair and period may give (for the split; AG2 is HS's 97 chapters).
    fn code_and_count(&self) -> (String, usize) {
        match self {
            Products::Total => ("TOTAL".to_string(), 1),
            Products::Chapters => ("AG2".to_string(), 97),
            Products::Codes(codes) => (codes.join(","), codes.len()),
        }
    }
}

/// What a user asks for, in the shared vocabulary: areas by ISO alpha-3
/// code (groups expanded to their members), years, annual or monthly.
#[derive(Clone, Debug)]
pub struct Query {
    pub source: Source,
    pub reporters: Vec<Area>,
    pub partners: Vec<Area>,
    pub first_year: i32,
    pub last_year: i32,
    pub monthly: bool,
    pub products: Products,
}

impl Query {
    /// Areas from a comma-separated list: `EAEU` becomes its members (as of
    /// the query's last year), `WLD` stays the world.
    pub fn areas(list: &str, last_year: i32) -> Result<Vec<Area>, String> {
        let mut areas = Vec::new();
        for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            let area = Area::parse(code).ok_or_else(|| {
                format!("'{code}' is not an area code (ISO alpha-3 such as KAZ, or EAEU, WLD)")
            })?;
            if area == EAEU {
                areas.extend(eaeu_members(Period::annual(last_year)));
            } else if area.is_group() && area != WORLD {
                return Err(format!(
                    "'{code}' is a group the APIs do not know: name its members (EAEU and WLD are expanded)"
                ));
            } else {
                areas.push(area);
            }
        }
        if areas.is_empty() {
            return Err("no area given".to_string());
        }
        let mut seen = Vec::new();
        areas.retain(|area| {
            let first = !seen.contains(area);
            seen.push(*area);
            first
        });
        Ok(areas)
    }

    /// Years from `2015-2024` or `2022`.
    pub fn years(text: &str) -> Result<(i32, i32), String> {
        let bad = || format!("'{text}' is not a year or a span of years such as 2015-2024");
        let year = |t: &str| {
            t.trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (1960..=2100).contains(y))
        };
        let (first, last) = match text.split_once('-') {
            Some((a, b)) => (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?),
            None => {
                let y = year(text).ok_or_else(bad)?;
                (y, y)
            }
        };
        if first > last {
            return Err(format!("'{text}': the first year is after the last"));
        }
        Ok((first, last))
    }

    /// The periods asked for, as the APIs write them: `2015` or `201501`.
    fn periods(&self) -> Vec<String> {
        (self.first_year..=self.last_year)
            .flat_map(|year| {
                let months: Vec<String> = if self.monthly {
                    (1..=12).map(|m| format!("{year}{m:02}")).collect()
                } else {
                    vec![year.to_string()]
                };
                months
            })
            .collect()
    }
}

/// One API call: its URL and where its file goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The file's name in the source's cache folder, without extension.
    pub file: String,
    pub url: String,
    /// What it asks for, in words (messages and the manifest).
    pub what: String,
}

/// How a fetch is made.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The server, without the API's path (`--endpoint`, the source's
    /// environment variable, else [`Source::default_base`]).
    pub base: String,
    pub cache: PathBuf,
    pub offline: bool,
    /// Comtrade's subscription key (COMTRADE_API_KEY): the keyed API.
    pub comtrade_key: Option<String>,
    pub timeout: Duration,
    /// The pause between calls; `None` is the source's own.
    pub pause: Option<Duration>,
    /// Whether the progress line may rewrite itself (standard error is a terminal).
    pub terminal: bool,
}

/// Why a fetch stopped. Each names the call or URL it is about.
#[derive(Debug)]
pub enum FetchError {
    /// The query or the settings make no sense.
    Usage(String),
    /// No answer: refused, no such host, timed out.
    Unreachable { url: String, reason: String },
    /// The server answered with an HTTP error.
    Status {
        what: String,
        url: String,
        status: u16,
        said: String,
    },
    /// The server answered something that is not whole data.
    NotData {
        what: String,
        url: String,
        reason: String,
    },
    /// `--offline` and calls not in the cache.
    NotCached { missing: Vec<Call>, cache: PathBuf },
    /// The cache could not be written or read.
    Cache { path: PathBuf, reason: String },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Usage(message) => f.write_str(message),
            FetchError::Unreachable { url, reason } => write!(
                f,
                "cannot reach {url}: {reason} (offline? --offline uses only the cache)"
            ),
            FetchError::Status {
                what,
                url,
                status,
                said,
            } => write!(
                f,
                "the call for {what} failed: HTTP {status} from {url}: {said}"
            ),
            FetchError::NotData { what, url, reason } => write!(
                f,
                "the call for {what} returned no usable data, nothing was written: {reason} ({url})"
            ),
            FetchError::NotCached { missing, cache } => {
                write!(
                    f,
                    "--offline: {} call(s) not in the cache {}:",
                    missing.len(),
                    cache.display()
                )?;
                for call in missing {
                    write!(f, " {} ({});", call.what, call.url)?;
                }
                f.write_str(" fetch them without --offline")
            }
            FetchError::Cache { path, reason } => {
                write!(f, "the cache {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for FetchError {}

/// The calls a query needs, in order.
pub fn plan(query: &Query, settings: &Settings) -> Result<Vec<Call>, FetchError> {
    let base = settings.base.trim_end_matches('/');
    match query.source {
        Source::Comtrade => comtrade::plan(query, base, settings.comtrade_key.is_some()),
        Source::Imf => imf::plan(query, base),
        Source::Eurostat => eurostat::plan(query, base),
        Source::Wits => wits::plan(query, base),
    }
    .map_err(FetchError::Usage)
}

/// The file a response becomes, and how many data rows it holds.
struct Written {
    bytes: Vec<u8>,
    rows: usize,
}

fn convert(source: Source, body: &[u8], keyed: bool) -> Result<Written, String> {
    response::reject_non_data(body)?;
    match source {
        Source::Comtrade => comtrade::convert(body, keyed),
        Source::Imf => imf::convert(body),
        Source::Eurostat => eurostat::convert(body),
        Source::Wits => wits::convert(body),
    }
}

/// What a fetch gives: the files holding records, in the order of the
/// calls, and the calls whose answer held none (a loader refuses a file of
/// a header alone, and there is nothing in it to show).
#[derive(Debug, Default)]
pub struct Fetched {
    pub files: Vec<PathBuf>,
    pub empty: Vec<Call>,
}

/// Fetches what the cache lacks of a query.
pub fn fetch(query: &Query, settings: &Settings) -> Result<Fetched, FetchError> {
    http::check_base(&settings.base).map_err(FetchError::Usage)?;
    let calls = plan(query, settings)?;
    let cache = cache::Cache::open(&settings.cache, query.source)?;
    let missing: Vec<&Call> = calls.iter().filter(|call| !cache.has(call)).collect();
    if settings.offline && !missing.is_empty() {
        return Err(FetchError::NotCached {
            missing: missing.into_iter().cloned().collect(),
            cache: settings.cache.clone(),
        });
    }
    let mut progress = progress::Progress::new(query.source, calls.len(), settings.terminal);
    let client = http::Client::new(settings, query.source);
    let keyed = query.source == Source::Comtrade && settings.comtrade_key.is_some();
    let mut fetched = Fetched::default();
    let mut calls_made = 0;
    for call in &calls {
        let rows = if cache.has(call) {
            let rows = cache.rows(call);
            progress.cached(rows);
            rows
        } else {
            if calls_made > 0 {
                std::thread::sleep(settings.pause.unwrap_or(query.source.pause()));
            }
            calls_made += 1;
            let body = client.get(call)?;
            let written =
                convert(query.source, &body, keyed).map_err(|reason| FetchError::NotData {
                    what: call.what.clone(),
                    url: call.url.clone(),
                    reason,
                })?;
            cache.store(call, &written)?;
            progress.fetched(written.rows);
            written.rows
        };
        if rows == 0 {
            fetched.empty.push(call.clone());
        } else {
            fetched.files.push(cache.data_path(call));
        }
    }
    progress.finish();
    Ok(fetched)
}
