//! Reading documents from files into a title and a Markdown body.
//!
//! [`read_document`] checks what every format shares (the path exists and is
//! a file, its size is within the limit, it is not empty) and then hands the
//! bytes to the reader for the file's format. A new format is a new module
//! here and one arm in [`Format::of`] and [`read_document`].

mod text;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// The formats Dossier can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
}

impl Format {
    /// The format of a file, from its extension.
    pub fn of(path: &Path) -> Result<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "txt" | "text" => Ok(Format::Text),
            "" => Err(Error::invalid(format!(
                "{}: the file has no extension, so its format is unknown (supported: .md, .txt)",
                path.display()
            ))),
            other => Err(Error::invalid(format!(
                "{}: .{other} files are not supported (supported: .md, .txt)",
                path.display()
            ))),
        }
    }
}

/// A document read from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The title the document gives itself (first heading), if any.
    pub title: Option<String>,
    /// The body in Markdown, without the heading that gave the title.
    pub body: String,
    pub format: Format,
    pub source: PathBuf,
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

/// Reads the document at `path`, refusing files larger than `max_bytes`.
pub fn read_document(path: &Path, max_bytes: u64) -> Result<Document> {
    let bytes = read_bounded(path, max_bytes)?;
    let format = Format::of(path)?;
    parse_bytes(&bytes, path, format)
}

/// Reads a document already in memory; `path` names it in messages.
pub fn parse_bytes(bytes: &[u8], path: &Path, format: Format) -> Result<Document> {
    let (title, body) = match format {
        Format::Markdown => text::read_markdown(bytes, path)?,
        Format::Text => text::read_plain(bytes, path)?,
    };
    if body.trim().is_empty() {
        return Err(Error::invalid(format!(
            "{}: the file has a title but no text",
            path.display()
        )));
    }
    Ok(Document {
        title,
        body,
        format,
        source: path.to_owned(),
    })
}

/// Reads a whole file, refusing what is not a regular file, is empty, or is
/// larger than `max_bytes` (checked before reading and while reading, since
/// a file can grow in between).
fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::invalid(format!("{}: no such file", path.display()))
        }
        _ => Error::io(path, e),
    })?;
    if meta.is_dir() {
        return Err(Error::invalid(format!(
            "{} is a folder; give a file",
            path.display()
        )));
    }
    if meta.len() > max_bytes {
        return Err(too_large(path, meta.len(), max_bytes));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(path, bytes.len() as u64, max_bytes));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::invalid(format!("{}: the file is empty", path.display())));
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: u64, max: u64) -> Error {
    Error::invalid(format!(
        "{}: the file is {} but the limit is {} (raise it with --max-file-mb)",
        path.display(),
        human_size(size),
        human_size(max)
    ))
}

fn human_size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    if bytes as f64 >= MB {
        format!("{:.1} MB", bytes as f64 / MB)
    } else {
        format!("{bytes} bytes")
    }
}
