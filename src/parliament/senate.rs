//! The Senate's list of Senators, as a saved web page: a table of name
//! ("Last, First"), affiliation (a group's short name), province or
//! territory, date of appointment, mandatory retirement date and the Prime
//! Minister on whose advice they were appointed.
//!
//! Promise: the table is found by its headers (English or French), never by
//! its place on the page; a page without it is refused. A Senator's key is
//! the last part of the address their name links to.

use std::cell::RefCell;
use std::path::Path;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::TokenizerResult;

use super::names::{self, fold};
use super::{FileFormat, Holder, HolderRole};
use crate::error::{Error, Result};
use crate::import::html::{attribute_comparisons, MAX_ATTRIBUTE_COMPARISONS};
use crate::message::Message;
use crate::vocab::{Chamber, Lang, RoleKind};

pub const SENATOR_EN: &str = "Senator";
pub const SENATOR_FR: &str = "Sénateur";
pub const SENATE: &str = "Senate of Canada";

/// A table cell: its text and the first link in it.
#[derive(Debug, Default, Clone)]
struct Cell {
    text: String,
    href: Option<String>,
}

#[derive(Default)]
struct Tables {
    tables: Vec<Vec<Vec<Cell>>>,
    /// Open tables, innermost last (index into `tables`).
    open: Vec<usize>,
    cell: Option<Cell>,
    hidden: usize,
}

