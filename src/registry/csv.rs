//! Reading the Registry of Lobbyists' open-data CSV files, a record at a
//! time.
//!
//! The Registry publishes its data as CSV files of up to hundreds of
//! megabytes, some in UTF-8 with a byte-order mark, some in UTF-8 without,
//! some in Windows-1252, with the literal text `null` for an empty field.
//! [`RegistryCsv`] hides all of that:
//!
//! - **Encoding, per file.** A byte-order mark means UTF-8. Without one, a
//!   first streaming pass checks whether the whole file is valid UTF-8
//!   (a chunk at a time, a character split across chunks carried over); if
//!   not, the file is Windows-1252. The second pass decodes with
//!   `encoding_rs` as it parses.
//! - **Columns by name.** The first record is the header; names are matched
//!   trimmed and in any case ([`RegistryCsv::columns`]). A file without the
//!   columns asked for is refused naming the file, the columns missing and
//!   those it has: another CSV, a renamed export or junk all end there.
//! - **Values.** Trimmed; `null` (any case) reads as empty.
//! - **Bounded memory.** Only the current chunk and record are held, and a
//!   record longer than [`MAX_RECORD_BYTES`] (junk without line breaks, an
//!   unclosed quote) is refused rather than grown.
//!
//! The CSV grammar is RFC 4180's: fields separated by commas, records by
//! CRLF or LF, a quoted field may hold commas, line breaks and doubled
//! quotes. Blank lines are skipped.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::{Decoder, UTF_8, WINDOWS_1252};

use crate::error::{Error, Result};
use crate::message::Message;

/// The longest record read, in bytes: a real record is a few hundred bytes;
/// a longer one is junk or an unclosed quote.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// How much of the file is read at a time.
const CHUNK: usize = 64 * 1024;

/// How a file's text is encoded, as detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8WithBom,
    Utf8,
    Windows1252,
}

/// A Registry CSV file open for reading, its header read.
pub struct RegistryCsv {
    path: PathBuf,
    file: File,
    decoder: Decoder,
    encoding: TextEncoding,
    /// Decoded text not yet parsed starts at `pos`.
    text: String,
    pos: usize,
    eof: bool,
    /// The physical line the next record starts on (1-based).
    line: u64,
    headers: Vec<String>,
    raw: Vec<u8>,
}

/// One record's fields, reused from record to record.
#[derive(Debug, Default, Clone)]
pub struct Record {
    fields: Vec<String>,
    /// The line the record started on.
    pub line: u64,
}

impl Record {
    /// The value of column `index`: trimmed, and empty for `null` or a
    /// short record.
    pub fn get(&self, index: usize) -> &str {
        let v = self.fields.get(index).map(|f| f.trim()).unwrap_or("");
        if v.eq_ignore_ascii_case("null") {
            ""
        } else {
            v
        }
    }

    /// The value of an optional column.
    pub fn opt(&self, index: Option<usize>) -> &str {
        index.map_or("", |i| self.get(i))
    }
}

/// Detects the encoding of the file at `path` without holding more than a
/// chunk of it.
pub fn detect_encoding(path: &Path) -> Result<TextEncoding> {
    let mut file = open(path)?;
    let mut buf = vec![0u8; CHUNK + 4];
    let mut carried = 0usize;
    let mut first = true;
    loop {
        let n = file.read(&mut buf[carried..carried + CHUNK]).map_err(|e| Error::io(path, e))?;
        if first {
            first = false;
            if buf[..n].starts_with(b"\xEF\xBB\xBF") {
                return Ok(TextEncoding::Utf8WithBom);
            }
        }
        let len = carried + n;
        if n == 0 {
            // A character cut off at the end of the file.
            return Ok(if carried == 0 { TextEncoding::Utf8 } else { TextEncoding::Windows1252 });
        }
        match std::str::from_utf8(&buf[..len]) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_none() => {
                // An incomplete character at the end of the chunk: carry it.
                let valid = e.valid_up_to();
                buf.copy_within(valid..len, 0);
                carried = len - valid;
            }
            Err(_) => return Ok(TextEncoding::Windows1252),
        }
    }
}

fn open(path: &Path) -> Result<File> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::invalid(Message::NoSuchFile { path: path.display().to_string() }),
        _ => Error::io(path, e),
    })?;
    if meta.is_dir() {
        return Err(Error::invalid(Message::IsAFolder { path: path.display().to_string() }));
    }
    File::open(path).map_err(|e| Error::io(path, e))
}

