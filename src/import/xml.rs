//! Reading the XML parts of DOCX and ODT files as a flat stream of opening
//! tags, closing tags and text.
//!
//! Names are local (the prefix is dropped: `w:p` is `p`), entity and
//! character references are resolved, and an empty element `<a/>` comes as
//! an opening and a closing tag. Promise: malformed XML (a bad tag, an
//! unknown entity, elements left open at the end) is an [`Error::Invalid`]
//! naming the file and the part, never a panic. Nothing is expanded beyond
//! the five predefined entities and character references: a document type
//! declaration, which could define entities that expand into one another
//! (the "billion laughs"), is refused, and so is nesting deeper than
//! [`MAX_DEPTH`] — the walk keeps no stack, but the readers do.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::error::{Error, Result};
use crate::message::Message;

/// An element's opening tag: its local name and attributes (local names).
#[derive(Debug)]
pub(crate) struct Tag {
    pub name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    /// The value of the attribute with this local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// One step through an XML part.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node<'a> {
    Open(&'a Tag),
    Close(&'a str),
    Text(&'a str),
}

/// Deeper nesting than this is not a document a word processor wrote; it is
/// refused rather than walked (readers keep a stack per level).
const MAX_DEPTH: usize = 512;

/// Walks the XML in `bytes`, calling `visit` for each node. `part` names the
/// part inside the file (e.g. `word/document.xml`) in error messages.
pub(crate) fn walk(bytes: &[u8], path: &Path, part: &str, mut visit: impl FnMut(Node<'_>)) -> Result<()> {
    let bad = |what: String| {
        Error::invalid(Message::XmlMalformed { path: path.display().to_string(), part: part.to_owned(), detail: what })
    };
    let text = std::str::from_utf8(bytes).map_err(|_| bad("it is not UTF-8".into()))?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(format!("{e} at byte {}", reader.error_position())))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(bad(format!("elements nested more than {MAX_DEPTH} deep")));
                }
                let tag = tag(&e).map_err(bad)?;
                visit(Node::Open(&tag));
            }
            Event::Empty(e) => {
                let tag = tag(&e).map_err(bad)?;
                visit(Node::Open(&tag));
                visit(Node::Close(&tag.name));
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = local(e.local_name().as_ref());
                visit(Node::Close(&name));
            }
            Event::Text(t) => visit(Node::Text(&t.xml10_content())),
            Event::CData(t) => visit(Node::Text(&t.into_inner())),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match r.xml10_content().as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => return Err(bad(format!("unknown entity &{other};"))),
                    },
                    Err(e) => return Err(bad(e.to_string())),
                };
                visit(Node::Text(&resolved));
            }
            Event::Eof => break,
            // Word processors write no DTD in these parts; one here is made
            // by hand, and entity definitions are its only use.
            Event::DocType(_) => {
                return Err(bad("it declares a document type (DTD), which word processors never write there".into()))
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if depth > 0 {
        return Err(bad("it ends before its elements are closed".into()));
    }
    Ok(())
}

fn local(name: &str) -> String {
    name.to_owned()
}

fn tag(e: &BytesStart<'_>) -> std::result::Result<Tag, String> {
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let value = attr.normalized_value(XmlVersion::Implicit1_0).map_err(|e| e.to_string())?;
        attrs.push((local(attr.key.local_name().as_ref()), value.into_owned()));
    }
    Ok(Tag {
        name: local(e.local_name().as_ref()),
        attrs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(xml: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        walk(xml.as_bytes(), Path::new("f.docx"), "word/document.xml", |n| {
            out.push(match n {
                Node::Open(t) => format!("<{}{}>", t.name, t.attr("val").map(|v| format!(" {v}")).unwrap_or_default()),
                Node::Close(n) => format!("</{n}>"),
                Node::Text(t) => t.to_owned(),
            })
        })?;
        Ok(out)
    }

    #[test]
    fn prefixes_are_dropped_and_references_resolved() {
        let got = nodes(r#"<w:p><w:b w:val="1"/><w:t>a &amp; &#233;</w:t></w:p>"#).unwrap();
        assert_eq!(got.concat(), "<p><b 1></b><t>a & é</t></p>");
    }

    #[test]
    fn a_document_type_declaration_is_refused_before_any_entity_is_used() {
        let err = nodes(r#"<!DOCTYPE d [<!ENTITY a "x">]><d>&a;</d>"#).unwrap_err();
        assert!(err.to_string().contains("declares a document type (DTD)"), "{err}");
    }

    #[test]
    fn unclosed_elements_are_refused() {
        let err = nodes("<w:document><w:body><w:p>").unwrap_err();
        assert!(err.to_string().contains("word/document.xml is not well-formed"), "{err}");
    }
}
