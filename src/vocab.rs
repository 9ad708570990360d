//! The vocabulary every layer shares: the closed lists of words a library
//! stores and a user picks from (language, paper status, engagement kind,
//! chamber, search kind, paper size, report format).
//!
//! Architecture invariant: a leaf. It imports nothing from the crate but the
//! error type, so any module may name these words without pulling in the
//! modules that use them (the error's message names which list refused a
//! word). Each word has one spelling, the one stored in the
//! database, printed by the CLI, sent over IPC and generated into the front
//! end's types.

use serde::{Deserialize, Serialize};


/// A word that is not in its list: what a parse of a vocabulary word
/// refuses with. The error type turns it into an `invalid` refusal naming
/// the list, the word and the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWord {
    pub list: WordList,
    pub word: String,
    pub choices: &'static [&'static str],
}

/// A closed list of words a user picks from (see [`crate::vocab`]), named in
/// a refusal of a word that is not in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum WordList {
    Language,
    Status,
    EngagementKind,
    Chamber,
    RoleKind,
    SearchKind,
    PaperSize,
    ReportFormat,
    CorpusSize,
}

impl std::fmt::Display for WordList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WordList::Language => "language",
            WordList::Status => "status",
            WordList::EngagementKind | WordList::SearchKind => "kind",
            WordList::Chamber => "chamber",
            WordList::RoleKind => "role kind",
            WordList::PaperSize => "paper size",
            WordList::ReportFormat => "report format",
            WordList::CorpusSize => "corpus size",
        })
    }
}

/// Declares a closed word list: its variants with their one spelling,
/// `as_str`, `ALL`, `FromStr` accepting any case and the listed aliases,
/// and the serde and TypeScript (`ts_rs::TS`) spelling, the same word.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $what:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal $(| $alias:literal)* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        // The word is the serde name too, so JSON, IPC and the generated
        // TypeScript union spell each variant exactly as `as_str` does.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $word)] $variant ),+
        }

        impl $name {
            /// Every word of the list, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word as stored, printed and sent.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownWord;
            fn from_str(s: &str) -> Result<Self, UnknownWord> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $( $word $(| $alias)* => Ok($name::$variant), )+
                    other => Err(UnknownWord { list: WordList::$what, word: other.to_owned(), choices: &[$($word),+] }),
                }
            }
        }
    };
}

vocabulary! {
    /// The language of a paper, of the packet's own labels, of a report.
    Lang, Language {
        En = "en",
        Fr = "fr",
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::En
    }
}

impl Lang {
    /// The BCP 47 tag a document in this language declares (`en-CA`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-CA",
            Lang::Fr => "fr-CA",
        }
    }
}

vocabulary! {
    /// Where a paper stands.
    Status, Status {
        Draft = "draft",
        Published = "published",
        Archived = "archived",
    }
}

vocabulary! {
    /// How we communicated with office holders.
    EngagementKind, EngagementKind {
        Meeting = "meeting",
        Call = "call",
        Letter = "letter",
        Mailing = "mailing",
    }
}

impl EngagementKind {
    /// Oral communications (meetings and calls): what the monthly lobbying
    /// report lists, and what a packet's office-holder page calls meetings.
    pub fn is_oral(self) -> bool {
        matches!(self, EngagementKind::Meeting | EngagementKind::Call)
    }
}

vocabulary! {
    /// Where an office holder sits.
    Chamber, Chamber {
        House = "house" | "commons",
        Senate = "senate",
        Staff = "staff",
    }
}

vocabulary! {
    /// What an office holder's role is: a seat in a chamber, membership of a
    /// caucus, a position (minister, parliamentary secretary, or any role
    /// typed by hand), a committee, or a parliamentary association.
    RoleKind, RoleKind {
        Seat = "seat",
        Caucus = "caucus",
        Position = "position",
        Committee = "committee",
        Association = "association",
    }
}

impl RoleKind {
    /// Whether the role gives an office holder's title (a position, else
    /// their seat); caucuses, committees and associations do not.
    pub fn gives_title(self) -> bool {
        matches!(self, RoleKind::Position | RoleKind::Seat)
    }
}

vocabulary! {
    /// What a search hit is.
    SearchKind, SearchKind {
        Paper = "paper" | "papers",
        Campaign = "campaign" | "campaigns",
        Engagement = "engagement" | "engagements",
    }
}

vocabulary! {
    /// The sheet a packet is printed on.
    PaperSize, PaperSize {
        /// 8.5 × 11 in, the Canadian office default.
        Letter = "letter",
        A4 = "a4",
    }
}

impl Default for PaperSize {
    fn default() -> Self {
        PaperSize::Letter
    }
}

impl PaperSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PaperSize::Letter => (612.0, 792.0),
            PaperSize::A4 => (595.28, 841.89),
        }
    }
}

vocabulary! {
    /// The file formats the lobbying report is written in.
    ReportFormat, ReportFormat {
        Csv = "csv",
        Pdf = "pdf",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_in_any_case_with_their_aliases_and_refuse_the_rest() {
        assert_eq!("FR".parse::<Lang>().unwrap(), Lang::Fr);
        assert_eq!(" commons ".parse::<Chamber>().unwrap(), Chamber::House);
        assert_eq!("papers".parse::<SearchKind>().unwrap(), SearchKind::Paper);
        let err = crate::Error::from("de".parse::<Lang>().unwrap_err());
        assert_eq!(err.code(), "invalid", "an unknown word is invalid input");
        assert!(err.to_string().contains("`de`") && err.to_string().contains("use en or fr"), "names the word and the choices: {err}");
        for kind in EngagementKind::ALL {
            assert_eq!(kind.as_str().parse::<EngagementKind>().unwrap(), *kind, "every word reads back");
        }
        assert_eq!(serde_json::to_string(&Status::Published).unwrap(), "\"published\"", "sent as stored");
    }
}
