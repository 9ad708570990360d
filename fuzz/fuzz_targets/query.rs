//! The volunteer query language: parsing never fails or panics, whatever is typed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let parsed = dossier::search::query::parse(input, false);
    let _ = parsed.is_empty();
    let _ = dossier::search::query::parse(input, true);
});
