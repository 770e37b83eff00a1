//! A fuzzed file loaded as its header says, every view computed, keys pressed
//! and each state drawn at a fuzzed size; see `check_dashboard`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| eurasia_dash_fuzz::check_dashboard(bytes));
