//! The IPC wiring, without a window: command names, argument names and
//! error codes exactly as the front end's `api.ts` uses them.

use dossier::api::places::PlacePurpose;
use dossier::Library;
use dossier_app::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

fn app(with_sample: bool) -> (tempfile::TempDir, tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>) {
    let dir = tempfile::tempdir().unwrap();
    let lib = with_sample.then(|| {
        let mut lib = Library::init(&dir.path().join("lib")).unwrap();
        lib.load_sample(dossier::sample::WRITTEN_ON).unwrap();
        lib
    });
    let (app, window) = app_on(lib);
    (dir, app, window)
}

/// The app with `lib` as its open library (none when `None`).
fn app_on(lib: Option<Library>) -> (tauri::App<tauri::test::MockRuntime>, WebviewWindow<tauri::test::MockRuntime>) {
    let state = AppState::default();
    if let Some(lib) = lib {
        state.replace(lib);
    }
    let app = mock_builder()
        .manage(state)
        .invoke_handler(dossier_app::handlers!())
        .build(tauri::generate_context!(test = true))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, window)
}

/// `path` as the user would choose it in the system's dialog for `purpose`:
/// the id the page then sends.
fn chosen(app: &tauri::App<tauri::test::MockRuntime>, purpose: PlacePurpose, path: impl Into<std::path::PathBuf>) -> String {
    app.state::<AppState>().grant(purpose, path.into()).id
}

fn call(window: &WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // The origin of the bundled front end on Linux and macOS.
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn without_a_library_commands_answer_no_library() {
    let (_dir, _app, w) = app(false);
    let err = call(&w, "list_papers", json!({})).unwrap_err();
    assert_eq!(err["code"], "no_library", "the first-run screen branches on this code: {err}");
    let state = call(&w, "app_state", json!({})).unwrap();
    assert!(state["library"].is_null(), "no library is open: {state}");
}

#[test]
fn papers_are_read_with_the_argument_names_the_front_end_uses() {
    let (_dir, app, w) = app(true);
    let papers = call(&w, "list_papers", json!({})).unwrap();
    assert!(papers.as_array().unwrap().len() >= 10);
    let view = call(&w, "get_paper", json!({ "id": 10, "version": null })).unwrap();
    assert_eq!(view["paper"]["id"], 10);
    assert!(view["html"].as_str().unwrap().contains("<p>"), "the body arrives as sanitised HTML");
    let v1 = call(&w, "get_paper", json!({ "id": 10, "version": 1 })).unwrap();
    assert_eq!(v1["version"]["version"], 1);
    let diff = call(&w, "diff_versions", json!({ "id": 10, "from": 1, "to": 2 })).unwrap();
    assert!(diff["body"]["segments"].as_array().unwrap().len() > 1);
    let err = call(&w, "get_paper", json!({ "id": 999, "version": null })).unwrap_err();
    assert_eq!(
        err,
        json!({
            "code": "not_found",
            "message": "paper 999 does not exist",
            "key": "not_found",
            "params": { "what": "paper", "id": 999 }
        }),
        "a coarse code to branch on, a key and params to word, English to fall back on"
    );
    assert!(app.state::<AppState>().root().is_some());
}

#[test]
fn saving_restoring_and_publishing_append_versions() {
    let (_dir, _app, w) = app(true);
    let input = json!({ "title": "Les élections", "summary": "", "body": "Nouveau texte.", "note": "Test", "author": "Tester" });
    let saved = call(&w, "save_version", json!({ "id": 2, "input": input })).unwrap();
    assert_eq!(saved["version"], 3, "paper 2 had two versions");
    let err = call(&w, "save_version", json!({ "id": 2, "input": input })).unwrap_err();
    assert_eq!(err["code"], "conflict", "unchanged text is refused with a code the editor knows");
    let restored = call(&w, "restore_version", json!({ "id": 2, "version": 1, "author": "Tester", "note": "" })).unwrap();
    assert_eq!(restored["restored_from"], 1);
    let published = call(&w, "publish_version", json!({ "id": 2, "version": 4 })).unwrap();
    assert_eq!(published["version"], 4);
    let html = call(&w, "render_markdown", json!({ "text": "**gras** <script>x()</script>" })).unwrap();
    assert_eq!(html, json!("<p><strong>gras</strong> </p>\n"), "scripts never reach the web view");
}

#[test]
fn officials_and_engagements_round_trip() {
    let (_dir, _app, w) = app(true);
    let officials = call(&w, "list_officials", json!({})).unwrap();
    let id = officials[0]["id"].clone();
    let logged = call(
        &w,
        "add_engagement",
        json!({ "input": { "kind": "call", "date": "2026-11-20", "time": "14:00", "place": "", "campaign_id": null,
            "subject": "Follow-up call", "notes": "", "follow_ups": "", "reportable": null, "official_ids": [id] } }),
    )
    .unwrap();
    assert_eq!(logged["reportable"], true, "a call with an official is reportable by default");
    let profile = call(&w, "get_official", json!({ "id": id })).unwrap();
    assert!(profile["engagements"].as_array().unwrap().iter().any(|e| e["subject"] == "Follow-up call"));
    let err = call(&w, "add_engagement", json!({ "input": { "kind": "lunch", "date": "2026-11-20", "time": null, "place": "",
        "campaign_id": null, "subject": "x", "notes": "", "follow_ups": "", "reportable": null, "official_ids": [] } })).unwrap_err();
    assert_eq!(err["code"], "invalid");
}

#[test]
fn the_lobbying_report_and_library_settings_use_the_front_ends_names() {
    let (dir, app, w) = app(true);
    let report = call(&w, "lobbying_report", json!({ "month": "2026-10" })).unwrap();
    assert_eq!(report["deadline"], "2026-11-15");
    assert!(report["rows"].as_array().unwrap().len() >= 2, "{report}");
    assert!(report["rows"][0]["position_title"].is_string(), "rows carry the registry's fields: {report}");
    assert_eq!(report["not_reported"][0]["kind"], "letter", "the reportable letter is listed apart");
    let err = call(&w, "lobbying_report", json!({ "month": "2026-13" })).unwrap_err();
    assert_eq!(err["code"], "invalid");

    let csv = dir.path().join("october.csv");
    let place = chosen(&app, PlacePurpose::SaveCsv, &csv);
    let saved = call(&w, "export_lobbying_report", json!({ "month": "2026-10", "format": "csv", "place": place })).unwrap();
    assert_eq!(saved["path"], "october.csv", "the page is told the name, not where it is");
    assert_eq!(saved["bytes"].as_u64().unwrap(), std::fs::metadata(&csv).unwrap().len());
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBF\""), "UTF-8 with a BOM, quoted fields");

    let settings = call(&w, "set_library_setting", json!({ "key": "registrant", "value": "Nadia Saleh" })).unwrap();
    assert_eq!(settings["registrant"], "Nadia Saleh");
    assert_eq!(call(&w, "lobbying_report", json!({ "month": "2026-10" })).unwrap()["registrant"], "Nadia Saleh");
    let err = call(&w, "set_library_setting", json!({ "key": "colour", "value": "blue" })).unwrap_err();
    assert_eq!(err["code"], "invalid");
}

