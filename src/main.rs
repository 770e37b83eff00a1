//! The command line: load the data (or report why not) before the terminal is
//! touched, then run the dashboard or print the check report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

use eurasia_dash::app::{App, Tab};
use eurasia_dash::data::{Dataset, LoadError, Observation, Period, dataset};
use eurasia_dash::ui::theme::Theme;

/// A terminal dashboard of Eurasian trade indicators: China–Russia trade, the
/// Eurasian Economic Union's partners, China and the Belt and Road.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Load this native-format CSV file instead of the embedded data (repeatable; files are merged)
    #[arg(long = "data", value_name = "FILE")]
    data: Vec<PathBuf>,

    /// Skip bad rows instead of stopping; each skipped row is listed under warnings
    #[arg(long)]
    lenient: bool,

    /// Open this tab first
    #[arg(long, value_enum, value_name = "NAME", default_value = "overview")]
    tab: TabName,

    /// Load and validate the data, print a summary and exit without starting the interface
    #[arg(long)]
    check: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum TabName {
    Overview,
    Bilateral,
    Eaeu,
    Bri,
}

impl From<TabName> for Tab {
    fn from(name: TabName) -> Self {
        match name {
            TabName::Overview => Tab::Overview,
            TabName::Bilateral => Tab::Bilateral,
            TabName::Eaeu => Tab::Eaeu,
            TabName::Bri => Tab::BeltAndRoad,
        }
    }
}

/// Exit status for input that could not be loaded.
const EXIT_DATA_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (data, origin) = match load(&cli) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("eurasia-dash: error: {error}");
            return ExitCode::from(EXIT_DATA_ERROR);
        }
    };
    if cli.check {
        print!("{}", check_report(&data));
        return ExitCode::SUCCESS;
    }
    let mut app = App::new(data, origin, Theme::from_env());
    app.tab = cli.tab.into();
    let mut terminal = ratatui::init();
    let result = eurasia_dash::event::run(&mut terminal, &mut app);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("eurasia-dash: terminal error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn load(cli: &Cli) -> Result<(Dataset, String), LoadError> {
    if cli.data.is_empty() {
        return Ok((Dataset::embedded(), "embedded dataset".to_string()));
    }
    let data = dataset::load_files(&cli.data, cli.lenient)?;
    let names: Vec<String> = cli.data.iter().map(|p| p.display().to_string()).collect();
    Ok((data, names.join(", ")))
}

fn check_report(data: &Dataset) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let stats = data.stats();
    let observations = data.observations();
    let _ = writeln!(out, "files: {}", data.files().join(", "));
    let _ = writeln!(
        out,
        "rows: {} read, {} used, {} skipped, {} duplicates",
        stats.rows_read,
        observations.len(),
        stats.rows_skipped,
        stats.duplicates
    );
    // Distinct values from the series index (a few thousand keys), not from
    // every observation; only periods need a pass over the observations.
    let mut measures: Vec<String> = data.series_keys().map(|k| k.measure.to_string()).collect();
    measures.sort();
    measures.dedup();
    let _ = writeln!(out, "indicators: {}", measures.join(", "));
    let mut pair_names: Vec<String> = data
        .series_keys()
        .map(|k| format!("{}-{}", k.reporter, k.partner))
        .collect();
    pair_names.sort();
    pair_names.dedup();
    let _ = writeln!(
        out,
        "pairs: {} ({})",
        pair_names.len(),
        pair_names.join(", ")
    );
    let periods = distinct_periods(data);
    if let (Some(first), Some(last)) = (periods.first(), periods.last()) {
        let _ = writeln!(out, "periods: {} (from {first} to {last})", periods.len());
    }
    let warnings = data.warnings();
    let _ = writeln!(out, "warnings: {}", warnings.len());
    for warning in warnings {
        let _ = writeln!(out, "  {}: {}", warning.kind.label(), warning.message);
    }
    out
}

/// Every period with a figure, in order. Most series cover the same periods
/// as the series before them, so a series is merged in only when it differs.
fn distinct_periods(data: &Dataset) -> Vec<Period> {
    let mut periods: Vec<Period> = Vec::new();
    let mut previous: &[Observation] = &[];
    for key in data.series_keys() {
        let series = data.series(key);
        let same = series.len() == previous.len()
            && series
                .iter()
                .zip(previous)
                .all(|(a, b)| a.period == b.period);
        previous = series;
        if same {
            continue;
        }
        for observation in series {
            if let Err(at) = periods.binary_search(&observation.period) {
                periods.insert(at, observation.period);
            }
        }
    }
    periods
}
