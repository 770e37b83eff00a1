//! The parquet loader on fuzzed bytes, strict and lenient; see `check_loader`.
#![no_main]

use eurasia_dash::data::Format;
use libfuzzer_sys::fuzz_target;

// The loader catches the parquet crate's panics on corrupt pages and reports
// them as errors; libfuzzer's hook aborts on any panic before the catch can
// run, so the program's quiet hook is put around it (the init runs after
// libfuzzer's hook is installed): a caught panic is then an error, as in the
// program, and any other panic still aborts.
fuzz_target!(
    init: eurasia_dash::data::load::parquet::quiet_decoding_panics(),
    |bytes: &[u8]| eurasia_dash_fuzz::check_loader(Format::Parquet, bytes)
);
