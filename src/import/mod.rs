//! Reading documents from files into a title and a Markdown body, and
//! importing them into a library.
//!
//! [`read_document`] checks what every format shares (the path exists and is
//! a file, its size is within the limit — checked before a byte is read —,
//! it is not empty) and then hands the bytes to the reader for the file's
//! format: `text.rs` (Markdown, plain text), `html.rs`, `docx.rs`, `odt.rs`,
//! `pdf.rs`, each turning its format into Markdown through `markdown.rs`.
//! `zipped.rs` and `xml.rs` read the containers DOCX and ODT share; `lang.rs`
//! tells English from French; `batch.rs` is [`Library::import_paths`], the
//! import of many files and folders, one transaction per file.
//!
//! Promise: no input makes a reader panic, recurse or allocate without
//! bound, or take more than seconds: every reader works under limits (ZIP
//! parts, XML depth, a PDF's budget) and refuses what exceeds them; every
//! refusal is an [`Error::Invalid`] whose message starts with the file's
//! path. A long read (a PDF's pages) can be stopped between steps. Nothing
//! in a document is ever used as a path: parts of a container are looked up
//! by the names the format fixes, never extracted.
//!
//! [`Library::import_paths`]: crate::Library::import_paths

mod batch;
mod docx;
pub(crate) mod html;
mod lang;
mod markdown;
mod odt;
mod pdf;
pub(crate) mod text;
pub(crate) mod xml;
mod zipped;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::message::Message;

pub use batch::{ImportOptions, ImportOutcome, ImportProgress, ImportReport, ImportStatus, Outcome};
pub use lang::{detect_language, Detected};

/// The formats Dossier can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
    Html,
    Docx,
    Odt,
    Pdf,
}

/// The extensions [`Format::of`] knows, for messages.
const SUPPORTED: &str = ".md, .txt, .html, .htm, .docx, .odt, .pdf";

/// The extensions [`Format::of`] knows, for a dialog's filter.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text", "html", "htm", "xhtml", "docx", "odt", "pdf"];

impl Format {
    /// The format of a file, from its extension (one of
    /// [`SUPPORTED_EXTENSIONS`], a test checks).
    pub fn of(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "txt" | "text" => Ok(Format::Text),
            "html" | "htm" | "xhtml" => Ok(Format::Html),
            "docx" => Ok(Format::Docx),
            "odt" => Ok(Format::Odt),
            "pdf" => Ok(Format::Pdf),
            "" => Err(Error::invalid(Message::NoExtension {
                path: path.display().to_string(),
                supported: SUPPORTED.to_owned(),
            })),
            other => Err(Error::invalid(Message::UnsupportedExtension {
                path: path.display().to_string(),
                extension: other.to_owned(),
                supported: SUPPORTED.to_owned(),
            })),
        }
    }

    /// The name stored with an imported file and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
        }
    }
}

/// A document read from a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The title the document gives itself (its metadata, else its first
    /// heading), if any.
    pub title: Option<String>,
    /// The body in Markdown, without the heading that gave the title.
    pub body: String,
    pub format: Format,
    pub source: PathBuf,
    /// What was read in a way the user should know about (e.g. the text was
    /// not UTF-8 and was read as Windows-1252). Not refusals.
    pub warnings: Vec<Message>,
}

impl Document {
    /// The title to use: the document's own, else one made from the file name.
    pub fn title_or_file_name(&self) -> String {
        self.title.clone().unwrap_or_else(|| {
            let stem = self
                .source
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            stem.replace(['_', '-'], " ").trim().to_owned()
        })
    }
}

/// A file's bytes as read, with what identifies them.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// SHA-256 of the bytes, lower-case hex: the key of the stored original.
    pub sha256: String,
    pub format: Format,
}

impl SourceFile {
    /// Reads `path`, refusing unknown formats and files larger than `max_bytes`.
    pub fn read(path: &Path, max_bytes: u64) -> Result<SourceFile> {
        SourceFile::read_as(path, max_bytes, Links::Follow)
    }

    /// Reads a file found by walking a folder: as [`SourceFile::read`], but
    /// a symbolic link (one there now, or put in the file's place since
    /// the walk) is refused, never followed out of the folder.
    pub fn read_in_folder(path: &Path, max_bytes: u64) -> Result<SourceFile> {
        SourceFile::read_as(path, max_bytes, Links::Refuse)
    }

    fn read_as(path: &Path, max_bytes: u64, links: Links) -> Result<SourceFile> {
        let bytes = read_bounded(path, max_bytes, links)?;
        let format = Format::of(path)?;
        Ok(SourceFile {
            path: path.to_owned(),
            sha256: sha256_hex(&bytes),
            bytes,
            format,
        })
    }

    /// The file name stored with the original (the path's last part).
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// Parses the bytes into a document.
    pub fn parse(&self) -> Result<Document> {
        parse_bytes(&self.bytes, &self.path, self.format)
    }

