//! The House of Commons' files: the list of Members (XML, or CSV with
//! English or French headers) and one Member's roles (XML).
//!
//! Promise: a record is read by its element or column names, never by
//! position; a file without them is refused, naming what was expected.
//! Every Member of a list gets a seat (from the file's start date to its end
//! date, if any) and their caucus; a roles file gives every role it lists.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::names::{self, fold};
use super::{FileFormat, Holder, HolderRole};
use crate::error::{Error, Result};
use crate::import::xml::{self, Node};
use crate::message::Message;
use crate::registry::csv::{Record, RegistryCsv};
use crate::vocab::{Chamber, Lang, RoleKind};

/// The seat's title in both languages.
pub const MP_EN: &str = "Member of Parliament";
pub const MP_FR: &str = "Député";
pub const HOUSE: &str = "House of Commons";

/// Elements that hold one record each, in either file.
const RECORDS: &[&str] = &[
    "MemberOfParliament",
    "MemberOfParliamentRole",
    "CaucusMemberRole",
    "ParliamentaryPositionRole",
    "CommitteeMemberRole",
    "ParliamentaryAssociationsandInterparliamentaryGroupRole",
];

type Fields = HashMap<String, Option<String>>;

/// Reads a Members list or a Member's roles file.
pub fn read_xml(text: &str, path: &Path, lang: Option<Lang>) -> Result<(FileFormat, Lang, Vec<Holder>)> {
    let mut records: Vec<(String, Fields)> = Vec::new();
    let mut top = Fields::new();
    let mut current: Option<(String, Fields)> = None;
    let mut text_now = String::new();
    let mut nil = false;
    let mut root: Option<String> = None;
    xml::walk(text.as_bytes(), path, "the file", |node| match node {
        Node::Open(tag) => {
            root.get_or_insert_with(|| tag.name.clone());
            if RECORDS.contains(&tag.name.as_str()) {
                current = Some((tag.name.clone(), Fields::new()));
            }
            text_now.clear();
            nil = tag.attr("nil") == Some("true");
        }
        Node::Text(t) => text_now.push_str(t),
        Node::Close(name) => {
            if current.as_ref().is_some_and(|(n, _)| n == name) {
                records.push(current.take().expect("open record"));
            } else {
                let value = if nil { None } else { Some(text_now.trim().to_owned()) };
                let fields = current.as_mut().map(|(_, f)| f).unwrap_or(&mut top);
                fields.entry(name.to_owned()).or_insert(value);
            }
            text_now.clear();
            nil = false;
        }
    })?;
    let shown = path.display().to_string();
    let is_list = records.iter().any(|(n, _)| n == "MemberOfParliament");
    let is_roles = records.iter().any(|(n, _)| n != "MemberOfParliament");
    if !is_list && !is_roles {
        let looks_like_members = root.as_deref().is_some_and(|r| r.contains("MemberOfParliament"));
        return Err(Error::invalid(if looks_like_members {
            Message::ParliamentNoRecords { path: shown }
        } else {
            Message::ParliamentFileUnknown { path: shown }
        }));
    }
    let provinces = records.iter().filter_map(|(_, f)| get(f, "ConstituencyProvinceTerritoryName"));
    let lang = lang.or_else(|| vote(provinces)).unwrap_or(Lang::En);
    if is_list {
        let mut holders = Vec::new();
        for (index, (_, f)) in records.iter().enumerate().filter(|(_, (n, _))| n == "MemberOfParliament") {
            holders.push(member(f, &top, lang, &shown, index + 1)?);
        }
        Ok((FileFormat::CommonsXml, lang, holders))
    } else {
        Ok((FileFormat::CommonsRoles, lang, vec![roles(&records, &top, lang, &shown)?]))
    }
}

/// The language most of the provinces are spelt in, if any tells.
fn vote<'a>(provinces: impl Iterator<Item = &'a str>) -> Option<Lang> {
    let (mut en, mut fr) = (0, 0);
    for p in provinces {
        match names::province_language(p) {
            Some(Lang::Fr) => fr += 1,
            Some(Lang::En) => en += 1,
            None => {}
        }
    }
    match (en, fr) {
        (0, 0) => None,
        (e, f) if f > e => Some(Lang::Fr),
        _ => Some(Lang::En),
    }
}

