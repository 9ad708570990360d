//! The shell as a library, so that `tauri::test` can drive the same command
//! handlers the window uses.

pub mod commands;
pub mod error;
pub mod guard;
pub mod menu;
pub mod settings;
pub mod state;

use std::path::PathBuf;

use state::AppState;

/// Registers every command the front end may call. The one list of them.
#[macro_export]
macro_rules! handlers {
    () => {
        tauri::generate_handler![
            $crate::commands::library::app_state,
            $crate::commands::library::open_library,
            $crate::commands::library::create_library,
            $crate::commands::library::create_sample_library,
            $crate::commands::library::set_language,
            $crate::commands::places::choose_places,
            $crate::commands::places::open_place,
            $crate::commands::places::open_link,
            $crate::commands::papers::list_papers,
            $crate::commands::papers::get_paper,
            $crate::commands::papers::add_paper,
            $crate::commands::papers::save_version,
            $crate::commands::papers::restore_version,
            $crate::commands::papers::publish_version,
            $crate::commands::papers::diff_versions,
            $crate::commands::papers::render_markdown,
            $crate::commands::records::list_campaigns,
            $crate::commands::records::list_engagements,
            $crate::commands::records::get_engagement,
            $crate::commands::records::list_officials,
            $crate::commands::records::get_official,
            $crate::commands::records::add_engagement,
            $crate::commands::records::debrief_engagement,
            $crate::commands::records::plan_official_import,
            $crate::commands::records::import_officials,
            $crate::commands::imports::import_paths,
            $crate::commands::imports::cancel_import,
            $crate::commands::search::search,
            $crate::commands::search::check_index,
            $crate::commands::search::warm_search,
            $crate::commands::search::reindex,
            $crate::commands::safekeeping::library_settings,
            $crate::commands::safekeeping::set_library_setting,
            $crate::commands::safekeeping::backup,
            $crate::commands::safekeeping::list_backups,
            $crate::commands::sync::sync_status,
            $crate::commands::sync::sync_now,
            $crate::commands::sync::sync_setup,
            $crate::commands::sync::leave_team,
            $crate::commands::sync::sync_conflicts,
            $crate::commands::sync::keep_conflict,
            $crate::commands::sync::public_copy,
            $crate::commands::reports::lobbying_report,
            $crate::commands::reports::export_lobbying_report,
            $crate::commands::reports::subject_matters,
            $crate::commands::reports::set_engagement_subjects,
            $crate::commands::reports::reconcile_registry,
            $crate::commands::packets::list_packets,
            $crate::commands::packets::get_packet,
            $crate::commands::packets::create_packet,
            $crate::commands::packets::add_packet_item,
            $crate::commands::packets::remove_packet_item,
            $crate::commands::packets::move_packet_item,
            $crate::commands::packets::pin_packet_item,
            $crate::commands::packets::set_packet_notes,
            $crate::commands::packets::preview_packet,
            $crate::commands::packets::export_packet,
            $crate::commands::packets::planned_days,
            $crate::commands::packets::day_meetings,
            $crate::commands::packets::prepare_day,
            $crate::commands::packets::cancel_export,
            $crate::commands::packets::print_packet,
            $crate::commands::support::about,
            $crate::commands::support::show_support_folder,
            $crate::commands::support::save_problem_report,
        ]
    };
}

/// The library named on the command line (`--library DIR`) or in
/// `$DOSSIER_LIBRARY`, if any.
fn library_from_args() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--library" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--library=") {
            return Some(PathBuf::from(dir));
        }
    }
    std::env::var_os("DOSSIER_LIBRARY").map(PathBuf::from)
}

/// Starts the desktop app.
pub fn run() -> tauri::Result<()> {
    dossier::logging::start(dossier::logging::Face::App);
    let requested = library_from_args();
    tauri::Builder::default()
        .plugin(guard::plugin())
        // Dialogs are opened from Rust only; the page is granted none of the
        // plugin's commands (capabilities/default.json).
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::default())
        .setup(move |app| {
            use tauri::Manager;
            let state = app.state::<AppState>();
            let remembered = settings::load(app.handle()).library;
            state.open_at_start(requested.clone(), remembered);
            if let Some(root) = state.root() {
                commands::library::daily_backup_in_background(app.handle().clone(), root);
            }
            // No menu bar until the front end sends its words with
            // `set_language`, on its first frame: the dictionary is theirs.
            Ok(())
        })
        .on_menu_event(|app, event| menu::forward(app, event.id().as_ref()))
        .invoke_handler(handlers!())
        .run(tauri::generate_context!())
}
