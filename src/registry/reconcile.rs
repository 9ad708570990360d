//! Our monthly communication reports checked against what the Registry of
//! Lobbyists published as filed.
//!
//! [`Library::reconcile_registry`] reads the Registry's communication-report
//! files from a folder and, for each month, lists the communications filed
//! and in our log, those reportable in our log but not filed, those filed
//! but not in our log, and the fields (position title, institution, subject
//! matters) where a matched pair differs.
//!
//! - **Ours.** A report is ours when its `CLIENT_ORG_CORP_NUM` or its
//!   `REGISTRANT_NUM_DECLARANT` is one of the numbers in the
//!   `registry-numbers` setting (an organisation files under several over
//!   the years). No numbers set: refused, saying how to set them.
//! - **Amendments.** An amended report stays in the file, named by its
//!   replacement's `PREV_COMLOG_ID_PRECEDNT`. Every report of ours that
//!   another report of ours names there is set aside, so only the latest
//!   report of a chain counts, whatever the chain's length or the order of
//!   the rows.
//! - **Matching.** Our side is the monthly report's rows (one per
//!   reportable meeting or call and office holder: [`Library::lobbying_report`],
//!   the one rule of what is filed); the Registry's side is one row per
//!   report and office holder. A pair matches on the date and the office
//!   holder's name with accents, case and punctuation folded (then, for
//!   what is left, on the family name and first initial).
//! - **Months.** The one asked; else every month from the first to the
//!   last in which the files hold a report of ours (before and after that,
//!   the files say nothing about us).
//! - **Streaming, bounded memory.** The Primary file is read first, a
//!   record at a time, keeping only our reports' ids; then the other files,
//!   keeping only their rows of those reports. The files' size does not
//!   matter; what is kept is in proportion to our own reports.
//!
//! Promises: reads the library and the files, writes nothing; a missing
//! optional file (office holders, subject matters, codes) leaves its part
//! empty, a missing Primary file or a file of another kind is refused
//! naming it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::lobbying::{Month, ReportRow};
use crate::message::Message;
use crate::registry::csv::{fold_name, Record, RegistryCsv};
use crate::settings::{registry_numbers, Setting};
use crate::subjects::{normalise_code, SubjectMatter, CODES_FILE};

pub const PRIMARY_FILE: &str = "Communication_PrimaryExport.csv";
pub const DPOH_FILE: &str = "Communication_DpohExport.csv";
pub const SUBJECTS_FILE: &str = "Communication_SubjectMattersExport.csv";
pub const DETAILS_FILE: &str = "Communication_SubjectMatterDetailsExport.csv";

/// A communication in our log: one reportable meeting or call with one
/// office holder.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LoggedCommunication {
    pub engagement_id: i64,
    pub date: String,
    pub official_id: i64,
    /// "Given Family".
    pub office_holder: String,
    pub position_title: String,
    pub institution: String,
    pub subject_matters: Vec<SubjectMatter>,
}

/// A communication the Registry lists as filed by us: one report and one
/// office holder.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct FiledCommunication {
    /// The report's `COMLOG_ID`.
    pub comlog_id: String,
    pub date: String,
    /// "Given Family"; empty when the office-holder file was not given.
    pub office_holder: String,
    pub position_title: String,
    pub branch: String,
    pub institution: String,
    /// Codes with their names (from the library's list, else the
    /// Registry's codes file; empty when neither knows the code).
    pub subject_matters: Vec<SubjectMatter>,
    /// Subject matters written out rather than chosen from the codes.
    pub other_subjects: Vec<String>,
    /// The number it was filed under (registration or corporation).
    pub filed_under: String,
}

/// A communication both in our log and filed.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MatchedCommunication {
    pub logged: LoggedCommunication,
    pub filed: FiledCommunication,
}

/// Which field of a matched pair differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceField {
    PositionTitle,
    Institution,
    SubjectMatters,
}

/// A field where our log and the filed report differ.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct FieldDifference {
    pub engagement_id: i64,
    pub comlog_id: String,
    pub date: String,
    pub office_holder: String,
    pub field: DifferenceField,
    /// As in our log (subject matters: their codes, comma-separated).
    pub ours: String,
    /// As filed.
    pub filed: String,
}

