//! Dossier's desktop shell: a Tauri window over the `dossier` core.
//!
//! This crate holds no logic of its own. `commands/` turns each IPC call into
//! one core call; `state.rs` holds the open library; `settings.rs` remembers
//! which library was open last. The window shows the front end in `ui/`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    software_painting();
    if let Err(e) = dossier_app::run() {
        eprintln!("Dossier could not start: {e}");
        std::process::exit(1);
    }
}

/// On Linux, WebKitGTK paints the page itself instead of compositing
/// layers through OpenGL, unless `WEBKIT_DISABLE_COMPOSITING_MODE` is
/// already set (to `0` to composite). The app's pages are text and
/// tables; without a GPU (a virtual machine, a remote desktop, Mesa's
/// software renderer) compositing every frame made a keystroke in search
/// take twice as long to reach the screen (README, Speed), and GPU drivers
/// are where WebKitGTK's blank-window bugs come from. Set here, before any
/// thread starts.
fn software_painting() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
