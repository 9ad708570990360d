//! `dossier campaign|official|engagement|subject …`.

use dossier::campaigns::{CampaignFilter, NewCampaign};
use dossier::engagements::{Debrief, EngagementFilter, NewEngagement};
use dossier::import::read_document;
use dossier::officials::{NewOfficial, NewRole};
use dossier::{dates, Error, Library, Result};

use crate::cli::{CampaignCommand, EngagementCommand, OfficialCommand, RoleArgs, SubjectCommand};
use crate::output;

pub fn campaign(lib: &mut Library, cmd: CampaignCommand) -> Result<()> {
    match cmd {
        CampaignCommand::List { from, to, tag, out } => {
            let list = lib.campaigns(&CampaignFilter { from_year: from, to_year: to, tag })?;
            if out.json {
                return output::json(&list);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.started_on.clone(),
                        c.ended_on.clone().unwrap_or_else(|| "ongoing".into()),
                        output::clip(&c.title, 70),
                        c.engagements.to_string(),
                    ]
                })
                .collect();
            output::table(&["ID", "STARTED", "ENDED", "TITLE", "ENGAGEMENTS"], &rows);
            Ok(())
        }
        CampaignCommand::Show { id, out } => {
            let c = lib.campaign(id)?;
            if out.json {
                return output::json(&c);
            }
            outln!("# {}\n", c.title);
            output::fields(&[
                ("Campaign", c.id.to_string()),
                ("Dates", format!("{} – {}", c.started_on, c.ended_on.clone().unwrap_or_else(|| "ongoing".into()))),
                ("Tags", c.tags.join(", ")),
                ("Papers", c.paper_ids.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")),
                ("Engagements", c.engagements.to_string()),
                ("Summary", c.summary.clone()),
                ("Outcome", c.outcome.clone()),
            ]);
            if !c.description.is_empty() {
                outln!("\n{}", c.description);
            }
            Ok(())
        }
        CampaignCommand::Add { title, start, end, summary, description_file, outcome, tags, papers, out } => {
            let description = match description_file {
                Some(f) => read_document(&f, lib.max_file_bytes())?.body,
                None => String::new(),
            };
            let c = lib.add_campaign(NewCampaign {
                title,
                started_on: Some(dates::parse_date(&start, "--start")?),
                ended_on: end.map(|e| dates::parse_date(&e, "--end")).transpose()?,
                summary,
                description,
                outcome,
                tags,
                paper_ids: papers,
            })?;
            if out.json {
                return output::json(&c);
            }
            outln!("Added campaign {}: {}", c.id, c.title);
            Ok(())
        }
    }
}

fn new_role(role: RoleArgs, until: Option<String>) -> Result<NewRole> {
    Ok(NewRole {
        title: role.title,
        branch: role.branch,
        institution: role.institution,
        started_on: match role.since {
            Some(d) => dates::parse_date(&d, "--since")?,
            None => dates::today(),
        },
        ended_on: until.map(|d| dates::parse_date(&d, "--until")).transpose()?,
    })
}

pub fn official(lib: &mut Library, cmd: OfficialCommand) -> Result<()> {
    match cmd {
        OfficialCommand::List(out) => list_officials(lib, out.json),
        OfficialCommand::Show { id, out } => show_official(lib, id, out.json),
        OfficialCommand::Add { given_name, family_name, chamber, party, constituency, role, out } => {
            let o = lib.add_official(NewOfficial {
                given_name,
                family_name,
                chamber: chamber.parse()?,
                party,
                constituency,
                roles: vec![new_role(role, None)?],
            })?;
            if out.json {
                return output::json(&o);
            }
            outln!("Added official {}: {}, {}", o.id, o.name, o.title);
            Ok(())
        }
        OfficialCommand::Import { files, dry_run, lang, out } => crate::parliament::import(lib, files, dry_run, lang, out.json),
        OfficialCommand::Role { id, role, until, out } => {
            let o = lib.add_role(id, new_role(role, until)?)?;
            if out.json {
                return output::json(&o);
            }
            outln!("Official {}: {} now has {} roles", o.id, o.name, o.roles.len());
            Ok(())
        }
    }
}