impl RegistryCsv {
    /// Opens the file at `path` and reads its header.
    pub fn open(path: &Path) -> Result<RegistryCsv> {
        let encoding = detect_encoding(path)?;
        let decoder = match encoding {
            TextEncoding::Utf8WithBom | TextEncoding::Utf8 => UTF_8.new_decoder_with_bom_removal(),
            TextEncoding::Windows1252 => WINDOWS_1252.new_decoder_without_bom_handling(),
        };
        let mut csv = RegistryCsv {
            path: path.to_owned(),
            file: open(path)?,
            decoder,
            encoding,
            text: String::new(),
            pos: 0,
            eof: false,
            line: 1,
            headers: Vec::new(),
            raw: Vec::new(),
        };
        let mut header = Record::default();
        if csv.next(&mut header)? {
            csv.headers = header.fields.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
        }
        Ok(csv)
    }

    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The header's names, trimmed and lowercased.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The index of column `name` (any case), if the file has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        let name = name.trim().to_ascii_lowercase();
        self.headers.iter().position(|h| *h == name)
    }

    /// The indexes of `required` columns, in that order; a file lacking
    /// any of them is refused naming what it lacks and what it has.
    pub fn columns(&self, what: &str, required: &[&str]) -> Result<Vec<usize>> {
        let missing: Vec<String> =
            required.iter().filter(|c| self.column(c).is_none()).map(|c| c.to_ascii_uppercase()).collect();
        if !missing.is_empty() {
            return Err(self.not_this_file(what, missing));
        }
        Ok(required.iter().filter_map(|c| self.column(c)).collect())
    }

    /// The refusal of a file that is not the Registry file `what`.
    pub fn not_this_file(&self, what: &str, missing: Vec<String>) -> Error {
        let mut found: Vec<String> = self.headers.iter().take(12).map(|h| shorten(h)).collect();
        if self.headers.len() > 12 {
            found.push("…".to_owned());
        }
        Error::invalid(Message::RegistryWrongFile {
            path: self.path.display().to_string(),
            file: what.to_owned(),
            missing,
            found,
        })
    }

    /// Reads the next record into `out`; false at the end of the file.
    pub fn next(&mut self, out: &mut Record) -> Result<bool> {
        out.fields.clear();
        self.raw.clear();
        let mut in_quotes = false;
        let mut after_quote = false;
        let mut started = false;
        let mut size = 0usize;
        out.line = self.line;
        loop {
            if self.pos >= self.text.len() {
                self.text.clear();
                self.pos = 0;
                if !self.fill()? {
                    if !started {
                        return Ok(false);
                    }
                    self.push_field(out);
                    return Ok(true);
                }
                continue;
            }
            let bytes = self.text.as_bytes();
            let b = bytes[self.pos];
            self.pos += 1;
            size += 1;
            if size > MAX_RECORD_BYTES {
                return Err(Error::invalid(Message::RegistryRecordTooLong {
                    path: self.path.display().to_string(),
                    line: out.line as i64,
                    limit_kb: (MAX_RECORD_BYTES / 1024) as i64,
                }));
            }
            if b == b'\n' {
                self.line += 1;
            }
            if in_quotes {
                if b == b'"' {
                    in_quotes = false;
                    after_quote = true;
                } else {
                    self.raw.push(b);
                }
                continue;
            }
            if after_quote && b == b'"' {
                // A doubled quote inside a quoted field.
                self.raw.push(b'"');
                in_quotes = true;
                after_quote = false;
                continue;
            }
            after_quote = false;
            match b {
                b',' => {
                    started = true;
                    self.push_field(out);
                }
                b'\n' => {
                    if !started && self.raw.is_empty() {
                        // A blank line.
                        out.line = self.line;
                        size = 0;
                        continue;
                    }
                    self.push_field(out);
                    return Ok(true);
                }
                b'\r' => {}
                b'"' if self.raw.is_empty() => {
                    started = true;
                    in_quotes = true;
                }
                _ => {
                    started = true;
                    self.raw.push(b);
                }
            }
        }
    }

    fn push_field(&mut self, out: &mut Record) {
        // Split only at ASCII bytes of decoded text, so always UTF-8.
        out.fields.push(String::from_utf8_lossy(&self.raw).into_owned());
        self.raw.clear();
    }

    /// Decodes the next chunk into `text`; false once the file is done.
    fn fill(&mut self) -> Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let mut bytes = [0u8; CHUNK];
        let n = self.file.read(&mut bytes).map_err(|e| Error::io(&self.path, e))?;
        let last = n == 0;
        self.text.reserve(CHUNK * 3 + 16);
        let (_, _, _) = self.decoder.decode_to_string(&bytes[..n], &mut self.text, last);
        if last {
            self.eof = true;
        }
        Ok(!self.text.is_empty() || !last)
    }
}

