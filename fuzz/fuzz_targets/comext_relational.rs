//! The comext relational-view loader on fuzzed bytes, strict and lenient; see `check_loader`.
#![no_main]

use eurasia_dash::data::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| eurasia_dash_fuzz::check_loader(Format::ComextRelational, bytes));
