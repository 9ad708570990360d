//! A small library built through the public API for the export tests and
//! the export benchmark: an MP with two roles and a history of engagements,
//! an upcoming meeting, a published English paper (with Arabic and Hebrew
//! names), a published French paper, and a paper that was never published.

#![allow(dead_code)]

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use dossier::campaigns::NewCampaign;
use dossier::engagements::{EngagementKind, NewEngagement};
use dossier::officials::{Chamber, NewOfficial, NewRole};
use dossier::packets::NewPacket;
use dossier::papers::{Draft, Lang, NewPaper};
use dossier::Library;

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub lib: Library,
    pub official: i64,
    pub meeting: i64,
    pub en_paper: i64,
    pub fr_paper: i64,
    pub draft_paper: i64,
}

pub const ARABIC: &str = "الشيخ جراح";
pub const HEBREW: &str = "שייח' ג'ראח";
pub const EN_TITLE: &str = "Protecting residents of Sheikh Jarrah";
pub const FR_TITLE: &str = "Élections palestiniennes : appuyer un scrutin libre";
pub const DRAFT_TITLE: &str = "Arms exports: closing the loopholes";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32) -> Option<chrono::DateTime<Utc>> {
    Some(Utc.with_ymd_and_hms(y, m, d, 15, 0, 0).unwrap())
}

pub const EN_BODY: &str = "\
# Protecting residents of Sheikh Jarrah

Families in the East Jerusalem neighbourhood of Sheikh Jarrah (Arabic: الشيخ جراح; Hebrew: שייח' ג'ראח) face eviction. This paper sets out **what Canada has said**, *what it can do*, and what we ask.

## Background

Since 1972, legal claims have been filed against Palestinian families who were settled in the neighbourhood in 1956. The cases have moved through Israeli courts for decades; see the [UN OCHA overview](https://www.ochaopt.org/) for figures.

> Canada does not recognize permanent Israeli control over territories occupied in 1967.
> — Global Affairs Canada

## What we ask

1. Say publicly that forced evictions in occupied territory breach the Fourth Geneva Convention.
2. Raise the cases of named families with the Israeli ambassador.
3. Fund legal aid through trusted partners.

Key facts:

- About **300 residents** are at risk.
- Several families have lived there for *three generations*.
- Hearings resumed in 2021.
";

pub const FR_BODY: &str = "\
# Élections palestiniennes : appuyer un scrutin libre

Le Canada a financé l’observation des élections de 2006. Pourquoi ne pas soutenir aujourd’hui la tenue d’un scrutin libre ? Nous demandons trois gestes concrets : un appui public, un financement et une présence d’observateurs.

## Contexte

Les dernières élections législatives ont eu lieu en janvier 2006 ; depuis, aucun scrutin national n’a été tenu. La société civile réclame « des élections dès que possible » !

## Nos demandes

- Déclarer l’appui du Canada à des élections **libres et équitables**.
- Financer l’observation électorale indépendante.
- Éviter toute *ingérence* dans le choix des électeurs.
";

pub fn build() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::init(&dir.path().join("lib")).unwrap();
    let official = lib
        .add_official(NewOfficial {
            given_name: "Élise".into(),
            family_name: "Tremblay-Nadeau".into(),
            chamber: Chamber::House,
            party: "Liberal".into(),
            constituency: "Laurier—Sainte-Marie".into(),
            roles: vec![NewRole {
                title: "Member of Parliament".into(),
                branch: String::new(),
                institution: "House of Commons".into(),
                started_on: date(2015, 10, 19),
                ended_on: None,
            }],
        })
        .unwrap()
        .id;
    lib.add_role(
        official,
        NewRole {
            title: "Parliamentary Secretary to the Minister of Foreign Affairs".into(),
            branch: "Global Affairs Canada".into(),
            institution: String::new(),
            started_on: date(2019, 12, 12),
            ended_on: Some(date(2021, 9, 20)),
        },
    )
    .unwrap();
    let campaign = lib
        .add_campaign(NewCampaign {
            title: "Accountability for settlement expansion".into(),
            started_on: Some(date(2016, 1, 1)),
            summary: "Press for Canadian policy to match its stated positions.".into(),
            ..NewCampaign::default()
        })
        .unwrap()
        .id;

    let en_paper = lib
        .add_paper(NewPaper {
            lang: Lang::En,
            tags: vec!["jerusalem".into()],
            draft: Draft {
                title: EN_TITLE.into(),
                summary: "Evictions in Sheikh Jarrah and what Canada can do about them.".into(),
                body: EN_BODY.into(),
                author: "Policy team".into(),
                note: "First version".into(),
                at: at(2021, 5, 3),
            },
        })
        .unwrap()
        .paper_id;
    lib.publish(en_paper, None, at(2021, 5, 4)).unwrap();
    let fr_paper = lib
        .add_paper(NewPaper {
            lang: Lang::Fr,
            tags: vec!["élections".into()],
            draft: Draft {
                title: FR_TITLE.into(),
                summary: "Pourquoi le Canada doit appuyer la tenue d’élections.".into(),
                body: FR_BODY.into(),
                author: "Équipe politique".into(),
                note: "Première version".into(),
                at: at(2021, 4, 1),
            },
        })
        .unwrap()
        .paper_id;
    lib.publish(fr_paper, None, at(2021, 4, 2)).unwrap();
    let draft_paper = lib
        .add_paper(NewPaper {
            lang: Lang::En,
            tags: vec![],
            draft: Draft {
                title: DRAFT_TITLE.into(),
                summary: String::new(),
                body: "Canada should publish every permit.\n\nThis text is **not yet approved**.".into(),
                author: "Policy team".into(),
                note: String::new(),
                at: at(2024, 2, 1),
            },
        })
        .unwrap()
        .paper_id;

    for (y, m, d, kind, subject) in [
        (2017, 3, 14, EngagementKind::Meeting, "Introductory meeting on settlement goods labelling"),
        (2019, 6, 2, EngagementKind::Letter, "Letter on UN votes"),
        (2021, 5, 12, EngagementKind::Call, "Call on evictions in Sheikh Jarrah"),
    ] {
        lib.add_engagement(NewEngagement {
            kind,
            date: date(y, m, d),
            time: None,
            place: String::new(),
            campaign_id: Some(campaign),
            subject: subject.into(),
            notes: String::new(),
            follow_ups: String::new(),
            attendees: String::new(),
            reportable: None,
            official_ids: vec![official],
            papers: vec![],
            subjects: vec![],
            logged_by: "Test Staff".into(),
        })
        .unwrap();
    }
    let meeting = lib
        .add_engagement(NewEngagement {
            kind: EngagementKind::Meeting,
            date: date(2026, 12, 3),
            time: NaiveTime::from_hms_opt(14, 30, 0),
            place: "Room 228, Valour Building, Ottawa".into(),
            campaign_id: Some(campaign),
            subject: "Hill day: Sheikh Jarrah and elections".into(),
            notes: String::new(),
            follow_ups: String::new(),
            attendees: String::new(),
            reportable: None,
            official_ids: vec![official],
            papers: vec![],
            subjects: vec![],
            logged_by: "Test Staff".into(),
        })
        .unwrap()
        .id;
    Fixture { dir, lib, official, meeting, en_paper, fr_paper, draft_paper }
}