#[test]
fn subject_matters_are_listed_and_set_and_the_registry_folder_is_reconciled_by_its_place() {
    let (dir, app, w) = app(true);
    let list = call(&w, "subject_matters", json!({})).unwrap();
    assert_eq!(list[1]["code"], "SMT-11", "the sample's list, in code order: {list}");
    let e = call(&w, "set_engagement_subjects", json!({ "id": 122, "codes": ["smt-16", "SMT-11"] })).unwrap();
    assert_eq!(e["subjects"], json!(["SMT-11", "SMT-16"]));
    let err = call(&w, "set_engagement_subjects", json!({ "id": 122, "codes": ["SMT-999"] })).unwrap_err();
    assert_eq!(err["key"], "subject_code_unknown", "{err}");

    let registry = dir.path().join("registry");
    std::fs::create_dir(&registry).unwrap();
    let place = chosen(&app, PlacePurpose::RegistryFolder, &registry);
    let err = call(&w, "reconcile_registry", json!({ "place": place, "month": "2026-10" })).unwrap_err();
    assert_eq!(err["key"], "registry_numbers_not_set", "{err}");
    call(&w, "set_library_setting", json!({ "key": "registry_numbers", "value": "780555-4412" })).unwrap();
    let err = call(&w, "reconcile_registry", json!({ "place": place, "month": "2026-10" })).unwrap_err();
    assert_eq!(err["key"], "registry_primary_missing", "{err}");
    assert_eq!(err["params"]["folder"], "registry", "the page is told the folder's name, not where it is: {err}");
    std::fs::write(
        registry.join("Communication_PrimaryExport.csv"),
        "COMLOG_ID,CLIENT_ORG_CORP_NUM,REGISTRANT_NUM_DECLARANT,COMM_DATE,PREV_COMLOG_ID_PRECEDNT\n1,null,780555-4412,2026-10-06,null\n",
    )
    .unwrap();
    let done = call(&w, "reconcile_registry", json!({ "place": place, "month": "2026-10" })).unwrap();
    assert_eq!(done["reports_found"], 1);
    assert_eq!(done["months"][0]["month"], "2026-10");
    assert_eq!(done["months"][0]["not_logged"][0]["comlog_id"], "1");
    assert!(!done.to_string().contains(&*dir.path().to_string_lossy()), "no path in the reply: {done}");
}

#[test]
fn a_backup_is_written_where_asked_and_the_library_says_where_it_sits() {
    let (dir, app, w) = app(true);
    let file = dir.path().join("copy.sqlite");
    let info = call(&w, "backup", json!({ "place": chosen(&app, PlacePurpose::SaveBackup, dir.path().join("copy")) })).unwrap();
    assert!(info["papers"].as_i64().unwrap() >= 10, "{info}");
    assert!(file.is_file());
    assert!(call(&w, "list_backups", json!({})).unwrap().is_array());
    let state = call(&w, "app_state", json!({})).unwrap();
    assert!(state["library"]["location_warning"].is_null(), "a local temporary folder is not warned of: {state}");
    assert_eq!(state["library"]["read_only"], false);
    assert!(state["library"]["papers"].as_i64().unwrap() >= 10, "the summary's fields stay at the top level");
}

