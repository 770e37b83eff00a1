//! The command line: load the data (or report why not) before the terminal is
//! touched, then run the dashboard or print the check report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use eurasia_dash::app::{App, Tab};
use eurasia_dash::check::{self, Report};
use eurasia_dash::data::load::format::listed;
use eurasia_dash::data::model::counted;
use eurasia_dash::data::{Area, Currency, Dataset, Format, LoadError, Period, SpanKind, build};
use eurasia_dash::event::Input;
use eurasia_dash::fetch::{self, Query};
use eurasia_dash::ui::theme::Theme;
use eurasia_dash::{export, terminal, watch};

/// A terminal dashboard of Eurasian trade indicators: China–Russia trade, the
/// Eurasian Economic Union's partners, China and the Belt and Road.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Fetch SOURCE:REPORTER-PARTNER,YEARS from the source's API (comtrade, imf, eurostat,
    /// wits), such as comtrade:KAZ-CHN,2015-2024, into the cache (only what it lacks) and
    /// load the files as --data; repeatable; see `eurasia-dash fetch --help`. Servers:
    /// EURASIA_DASH_COMTRADE_URL, EURASIA_DASH_IMF_URL, EURASIA_DASH_EUROSTAT_URL,
    /// EURASIA_DASH_WITS_URL, else the public ones; COMTRADE_API_KEY for Comtrade's keyed API
    #[arg(long = "fetch", value_name = "SOURCE:SPEC", value_parser = fetch::cli::parse_spec)]
    fetch: Vec<Query>,

    #[command(flatten)]
    fetch_cache: fetch::cli::CacheArgs,

    #[arg(long = "data", value_name = "FILE", help = data_help())]
    data: Vec<PathBuf>,

    /// Skip bad rows instead of stopping; skipped rows are listed under warnings (the first 1,000 of a file, the rest counted)
    #[arg(long)]
    lenient: bool,

    /// Open this tab first
    #[arg(long, value_name = "NAME", default_value = "overview", value_parser = tab_parser())]
    tab: Tab,

    /// Read every --data file as this format instead of detecting it from the header
    #[arg(long, value_name = "FORMAT", value_parser = format_parser())]
    format: Option<Format>,

    /// Load and validate the data, print a report and exit without starting the interface:
    /// status 0 when everything loads, 1 when it loads with warnings, 2 on an error
    #[arg(long, conflicts_with = "print")]
    check: bool,

    /// With --check: print the report as JSON
    #[arg(long, requires = "check")]
    json: bool,

    /// With --check: list the published figures of --data that differ from this older
    /// file's (revised, new or gone) instead of the report
    #[arg(
        long,
        requires = "check",
        conflicts_with = "json",
        value_name = "OLD_FILE"
    )]
    against: Option<PathBuf>,

    /// Write a view's table as CSV to standard output instead of starting the interface
    #[arg(long, value_enum, value_name = "VIEW")]
    print: Option<PrintView>,

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

    /// With --print products: the level of the HS listed
    #[arg(long, requires = "print", value_enum)]
    level: Option<LevelArg>,

    /// With --print products: only the products under this code (27, 2709); with
    /// --print partners: the partners for this product
    #[arg(long, requires = "print", value_name = "CODE")]
    product: Option<String>,

    /// With --data: read the files again when one changes, keeping what is selected
    #[arg(long, requires = "data", conflicts_with_all = ["check", "print"])]
    watch: bool,

    /// Where `e` writes the table shown (default: the current directory)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["check", "print"])]
    export_dir: Option<PathBuf>,

    /// Leave the mouse to the terminal, to select text with it: no clicks on tabs, rows and
    /// headers, no wheel
    #[arg(long)]
    no_mouse: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
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
enum PrintView {
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
    Chapter,
    Heading,
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

/// Exit status of `--check` when the data loaded but rows were skipped, figures
/// conflict or an aggregate is incomplete.
const EXIT_LOADED_WITH_WARNINGS: u8 = 1;
/// Exit status for input that could not be loaded.
const EXIT_DATA_ERROR: u8 = 2;
/// Exit status when the dashboard has no terminal to draw in.
const EXIT_NO_TERMINAL: u8 = 3;

/// Standard output for `--check` and `--print`. A reader that stops early
/// (`| head`) ends the output there rather than failing it: what it did not
/// read is dropped, as other command-line tools do.
struct Output {
    stdout: std::io::StdoutLock<'static>,
    reader_gone: bool,
}

impl Output {
    fn stdout() -> Self {
        Self {
            stdout: std::io::stdout().lock(),
            reader_gone: false,
        }
    }

