//! The command line of fetching: the `fetch` subcommand, and `--fetch
//! SOURCE:SPEC` which turns into `--data` files before the load.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::{FetchError, Fetched, Products, Query, Settings, Source};

/// Where the cache is and whether the network may be used: shared by
/// `fetch` and `--fetch`.
#[derive(Clone, Debug, Args)]
pub struct CacheArgs {
    /// The cache folder for fetched files [default: $XDG_CACHE_HOME/eurasia-dash, else ~/.cache/eurasia-dash]
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,

    /// Use only the cache: no call is made, and what is missing is listed (exit status 2)
    #[arg(long)]
    pub offline: bool,

    /// Seconds to wait for an answer to one call
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SourceArg {
    /// UN Comtrade: the public preview API (no key, 500 records a call), or with COMTRADE_API_KEY the data API
    Comtrade,
    /// IMF SDMX 3.0 API, International Trade in Goods (IMTS): no key
    Imf,
    /// Eurostat Comext SDMX API (DS-045409, in euros; EU reporters): no key
    Eurostat,
    /// World Bank WITS API (TradeStats-Trade, annual): no key
    Wits,
}

impl From<SourceArg> for Source {
    fn from(source: SourceArg) -> Self {
        match source {
            SourceArg::Comtrade => Source::Comtrade,
            SourceArg::Imf => Source::Imf,
            SourceArg::Eurostat => Source::Eurostat,
            SourceArg::Wits => Source::Wits,
        }
    }
}

/// Fetch trade figures from a public API into the cache, as files `--data`
/// reads; prints their paths. Calls already in the cache are not made again.
///
/// Base URLs: --endpoint, else EURASIA_DASH_COMTRADE_URL, EURASIA_DASH_IMF_URL,
/// EURASIA_DASH_EUROSTAT_URL or EURASIA_DASH_WITS_URL, else the public server
/// (plain http:// only on a loopback address). COMTRADE_API_KEY: a UN Comtrade
/// subscription key, for the data API's larger calls.
#[derive(Clone, Debug, Args)]
pub struct FetchArgs {
    #[arg(value_enum)]
    pub source: SourceArg,

    /// Reporters: ISO alpha-3 codes, comma-separated; EAEU is its members
    #[arg(long, value_name = "CODES")]
    pub reporter: String,

    /// Partners: ISO alpha-3 codes, comma-separated; EAEU is its members, WLD the world
    #[arg(long, value_name = "CODES", default_value = "WLD")]
    pub partner: String,

    /// Years: 2022 or 2015-2024
    #[arg(long, value_name = "YEARS")]
    pub years: String,

    /// Monthly figures instead of annual ones (not WITS)
    #[arg(long)]
    pub monthly: bool,

    /// Products: TOTAL, AG2 (every HS chapter; Comtrade) or HS codes such as 2709,8703
    #[arg(long, value_name = "CODES", default_value = "TOTAL")]
    pub products: String,

    /// The API's base URL (a mirror, a proxy, a test server), instead of the source's variable or public server
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Seconds between calls [default: 1.1 for Comtrade, 0.5 for the others]
    #[arg(long, value_name = "SECONDS")]
    pub pause: Option<f64>,

    #[command(flatten)]
    pub cache: CacheArgs,
}

/// The settings of a fetch from a source: the base URL by `--endpoint`,
/// else the source's variable, else the public server.
fn settings(
    source: Source,
    endpoint: Option<&str>,
    cache: &CacheArgs,
) -> Result<Settings, FetchError> {
    let base = endpoint
        .map(String::from)
        .or_else(|| {
            std::env::var(source.url_variable())
                .ok()
                .filter(|u| !u.is_empty())
        })
        .unwrap_or_else(|| source.default_base().to_string());
    let dir = cache
        .cache
        .clone()
        .or_else(super::cache::default_dir)
        .ok_or_else(|| {
            FetchError::Usage(
                "no cache folder: set XDG_CACHE_HOME or HOME, or give --cache DIR".to_string(),
            )
        })?;
    Ok(Settings {
        base,
        cache: dir,
        offline: cache.offline,
        comtrade_key: std::env::var("COMTRADE_API_KEY")
            .ok()
            .filter(|k| !k.trim().is_empty()),
        timeout: Duration::from_secs(cache.timeout.max(1)),
        pause: None,
        terminal: std::io::stderr().is_terminal(),
    })
}

fn query_of(args: &FetchArgs) -> Result<Query, FetchError> {
    let (first_year, last_year) = Query::years(&args.years).map_err(FetchError::Usage)?;
    Ok(Query {
        source: args.source.into(),
        reporters: Query::areas(&args.reporter, last_year).map_err(FetchError::Usage)?,
        partners: Query::areas(&args.partner, last_year).map_err(FetchError::Usage)?,
        first_year,
        last_year,
        monthly: args.monthly,
        products: Products::parse(&args.products).map_err(FetchError::Usage)?,
    })
}

/// Runs `eurasia-dash fetch …`: the files' paths on standard output, one a
/// line. Returns the exit status: 0, or 2 on any error.
pub fn run(args: &FetchArgs) -> u8 {
    let fetched = query_of(args).and_then(|query| {
        let mut settings = settings(query.source, args.endpoint.as_deref(), &args.cache)?;
        settings.pause = args.pause.map(|s| Duration::from_secs_f64(s.max(0.0)));
        super::fetch(&query, &settings)
    });
    match fetched {
        Ok(fetched) => {
            report_empty(&fetched);
            let mut out = std::io::stdout().lock();
            for path in &fetched.files {
                let _ = writeln!(out, "{}", path.display());
            }
            0
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "eurasia-dash: error: {error}");
            2
        }
    }
}