#[test]
fn importing_reports_each_file_and_a_bad_one_does_not_stop_the_rest() {
    let (dir, app, w) = app(true);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import");
    let broken = dir.path().join("broken.docx");
    std::fs::write(&broken, b"this is not a zip archive").unwrap();
    let file = |path: std::path::PathBuf| chosen(&app, PlacePurpose::ImportFiles, path);
    let places = json!([file(fixtures.join("arms-trade.docx")), file(broken), file(fixtures.join("logement.odt"))]);
    let options = json!({ "lang": null, "tags": ["imported"], "dry_run": false, "author": "Tester" });
    let summary = call(&w, "import_paths", json!({ "places": places, "options": options, "progress": "__CHANNEL__:7" })).unwrap();
    let lines = summary["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 3, "{summary}");
    assert_eq!(lines[0]["status"], "imported");
    assert_eq!(lines[0]["format"], "docx");
    assert_eq!(lines[1]["status"], "refused");
    assert!(lines[1]["message"].as_str().unwrap().starts_with("broken.docx: "), "named, without its folder: {summary}");
    assert_eq!(lines[1]["path"], "broken.docx");
    assert_eq!(lines[2]["status"], "imported");
    assert_eq!(lines[2]["lang"], "fr", "the French document's language is detected");
    assert_eq!(summary["cancelled"], false);

    let again = call(&w, "import_paths", json!({ "places": [file(fixtures.join("arms-trade.docx"))], "options": options, "progress": "__CHANNEL__:8" })).unwrap();
    assert_eq!(again["lines"][0]["status"], "duplicate");
    assert_eq!(again["lines"][0]["paper_id"], lines[0]["paper_id"]);
    let err = call(&w, "import_paths", json!({ "places": [], "options": { "lang": "de", "tags": [], "dry_run": false, "author": "T" }, "progress": "__CHANNEL__:9" })).unwrap_err();
    assert_eq!(err["code"], "invalid", "an unsupported language is refused: {err}");
}

#[test]
fn a_library_that_cannot_be_opened_at_start_is_explained_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("library.sqlite"), b"not a database at all, just bytes that are long enough to look like a file").unwrap();
    let state = AppState::default();
    state.open_at_start(Some(root), None);
    let app = mock_builder()
        .manage(state)
        .invoke_handler(dossier_app::handlers!())
        .build(tauri::generate_context!(test = true))
        .unwrap();
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let view = call(&w, "app_state", json!({})).unwrap();
    assert!(view["library"].is_null(), "{view}");
    assert_eq!(view["open_error"]["code"], "not_a_library", "the first-run screen says why: {view}");
}