fn list_officials(lib: &Library, json: bool) -> Result<()> {
    let list = lib.officials()?;
    if json {
        return output::json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|o| {
            vec![
                o.id.to_string(),
                format!("{}, {}", o.family_name, o.given_name),
                o.chamber.as_str().into(),
                o.party.clone(),
                output::clip(&o.constituency, 34),
                output::clip(&o.title, 44),
                o.engagements.to_string(),
            ]
        })
        .collect();
    output::table(&["ID", "NAME", "CHAMBER", "PARTY", "RIDING/PROVINCE", "TITLE", "ENGAGEMENTS"], &rows);
    Ok(())
}

fn show_official(lib: &Library, id: i64, json: bool) -> Result<()> {
    let o = lib.official(id)?;
    let history = lib.engagements(&EngagementFilter { official_id: Some(id), ..Default::default() })?;
    if json {
        return output::json(&serde_json::json!({ "official": o, "engagements": history }));
    }
    outln!("# {}\n", o.name);
    output::fields(&[
        ("Official", o.id.to_string()),
        ("Title", o.title.clone()),
        ("Chamber", o.chamber.as_str().into()),
        ("Party", o.party.clone()),
        ("Riding/province", o.constituency.clone()),
    ]);
    outln!("\nRoles");
    for r in &o.roles {
        let place = [r.branch.as_str(), r.institution.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        outln!(
            "  {} – {}  {}{}",
            r.started_on,
            r.ended_on.clone().unwrap_or_else(|| "now".into()),
            r.title,
            if place.is_empty() { String::new() } else { format!(" ({place})") }
        );
    }
    outln!("\nEngagements ({})", history.len());
    for e in &history {
        outln!("  {}  {:8} {}", e.date, e.kind.as_str(), output::clip(&e.subject, 80));
    }
    Ok(())
}

/// Parses `ID` or `ID@VERSION`.
pub fn paper_ref(text: &str) -> Result<(i64, Option<i64>)> {
    let bad = || Error::Invalid(dossier::Message::BadPaperRef { text: text.to_owned() });
    match text.split_once('@') {
        Some((id, n)) => Ok((id.trim().parse().map_err(|_| bad())?, Some(n.trim().parse().map_err(|_| bad())?))),
        None => Ok((text.trim().parse().map_err(|_| bad())?, None)),
    }
}

pub fn engagement(lib: &mut Library, cmd: EngagementCommand) -> Result<()> {
    match cmd {
        EngagementCommand::List { official, campaign, from, to, kind, reportable, out } => {
            let filter = EngagementFilter {
                official_id: official,
                campaign_id: campaign,
                from: from.map(|d| dates::parse_date(&d, "--from")).transpose()?,
                to: to.map(|d| dates::parse_date(&d, "--to")).transpose()?,
                kind: kind.map(|k| k.parse()).transpose()?,
                reportable: reportable.then_some(true),
            };
            list_engagements(lib, &filter, out.json)
        }
        EngagementCommand::Show { id, out } => show_engagement(lib, id, out.json),
        EngagementCommand::Add {
            kind, date, time, place, officials, campaign, papers, subject, notes, notes_file, follow_ups, attendees, reportable,
            not_reportable, subject_matters, out,
        } => {
            let notes = match notes_file {
                Some(f) => read_document(&f, lib.max_file_bytes())?.body,
                None => notes,
            };
            let e = lib.add_engagement(NewEngagement {
                kind: kind.parse()?,
                date: dates::parse_date(&date, "--date")?,
                time: time.map(|t| dates::parse_time(&t, "--time")).transpose()?,
                place,
                campaign_id: campaign,
                subject,
                notes,
                follow_ups,
                attendees,
                reportable: if reportable { Some(true) } else if not_reportable { Some(false) } else { None },
                official_ids: officials,
                papers: papers.iter().map(|p| paper_ref(p)).collect::<Result<_>>()?,
                subjects: subject_matters,
                logged_by: crate::author(None),
            })?;
            if out.json {
                return output::json(&e);
            }
            outln!(
                "Logged engagement {}: {} on {}{}",
                e.id,
                e.kind.as_str(),
                e.date,
                if e.reportable { " (reportable)" } else { "" }
            );
            Ok(())
        }
        EngagementCommand::Debrief { id, outcome, outcome_file, follow_ups, reportable, not_reportable, out } => {
            let before = lib.engagement(id)?;
            let outcome = match outcome_file {
                Some(f) => Some(read_document(&f, lib.max_file_bytes())?.body),
                None => outcome,
            };
            let debrief = Debrief {
                outcome: outcome.unwrap_or(before.outcome),
                follow_ups: follow_ups.unwrap_or(before.follow_ups),
                reportable: if reportable { true } else if not_reportable { false } else { before.reportable },
            };
            let e = lib.debrief_engagement(id, &debrief)?;
            if out.json {
                return output::json(&e);
            }
            outln!("Debriefed engagement {}: {}", e.id, if e.reportable { "reportable" } else { "not reportable" });
            Ok(())
        }
        EngagementCommand::Edit { id, subject_matters, no_subject_matters, out } => {
            let codes = if no_subject_matters { Vec::new() } else { subject_matters };
            let e = lib.set_engagement_subjects(id, &codes)?;
            if out.json {
                return output::json(&e);
            }
            match e.subjects.is_empty() {
                true => outln!("Engagement {}: no subject matters", e.id),
                false => outln!("Engagement {}: subject matters {}", e.id, e.subjects.join(", ")),
            }
            Ok(())
        }
    }
}

/// `dossier subject list|import`.
pub fn subject(lib: &mut Library, cmd: SubjectCommand) -> Result<()> {
    match cmd {
        SubjectCommand::List(out) => {
            let list = lib.subject_matters()?;
            if out.json {
                return output::json(&list);
            }
            if list.is_empty() {
                outln!("No subject matters yet: import the Registry's list with `dossier subject import Codes_SubjectMatterTypesExport.csv`");
                return Ok(());
            }
            let rows: Vec<Vec<String>> =
                list.iter().map(|m| vec![m.code.clone(), m.name_en.clone(), m.name_fr.clone()]).collect();
            output::table(&["CODE", "NAME", "FRENCH NAME"], &rows);
            Ok(())
        }
        SubjectCommand::Import { file, out } => {
            let done = lib.import_subject_matters(&file)?;
            if out.json {
                return output::json(&done);
            }
            outln!("{} added, {} renamed, {} unchanged", done.added, done.renamed, done.unchanged);
            Ok(())
        }
    }
}

fn list_engagements(lib: &Library, filter: &EngagementFilter, json: bool) -> Result<()> {
    let list = lib.engagements(filter)?;
    if json {
        return output::json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let who = e.officials.iter().map(|o| o.name.as_str()).collect::<Vec<_>>();
            let who = match who.len() {
                0 => String::new(),
                1..=2 => who.join(", "),
                n => format!("{} and {} others", who[0], n - 1),
            };
            vec![
                e.id.to_string(),
                e.date.clone(),
                e.kind.as_str().into(),
                if e.reportable { "yes".into() } else { String::new() },
                output::clip(&who, 36),
                output::clip(&e.subject, 60),
            ]
        })
        .collect();
    output::table(&["ID", "DATE", "KIND", "REPORT", "WITH", "SUBJECT"], &rows);
    Ok(())
}

