//! A deterministic synthetic library for tests and benchmarks.
//!
//! Promises: the same size and seed always give the same library, byte for
//! byte in its text; the text is bilingual (about 70 % English, 30 %
//! French) policy prose whose word frequencies follow a Zipf-like law, so
//! search costs resemble a real library's; a library is filled in one
//! transaction with prepared statements. "small" (~200 paper versions and
//! 2,000 campaigns and engagements) is for tests; "large" (5,000 versions of
//! 800–3,000 words and 50,000 records of 50–200 words) for benchmarks.
//! [`write_files`] writes the same prose as a folder of Markdown files to
//! import, short enough that the commonest words are in most of them.

use std::path::Path;

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::message::{Message, WordList};
use crate::library::Library;

/// How big a corpus to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    Large,
}

impl std::str::FromStr for Size {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "small" => Ok(Size::Small),
            "large" => Ok(Size::Large),
            other => Err(Error::unknown_word(WordList::CorpusSize, other, &["small", "large"])),
        }
    }
}

impl Size {
    pub fn as_str(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Large => "large",
        }
    }
}

struct Plan {
    versions: usize,
    version_words: (usize, usize),
    campaigns: usize,
    engagements: usize,
    record_words: (usize, usize),
    officials: usize,
}

fn plan(size: Size) -> Plan {
    match size {
        Size::Small => Plan {
            versions: 200,
            version_words: (80, 300),
            campaigns: 200,
            engagements: 1_800,
            record_words: (50, 200),
            officials: 40,
        },
        Size::Large => Plan {
            versions: 5_000,
            version_words: (800, 3_000),
            campaigns: 5_000,
            engagements: 45_000,
            record_words: (50, 200),
            officials: 300,
        },
    }
}

/// What [`fill`] created.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct CorpusCounts {
    pub papers: usize,
    pub versions: usize,
    pub campaigns: usize,
    pub engagements: usize,
    pub officials: usize,
    /// Campaigns plus engagements.
    pub records: usize,
}

/// SplitMix64: tiny, fast and stable across platforms and releases, which
/// `rand`'s generators do not promise.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const EN_WORDS: &str = "policy government canada parliament committee refugees settlement settlements occupation \
human rights international law palestinian israeli peace negotiations elections sanctions trade agreement \
minister foreign affairs security wall apartheid checkpoint permits water access housing demolition families \
children education health hospital gaza west bank jerusalem ceasefire humanitarian aid funding unrwa \
resolution united nations court justice accountability boycott investment divestment export arms military \
detention prisoners administrative hearing senate house member riding constituency briefing letter meeting \
campaign petition advocacy coalition statement report evidence testimony witnesses legislation bill amendment \
motion vote debate question period budget development assistance civil society organisations labour unions \
churches students universities academic freedom movement borders closure blockade fishing farmers olives \
land confiscation annexation outposts colonies displacement eviction return compensation citizenship residency \
identity documents journalists media freedom expression protest demonstration violence civilians casualties \
reconstruction infrastructure electricity fuel medicine shortages poverty unemployment economy customs tariffs \
labelling products origin consumer protection procurement contracts companies complicity due diligence \
transparency registry lobbying officials diplomats embassy consulate visa travel restrictions family reunification \
women youth elders disability discrimination equality dignity self-determination sovereignty statehood \
recognition two-state solution one-state democracy governance corruption reform constitution judiciary appeal \
ruling verdict investigation inquiry commission mandate monitoring observers delegation mission visit tour \
exhibition conference webinar workshop training volunteers donors members newsletter website social media \
accuracy fairness balance coverage complaint broadcaster editorial opinion article interview translation \
settlement-building heritage archaeology tourism pilgrimage religious sites worship mosque church holy places";

const FR_WORDS: &str = "politique gouvernement canada parlement comité réfugiés colonie colonies occupation droits \
personne international droit palestiniens israéliens paix négociations élections sanctions commerce accord \
ministre affaires étrangères sécurité mur apartheid barrage permis eau accès logement démolition familles enfants \
éducation santé hôpital gaza cisjordanie jérusalem cessez-le-feu humanitaire aide financement résolution nations \
unies cour justice responsabilité boycottage investissement désinvestissement exportation armes militaire détention \
prisonniers audience sénat chambre député circonscription lettre réunion campagne pétition plaidoyer coalition \
déclaration rapport preuve témoignage témoins législation projet amendement motion vote débat période questions \
budget développement société civile organisations syndicats églises étudiants universités liberté universitaire \
mouvement frontières bouclage blocus pêche agriculteurs oliviers terres confiscation annexion avant-postes \
déplacement expulsion retour indemnisation citoyenneté résidence identité journalistes médias expression \
manifestation violence civils victimes reconstruction infrastructures électricité carburant médicaments pénuries \
pauvreté chômage économie douanes tarifs étiquetage produits origine consommateurs protection marchés entreprises \
complicité diligence transparence registre lobbyisme fonctionnaires diplomates ambassade consulat visa voyage \
restrictions réunification femmes jeunes aînés handicap discrimination égalité dignité autodétermination \
souveraineté reconnaissance solution démocratie gouvernance corruption réforme constitution tribunal appel \
jugement enquête commission mandat surveillance observateurs délégation mission visite tournée exposition \
conférence atelier formation bénévoles donateurs membres bulletin négociation élection réfugié colonisation";

