//! The packet builder: compose packets and export them as PDF.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use dossier::export::{ExportOptions, ExportReport};
use dossier::packets::{NewPacket, Packet};
use dossier::{dates, Library};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::{IpcError, IpcResult};
use crate::state::AppState;

/// Set by `cancel_export`; checked between an export's steps.
static CANCEL: AtomicBool = AtomicBool::new(false);

#[tauri::command]
pub fn list_packets(state: State<'_, AppState>) -> IpcResult<Vec<Packet>> {
    state.with(|lib| lib.packets())
}

#[tauri::command]
pub fn get_packet(state: State<'_, AppState>, id: i64) -> IpcResult<Packet> {
    state.with(|lib| lib.packet(id))
}

/// A new packet as the builder sends it.
#[derive(Deserialize)]
pub struct NewPacketInput {
    pub title: String,
    pub official_id: Option<i64>,
    pub engagement_id: Option<i64>,
    pub meeting_on: Option<String>,
    pub prepared_by: String,
}

#[tauri::command]
pub fn create_packet(state: State<'_, AppState>, input: NewPacketInput) -> IpcResult<Packet> {
    state.with(|lib| {
        lib.create_packet(NewPacket {
            title: input.title,
            official_id: input.official_id,
            engagement_id: input.engagement_id,
            meeting_on: input.meeting_on.map(|d| dates::parse_date(&d, "meeting date")).transpose()?,
            prepared_by: input.prepared_by,
        })
    })
}

#[tauri::command]
pub fn add_packet_item(state: State<'_, AppState>, packet: i64, paper: i64, version: Option<i64>) -> IpcResult<Packet> {
    state.with(|lib| lib.add_packet_item(packet, paper, version))
}

#[tauri::command]
pub fn remove_packet_item(state: State<'_, AppState>, packet: i64, item: i64) -> IpcResult<Packet> {
    state.with(|lib| lib.remove_packet_item(packet, item))
}

#[tauri::command]
pub fn move_packet_item(state: State<'_, AppState>, packet: i64, item: i64, position: i64) -> IpcResult<Packet> {
    state.with(|lib| lib.move_packet_item(packet, item, position))
}

#[tauri::command]
pub fn pin_packet_item(state: State<'_, AppState>, packet: i64, item: i64, version: Option<i64>) -> IpcResult<Packet> {
    state.with(|lib| lib.pin_packet_item(packet, item, version))
}

#[tauri::command]
pub fn set_packet_notes(state: State<'_, AppState>, packet: i64, notes: String) -> IpcResult<Packet> {
    state.with(|lib| lib.set_packet_notes(packet, &notes))
}

/// Paper size and label language, as the builder sends them.
#[derive(Deserialize)]
pub struct ExportSettings {
    pub paper: String,
    pub lang: String,
}

impl ExportSettings {
    fn options(&self, out: PathBuf) -> dossier::Result<ExportOptions> {
        Ok(ExportOptions { out, paper: self.paper.parse()?, lang: self.lang.parse()?, ..ExportOptions::default() })
    }
}

/// What the page count in the builder shows.
#[derive(Serialize)]
pub struct PacketPreview {
    pub pages: usize,
    pub draft: bool,
}

#[tauri::command]
pub async fn preview_packet(state: State<'_, AppState>, packet: i64, settings: ExportSettings) -> IpcResult<PacketPreview> {
    state.with(|lib| {
        let rendered = lib.export_packet_pdf(packet, &settings.options(PathBuf::new())?)?;
        Ok(PacketPreview { pages: rendered.pages, draft: rendered.draft })
    })
}

/// A step of a running export.
#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    pub stage: &'static str,
    pub pages: Option<usize>,
}

fn cancelled() -> IpcError {
    IpcError::new("cancelled", dossier::Message::ExportCancelled {})
}

/// Lays the packet out, then writes it, reporting each step; off the UI
/// thread (async command). A cancel between the steps writes nothing.
fn export_with_progress(lib: &mut Library, packet: i64, opts: &ExportOptions, progress: &Channel<ExportProgress>) -> IpcResult<ExportReport> {
    CANCEL.store(false, Ordering::SeqCst);
    let _ = progress.send(ExportProgress { stage: "layout", pages: None });
    let preview = lib.export_packet_pdf(packet, opts)?;
    if CANCEL.load(Ordering::SeqCst) {
        let _ = progress.send(ExportProgress { stage: "cancelled", pages: None });
        return Err(cancelled());
    }
    let _ = progress.send(ExportProgress { stage: "writing", pages: Some(preview.pages) });
    let report = lib.export_packet(packet, opts)?;
    let _ = progress.send(ExportProgress { stage: "done", pages: Some(report.pages) });
    Ok(report)
}

#[tauri::command]
pub async fn export_packet(
    state: State<'_, AppState>,
    packet: i64,
    path: PathBuf,
    settings: ExportSettings,
    progress: Channel<ExportProgress>,
) -> IpcResult<ExportReport> {
    let opts = settings.options(path)?;
    state.with_ipc(|lib| export_with_progress(lib, packet, &opts, &progress))
}

#[tauri::command]
pub fn cancel_export() {
    CANCEL.store(true, Ordering::SeqCst);
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
    let dir = app.path().app_cache_dir().map_err(|e| IpcError::new("io", dossier::Message::CacheFolderFailed { detail: e.to_string() }))?;
    std::fs::create_dir_all(&dir).map_err(|e| IpcError::from(dossier::Error::Io { path: dir.clone(), source: e }))?;
    let opts = settings.options(dir.join(format!("packet-{packet}-print.pdf")))?;
    let report = state.with(|lib| lib.export_packet(packet, &opts))?;
    tauri_plugin_opener::open_path(&report.path, None::<&str>)
        .map_err(|e| IpcError::new("io", dossier::Message::ViewerFailed { detail: e.to_string() }))?;
    Ok(report)
}