impl Fixture {
    /// A published English paper titled `title` whose text is `body`.
    pub fn paper_with_body(&mut self, title: &str, body: String) -> i64 {
        let id = self
            .lib
            .add_paper(NewPaper { lang: Lang::En, tags: vec![], draft: Draft { title: title.into(), body, author: "Test".into(), ..Draft::default() } })
            .unwrap()
            .paper_id;
        self.lib.publish(id, None, None).unwrap();
        id
    }

    /// A packet for the meeting holding `items` (paper, pinned version).
    pub fn packet(&mut self, items: &[(i64, Option<i64>)]) -> i64 {
        let id = self
            .lib
            .create_packet(NewPacket {
                title: "Hill day with Élise Tremblay-Nadeau".into(),
                official_id: Some(self.official),
                engagement_id: Some(self.meeting),
                meeting_on: Some(date(2026, 12, 3)),
                prepared_by: "Samira Haddad".into(),
            })
            .unwrap()
            .id;
        for &(paper, version) in items {
            self.lib.add_packet_item(id, paper, version).unwrap();
        }
        self.lib
            .set_packet_notes(
                id,
                "## Talking points\n\n- Thank the member for her **2021 statement**.\n- Ask about the evictions in الشيخ جراح.\n\n## The ask\n\nA public statement before the end of the sitting.",
            )
            .unwrap();
        id
    }

    /// A published paper long enough to fill about `pages` Letter pages.
    pub fn long_paper(&mut self, pages: usize) -> i64 {
        let mut body = String::from("# A long history\n\n");
        for s in 0..pages {
            body.push_str(&format!("## Part {}\n\n", s + 1));
            for p in 0..5 {
                body.push_str(&format!(
                    "Paragraph {p} of part {s}. Canada's record at the United Nations shows a pattern of votes, \
                     abstentions and statements that the organisation has tracked since 2004, with **emphasis** on \
                     *accountability* and the rights of residents of الشيخ جراح and שייח' ג'ראח. The pattern matters \
                     because officials change but positions endure; each vote is a commitment that later statements \
                     are measured against, and the record is public.\n\n"
                ));
            }
        }
        let id = self
            .lib
            .add_paper(NewPaper {
                lang: Lang::En,
                tags: vec![],
                draft: Draft {
                    title: "A long history of votes".into(),
                    summary: String::new(),
                    body,
                    author: "Policy team".into(),
                    note: String::new(),
                    at: at(2022, 1, 1),
                },
            })
            .unwrap()
            .paper_id;
        self.lib.publish(id, None, at(2022, 1, 2)).unwrap();
        id
    }
}

/// A Markdown table of `rows` rows under the header [`TABLE_HEADER`]: cell
/// `j` of row `i` starts with the word `R{i}C{j}`, so a test can find every
/// cell in the PDF's text; every fifth row's last cell runs over several
/// lines. About 150 bytes a row.
pub fn table_markdown(rows: usize) -> String {
    let mut md = format!("| {} |\n|--:|---|---|---|\n", TABLE_HEADER.join(" | "));
    for i in 1..=rows {
        let long = if i % 5 == 0 { " and a longer account of what was said, which wraps over more than one line of its cell" } else { "" };
        md.push_str(&format!(
            "| R{i}C0 | R{i}C1 Member of the House | R{i}C2 Standing Committee on Foreign Affairs | R{i}C3 Meeting on settlement goods{long} |\n"
        ));
    }
    md
}

pub const TABLE_HEADER: [&str; 4] = ["Number", "Office holder", "Committee", "Subject"];

/// Letter's text area, as packet exports set it: margins left and right,
/// and the foot of the text above the page footer (from the page's top).
pub const LETTER_MARGIN_X: f32 = 72.0;
pub const LETTER_TEXT_FOOT: f32 = 792.0 - 66.0;