/// The text of a PDF, as `pdftotext` reads it (poppler is installed by
/// `cargo xtask deps`).
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext read {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn adding_a_never_published_paper_to_a_packet_answers_with_a_warning_to_word() {
    let (_dir, _app, w) = app(true);
    let papers = call(&w, "list_papers", json!({})).unwrap();
    let draft = papers.as_array().unwrap().iter().find(|p| p["status"] == "draft").expect("the sample has a draft")["id"].clone();
    let input = json!({ "title": "Visit", "official_id": null, "engagement_id": null, "meeting_on": null, "prepared_by": "Tester" });
    let packet = call(&w, "create_packet", json!({ "input": input })).unwrap()["id"].clone();
    let added = call(&w, "add_packet_item", json!({ "packet": packet, "paper": draft, "version": null })).unwrap();
    assert_eq!(added["packet"]["items"].as_array().unwrap().len(), 1, "added, with a warning: {added}");
    assert_eq!(added["warnings"][0]["key"], "packet_add_unpublished", "a key the builder words: {added}");
    assert_eq!(added["warnings"][0]["params"], json!({ "packet": packet, "paper": draft, "title": added["packet"]["items"][0]["title"] }));
    let pinned = call(&w, "add_packet_item", json!({ "packet": packet, "paper": draft, "version": 1 })).unwrap();
    assert_eq!(pinned["warnings"], json!([]), "a pinned version is no worry: {pinned}");
}

#[test]
fn a_hill_day_is_printed_into_a_chosen_folder_and_its_files_open_by_id() {
    let (dir, app, w) = app(true);
    let days = call(&w, "planned_days", json!({})).unwrap();
    assert!(days.as_array().unwrap().iter().all(|d| d["meetings"].as_u64().unwrap() > 0), "{days}");
    let meetings = call(&w, "day_meetings", json!({ "date": "2026-12-02" })).unwrap();
    let times: Vec<&str> = meetings.as_array().unwrap().iter().map(|m| m["time"].as_str().unwrap()).collect();
    assert_eq!(times, ["09:00", "10:30", "13:15", "15:30"]);
    assert_eq!(call(&w, "day_meetings", json!({ "date": "2 December" })).unwrap_err()["key"], "bad_date");

    let folder = dir.path().join("Hill day");
    let place = chosen(&app, PlacePurpose::DayFolder, &folder);
    let view = call(&w, "prepare_day", json!({ "place": place, "request": { "date": "2026-12-02", "paper": "letter", "lang": "fr" }, "progress": "__CHANNEL__:13" })).unwrap();
    assert_eq!(view["folder"], "Hill day", "{view}");
    assert_eq!(view["combined"]["label"], "2026-12-02 toutes les trousses.pdf");
    assert_eq!(view["meetings"].as_array().unwrap().len(), 4);
    assert!(folder.join("2026-12-02 itinéraire.pdf").is_file());
    // Each file written is a place the page may open; none is a place to write to.
    let file = view["meetings"][0]["file"]["id"].as_str().unwrap().to_owned();
    let state = app.state::<AppState>();
    assert_eq!(state.written_file(&file).unwrap(), folder.join(view["meetings"][0]["file"]["label"].as_str().unwrap()));
    assert!(state.place(&file, &[PlacePurpose::DayFolder, PlacePurpose::SaveBackup]).is_err());
    assert_eq!(state.written_file(&place).unwrap(), folder, "the folder opens once written");

    // A debrief writes into the engagement; a letter has none.
    let id = meetings[0]["id"].clone();
    let debriefed = call(&w, "debrief_engagement", json!({ "id": id, "debrief": { "outcome": "Will ask in QP", "follow_ups": "", "reportable": false } })).unwrap();
    assert_eq!(debriefed["outcome"], "Will ask in QP");
    assert_eq!(debriefed["reportable"], false);
    let err = call(&w, "debrief_engagement", json!({ "id": 999_999, "debrief": { "outcome": "", "follow_ups": "", "reportable": true } })).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
}

#[test]
fn regression_an_app_export_prints_the_organisation_set_in_settings() {
    let (dir, app, w) = app(true);
    call(&w, "set_library_setting", json!({ "key": "organisation", "value": "Réseau Justice Test" })).unwrap();
    let pdf = dir.path().join("app.pdf");
    let settings = json!({ "paper": "letter", "lang": "en" });
    let place = chosen(&app, PlacePurpose::SavePdf, &pdf);
    let report = call(&w, "export_packet", json!({ "packet": 1, "place": place, "settings": settings, "progress": "__CHANNEL__:11" })).unwrap();
    assert!(report["pages"].as_u64().unwrap() > 3, "{report}");
    let text = pdf_text(&pdf);
    assert!(text.contains("Réseau Justice Test"), "the cover names the library's organisation");
    assert!(!text.contains("Dossier Sample Advocacy Organisation"), "never the built-in default once one is set");
    let info = lopdf::Document::load(&pdf).unwrap();
    let author = info.trailer.get(b"Info").and_then(|i| info.get_dictionary(i.as_reference().unwrap())).ok().and_then(|d| d.get(b"Author").ok()).map(|a| format!("{a:?}")).unwrap_or_default();
    assert!(!author.contains("Dossier Sample"), "the metadata does not name the default either: {author}");
}

#[test]
fn regression_the_cli_and_the_app_export_the_same_packet_with_the_same_text() {
    let (dir, app, w) = app(true);
    call(&w, "set_library_setting", json!({ "key": "organisation", "value": "Same Text Network" })).unwrap();
    let from_app = dir.path().join("app.pdf");
    let place = chosen(&app, PlacePurpose::SavePdf, &from_app);
    call(&w, "export_packet", json!({ "packet": 1, "place": place, "settings": { "paper": "a4", "lang": "fr" }, "progress": "__CHANNEL__:12" })).unwrap();
    let root = app.state::<AppState>().root().unwrap();
    let from_cli = dir.path().join("cli.pdf");
    let cli = std::path::Path::new(env!("CARGO_BIN_EXE_dossier-app")).with_file_name("dossier");
    let out = std::process::Command::new(&cli)
        .arg("--library").arg(&root)
        .args(["packet", "export", "1", "--paper", "a4", "--lang", "fr", "--out"]).arg(&from_cli)
        .output()
        .expect("the dossier CLI built beside the app");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (a, c) = (pdf_text(&from_app), pdf_text(&from_cli));
    // Only the moment printed may differ between two exports of one packet.
    let strip = |t: &str| t.lines().filter(|l| !l.contains("Imprimé le")).collect::<Vec<_>>().join("\n");
    assert!(a.contains("Same Text Network"), "the organisation set in Settings");
    assert_eq!(strip(&a), strip(&c), "both faces print the same packet");
}

#[test]
fn short_commands_answer_while_a_long_job_runs_on_its_own_handle() {
    let (dir, app, w) = app(true);
    // A folder of files big enough that importing them takes a while.
    let files = dir.path().join("many");
    std::fs::create_dir(&files).unwrap();
    for k in 0..150 {
        let body = format!("# Note {k}\n\n{}", "Le logement est un droit. Housing is a right. ".repeat(400));
        std::fs::write(files.join(format!("note-{k:03}.md")), body).unwrap();
    }
    let state = app.state::<AppState>();
    let root = state.root().unwrap();
    let w2 = w.clone();
    let place = chosen(&app, PlacePurpose::ImportFolder, &files);
    let job = std::thread::spawn(move || {
        call(&w2, "import_paths", json!({ "places": [place], "options": { "lang": null, "tags": [], "dry_run": false, "author": "T" }, "progress": "__CHANNEL__:13" }))
    });
    // Wait until the import has written its first paper, then ask short
    // questions while it is still going.
    let mut seen_running = false;
    for _ in 0..400 {
        let count = Library::open(&root).unwrap().summary().unwrap().papers;
        if count > 14 && !job.is_finished() {
            let papers = call(&w, "list_papers", json!({})).unwrap();
            assert!(papers.as_array().unwrap().len() >= 14);
            call(&w, "get_paper", json!({ "id": 1, "version": null })).unwrap();
            call(&w, "search", json!({ "request": { "query": "élections", "as_you_type": false, "kind": null, "from_year": null, "to_year": null, "lang": null, "tag": null, "status": null, "official": null, "all_versions": false, "as_of": null, "limit": null } })).unwrap();
            seen_running = !job.is_finished();
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    let summary = job.join().unwrap().unwrap();
    assert_eq!(summary["lines"].as_array().unwrap().len(), 150);
    assert!(seen_running, "list, open and search answered while the import was still running");
}

#[test]
fn every_command_is_async_so_none_runs_on_the_main_thread() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut commands = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() == "#[tauri::command]" {
                commands += 1;
                let signature = lines[i + 1].trim();
                assert!(signature.starts_with("pub async fn"), "{}: `{signature}` must be async: a synchronous command runs on the main thread", path.display());
            }
        }
    }
    assert!(commands >= 40, "found the commands ({commands})");
}