/// "SMT-11 Foreign Affairs; SMT-16 International Development".
fn subject_line(lib: &Library, codes: &[String]) -> Result<String> {
    let names = lib.subject_matters()?;
    Ok(codes
        .iter()
        .map(|c| match names.iter().find(|m| &m.code == c) {
            Some(m) => format!("{c} {}", m.name_en),
            None => c.clone(),
        })
        .collect::<Vec<_>>()
        .join("; "))
}

fn show_engagement(lib: &Library, id: i64, json: bool) -> Result<()> {
    let e = lib.engagement(id)?;
    if json {
        return output::json(&e);
    }
    outln!("# {}\n", e.subject);
    output::fields(&[
        ("Engagement", e.id.to_string()),
        ("Kind", e.kind.as_str().into()),
        ("When", format!("{} {}", e.date, e.time.clone().unwrap_or_default()).trim().to_owned()),
        ("Where", e.place.clone()),
        ("With", e.officials.iter().map(|o| format!("{} ({})", o.name, o.official_id)).collect::<Vec<_>>().join(", ")),
        ("Campaign", e.campaign_title.clone().unwrap_or_default()),
        ("Papers", e.papers.iter().map(|p| format!("{} (paper {}, v{})", p.title, p.paper_id, p.version)).collect::<Vec<_>>().join("; ")),
        ("Reportable", if e.reportable { "yes".into() } else { "no".into() }),
        ("Subject matters", subject_line(lib, &e.subjects)?),
        ("For us", e.attendees.clone()),
        ("Outcome", e.outcome.clone()),
        ("Follow-ups", e.follow_ups.clone()),
        ("Logged by", e.logged_by.clone()),
    ]);
    if !e.notes.is_empty() {
        outln!("\n{}", e.notes);
    }
    Ok(())
}
