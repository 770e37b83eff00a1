//! The command line's flags: what they are, which go together, and the
//! `--print` request they make.

use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};

use eurasia_dash::app::Tab;
use eurasia_dash::data::load::format::listed;
use eurasia_dash::data::{Area, Currency, Dataset, Format, Period, SpanKind};
use eurasia_dash::export;
use eurasia_dash::fetch::{self, Query};

/// A terminal dashboard of Eurasian trade indicators: China–Russia trade, the
/// Eurasian Economic Union's partners, China and the Belt and Road.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Fetch SOURCE:REPORTER-PARTNER,YEARS from the source's API (comtrade, imf, eurostat,
    /// wits), such as comtrade:KAZ-CHN,2015-2024, into the cache (only what it lacks) and
    /// load the files as --data; repeatable; see `eurasia-dash fetch --help`. Servers:
    /// EURASIA_DASH_COMTRADE_URL, EURASIA_DASH_IMF_URL, EURASIA_DASH_EUROSTAT_URL,
    /// EURASIA_DASH_WITS_URL, else the public ones; COMTRADE_API_KEY for Comtrade's keyed API
    #[arg(long = "fetch", value_name = "SOURCE:SPEC", value_parser = fetch::cli::parse_spec)]
    pub fetch: Vec<Query>,

    #[command(flatten)]
    pub fetch_cache: fetch::cli::CacheArgs,

    #[arg(long = "data", value_name = "FILE", help = data_help())]
    pub data: Vec<PathBuf>,

    /// Skip bad rows instead of stopping; skipped rows are listed under warnings (the first 1,000 of a file, the rest counted)
    #[arg(long)]
    pub lenient: bool,

    /// Open this tab first
    #[arg(long, value_name = "NAME", default_value = "overview", value_parser = tab_parser())]
    pub tab: Tab,

    /// Read every --data file as this format instead of detecting it from the header
    #[arg(long, value_name = "FORMAT", value_parser = format_parser())]
    pub format: Option<Format>,

    /// Load and validate the data, print a report and exit without starting the interface:
    /// status 0 when everything loads, 1 when it loads with warnings, 2 on an error
    #[arg(long, conflicts_with = "print")]
    pub check: bool,

    /// With --check: print the report as JSON
    #[arg(long, requires = "check")]
    pub json: bool,

    /// With --check: list the published figures of --data that differ from this older
    /// file's (revised, new or gone) instead of the report
    #[arg(
        long,
        requires = "check",
        conflicts_with = "json",
        value_name = "OLD_FILE"
    )]
    pub against: Option<PathBuf>,

    /// Write a view's table as CSV to standard output instead of starting the interface
    #[arg(long, value_enum, value_name = "VIEW")]
    pub print: Option<PrintView>,

    /// With --print bilateral: the reporter-partner pair, such as CHN-DEU
    #[arg(long, requires = "print", value_name = "REPORTER-PARTNER", value_parser = parse_pair)]
    pair: Option<(Area, Area)>,

    /// With --print bilateral: a pair whose total is written beside the pair's, such as EAEU-CHN
    #[arg(long, requires = "print", value_name = "REPORTER-PARTNER", value_parser = parse_pair)]
    compare: Option<(Area, Area)>,

    /// With --print partners: the reporter whose partners are ranked, such as KAZ
    #[arg(long, requires = "print", value_name = "CODE", value_parser = parse_area)]
    reporter: Option<Area>,

    /// With --print: the period (2020, 2020-Q1, 2020-04, 2020-01/2020-04); picks the EAEU period, or one row
    #[arg(long, requires = "print", value_parser = parse_period)]
    period: Option<Period>,

    /// With --print bilateral or bri: which series
    #[arg(long, requires = "print", value_enum)]
    span: Option<SpanArg>,

    /// With --print bilateral: the currency
    #[arg(long, requires = "print", value_enum)]
    currency: Option<CurrencyArg>,

    /// With --print products: the flow whose products are listed
    #[arg(long, requires = "print", value_enum)]
    flow: Option<FlowArg>,

    /// With --print products: the level listed (SITC's division, group and basic
    /// heading are chapter, heading and hs6, or their own names)
    #[arg(long, requires = "print", value_enum)]
    level: Option<LevelArg>,

    /// With --print products: only the products under this code (27, 2709); with
    /// --print partners: the partners for this product
    #[arg(long, requires = "print", value_name = "CODE")]
    product: Option<String>,

    /// With --data: read the files again when one changes, keeping what is selected
    #[arg(long, requires = "data", conflicts_with_all = ["check", "print"])]
    pub watch: bool,

    /// Where `e` writes the table shown (default: the current directory)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["check", "print"])]
    pub export_dir: Option<PathBuf>,

    /// Leave the mouse to the terminal, to select text with it: no clicks on tabs, rows and
    /// headers, no wheel
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Fetch(fetch::cli::FetchArgs),
}

/// `--data`'s help, naming every format the registry has.
fn data_help() -> String {
    let names: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
    format!(
        "Load this file instead of the embedded data (repeatable; files are merged), in the \
         format its header shows: {}; a Parquet file may be a directory of part files",
        listed(&names)
    )
}

/// `--format`'s values and their help, from the registry of formats.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    let values =
        Format::forced().map(|(format, name)| PossibleValue::new(name).help(format.entry().help));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<Format>())
}