#[test]
fn a_team_library_is_started_written_to_and_synced_through_the_shell() {
    let (dir, app, w) = app(true);
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let alone = call(&w, "sync_status", json!({})).unwrap();
    assert_eq!(alone["in_team"], false, "the indicator hides for a library alone: {alone}");
    let err = call(&w, "sync_now", json!({})).unwrap_err();
    assert_eq!(err["code"], "sync", "syncing a library alone is refused: {err}");
    assert_eq!(err["key"], "sync_not_in_team");

    let request = json!({ "device": "Office", "person": "Tester" });
    let place = chosen(&app, PlacePurpose::TeamFolder, &shared);
    let done = call(&w, "sync_setup", json!({ "place": place, "request": request })).unwrap();
    assert_eq!(done["status"]["folder"], "shared", "{done}");
    assert_eq!(done["setup"], "created", "a folder without a team starts one: {done}");
    assert_eq!(done["status"]["in_team"], true);
    assert_eq!(done["status"]["name"], "Office");
    assert!(shared.join("dossier-team/team.json").is_file());

    call(&w, "set_library_setting", json!({ "key": "organisation", "value": "Team Network" })).unwrap();
    let waiting = call(&w, "sync_status", json!({})).unwrap();
    assert!(waiting["waiting_out"].as_i64().unwrap() >= 1, "the write waits to go out: {waiting}");
    let report = call(&w, "sync_now", json!({})).unwrap();
    assert!(report["changes_written"].as_i64().unwrap() >= 1, "{report}");
    assert_eq!(report["files_written"], 1);
    let status = call(&w, "sync_status", json!({})).unwrap();
    assert_eq!(status["waiting_out"], 0, "nothing waits once synced: {status}");
    assert_eq!(status["reachable"], true);
    assert!(status["last_sync"].is_string(), "the indicator shows when: {status}");
    assert_eq!(status["devices"][0]["this_one"], true);
    assert_eq!(status["conflicts"], 0);
}

#[test]
fn joining_a_team_replaces_the_open_empty_library_with_the_teams() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let mut office = Library::init(&dir.path().join("office")).unwrap();
    office.load_sample(dossier::sample::WRITTEN_ON).unwrap();
    office.create_team(&shared, "Office", "Amira").unwrap();

    let (app, w) = app_on(Some(Library::init(&dir.path().join("laptop")).unwrap()));
    assert_eq!(call(&w, "list_papers", json!({})).unwrap().as_array().unwrap().len(), 0);
    let place = chosen(&app, PlacePurpose::TeamFolder, &shared);
    let done = call(&w, "sync_setup", json!({ "place": place, "request": { "device": "Laptop", "person": null } })).unwrap();
    assert_eq!(done["setup"], "joined", "a folder holding a team is joined: {done}");
    assert_eq!(done["status"]["devices"].as_array().unwrap().len(), 2, "{done}");
    let papers = call(&w, "list_papers", json!({})).unwrap();
    assert!(papers.as_array().unwrap().len() >= 10, "the window now reads the team's library, not the empty one");
    assert_eq!(app.state::<AppState>().root().unwrap(), dir.path().join("laptop"), "in the same folder");

    // A write in the app reaches the other device.
    call(&w, "set_library_setting", json!({ "key": "registrant", "value": "Luc Gagnon" })).unwrap();
    call(&w, "sync_now", json!({})).unwrap();
    office.sync().unwrap();
    assert_eq!(office.settings().unwrap().registrant.as_deref(), Some("Luc Gagnon"));

    // Setting up again is refused, and the window's library is still open.
    let err = call(&w, "sync_setup", json!({ "place": place, "request": { "device": null, "person": null } })).unwrap_err();
    assert_eq!(err["code"], "conflict", "{err}");
    assert!(call(&w, "list_papers", json!({})).unwrap().as_array().unwrap().len() >= 10, "reopened after the refusal");
}