/// One month, reconciled.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MonthReconciliation {
    /// "2026-10".
    pub month: String,
    /// "October 2026".
    pub month_name: String,
    pub matched: Vec<MatchedCommunication>,
    /// Reportable in our log, not filed.
    pub not_filed: Vec<LoggedCommunication>,
    /// Filed, not in our log.
    pub not_logged: Vec<FiledCommunication>,
    pub differences: Vec<FieldDifference>,
}

/// What [`Library::reconcile_registry`] found.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Reconciliation {
    /// The numbers our reports were looked for under.
    pub registry_numbers: Vec<String>,
    /// Our reports in the files, amended ones included.
    pub reports_found: i64,
    /// Reports of ours replaced by an amendment, set aside.
    pub amended: i64,
    /// The optional files the folder lacked.
    pub missing_files: Vec<String>,
    pub months: Vec<MonthReconciliation>,
}

impl Reconciliation {
    /// True when every month's filings and log agree.
    pub fn agrees(&self) -> bool {
        self.months.iter().all(|m| m.not_filed.is_empty() && m.not_logged.is_empty() && m.differences.is_empty())
    }
}

/// One report of ours, as the Primary file gives it.
struct Report {
    date: String,
    previous: String,
    filed_under: String,
    office_holders: Vec<OfficeHolder>,
    codes: BTreeSet<String>,
    other: Vec<String>,
}

struct OfficeHolder {
    name: String,
    family: String,
    given: String,
    title: String,
    branch: String,
    institution: String,
}

impl Library {
    /// Reconciles our log with the Registry's files in `folder`, for
    /// `month` or every month the files hold reports of ours. Reads only.
    pub fn reconcile_registry(&self, folder: &Path, month: Option<Month>) -> Result<Reconciliation> {
        let numbers = registry_numbers(&self.setting(Setting::RegistryNumbers)?.unwrap_or_default());
        if numbers.is_empty() {
            return Err(Error::invalid(Message::RegistryNumbersNotSet {}));
        }
        let meta = std::fs::metadata(folder).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::invalid(Message::RegistryNotAFolder { path: folder.display().to_string() }),
            _ => Error::io(folder, e),
        })?;
        if !meta.is_dir() {
            return Err(Error::invalid(Message::RegistryNotAFolder { path: folder.display().to_string() }));
        }
        let primary = find_file(folder, PRIMARY_FILE)?
            .ok_or_else(|| Error::invalid(Message::RegistryPrimaryMissing { folder: folder.display().to_string() }))?;
        let mut missing_files = Vec::new();
        let mut optional = |name: &str| -> Result<Option<PathBuf>> {
            let found = find_file(folder, name)?;
            if found.is_none() {
                missing_files.push(name.to_owned());
            }
            Ok(found)
        };
        let (dpoh, subjects, details, codes) =
            (optional(DPOH_FILE)?, optional(SUBJECTS_FILE)?, optional(DETAILS_FILE)?, optional(CODES_FILE)?);

        // Every file is checked before the long reads, so a wrong one is
        // refused at once.
        let mut reports = read_primary(&primary, &numbers)?;
        let reports_found = reports.len() as i64;
        let superseded: HashSet<String> =
            reports.values().map(|r| r.previous.clone()).filter(|p| !p.is_empty()).collect();
        reports.retain(|id, _| !superseded.contains(id));
        let amended = reports_found - reports.len() as i64;
        if let Some(path) = &dpoh {
            read_office_holders(path, &mut reports)?;
        }
        if let Some(path) = &subjects {
            read_subject_matters(path, &mut reports)?;
        }
        if let Some(path) = &details {
            read_subject_details(path, &mut reports)?;
        }
        let mut names: HashMap<String, SubjectMatter> = HashMap::new();
        if let Some(path) = &codes {
            for m in crate::subjects::read_codes_file(path)? {
                names.insert(m.code.clone(), m);
            }
        }
        for m in self.subject_matters()? {
            names.insert(m.code.clone(), m);
        }

        let months: Vec<Month> = match month {
            Some(m) => vec![m],
            None => {
                let filed: BTreeSet<Month> =
                    reports.values().filter_map(|r| crate::dates::parse_date(&r.date, "COMM_DATE").ok()).map(Month::of).collect();
                match (filed.first(), filed.last()) {
                    (Some(&first), Some(&last)) => {
                        let mut all = vec![first];
                        while let Some(&m) = all.last().filter(|m| **m < last) {
                            all.push(m.next());
                        }
                        all
                    }
                    _ => vec![],
                }
            }
        };
        let mut out = Vec::new();
        for m in months {
            let report = self.lobbying_report(m, m.last_day())?;
            let logged: Vec<(OfficeHolderKey, LoggedCommunication)> =
                report.rows.iter().map(|r| (key(&r.first_name, &r.last_name), logged(r))).collect();
            let (first, last) = (crate::dates::format_date(m.first_day()), crate::dates::format_date(m.last_day()));
            let mut filed: Vec<(OfficeHolderKey, FiledCommunication)> = Vec::new();
            let mut ids: Vec<&String> = reports.keys().collect();
            ids.sort();
            for id in ids {
                let r = &reports[id];
                if r.date < first || r.date > last {
                    continue;
                }
                filed.extend(filed_rows(id, r, &names));
            }
            out.push(reconcile_month(m, logged, filed));
        }
        Ok(Reconciliation { registry_numbers: numbers, reports_found, amended, missing_files, months: out })
    }
}