fn get<'a>(f: &'a Fields, name: &str) -> Option<&'a str> {
    f.get(name).and_then(|v| v.as_deref()).map(str::trim).filter(|v| !v.is_empty() && *v != "null")
}

fn text(f: &Fields, name: &str) -> String {
    get(f, name).unwrap_or_default().to_owned()
}

fn bad(path: &str, record: usize, detail: Message) -> Error {
    Error::invalid(Message::ParliamentBadRecord { path: path.to_owned(), record: record as i64, detail: Box::new(detail) })
}

fn date(f: &Fields, name: &str, path: &str, record: usize) -> Result<Option<NaiveDate>> {
    let raw = text(f, name);
    names::date(&raw).map_err(|()| bad(path, record, Message::ParliamentBadDate { field: name.to_owned(), value: raw }))
}

fn person_id(f: &Fields, top: &Fields, path: &str, record: usize) -> Result<Option<i64>> {
    match get(f, "PersonId").or_else(|| get(top, "PersonId")) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| bad(path, record, Message::ParliamentBadField { field: "PersonId".into(), value: v.to_owned() })),
    }
}

/// A role in the file's language: the title and branch go to the English
/// or French side.
#[allow(clippy::too_many_arguments)]
fn role(
    kind: RoleKind,
    lang: Lang,
    title: &str,
    branch: &str,
    institution: &str,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    dated: bool,
) -> HolderRole {
    let (title, title_fr) = match lang {
        Lang::En => (title.to_owned(), String::new()),
        Lang::Fr => (String::new(), title.to_owned()),
    };
    let (branch, branch_fr) = match lang {
        Lang::En => (branch.to_owned(), String::new()),
        Lang::Fr => (String::new(), branch.to_owned()),
    };
    HolderRole { kind, title, title_fr, branch, branch_fr, institution: institution.to_owned(), started_on, ended_on, dated }
}

/// The seat of a Member: its title is known in both languages.
fn seat(lang: Lang, riding: &str, started_on: NaiveDate, ended_on: Option<NaiveDate>) -> HolderRole {
    let mut r = role(RoleKind::Seat, lang, "", riding, HOUSE, started_on, ended_on, true);
    r.title = MP_EN.into();
    r.title_fr = MP_FR.into();
    r
}

/// One `MemberOfParliament` of a list.
fn member(f: &Fields, top: &Fields, lang: Lang, path: &str, record: usize) -> Result<Holder> {
    let family = text(f, "PersonOfficialLastName");
    if family.is_empty() {
        return Err(bad(path, record, Message::ParliamentNoName {}));
    }
    let from = date(f, "FromDateTime", path, record)?
        .ok_or_else(|| bad(path, record, Message::ParliamentBadDate { field: "FromDateTime".into(), value: String::new() }))?;
    let to = date(f, "ToDateTime", path, record)?;
    let riding = text(f, "ConstituencyName");
    let caucus = text(f, "CaucusShortName");
    let mut roles = vec![seat(lang, &riding, from, to)];
    if !caucus.is_empty() {
        roles.push(role(RoleKind::Caucus, lang, &caucus, "", HOUSE, from, to, false));
    }
    Ok(Holder {
        chamber: Chamber::House,
        person_id: person_id(f, top, path, record)?,
        senate_slug: None,
        honorific: text(f, "PersonShortHonorific"),
        given_name: text(f, "PersonOfficialFirstName"),
        family_name: family,
        constituency: riding,
        province: text(f, "ConstituencyProvinceTerritoryName"),
        roles,
    })
}