/// `--tab`'s values, from the tab registry: a tab's first name, its others
/// as aliases.
fn tab_parser() -> impl TypedValueParser<Value = Tab> {
    let values = Tab::ALL
        .iter()
        .map(|tab| PossibleValue::new(tab.name()).aliases(tab.aliases().iter().copied()));
    PossibleValuesParser::new(values)
        .try_map(|name| Tab::named(&name).ok_or(format!("no tab is named {name}")))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PrintView {
    Overview,
    Bilateral,
    Eaeu,
    Bri,
    /// A reporter's partners in a period (with --reporter; --product for one product)
    Partners,
    /// A pair's products at one level of the HS (with --pair)
    Products,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FlowArg {
    Exports,
    Imports,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LevelArg {
    Section,
    #[value(alias = "division")]
    Chapter,
    #[value(alias = "group")]
    Heading,
    #[value(alias = "basic-heading")]
    Hs6,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SpanArg {
    Annual,
    Quarterly,
    Monthly,
    /// Year to date: January to each month
    Ytd,
    /// Rolling 12 months: the twelve months to each month
    Rolling,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CurrencyArg {
    Usd,
    Cny,
    Eur,
}

fn parse_pair(text: &str) -> Result<(Area, Area), String> {
    let parts: Vec<&str> = text.split('-').collect();
    let [reporter, partner] = parts[..] else {
        return Err(format!(
            "'{text}' is not a pair ({} parts): expected REPORTER-PARTNER, such as CHN-RUS",
            parts.len()
        ));
    };
    Ok((parse_area(reporter)?, parse_area(partner)?))
}

fn parse_area(code: &str) -> Result<Area, String> {
    Area::parse(code)
        .ok_or_else(|| format!("'{code}' is not an area code (ISO alpha-3, or EAEU, BRI, EU, WLD)"))
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|e| e.to_string())
}

impl Cli {
    fn print_request(&self, view: PrintView) -> export::Request {
        export::Request {
            table: match view {
                PrintView::Overview => export::Table::Overview,
                PrintView::Bilateral => export::Table::Bilateral,
                PrintView::Eaeu => export::Table::Eaeu,
                PrintView::Bri => export::Table::Bri,
                PrintView::Partners => export::Table::Partners,
                // Written by export::products, never through this request.
                PrintView::Products => export::Table::Overview,
            },
            pair: self.pair,
            compare: self.compare,
            reporter: self.reporter,
            sort: None,
            period: self.period,
            kind: self.span.map(|span| match span {
                SpanArg::Annual => SpanKind::Annual,
                SpanArg::Quarterly => SpanKind::Quarterly,
                SpanArg::Monthly => SpanKind::Monthly,
                SpanArg::Ytd => SpanKind::Cumulative,
                SpanArg::Rolling => SpanKind::Rolling12,
            }),
            currency: self.currency.map(|c| match c {
                CurrencyArg::Usd => Currency::Usd,
                CurrencyArg::Cny => Currency::Cny,
                CurrencyArg::Eur => Currency::Eur,
            }),
        }
    }
}

/// A flag given where it does not apply, and why: clap's `requires` is
/// skipped when its target conflicts with another flag, so these were read
/// and silently ignored.
pub fn flag_that_does_not_apply(cli: &Cli) -> Option<String> {
    let view = cli.print.map(|view| {
        view.to_possible_value()
            .map_or(String::new(), |value| value.get_name().to_string())
    });
    let given = [
        ("--pair", cli.pair.is_some()),
        ("--compare", cli.compare.is_some()),
        ("--reporter", cli.reporter.is_some()),
        ("--period", cli.period.is_some()),
        ("--span", cli.span.is_some()),
        ("--currency", cli.currency.is_some()),
        ("--flow", cli.flow.is_some()),
        ("--level", cli.level.is_some()),
        ("--product", cli.product.is_some()),
    ];
    if cli.json && !cli.check {
        return Some("--json applies to --check only (--print writes CSV)".into());
    }
    for (flag, present) in given {
        if !present {
            continue;
        }
        let Some(view) = &view else {
            return Some(format!("{flag} applies to --print only"));
        };
        let applies = matches!(
            (flag, cli.print),
            ("--period", _)
                | (
                    "--pair" | "--compare" | "--currency",
                    Some(PrintView::Bilateral)
                )
                | ("--span", Some(PrintView::Bilateral | PrintView::Bri))
                | ("--reporter", Some(PrintView::Partners))
                | (
                    "--pair" | "--flow" | "--level" | "--product",
                    Some(PrintView::Products)
                )
                | ("--product" | "--flow", Some(PrintView::Partners))
        );
        if !applies {
            return Some(format!("{flag} does not apply to --print {view}"));
        }
    }
    if cli.pair.is_some() && cli.compare == cli.pair {
        return Some("--compare is the same pair as --pair: nothing to compare".into());
    }
    None
}

/// Writes the view `--print` asks for to `out`.
pub fn print(cli: &Cli, data: &Dataset, view: PrintView, out: impl Write) -> Result<(), String> {
    use eurasia_dash::data::Indicator;
    use eurasia_dash::view::products::ProductLevel;
    let indicator = match cli.flow {
        Some(FlowArg::Imports) => Indicator::Imports,
        Some(FlowArg::Exports) | None => Indicator::Exports,
    };
    match (view, &cli.product, cli.reporter) {
        (PrintView::Products, ..) => export::products::print_products(
            data,
            export::products::ProductsRequest {
                pair: cli.pair,
                indicator,
                period: cli.period,
                level: match cli.level {
                    Some(LevelArg::Section) => ProductLevel::Section,
                    Some(LevelArg::Chapter) | None => ProductLevel::Chapter,
                    Some(LevelArg::Heading) => ProductLevel::Heading,
                    Some(LevelArg::Hs6) => ProductLevel::Hs6,
                },
                product: cli.product.clone(),
            },
            out,
        ),
        (PrintView::Partners, Some(product), Some(reporter)) => {
            export::products::print_product_partners(
                data, reporter, indicator, cli.period, product, out,
            )
        }
        _ => export::print(data, cli.print_request(view), out),
    }
}