/// The file `name` in `folder`, its name in any case.
fn find_file(folder: &Path, name: &str) -> Result<Option<PathBuf>> {
    let exact = folder.join(name);
    if exact.is_file() {
        return Ok(Some(exact));
    }
    let entries = std::fs::read_dir(folder).map_err(|e| Error::io(folder, e))?;
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().eq_ignore_ascii_case(name) && entry.path().is_file() {
            return Ok(Some(entry.path()));
        }
    }
    Ok(None)
}

/// Our reports in the Primary file, by `COMLOG_ID`.
fn read_primary(path: &Path, numbers: &[String]) -> Result<HashMap<String, Report>> {
    let mut csv = RegistryCsv::open(path)?;
    let c = csv.columns(PRIMARY_FILE, &["COMLOG_ID", "CLIENT_ORG_CORP_NUM", "REGISTRANT_NUM_DECLARANT", "COMM_DATE"])?;
    let previous = csv.column("PREV_COMLOG_ID_PRECEDNT");
    let ours = |n: &str| !n.is_empty() && numbers.iter().any(|o| o.eq_ignore_ascii_case(n));
    let mut out = HashMap::new();
    let mut rec = Record::default();
    while csv.next(&mut rec)? {
        let (corp, registrant) = (rec.get(c[1]), rec.get(c[2]));
        let filed_under = if ours(registrant) {
            registrant
        } else if ours(corp) {
            corp
        } else {
            continue;
        };
        let id = rec.get(c[0]);
        if id.is_empty() {
            continue;
        }
        // `2026-10-05` or `2026-10-05 00:00:00`: the date is the first ten.
        let date: String = rec.get(c[3]).chars().take(10).collect();
        out.insert(
            id.to_owned(),
            Report {
                date,
                previous: rec.opt(previous).to_owned(),
                filed_under: filed_under.to_owned(),
                office_holders: Vec::new(),
                codes: BTreeSet::new(),
                other: Vec::new(),
            },
        );
    }
    Ok(out)
}

