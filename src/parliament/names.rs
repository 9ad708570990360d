//! Names as Parliament's files spell them: folding for comparison, the
//! provinces and territories in both languages, and the dates the files
//! write.
//!
//! Promise: two spellings of one name that differ only in accents, case,
//! punctuation or spacing fold to the same key ("Bérubé" and "berube",
//! "Abitibi—Baie-James" and "abitibi baie james", "St. Albert" and
//! "St Albert").

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::vocab::Lang;

/// The key two spellings of a name share: accents dropped, lower case,
/// apostrophes and dots dropped ("O'Brien", "J."), every other run of
/// punctuation and spaces one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            match c {
                'œ' | 'Œ' => out.push_str("oe"),
                'æ' | 'Æ' => out.push_str("ae"),
                'ß' => out.push_str("ss"),
                _ => out.extend(c.to_lowercase()),
            }
        } else if !matches!(c, '\'' | '’' | 'ʼ' | '.') {
            space = true;
        }
    }
    out
}

/// The provinces and territories: a short code, the English name, the
/// French name.
const PROVINCES: &[(&str, &str, &str)] = &[
    ("AB", "Alberta", "Alberta"),
    ("BC", "British Columbia", "Colombie-Britannique"),
    ("MB", "Manitoba", "Manitoba"),
    ("NB", "New Brunswick", "Nouveau-Brunswick"),
    ("NL", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    ("NS", "Nova Scotia", "Nouvelle-Écosse"),
    ("NT", "Northwest Territories", "Territoires du Nord-Ouest"),
    ("NU", "Nunavut", "Nunavut"),
    ("ON", "Ontario", "Ontario"),
    ("PE", "Prince Edward Island", "Île-du-Prince-Édouard"),
    ("QC", "Quebec", "Québec"),
    ("SK", "Saskatchewan", "Saskatchewan"),
    ("YT", "Yukon", "Yukon"),
];

/// The code of a province or territory named in either language (or by
/// its code), `None` for anything else.
pub fn province_code(name: &str) -> Option<&'static str> {
    let key = fold(name);
    PROVINCES
        .iter()
        .find(|(code, en, fr)| key == fold(code) || key == fold(en) || key == fold(fr))
        .map(|(code, _, _)| *code)
}

/// Which language a province's spelling gives away: `Some(Fr)` for
/// "Québec", `Some(En)` for "Quebec", `None` where both languages spell it
/// alike ("Ontario") or it is not a province.
pub fn province_language(name: &str) -> Option<Lang> {
    let name = name.trim();
    for (_, en, fr) in PROVINCES {
        if en == fr {
            continue;
        }
        if name == *fr {
            return Some(Lang::Fr);
        }
        if name == *en {
            return Some(Lang::En);
        }
    }
    None
}

/// Whether two province names (either language) are the same place.
pub fn same_province(a: &str, b: &str) -> bool {
    match (province_code(a), province_code(b)) {
        (Some(x), Some(y)) => x == y,
        _ => !a.trim().is_empty() && fold(a) == fold(b),
    }
}

/// Caucus and Senate group names known in both languages.
const CAUCUSES: &[(&str, &str)] = &[
    ("Liberal", "Libéral"),
    ("Conservative", "Conservateur"),
    ("NDP", "NPD"),
    ("New Democratic Party", "Nouveau Parti démocratique"),
    ("Green Party", "Parti vert"),
    ("Bloc Québécois", "Bloc Québécois"),
    ("Independent", "Indépendant"),
    ("Independent Senators Group", "Groupe des sénateurs indépendants"),
    ("ISG", "GSI"),
    ("Canadian Senators Group", "Groupe des sénateurs canadiens"),
    ("CSG", "GSC"),
    ("Progressive Senate Group", "Groupe progressiste du Sénat"),
    ("PSG", "GPS"),
    ("Non-affiliated", "Non affilié"),
];

