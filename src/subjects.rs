//! The Registry of Lobbyists' subject matters: the closed list of codes
//! (`SMT-17`) a communication report names, with their English and French
//! names, and the codes each engagement carries.
//!
//! The list comes from the Registry's `Codes_SubjectMatterTypesExport.csv`
//! ([`Library::import_subject_matters`]); the sample library ships a small
//! one. An engagement's free-text `subject` says what was discussed; its
//! subject matters are what the report files.
//!
//! Promises: a code is always stored as `SMT-` and digits, upper case; an
//! engagement only ever carries codes the library's list holds (an unknown
//! code is refused naming it, before anything is written); an import is one
//! transaction and a file that is not the codes list changes nothing; codes
//! are listed in their numeric order (`SMT-2` before `SMT-10`).

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::engagements::Engagement;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::message::Message;
use crate::registry::csv::{Record, RegistryCsv};

/// The name of the Registry's file of codes, as downloaded.
pub const CODES_FILE: &str = "Codes_SubjectMatterTypesExport.csv";

/// A subject matter of the Registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SubjectMatter {
    /// `SMT-17`.
    pub code: String,
    pub name_en: String,
    /// Empty when no French name is known.
    pub name_fr: String,
}

impl SubjectMatter {
    /// The name in French when asked and known, else in English.
    pub fn name(&self, french: bool) -> &str {
        if french && !self.name_fr.trim().is_empty() {
            &self.name_fr
        } else {
            &self.name_en
        }
    }
}

/// What an import of the codes file did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SubjectImport {
    pub added: i64,
    pub renamed: i64,
    pub unchanged: i64,
}

/// `smt-8`, ` SMT-08 ` → `SMT-8`; `None` for anything else.
pub fn normalise_code(text: &str) -> Option<String> {
    let t = text.trim();
    let digits = t.get(..4).filter(|p| p.eq_ignore_ascii_case("smt-")).map(|_| &t[4..])?;
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(format!("SMT-{n}"))
}

/// Reads the Registry's codes file at `path` whole (it lists some tens of
/// codes): `(code, English name, French name)`. A file without the codes
/// columns, a code that is not `SMT-n` or a code without a name is refused
/// naming the line.
pub fn read_codes_file(path: &Path) -> Result<Vec<SubjectMatter>> {
    let mut csv = RegistryCsv::open(path)?;
    let cols = csv.columns(CODES_FILE, &["SUBJECT_CODE_OBJET", "SMT_EN_DESC"])?;
    let fr = csv.column("SMT_FR_DESC");
    let mut out: Vec<SubjectMatter> = Vec::new();
    let mut record = Record::default();
    while csv.next(&mut record)? {
        let text = record.get(cols[0]);
        let name_en = record.get(cols[1]);
        let Some(code) = normalise_code(text).filter(|_| !name_en.is_empty()) else {
            return Err(Error::invalid(Message::SubjectCodeBad {
                path: path.display().to_string(),
                line: record.line as i64,
                text: text.chars().take(40).collect(),
            }));
        };
        let matter = SubjectMatter { code, name_en: name_en.to_owned(), name_fr: record.opt(fr).to_owned() };
        match out.iter_mut().find(|m| m.code == matter.code) {
            Some(m) => *m = matter,
            None => out.push(matter),
        }
        if out.len() > 10_000 {
            return Err(csv.not_this_file(CODES_FILE, vec![]));
        }
    }
    if out.is_empty() {
        return Err(Error::invalid(Message::RegistryNoRows { path: path.display().to_string(), file: CODES_FILE.to_owned() }));
    }
    Ok(out)
}

impl Library {
    /// The library's subject matters, in code order.
    pub fn subject_matters(&self) -> Result<Vec<SubjectMatter>> {
        let mut stmt = self.conn()?.prepare(
            "SELECT code, name_en, name_fr FROM subject_matters ORDER BY CAST(substr(code, 5) AS INTEGER), code",
        )?;
        let rows = stmt.query_map([], |r| Ok(SubjectMatter { code: r.get(0)?, name_en: r.get(1)?, name_fr: r.get(2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds the codes of the Registry's file at `path` that the library
    /// lacks and renames those whose names changed, in one transaction. A
    /// French name already known is kept when the file has none.
    pub fn import_subject_matters(&mut self, path: &Path) -> Result<SubjectImport> {
        let matters = read_codes_file(path)?;
        self.add_subject_matters(&matters)
    }

    /// Adds or renames `matters` in one transaction (the import, the sample).
    pub fn add_subject_matters(&mut self, matters: &[SubjectMatter]) -> Result<SubjectImport> {
        let mut done = SubjectImport::default();
        let known = self.subject_matters()?;
        let mut changes = Vec::new();
        for m in matters {
            match known.iter().find(|k| k.code == m.code) {
                None => {
                    done.added += 1;
                    changes.push(m.clone());
                }
                Some(k) => {
                    let name_fr = if m.name_fr.is_empty() { k.name_fr.clone() } else { m.name_fr.clone() };
                    if k.name_en != m.name_en || k.name_fr != name_fr {
                        done.renamed += 1;
                        changes.push(SubjectMatter { name_fr, ..m.clone() });
                    } else {
                        done.unchanged += 1;
                    }
                }
            }
        }
        if !changes.is_empty() {
            self.write(|tx| {
                for m in &changes {
                    tx.execute(
                        "INSERT INTO subject_matters (code, name_en, name_fr) VALUES (?1, ?2, ?3)
                         ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_fr = excluded.name_fr",
                        params![m.code, m.name_en, m.name_fr],
                    )?;
                }
                Ok(())
            })?;
        }
        Ok(done)
    }

    /// `codes` written the one way, each checked against the library's
    /// list, duplicates dropped; an unknown or malformed code is refused
    /// naming it.
    pub fn check_subject_codes(&self, codes: &[String]) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        for text in codes {
            let Some(code) = normalise_code(text) else {
                return Err(Error::invalid(Message::SubjectCodeUnknown { code: text.trim().to_owned() }));
            };
            let known: Option<String> = self
                .conn()?
                .query_row("SELECT code FROM subject_matters WHERE code = ?1", [&code], |r| r.get(0))
                .optional()?;
            if known.is_none() {
                return Err(Error::invalid(Message::SubjectCodeUnknown { code }));
            }
            if !out.contains(&code) {
                out.push(code);
            }
        }
        Ok(out)
    }

    /// Sets the subject matters of engagement `id` to `codes`, replacing
    /// those it had, in one transaction.
    pub fn set_engagement_subjects(&mut self, id: i64, codes: &[String]) -> Result<Engagement> {
        self.engagement(id)?;
        let codes = self.check_subject_codes(codes)?;
        self.write(|tx| {
            tx.execute("DELETE FROM engagement_subjects WHERE engagement_id = ?1", [id])?;
            for c in &codes {
                tx.execute("INSERT INTO engagement_subjects (engagement_id, code) VALUES (?1, ?2)", params![id, c])?;
            }
            Ok(())
        })?;
        self.engagement(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_written_one_way_and_junk_is_not_a_code() {
        assert_eq!(normalise_code(" smt-08 ").as_deref(), Some("SMT-8"));
        assert_eq!(normalise_code("SMT-17").as_deref(), Some("SMT-17"));
        for bad in ["", "SMT-", "SMT-x", "STM-8", "8", "SMT-8a", "SMT-12345678901"] {
            assert_eq!(normalise_code(bad), None, "`{bad}` is not a code");
        }
    }
}
