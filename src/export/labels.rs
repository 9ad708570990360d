//! The words the packet itself prints (cover, contents, running header and
//! footer, version lines) in English and French, dates written out the
//! way each language writes them, and French punctuation spacing.
//!
//! Promises: every label has both languages; French text gets a narrow
//! no-break space before ; : ! ? and inside « », and no space is added
//! inside a URL or a time of day.

use chrono::NaiveDate;

use crate::vocab::Lang;


/// Every fixed string of the packet.
pub struct Labels {
    pub briefing_packet: &'static str,
    /// The logo's alternative text, before the organisation's name.
    pub logo_of: &'static str,
    pub contents: &'static str,
    pub cover: &'static str,
    pub meeting: &'static str,
    pub with: &'static str,
    pub prepared_by: &'static str,
    pub printed_on: &'static str,
    pub office_holder: &'static str,
    pub roles: &'static str,
    pub present: &'static str,
    /// Before the name of a caucus in the list of roles.
    pub caucus: &'static str,
    /// Before the name of a committee in the list of roles.
    pub committee: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub date: &'static str,
    pub kind: &'static str,
    pub campaign: &'static str,
    pub subject: &'static str,
    pub period: &'static str,
    pub role: &'static str,
    pub talking_points: &'static str,
    pub papers: &'static str,
    pub draft: &'static str,
    pub draft_notice: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub version: &'static str,
    pub published: &'static str,
    pub not_published: &'static str,
    pub house: &'static str,
    pub senate: &'static str,
    pub staff: &'static str,
    pub meeting_kind: &'static str,
    pub call_kind: &'static str,
    pub letter_kind: &'static str,
    pub mailing_kind: &'static str,
    pub confidential: &'static str,
    pub enclosed: &'static str,
    /// Before a table too wide for a page, set row by row (`{columns}`:
    /// how many columns it has).
    pub wide_table: &'static str,
}

const EN: Labels = Labels {
    briefing_packet: "Briefing packet",
    logo_of: "Logo of",
    contents: "Contents",
    cover: "Cover",
    meeting: "Meeting",
    with: "With",
    prepared_by: "Prepared by",
    printed_on: "Printed on",
    office_holder: "About the office holder",
    roles: "Roles",
    present: "present",
    caucus: "Caucus",
    committee: "Committee",
    history: "Our engagements with them",
    no_history: "No earlier engagements are on record.",
    date: "Date",
    kind: "Kind",
    campaign: "Campaign",
    subject: "Subject",
    period: "Period",
    role: "Role",
    talking_points: "Talking points and the ask",
    papers: "Papers",
    draft: "DRAFT",
    draft_notice: "DRAFT: this packet holds text that is not published.",
    page: "Page",
    of: "of",
    version: "Version",
    published: "published",
    not_published: "not published",
    house: "House of Commons",
    senate: "Senate",
    staff: "Staff",
    meeting_kind: "Meeting",
    call_kind: "Call",
    letter_kind: "Letter",
    mailing_kind: "Mailing",
    confidential: "For the meeting only",
    enclosed: "In this packet",
    wide_table: "A table of {columns} columns, too wide for the page: its header row, then each row, follows as a list of its cells in column order.",
};

const FR: Labels = Labels {
    briefing_packet: "Dossier de rencontre",
    logo_of: "Logo de",
    contents: "Table des matières",
    cover: "Couverture",
    meeting: "Rencontre",
    with: "Avec",
    prepared_by: "Préparé par",
    printed_on: "Imprimé le",
    office_holder: "Le ou la titulaire de charge publique",
    roles: "Fonctions",
    present: "aujourd’hui",
    caucus: "Caucus",
    committee: "Comité",
    history: "Nos échanges antérieurs",
    no_history: "Aucun échange antérieur n’est consigné.",
    date: "Date",
    kind: "Type",
    campaign: "Campagne",
    subject: "Objet",
    period: "Période",
    role: "Fonction",
    talking_points: "Messages clés et demande",
    papers: "Documents",
    draft: "ÉBAUCHE",
    draft_notice: "ÉBAUCHE : ce dossier contient un texte non publié.",
    page: "Page",
    of: "de",
    version: "Version",
    published: "publiée le",
    not_published: "non publiée",
    house: "Chambre des communes",
    senate: "Sénat",
    staff: "Personnel",
    meeting_kind: "Rencontre",
    call_kind: "Appel",
    letter_kind: "Lettre",
    mailing_kind: "Envoi",
    confidential: "Pour la rencontre seulement",
    enclosed: "Dans ce dossier",
    wide_table: "Un tableau de {columns} colonnes, trop large pour la page : sa ligne d’en-tête, puis chaque ligne, suit sous forme de liste de ses cellules dans l’ordre des colonnes.",
};

