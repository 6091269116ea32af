//! Fuzzes the batch input reader of `add-users --from`: any bytes, as CSV, as JSON, or by
//! content, must be read or refused with an error, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use usermgr::commands::add_users::input::{detect, parse, Format};

fuzz_target!(|data: &[u8]| {
    let _ = parse(data, Format::Csv, "fuzz.csv");
    let _ = parse(data, Format::Json, "fuzz.json");
    let _ = parse(data, detect("-", data), "-");
});
