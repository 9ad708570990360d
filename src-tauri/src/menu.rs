//! The window's menu bar, with each command's keyboard shortcut shown
//! beside it. Choosing an item sends its id to the front end as a `menu`
//! event; the front end does the rest.
//!
//! The words come from the front end's dictionary ([`MenuLabels`], sent
//! with `set_language`), the one source of interface text, so the menu names
//! screens exactly as the sidebar does; only ids and shortcuts live here.

use std::sync::Mutex;

use dossier::menu_labels::MenuLabels;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime};

/// (id, label, shortcut) of each item of a submenu.
type Items<'a> = [(&'static str, &'a str, Option<&'static str>)];

fn items<R: Runtime>(app: &AppHandle<R>, list: &Items<'_>) -> tauri::Result<Vec<MenuItem<R>>> {
    list.iter().map(|(id, label, key)| MenuItem::with_id(app, *id, *label, true, *key)).collect()
}

/// The labels of the menu bar now installed, so that asking again for the
/// same ones changes nothing (GTK complains when accelerators are replaced).
static INSTALLED: Mutex<Option<MenuLabels>> = Mutex::new(None);

/// Builds the menu bar with `labels` and puts it on the app.
pub fn install<R: Runtime>(app: &AppHandle<R>, labels: &MenuLabels) -> tauri::Result<()> {
    if let Ok(mut installed) = INSTALLED.lock() {
        if installed.as_ref() == Some(labels) {
            return Ok(());
        }
        *installed = Some(labels.clone());
    }
    let l = labels;
    let file_items = items(
        app,
        &[
            ("new-paper", l.new_paper.as_str(), Some("CmdOrCtrl+N")),
            ("import", l.import.as_str(), Some("CmdOrCtrl+I")),
            ("open-library", l.open_library.as_str(), Some("CmdOrCtrl+O")),
        ],
    )?;
    let quit = PredefinedMenuItem::quit(app, Some(l.quit.as_str()))?;
    let sep = PredefinedMenuItem::separator(app)?;
    let mut file_refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = file_items.iter().map(|i| i as _).collect();
    file_refs.push(&sep);
    file_refs.push(&quit);
    let file = Submenu::with_items(app, &l.file, true, &file_refs)?;

    let edit = Submenu::with_items(
        app,
        &l.edit,
        true,
        &[
            &PredefinedMenuItem::undo(app, Some(l.undo.as_str()))?,
            &PredefinedMenuItem::redo(app, Some(l.redo.as_str()))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, Some(l.cut.as_str()))?,
            &PredefinedMenuItem::copy(app, Some(l.copy.as_str()))?,
            &PredefinedMenuItem::paste(app, Some(l.paste.as_str()))?,
            &PredefinedMenuItem::select_all(app, Some(l.select_all.as_str()))?,
        ],
    )?;

    let go_items = items(
        app,
        &[
            ("search", l.search.as_str(), Some("CmdOrCtrl+K")),
            ("go-library", l.library.as_str(), Some("CmdOrCtrl+1")),
            ("go-timeline", l.timeline.as_str(), Some("CmdOrCtrl+2")),
            ("go-officials", l.officials.as_str(), Some("CmdOrCtrl+3")),
            ("go-packets", l.packets.as_str(), Some("CmdOrCtrl+4")),
            ("go-reports", l.reports.as_str(), Some("CmdOrCtrl+5")),
            ("go-settings", l.settings.as_str(), Some("CmdOrCtrl+,")),
            ("go-conflicts", l.conflicts.as_str(), None),
            ("back", l.back.as_str(), Some("Alt+Left")),
        ],
    )?;
    let go_refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = go_items.iter().map(|i| i as _).collect();
    let go = Submenu::with_items(app, &l.go, true, &go_refs)?;

    let help_items = items(
        app,
        &[("problem-report", l.problem_report.as_str(), None), ("about", l.about.as_str(), None)],
    )?;
    let help_refs: Vec<&dyn tauri::menu::IsMenuItem<R>> = help_items.iter().map(|i| i as _).collect();
    let help = Submenu::with_items(app, &l.help, true, &help_refs)?;

    app.set_menu(Menu::with_items(app, &[&file, &edit, &go, &help])?)?;
    Ok(())
}

/// Forwards a chosen item to the front end.
pub fn forward<R: Runtime>(app: &AppHandle<R>, id: &str) {
    // If the window is gone there is no one to tell.
    let _ = app.emit("menu", id);
}