/// The labels for `lang`.
pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// The words of a Hill day's itinerary and of its files' names.
pub struct DayLabels {
    pub hill_day: &'static str,
    pub itinerary: &'static str,
    /// The combined PDF's name, after the date.
    pub all_packets: &'static str,
    pub place: &'static str,
    /// Who from the organisation attends.
    pub for_us: &'static str,
    pub no_papers: &'static str,
    pub time_to_confirm: &'static str,
    /// Where a meeting's packet is in the combined PDF: "pages 3–14".
    pub in_combined: &'static str,
    pub pages: &'static str,
}

const DAY_EN: DayLabels = DayLabels {
    hill_day: "Hill day",
    itinerary: "itinerary",
    all_packets: "all packets",
    place: "Place",
    for_us: "For us",
    no_papers: "No papers",
    time_to_confirm: "Time to confirm",
    in_combined: "Combined PDF",
    pages: "pages",
};

const DAY_FR: DayLabels = DayLabels {
    hill_day: "Journée sur la Colline",
    itinerary: "itinéraire",
    all_packets: "toutes les trousses",
    place: "Lieu",
    for_us: "Pour nous",
    no_papers: "Aucun document",
    time_to_confirm: "Heure à confirmer",
    in_combined: "PDF combiné",
    pages: "pages",
};

/// The Hill day's words for `lang`.
pub fn day_labels(lang: Lang) -> &'static DayLabels {
    match lang {
        Lang::En => &DAY_EN,
        Lang::Fr => &DAY_FR,
    }
}

const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const WEEKDAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

/// "Wednesday 2 December 2026" / "mercredi 2 décembre 2026".
pub fn day_and_date(date: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let d = date.weekday().num_days_from_monday() as usize;
    let day = match lang {
        Lang::En => WEEKDAYS_EN[d],
        Lang::Fr => WEEKDAYS_FR[d],
    };
    format!("{day} {}", long_date(date, lang))
}

const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
];

/// "3 May 2026" / "3 mai 2026" ("1er mai" in French).
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let m = date.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[m], date.year()),
        Lang::Fr if date.day() == 1 => format!("1er {} {}", MONTHS_FR[m], date.year()),
        Lang::Fr => format!("{} {} {}", date.day(), MONTHS_FR[m], date.year()),
    }
}

/// A stored `YYYY-MM-DD…` date written out; other text is returned as is.
pub fn long_date_str(text: &str, lang: Lang) -> String {
    match text.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        Some(d) => long_date(d, lang),
        None => text.to_owned(),
    }
}

/// A time of day as each language writes it: "2:30 p.m." / "14 h 30".
pub fn time_of_day(hhmm: &str, lang: Lang) -> String {
    let mut parts = hhmm.split(':');
    let (Some(h), Some(m)) = (parts.next().and_then(|h| h.parse::<u32>().ok()), parts.next()) else {
        return hhmm.to_owned();
    };
    match lang {
        Lang::En => {
            let suffix = if h < 12 { "a.m." } else { "p.m." };
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            format!("{h12}:{m}\u{a0}{suffix}")
        }
        Lang::Fr => format!("{h}\u{a0}h\u{a0}{m}"),
    }
}

/// Narrow no-break space, the French thin space of typographers.
pub const NNBSP: char = '\u{202F}';

/// Applies French punctuation spacing: a narrow no-break space before
/// ; : ! ? and inside « », replacing an ordinary space if one was typed.
/// A colon not followed by a space (a URL, 14:30) is left alone.
pub fn french_spacing(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let after_is_space = next.is_none_or(|n| n.is_whitespace() || n == '»' || n == ')');
        let wants_space_before = match c {
            ';' | '!' | '?' => after_is_space || matches!(next, Some('!' | '?')),
            ':' => after_is_space,
            '»' => true,
            _ => false,
        };
        if wants_space_before {
            // Replace the space that was typed, or insert one after a word.
            let prev = out.chars().last();
            match prev {
                Some(' ') | Some('\u{a0}') => {
                    out.pop();
                    out.push(NNBSP);
                }
                Some(p) if p == NNBSP || matches!(p, '!' | '?' | ';') => {}
                Some(_) => out.push(NNBSP),
                None => {}
            }
            out.push(c);
            continue;
        }
        if (c == ' ' || c == '\u{a0}') && out.ends_with('«') {
            out.push(NNBSP);
            continue;
        }
        out.push(c);
        if c == '«' && next.is_some_and(|n| !n.is_whitespace()) {
            out.push(NNBSP);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_spacing_adds_thin_spaces_but_spares_urls_and_times() {
        let out = french_spacing("Pourquoi? « Oui » : voir https://exemple.ca à 14:30 !");
        assert_eq!(
            out,
            "Pourquoi\u{202f}? «\u{202f}Oui\u{202f}»\u{202f}: voir https://exemple.ca à 14:30\u{202f}!",
            "thin spaces go before ? : ! and inside guillemets, never inside a URL or a time"
        );
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert_eq!(long_date(d, Lang::En), "1 May 2026", "English writes day month year");
        assert_eq!(long_date(d, Lang::Fr), "1er mai 2026", "French writes 1er for the first");
    }
}
