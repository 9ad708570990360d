//! Laying the office holders of Parliament's files over the library's
//! officials (the rules are in [`super`]): who matches whom, what would
//! change, and writing it.
//!
//! The planner works on a copy of every official and role in memory, so a
//! holder met twice (a Member in the English and the French list, or in
//! every Parliament of the `parliament=all` list) sees what the first
//! meeting changed. It finds them by PersonId, Senate page and folded name
//! in maps kept up to date as records add or rename officials, so a file
//! costs time in proportion to its records, not records × officials.
//! Writing touches only officials and roles that changed.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::Serialize;

use super::names::{self, fold, same_province};
use super::{FileFormat, Holder, HolderRole, ParsedFile};
use crate::dates;
use crate::error::Result;
use crate::store::ids::{self, Table};
use crate::vocab::{Chamber, Lang, RoleKind};

/// A field an import can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Honorific,
    GivenName,
    FamilyName,
    Chamber,
    Constituency,
    Province,
    Party,
    PersonId,
    SenateSlug,
    ConstituencyFr,
    ProvinceFr,
    PartyFr,
    Seat,
    Caucus,
    Position,
    Committee,
    Association,
}

impl ImportField {
    /// The word the command line prints.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportField::Honorific => "honorific",
            ImportField::GivenName => "given name",
            ImportField::FamilyName => "family name",
            ImportField::Chamber => "chamber",
            ImportField::Constituency => "riding",
            ImportField::Province => "province",
            ImportField::Party => "caucus",
            ImportField::PersonId => "PersonId",
            ImportField::SenateSlug => "Senate page",
            ImportField::ConstituencyFr => "riding (French)",
            ImportField::ProvinceFr => "province (French)",
            ImportField::PartyFr => "caucus (French)",
            ImportField::Seat => "seat",
            ImportField::Caucus => "caucus role",
            ImportField::Position => "position",
            ImportField::Committee => "committee",
            ImportField::Association => "association",
        }
    }

    fn of_role(kind: RoleKind) -> ImportField {
        match kind {
            RoleKind::Seat => ImportField::Seat,
            RoleKind::Caucus => ImportField::Caucus,
            RoleKind::Position => ImportField::Position,
            RoleKind::Committee => ImportField::Committee,
            RoleKind::Association => ImportField::Association,
        }
    }
}

/// One field's change: `old` is empty for a role added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FieldChange {
    pub field: ImportField,
    pub old: String,
    pub new: String,
}

/// An official the import adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PlannedOfficial {
    pub name: String,
    pub chamber: Chamber,
    pub constituency: String,
    pub province: String,
    pub party: String,
    pub roles: i64,
}

/// An official of the library the import changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PlannedChange {
    pub official_id: i64,
    pub name: String,
    pub changes: Vec<FieldChange>,
}

/// Why a holder was left alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AmbiguityReason {
    /// Several officials have the holder's PersonId or Senate page.
    SameKey,
    /// Several officials have the holder's name and riding or province.
    SameName,
    /// An official has the holder's name but no riding or province to compare.
    NoPlace,
}

/// An official the library might already hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Candidate {
    pub official_id: i64,
    pub name: String,
    pub constituency: String,
}

/// A holder that matched more than one official, or could not be compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Ambiguity {
    pub file: String,
    pub name: String,
    pub constituency: String,
    pub reason: AmbiguityReason,
    pub candidates: Vec<Candidate>,
}

/// A file read, as the plan lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FileSummary {
    pub name: String,
    pub format: FileFormat,
    pub lang: Lang,
    pub records: i64,
}

/// What an import does (or did): new officials, changed ones with each
/// field's old and new value, how many are unchanged, and the holders left
/// alone as ambiguous.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportPlan {
    pub files: Vec<FileSummary>,
    pub new: Vec<PlannedOfficial>,
    pub changed: Vec<PlannedChange>,
    pub unchanged: i64,
    pub ambiguous: Vec<Ambiguity>,
}

impl ImportPlan {
    /// Whether applying it writes anything.
    pub fn is_empty(&self) -> bool {
        self.new.is_empty() && self.changed.is_empty()
    }
}

#[derive(Debug, Clone)]
struct Role {
    id: Option<i64>,
    kind: RoleKind,
    title: String,
    title_fr: String,
    branch: String,
    branch_fr: String,
    institution: String,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    dirty: bool,
}