struct Sink(RefCell<Tables>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                let opening = tag.kind == TagKind::StartTag;
                match (name, opening) {
                    ("script", true) if !tag.self_closing => {
                        s.hidden += 1;
                        return TokenSinkResult::RawData(RawKind::ScriptData);
                    }
                    ("style", true) if !tag.self_closing => {
                        s.hidden += 1;
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    ("script" | "style", false) => s.hidden = s.hidden.saturating_sub(1),
                    ("table", true) => {
                        s.tables.push(Vec::new());
                        let at = s.tables.len() - 1;
                        s.open.push(at);
                    }
                    ("table", false) => {
                        s.end_cell();
                        s.open.pop();
                    }
                    ("tr", true) => {
                        s.end_cell();
                        if let Some(&t) = s.open.last() {
                            s.tables[t].push(Vec::new());
                        }
                    }
                    ("td" | "th", true) => {
                        s.end_cell();
                        s.cell = Some(Cell::default());
                    }
                    ("td" | "th" | "tr", false) => s.end_cell(),
                    ("a", true) => {
                        if let Some(cell) = s.cell.as_mut().filter(|c| c.href.is_none()) {
                            cell.href = tag.attrs.iter().find(|a| &*a.name.local == "href").map(|a| a.value.to_string());
                        }
                    }
                    ("br" | "p" | "div", _) => {
                        if let Some(cell) = s.cell.as_mut() {
                            cell.text.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Token::CharacterTokens(text) if s.hidden == 0 => {
                if let Some(cell) = s.cell.as_mut() {
                    cell.text.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Tables {
    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let text = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(&t) = self.open.last() {
                if self.tables[t].is_empty() {
                    self.tables[t].push(Vec::new());
                }
                self.tables[t].last_mut().expect("a row").push(Cell { text, href: cell.href });
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Affiliation,
    Province,
    Appointed,
}

fn column(header: &str) -> Option<(Column, Option<Lang>)> {
    let h = fold(header);
    let has = |w: &str| h.split(' ').any(|x| x == w) || h.contains(w);
    Some(if h == "senator" || h == "name" || has("senators") {
        (Column::Name, Some(Lang::En))
    } else if h == "senateur" || h == "senatrice" || h == "nom" || has("senateurs") || has("senatrices") {
        (Column::Name, Some(Lang::Fr))
    } else if has("affiliation") || has("group") || has("groupe") {
        (Column::Affiliation, None)
    } else if has("province") {
        (Column::Province, None)
    } else if has("appointment") || h.starts_with("date appointed") {
        (Column::Appointed, Some(Lang::En))
    } else if has("nomination") {
        (Column::Appointed, Some(Lang::Fr))
    } else {
        return None;
    })
}

/// Reads the Senators' table of a saved page.
pub fn read_html(text: &str, path: &Path, lang: Option<Lang>) -> Result<(FileFormat, Lang, Vec<Holder>)> {
    let shown = path.display().to_string();
    let (comparisons, attributes) = attribute_comparisons(text.as_bytes());
    if comparisons > MAX_ATTRIBUTE_COMPARISONS {
        return Err(Error::invalid(Message::HtmlTooComplex { path: shown, attributes: attributes as i64 }));
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Tables::default())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let mut tables = tokenizer.sink.0.into_inner();
    tables.end_cell();
    for table in &tables.tables {
        let Some((header_at, columns, header_lang)) = header(table) else { continue };
        let lang = lang.or(header_lang).unwrap_or(Lang::En);
        let mut holders = Vec::new();
        for (index, row) in table.iter().enumerate().skip(header_at + 1) {
            let cell = |c: Column| columns.iter().find(|(k, _)| *k == c).and_then(|(_, i)| row.get(*i));
            let Some(name) = cell(Column::Name).filter(|c| !c.text.is_empty()) else { continue };
            let record = index - header_at;
            holders.push(senator(name, &cell, lang, &shown, record)?);
        }
        if !holders.is_empty() {
            return Ok((FileFormat::SenateHtml, lang, holders));
        }
    }
    Err(Error::invalid(Message::ParliamentNoSenators { path: shown }))
}

/// The header row of a Senators' table: where it is, which column holds
/// what, and the language of its words.
fn header(table: &[Vec<Cell>]) -> Option<(usize, Vec<(Column, usize)>, Option<Lang>)> {
    table.iter().take(3).enumerate().find_map(|(at, row)| {
        let mut columns = Vec::new();
        let mut lang = None;
        for (i, cell) in row.iter().enumerate() {
            if let Some((c, l)) = column(&cell.text) {
                if !columns.iter().any(|(k, _)| *k == c) {
                    columns.push((c, i));
                    lang = lang.or(l);
                }
            }
        }
        let has = |c: Column| columns.iter().any(|(k, _)| *k == c);
        (has(Column::Name) && has(Column::Affiliation) && has(Column::Province)).then_some((at, columns, lang))
    })
}

fn senator<'a>(
    name: &Cell,
    cell: &dyn Fn(Column) -> Option<&'a Cell>,
    lang: Lang,
    path: &str,
    record: usize,
) -> Result<Holder> {
    let bad = |detail: Message| {
        Error::invalid(Message::ParliamentBadRecord { path: path.to_owned(), record: record as i64, detail: Box::new(detail) })
    };
    let full = name.text.trim();
    let full = ["The Honourable ", "L’honorable ", "L'honorable ", "Hon. ", "L’hon. "]
        .iter()
        .find_map(|p| full.strip_prefix(p))
        .unwrap_or(full);
    let (family, given) = match full.split_once(',') {
        Some((last, first)) => (last.trim().to_owned(), first.trim().to_owned()),
        None => match full.rsplit_once(' ') {
            Some((first, last)) => (last.trim().to_owned(), first.trim().to_owned()),
            None => (full.to_owned(), String::new()),
        },
    };
    if family.is_empty() {
        return Err(bad(Message::ParliamentNoName {}));
    }
    let text = |c: Column| cell(c).map(|c| c.text.clone()).unwrap_or_default();
    let province = text(Column::Province);
    let affiliation = text(Column::Affiliation);
    let appointed_text = text(Column::Appointed);
    let appointed = names::date(&appointed_text)
        .map_err(|()| bad(Message::ParliamentBadDate { field: "appointment".into(), value: appointed_text.clone() }))?;
    let slug = name.href.as_deref().and_then(slug);
    // Without a date of appointment the seat's start is unknown; the
    // Senator is still matched and their caucus kept up to date.
    let mut roles = Vec::new();
    if let Some(from) = appointed {
        let (branch, branch_fr) = match lang {
            Lang::En => (province.clone(), String::new()),
            Lang::Fr => (String::new(), province.clone()),
        };
        roles.push(HolderRole {
            kind: RoleKind::Seat,
            title: SENATOR_EN.into(),
            title_fr: SENATOR_FR.into(),
            branch,
            branch_fr,
            institution: SENATE.into(),
            started_on: from,
            ended_on: None,
            dated: true,
        });
        if !affiliation.is_empty() {
            let (title, title_fr) = match lang {
                Lang::En => (affiliation.clone(), String::new()),
                Lang::Fr => (String::new(), affiliation.clone()),
            };
            roles.push(HolderRole {
                kind: RoleKind::Caucus,
                title,
                title_fr,
                branch: String::new(),
                branch_fr: String::new(),
                institution: SENATE.into(),
                started_on: from,
                ended_on: None,
                dated: false,
            });
        }
    }
    Ok(Holder {
        chamber: Chamber::Senate,
        person_id: None,
        senate_slug: slug,
        honorific: String::new(),
        given_name: given,
        family_name: family,
        constituency: province.clone(),
        province,
        roles,
    })
}

/// The last part of a Senator's page address: `/en/senators/smith-jane/`
/// gives `smith-jane`.
fn slug(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next().unwrap_or("");
    let last = path.trim_end_matches('/').rsplit('/').next()?.trim();
    let ok = !last.is_empty() && last.len() <= 120 && last.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then(|| last.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_senator_s_key_is_the_end_of_their_page_address() {
        assert_eq!(slug("https://sencanada.ca/en/senators/smith-jane/"), Some("smith-jane".into()));
        assert_eq!(slug("/fr/senateurs/smith-jane/?x=1#top"), Some("smith-jane".into()));
        assert_eq!(slug("javascript:alert(1)"), None);
    }
}
