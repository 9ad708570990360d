//! The packet builder: compose packets and export them as PDF.

use std::path::PathBuf;
use std::sync::Mutex;

use dossier::api::packets::{DayRequest, ExportSettings, NewPacketRequest, PlannedDay};
use dossier::api::places::{DayView, ForPage, PlacePurpose};
use dossier::api::views::PacketPreview;
use dossier::engagements::Engagement;
use dossier::export::day::DayStep;
use dossier::export::{ExportReport, ExportStep};
use dossier::packets::{ItemAdded, Packet};
use dossier::progress::{Cancel, Job};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// The switch of the export or Hill day running now; `cancel_export` flips it.
static RUNNING: Mutex<Option<Cancel>> = Mutex::new(None);

#[tauri::command]
pub async fn list_packets(state: State<'_, AppState>) -> IpcResult<Vec<Packet>> {
    state.run(|lib| lib.packets()).await
}

#[tauri::command]
pub async fn get_packet(state: State<'_, AppState>, id: i64) -> IpcResult<Packet> {
    state.run(move |lib| lib.packet(id)).await
}

#[tauri::command]
pub async fn create_packet(state: State<'_, AppState>, input: NewPacketRequest) -> IpcResult<Packet> {
    state.run(move |lib| lib.create_packet(input.resolve()?)).await
}

#[tauri::command]
pub async fn add_packet_item(state: State<'_, AppState>, packet: i64, paper: i64, version: Option<i64>) -> IpcResult<ItemAdded> {
    state.run(move |lib| lib.add_packet_item(packet, paper, version)).await
}

#[tauri::command]
pub async fn remove_packet_item(state: State<'_, AppState>, packet: i64, item: i64) -> IpcResult<Packet> {
    state.run(move |lib| lib.remove_packet_item(packet, item)).await
}

#[tauri::command]
pub async fn move_packet_item(state: State<'_, AppState>, packet: i64, item: i64, position: i64) -> IpcResult<Packet> {
    state.run(move |lib| lib.move_packet_item(packet, item, position)).await
}

#[tauri::command]
pub async fn pin_packet_item(state: State<'_, AppState>, packet: i64, item: i64, version: Option<i64>) -> IpcResult<Packet> {
    state.run(move |lib| lib.pin_packet_item(packet, item, version)).await
}

#[tauri::command]
pub async fn set_packet_notes(state: State<'_, AppState>, packet: i64, notes: String) -> IpcResult<Packet> {
    state.run(move |lib| lib.set_packet_notes(packet, &notes)).await
}

#[tauri::command]
pub async fn preview_packet(state: State<'_, AppState>, packet: i64, settings: ExportSettings) -> IpcResult<PacketPreview> {
    let opts = settings.options(PathBuf::new())?;
    state
        .job(move |lib| {
            let rendered = lib.export_packet_pdf(packet, &opts)?;
            Ok(PacketPreview { pages: rendered.pages, draft: rendered.draft })
        })
        .await
}

/// Exports on a handle of its own, laid out once, reporting each paper laid
/// out and each page written; a cancel stops it before the file is written.
#[tauri::command]
pub async fn export_packet(
    state: State<'_, AppState>,
    packet: i64,
    place: String,
    settings: ExportSettings,
    progress: Channel<ExportStep>,
) -> IpcResult<ExportReport> {
    let opts = settings.options(state.place(&place, &[PlacePurpose::SavePdf])?)?;
    let cancel = Cancel::new();
    if let Ok(mut running) = RUNNING.lock() {
        *running = Some(cancel.clone());
    }
    let report = state
        .job(move |lib| {
            let mut job = Job::new(cancel, |step: &ExportStep| {
                let _ = progress.send(*step);
            });
            Ok(lib.export_packet_watched(packet, &opts, &mut job)?)
        })
        .await?;
    state.mark_written(&place);
    Ok(report.for_page())
}

/// The days holding meetings or calls, from a week ago on.
#[tauri::command]
pub async fn planned_days(state: State<'_, AppState>) -> IpcResult<Vec<PlannedDay>> {
    state.run(|lib| dossier::api::packets::planned_days(lib)).await
}

/// The meetings and calls of one day, in the order of the day.
#[tauri::command]
pub async fn day_meetings(state: State<'_, AppState>, date: String) -> IpcResult<Vec<Engagement>> {
    state.run(move |lib| dossier::api::packets::day_meetings(lib, &date)).await
}

/// Prints a Hill day into a folder chosen for `day_folder`, on a handle of
/// its own, reporting each packet laid out and each file written;
/// `cancel_export` stops it before any file is written. Every file written
/// comes back as a place the page may open.
#[tauri::command]
pub async fn prepare_day(
    state: State<'_, AppState>,
    place: String,
    request: DayRequest,
    progress: Channel<DayStep>,
) -> IpcResult<DayView> {
    let opts = request.options(state.place(&place, &[PlacePurpose::DayFolder])?)?;
    let cancel = Cancel::new();
    if let Ok(mut running) = RUNNING.lock() {
        *running = Some(cancel.clone());
    }
    let report = state
        .job(move |lib| {
            let mut job = Job::new(cancel, |step: &DayStep| {
                let _ = progress.send(*step);
            });
            Ok(lib.prepare_day_watched(&opts, &mut job)?)
        })
        .await?;
    state.mark_written(&place);
    Ok(DayView::new(report, |path| state.grant_written(path)))
}

/// Stops the export or Hill day running now, before its files are written.
#[tauri::command]
pub async fn cancel_export() {
    if let Ok(running) = RUNNING.lock() {
        if let Some(cancel) = running.as_ref() {
            cancel.cancel();
        }
    }
}

/// Exports to a temporary file and opens it in the system viewer, whose
/// print dialog does the rest.
#[tauri::command]
pub async fn print_packet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    packet: i64,
    settings: ExportSettings,
) -> IpcResult<ExportReport> {
    let dir = app.path().app_cache_dir().map_err(|e| IpcError::new(crate::error::ErrorCode::Io, dossier::Message::CacheFolderFailed { detail: e.to_string() }))?;
    std::fs::create_dir_all(&dir).map_err(|e| IpcError::from(dossier::Error::Io { path: dir.clone(), source: e }))?;
    let opts = settings.options(dir.join(format!("packet-{packet}-print.pdf")))?;
    let report = state.job(move |lib| Ok(lib.export_packet(packet, &opts)?)).await?;
    super::places::open_in_viewer(&report.path)?;
    Ok(report.for_page())
}