impl Role {
    fn title_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr if !self.title_fr.is_empty() => &self.title_fr,
            _ => &self.title,
        }
    }

    fn describe(&self, lang: Lang) -> String {
        let until = self.ended_on.map(|d| d.to_string()).unwrap_or_default();
        let branch = match lang {
            Lang::Fr if !self.branch_fr.is_empty() => &self.branch_fr,
            _ => &self.branch,
        };
        let place = if branch.is_empty() { String::new() } else { format!(", {branch}") };
        format!("{}{place} {}–{until}", self.title_in(lang), self.started_on)
    }

    fn overlaps(&self, from: NaiveDate, to: Option<NaiveDate>) -> bool {
        self.started_on <= to.unwrap_or(NaiveDate::MAX) && from <= self.ended_on.unwrap_or(NaiveDate::MAX)
    }

    /// A role typed by hand that is plainly a seat.
    fn seat_like(&self) -> bool {
        self.kind == RoleKind::Seat
            || ["member of parliament", "mp", "depute", "deputee", "senator", "senateur", "senatrice"]
                .contains(&fold(&self.title).as_str())
    }
}

#[derive(Debug, Clone)]
struct Person {
    id: Option<i64>,
    chamber: Chamber,
    honorific: String,
    given_name: String,
    family_name: String,
    party: String,
    constituency: String,
    province: String,
    person_id: Option<i64>,
    senate_slug: Option<String>,
    party_fr: String,
    constituency_fr: String,
    province_fr: String,
    roles: Vec<Role>,
    changes: Vec<FieldChange>,
    met: bool,
}

impl Person {
    fn name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name).trim().to_owned()
    }

    fn rides(&self, key: &str) -> bool {
        let prefix = format!("{key} ");
        let same = |text: &str| {
            let f = fold(text);
            !f.is_empty() && (f == key || f.starts_with(&prefix))
        };
        same(&self.constituency)
            || same(&self.constituency_fr)
            || self.roles.iter().filter(|r| r.kind == RoleKind::Seat).any(|r| same(&r.branch) || same(&r.branch_fr))
    }

    fn in_province(&self, province: &str) -> bool {
        same_province(&self.province, province)
            || same_province(&self.province_fr, province)
            || (self.chamber == Chamber::Senate && same_province(&self.constituency, province))
    }

    fn placeless(&self) -> bool {
        self.constituency.trim().is_empty() && self.constituency_fr.trim().is_empty() && self.province.trim().is_empty()
    }

    fn change(&mut self, field: ImportField, old: String, new: String) {
        if self.id.is_some() {
            self.changes.push(FieldChange { field, old, new });
        }
    }
}

/// Sets `slot` to `new` (when `new` says something), recording the change.
fn set(changes: &mut Vec<FieldChange>, field: ImportField, slot: &mut String, new: &str) {
    let new = new.trim();
    if !new.is_empty() && slot != new {
        changes.push(FieldChange { field, old: slot.clone(), new: new.to_owned() });
        *slot = new.to_owned();
    }
}

enum Found {
    One(usize),
    Many(Vec<usize>, AmbiguityReason),
    None,
}

/// The library's officials in memory, and what the files do to them.
pub struct Planner {
    persons: Vec<Person>,
    /// The persons by each key a holder is matched on, so a record is
    /// matched in a few lookups, not a walk over every official: each list
    /// holds indices into `persons`, ascending, as a walk would find them.
    by_person_id: HashMap<i64, Vec<usize>>,
    by_slug: HashMap<String, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
}

/// The keys a person is found by: PersonId, Senate page, folded name.
#[derive(PartialEq)]
struct Keys {
    person_id: Option<i64>,
    slug: Option<String>,
    name: String,
}

impl Keys {
    fn of(p: &Person) -> Keys {
        Keys { person_id: p.person_id, slug: p.senate_slug.clone(), name: fold(&p.name()) }
    }
}

/// Puts `i` in its place in the ascending list `list`.
fn add_index(list: &mut Vec<usize>, i: usize) {
    if let Err(at) = list.binary_search(&i) {
        list.insert(at, i);
    }
}