#[test]
fn a_value_that_lost_is_listed_and_brought_back_through_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let mut office = Library::init(&dir.path().join("office")).unwrap();
    office.create_team(&shared, "Office", "Amira").unwrap();
    let (app, w) = app_on(Some(Library::init(&dir.path().join("laptop")).unwrap()));
    let place = chosen(&app, PlacePurpose::TeamFolder, &shared);
    call(&w, "sync_setup", json!({ "place": place, "request": { "device": "Laptop", "person": "Luc" } })).unwrap();

    call(&w, "set_library_setting", json!({ "key": "organisation", "value": "Old Name" })).unwrap();
    call(&w, "sync_now", json!({})).unwrap();
    office.sync().unwrap();
    // Both change the name offline; the office's change is the later one.
    call(&w, "set_library_setting", json!({ "key": "organisation", "value": "Name from the laptop" })).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    office.set_setting(dossier::settings::Setting::Organisation, "Name from the office").unwrap();
    call(&w, "sync_now", json!({})).unwrap();
    office.sync().unwrap();
    call(&w, "sync_now", json!({})).unwrap();

    let status = call(&w, "sync_status", json!({})).unwrap();
    assert_eq!(status["conflicts"], 1, "the indicator counts the value that lost: {status}");
    let conflicts = call(&w, "sync_conflicts", json!({ "all": false })).unwrap();
    let lost = &conflicts[0];
    assert_eq!(lost["table"], "settings", "{conflicts}");
    assert_eq!(lost["field"], "value");
    assert_eq!(lost["value"], "Name from the laptop");
    assert_eq!(lost["reason"], "overwritten");
    assert!(lost["kept_at"].is_null());

    let kept = call(&w, "keep_conflict", json!({ "id": lost["id"] })).unwrap();
    assert!(kept["kept_at"].is_string(), "{kept}");
    assert_eq!(call(&w, "library_settings", json!({})).unwrap()["organisation"], "Name from the laptop");
    assert_eq!(call(&w, "sync_conflicts", json!({ "all": false })).unwrap(), json!([]), "no longer waiting");
    assert_eq!(call(&w, "sync_conflicts", json!({ "all": true })).unwrap().as_array().unwrap().len(), 1);
    let again = call(&w, "keep_conflict", json!({ "id": lost["id"] })).unwrap_err();
    assert_eq!(again["key"], "conflict_already_kept", "{again}");
    assert_eq!(call(&w, "keep_conflict", json!({ "id": 999 })).unwrap_err()["code"], "not_found");

    // The value brought back is a new change: it wins on the other device too.
    call(&w, "sync_now", json!({})).unwrap();
    office.sync().unwrap();
    assert_eq!(office.settings().unwrap().organisation.as_deref(), Some("Name from the laptop"));
}

#[test]
fn a_public_copy_made_in_the_app_opens_read_only_and_says_so() {
    let (dir, app, w) = app(true);
    let state = call(&w, "app_state", json!({})).unwrap();
    assert_eq!(state["library"]["public_copy"], false, "{state}");
    let public = dir.path().join("public");
    let copy = call(&w, "public_copy", json!({ "place": chosen(&app, PlacePurpose::PublicCopy, &public) })).unwrap();
    assert!(copy["papers"].as_i64().unwrap() > 0, "the published papers are in it: {copy}");
    assert_eq!(copy["path"], "public");
    let root = app.state::<AppState>().root().unwrap();
    let err = call(&w, "public_copy", json!({ "place": chosen(&app, PlacePurpose::PublicCopy, root) })).unwrap_err();
    assert_eq!(err["key"], "public_copy_over_library", "never over the library itself: {err}");

    app.state::<AppState>().replace(Library::open(&public).unwrap());
    let state = call(&w, "app_state", json!({})).unwrap();
    assert_eq!(state["library"]["public_copy"], true, "the window badges it: {state}");
    assert_eq!(state["library"]["read_only"], true);
    let papers = call(&w, "list_papers", json!({})).unwrap();
    let id = papers[0]["id"].clone();
    let input = json!({ "title": "Changed", "summary": "", "body": "Changed.", "note": "", "author": "Tester" });
    let err = call(&w, "save_version", json!({ "id": id, "input": input })).unwrap_err();
    assert_eq!(err["code"], "read_only", "a public copy refuses every write: {err}");
    assert_eq!(call(&w, "sync_status", json!({})).unwrap()["in_team"], false, "a public copy is in no team");
}

// ---- Attacks from the page: a script in the window tries to reach the
// disk, leave the app, or break the library for everyone after it.

#[test]
fn attack_a_script_names_a_path_and_nothing_is_read_or_written() {
    let (dir, app, w) = app(true);
    let rc = dir.path().join(".bashrc");
    std::fs::write(&rc, "export PATH=/usr/bin\n").unwrap();
    let secret = dir.path().join("secret.md");
    std::fs::write(&secret, "# Private\n\nNot for the library.").unwrap();
    let before = call(&w, "list_papers", json!({})).unwrap().as_array().unwrap().len();
    let refused = |cmd: &str, args: Value| {
        let err = call(&w, cmd, args).unwrap_err();
        assert_eq!(err["key"], "place_not_chosen", "{cmd}: {err}");
    };
    let options = json!({ "lang": null, "tags": [], "dry_run": false, "author": "T" });
    refused("import_paths", json!({ "places": [secret.to_string_lossy()], "options": options, "progress": "__CHANNEL__:20" }));
    refused("export_lobbying_report", json!({ "month": "2026-10", "format": "csv", "place": rc.to_string_lossy() }));
    refused("export_packet", json!({ "packet": 1, "place": rc.to_string_lossy(), "settings": { "paper": "letter", "lang": "en" }, "progress": "__CHANNEL__:21" }));
    refused("backup", json!({ "place": rc.to_string_lossy() }));
    refused("open_library", json!({ "place": dir.path().to_string_lossy() }));
    refused("create_library", json!({ "place": dir.path().join("new").to_string_lossy() }));
    refused("public_copy", json!({ "place": dir.path().join("pub").to_string_lossy() }));
    refused("sync_setup", json!({ "place": dir.path().to_string_lossy(), "request": { "device": null, "person": null } }));
    refused("open_place", json!({ "place": rc.to_string_lossy() }));
    refused("reconcile_registry", json!({ "place": dir.path().to_string_lossy(), "month": "2026-10" }));
    refused("prepare_day", json!({ "place": dir.path().join("day").to_string_lossy(), "request": { "date": "2026-12-02", "paper": "letter", "lang": "en" }, "progress": "__CHANNEL__:23" }));
    // The argument names of old, which took paths, are not read at all.
    assert!(call(&w, "export_packet", json!({ "packet": 1, "path": rc, "settings": { "paper": "letter", "lang": "en" }, "progress": "__CHANNEL__:22" })).is_err());
    assert_eq!(std::fs::read_to_string(&rc).unwrap(), "export PATH=/usr/bin\n", "the start-up file is untouched");
    assert_eq!(call(&w, "list_papers", json!({})).unwrap().as_array().unwrap().len(), before, "nothing was imported");
    assert!(!dir.path().join("new").exists() && !dir.path().join("pub").exists());
    let _ = app;
}