const EN_FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "in", "for", "on", "that", "with", "by", "we", "our", "is", "are", "this",
    "as", "from", "at", "its", "their", "must", "should", "has", "been", "will", "not", "all", "new",
];
const FR_FUNCTION: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "et", "à", "en", "pour", "sur", "dans", "que", "qui", "nous",
    "notre", "est", "sont", "par", "avec", "au", "aux", "doit", "une", "un", "ne", "pas", "tous",
];

const TAGS: &[&str] = &[
    "settlements", "refugees", "water", "trade", "human rights", "gaza", "jerusalem", "elections",
    "sanctions", "media", "housing", "detention", "children", "unrwa", "arms", "labelling",
];

const FAMILY: &[&str] = &[
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Smith", "Brown", "Wilson", "Singh", "Nguyen",
    "Martin", "Lee", "Haddad", "Khoury", "Cohen", "Levi", "Morin", "Lavoie", "Fortin", "MacDonald",
];
const GIVEN: &[&str] = &[
    "Anne", "Marc", "Julie", "David", "Sarah", "Omar", "Leila", "Pierre", "Chantal", "John", "Maryam", "Yosef",
];

/// A vocabulary sampled with Zipf-like (1/rank) frequencies.
struct Vocab {
    words: Vec<&'static str>,
    cumulative: Vec<f64>,
    function: &'static [&'static str],
}

