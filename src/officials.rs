//! Designated public office holders and their roles over time.
//!
//! An official's current title is the position that started last and has
//! not ended, else their seat; a backbencher who becomes a minister keeps
//! both roles in order. Caucus, committee and association roles never give
//! the title. Officials read from Parliament's files also carry their keys
//! there and their French names ([`crate::parliament`]); the `*_in`
//! accessors pick a language, falling back to English where no French name
//! was read.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::dates;
use crate::error::{Error, Result};
use crate::message::{Message, Record};
use crate::library::Library;
use crate::store::ids::{self, Table};

pub use crate::vocab::{Chamber, Lang, RoleKind};

/// A role an official held (or holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Role {
    pub kind: RoleKind,
    pub title: String,
    /// Branch or unit, e.g. a minister's office or a committee.
    pub branch: String,
    /// Federal institution, e.g. "House of Commons", "Global Affairs Canada".
    pub institution: String,
    pub started_on: String,
    /// `None` while the role is held.
    pub ended_on: Option<String>,
    /// The French title and branch, empty where no French file gave them.
    pub title_fr: String,
    pub branch_fr: String,
}

impl Role {
    /// The title in `lang`, English where no French one is known.
    pub fn title_in(&self, lang: Lang) -> &str {
        pick(lang, &self.title, &self.title_fr)
    }

    /// The branch (riding, committee, office) in `lang`.
    pub fn branch_in(&self, lang: Lang) -> &str {
        pick(lang, &self.branch, &self.branch_fr)
    }

    /// Whether the role is held on `date` (`YYYY-MM-DD`).
    pub fn held_on(&self, date: &str) -> bool {
        self.started_on.as_str() <= date && self.ended_on.as_deref().is_none_or(|e| e >= date)
    }
}

fn pick<'a>(lang: Lang, en: &'a str, fr: &'a str) -> &'a str {
    match lang {
        Lang::Fr if !fr.trim().is_empty() => fr,
        _ => en,
    }
}

/// An official as listed and shown.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Official {
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    /// "Given Family".
    pub name: String,
    pub chamber: Chamber,
    /// "Hon." or empty.
    pub honorific: String,
    pub party: String,
    /// Riding for an MP, province for a senator.
    pub constituency: String,
    /// Province or territory, where known.
    pub province: String,
    /// The House of Commons' PersonId, for a Member read from its files.
    pub person_id: Option<i64>,
    /// The Senate's page name for a Senator read from its list.
    pub senate_slug: Option<String>,
    /// French names of the party, riding and province, empty where no
    /// French file gave them.
    pub party_fr: String,
    pub constituency_fr: String,
    pub province_fr: String,
    /// Title of the current role (the latest position not ended, else the
    /// seat), or of the last one.
    pub title: String,
    /// The same title in French, where a French file gave it (else English).
    pub title_fr: String,
    /// Oldest first.
    pub roles: Vec<Role>,
    /// How many engagements they were part of.
    pub engagements: i64,
}

impl Official {
    /// The role that gives the title on `date`: the position that started
    /// last, else the seat.
    pub fn role_on(&self, date: &str) -> Option<&Role> {
        let held = |kind: RoleKind| self.roles.iter().rev().find(|r| r.kind == kind && r.held_on(date));
        held(RoleKind::Position).or_else(|| held(RoleKind::Seat))
    }

    /// The current title in `lang`.
    pub fn title_in(&self, lang: Lang) -> &str {
        pick(lang, &self.title, &self.title_fr)
    }

    /// The party or caucus in `lang`.
    pub fn party_in(&self, lang: Lang) -> &str {
        pick(lang, &self.party, &self.party_fr)
    }

    /// The riding (or a senator's province) in `lang`.
    pub fn constituency_in(&self, lang: Lang) -> &str {
        pick(lang, &self.constituency, &self.constituency_fr)
    }

    /// The province or territory in `lang`.
    pub fn province_in(&self, lang: Lang) -> &str {
        pick(lang, &self.province, &self.province_fr)
    }
}

/// The role that gives the current title: the latest position not ended,
/// else the latest seat not ended, else the last title-giving role, else
/// the last role.
fn current_title_role(roles: &[Role]) -> Option<&Role> {
    let open = |kind: RoleKind| roles.iter().rev().find(|r| r.kind == kind && r.ended_on.is_none());
    open(RoleKind::Position)
        .or_else(|| open(RoleKind::Seat))
        .or_else(|| roles.iter().rev().find(|r| r.kind.gives_title()))
        .or(roles.last())
}

/// An official about to be added, with a first role.
#[derive(Debug, Clone)]
pub struct NewOfficial {
    pub given_name: String,
    pub family_name: String,
    pub chamber: Chamber,
    pub party: String,
    pub constituency: String,
    pub roles: Vec<NewRole>,
}

/// A role about to be recorded.
#[derive(Debug, Clone)]
pub struct NewRole {
    pub title: String,
    pub branch: String,
    pub institution: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

fn check_role(role: &NewRole) -> Result<()> {
    if role.title.trim().is_empty() {
        return Err(Error::invalid(Message::RoleNeedsTitle {}));
    }
    if let Some(end) = role.ended_on {
        if end < role.started_on {
            return Err(Error::invalid(Message::RoleEndsBeforeStart {
                title: role.title.clone(),
                start: role.started_on.to_string(),
                end: end.to_string(),
            }));
        }
    }
    Ok(())
}

fn insert_role(tx: &rusqlite::Connection, official: i64, role: &NewRole) -> Result<()> {
    let id = ids::next(tx, Table::OfficialRoles)?;
    tx.execute(
        "INSERT INTO official_roles (id, official_id, title, branch, institution, started_on, ended_on)
         VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            official,
            role.title.trim(),
            role.branch.trim(),
            role.institution.trim(),
            dates::format_date(role.started_on),
            role.ended_on.map(dates::format_date),
            id
        ],
    )?;
    Ok(())
}