#[test]
fn attack_a_place_chosen_for_one_thing_is_used_for_another() {
    let (dir, app, w) = app(true);
    // A folder the user chose to import from cannot receive a backup or a
    // public copy, nor be opened as a library.
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let folder = chosen(&app, PlacePurpose::ImportFolder, &docs);
    for (cmd, args) in [
        ("backup", json!({ "place": folder })),
        ("public_copy", json!({ "place": folder })),
        ("open_library", json!({ "place": folder })),
        ("export_lobbying_report", json!({ "month": "2026-10", "format": "pdf", "place": folder })),
        ("reconcile_registry", json!({ "place": folder, "month": null })),
        ("prepare_day", json!({ "place": folder, "request": { "date": "2026-12-02", "paper": "letter", "lang": "en" }, "progress": "__CHANNEL__:24" })),
    ] {
        let err = call(&w, cmd, args).unwrap_err();
        assert_eq!(err["key"], "place_not_chosen", "{cmd}: {err}");
    }
    // A name chosen for a CSV does not take a PDF.
    let csv = chosen(&app, PlacePurpose::SaveCsv, dir.path().join("r.csv"));
    let err = call(&w, "export_lobbying_report", json!({ "month": "2026-10", "format": "pdf", "place": csv })).unwrap_err();
    assert_eq!(err["key"], "place_not_chosen", "{err}");
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), 0, "nothing was written into the folder");
}

#[test]
fn attack_a_save_dialog_answer_names_a_shell_start_up_file() {
    let (dir, app, w) = app(true);
    // The user (tricked, or by mistake) picks `.bashrc` in the save dialog:
    // the report gets its own extension and the start-up file stays as it was.
    let rc = dir.path().join(".bashrc");
    std::fs::write(&rc, "alias ls='ls --color'\n").unwrap();
    let place = chosen(&app, PlacePurpose::SaveCsv, &rc);
    let saved = call(&w, "export_lobbying_report", json!({ "month": "2026-10", "format": "csv", "place": place })).unwrap();
    assert_eq!(saved["path"], ".bashrc.csv");
    assert_eq!(std::fs::read_to_string(&rc).unwrap(), "alias ls='ls --color'\n");
    assert!(dir.path().join(".bashrc.csv").is_file());
    // An existing file of another kind under the right name is not replaced.
    let program = dir.path().join("tool.csv");
    std::fs::write(&program, b"\x7fELF\x02\x01\x01\0\0\0").unwrap();
    let err = call(&w, "export_lobbying_report", json!({ "month": "2026-10", "format": "csv", "place": chosen(&app, PlacePurpose::SaveCsv, &program) })).unwrap_err();
    assert_eq!(err["key"], "target_other_kind", "{err}");
    assert_eq!(err["params"]["path"], "tool.csv", "named without its folder");
    assert_eq!(std::fs::read(&program).unwrap(), b"\x7fELF\x02\x01\x01\0\0\0");
}