/// A `--fetch` value, `SOURCE:REPORTER-PARTNER[+PARTNER…],YEARS[,monthly]`
/// such as `comtrade:KAZ-CHN,2015-2024`, as a query.
pub fn parse_spec(text: &str) -> Result<Query, String> {
    let usage = "expected SOURCE:REPORTER-PARTNER,YEARS such as comtrade:KAZ-CHN,2015-2024";
    let (source, rest) = text
        .split_once(':')
        .ok_or_else(|| format!("'{text}': {usage}"))?;
    let source = Source::parse(source)?;
    let mut parts = rest.split(',');
    let pair = parts.next().unwrap_or("");
    let years = parts
        .next()
        .ok_or_else(|| format!("'{text}' has no years: {usage}"))?;
    let monthly = match parts.next() {
        None => false,
        Some(word) if word.eq_ignore_ascii_case("monthly") => true,
        Some(other) => return Err(format!("'{text}': '{other}' is not 'monthly': {usage}")),
    };
    let (reporter, partners) = pair
        .split_once('-')
        .ok_or_else(|| format!("'{pair}' is not REPORTER-PARTNER: {usage}"))?;
    let (first_year, last_year) = Query::years(years)?;
    Ok(Query {
        source,
        reporters: Query::areas(reporter, last_year)?,
        partners: Query::areas(&partners.replace('+', ","), last_year)?,
        first_year,
        last_year,
        monthly,
        products: Products::Total,
    })
}

/// The files of `--fetch` queries, fetching what the cache lacks: they are
/// loaded as `--data` files.
pub fn files_for(specs: &[Query], cache: &CacheArgs) -> Result<Vec<PathBuf>, FetchError> {
    let mut files = Vec::new();
    for query in specs {
        let settings = settings(query.source, None, cache)?;
        let fetched = super::fetch(query, &settings)?;
        report_empty(&fetched);
        files.extend(fetched.files);
    }
    if files.is_empty() {
        return Err(FetchError::Usage(
            "--fetch: the APIs hold no records for these queries".to_string(),
        ));
    }
    Ok(files)
}

/// Says which calls held no records: they give no file to load.
fn report_empty(fetched: &Fetched) {
    for call in &fetched.empty {
        let _ = writeln!(
            std::io::stderr(),
            "eurasia-dash: no records for {} ({})",
            call.what,
            call.url
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Area;

    #[test]
    fn a_fetch_spec_names_source_pair_and_years() {
        let query = parse_spec("comtrade:KAZ-CHN,2015-2024").unwrap();
        assert_eq!(query.source, Source::Comtrade);
        assert_eq!(query.reporters, vec![Area::parse("KAZ").unwrap()]);
        assert_eq!(query.partners, vec![Area::parse("CHN").unwrap()]);
        assert_eq!(
            (query.first_year, query.last_year, query.monthly),
            (2015, 2024, false)
        );
        let query = parse_spec("imf:CHN-RUS+WLD,2023,monthly").unwrap();
        assert_eq!(query.partners.len(), 2);
        assert!(query.monthly);
        assert!(
            parse_spec("comtrade:KAZ-CHN")
                .unwrap_err()
                .contains("no years")
        );
        assert!(
            parse_spec("bloomberg:KAZ-CHN,2020")
                .unwrap_err()
                .contains("unknown source")
        );
        assert!(
            parse_spec("wits:KAZ,2020")
                .unwrap_err()
                .contains("REPORTER-PARTNER")
        );
    }

    #[test]
    fn eaeu_is_its_members() {
        // The members in the order they joined; KAZ once.
        let areas = Query::areas("KAZ,EAEU", 2024).unwrap();
        let codes: Vec<&str> = areas.iter().map(Area::code).collect();
        assert_eq!(codes, ["KAZ", "BLR", "RUS", "ARM", "KGZ"]);
        assert!(
            Query::areas("BRI", 2024)
                .unwrap_err()
                .contains("name its members")
        );
    }
}