    fn unless_reader_gone(&mut self, result: std::io::Result<()>) -> std::io::Result<()> {
        match result {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.reader_gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.reader_gone {
            return Ok(bytes.len());
        }
        let result = self.stdout.write_all(bytes);
        self.unless_reader_gone(result).map(|()| bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.reader_gone {
            return Ok(());
        }
        let result = self.stdout.flush();
        self.unless_reader_gone(result)
    }
}

/// A flag given where it does not apply, and why: clap's `requires` is
/// skipped when its target conflicts with another flag, so these were read
/// and silently ignored.
fn flag_that_does_not_apply(cli: &Cli) -> Option<String> {
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

/// Writes the view `--print` asks for to the standard output.
fn print(cli: &Cli, data: &Dataset, view: PrintView) -> Result<(), String> {
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
            Output::stdout(),
        ),
        (PrintView::Partners, Some(product), Some(reporter)) => {
            export::products::print_product_partners(
                data,
                reporter,
                indicator,
                cli.period,
                product,
                Output::stdout(),
            )
        }
        _ => export::print(data, cli.print_request(view), Output::stdout()),
    }
}

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    if let Some(Command::Fetch(args)) = &cli.command {
        return ExitCode::from(fetch::cli::run(args));
    }
    if let Some(why) = flag_that_does_not_apply(&cli) {
        Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, why)
            .exit();
    }
    if let Some(dir) = &cli.export_dir
        && !dir.is_dir()
    {
        let dir = dir.display();
        to_stderr(&format!("error: --export-dir {dir}: no such directory"));
        return ExitCode::from(EXIT_DATA_ERROR);
    }
    if !cli.fetch.is_empty() {
        match fetch::cli::files_for(&cli.fetch, &cli.fetch_cache) {
            Ok(files) => cli.data.extend(files),
            Err(error) => {
                to_stderr(&format!("error: {error}"));
                return ExitCode::from(EXIT_DATA_ERROR);
            }
        }
    }
    eurasia_dash::data::load::parquet::quiet_decoding_panics();
    let (data, origin) = match load(&cli) {
        Ok(loaded) => loaded,
        Err(error) => {
            to_stderr(&format!("error: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
    };
    if let Some(view) = cli.print {
        return match print(&cli, &data, view) {
            // As --check does: rows left out in lenient mode are a warning.
            Ok(()) if data.stats().rows_skipped > 0 => {
                to_stderr(&format!(
                    "warning: {} skipped (--check --lenient lists them)",
                    counted(data.stats().rows_skipped, "row")
                ));
                ExitCode::from(EXIT_LOADED_WITH_WARNINGS)
            }
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                to_stderr(&format!("error: {problem}"));
                ExitCode::from(EXIT_DATA_ERROR)
            }
        };
    }
    if let Some(old) = cli.against.as_ref().filter(|_| cli.check) {
        let old_data = match build::load_files(&[old], cli.format, cli.lenient) {
            Ok(old_data) => old_data,
            Err(error) => {
                to_stderr(&format!("error: {error}"));
                return ExitCode::from(EXIT_DATA_ERROR);
            }
        };
        let text = check::revisions_text(&old_data, &data, &old.to_string_lossy());
        let mut out = Output::stdout();
        if let Err(error) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            to_stderr(&format!("error: cannot write the output: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
        return ExitCode::SUCCESS;
    }
    if cli.check {
        let report = Report::new(&data);
        let text = if cli.json {
            report.to_json() + "\n"
        } else {
            report.to_text()
        };
        let mut out = Output::stdout();
        if let Err(error) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            to_stderr(&format!("error: cannot write the output: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
        return if report.has_problems() {
            ExitCode::from(EXIT_LOADED_WITH_WARNINGS)
        } else {
            ExitCode::SUCCESS
        };
    }
    if !terminal::can_draw() {
        to_stderr(
            "error: standard output is not a terminal the dashboard can draw in; use --check or --print for output to a file or pipe",
        );
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    let mut app = App::new(data, origin);
    app.tab = cli.tab;
    if let Some(dir) = cli.export_dir.take() {
        app.export_dir = dir;
    }
    app.clipboard_caveat = terminal::clipboard_caveat();
    if let Err(error) = terminal::restore_on_signals() {
        to_stderr(&format!("error: cannot watch for signals: {error}"));
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    terminal::end_on_hangup();
    let inputs = std::sync::mpsc::channel();
    let sender = inputs.0.clone();
    if let Err(error) =
        terminal::on_job_control(move |what| sender.send(Input::JobControl(what)).is_ok())
    {
        to_stderr(&format!("error: cannot watch for signals: {error}"));
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    if cli.watch {
        let sender = inputs.0.clone();
        let reading = watch::Reading {
            paths: cli.data.clone(),
            format: cli.format,
            lenient: cli.lenient,
        };
        let reloaded = move |loaded, unwatched| {
            sender
                .send(Input::Reloaded(Box::new(loaded), unwatched))
                .is_ok()
        };
        if let Err(error) = watch::start(reading, reloaded) {
            to_stderr(&format!("error: cannot watch the data files: {error}"));
            return ExitCode::from(EXIT_DATA_ERROR);
        }
    }
    // init installs a panic hook that restores the terminal before the message.
    let mut terminal = match eurasia_dash::event::init_terminal() {
        Ok(terminal) => terminal,
        Err(error) => {
            terminal::give_back();
            to_stderr(&format!("error: cannot set up the terminal: {error}"));
            return ExitCode::from(EXIT_NO_TERMINAL);
        }
    };
    if !cli.no_mouse
        && let Err(error) = terminal::capture_mouse()
    {
        terminal::give_back();
        to_stderr(&format!(
            "error: cannot capture the mouse (--no-mouse leaves it): {error}"
        ));
        return ExitCode::from(EXIT_NO_TERMINAL);
    }
    // Around ratatui's and the mouse's hooks: a panic a reload catches must
    // not restore the terminal under the running dashboard.
    eurasia_dash::data::load::parquet::quiet_decoding_panics();
    let result = eurasia_dash::event::run(&mut terminal, &mut app, &Theme::from_env(), inputs);
    terminal::give_back();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Whichever sees it first, this or the thread that watches for a
        // hang-up, ends the same way.
        Err(error) if terminal::went_away(&error) => ExitCode::from(terminal::EXIT_HANG_UP),
        Err(error) => {
            to_stderr(&format!("terminal error: {error}"));
            ExitCode::FAILURE
        }
    }
}

/// A load that takes longer than a moment shows how far it has come on
/// standard error (a terminal): the bytes read of all the files', then the
/// building of the dataset. The line is cleared when the load ends.
fn show_progress(progress: &build::LoadProgress, done: &AtomicBool) {
    let tick = Duration::from_millis(100);
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(300) {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut stderr = std::io::stderr();
    while !done.load(Ordering::Relaxed) {
        let (read, total) = (
            progress.read.load(Ordering::Relaxed),
            progress.total.load(Ordering::Relaxed).max(1),
        );
        let line = if progress.building.load(Ordering::Relaxed) {
            "sorting and aggregating the figures…".to_string()
        } else {
            let percent = (read * 100 / total).min(100);
            let filled = (percent / 5) as usize;
            format!(
                "reading {}{} {percent:>3}%  {:.1} of {:.1} MB",
                "█".repeat(filled),
                "░".repeat(20 - filled),
                read as f64 / 1e6,
                total as f64 / 1e6
            )
        };
        let _ = write!(stderr, "\r\x1b[2Keurasia-dash: {line}");
        let _ = stderr.flush();
        std::thread::sleep(tick);
    }
    let _ = write!(stderr, "\r\x1b[2K");
    let _ = stderr.flush();
}

/// A message on standard error; one that cannot be written (`2>/dev/full`)
/// is dropped rather than ending the program in a panic: the exit status
/// still tells.
fn to_stderr(message: &str) {
    let _ = writeln!(std::io::stderr(), "eurasia-dash: {message}");
}

fn load(cli: &Cli) -> Result<(Dataset, String), LoadError> {
    if cli.data.is_empty() {
        return Ok((Dataset::embedded(), "embedded dataset".to_string()));
    }
    let progress = build::LoadProgress::default();
    let done = AtomicBool::new(false);
    let data = std::thread::scope(|scope| {
        if std::io::stderr().is_terminal() {
            scope.spawn(|| show_progress(&progress, &done));
        }
        let data = build::load_files_with_progress(&cli.data, cli.format, cli.lenient, &progress);
        done.store(true, Ordering::Relaxed);
        data
    })?;
    let origin = match cli.data.as_slice() {
        // The file name; --check gives the full path.
        [one] => one.file_name().map_or_else(
            || one.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        many => counted(many.len() as u64, "file"),
    };
    Ok((data, origin))
}
