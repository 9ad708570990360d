//! Designated public office holders and their roles over time.
//!
//! An official's current title is the role that started last and has not
//! ended; a backbencher who becomes a minister keeps both roles in order.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::dates;
use crate::error::{Error, Result};
use crate::message::{Message, Record};
use crate::library::Library;
use crate::store::ids::{self, Table};

pub use crate::vocab::Chamber;

/// A role an official held (or holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Role {
    pub title: String,
    /// Branch or unit, e.g. a minister's office or a committee.
    pub branch: String,
    /// Federal institution, e.g. "House of Commons", "Global Affairs Canada".
    pub institution: String,
    pub started_on: String,
    /// `None` while the role is held.
    pub ended_on: Option<String>,
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
    pub party: String,
    /// Riding for an MP, province for a senator.
    pub constituency: String,
    /// Title of the current role (the latest not ended), or of the last one.
    pub title: String,
    /// Oldest first.
    pub roles: Vec<Role>,
    /// How many engagements they were part of.
    pub engagements: i64,
}

impl Official {
    /// The role held on `date`, preferring the one that started last.
    pub fn role_on(&self, date: &str) -> Option<&Role> {
        self.roles
            .iter()
            .rev()
            .find(|r| r.started_on.as_str() <= date && r.ended_on.as_deref().is_none_or(|e| e >= date))
    }
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
                    (SELECT count(*) FROM engagement_officials eo WHERE eo.official_id = o.id)
             FROM officials o {filter} ORDER BY o.family_name COLLATE NOCASE, o.given_name COLLATE NOCASE, o.id"
        );
        let mut stmt = self.conn()?.prepare(&sql)?;
        let rows = stmt.query_map(args, |row| {
            let chamber: String = row.get(3)?;
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                chamber,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, i64>(6)?,
            ))
        })?;
        let mut roles = self.conn()?.prepare(
            "SELECT title, branch, institution, started_on, ended_on FROM official_roles
             WHERE official_id = ?1 ORDER BY started_on, id",
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, given_name, family_name, chamber, party, constituency, engagements) = row?;
            let roles: Vec<Role> = roles
                .query_map([id], |r| {
                    Ok(Role {
                        title: r.get(0)?,
                        branch: r.get(1)?,
                        institution: r.get(2)?,
                        started_on: r.get(3)?,
                        ended_on: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let title = roles
                .iter()
                .rev()
                .find(|r| r.ended_on.is_none())
                .or(roles.last())
                .map(|r| r.title.clone())
                .unwrap_or_default();
            out.push(Official {
                id,
                name: format!("{given_name} {family_name}").trim().to_owned(),
                given_name,
                family_name,
                chamber: chamber.parse()?,
                party,
                constituency,
                title,
                roles,
                engagements,
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