fn read_office_holders(path: &Path, reports: &mut HashMap<String, Report>) -> Result<()> {
    let mut csv = RegistryCsv::open(path)?;
    let c = csv.columns(DPOH_FILE, &["COMLOG_ID", "DPOH_LAST_NM_TCPD", "DPOH_FIRST_NM_PRENOM_TCPD", "DPOH_TITLE_TITRE_TCPD"])?;
    let (branch, institution, other) =
        (csv.column("BRANCH_UNIT_DIRECTION_SERVICE"), csv.column("INSTITUTION"), csv.column("OTHER_INSTITUTION_AUTRE"));
    let mut rec = Record::default();
    while csv.next(&mut rec)? {
        let Some(report) = reports.get_mut(rec.get(c[0])) else { continue };
        let (family, given) = (rec.get(c[1]).to_owned(), rec.get(c[2]).to_owned());
        let institution = match rec.opt(institution) {
            "" => rec.opt(other),
            i => i,
        };
        report.office_holders.push(OfficeHolder {
            name: format!("{given} {family}").trim().to_owned(),
            family,
            given,
            title: rec.get(c[3]).to_owned(),
            branch: rec.opt(branch).to_owned(),
            institution: institution.to_owned(),
        });
    }
    Ok(())
}

/// The subject-matters file, with today's headers or the older ones.
fn read_subject_matters(path: &Path, reports: &mut HashMap<String, Report>) -> Result<()> {
    let mut csv = RegistryCsv::open(path)?;
    let c = if csv.column("SUBJ_MATTER_OBJET").is_some() && csv.column("SUBJECT_CODE_OBJET").is_none() {
        let mut c = csv.columns(SUBJECTS_FILE, &["COMLOG_ID", "SUBJ_MATTER_OBJET"])?;
        c.push(csv.column("OTHER_SUBJ_MATTER_AUTRE_OBJET").unwrap_or(usize::MAX));
        c
    } else {
        let mut c = csv.columns(SUBJECTS_FILE, &["COMLOG_ID", "SUBJECT_CODE_OBJET"])?;
        c.push(csv.column("CUSTOM_SUBJ_OBJET_PERSO").unwrap_or(usize::MAX));
        c
    };
    let mut rec = Record::default();
    while csv.next(&mut rec)? {
        let Some(report) = reports.get_mut(rec.get(c[0])) else { continue };
        add_subjects(report, rec.get(c[1]));
        let other = rec.get(c[2]);
        if !other.is_empty() && !report.other.iter().any(|o| o == other) {
            report.other.push(other.to_owned());
        }
    }
    Ok(())
}

/// The details file: comma-joined code lists such as `SMT-8, SMT-17`.
fn read_subject_details(path: &Path, reports: &mut HashMap<String, Report>) -> Result<()> {
    let mut csv = RegistryCsv::open(path)?;
    let c = csv.columns(DETAILS_FILE, &["COMLOG_ID", "SUBJECT_CODE_OBJET"])?;
    let mut rec = Record::default();
    while csv.next(&mut rec)? {
        if let Some(report) = reports.get_mut(rec.get(c[0])) {
            add_subjects(report, rec.get(c[1]));
        }
    }
    Ok(())
}

/// Adds the codes of `field` (one, or several comma-joined); text that is
/// not a code is a subject matter written out.
fn add_subjects(report: &mut Report, field: &str) {
    for part in field.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        match normalise_code(part) {
            Some(code) => {
                report.codes.insert(code);
            }
            None if !report.other.iter().any(|o| o == part) => report.other.push(part.to_owned()),
            None => {}
        }
    }
}

fn matters(codes: impl IntoIterator<Item = String>, names: &HashMap<String, SubjectMatter>) -> Vec<SubjectMatter> {
    let mut out: Vec<SubjectMatter> = codes
        .into_iter()
        .map(|code| {
            names.get(&code).cloned().unwrap_or(SubjectMatter { code, name_en: String::new(), name_fr: String::new() })
        })
        .collect();
    out.sort_by_key(|m| (m.code[4..].parse::<u64>().unwrap_or(u64::MAX), m.code.clone()));
    out
}

/// How an office holder is matched: the folded full name, and the folded
/// family name with the first initial.
#[derive(Clone, PartialEq, Eq)]
struct OfficeHolderKey {
    full: String,
    short: String,
}

fn key(given: &str, family: &str) -> OfficeHolderKey {
    let family = fold_name(family);
    let given = fold_name(given);
    OfficeHolderKey {
        full: format!("{given} {family}").trim().to_owned(),
        short: format!("{} {family}", given.chars().next().map(String::from).unwrap_or_default()),
    }
}