    /// Parses the bytes, asking `keep_going` between the steps of a long
    /// read (each page of a PDF); when it returns `false` the reading stops
    /// with [`Error::Cancelled`].
    pub fn parse_with(&self, keep_going: &mut dyn FnMut() -> bool) -> Result<Document> {
        parse_bytes_with(&self.bytes, &self.path, self.format, keep_going)
    }
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Reads the document at `path`, refusing files larger than `max_bytes`.
pub fn read_document(path: &Path, max_bytes: u64) -> Result<Document> {
    SourceFile::read(path, max_bytes)?.parse()
}

/// What a format's reader found: a title from the file's metadata, the body
/// in Markdown (its first heading still in it), and warnings.
#[derive(Debug, Default)]
struct Extracted {
    meta_title: Option<String>,
    body: String,
    warnings: Vec<Message>,
}

/// Reads a document already in memory; `path` names it in messages.
pub fn parse_bytes(bytes: &[u8], path: &Path, format: Format) -> Result<Document> {
    parse_bytes_with(bytes, path, format, &mut || true)
}

/// [`parse_bytes`], asking `keep_going` between the steps of a long read.
pub fn parse_bytes_with(
    bytes: &[u8],
    path: &Path,
    format: Format,
    keep_going: &mut dyn FnMut() -> bool,
) -> Result<Document> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::invalid(Message::FileEmpty { path: path.display().to_string() }));
    }
    let extracted = match format {
        Format::Markdown => text::read_markdown(bytes, path)?,
        Format::Text => text::read_plain(bytes, path)?,
        Format::Html => html::read(bytes, path)?,
        Format::Docx => docx::read(bytes, path)?,
        Format::Odt => odt::read(bytes, path)?,
        Format::Pdf => pdf::read(bytes, path, keep_going)?,
    };
    let (title, body) = if format == Format::Text {
        // Plain text has no markup: a line starting with `#` is just text,
        // and the title is its first line when that looks like one.
        (extracted.meta_title, extracted.body)
    } else {
        text::take_title(extracted.meta_title, &extracted.body)
    };
    if body.trim().is_empty() {
        let path = path.display().to_string();
        return Err(Error::invalid(match (&title, format) {
            (_, Format::Pdf) | (None, _) => Message::FileHasNoText { path },
            (Some(_), _) => Message::FileHasOnlyTitle { path },
        }));
    }
    Ok(Document {
        title,
        body,
        format,
        source: path.to_owned(),
        warnings: extracted.warnings,
    })
}

/// Whether a file may be reached through a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Links {
    /// A path the user named: a link there is their choice.
    Follow,
    /// A file found inside a folder: a link could lead anywhere on the disk.
    Refuse,
}

/// Reads a whole file, refusing what is a folder, is empty, or is larger
/// than `max_bytes` (checked before reading and while reading, since a
/// file can grow in between), and a link when `links` says so.
fn read_bounded(path: &Path, max_bytes: u64, links: Links) -> Result<Vec<u8>> {
    let meta = match links {
        Links::Follow => std::fs::metadata(path),
        Links::Refuse => std::fs::symlink_metadata(path),
    };
    let meta = meta.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::invalid(Message::NoSuchFile { path: path.display().to_string() })
        }
        _ => Error::io(path, e),
    })?;
    if meta.file_type().is_symlink() {
        return Err(link_not_followed(path));
    }
    if meta.is_dir() {
        return Err(Error::invalid(Message::IsAFolder { path: path.display().to_string() }));
    }
    // A pipe or a device found in a folder would block the import or
    // never end.
    if links == Links::Refuse && !meta.is_file() {
        let detail = "not a regular file".to_owned();
        return Err(Error::invalid(Message::UnreadableInFolder { path: path.display().to_string(), detail }));
    }
    if meta.len() > max_bytes {
        return Err(too_large(path, meta.len(), max_bytes));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    if links == Links::Refuse {
        same_file(&file, &meta, path)?;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(path, bytes.len() as u64, max_bytes));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::invalid(Message::FileEmpty { path: path.display().to_string() }));
    }
    Ok(bytes)
}

pub(crate) fn link_not_followed(path: &Path) -> Error {
    Error::invalid(Message::LinkNotFollowed { path: path.display().to_string() })
}

/// Refuses a file that is not the one checked: opening follows a link, so
/// a link put in the file's place after the check would be read otherwise.
#[cfg(unix)]
fn same_file(file: &std::fs::File, checked: &std::fs::Metadata, path: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let opened = file.metadata().map_err(|e| Error::io(path, e))?;
    if (opened.dev(), opened.ino()) != (checked.dev(), checked.ino()) {
        return Err(link_not_followed(path));
    }
    Ok(())
}

/// Elsewhere the check before opening is all there is.
#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, _checked: &std::fs::Metadata, _path: &Path) -> Result<()> {
    Ok(())
}

fn too_large(path: &Path, size: u64, max: u64) -> Error {
    Error::invalid(Message::FileTooLarge {
        path: path.display().to_string(),
        size: size as i64,
        limit: max as i64,
    })
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dialog_filter_lists_exactly_the_extensions_that_are_read() {
        for ext in SUPPORTED_EXTENSIONS {
            assert!(Format::of(Path::new(&format!("a.{ext}"))).is_ok(), "{ext} is listed but not read");
        }
        for ext in ["doc", "rtf", "xlsx", "exe"] {
            assert!(Format::of(Path::new(&format!("a.{ext}"))).is_err(), "{ext} is read but not listed");
        }
    }
}
