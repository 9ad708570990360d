//! The window's menu bar, in the interface language, with each command's
//! keyboard shortcut shown beside it. Choosing an item sends its id to the
//! front end as a `menu` event; the front end does the rest.

use std::sync::Mutex;

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime};

/// (id, English, French, shortcut) of each item, by menu.
const FILE: &[(&str, &str, &str, Option<&str>)] = &[
    ("new-paper", "New Paper…", "Nouveau document…", Some("CmdOrCtrl+N")),
    ("import", "Import Documents…", "Importer des documents…", Some("CmdOrCtrl+I")),
    ("open-library", "Open Library…", "Ouvrir une bibliothèque…", Some("CmdOrCtrl+O")),
];
const GO: &[(&str, &str, &str, Option<&str>)] = &[
    ("search", "Search…", "Rechercher…", Some("CmdOrCtrl+K")),
    ("go-library", "Papers", "Documents", Some("CmdOrCtrl+1")),
    ("go-timeline", "Timeline", "Chronologie", Some("CmdOrCtrl+2")),
    ("go-officials", "Officials", "Titulaires", Some("CmdOrCtrl+3")),
    ("go-packets", "Packets", "Trousses", Some("CmdOrCtrl+4")),
    ("go-reports", "Reports", "Rapports", Some("CmdOrCtrl+5")),
    ("go-settings", "Settings", "Réglages", Some("CmdOrCtrl+,")),
    ("back", "Back", "Retour", Some("Alt+Left")),
];

fn items<R: Runtime>(
    app: &AppHandle<R>,
    list: &[(&str, &str, &str, Option<&str>)],
    french: bool,
) -> tauri::Result<Vec<MenuItem<R>>> {
    list.iter()
        .map(|(id, en, fr, key)| MenuItem::with_id(app, *id, if french { *fr } else { *en }, true, *key))
        .collect()
}

/// The language of the menu bar now installed, so that asking again for the
/// same one changes nothing (GTK complains when accelerators are replaced).
static INSTALLED: Mutex<Option<String>> = Mutex::new(None);

/// Builds the menu bar in `lang` ("en" or "fr") and puts it on the app.
pub fn install<R: Runtime>(app: &AppHandle<R>, lang: &str) -> tauri::Result<()> {
    if let Ok(mut installed) = INSTALLED.lock() {
        if installed.as_deref() == Some(lang) {
            return Ok(());
        }
        *installed = Some(lang.to_owned());
    }
    let french = lang == "fr";
    let file_items = items(app, FILE, french)?;
    let quit = PredefinedMenuItem::quit(app, Some(if french { "Quitter" } else { "Quit" }))?;
    let sep = PredefinedMenuItem::separator(app)?;
    let mut file_refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = file_items.iter().map(|i| i as _).collect();
    file_refs.push(&sep);
    file_refs.push(&quit);
    let file = Submenu::with_items(app, if french { "Fichier" } else { "File" }, true, &file_refs)?;

    let edit = Submenu::with_items(
        app,
        if french { "Édition" } else { "Edit" },
        true,
        &[
            &PredefinedMenuItem::undo(app, None)?,
            &PredefinedMenuItem::redo(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
        ],
    )?;

    let go_items = items(app, GO, french)?;
    let go_refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = go_items.iter().map(|i| i as _).collect();
    let go = Submenu::with_items(app, if french { "Aller à" } else { "Go" }, true, &go_refs)?;

    app.set_menu(Menu::with_items(app, &[&file, &edit, &go])?)?;
    Ok(())
}

/// Forwards a chosen item to the front end.
pub fn forward<R: Runtime>(app: &AppHandle<R>, id: &str) {
    // If the window is gone there is no one to tell.
    let _ = app.emit("menu", id);
}
