//! Telling whether a document is English or French.
//!
//! Papers are kept in English or French only. Detection (whatlang's trigram
//! models) looks at the text first among all languages it knows: English or
//! French wins outright; another language, when the detector is sure, is
//! reported as such so the import can refuse it clearly (the user can force
//! a language); and when the detector is unsure (short or mixed text), the
//! closer of English and French is taken.

use serde::Serialize;
use whatlang::{Detector, Lang as Whatlang};

use crate::vocab::Lang;

/// What detection concluded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Detected {
    /// One of the library's languages.
    Supported { lang: Lang },
    /// Clearly another language, named in English (e.g. "German").
    Other { name: String },
    /// Too little text to tell.
    Unknown,
}

/// How much text detection reads: enough to be sure, bounded so a long
/// document costs no more than a short one.
const SAMPLE_CHARS: usize = 20_000;

/// Detects the language of `text` (Markdown is fine: its markup is noise).
pub fn detect_language(text: &str) -> Detected {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let Some(info) = whatlang::detect(&sample) else {
        return Detected::Unknown;
    };
    match info.lang() {
        Whatlang::Eng => Detected::Supported { lang: Lang::En },
        Whatlang::Fra => Detected::Supported { lang: Lang::Fr },
        other if info.is_reliable() => Detected::Other {
            name: other.eng_name().to_owned(),
        },
        _ => match Detector::with_allowlist(vec![Whatlang::Eng, Whatlang::Fra]).detect_lang(&sample) {
            Some(Whatlang::Fra) => Detected::Supported { lang: Lang::Fr },
            Some(_) => Detected::Supported { lang: Lang::En },
            None => Detected::Unknown,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_french_are_told_apart() {
        let en = "The government must publish every export permit it grants and report to Parliament each year.";
        let fr = "Le gouvernement doit publier chaque permis d'exportation accordé et faire rapport au Parlement chaque année.";
        assert_eq!(detect_language(en), Detected::Supported { lang: Lang::En });
        assert_eq!(detect_language(fr), Detected::Supported { lang: Lang::Fr });
    }

    #[test]
    fn another_language_is_named() {
        let de = "Die Bundesregierung muss jede Ausfuhrgenehmigung veröffentlichen und dem Parlament jedes Jahr darüber berichten.";
        assert_eq!(detect_language(de), Detected::Other { name: "German".into() });
    }
}
