//! The use cases: the one API the command line and the desktop app call.
//!
//! Each request type is what a face sends, with every choice the user may
//! leave out as an `Option`; resolving it here, once, is what keeps the two
//! faces from deciding the same rule differently. The rules that live here:
//!
//! - who the author of a new version is ([`author`]): the one given, else
//!   `$DOSSIER_AUTHOR`, else the login name the operating system knows;
//! - which organisation a packet or report names ([`packets`]): the one
//!   given, else the library's setting, else the sample organisation;
//! - which version of a paper is shown ([`papers::ShowPaper`]): the one
//!   asked for, else the one in force on a date, else the one in force now,
//!   else the latest;
//! - opening or creating the sample library ([`library`]);
//! - how many search hits come back ([`search`]);
//! - which engagements count as meetings a packet is prepared for
//!   ([`packets::meetings_with`]).
//!
//! The faces parse their input into these requests, call one function, and
//! present the result; they decide nothing. Long jobs take a
//! [`crate::progress::Job`] for progress and cancelling.
//!
//! Architecture invariant: the top of the core. Nothing in the crate imports
//! `api`; it may import anything.

pub mod imports;
pub mod library;
pub mod officials;
pub mod packets;
pub mod papers;
pub mod places;
pub mod records;
pub mod search;
pub mod support;
pub mod sync;
pub mod views;

/// The author written on a new version when none is given: `given` if it
/// has text, else `$DOSSIER_AUTHOR`, else the login name from the operating
/// system (not `$USER`, which services and containers may not set).
pub fn author(given: Option<&str>) -> String {
    if let Some(name) = given.map(str::trim).filter(|a| !a.is_empty()) {
        return name.to_owned();
    }
    if let Some(name) = std::env::var("DOSSIER_AUTHOR").ok().map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()) {
        return name;
    }
    login_name()
}

/// The interface language the operating system's locale asks for: French
/// for any `fr` locale (`fr_CA.UTF-8`, `fr-FR`), else English. Read from the
/// OS (the user's locale on Windows and macOS, `LC_ALL`, `LC_MESSAGES` or
/// `LANG` on Linux), not from the web view, which may not follow it.
pub fn system_lang() -> crate::vocab::Lang {
    lang_of_locale(sys_locale::get_locale().as_deref())
}

fn lang_of_locale(locale: Option<&str>) -> crate::vocab::Lang {
    match locale {
        Some(l) if l.to_ascii_lowercase().starts_with("fr") => crate::vocab::Lang::Fr,
        _ => crate::vocab::Lang::En,
    }
}

/// The login name the operating system gives this process's user.
pub fn login_name() -> String {
    whoami::username().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_french_locale_gives_french_and_anything_else_english() {
        use crate::vocab::Lang;
        for (locale, lang) in [(Some("fr_CA.UTF-8"), Lang::Fr), (Some("fr-FR"), Lang::Fr), (Some("FR"), Lang::Fr), (Some("en_CA.UTF-8"), Lang::En), (Some("C"), Lang::En), (Some("de-DE"), Lang::En), (None, Lang::En)] {
            assert_eq!(lang_of_locale(locale), lang, "{locale:?}");
        }
    }

    #[test]
    fn the_author_given_wins_then_the_environment_then_the_login_name() {
        assert_eq!(author(Some("  Amira Haddad ")), "Amira Haddad", "a given name, trimmed");
        // The login name comes from the OS even with $USER and $LOGNAME unset
        // (this test's process may have them; the OS answer must not need them).
        let os = login_name();
        assert!(!os.is_empty(), "the operating system knows who runs this process");
        if std::env::var("DOSSIER_AUTHOR").is_err() {
            assert_eq!(author(None), os, "with nothing given and no DOSSIER_AUTHOR, the login name");
            assert_eq!(author(Some("   ")), os, "a blank name counts as none");
        }
    }
}