fn filed_rows(id: &str, r: &Report, names: &HashMap<String, SubjectMatter>) -> Vec<(OfficeHolderKey, FiledCommunication)> {
    let row = |o: Option<&OfficeHolder>| FiledCommunication {
        comlog_id: id.to_owned(),
        date: r.date.clone(),
        office_holder: o.map(|o| o.name.clone()).unwrap_or_default(),
        position_title: o.map(|o| o.title.clone()).unwrap_or_default(),
        branch: o.map(|o| o.branch.clone()).unwrap_or_default(),
        institution: o.map(|o| o.institution.clone()).unwrap_or_default(),
        subject_matters: matters(r.codes.iter().cloned(), names),
        other_subjects: r.other.clone(),
        filed_under: r.filed_under.clone(),
    };
    if r.office_holders.is_empty() {
        return vec![(key("", ""), row(None))];
    }
    r.office_holders.iter().map(|o| (key(&o.given, &o.family), row(Some(o)))).collect()
}

fn logged(r: &ReportRow) -> LoggedCommunication {
    LoggedCommunication {
        engagement_id: r.engagement_id,
        date: r.date.clone(),
        official_id: r.official_id,
        office_holder: format!("{} {}", r.first_name, r.last_name).trim().to_owned(),
        position_title: r.position_title.clone(),
        institution: r.institution.clone(),
        subject_matters: r.subject_matters.clone(),
    }
}

fn reconcile_month(
    month: Month,
    logged: Vec<(OfficeHolderKey, LoggedCommunication)>,
    filed: Vec<(OfficeHolderKey, FiledCommunication)>,
) -> MonthReconciliation {
    let (logged_keys, logged): (Vec<OfficeHolderKey>, Vec<LoggedCommunication>) = logged.into_iter().unzip();
    let mut filed_taken = vec![false; filed.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut logged_taken = vec![false; logged.len()];
    for pass in 0..2 {
        for (i, l) in logged.iter().enumerate() {
            if logged_taken[i] {
                continue;
            }
            let found = filed.iter().enumerate().position(|(j, (k, f))| {
                !filed_taken[j]
                    && f.date == l.date
                    && if pass == 0 { k.full == logged_keys[i].full } else { k.short == logged_keys[i].short }
            });
            if let Some(j) = found {
                filed_taken[j] = true;
                logged_taken[i] = true;
                pairs.push((i, j));
            }
        }
    }
    pairs.sort();
    let mut differences = Vec::new();
    let mut matched = Vec::new();
    for &(i, j) in &pairs {
        let (l, f) = (&logged[i], &filed[j].1);
        let mut differ = |field: DifferenceField, ours: String, theirs: String| {
            differences.push(FieldDifference {
                engagement_id: l.engagement_id,
                comlog_id: f.comlog_id.clone(),
                date: l.date.clone(),
                office_holder: l.office_holder.clone(),
                field,
                ours,
                filed: theirs,
            });
        };
        if fold_name(&l.position_title) != fold_name(&f.position_title) {
            differ(DifferenceField::PositionTitle, l.position_title.clone(), f.position_title.clone());
        }
        if fold_name(&l.institution) != fold_name(&f.institution) {
            differ(DifferenceField::Institution, l.institution.clone(), f.institution.clone());
        }
        let codes = |m: &[SubjectMatter]| m.iter().map(|m| m.code.clone()).collect::<Vec<_>>().join(", ");
        if codes(&l.subject_matters) != codes(&f.subject_matters) {
            differ(DifferenceField::SubjectMatters, codes(&l.subject_matters), codes(&f.subject_matters));
        }
        matched.push(MatchedCommunication { logged: l.clone(), filed: f.clone() });
    }
    let not_filed = logged.iter().enumerate().filter(|(i, _)| !logged_taken[*i]).map(|(_, l)| l.clone()).collect();
    let not_logged = filed.into_iter().enumerate().filter(|(j, _)| !filed_taken[*j]).map(|(_, (_, f))| f).collect();
    MonthReconciliation { month: month.key(), month_name: month.name(), matched, not_filed, not_logged, differences }
}
