//! The pdf reader: any bytes give a document or an `Error`, never a panic.
#![no_main]

use std::path::Path;

use dossier::import::{parse_bytes, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = parse_bytes(bytes, Path::new("fuzz.pdf"), Format::Pdf);
});