impl Library {
    /// Adds an official with their roles.
    pub fn add_official(&mut self, new: NewOfficial) -> Result<Official> {
        if new.family_name.trim().is_empty() {
            return Err(Error::invalid(Message::OfficialNeedsFamilyName {}));
        }
        if new.roles.is_empty() {
            return Err(Error::invalid(Message::OfficialNeedsRole {}));
        }
        new.roles.iter().try_for_each(check_role)?;
        let now = dates::format_moment(dates::now());
        let id = self.write(|tx| {
            let id = ids::next(tx, Table::Officials)?;
            tx.execute(
                "INSERT INTO officials (id, given_name, family_name, chamber, party, constituency, created_at, updated_at)
                 VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    new.given_name.trim(),
                    new.family_name.trim(),
                    new.chamber.as_str(),
                    new.party.trim(),
                    new.constituency.trim(),
                    now,
                    id
                ],
            )?;
            for role in &new.roles {
                insert_role(tx, id, role)?;
            }
            Ok(id)
        })?;
        self.official(id)
    }

    /// Records another role of official `id`.
    pub fn add_role(&mut self, id: i64, role: NewRole) -> Result<Official> {
        self.official(id)?;
        check_role(&role)?;
        self.write(|tx| insert_role(tx, id, &role))?;
        self.official(id)
    }

    /// One official.
    pub fn official(&self, id: i64) -> Result<Official> {
        self.query_officials("WHERE o.id = ?1", params![id])?
            .pop()
            .ok_or_else(|| Error::not_found(Record::Official, id))
    }

    /// Every official, by family name.
    pub fn officials(&self) -> Result<Vec<Official>> {
        self.query_officials("", params![])
    }

    fn query_officials(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Official>> {
        let sql = format!(
            "SELECT o.id, o.given_name, o.family_name, o.chamber, o.party, o.constituency,
                    (SELECT count(*) FROM engagement_officials eo WHERE eo.official_id = o.id),
                    o.honorific, o.province, o.person_id, o.senate_slug, o.party_fr, o.constituency_fr, o.province_fr
             FROM officials o {filter} ORDER BY o.family_name COLLATE NOCASE, o.given_name COLLATE NOCASE, o.id"
        );
        let mut stmt = self.conn()?.prepare(&sql)?;
        struct Row {
            id: i64,
            given_name: String,
            family_name: String,
            chamber: String,
            party: String,
            constituency: String,
            engagements: i64,
            honorific: String,
            province: String,
            person_id: Option<i64>,
            senate_slug: Option<String>,
            party_fr: String,
            constituency_fr: String,
            province_fr: String,
        }
        let rows = stmt.query_map(args, |row| {
            Ok(Row {
                id: row.get(0)?,
                given_name: row.get(1)?,
                family_name: row.get(2)?,
                chamber: row.get(3)?,
                party: row.get(4)?,
                constituency: row.get(5)?,
                engagements: row.get(6)?,
                honorific: row.get(7)?,
                province: row.get(8)?,
                person_id: row.get(9)?,
                senate_slug: row.get(10)?,
                party_fr: row.get(11)?,
                constituency_fr: row.get(12)?,
                province_fr: row.get(13)?,
            })
        })?;
        let mut roles = self.conn()?.prepare(
            "SELECT kind, title, branch, institution, started_on, ended_on, title_fr, branch_fr FROM official_roles
             WHERE official_id = ?1 ORDER BY started_on, id",
        )?;
        let mut out = Vec::new();
        for row in rows {
            let o = row?;
            let roles: Vec<(String, Role)> = roles
                .query_map([o.id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        Role {
                            kind: RoleKind::Position,
                            title: r.get(1)?,
                            branch: r.get(2)?,
                            institution: r.get(3)?,
                            started_on: r.get(4)?,
                            ended_on: r.get(5)?,
                            title_fr: r.get(6)?,
                            branch_fr: r.get(7)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let roles: Vec<Role> = roles
                .into_iter()
                .map(|(kind, role)| Ok(Role { kind: kind.parse()?, ..role }))
                .collect::<Result<_>>()?;
            let title = current_title_role(&roles).map(|r| r.title.clone()).unwrap_or_default();
            let title_fr = current_title_role(&roles).map(|r| r.title_in(Lang::Fr).to_owned()).unwrap_or_default();
            out.push(Official {
                id: o.id,
                name: format!("{} {}", o.given_name, o.family_name).trim().to_owned(),
                given_name: o.given_name,
                family_name: o.family_name,
                chamber: o.chamber.parse()?,
                honorific: o.honorific,
                party: o.party,
                constituency: o.constituency,
                province: o.province,
                person_id: o.person_id,
                senate_slug: o.senate_slug,
                party_fr: o.party_fr,
                constituency_fr: o.constituency_fr,
                province_fr: o.province_fr,
                title,
                title_fr,
                roles,
                engagements: o.engagements,
            });
        }
        Ok(out)
    }

    pub(crate) fn official_exists(&self, id: i64) -> Result<()> {
        self.conn()?
            .query_row("SELECT id FROM officials WHERE id = ?1", [id], |r| r.get::<_, i64>(0))
            .optional()?
            .map(|_| ())
            .ok_or_else(|| Error::not_found(Record::Official, id))
    }
}