/// Whether `en` and `fr` name the same caucus: `Some` when both names are
/// known, `None` when either is not (a new party, a typing).
pub fn same_caucus(en: &str, fr: &str) -> Option<bool> {
    let (en, fr) = (fold(en), fold(fr));
    let known_en = CAUCUSES.iter().any(|(e, _)| fold(e) == en);
    let known_fr = CAUCUSES.iter().any(|(_, f)| fold(f) == fr);
    (known_en && known_fr).then(|| CAUCUSES.iter().any(|(e, f)| fold(e) == en && fold(f) == fr))
}

const MONTHS_EN: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTHS_FR: [&str; 12] =
    ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"];

/// A date as the files write it: `2021-09-20T00:00:00`, `2021-09-20 12:00:00
/// AM`, `2021-09-20`, "November 10, 2016", "10 novembre 2016". `None` for an
/// empty field; `Err(())` for text that is not a date.
pub fn date(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(iso) = text.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
            return Ok(Some(d));
        }
    }
    // Words: a month name, a day and a year in either order.
    let words: Vec<String> = fold(text).split(' ').map(str::to_owned).collect();
    let mut month = None;
    let mut numbers = Vec::new();
    for w in &words {
        if let Some(m) = MONTHS_EN.iter().position(|n| n == w).or_else(|| MONTHS_FR.iter().position(|n| n == w)) {
            month = Some(m as u32 + 1);
        } else if let Ok(n) = w.trim_end_matches("er").parse::<u32>() {
            numbers.push(n);
        }
    }
    let (Some(month), [a, b]) = (month, numbers.as_slice()) else { return Err(()) };
    let (day, year) = if *a > 31 { (*b, *a) } else { (*a, *b) };
    NaiveDate::from_ymd_opt(year as i32, month, day).map(Some).ok_or(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_accents_case_punctuation_and_dashes() {
        assert_eq!(fold("Bérubé"), "berube");
        assert_eq!(fold("Abitibi—Baie-James—Nunavik—Eeyou"), "abitibi baie james nunavik eeyou");
        assert_eq!(fold("St. Albert—Edmonton"), fold("st albert - edmonton"));
        assert_eq!(fold("La Pointe-de-l'Île"), "la pointe de lile");
        assert_eq!(fold("Côté-Lévesque, J."), "cote levesque j");
        assert_eq!(fold("O'BRIEN"), "obrien");
        assert_eq!(fold("  Marie‑Ève  "), "marie eve");
        assert_eq!(fold("  Lisa   Marie "), "lisa marie");
        assert_ne!(fold("Kramp-Neuman"), fold("Kramp"));
    }

    #[test]
    fn provinces_are_known_in_both_languages_and_tell_the_language_where_they_can() {
        assert_eq!(province_code("Québec"), Some("QC"));
        assert_eq!(province_code("quebec"), Some("QC"));
        assert_eq!(province_code("Colombie-Britannique"), province_code("British Columbia"));
        assert_eq!(province_code("Atlantis"), None);
        assert_eq!(province_language("Québec"), Some(Lang::Fr));
        assert_eq!(province_language("Quebec"), Some(Lang::En));
        assert_eq!(province_language("Ontario"), None);
        assert!(same_province("Nouvelle-Écosse", "Nova Scotia"));
        assert!(!same_province("Ontario", "Quebec"));
        assert!(!same_province("", ""));
    }

    #[test]
    fn caucus_names_are_paired_across_languages_where_known() {
        assert_eq!(same_caucus("Liberal", "Libéral"), Some(true));
        assert_eq!(same_caucus("Independent", "Conservateur"), Some(false));
        assert_eq!(same_caucus("People's Party", "Parti populaire"), None);
    }

    #[test]
    fn dates_come_in_the_files_forms() {
        let d = |y, m, day| Ok(Some(NaiveDate::from_ymd_opt(y, m, day).unwrap()));
        assert_eq!(date("2021-09-20T00:00:00"), d(2021, 9, 20));
        assert_eq!(date("2021-09-20 12:00:00 AM"), d(2021, 9, 20));
        assert_eq!(date("November 10, 2016"), d(2016, 11, 10));
        assert_eq!(date("1er août 2023"), d(2023, 8, 1));
        assert_eq!(date(""), Ok(None));
        assert_eq!(date("soon"), Err(()));
        assert_eq!(date("2021-02-30"), Err(()));
    }
}
