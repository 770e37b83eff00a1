//! No input makes a loader panic: random bytes and mutated fixtures are fed to
//! format detection and to every loader of the registry, strict and lenient.
//! The project's seeded generator keeps the cases the same on every run.

use eurasia_dash::data::load::format::{self, Format};
use eurasia_dash::data::model::Texts;
use eurasia_dash::data::synthetic::SplitMix64;

/// An index below `n` (0 when `n` is 0).
fn below(rng: &mut SplitMix64, n: usize) -> usize {
    rng.below(n.max(1) as u64) as usize
}

/// Bytes that matter to the parsers: delimiters, quotes, line ends, a BOM
/// byte, an invalid UTF-8 byte, digits, signs and code letters.
const INTERESTING: &[u8] = b",;\"\r\n\xEF\xFF0129.-+eEMQW_ ";

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn mutate(rng: &mut SplitMix64, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=below(rng, 3) {
        match below(rng, 6) {
            0 if !bytes.is_empty() => {
                let at = below(rng, bytes.len());
                bytes[at] = rng.next_u64() as u8;
            }
            1 if !bytes.is_empty() => {
                let at = below(rng, bytes.len());
                bytes[at] = INTERESTING[below(rng, INTERESTING.len())];
            }
            2 => {
                let mut rows = lines(&bytes);
                if !rows.is_empty() {
                    rows.remove(below(rng, rows.len()));
                }
                bytes = rows.concat();
            }
            3 => {
                let mut rows = lines(&bytes);
                if !rows.is_empty() {
                    let at = below(rng, rows.len());
                    rows.insert(at, rows[at].clone());
                }
                bytes = rows.concat();
            }
            4 => bytes.truncate(below(rng, bytes.len() + 1)),
            _ => {
                let at = below(rng, bytes.len() + 1);
                bytes.insert(at, INTERESTING[below(rng, INTERESTING.len())]);
            }
        }
    }
    bytes
}

/// Runs detection and every loader in both modes; only panics fail the test.
fn exercise(bytes: &[u8]) {
    let mut texts = Texts::default();
    let detected = format::detect("fuzz.csv", bytes).ok();
    for format in detected.into_iter().chain(Format::ALL.iter().copied()) {
        for lenient in [false, true] {
            if let Ok(load) = format::parse_as(format, "fuzz.csv", bytes, &mut texts, lenient) {
                assert!(load.rows >= load.skipped.count);
                assert!(lenient || (load.skipped.count == 0));
            }
        }
    }
}

#[test]
fn random_and_mutated_inputs_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    let mut fixtures: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        // A directory of Parquet part files is no input.
        .filter(|path| !path.is_dir())
        .map(|path| std::fs::read(path).unwrap())
        .collect();
    fixtures.push(
        b"indicator,reporter,partner,period,value,unit\nexports,CHN,RUS,2019,1,USD\n".to_vec(),
    );
    let mut rng = SplitMix64::new(0x9E37_79B9_7F4A_7C15);
    for fixture in &fixtures {
        exercise(fixture);
        for _ in 0..150 {
            exercise(&mutate(&mut rng, fixture));
        }
    }
    for _ in 0..300 {
        let len = below(&mut rng, 300);
        let random: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        exercise(&random);
        // Random bytes behind a real header reach the row parsers.
        let header = &fixtures[below(&mut rng, fixtures.len())];
        let first_line = lines(header).into_iter().next().unwrap_or_default();
        exercise(&[first_line, random].concat());
    }
}

/// Each format `--format` takes has a fuzz target of its name, as CI's loop
/// runs every target `cargo fuzz list` gives.
#[test]
fn every_format_has_its_fuzz_target() {
    let fuzz = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");
    let manifest = std::fs::read_to_string(format!("{fuzz}/Cargo.toml")).unwrap();
    for (format, name) in Format::forced() {
        let bin = format!("[[bin]]\nname = \"{name}\"\npath = \"fuzz_targets/{name}.rs\"");
        assert!(
            manifest.contains(&bin),
            "fuzz/Cargo.toml has no target {name}"
        );
        let target = std::fs::read_to_string(format!("{fuzz}/fuzz_targets/{name}.rs")).unwrap();
        let check = format!("check_loader(Format::{format:?}, bytes)");
        assert!(target.contains(&check), "fuzz_targets/{name}.rs: {check}");
    }
}