/// Takes `i` out of the list under `key`, and the list when it empties.
fn remove_index<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Vec<usize>>, key: &K, i: usize) {
    if let Some(list) = map.get_mut(key) {
        if let Ok(at) = list.binary_search(&i) {
            list.remove(at);
        }
        if list.is_empty() {
            map.remove(key);
        }
    }
}

impl Planner {
    /// Reads every official and role.
    pub fn load(conn: &Connection) -> Result<Planner> {
        let mut roles: HashMap<i64, Vec<Role>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT id, official_id, kind, title, title_fr, branch, branch_fr, institution, started_on, ended_on
             FROM official_roles ORDER BY started_on, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
                Role {
                    id: Some(r.get(0)?),
                    kind: RoleKind::Position,
                    title: r.get(3)?,
                    title_fr: r.get(4)?,
                    branch: r.get(5)?,
                    branch_fr: r.get(6)?,
                    institution: r.get(7)?,
                    started_on: NaiveDate::MIN,
                    ended_on: None,
                    dirty: false,
                },
            ))
        })?;
        for row in rows {
            let (official, kind, start, end, role) = row?;
            let role = Role {
                kind: kind.parse()?,
                started_on: dates::parse_date(&start, "started_on")?,
                ended_on: end.as_deref().map(|e| dates::parse_date(e, "ended_on")).transpose()?,
                ..role
            };
            roles.entry(official).or_default().push(role);
        }
        let mut stmt = conn.prepare(
            "SELECT id, chamber, honorific, given_name, family_name, party, constituency, province,
                    person_id, senate_slug, party_fr, constituency_fr, province_fr
             FROM officials ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                Person {
                    id: Some(r.get(0)?),
                    chamber: Chamber::House,
                    honorific: r.get(2)?,
                    given_name: r.get(3)?,
                    family_name: r.get(4)?,
                    party: r.get(5)?,
                    constituency: r.get(6)?,
                    province: r.get(7)?,
                    person_id: r.get(8)?,
                    senate_slug: r.get(9)?,
                    party_fr: r.get(10)?,
                    constituency_fr: r.get(11)?,
                    province_fr: r.get(12)?,
                    roles: Vec::new(),
                    changes: Vec::new(),
                    met: false,
                },
            ))
        })?;
        let mut planner =
            Planner { persons: Vec::new(), by_person_id: HashMap::new(), by_slug: HashMap::new(), by_name: HashMap::new() };
        for row in rows {
            let (chamber, p) = row?;
            let id = p.id.expect("loaded");
            planner.push(Person { chamber: chamber.parse()?, roles: roles.remove(&id).unwrap_or_default(), ..p });
        }
        Ok(planner)
    }

    /// Adds a person, indexed.
    fn push(&mut self, p: Person) {
        let i = self.persons.len();
        self.persons.push(p);
        self.index(i, Keys::of(&self.persons[i]));
    }

    fn index(&mut self, i: usize, keys: Keys) {
        if let Some(id) = keys.person_id {
            add_index(self.by_person_id.entry(id).or_default(), i);
        }
        if let Some(slug) = keys.slug {
            add_index(self.by_slug.entry(slug).or_default(), i);
        }
        add_index(self.by_name.entry(keys.name).or_default(), i);
    }

    fn unindex(&mut self, i: usize, keys: &Keys) {
        if let Some(id) = keys.person_id {
            remove_index(&mut self.by_person_id, &id, i);
        }
        if let Some(slug) = &keys.slug {
            remove_index(&mut self.by_slug, slug, i);
        }
        remove_index(&mut self.by_name, &keys.name, i);
    }

    /// Lays every holder of every file over the officials, in order.
    pub fn plan(mut self, files: &[ParsedFile], today: NaiveDate) -> (ImportPlan, Planner) {
        let mut ambiguous = Vec::new();
        for file in files {
            for h in &file.holders {
                match self.find(h) {
                    Found::One(i) => self.update(i, h, file.lang, today),
                    Found::None => self.create(h, file.lang),
                    Found::Many(candidates, reason) => ambiguous.push(Ambiguity {
                        file: file.name.clone(),
                        name: h.name(),
                        constituency: h.constituency.clone(),
                        reason,
                        candidates: candidates
                            .into_iter()
                            .map(|i| &self.persons[i])
                            .map(|p| Candidate {
                                official_id: p.id.unwrap_or(0),
                                name: p.name(),
                                constituency: p.constituency.clone(),
                            })
                            .collect(),
                    }),
                }
            }
        }
        let plan = ImportPlan {
            files: files
                .iter()
                .map(|f| FileSummary { name: f.name.clone(), format: f.format, lang: f.lang, records: f.holders.len() as i64 })
                .collect(),
            new: self
                .persons
                .iter()
                .filter(|p| p.id.is_none())
                .map(|p| PlannedOfficial {
                    name: p.name(),
                    chamber: p.chamber,
                    constituency: p.constituency.clone(),
                    province: p.province.clone(),
                    party: p.party.clone(),
                    roles: p.roles.len() as i64,
                })
                .collect(),
            changed: self
                .persons
                .iter()
                .filter(|p| p.id.is_some() && !p.changes.is_empty())
                .map(|p| PlannedChange { official_id: p.id.unwrap_or(0), name: p.name(), changes: p.changes.clone() })
                .collect(),
            unchanged: self.persons.iter().filter(|p| p.id.is_some() && p.met && p.changes.is_empty()).count() as i64,
            ambiguous,
        };
        (plan, self)
    }

    fn find(&self, h: &Holder) -> Found {
        let listed = |list: Option<&Vec<usize>>| list.cloned().unwrap_or_default();
        let decide = |found: Vec<usize>, reason| match found.len() {
            0 => None,
            1 => Some(Found::One(found[0])),
            _ => Some(Found::Many(found, reason)),
        };
        if let Some(id) = h.person_id {
            if let Some(f) = decide(listed(self.by_person_id.get(&id)), AmbiguityReason::SameKey) {
                return f;
            }
        }
        if let Some(slug) = &h.senate_slug {
            if let Some(f) = decide(listed(self.by_slug.get(slug)), AmbiguityReason::SameKey) {
                return f;
            }
        }
        let name = fold(&h.name());
        let named: Vec<usize> = listed(self.by_name.get(&name))
            .into_iter()
            .filter(|&i| {
                let p = &self.persons[i];
                (p.person_id.is_none() || h.person_id.is_none()) && (p.senate_slug.is_none() || h.senate_slug.is_none())
            })
            .collect();
        if named.is_empty() {
            return Found::None;
        }
        let riding = fold(&h.constituency);
        if h.chamber == Chamber::House && !riding.is_empty() {
            let by_riding: Vec<usize> = named.iter().copied().filter(|&i| self.persons[i].rides(&riding)).collect();
            if let Some(f) = decide(by_riding, AmbiguityReason::SameName) {
                return f;
            }
        }
        if !h.province.trim().is_empty() {
            let by_province: Vec<usize> = named.iter().copied().filter(|&i| self.persons[i].in_province(&h.province)).collect();
            if let Some(f) = decide(by_province, AmbiguityReason::SameName) {
                return f;
            }
        }
        let placeless: Vec<usize> = named.into_iter().filter(|&i| self.persons[i].placeless()).collect();
        if placeless.is_empty() {
            Found::None
        } else {
            Found::Many(placeless, AmbiguityReason::NoPlace)
        }
    }

    fn create(&mut self, h: &Holder, lang: Lang) {
        let caucus = current_caucus(h).map(|r| pick(lang, &r.title, &r.title_fr).to_owned()).unwrap_or_default();
        let (fr, both) = (lang == Lang::Fr, |s: &str| s.to_owned());
        self.push(Person {
            id: None,
            chamber: h.chamber,
            honorific: h.honorific.clone(),
            given_name: h.given_name.clone(),
            family_name: h.family_name.clone(),
            party: caucus.clone(),
            constituency: both(&h.constituency),
            province: both(&h.province),
            person_id: h.person_id,
            senate_slug: h.senate_slug.clone(),
            party_fr: if fr { caucus } else { String::new() },
            constituency_fr: if fr { h.constituency.clone() } else { String::new() },
            province_fr: if fr { h.province.clone() } else { String::new() },
            roles: h.roles.iter().map(new_role).collect(),
            changes: Vec::new(),
            met: true,
        });
    }

    fn update(&mut self, i: usize, h: &Holder, lang: Lang, today: NaiveDate) {
        let before = Keys::of(&self.persons[i]);
        self.update_fields(i, h, lang, today);
        let after = Keys::of(&self.persons[i]);
        if after != before {
            self.unindex(i, &before);
            self.index(i, after);
        }
    }

    fn update_fields(&mut self, i: usize, h: &Holder, lang: Lang, today: NaiveDate) {
        let p = &mut self.persons[i];
        p.met = true;
        let record = p.id.is_some();
        // A list that shows open a seat the library has seen end is older
        // than what the library knows: it names, it does not move.
        let stale = h.seat().is_some_and(|s| {
            s.ended_on.is_none() && p.roles.iter().any(|m| m.seat_like() && m.started_on == s.started_on && m.ended_on.is_some())
        });
        let current = h.seat().is_none_or(|s| s.ended_on.is_none()) && !stale;
        let mut changes = std::mem::take(&mut p.changes);
        if lang == Lang::En && current && p.honorific != h.honorific.trim() {
            changes.push(FieldChange { field: ImportField::Honorific, old: p.honorific.clone(), new: h.honorific.trim().to_owned() });
            p.honorific = h.honorific.trim().to_owned();
        }
        set(&mut changes, ImportField::GivenName, &mut p.given_name, &h.given_name);
        set(&mut changes, ImportField::FamilyName, &mut p.family_name, &h.family_name);
        if p.person_id.is_none() && h.person_id.is_some() {
            changes.push(FieldChange { field: ImportField::PersonId, old: String::new(), new: h.person_id.unwrap_or(0).to_string() });
            p.person_id = h.person_id;
        }
        if p.senate_slug.is_none() && h.senate_slug.is_some() {
            changes.push(FieldChange { field: ImportField::SenateSlug, old: String::new(), new: h.senate_slug.clone().unwrap_or_default() });
            p.senate_slug = h.senate_slug.clone();
        }
        if current {
            if p.chamber != h.chamber {
                changes.push(FieldChange { field: ImportField::Chamber, old: p.chamber.to_string(), new: h.chamber.to_string() });
                p.chamber = h.chamber;
            }
            let caucus = current_caucus(h).map(|r| pick(lang, &r.title, &r.title_fr).to_owned()).unwrap_or_default();
            match lang {
                Lang::En => {
                    set(&mut changes, ImportField::Constituency, &mut p.constituency, &h.constituency);
                    set(&mut changes, ImportField::Province, &mut p.province, &h.province);
                    set(&mut changes, ImportField::Party, &mut p.party, &caucus);
                }
                Lang::Fr => {
                    set(&mut changes, ImportField::ConstituencyFr, &mut p.constituency_fr, &h.constituency);
                    set(&mut changes, ImportField::ProvinceFr, &mut p.province_fr, &h.province);
                    set(&mut changes, ImportField::PartyFr, &mut p.party_fr, &caucus);
                }
            }
        }
        if !record {
            changes.clear();
        }
        p.changes = changes;
        let seat_from = h.seat().map(|s| s.started_on);
        for r in &h.roles {
            self.merge_role(i, r, lang, today, seat_from, current);
        }
    }

    fn merge_role(&mut self, i: usize, r: &HolderRole, lang: Lang, today: NaiveDate, seat_from: Option<NaiveDate>, current: bool) {
        let p = &mut self.persons[i];
        let title = pick(lang, &r.title, &r.title_fr).to_owned();
        let branch = pick(lang, &r.branch, &r.branch_fr).to_owned();
        let field = ImportField::of_role(r.kind);
        if r.kind == RoleKind::Caucus && !r.dated && r.ended_on.is_none() {
            if current {
                caucus_today(p, r, &title, lang, today, seat_from.unwrap_or(r.started_on));
            }
            return;
        }
        let found = p.roles.iter().position(|m| {
            let same_kind = m.kind == r.kind || (r.kind == RoleKind::Seat && m.seat_like());
            if !same_kind {
                return false;
            }
            let same_start = m.started_on == r.started_on;
            let overlap = m.overlaps(r.started_on, r.ended_on);
            match r.kind {
                RoleKind::Seat => {
                    let b = fold(pick(lang, &m.branch, &m.branch_fr));
                    let chamber_named =
                        ["house of commons", "chambre des communes", "senate of canada", "senat du canada", ""].contains(&b.as_str());
                    same_start || (overlap && (chamber_named || b == fold(&branch)))
                }
                _ => {
                    // A role known only in the other language matches on
                    // its dates alone.
                    let unknown_here = lang == Lang::Fr && m.title_fr.is_empty() && m.title != title;
                    let same_title = fold(m.title_in(lang)) == fold(&title) || (unknown_here && same_start);
                    same_title && fold(pick(lang, &m.branch, &m.branch_fr)) == fold(&branch) && (same_start || overlap)
                }
            }
        });
        match found {
            None => {
                let role = new_role(r);
                p.change(field, String::new(), role.describe(lang));
                p.roles.push(role);
            }
            Some(j) => {
                let before = p.roles[j].describe(Lang::En);
                let m = &mut p.roles[j];
                let mut dirty = false;
                if m.kind != r.kind {
                    m.kind = r.kind;
                    dirty = true;
                }
                if r.dated && m.started_on != r.started_on {
                    m.started_on = r.started_on;
                    dirty = true;
                }
                // A role ends when a file says so; none reopens it.
                if r.ended_on.is_some() && m.ended_on != r.ended_on {
                    m.ended_on = r.ended_on;
                    dirty = true;
                }
                let fill = |slot: &mut String, new: &str, dirty: &mut bool| {
                    if !new.is_empty() && slot != new {
                        *slot = new.to_owned();
                        *dirty = true;
                    }
                };
                match lang {
                    Lang::En => {
                        fill(&mut m.title, &r.title, &mut dirty);
                        fill(&mut m.branch, &r.branch, &mut dirty);
                        if m.title_fr.is_empty() {
                            fill(&mut m.title_fr, &r.title_fr, &mut dirty);
                        }
                    }
                    Lang::Fr => {
                        fill(&mut m.title_fr, &r.title_fr, &mut dirty);
                        fill(&mut m.branch_fr, &r.branch_fr, &mut dirty);
                    }
                }
                if m.institution.is_empty() && !r.institution.is_empty() {
                    m.institution = r.institution.clone();
                    dirty = true;
                }
                if dirty {
                    m.dirty = true;
                    let after = m.describe(lang);
                    p.change(field, before, after);
                }
            }
        }
    }

    /// Writes every new official and every change, inside the caller's
    /// transaction.
    pub fn apply(self, tx: &Connection) -> Result<()> {
        let now = dates::format_moment(dates::now());
        for p in self.persons {
            let id = match p.id {
                None => {
                    let id = ids::next(tx, Table::Officials)?;
                    tx.execute(
                        "INSERT INTO officials (id, given_name, family_name, chamber, party, constituency, created_at, updated_at,
                                                honorific, province, person_id, senate_slug, party_fr, constituency_fr, province_fr)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                        params![
                            id, p.given_name, p.family_name, p.chamber.as_str(), p.party, p.constituency, now,
                            p.honorific, p.province, p.person_id, p.senate_slug, p.party_fr, p.constituency_fr, p.province_fr
                        ],
                    )?;
                    id
                }
                Some(id) if !p.changes.is_empty() => {
                    tx.execute(
                        "UPDATE officials SET given_name = ?2, family_name = ?3, chamber = ?4, party = ?5, constituency = ?6,
                                updated_at = ?7, honorific = ?8, province = ?9, person_id = ?10, senate_slug = ?11,
                                party_fr = ?12, constituency_fr = ?13, province_fr = ?14
                         WHERE id = ?1",
                        params![
                            id, p.given_name, p.family_name, p.chamber.as_str(), p.party, p.constituency, now,
                            p.honorific, p.province, p.person_id, p.senate_slug, p.party_fr, p.constituency_fr, p.province_fr
                        ],
                    )?;
                    id
                }
                Some(_) => continue,
            };
            for r in p.roles.iter().filter(|r| r.id.is_none() || r.dirty) {
                let start = dates::format_date(r.started_on);
                let end = r.ended_on.map(dates::format_date);
                match r.id {
                    None => {
                        let role_id = ids::next(tx, Table::OfficialRoles)?;
                        tx.execute(
                            "INSERT INTO official_roles (id, official_id, kind, title, title_fr, branch, branch_fr, institution, started_on, ended_on)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                            params![role_id, id, r.kind.as_str(), r.title, r.title_fr, r.branch, r.branch_fr, r.institution, start, end],
                        )?;
                    }
                    Some(role_id) => {
                        tx.execute(
                            "UPDATE official_roles SET kind = ?2, title = ?3, title_fr = ?4, branch = ?5, branch_fr = ?6,
                                    institution = ?7, started_on = ?8, ended_on = ?9
                             WHERE id = ?1",
                            params![role_id, r.kind.as_str(), r.title, r.title_fr, r.branch, r.branch_fr, r.institution, start, end],
                        )?;
                    }
                }
            }
        }
        Ok(())
    }
}

