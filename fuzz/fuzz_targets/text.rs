//! Markdown and plain text, with encoding detection (UTF-8, else
//! Windows-1252) and the title rule, and language detection on the result:
//! any bytes give a document or an `Error`, never a panic.
#![no_main]

use std::path::Path;

use dossier::import::{detect_language, parse_bytes, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for format in [Format::Markdown, Format::Text] {
        if let Ok(doc) = parse_bytes(bytes, Path::new("fuzz.md"), format) {
            let _ = detect_language(&doc.body);
            let _ = doc.title_or_file_name();
        }
    }
});
