//! Dossier's desktop shell: a Tauri window over the `dossier` core.
//!
//! This crate holds no logic of its own. `commands/` turns each IPC call into
//! one core call; `state.rs` holds the open library; `settings.rs` remembers
//! which library was open last. The window shows the front end in `ui/`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = dossier_app::run() {
        eprintln!("Dossier could not start: {e}");
        std::process::exit(1);
    }
}
