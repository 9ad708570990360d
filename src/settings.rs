//! Library-wide settings: facts about the organisation that everyone who
//! opens the library shares, kept in the database's `settings` table.
//!
//! Promises: only the keys of [`Setting`] are ever read or written, so a
//! typo is refused instead of silently stored; values are one trimmed line;
//! setting an empty value clears the setting.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::message::Message;
use crate::library::Library;

/// The longest value a setting takes, in characters: these are names, and
/// a paragraph pasted by mistake should be refused, not printed on reports.
pub const MAX_VALUE_CHARS: usize = 200;

/// A setting the library knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The organisation's name, printed on packets and reports.
    Organisation,
    /// The registrant: the organisation's most senior paid officer, under
    /// whose name the monthly communication reports are filed.
    Registrant,
    /// The organisation's numbers in the Registry of Lobbyists (its
    /// registration numbers and its corporation number), comma-separated:
    /// one organisation appears under several over the years. Reconciling
    /// with the Registry's files keeps the reports filed under any of them.
    RegistryNumbers,
}

impl Setting {
    /// Every setting, in the order they are listed.
    pub const ALL: [Setting; 3] = [Setting::Organisation, Setting::Registrant, Setting::RegistryNumbers];

    /// The key stored in the `settings` table and typed on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Setting::Organisation => "organisation",
            Setting::Registrant => "registrant",
            Setting::RegistryNumbers => "registry-numbers",
        }
    }

    /// What the setting is for, in a few words.
    pub fn description(self) -> &'static str {
        match self {
            Setting::Organisation => "the organisation's name, printed on packets and reports",
            Setting::Registrant => "the most senior paid officer, under whose name lobbying reports are filed",
            Setting::RegistryNumbers => "the organisation's registration and corporation numbers in the Registry of Lobbyists, comma-separated",
        }
    }
}

impl std::str::FromStr for Setting {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        // `registry_numbers` is the field's name in the app's settings.
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        Setting::ALL.into_iter().find(|k| k.key() == key).ok_or_else(|| {
            let known: Vec<&str> = Setting::ALL.iter().map(|k| k.key()).collect();
            Error::invalid(Message::UnknownSetting {
                name: s.trim().to_owned(),
                settings: known.iter().map(|k| (*k).to_owned()).collect(),
            })
        })
    }
}

/// The old name of [`LibrarySettings`], for the shell's commands until they
/// move to the core's `api` module.
pub type Settings = LibrarySettings;

/// Every setting with its value (`None` when not set): the settings kept in
/// the library itself, shared by everyone who opens it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct LibrarySettings {
    pub organisation: Option<String>,
    pub registrant: Option<String>,
    /// Comma-separated, as stored: see [`registry_numbers`].
    pub registry_numbers: Option<String>,
}

impl LibrarySettings {
    /// The value of one setting.
    pub fn get(&self, setting: Setting) -> Option<&str> {
        match setting {
            Setting::Organisation => self.organisation.as_deref(),
            Setting::Registrant => self.registrant.as_deref(),
            Setting::RegistryNumbers => self.registry_numbers.as_deref(),
        }
    }
}

/// Checks and normalises a value before it is stored.
fn clean(setting: Setting, value: &str) -> Result<String> {
    let value = value.trim();
    if value.contains(['\n', '\r']) {
        return Err(Error::invalid(Message::SettingMultiline { setting: setting.key().to_owned() }));
    }
    let chars = value.chars().count();
    if chars > MAX_VALUE_CHARS {
        return Err(Error::invalid(Message::SettingTooLong {
            setting: setting.key().to_owned(),
            chars: chars as i64,
            max: MAX_VALUE_CHARS as i64,
        }));
    }
    if setting == Setting::RegistryNumbers {
        for number in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            if number.len() > 40 || !number.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return Err(Error::invalid(Message::RegistryNumberBad { text: number.chars().take(40).collect() }));
            }
        }
        return Ok(registry_numbers(value).join(", "));
    }
    Ok(value.to_owned())
}

/// The numbers of a `registry-numbers` value, trimmed, empty ones and
/// repeats dropped, in the order given.
pub fn registry_numbers(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(n)) {
            out.push(n.to_owned());
        }
    }
    out
}

impl Library {
    /// The value of `setting`, or `None` when it is not set.
    pub fn setting(&self, setting: Setting) -> Result<Option<String>> {
        Ok(self
            .conn()?
            .query_row("SELECT value FROM settings WHERE key = ?1", [setting.key()], |r| r.get(0))
            .optional()?)
    }

    /// Every setting.
    pub fn settings(&self) -> Result<LibrarySettings> {
        Ok(LibrarySettings {
            organisation: self.setting(Setting::Organisation)?,
            registrant: self.setting(Setting::Registrant)?,
            registry_numbers: self.setting(Setting::RegistryNumbers)?,
        })
    }

    /// Sets `setting` to `value`; an empty value clears it.
    pub fn set_setting(&mut self, setting: Setting, value: &str) -> Result<Option<String>> {
        let value = clean(setting, value)?;
        self.write(|tx| {
            if value.is_empty() {
                tx.execute("DELETE FROM settings WHERE key = ?1", [setting.key()])?;
            } else {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![setting.key(), value],
                )?;
            }
            Ok(())
        })?;
        Ok((!value.is_empty()).then_some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_read_in_any_case_and_unknown_ones_are_refused_with_the_list() {
        assert_eq!("Registrant".parse::<Setting>().unwrap(), Setting::Registrant);
        let err = "registrar".parse::<Setting>().unwrap_err().to_string();
        assert!(err.contains("unknown setting `registrar`") && err.contains("organisation, registrant, registry-numbers"), "{err}");
    }

    #[test]
    fn values_are_one_trimmed_line_of_bounded_length() {
        assert_eq!(clean(Setting::Organisation, "  Name  ").unwrap(), "Name");
        assert!(clean(Setting::Registrant, "A\nB").is_err(), "a second line is refused");
        assert!(clean(Setting::Registrant, &"x".repeat(MAX_VALUE_CHARS + 1)).is_err(), "an overlong value is refused");
    }

    #[test]
    fn registry_numbers_are_a_clean_comma_separated_list() {
        assert_eq!(clean(Setting::RegistryNumbers, " 777123 ,780555-4412,, 777123").unwrap(), "777123, 780555-4412",
            "empty numbers between commas and repeats are dropped");
        assert_eq!(clean(Setting::RegistryNumbers, "  ").unwrap(), "", "an empty value clears the setting");
        assert_eq!(clean(Setting::RegistryNumbers, " 777123 , 780555-4412 ").unwrap(), "777123, 780555-4412");
        assert_eq!(registry_numbers("777123, 780555-4412, 777123"), vec!["777123", "780555-4412"], "repeats are dropped");
        let err = clean(Setting::RegistryNumbers, "777123; 780555").unwrap_err().to_string();
        assert!(err.contains("777123; 780555"), "a number with other characters is refused naming it: {err}");
    }
}