/// A Member's roles file: one holder with every role listed.
fn roles(records: &[(String, Fields)], top: &Fields, lang: Lang, path: &str) -> Result<Holder> {
    // The person's name and key are on the seat records or at the top.
    let person = records.iter().find(|(n, _)| n == "MemberOfParliamentRole").map(|(_, f)| f).unwrap_or(top);
    let field = |name: &str| get(person, name).or_else(|| get(top, name)).unwrap_or_default().to_owned();
    let family = field("PersonOfficialLastName");
    if family.is_empty() {
        return Err(bad(path, 1, Message::ParliamentNoName {}));
    }
    let mut holder = Holder {
        chamber: Chamber::House,
        person_id: person_id(person, top, path, 1)?,
        senate_slug: None,
        honorific: field("PersonShortHonorific"),
        given_name: field("PersonOfficialFirstName"),
        family_name: family,
        constituency: String::new(),
        province: String::new(),
        roles: Vec::new(),
    };
    let mut latest_seat: Option<NaiveDate> = None;
    for (index, (kind, f)) in records.iter().enumerate() {
        let record = index + 1;
        let Some(from) = date(f, "FromDateTime", path, record)? else { continue };
        let to = date(f, "ToDateTime", path, record)?;
        let r = match kind.as_str() {
            "MemberOfParliamentRole" => {
                let riding = text(f, "ConstituencyName");
                if latest_seat.is_none_or(|d| from >= d) {
                    latest_seat = Some(from);
                    holder.constituency = riding.clone();
                    holder.province = text(f, "ConstituencyProvinceTerritoryName");
                }
                seat(lang, &riding, from, to)
            }
            "CaucusMemberRole" => role(RoleKind::Caucus, lang, &text(f, "CaucusShortName"), "", HOUSE, from, to, true),
            "ParliamentaryPositionRole" => role(RoleKind::Position, lang, &text(f, "Title"), "", "", from, to, true),
            "CommitteeMemberRole" => {
                role(RoleKind::Committee, lang, &text(f, "AffiliationRoleName"), &text(f, "CommitteeName"), HOUSE, from, to, true)
            }
            _ => {
                let title = [text(f, "AssociationMemberRoleType"), text(f, "Title")]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                role(RoleKind::Association, lang, &title, &text(f, "Organization"), "", from, to, true)
            }
        };
        if r.title.trim().is_empty() && r.title_fr.trim().is_empty() {
            continue;
        }
        holder.roles.push(r);
    }
    Ok(holder)
}

/// The columns of the Members CSV, by what they hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Honorific,
    First,
    Last,
    Riding,
    Province,
    Caucus,
    Start,
    End,
}

/// What a header names, in either language, and the language it is in
/// when that tells.
fn column(header: &str) -> Option<(Column, Option<Lang>)> {
    let h = fold(header);
    let en = Some(Lang::En);
    let fr = Some(Lang::Fr);
    Some(match h.as_str() {
        "honorific title" | "honorific" => (Column::Honorific, en),
        "titre honorifique" | "titre" => (Column::Honorific, fr),
        "first name" => (Column::First, en),
        "prenom" => (Column::First, fr),
        "last name" => (Column::Last, en),
        "nom de famille" | "nom" => (Column::Last, fr),
        "constituency" => (Column::Riding, en),
        "circonscription" => (Column::Riding, fr),
        "province territory" | "province" => (Column::Province, None),
        "province territoire" => (Column::Province, fr),
        "political affiliation" | "caucus" => (Column::Caucus, en),
        "affiliation politique" | "parti politique" | "parti" => (Column::Caucus, fr),
        "start date" => (Column::Start, en),
        "date de debut" => (Column::Start, fr),
        "end date" => (Column::End, en),
        "date de fin" => (Column::End, fr),
        _ => return None,
    })
}

