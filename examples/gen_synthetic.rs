//! Writes a synthetic native-format file for benchmarks:
//!
//! ```text
//! cargo run --release --example gen_synthetic -- --rows 1000000 --out FILE [--seed N] [--layout one-pair|short|baci|countries]
//! ```
//!
//! `--layout one-pair` writes one pair with a distinct period a row (the
//! hostile shape of the hardening benchmarks) instead of many pairs;
//! `--layout short` the many pairs' rows in the native format's fewest bytes
//! (no note, the source one word); `--layout baci` a year in CEPII BACI's layout, 200 exporters by 199
//! importers; `--layout countries` the shape of a large customs download, 120
//! countries by 70 partners, monthly, 2015–2024 (2,017,200 rows).
//!
//! The data is deterministic for a seed and labelled synthetic in its source column.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use eurasia_dash::data::synthetic;

const USAGE: &str = "usage: gen_synthetic --rows N --out FILE [--seed N] [--layout many-pairs|one-pair|short|baci|countries]";

fn main() -> ExitCode {
    let mut rows: Option<u64> = None;
    let mut out: Option<String> = None;
    let mut seed = 42u64;
    let mut layout = String::from("many-pairs");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value) {
            ("--rows", Some(v)) => v.replace('_', "").parse().map(|n| rows = Some(n)).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|n| seed = n).is_ok(),
            ("--layout", Some(v))
                if ["many-pairs", "one-pair", "short", "baci", "countries"]
                    .contains(&v.as_str()) =>
            {
                layout = v;
                true
            }
            ("--out", Some(v)) => {
                out = Some(v);
                true
            }
            _ => false,
        };
        if !parsed {
            eprintln!("gen_synthetic: bad argument '{arg}'\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (Some(rows), Some(out)) = (rows, out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let result = std::fs::File::create(&out).and_then(|file| {
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        match layout.as_str() {
            "one-pair" => synthetic::write_one_pair_csv(&mut writer, rows, seed)?,
            "short" => synthetic::write_short_csv(&mut writer, rows, seed)?,
            "baci" => synthetic::write_baci_csv(&mut writer, rows, 200, seed)?,
            "countries" => synthetic::write_countries_csv(&mut writer, rows, seed)?,
            _ => synthetic::write_csv(&mut writer, rows, seed)?,
        }
        writer.flush()
    });
    match result {
        Ok(()) => {
            eprintln!("gen_synthetic: wrote {rows} rows to {out} (seed {seed})");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_synthetic: cannot write {out}: {error}");
            ExitCode::FAILURE
        }
    }
}