/// A header name as shown in a refusal: junk can have very long ones.
fn shorten(h: &str) -> String {
    let clean: String = h.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() > 40 {
        format!("{}…", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

/// Folds a name for matching: accents, case and punctuation set aside
/// ("Côté-Lévesque, J." and "cote levesque j" are the same); the one rule
/// Parliament's files are matched by too.
pub fn fold_name(name: &str) -> String {
    crate::parliament::names::fold(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    fn read_all(path: &Path) -> (RegistryCsv, Vec<Vec<String>>) {
        let mut csv = RegistryCsv::open(path).unwrap();
        let mut rec = Record::default();
        let mut rows = Vec::new();
        while csv.next(&mut rec).unwrap() {
            rows.push((0..rec.fields.len()).map(|i| rec.get(i).to_owned()).collect());
        }
        (csv, rows)
    }

    #[test]
    fn quoted_fields_keep_commas_line_breaks_and_doubled_quotes_and_null_is_empty() {
        let (_d, path) = file(b" Comlog_ID ,NAME,Note\r\n1,\"Smith, \"\"Al\"\"\",\"two\r\nlines\"\r\n\r\n2,null, NULL \n3,x");
        let (csv, rows) = read_all(&path);
        assert_eq!(csv.headers(), ["comlog_id", "name", "note"], "trimmed, lowercased");
        assert_eq!(csv.column("COMLOG_ID"), Some(0));
        assert_eq!(rows, [vec!["1", "Smith, \"Al\"", "two\r\nlines"], vec!["2", "", ""], vec!["3", "x"]], "blank line skipped, last line without a break read");
        assert_eq!(csv.encoding(), TextEncoding::Utf8);
    }

    #[test]
    fn the_encoding_is_told_per_file_bom_utf8_or_windows_1252() {
        let (_d, path) = file(b"\xEF\xBB\xBFNAME\nC\xC3\xB4t\xC3\xA9\n");
        let (csv, rows) = read_all(&path);
        assert_eq!((csv.encoding(), csv.headers()[0].as_str(), rows[0][0].as_str()), (TextEncoding::Utf8WithBom, "name", "Côté"), "the mark is not part of the first name");
        let (_d, path) = file(b"NAME\nC\xF4t\xE9 \x96 \x93Q\x94\n");
        let (csv, rows) = read_all(&path);
        assert_eq!((csv.encoding(), rows[0][0].as_str()), (TextEncoding::Windows1252, "Côté – “Q”"));
    }

    #[test]
    fn a_character_split_across_chunks_is_still_utf8_and_a_bad_byte_far_in_makes_windows_1252() {
        let mut text = b"NAME\n".to_vec();
        text.resize(CHUNK - 1, b'a');
        text.extend_from_slice("é\n".as_bytes()); // straddles the first chunk's end
        let (_d, path) = file(&text);
        assert_eq!(detect_encoding(&path).unwrap(), TextEncoding::Utf8);
        let (_, rows) = read_all(&path);
        assert!(rows[0][0].ends_with("aé"), "decoded across the chunk boundary");
        let mut late = text.clone();
        late.resize(3 * CHUNK, b'b');
        late.extend_from_slice(b"\n\xE9\n");
        let (_d, path) = file(&late);
        assert_eq!(detect_encoding(&path).unwrap(), TextEncoding::Windows1252, "the whole file is checked, not its start");
    }

    #[test]
    fn missing_columns_are_named_with_what_the_file_has() {
        let (_d, path) = file(b"Date,Amount\n2026-10-01,3\n");
        let csv = RegistryCsv::open(&path).unwrap();
        let err = csv.columns("X.csv", &["COMLOG_ID", "date"]).unwrap_err().to_string();
        assert!(err.contains("lacks the column COMLOG_ID (its columns are date, amount)"), "{err}");
    }

    #[test]
    fn names_fold_accents_case_and_punctuation() {
        assert_eq!(fold_name("Côté-Lévesque, J."), "cote levesque j");
        assert_eq!(fold_name("O'BRIEN"), "obrien");
        assert_eq!(fold_name("  Marie‑Ève  "), "marie eve");
    }
}
