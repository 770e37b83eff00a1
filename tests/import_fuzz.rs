//! No input makes a loader panic: random bytes and mutated fixtures are fed to
//! format detection and to every loader, strict and lenient. A seeded xorshift
//! generator keeps the cases the same on every run without a dev-dependency.

use eurasia_dash::data::load::format::{self, Format};
use eurasia_dash::data::model::Texts;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
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

fn mutate(rng: &mut XorShift, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(3) {
        match rng.below(6) {
            0 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            1 if !bytes.is_empty() => {
                let at = rng.below(bytes.len());
                bytes[at] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 => {
                let mut rows = lines(&bytes);
                if !rows.is_empty() {
                    rows.remove(rng.below(rows.len()));
                }
                bytes = rows.concat();
            }
            3 => {
                let mut rows = lines(&bytes);
                if !rows.is_empty() {
                    let at = rng.below(rows.len());
                    rows.insert(at, rows[at].clone());
                }
                bytes = rows.concat();
            }
            4 => bytes.truncate(rng.below(bytes.len() + 1)),
            _ => {
                let at = rng.below(bytes.len() + 1);
                bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]);
            }
        }
    }
    bytes
}

/// Runs detection and every loader in both modes; only panics fail the test.
fn exercise(bytes: &[u8]) {
    let mut texts = Texts::default();
    let detected = format::detect("fuzz.csv", bytes).ok();
    let formats = [
        Format::Native,
        Format::Comtrade,
        Format::ComtradeLegacy,
        Format::Sdmx,
    ];
    for format in detected.into_iter().chain(formats) {
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
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    fixtures.push(
        b"indicator,reporter,partner,period,value,unit\nexports,CHN,RUS,2019,1,USD\n".to_vec(),
    );
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for fixture in &fixtures {
        exercise(fixture);
        for _ in 0..150 {
            exercise(&mutate(&mut rng, fixture));
        }
    }
    for _ in 0..300 {
        let len = rng.below(300);
        let random: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        exercise(&random);
        // Random bytes behind a real header reach the row parsers.
        let header = &fixtures[rng.below(fixtures.len())];
        let first_line = lines(header).into_iter().next().unwrap_or_default();
        exercise(&[first_line, random].concat());
    }
}