fn pick<'a>(lang: Lang, en: &'a str, fr: &'a str) -> &'a str {
    match lang {
        Lang::Fr if !fr.is_empty() => fr,
        _ if !en.is_empty() => en,
        _ => fr,
    }
}

/// The caucus a holder sits in today, if the file says.
fn current_caucus(h: &Holder) -> Option<&HolderRole> {
    h.roles.iter().filter(|r| r.kind == RoleKind::Caucus && r.ended_on.is_none()).max_by_key(|r| r.started_on)
}

/// A role as first written: where one language is missing, the other
/// stands in for it (a title is never empty).
fn new_role(r: &HolderRole) -> Role {
    Role {
        id: None,
        kind: r.kind,
        title: if r.title.is_empty() { r.title_fr.clone() } else { r.title.clone() },
        title_fr: r.title_fr.clone(),
        branch: if r.branch.is_empty() { r.branch_fr.clone() } else { r.branch.clone() },
        branch_fr: r.branch_fr.clone(),
        institution: r.institution.clone(),
        started_on: r.started_on,
        ended_on: r.ended_on,
        dirty: false,
    }
}

/// A list's caucus: the one held today, its start unknown. The same as the
/// open caucus: nothing (or its name in the file's language filled in).
/// Another: the open one ends the day before the new one starts, on the
/// seat's first day if the seat is newer, else today.
fn caucus_today(p: &mut Person, r: &HolderRole, title: &str, lang: Lang, today: NaiveDate, seat_from: NaiveDate) {
    let open = p.roles.iter().rposition(|m| m.kind == RoleKind::Caucus && m.ended_on.is_none());
    if let Some(j) = open {
        let m = &p.roles[j];
        let known = match lang {
            Lang::Fr => !m.title_fr.is_empty(),
            // A role first read in French has its French name in both.
            Lang::En => !(m.title == m.title_fr && !m.title_fr.is_empty()),
        };
        // The name in the other language is filled in, unless both names
        // are known and are two caucuses: then the caucus changed.
        let other_caucus = match lang {
            Lang::Fr => names::same_caucus(&m.title, title) == Some(false),
            Lang::En => names::same_caucus(title, &m.title_fr) == Some(false),
        };
        if !known && !other_caucus {
            let before = m.describe(Lang::En);
            let m = &mut p.roles[j];
            match lang {
                Lang::Fr => m.title_fr = title.to_owned(),
                Lang::En => m.title = title.to_owned(),
            }
            m.dirty = true;
            let after = m.describe(lang);
            if before != after {
                p.change(ImportField::Caucus, before, after);
            }
            return;
        }
        if known && fold(m.title_in(lang)) == fold(title) {
            return;
        }
        let start = if seat_from > m.started_on { seat_from } else { today.max(m.started_on) };
        let end = start.checked_sub_days(Days::new(1)).unwrap_or(start).max(m.started_on);
        let before = m.describe(Lang::En);
        let m = &mut p.roles[j];
        m.ended_on = Some(end);
        m.dirty = true;
        let after = m.describe(lang);
        p.change(ImportField::Caucus, before, after);
        let mut role = new_role(r);
        role.started_on = start.max(end.checked_add_days(Days::new(1)).unwrap_or(start));
        role.ended_on = None;
        p.change(ImportField::Caucus, String::new(), role.describe(lang));
        p.roles.push(role);
        return;
    }
    // No caucus open: it starts with the seat, after any that ended.
    let last_end = p.roles.iter().filter(|m| m.kind == RoleKind::Caucus).filter_map(|m| m.ended_on).max();
    let mut role = new_role(r);
    role.started_on = match last_end {
        Some(end) if end >= seat_from => end.checked_add_days(Days::new(1)).unwrap_or(end),
        _ => seat_from,
    };
    p.change(ImportField::Caucus, String::new(), role.describe(lang));
    p.roles.push(role);
}
