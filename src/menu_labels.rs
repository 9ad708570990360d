//! The words of the desktop app's native menu bar, as the front end sends
//! them with `set_language`.
//!
//! Architecture invariant: a leaf (serde and ts-rs only). The front end's
//! dictionary (`ui/src/lib/i18n.svelte.ts`) is the one source of interface
//! words, so the menu and the sidebar cannot disagree; this struct only
//! carries them. The shell keeps what is not words — each item's id and
//! keyboard shortcut — and builds the menu from these labels.

use serde::{Deserialize, Serialize};

/// One label per submenu and per item of the menu bar, in the interface
/// language. Every field is required, so a dictionary that lacks one fails
/// the front end's type check rather than showing an empty item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MenuLabels {
    /// The File submenu.
    pub file: String,
    /// File › New paper (`new-paper`).
    pub new_paper: String,
    /// File › Import documents (`import`).
    pub import: String,
    /// File › Open library (`open-library`).
    pub open_library: String,
    /// File › Quit.
    pub quit: String,
    /// The Edit submenu.
    pub edit: String,
    pub undo: String,
    pub redo: String,
    pub cut: String,
    pub copy: String,
    pub paste: String,
    pub select_all: String,
    /// The Go submenu.
    pub go: String,
    /// Go › Search (`search`).
    pub search: String,
    /// Go › the papers list (`go-library`), named as in the sidebar.
    pub library: String,
    /// Go › Timeline (`go-timeline`).
    pub timeline: String,
    /// Go › Officials (`go-officials`).
    pub officials: String,
    /// Go › Packets (`go-packets`).
    pub packets: String,
    /// Go › Reports (`go-reports`).
    pub reports: String,
    /// Go › Settings (`go-settings`).
    pub settings: String,
    /// Go › Conflicts of the team library (`go-conflicts`).
    pub conflicts: String,
    /// Go › Back (`back`).
    pub back: String,
    /// The Help submenu.
    pub help: String,
    /// Help › Save a problem report… (`problem-report`).
    pub problem_report: String,
    /// Help › About Dossier (`about`).
    pub about: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_travel_as_the_front_end_names_them() {
        let json = r#"{"file":"Fichier","new_paper":"Nouveau document…","import":"Importer…","open_library":"Ouvrir…",
            "quit":"Quitter","edit":"Édition","undo":"Annuler","redo":"Rétablir","cut":"Couper","copy":"Copier",
            "paste":"Coller","select_all":"Tout sélectionner","go":"Aller à","search":"Rechercher…",
            "library":"Bibliothèque","timeline":"Chronologie","officials":"Titulaires","packets":"Trousses",
            "reports":"Rapports","settings":"Réglages","conflicts":"Conflits","back":"Retour",
            "help":"Aide","problem_report":"Enregistrer un rapport de problème…","about":"À propos de Dossier"}"#;
        let labels: MenuLabels = serde_json::from_str(json).expect("every label given");
        assert_eq!(labels.library, "Bibliothèque");
        let missing = json.replace(r#""back":"Retour""#, r#""other":"x""#);
        assert!(serde_json::from_str::<MenuLabels>(&missing).is_err(), "a missing label is refused");
    }
}