/// Reads the Members list as CSV, English or French headers, with the
/// reader the Registry's files go through (UTF-8 with or without a
/// byte-order mark, else Windows-1252; `null` read as empty).
pub fn read_csv(path: &Path) -> Result<(FileFormat, Lang, Vec<Holder>)> {
    let shown = path.display().to_string();
    let mut reader = RegistryCsv::open(path)?;
    let headers: Vec<String> = reader.headers().to_vec();
    let mut at: HashMap<Column, usize> = HashMap::new();
    let (mut en, mut fr) = (0, 0);
    for (i, h) in headers.iter().enumerate() {
        if let Some((c, lang)) = column(h) {
            at.entry(c).or_insert(i);
            match lang {
                Some(Lang::En) => en += 1,
                Some(Lang::Fr) => fr += 1,
                None => {}
            }
        }
    }
    let needed = [Column::First, Column::Last, Column::Riding, Column::Caucus, Column::Start];
    if needed.iter().any(|c| !at.contains_key(c)) {
        return Err(Error::invalid(Message::ParliamentCsvHeaders {
            path: shown,
            found: headers.iter().map(|h| h.trim().to_owned()).take(12).collect(),
        }));
    }
    let lang = if fr > en { Lang::Fr } else { Lang::En };
    let mut holders = Vec::new();
    let mut row = Record::default();
    let mut record = 0;
    while reader.next(&mut row)? {
        record += 1;
        let cell = |c: Column| -> String { row.opt(at.get(&c).copied()).to_owned() };
        if needed.iter().all(|&c| cell(c).is_empty()) {
            continue;
        }
        let family = cell(Column::Last);
        if family.is_empty() {
            return Err(bad(&shown, record, Message::ParliamentNoName {}));
        }
        let parse = |c: Column, name: &str| {
            let raw = cell(c);
            names::date(&raw).map_err(|()| bad(&shown, record, Message::ParliamentBadDate { field: name.to_owned(), value: raw }))
        };
        let from = parse(Column::Start, "Start Date")?.ok_or_else(|| {
            bad(&shown, record, Message::ParliamentBadDate { field: "Start Date".into(), value: String::new() })
        })?;
        let to = parse(Column::End, "End Date")?;
        let riding = cell(Column::Riding);
        let caucus = cell(Column::Caucus);
        let mut roles = vec![seat(lang, &riding, from, to)];
        if !caucus.is_empty() {
            roles.push(role(RoleKind::Caucus, lang, &caucus, "", HOUSE, from, to, false));
        }
        holders.push(Holder {
            chamber: Chamber::House,
            person_id: None,
            senate_slug: None,
            honorific: cell(Column::Honorific),
            given_name: cell(Column::First),
            family_name: family,
            constituency: riding,
            province: cell(Column::Province),
            roles,
        });
    }
    Ok((FileFormat::CommonsCsv, lang, holders))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXCERPT: &str = include_str!("../../tests/fixtures/parliament/commons-members.xml");

    #[test]
    fn the_members_list_gives_a_seat_and_a_caucus_per_member() {
        let (format, lang, holders) = read_xml(EXCERPT, Path::new("members.xml"), None).unwrap();
        assert_eq!((format, lang, holders.len()), (FileFormat::CommonsXml, Lang::En, 12));
        let berube = holders.iter().find(|h| h.family_name == "Bérubé").unwrap();
        assert_eq!(berube.constituency, "Abitibi—Baie-James—Nunavik—Eeyou");
        assert_eq!(berube.roles[0].kind, RoleKind::Seat);
        assert_eq!(berube.roles[0].ended_on, None);
        assert_eq!(berube.roles[1].title, "Bloc Québécois");
        let hon = holders.iter().find(|h| h.family_name == "Anandasangaree").unwrap();
        assert_eq!(hon.honorific, "Hon.");
        assert!(holders.iter().any(|h| h.given_name == "Lisa Marie"));
        assert_eq!(holders.iter().find(|h| h.family_name == "Carr").unwrap().roles[0].started_on.to_string(), "2023-06-19");
    }

    #[test]
    fn the_same_list_on_one_line_reads_the_same() {
        let one_line: String = EXCERPT.lines().map(str::trim).collect();
        let a = read_xml(EXCERPT, Path::new("a.xml"), None).unwrap().2;
        let b = read_xml(&one_line, Path::new("b.xml"), None).unwrap().2;
        assert_eq!(a, b);
    }
}