impl Vocab {
    fn new(text: &'static str, function: &'static [&'static str]) -> Self {
        let words: Vec<&'static str> = text.split_whitespace().collect();
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0);
                total
            })
            .collect();
        Vocab { words, cumulative, function }
    }

    fn word(&self, rng: &mut Rng) -> &'static str {
        let last = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.unit() * last;
        let i = self.cumulative.partition_point(|&c| c < x);
        self.words[i.min(self.words.len() - 1)]
    }

    /// Prose of about `n` words: sentences of function and content words,
    /// in paragraphs, with an occasional Markdown heading.
    fn prose(&self, rng: &mut Rng, n: usize, markdown: bool) -> String {
        let mut out = String::with_capacity(n * 8);
        let mut written = 0;
        let mut in_paragraph = 0;
        while written < n {
            if markdown && in_paragraph == 0 && written > 0 && rng.range(0, 3) == 0 {
                out.push_str("## ");
                out.push_str(&capitalise(self.word(rng)));
                out.push(' ');
                out.push_str(self.word(rng));
                out.push_str("\n\n");
            }
            let len = rng.range(8, 20).min(n - written).max(1);
            for i in 0..len {
                let w = if rng.range(0, 99) < 45 {
                    self.function[rng.range(0, self.function.len() - 1)]
                } else {
                    self.word(rng)
                };
                if i == 0 {
                    out.push_str(&capitalise(w));
                } else {
                    out.push(' ');
                    out.push_str(w);
                }
            }
            out.push_str(". ");
            written += len;
            in_paragraph += 1;
            if in_paragraph >= rng.range(3, 6) {
                out.push_str("\n\n");
                in_paragraph = 0;
            }
        }
        out.trim_end().to_owned()
    }

    fn title(&self, rng: &mut Rng) -> String {
        let n = rng.range(3, 7);
        let words: Vec<&str> = (0..n).map(|_| self.word(rng)).collect();
        capitalise(&words.join(" "))
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn date(rng: &mut Rng) -> (i32, u32, u32) {
    (rng.range(2004, 2025) as i32, rng.range(1, 12) as u32, rng.range(1, 28) as u32)
}

fn moment((y, m, d): (i32, u32, u32), hour: usize) -> String {
    format!("{y:04}-{m:02}-{d:02}T{hour:02}:00:00Z")
}

fn day((y, m, d): (i32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The words of one imported file: short notes and briefs, so a common
/// word (`settlement`) is in about two documents of three.
const FILE_WORDS: (usize, usize) = (60, 220);
/// Files per subfolder of [`write_files`].
const FILES_PER_FOLDER: usize = 1_000;

/// Writes `count` Markdown files made from `seed` into `dir`, a thousand to
/// a subfolder (`00/doc00000.md`, …): a `#` title (numbered, so no two
/// files are the same bytes) and 60–220 words of prose, English seven times
/// in ten. The same count and seed always give the same files.
pub fn write_files(dir: &Path, count: usize, seed: u64) -> Result<()> {
    let en = Vocab::new(EN_WORDS, EN_FUNCTION);
    let fr = Vocab::new(FR_WORDS, FR_FUNCTION);
    let mut rng = Rng::new(seed);
    for i in 0..count {
        let folder = dir.join(format!("{:02}", i / FILES_PER_FOLDER));
        if i % FILES_PER_FOLDER == 0 {
            std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
        }
        let vocab = if rng.range(0, 99) < 30 { &fr } else { &en };
        let title = vocab.title(&mut rng);
        let words = rng.range(FILE_WORDS.0, FILE_WORDS.1);
        let body = vocab.prose(&mut rng, words, true);
        let path = folder.join(format!("doc{i:05}.md"));
        std::fs::write(&path, format!("# {title} {i}\n\n{body}\n")).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Fills an empty library with the corpus of `size` made from `seed`.
pub fn fill(lib: &mut Library, size: Size, seed: u64) -> Result<CorpusCounts> {
    if !lib.is_empty()? {
        return Err(Error::conflict(Message::CorpusNotEmpty {}));
    }
    let plan = plan(size);
    let en = Vocab::new(EN_WORDS, EN_FUNCTION);
    let fr = Vocab::new(FR_WORDS, FR_FUNCTION);
    let rng = Rng::new(seed);
    lib.write(|tx| {
        let counts = CorpusCounts { papers: 0, versions: 0, campaigns: 0, engagements: 0, officials: 0, records: 0 };
        let mut filler = Filler { tx, plan, en: &en, fr: &fr, rng, counts };
        // The order of these draws from the generator is what a seed means:
        // changing it changes every corpus.
        filler.papers()?;
        let officials = filler.officials()?;
        let campaigns = filler.campaigns()?;
        filler.engagements(&campaigns, &officials)?;
        let mut counts = filler.counts;
        counts.records = counts.campaigns + counts.engagements;
        Ok(counts)
    })
}

/// Writes the corpus's records inside one transaction, every random choice
/// drawn from one generator.
struct Filler<'a> {
    tx: &'a Connection,
    plan: Plan,
    en: &'a Vocab,
    fr: &'a Vocab,
    rng: Rng,
    counts: CorpusCounts,
}

impl<'a> Filler<'a> {
    /// French three times in ten.
    fn vocab(&mut self) -> &'a Vocab {
        if self.rng.range(0, 99) < 30 {
            self.fr
        } else {
            self.en
        }
    }

    /// Papers of one to six versions until the plan's count of versions,
    /// most published, some archived, a few tags each.
    fn papers(&mut self) -> Result<()> {
        let (tx, p, rng, counts) = (self.tx, &self.plan, &mut self.rng, &mut self.counts);
        let mut add_paper = tx.prepare(
            "INSERT INTO papers (lang, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut add_tag = tx.prepare("INSERT OR IGNORE INTO paper_tags (paper_id, tag) VALUES (?1, ?2)")?;
        let mut add_version = tx.prepare(
            "INSERT INTO paper_versions (paper_id, number, title, summary, body, author, note, created_at, parent_id, clock)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, printf('%016d-%04d-', unixepoch(?8) * 1000, ?2))",
        )?;
        let mut add_publication =
            tx.prepare("INSERT INTO publications (paper_id, version_id, published_at) VALUES (?1, ?2, ?3)")?;
        while counts.versions < p.versions {
            let french = rng.range(0, 99) < 30;
            let (vocab, lang) = if french { (self.fr, "fr") } else { (self.en, "en") };
            let n = rng.range(1, 6).min(p.versions - counts.versions);
            let first = date(rng);
            let published = rng.range(0, 99) < 60;
            let status = if !published { "draft" } else if rng.range(0, 9) == 0 { "archived" } else { "published" };
            let created = moment(first, 9);
            let updated = moment(((first.0 + n as i32 - 1).min(2026), first.1, first.2), 9);
            add_paper.execute(params![lang, status, created, updated])?;
            let id = tx.last_insert_rowid();
            for _ in 0..rng.range(1, 3) {
                add_tag.execute(params![id, TAGS[rng.range(0, TAGS.len() - 1)]])?;
            }
            let title = vocab.title(rng);
            let mut parent: Option<i64> = None;
            for number in 1..=n as i64 {
                // One version a year at most, so dates climb with numbers.
                let when = ((first.0 + number as i32 - 1).min(2026), first.1, first.2);
                let words = rng.range(p.version_words.0, p.version_words.1);
                let summary = vocab.prose(rng, 25, false);
                let body = vocab.prose(rng, words, true);
                let at = moment(when, 10);
                add_version.execute(params![id, number, title, summary, body, "corpus", "", at, parent])?;
                let version_id = tx.last_insert_rowid();
                parent = Some(version_id);
                if published && (number == n as i64 || rng.range(0, 1) == 0) {
                    add_publication.execute(params![id, version_id, moment(when, 15)])?;
                }
                counts.versions += 1;
            }
            counts.papers += 1;
        }
        Ok(())
    }

    /// The plan's officials, each a Member of Parliament since 2004;
    /// returns their ids.
    fn officials(&mut self) -> Result<Vec<i64>> {
        let tx = self.tx;
        let mut add_official = tx.prepare(
            "INSERT INTO officials (given_name, family_name, chamber, party, constituency, created_at, updated_at)
             VALUES (?1, ?2, ?3, '', '', ?4, ?4)",
        )?;
        let mut add_role = tx.prepare(
            "INSERT INTO official_roles (official_id, title, started_on) VALUES (?1, 'Member of Parliament', '2004-01-01')",
        )?;
        let mut official_ids = Vec::new();
        for i in 0..self.plan.officials {
            let chamber = ["house", "senate", "staff"][i % 3];
            add_official.execute(params![
                GIVEN[self.rng.range(0, GIVEN.len() - 1)],
                FAMILY[self.rng.range(0, FAMILY.len() - 1)],
                chamber,
                "2004-01-01T00:00:00Z"
            ])?;
            let id = tx.last_insert_rowid();
            add_role.execute(params![id])?;
            official_ids.push(id);
            self.counts.officials += 1;
        }
        Ok(official_ids)
    }

    /// The plan's campaigns, each with a tag; returns their ids.
    fn campaigns(&mut self) -> Result<Vec<i64>> {
        let tx = self.tx;
        let mut add_campaign = tx.prepare(
            "INSERT INTO campaigns (title, started_on, ended_on, summary, description, outcome, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        )?;
        let mut add_campaign_tag = tx.prepare("INSERT OR IGNORE INTO campaign_tags VALUES (?1, ?2)")?;
        let mut campaign_ids = Vec::new();
        for _ in 0..self.plan.campaigns {
            let vocab = self.vocab();
            let rng = &mut self.rng;
            let start = date(rng);
            let end = (start.0 + rng.range(0, 2) as i32, start.1, start.2);
            let words = rng.range(self.plan.record_words.0, self.plan.record_words.1);
            add_campaign.execute(params![
                vocab.title(rng),
                day(start),
                day(end),
                vocab.prose(rng, 20, false),
                vocab.prose(rng, words.saturating_sub(30).max(20), false),
                vocab.prose(rng, 10, false),
                moment(start, 8)
            ])?;
            let id = tx.last_insert_rowid();
            add_campaign_tag.execute(params![id, TAGS[rng.range(0, TAGS.len() - 1)]])?;
            campaign_ids.push(id);
            self.counts.campaigns += 1;
        }
        Ok(campaign_ids)
    }

    /// The plan's engagements, half of them in one of `campaigns`, with up
    /// to two of `officials` each; meetings and calls reportable.
    fn engagements(&mut self, campaigns: &[i64], officials: &[i64]) -> Result<()> {
        let tx = self.tx;
        let mut add_engagement = tx.prepare(
            "INSERT INTO engagements (kind, occurred_on, campaign_id, subject, notes, follow_ups, reportable, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?;
        let mut add_participant = tx.prepare("INSERT OR IGNORE INTO engagement_officials VALUES (?1, ?2)")?;
        for _ in 0..self.plan.engagements {
            let vocab = self.vocab();
            let rng = &mut self.rng;
            let when = date(rng);
            let kind = ["meeting", "call", "letter", "mailing"][rng.range(0, 3)];
            let campaign = if campaigns.is_empty() || rng.range(0, 2) == 0 {
                None
            } else {
                Some(campaigns[rng.range(0, campaigns.len() - 1)])
            };
            let words = rng.range(self.plan.record_words.0, self.plan.record_words.1);
            add_engagement.execute(params![
                kind,
                day(when),
                campaign,
                vocab.title(rng),
                vocab.prose(rng, words.saturating_sub(15).max(20), false),
                vocab.prose(rng, 15, false),
                matches!(kind, "meeting" | "call"),
                moment(when, 8)
            ])?;
            let id = tx.last_insert_rowid();
            for _ in 0..rng.range(0, 2) {
                if let Some(&o) = officials.get(rng.range(0, officials.len().max(1) - 1)) {
                    add_participant.execute(params![id, o])?;
                }
            }
            self.counts.engagements += 1;
        }
        Ok(())
    }
}