#[test]
fn attack_the_page_is_never_told_where_anything_is() {
    let (dir, app, w) = app(true);
    let secret = dir.path().to_string_lossy().into_owned();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import");
    let bad = dir.path().join("bad.docx");
    std::fs::write(&bad, b"not a zip").unwrap();
    let options = json!({ "lang": null, "tags": [], "dry_run": false, "author": "T" });
    let replies = vec![
        call(&w, "app_state", json!({})).unwrap(),
        call(&w, "import_paths", json!({ "places": [chosen(&app, PlacePurpose::ImportFiles, fixtures.join("logement.odt")), chosen(&app, PlacePurpose::ImportFiles, &bad)], "options": options, "progress": "__CHANNEL__:30" })).unwrap(),
        call(&w, "export_packet", json!({ "packet": 1, "place": chosen(&app, PlacePurpose::SavePdf, dir.path().join("p.pdf")), "settings": { "paper": "letter", "lang": "en" }, "progress": "__CHANNEL__:31" })).unwrap(),
        call(&w, "backup", json!({ "place": chosen(&app, PlacePurpose::SaveBackup, dir.path().join("b.sqlite")) })).unwrap(),
        call(&w, "list_backups", json!({})).unwrap(),
        call(&w, "sync_status", json!({})).unwrap(),
        call(&w, "public_copy", json!({ "place": chosen(&app, PlacePurpose::PublicCopy, dir.path().join("pub")) })).unwrap(),
        call(&w, "backup", json!({ "place": chosen(&app, PlacePurpose::SaveBackup, dir.path().join("missing/b.sqlite")) })).unwrap_err(),
        call(&w, "open_library", json!({ "place": chosen(&app, PlacePurpose::OpenLibrary, dir.path().join("nowhere")) })).unwrap_err(),
        call(&w, "about", json!({})).unwrap(),
        call(&w, "save_problem_report", json!({ "place": chosen(&app, PlacePurpose::SaveProblemReport, dir.path().join("r.txt")) })).unwrap(),
        call(&w, "prepare_day", json!({ "place": chosen(&app, PlacePurpose::DayFolder, dir.path().join("day")), "request": { "date": "2026-12-02", "paper": "letter", "lang": "en" }, "progress": "__CHANNEL__:32" })).unwrap(),
        call(&w, "prepare_day", json!({ "place": chosen(&app, PlacePurpose::DayFolder, dir.path().join("day2")), "request": { "date": "2026-12-03", "paper": "letter", "lang": "en" }, "progress": "__CHANNEL__:33" })).unwrap_err(),
    ];
    for reply in replies {
        let text = reply.to_string();
        assert!(!text.contains(&secret), "a reply names the folder: {text}");
    }
    let root = app.state::<AppState>().root().unwrap();
    assert!(root.starts_with(dir.path()), "the library is in that folder, so the check above means something");
}

#[test]
fn about_names_the_version_schema_and_folders_and_the_problem_report_checks_the_library() {
    let (dir, app, w) = app(true);
    let about = call(&w, "about", json!({})).unwrap();
    assert_eq!(about["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(about["library"]["schema"], dossier::SCHEMA_VERSION);
    assert_eq!(about["library"]["folder"], "lib", "shown by name: {about}");

    let out = dir.path().join("report.txt");
    let saved = call(&w, "save_problem_report", json!({ "place": chosen(&app, PlacePurpose::SaveProblemReport, &out) })).unwrap();
    assert_eq!(saved["path"], "report.txt");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("Dossier problem report"), "{text}");
    assert!(text.contains("Database integrity: ok") && text.contains("Search index:"), "{text}");
    assert!(!text.contains("Beyond the Two-State Solution"), "no paper's text: {text}");

    // A place chosen for a backup cannot receive the report, and a report
    // refuses to overwrite a file of another kind.
    let backup = chosen(&app, PlacePurpose::SaveBackup, dir.path().join("b.txt"));
    let err = call(&w, "save_problem_report", json!({ "place": backup })).unwrap_err();
    assert_eq!(err["key"], "place_not_chosen", "{err}");
    let pdf = dir.path().join("x.txt");
    std::fs::write(&pdf, b"%PDF-1.7\0binary").unwrap();
    let err = call(&w, "save_problem_report", json!({ "place": chosen(&app, PlacePurpose::SaveProblemReport, &pdf) })).unwrap_err();
    assert_eq!(err["key"], "target_other_kind", "{err}");
    assert_eq!(std::fs::read(&pdf).unwrap(), b"%PDF-1.7\0binary", "left as it was");
}

#[test]
fn attack_a_file_the_app_did_not_write_cannot_be_opened() {
    let (dir, app, w) = app(true);
    // Chosen as a save target, but nothing was written there: opening it
    // would run whatever the file is.
    let place = chosen(&app, PlacePurpose::SavePdf, dir.path().join("x.pdf"));
    assert_eq!(call(&w, "open_place", json!({ "place": place })).unwrap_err()["key"], "place_not_chosen");
    let folder = chosen(&app, PlacePurpose::ImportFolder, dir.path());
    assert_eq!(call(&w, "open_place", json!({ "place": folder })).unwrap_err()["key"], "place_not_chosen");
}

#[test]
fn attack_a_link_of_another_scheme_is_not_opened() {
    let (_dir, _app, w) = app(true);
    for url in ["file:///etc/passwd", "smb://attacker/share", "javascript:alert(1)", "/usr/bin/xterm"] {
        let err = call(&w, "open_link", json!({ "url": url })).unwrap_err();
        assert_eq!(err["key"], "link_not_openable", "{url}: {err}");
    }
}

#[test]
fn attack_a_command_that_panics_does_not_lock_the_library_for_the_next() {
    let (_dir, app, w) = app(true);
    let state = app.state::<AppState>();
    let err = tauri::async_runtime::block_on(state.run(|_lib| -> dossier::Result<()> { panic!("a bug in a command") })).unwrap_err();
    assert_eq!(err.detail, dossier::Message::CommandFailed {});
    let err = tauri::async_runtime::block_on(state.job(|_lib| -> dossier_app::error::IpcResult<()> { panic!("a bug in a job") })).unwrap_err();
    assert_eq!(err.detail, dossier::Message::CommandFailed {});
    let papers = call(&w, "list_papers", json!({})).unwrap();
    assert!(papers.as_array().unwrap().len() >= 10, "the next command works: {papers}");
    let input = json!({ "title": "After", "summary": "", "body": "Written after the panic.", "note": "", "author": "T" });
    call(&w, "save_version", json!({ "id": 2, "input": input })).unwrap();
}
