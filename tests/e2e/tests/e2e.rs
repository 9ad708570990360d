//! The real desktop app, built beforehand, driven through `tauri-driver` and
//! `WebKitWebDriver` under a virtual display. Each test gets a fresh copy of
//! the sample library, its own driver port and its own config folder.
//!
//! Needs: the app binary (`DOSSIER_APP`, else the default target path), the
//! `dossier` CLI (`DOSSIER_CLI`) to build the sample library, `tauri-driver`
//! on PATH, and a display (`xvfb-run`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::Duration;

use thirtyfour::prelude::*;

static NEXT_PORT: AtomicU16 = AtomicU16::new(4444);

/// The day the tests make the sample library as of: the day its files were
/// written (`dossier::sample::WRITTEN_ON`), so its dates are the ones below,
/// whatever today is.
const SAMPLE_DAY: &str = "2026-11-28";

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
}

fn binary(var: &str, name: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("debug").join(name))
}

/// A running app with a sample library, closed when dropped.
struct App {
    driver: Option<WebDriver>,
    tauri_driver: Child,
    _home: tempfile::TempDir,
    library: PathBuf,
}

impl App {
    async fn start() -> App {
        App::start_choosing(None).await
    }

    /// The sample library, with the system dialogs answered by `choices`
    /// (one answer per line, as `$DOSSIER_TEST_CHOICES` holds them) instead
    /// of a `packet.pdf` in the temporary home.
    async fn start_choosing(choices: Option<String>) -> App {
        let home = tempfile::tempdir().expect("temp dir");
        let library = home.path().join("library");
        let cli = binary("DOSSIER_CLI", "dossier");
        let out = Command::new(&cli)
            .arg("--library")
            .arg(&library)
            .args(["sample", "--as-of", SAMPLE_DAY])
            .output()
            .unwrap_or_else(|e| panic!("run {}: {e}", cli.display()));
        assert!(out.status.success(), "the sample library is built: {}", String::from_utf8_lossy(&out.stderr));
        App::start_with(home, library, choices).await
    }

    async fn start_on(home: tempfile::TempDir, library: PathBuf) -> App {
        App::start_with(home, library, None).await
    }

    async fn start_with(home: tempfile::TempDir, library: PathBuf, choices: Option<String>) -> App {
        let choices = choices.unwrap_or_else(|| home.path().join("packet.pdf").to_string_lossy().into_owned());
        let mut driver = Command::new("tauri-driver");
        driver
            .env("DOSSIER_LIBRARY", &library)
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .env("DOSSIER_AUTHOR", "E2E Tester")
            // The answer to the first system dialog the app opens (a
            // WebDriver cannot reach native dialogs).
            .env("DOSSIER_TEST_CHOICES", choices);
        App::connect(driver, home, library).await
    }

    /// The app as a new user of this machine starts it: only `HOME` (a new
    /// one) and the system's language say anything; no library is named.
    async fn start_as_new_user(home: tempfile::TempDir, lang: &str) -> App {
        let mut driver = Command::new("tauri-driver");
        for var in ["DOSSIER_LIBRARY", "DOSSIER_AUTHOR", "DOSSIER_LOG_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
            driver.env_remove(var);
        }
        driver.env("HOME", home.path()).env("LANG", lang);
        let library = home.path().join(".local/share/dossier");
        App::connect(driver, home, library).await
    }

    async fn connect(mut driver: Command, home: tempfile::TempDir, library: PathBuf) -> App {
        let port = NEXT_PORT.fetch_add(2, Ordering::SeqCst);
        let tauri_driver = driver
            .args(["--port", &port.to_string(), "--native-port", &(port + 1).to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tauri-driver (cargo install tauri-driver --locked)");

        let app = binary("DOSSIER_APP", "dossier-app");
        assert!(app.exists(), "build the app first: {} is missing", app.display());
        let mut caps = Capabilities::new();
        caps.set("browserName", "wry").expect("a string capability");
        caps.set("tauri:options", serde_json::json!({ "application": app.canonicalize().unwrap_or(app) }))
            .expect("a JSON capability");
        let url = format!("http://127.0.0.1:{port}");
        let mut last = None;
        for _ in 0..50 {
            match WebDriver::new(&url, caps.clone()).await {
                Ok(driver) => {
                    return App { driver: Some(driver), tauri_driver, _home: home, library };
                }
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("no WebDriver session on {url}: {last:?}");
    }

    fn d(&self) -> &WebDriver {
        self.driver.as_ref().expect("session")
    }

    /// The page's speed mark `window.<name>` (ms), polled `polls` times
    /// `every` apart; -1 when it never appears.
    async fn mark(&self, name: &str, polls: usize, every: Duration) -> f64 {
        for _ in 0..polls {
            let value: f64 = self.d().execute(&format!("return window.{name} ?? -1"), vec![]).await.unwrap().convert().unwrap();
            if value >= 0.0 {
                return value;
            }
            tokio::time::sleep(every).await;
        }
        -1.0
    }

    /// Clicks `row` of the papers list and waits for the paper to be
    /// painted: the time from click to painted, and its version line.
    async fn open_paper_timed(&self, row: WebElement) -> (f64, String) {
        self.d().execute("window.__paperOpenMs = undefined", vec![]).await.unwrap();
        row.click().await.unwrap();
        let open = self.mark("__paperOpenMs", 200, Duration::from_millis(10)).await;
        let versions = self.find(".version-line").await.text().await.unwrap();
        self.find(".navitem").await.click().await.unwrap();
        self.find("tbody tr").await;
        (open, versions)
    }

    /// Waits for the first element matching `css`.
    async fn find(&self, css: &str) -> WebElement {
        for _ in 0..100 {
            if let Ok(e) = self.d().find(By::Css(css)).await {
                return e;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("`{css}` never appeared");
    }

    /// Waits until the element matching `css` has text containing `text`.
    async fn wait_text(&self, css: &str, text: &str) -> String {
        let mut seen = String::new();
        for _ in 0..100 {
            if let Ok(e) = self.d().find(By::Css(css)).await {
                seen = e.text().await.unwrap_or_default();
                if seen.contains(text) {
                    return seen;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("`{css}` never showed `{text}`; last seen: {seen}");
    }

    async fn screenshot(&self, name: &str) {
        if let Some(dir) = std::env::var_os("DOSSIER_SCREENSHOTS") {
            let path = PathBuf::from(dir).join(format!("{name}.png"));
            let _ = self.d().screenshot(&path).await;
        }
    }

    async fn close(mut self) {
        if let Some(d) = self.driver.take() {
            let _ = d.quit().await;
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver; SIGKILL would orphan it.
        let _ = Command::new("kill").arg(self.tauri_driver.id().to_string()).status();
        let _ = self.tauri_driver.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn opens_the_sample_library_on_the_papers_list() {
    let app = App::start().await;
    app.wait_text("main h1", "Papers").await;
    let rows = {
        let mut rows = Vec::new();
        for _ in 0..50 {
            rows = app.d().find_all(By::Css("tbody tr")).await.unwrap_or_default();
            if rows.len() >= 10 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        rows
    };
    assert!(rows.len() >= 10, "the sample library's papers are listed, got {}", rows.len());
    let body = app.find("tbody").await.text().await.unwrap();
    assert!(body.contains("Beyond the Two-State Solution"), "{body}");
    app.screenshot("library").await;
    app.close().await;
}

/// A new user with a French system: the first-run screen speaks French,
/// the sample goes into the OS data folder, and the app logs what it did in
/// the OS log folder, without the text of any paper.
#[tokio::test(flavor = "multi_thread")]
async fn a_new_user_gets_the_first_run_screen_in_the_systems_language_and_the_sample_in_the_data_folder() {
    let home = tempfile::tempdir().expect("temp dir");
    let home_path = home.path().to_owned();
    let app = App::start_as_new_user(home, "fr_CA.UTF-8").await;
    app.wait_text("h1", "Bienvenue dans Dossier").await;
    app.screenshot("first-run-fr").await;
    audit(&app, "the first-run screen (French)").await;
    let sample = app.find("button.choice.primary").await;
    assert!(sample.text().await.unwrap().contains("Ouvrir la bibliothèque d’exemple"));
    sample.click().await.unwrap();
    app.wait_text("main h1", "Documents").await;
    let library = home_path.join(".local/share/dossier/library.sqlite");
    assert!(library.is_file(), "the sample is in the OS data folder: {}", library.display());

    // Help → About, from Settings (a WebDriver cannot reach the native
    // menu bar, whose item opens the same dialog).
    go(&app, "Réglages").await;
    app.find("button.about-button").await.click().await.unwrap();
    let about = app.wait_text("dialog.about", "À propos de Dossier").await;
    assert!(about.contains(&format!("Dossier {}", env!("CARGO_PKG_VERSION"))), "{about}");
    assert!(about.contains("schéma") && about.contains("dossier") && about.contains("logs"), "{about}");
    assert!(!about.contains(&home_path.to_string_lossy().into_owned()), "the page shows folder names, not paths: {about}");
    app.screenshot("app-fr-about").await;

    // Read before closing: the home folder goes with the app.
    let logs = home_path.join(".local/state/dossier/logs");
    let text: String = std::fs::read_dir(&logs)
        .unwrap_or_else(|e| panic!("the app logs in {}: {e}", logs.display()))
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(text.contains("INFO started"), "{text}");
    assert!(text.contains("opened a library") || text.contains("created a library"), "{text}");
    assert!(!text.contains("Beyond the Two-State Solution"), "no paper's title in the log: {text}");
    app.close().await;
}

/// The installed package (`cargo xtask test-package` sets `DOSSIER_APP` to
/// `/usr/bin/dossier-app`): `dossier sample` from the PATH fills a new
/// user's data folder, and the app started with nothing named opens it on
/// the papers list.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by `cargo xtask test-package` on the installed package"]
async fn the_installed_package_opens_on_the_papers_list() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = Command::new("/usr/bin/dossier")
        .arg("sample")
        .env_remove("DOSSIER_LIBRARY")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home.path())
        .output()
        .expect("the installed dossier runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let app = App::start_as_new_user(home, "C.UTF-8").await;
    app.wait_text("main h1", "Papers").await;
    app.wait_text("tbody", "Beyond the Two-State Solution").await;
    let rows = app.d().find_all(By::Css("tbody tr")).await.unwrap_or_default();
    assert!(rows.len() >= 10, "the sample's papers are listed, got {}", rows.len());
    app.screenshot("installed-app").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn editing_a_paper_appends_a_version_with_a_diff_in_history() {
    let app = App::start().await;
    app.wait_text("main h1", "Papers").await;
    // The French paper on the 2006 elections.
    let row = app.find("tbody tr[data-paper='2'] td.title").await;
    row.scroll_into_view().await.unwrap();
    row.click().await.unwrap();
    app.wait_text("main h1", "élections").await;
    let before = app.find(".version-line").await.text().await.unwrap();
    assert!(before.contains("Version 2 of 2"), "{before}");

    app.find("[role=tab]:nth-child(2)").await.click().await.unwrap();
    let body = app.find("textarea.source").await;
    body.send_keys(" Une phrase ajoutée pendant le test.").await.unwrap();
    app.find(".editor .actions button.primary").await.click().await.unwrap();
    let note = app.find("input[name=note]").await;
    note.send_keys("Ajout d’une phrase").await.unwrap();
    app.find("form.noteform button[type=submit]").await.click().await.unwrap();

    app.wait_text(".history table", "Ajout d’une phrase").await;
    let inserted = app.wait_text("ins.diff", "ajoutée").await;
    assert!(inserted.contains("Une phrase ajoutée pendant le test."), "the diff shows the new words: {inserted}");
    app.screenshot("history").await;

    let out = Command::new(binary("DOSSIER_CLI", "dossier"))
        .arg("--library")
        .arg(&app.library)
        .args(["paper", "history", "2", "--json"])
        .output()
        .unwrap();
    let history: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 3, "version 3 is in the library itself");
    assert_eq!(history[2]["author"], "E2E Tester");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_is_worded_in_french_in_the_french_interface() {
    let app = App::start().await;
    app.wait_text("main h1", "Papers").await;
    go(&app, "Settings").await;
    app.wait_text("main h1", "Settings").await;
    to_french(&app).await;
    // An organisation name longer than the core allows is refused by it
    // (the page has no limit of its own), and the refusal comes back worded
    // in the interface language.
    let long = "Réseau ".repeat(40);
    app.d()
        .execute(
            "const i = [...document.querySelectorAll('input')].find(i => i.closest('label')?.textContent.includes('Organisme') || i.closest('label')?.textContent.includes('rganisation')); i.value = arguments[0]; i.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::json!(long)],
        )
        .await
        .unwrap();
    let toast = app.wait_text(".toast.error", "le maximum est 200").await;
    assert!(toast.contains("caractères"), "the refusal is worded in French: {toast}");
    assert!(!toast.contains("characters long"), "not the English wording: {toast}");
    app.screenshot("fr-refusal").await;
    app.close().await;
}

/// Switches the interface to French from the Settings screen.
async fn to_french(app: &App) {
    let select = app.find(".form select").await;
    select.send_keys("Français").await.unwrap();
    app.d()
        .execute(
            "const s = document.querySelector('.form select'); s.value = 'fr'; s.dispatchEvent(new Event('change'));",
            vec![],
        )
        .await
        .unwrap();
    app.wait_text("main h1", "Réglages").await;
}

/// Sets the Hill day screen's day (a native date field a test cannot type into).
async fn pick_day(app: &App, date: &str) {
    let script = format!(
        "const d = document.querySelector('.days input[type=date]'); d.value = '{date}'; d.dispatchEvent(new Event('change'));"
    );
    app.d().execute(&script, vec![]).await.unwrap();
}

/// Clicks the sidebar entry whose label is `label`.
async fn go(app: &App, label: &str) {
    let buttons = app.d().find_all(By::Css("nav.sidebar button.navitem")).await.unwrap();
    for b in buttons {
        if b.text().await.unwrap_or_default().starts_with(label) {
            b.click().await.unwrap();
            return;
        }
    }
    panic!("no sidebar entry `{label}`");
}

#[tokio::test(flavor = "multi_thread")]
async fn officials_come_from_parliaments_files_after_the_plan_is_shown() {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/parliament");
    let files = std::env::join_paths([fixtures.join("commons-members-later.xml"), fixtures.join("commons-members-later-fr.xml")])
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let app = App::start_choosing(Some(files)).await;
    app.wait_text("main h1", "Papers").await;
    go(&app, "Officials").await;
    app.find("aside button.import").await.click().await.unwrap();
    app.find("dialog.parliament").await;
    app.d().find(By::XPath("//dialog//button[starts-with(normalize-space(.), 'Choose files')]")).await.unwrap().click().await.unwrap();
    app.wait_text("dialog .files", "commons-members-later-fr.xml").await;
    app.d().find(By::XPath("//dialog//button[normalize-space(.)='See what would change']")).await.unwrap().click().await.unwrap();
    let plan = app.wait_text("dialog .summary", "Would add 13").await;
    audit(&app, "the Parliament import's plan").await;
    assert!(plan.contains("Nothing is written yet"), "{plan}");
    let lists = app.find("dialog .lists").await.text().await.unwrap();
    assert!(lists.contains("Sylvie Bérubé") && lists.contains("Alex Tremblay-Côté"), "{lists}");
    app.screenshot("app-officials-import-plan").await;
    let listed = app.d().find_all(By::Css("aside li")).await.unwrap().len();
    app.d().find(By::XPath("//dialog//button[starts-with(normalize-space(.), 'Import 13')]")).await.unwrap().click().await.unwrap();
    app.wait_text("dialog .summary", "Imported: 13 added").await;
    // Let the frame with the summary be drawn before the picture is taken.
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot("app-officials-import-done").await;
    app.d().find(By::XPath("//dialog//button[normalize-space(.)='Done']")).await.unwrap().click().await.unwrap();
    let list = app.wait_text("aside ul", "Majumdar").await;
    assert!(list.contains("Independent"), "{list}");
    assert_eq!(app.d().find_all(By::Css("aside li")).await.unwrap().len(), listed + 13);
    // The French interface shows the French names the French file gave.
    go(&app, "Settings").await;
    to_french(&app).await;
    go(&app, "Titulaires").await;
    let list = app.wait_text("aside ul", "Indépendant").await;
    assert!(list.contains("Député"), "{list}");
    app.screenshot("app-fr-officials-imported").await;
    app.close().await;
}

/// Chooses the month the report screen shows, as typing it would: the
/// field's binding hears `input`, its handler `change`, both at the root.
async fn set_report_month(app: &App, month: &str) {
    let script = format!(
        "const m = document.querySelector('input[type=month]'); m.value = '{month}'; m.dispatchEvent(new Event('input', {{ bubbles: true }})); m.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    );
    app.d().execute(&script, vec![]).await.unwrap();
}

/// A Registry folder for the sample's October 2026, written from its own
/// report: every row filed but the last, one title filed otherwise, and one
/// report filed that the log does not hold.
fn registry_folder(library: &std::path::Path, folder: &std::path::Path) {
    let out = Command::new(binary("DOSSIER_CLI", "dossier"))
        .args(["--library", library.to_str().unwrap(), "report", "lobbying", "--month", "2026-10", "--json"])
        .output()
        .expect("run the CLI");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    let rows = report["rows"].as_array().expect("rows");
    assert!(rows.len() >= 3, "the sample's October has reportable rows");
    let mut primary = String::from("COMLOG_ID,CLIENT_ORG_CORP_NUM,EN_CLIENT_ORG_CORP_NM_AN,FR_CLIENT_ORG_CORP_NM,REGISTRANT_NUM_DECLARANT,RGSTRNT_LAST_NM_DCLRNT,RGSTRNT_1ST_NM_PRENOM_DCLRNT,COMM_DATE,REG_TYPE_ENR,SUBMISSION_DATE_SOUMISSION,POSTED_DATE_PUBLICATION,PREV_COMLOG_ID_PRECEDNT\n");
    let mut dpoh = String::from("COMLOG_ID,DPOH_LAST_NM_TCPD,DPOH_FIRST_NM_PRENOM_TCPD,DPOH_TITLE_TITRE_TCPD,BRANCH_UNIT_DIRECTION_SERVICE,OTHER_INSTITUTION_AUTRE,INSTITUTION\n");
    let mut subjects = String::from("COMLOG_ID,SUBJECT_CODE_OBJET,CUSTOM_SUBJ_OBJET_PERSO\n");
    let mut filed = |id: usize, date: &str, last: &str, first: &str, title: &str, institution: &str, codes: &[String]| {
        primary.push_str(&format!("{id},777001,Sample Org,null,null,Fairbairn,Gordon,{date},1,{date},{date},null\n"));
        dpoh.push_str(&format!("{id},\"{last}\",\"{first}\",\"{title}\",null,null,\"{institution}\"\n"));
        for c in codes {
            subjects.push_str(&format!("{id},{c},null\n"));
        }
    };
    for (i, r) in rows.iter().enumerate().take(rows.len() - 1) {
        let title = if i == 1 { "Director General".to_owned() } else { r["position_title"].as_str().unwrap_or("").to_owned() };
        let codes: Vec<String> = r["subject_matters"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap().to_owned()).collect();
        filed(
            100 + i,
            r["date"].as_str().unwrap(),
            r["last_name"].as_str().unwrap(),
            r["first_name"].as_str().unwrap(),
            &title,
            r["institution"].as_str().unwrap_or(""),
            &codes,
        );
    }
    filed(999, "2026-10-09", "Tremblay", "Luc", "Director of Policy", "Privy Council Office", &["SMT-11".to_owned()]);
    std::fs::create_dir_all(folder).unwrap();
    std::fs::write(folder.join("Communication_PrimaryExport.csv"), primary).unwrap();
    std::fs::write(folder.join("Communication_DpohExport.csv"), dpoh).unwrap();
    std::fs::write(folder.join("Communication_SubjectMattersExport.csv"), subjects).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_reconcile_tab_lists_what_the_registry_holds_against_our_log() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("registry");
    let app = App::start_choosing(Some(folder.to_string_lossy().into_owned())).await;
    registry_folder(&app.library, &folder);
    let set = Command::new(binary("DOSSIER_CLI", "dossier"))
        .args(["--library", app.library.to_str().unwrap(), "settings", "set", "registry-numbers", "777001"])
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    app.wait_text("main h1", "Papers").await;
    go(&app, "Reports").await;
    // The month the report shows: October 2026, chosen as a user would.
    app.d()
        .execute(
            "const i = document.querySelector('input[type=month]'); if (i) { i.value = '2026-10'; i.dispatchEvent(new Event('input', { bubbles: true })); i.dispatchEvent(new Event('change', { bubbles: true })); }",
            vec![],
        )
        .await
        .unwrap();
    app.d().find(By::XPath("//button[@role='tab'][normalize-space(.)='Reconcile']")).await.unwrap().click().await.unwrap();
    app.d().find(By::XPath("//button[starts-with(normalize-space(.), 'Choose the Registry folder')]")).await.unwrap().click().await.unwrap();
    let month = app.wait_text(".reconcile .month", "Filed but not in our log").await;
    audit(&app, "the reconcile tab's lists").await;
    assert!(month.contains("Tremblay") && month.contains("Director General"), "{month}");
    assert!(month.contains("Reportable in our log but not filed"), "{month}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot("app-reports-reconcile").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_shows_its_content_in_english_and_french() {
    let app = App::start().await;
    app.wait_text("main h1", "Papers").await;
    app.screenshot("en-library").await;

    app.find("main .head button").await.click().await.unwrap();
    app.wait_text("dialog.import", "Import documents").await;
    app.wait_text("dialog.import", "Add a folder").await;
    app.screenshot("en-import").await;
    app.find("dialog.import .actions button").await.click().await.unwrap();

    app.find("tbody tr[data-paper='10'] td.title").await.click().await.unwrap();
    app.wait_text("main h1", "Beyond the Two-State Solution").await;
    app.wait_text("article.prose", "negotiations").await;
    app.screenshot("en-paper").await;

    go(&app, "Timeline").await;
    app.wait_text("main h1", "Campaign timeline").await;
    let years = app.d().find_all(By::Css(".year")).await.unwrap();
    assert!(years.len() >= 23, "one row per year from 2004 to today, got {}", years.len());
    app.wait_text("#year-2007", "Carter").await;
    app.screenshot("en-timeline").await;

    go(&app, "Officials").await;
    app.wait_text(".profile h2", "Roles over time").await;
    app.screenshot("en-officials").await;

    go(&app, "Reports").await;
    app.wait_text("main h1", "Monthly communication report").await;
    set_report_month(&app, "2026-10").await;
    app.wait_text("table.rows", "Adeyemi").await;
    app.wait_text(".warnings", "Follow-up letter").await;
    app.wait_text("table.rows", "no institution").await;
    app.screenshot("en-reports").await;

    go(&app, "Settings").await;
    app.wait_text(".form", "Backups").await;
    app.wait_text(".form", "Registrant").await;
    let values: Vec<String> = app
        .d()
        .execute("return [...document.querySelectorAll('.form input')].map(i => i.value)", vec![])
        .await
        .unwrap()
        .convert()
        .unwrap();
    assert!(values.iter().any(|v| v == "Samira Khoury"), "the sample's registrant is shown: {values:?}");
    app.screenshot("en-settings").await;
    to_french(&app).await;

    go(&app, "Bibliothèque").await;
    app.wait_text("main h1", "Documents").await;
    app.wait_text("thead", "Statut").await;
    app.screenshot("fr-library").await;

    app.find("tbody tr[data-paper='11'] td.title").await.click().await.unwrap();
    app.wait_text("main h1", "Au-delà").await;
    app.wait_text(".tabs", "Historique").await;
    app.screenshot("fr-paper").await;

    go(&app, "Chronologie").await;
    app.wait_text("main h1", "Chronologie des campagnes").await;
    app.screenshot("fr-timeline").await;

    go(&app, "Titulaires").await;
    app.wait_text(".profile h2", "Fonctions au fil du temps").await;
    app.screenshot("fr-officials").await;

    go(&app, "Rapports").await;
    app.wait_text("main h1", "Rapport mensuel des communications").await;
    app.wait_text(".deadline", "Déclarant").await;
    app.screenshot("fr-reports").await;
    app.close().await;
}

/// axe-core's script (`ui/node_modules/axe-core`, put there by `npm ci`),
/// read once.
fn axe_script() -> &'static str {
    static SCRIPT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SCRIPT.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {} (npm ci in ui/): {e}", path.display()))
    })
}

/// Runs axe-core on the page as it is, with the WCAG 2.1 A and AA rules,
/// and fails naming each rule broken and the elements that break it.
async fn audit(app: &App, what: &str) {
    if let Some(report) = axe_report(app, what).await {
        panic!("{report}");
    }
}

/// A new packet, "Meeting with the foreign affairs critic", made on the
/// packets screen with the first paper each query finds added to it.
async fn new_packet_with(app: &App, queries: &[&str]) {
    go(app, "Packets").await;
    app.find(".list button.primary").await.click().await.unwrap();
    app.find(".newform input").await.send_keys("Meeting with the foreign affairs critic").await.unwrap();
    app.find(".newform button[type=submit]").await.click().await.unwrap();
    app.wait_text(".detail h1", "foreign affairs critic").await;
    for query in queries {
        app.find(".adder input").await.send_keys(*query).await.unwrap();
        app.find(".found button").await.click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// Waits for `selector`, then audits the page as `what`.
async fn audit_at(app: &App, selector: &str, what: &str, found: &mut Vec<String>) {
    app.find(selector).await;
    found.extend(axe_report(app, what).await);
}

/// axe-core's findings on the page as it is (WCAG 2.1 A and AA), worded
/// for a person: each rule broken and the elements that break it; `None`
/// when there are none. The script goes in through the WebDriver, as the
/// automation's own script: the app's content security policy, which
/// allows only the app's own scripts, stays as shipped.
async fn axe_report(app: &App, what: &str) -> Option<String> {
    let present: bool = app.d().execute("return typeof window.axe === 'object'", vec![]).await.unwrap().convert().unwrap();
    if !present {
        let kind: String = app.d().execute(&format!("{}\n;return typeof window.axe;", axe_script()), vec![]).await.unwrap().convert().unwrap();
        assert_eq!(kind, "object", "axe-core is loaded into the page");
    }
    // Let the frame settle (a list just answered, a dialog just opened).
    tokio::time::sleep(Duration::from_millis(150)).await;
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] })
          .then((r) => done(r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary })),
          }))), (e) => done([{ id: "axe-error", impact: "", help: String(e), nodes: [] }]));
    "#;
    let violations = app.d().execute_async(script, vec![]).await.unwrap().json().clone();
    let list = violations.as_array().expect("axe's violations");
    if list.is_empty() {
        return None;
    }
    let mut report = format!("axe on {what}: {} rules violated", list.len());
    for v in list {
        report.push_str(&format!("\n- {} ({}): {}", v["id"].as_str().unwrap_or(""), v["impact"].as_str().unwrap_or(""), v["help"].as_str().unwrap_or("")));
        for n in v["nodes"].as_array().into_iter().flatten() {
            report.push_str(&format!("\n    {}  {}", n["target"].as_str().unwrap_or(""), n["html"].as_str().unwrap_or("")));
            if let Some(summary) = n["summary"].as_str() {
                report.push_str(&format!("\n      {}", summary.replace('\n', "\n      ")));
            }
        }
    }
    Some(report)
}

/// Closes the open modal dialog as Escape would.
async fn close_dialog(app: &App) {
    app.d().execute("document.querySelector('dialog[open]').close()", vec![]).await.unwrap();
    for _ in 0..50 {
        if app.d().find(By::Css("dialog[open]")).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the dialog stayed open");
}

/// Clicks the first element matching `css` whose text starts with `text`.
async fn click_text(app: &App, css: &str, text: &str) {
    let found = app.d().find_all(By::Css(css)).await.unwrap();
    for e in found {
        if e.text().await.unwrap_or_default().trim().starts_with(text) {
            e.scroll_into_view().await.unwrap();
            e.click().await.unwrap();
            return;
        }
    }
    panic!("no `{css}` reading `{text}`");
}

/// The words of one interface language the accessibility walk reads.
struct Words {
    lang: &'static str,
    papers: &'static str,
    library: &'static str,
    timeline: &'static str,
    officials: &'static str,
    packets: &'static str,
    reports: &'static str,
    settings: &'static str,
    reconcile: &'static str,
}

const ENGLISH: Words = Words {
    lang: "English", papers: "Papers", library: "Library", timeline: "Timeline", officials: "Officials",
    packets: "Packets", reports: "Reports", settings: "Settings", reconcile: "Reconcile",
};
const FRENCH: Words = Words {
    lang: "French", papers: "Documents", library: "Bibliothèque", timeline: "Chronologie", officials: "Titulaires",
    packets: "Trousses", reports: "Rapports", settings: "Réglages", reconcile: "Rapprochement",
};

/// Every screen of the app, with its dialogs, the search palette open on
/// hits and a packet with papers in it, audited by axe in one language:
/// what it finds is added to `found`, so one run tells every screen's.
async fn audit_every_screen(app: &App, w: &Words, found: &mut Vec<String>) {
    let lang = w.lang;
    go(app, w.library).await;
    app.wait_text("main h1", w.papers).await;
    audit_at(app, "tbody tr", &format!("the papers list ({lang})"), found).await;

    app.find("main .head button").await.click().await.unwrap();
    audit_at(app, "dialog.import[open]", &format!("the import dialog ({lang})"), found).await;
    close_dialog(app).await;
    app.find("main .head button.primary").await.click().await.unwrap();
    audit_at(app, "dialog[open] input", &format!("the new paper dialog ({lang})"), found).await;
    close_dialog(app).await;

    app.find("button.searchbtn").await.click().await.unwrap();
    app.find(".palette input.query").await.send_keys("elections").await.unwrap();
    app.find(".hits [role=option]").await;
    audit_at(app, ".facets.small .chip", &format!("the search palette with hits ({lang})"), found).await;
    app.find(".palette input.query").await.send_keys(thirtyfour::Key::Escape).await.unwrap();

    app.find("tbody tr[data-paper='10'] td.title").await.click().await.unwrap();
    audit_at(app, "article.prose", &format!("a paper, read ({lang})"), found).await;
    app.find("[role=tab]:nth-child(2)").await.click().await.unwrap();
    audit_at(app, "textarea.source", &format!("a paper, edited ({lang})"), found).await;
    app.find(".editor .actions button.primary").await.click().await.unwrap();
    audit_at(app, "dialog[open] input[name=note]", &format!("the new version's note ({lang})"), found).await;
    close_dialog(app).await;
    app.find("[role=tab]:nth-child(3)").await.click().await.unwrap();
    audit_at(app, ".history table", &format!("a paper's history ({lang})"), found).await;

    // A paper with a link, and the question a click on it asks.
    go(app, w.library).await;
    app.wait_text("tbody", "Goldstone").await;
    click_text(app, "tbody tr td.title", "The Goldstone").await;
    app.find(".prose a[href^='http']").await.click().await.unwrap();
    audit_at(app, "dialog.link[open]", &format!("the link question ({lang})"), found).await;
    close_dialog(app).await;

    go(app, w.timeline).await;
    app.find(".ctitle").await.click().await.unwrap();
    audit_at(app, ".engagements", &format!("the timeline, a campaign open ({lang})"), found).await;
    app.find(".head button").await.click().await.unwrap();
    pick_day(app, "2026-12-02").await;
    audit_at(app, ".meetings", &format!("the Hill day ({lang})"), found).await;

    go(app, w.officials).await;
    audit_at(app, ".profile h2", &format!("an office holder ({lang})"), found).await;
    app.find(".profile button.primary").await.click().await.unwrap();
    audit_at(app, "form input[type=date]", &format!("logging an engagement ({lang})"), found).await;
    app.find("aside button.import").await.click().await.unwrap();
    audit_at(app, "dialog.parliament[open]", &format!("the Parliament import ({lang})"), found).await;
    close_dialog(app).await;

    go(app, w.packets).await;
    audit_at(app, ".items li", &format!("the packet builder with papers ({lang})"), found).await;
    app.find(".adder input").await.send_keys("UNRWA").await.unwrap();
    audit_at(app, ".found button", &format!("the packet builder, adding a paper ({lang})"), found).await;
    app.find(".adder input").await.clear().await.unwrap();
    app.find(".list button.primary").await.click().await.unwrap();
    audit_at(app, ".newform input", &format!("a new packet ({lang})"), found).await;

    go(app, w.reports).await;
    // The month the screen opens on: last month, which holds the meeting
    // with Grace Adeyemi in a sample made today, as this one was (from the
    // first-run screen), whatever today is.
    app.wait_text("table.rows", "Adeyemi").await;
    found.extend(axe_report(app, &format!("the monthly report ({lang})")).await);
    app.find("table.rows button.link.small").await.click().await.unwrap();
    audit_at(app, "table.rows input[type=checkbox]", &format!("a report row's subject matters ({lang})"), found).await;
    click_text(app, "button[role=tab]", w.reconcile).await;
    audit_at(app, ".reconcile", &format!("the reconcile tab ({lang})"), found).await;

    go(app, w.settings).await;
    audit_at(app, ".form select", &format!("the settings ({lang})"), found).await;
    app.find("button.about-button").await.click().await.unwrap();
    audit_at(app, "dialog.about[open]", &format!("About ({lang})"), found).await;
    close_dialog(app).await;
}

/// axe-core finds nothing against WCAG 2.1 A and AA on any screen, dialog
/// or palette, in English and in French; the first-run screen is audited
/// here in English and in French by the new French user's test.
#[tokio::test(flavor = "multi_thread")]
async fn every_screen_passes_axe_in_english_and_french() {
    let started = std::time::Instant::now();
    let home = tempfile::tempdir().expect("temp dir");
    let app = App::start_as_new_user(home, "C.UTF-8").await;
    app.wait_text("h1", "Welcome to Dossier").await;
    audit(&app, "the first-run screen (English)").await;
    app.find("button.choice.primary").await.click().await.unwrap();
    app.wait_text("main h1", "Papers").await;

    // A packet with two papers, for the builder's rows.
    new_packet_with(&app, &["two-state", "elections"]).await;
    assert_eq!(app.d().find_all(By::Css(".items li")).await.unwrap().len(), 2);

    let mut found = Vec::new();
    audit_every_screen(&app, &ENGLISH, &mut found).await;
    to_french(&app).await;
    audit_every_screen(&app, &FRENCH, &mut found).await;
    assert!(found.is_empty(), "{}", found.join("\n"));
    println!("axe on every screen in both languages: {:.1} s", started.elapsed().as_secs_f64());
    app.close().await;
}

/// What the element with the keyboard's focus shows: whether it is an
/// element of the page at all, matches `:focus-visible`, and draws a ring
/// (an outline at least 2 px wide, or a box shadow) whose colour stands out
/// 3:1 from what is behind it (WCAG 1.4.11).
const FOCUS_SHOWN: &str = r#"
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { what: "the page itself", ok: false, why: "no element has focus" };
    const label = (el.getAttribute("aria-label") || el.getAttribute("placeholder") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    const what = `${el.tagName.toLowerCase()}${[...el.classList].map((c) => "." + c).join("")} “${label}”`;
    if (!el.matches(":focus-visible")) return { what, ok: false, why: "not :focus-visible" };
    const s = getComputedStyle(el);
    const rgba = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const lum = (c) => {
      const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const behind = (from) => {
      for (let e = from; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    let ring = null, inside = false, how = "";
    if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) {
      ring = rgba(s.outlineColor); inside = parseFloat(s.outlineOffset) < 0; how = `outline ${s.outlineWidth} ${s.outlineColor}`;
    } else if (s.boxShadow !== "none") {
      ring = rgba(s.boxShadow); inside = s.boxShadow.includes("inset"); how = `box-shadow ${s.boxShadow}`;
    }
    if (!ring || ring.a < 0.5) return { what, ok: false, why: `no ring (outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow})` };
    const bg = behind(inside ? el : el.parentElement);
    const [a, b] = [lum(ring), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    return { what, ok: ratio >= 3, why: `${how}, ${ratio.toFixed(2)}:1 against rgb(${bg.r}, ${bg.g}, ${bg.b})` };
"#;

/// Tab from the papers list's filter: each of the first 40 stops shows
/// where the keyboard is.
#[tokio::test(flavor = "multi_thread")]
async fn every_tab_stop_from_the_papers_list_shows_its_focus() {
    let app = App::start().await;
    app.wait_text("main h1", "Papers").await;
    app.find("tbody tr").await;
    app.find("input[type=search]").await.focus().await.unwrap();
    let mut hidden = Vec::new();
    let mut seen = Vec::new();
    for stop in 1..=40 {
        app.d().action_chain().send_keys(thirtyfour::Key::Tab).perform().await.unwrap();
        let shown = app.d().execute(FOCUS_SHOWN, vec![]).await.unwrap().json().clone();
        let what = shown["what"].as_str().unwrap_or("").to_owned();
        let why = shown["why"].as_str().unwrap_or("").to_owned();
        if shown["ok"] != serde_json::json!(true) {
            hidden.push(format!("stop {stop}: {what}: {why}"));
        }
        if let Some(dir) = std::env::var_os("DOSSIER_SCREENSHOTS") {
            // The whole display, as a person sees it (the WebDriver's own
            // picture is the page's, drawn again).
            if [1, 4, 8, 20, 25, 30].contains(&stop) {
                let file = PathBuf::from(dir).join(format!("focus-stop-{stop}.png"));
                let _ = Command::new("import").args(["-window", "root"]).arg(&file).status();
            }
        }
        seen.push(format!("{stop}: {what} ({why})"));
    }
    assert!(hidden.is_empty(), "stops with no visible focus:\n{}\nall stops:\n{}", hidden.join("\n"), seen.join("\n"));
    let distinct: std::collections::HashSet<&String> = seen.iter().collect();
    assert!(distinct.len() > 20, "Tab moves through the page: {seen:#?}");
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn searching_elections_finds_and_opens_the_french_paper() {
    let app = App::start().await;
    app.wait_text("main h1", "Papers").await;
    app.find("button.searchbtn").await.click().await.unwrap();
    let input = app.find(".palette input.query").await;
    input.send_keys("elections").await.unwrap();
    let hits = app.wait_text(".hits", "élections").await;
    assert!(hits.contains("Les élections palestiniennes"), "`elections` finds `élections`: {hits}");
    let marked = app.find(".hits mark").await.text().await.unwrap();
    assert!(marked.to_lowercase().starts_with("élection") || marked.to_lowercase().starts_with("election"), "the match is highlighted: {marked}");
    let painted = app.mark("__searchPaintMs", 40, Duration::from_millis(50)).await;
    assert!(painted >= 0.0, "the palette records keystroke-to-paint time");
    println!("search keystroke to results painted: {painted:.1} ms");
    app.screenshot("search").await;
    // Open the French paper: click its row.
    let buttons = app.d().find_all(By::Css(".hits li[role=option]")).await.unwrap();
    let mut opened = false;
    for b in buttons {
        let text = b.text().await.unwrap_or_default();
        let is_paper = text.to_lowercase().starts_with("papers");
        if is_paper && text.contains("Les élections palestiniennes") {
            b.click().await.unwrap();
            opened = true;
            break;
        }
    }
    assert!(opened, "the French paper is among the hits");
    app.wait_text("main h1", "Les élections palestiniennes").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_packet_is_built_and_exported_as_a_pdf() {
    let app = App::start().await;
    app.wait_text("main h1", "Papers").await;
    new_packet_with(&app, &["two-state", "UNRWA"]).await;
    let items = app.d().find_all(By::Css(".items li")).await.unwrap();
    assert_eq!(items.len(), 2, "two papers were added");
    let pages = app.wait_text(".exportbox .pages", "pages").await;
    let count: u32 = pages.split_whitespace().next().unwrap_or("0").parse().unwrap_or(0);
    assert!(count >= 4, "the builder shows the page count: {pages}");
    app.screenshot("packet-builder").await;

    // The save dialog is the system's, answered by `DOSSIER_TEST_CHOICES`;
    // the page only ever sees the file's name.
    app.find(".exportbox button.primary").await.click().await.unwrap();
    let opened = app.wait_text(".exportbox button.link", "packet.pdf").await;
    assert!(!opened.contains('/'), "the page names the file without its folder: {opened}");
    let out = app.library.parent().unwrap().join("packet.pdf");
    let bytes = std::fs::read(&out).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    assert!(bytes.len() > 10_000, "with real content");
    app.close().await;
}

/// From the timeline to a whole Hill day printed into a folder chosen in
/// the system's dialog, then a debrief written into a meeting.
#[tokio::test(flavor = "multi_thread")]
async fn a_hill_day_is_prepared_from_the_timeline_and_a_meeting_debriefed() {
    let out = tempfile::tempdir().expect("temp dir");
    let folder = out.path().join("Hill day");
    let app = App::start_choosing(Some(folder.to_string_lossy().into_owned())).await;
    app.wait_text("main h1", "Papers").await;
    go(&app, "Timeline").await;
    app.find(".head button").await.click().await.unwrap();
    app.wait_text("main h1", "Prepare a Hill day").await;
    // The sample plans its Hill day on 2 December 2026.
    pick_day(&app, "2026-12-02").await;
    let listed = app.wait_text(".meetings", "Walter Pryce").await;
    for who in ["Chloé Bérubé", "Chinedu Okoro", "Françoise Aubin", "Samira Khoury, Yusuf Rahman"] {
        assert!(listed.contains(who), "{who}: {listed}");
    }
    app.screenshot("en-hill-day").await;

    app.find("button.prepare").await.click().await.unwrap();
    let done = app.wait_text(".done", "4 packets ready").await;
    assert!(done.contains("2026-12-02 itinerary.pdf") || done.contains("Open the itinerary"), "{done}");
    assert!(!done.contains(&*out.path().to_string_lossy()), "the page names files, not paths: {done}");
    let names: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names.contains(&"2026-12-02 all packets.pdf".to_owned()), "{names:?}");
    app.screenshot("en-hill-day-done").await;
    audit(&app, "a Hill day printed").await;

    app.find(".meeting .debrief-button").await.click().await.unwrap();
    app.find(".debrief textarea").await.send_keys("Will press the Minister on multi-year funding").await.unwrap();
    audit(&app, "a meeting's debrief").await;
    app.find(".debrief button.primary").await.click().await.unwrap();
    app.wait_text(".meetings", "Outcome: Will press the Minister").await;
    let stored = dossier(&app.library, &["engagement", "list", "--from", "2026-12-02", "--to", "2026-12-02", "--json"]);
    assert!(stored.contains("Will press the Minister on multi-year funding"), "{stored}");

    // The same screen in French, from the packets screen.
    go(&app, "Settings").await;
    to_french(&app).await;
    go(&app, "Trousses").await;
    app.find(".hillday-button").await.click().await.unwrap();
    app.wait_text("main h1", "Préparer une journée sur la Colline").await;
    pick_day(&app, "2026-12-02").await;
    let listed = app.wait_text(".meetings", "Résultat : Will press the Minister").await;
    assert!(listed.contains("Pour nous") && listed.contains("Rencontre") && listed.contains("Appel"), "{listed}");
    assert!(app.find("button.prepare").await.text().await.unwrap().contains("Préparer la journée"));
    app.screenshot("fr-hill-day").await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn attack_a_link_in_a_paper_neither_navigates_the_window_nor_opens_unasked() {
    let home = tempfile::tempdir().expect("temp dir");
    let library = home.path().join("library");
    dossier(&library, &["sample", "--as-of", SAMPLE_DAY]);
    let doc = home.path().join("links.md");
    std::fs::write(
        &doc,
        "# Links to follow\n\nSee [the House](https://www.ourcommons.ca/members/en), [our share](smb://fileserver/positions) and [the older paper](older-paper.md).\n",
    )
    .unwrap();
    dossier(&library, &["paper", "add", doc.to_str().unwrap(), "--author", "E2E"]);
    let app = App::start_on(home, library).await;
    app.wait_text("main h1", "Papers").await;
    app.find("tbody tr td.title").await;
    let rows = app.d().find_all(By::Css("tbody tr td.title")).await.unwrap();
    let mut target = None;
    for r in rows {
        if r.text().await.unwrap_or_default().contains("Links to follow") {
            target = Some(r);
        }
    }
    let target = target.expect("the paper with links is listed");
    target.scroll_into_view().await.unwrap();
    target.click().await.unwrap();
    app.wait_text("main h1", "Links to follow").await;

    // A web link asks first, showing the whole address.
    app.find(".prose a[href^='https']").await.click().await.unwrap();
    let asked = app.wait_text("dialog.link", "ourcommons.ca").await;
    assert!(asked.contains("https://www.ourcommons.ca/members/en"), "{asked}");
    app.screenshot("link-confirm").await;
    app.find("dialog.link button:not(.primary)").await.click().await.unwrap();
    // A link of another scheme is not even a link: the sanitiser keeps its
    // text only.
    let prose = app.find(".prose").await.text().await.unwrap();
    assert!(prose.contains("our share"), "{prose}");
    assert!(app.d().find(By::Css(".prose a[href^='smb']")).await.is_err(), "no smb: link reaches the page");
    // A link the page cannot open outside (a relative one) is explained,
    // not followed.
    app.find(".prose a[href='older-paper.md']").await.click().await.unwrap();
    let refused = app.wait_text("dialog.link", "older-paper.md").await;
    assert!(refused.contains("cannot be opened"), "{refused}");
    assert!(app.d().find(By::Css("dialog.link button.primary")).await.is_err(), "no Open button for it");
    app.find("dialog.link button").await.click().await.unwrap();

    // A script that sends the window elsewhere is refused by the shell.
    app.d().execute("window.location.href = 'https://example.org/'", vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    let url = app.d().current_url().await.unwrap();
    assert_ne!(url.host_str(), Some("example.org"), "the window stayed on the app: {url}");
    app.wait_text("main h1", "Links to follow").await;
    app.close().await;
}

/// Speed on the large benchmark corpus (`dossier corpus --size large`):
/// start to the papers list painted, a keystroke in search to results
/// painted, and opening a paper with 30+ versions. Run with
/// `DOSSIER_PERF_LIBRARY=DIR cargo test -- --ignored speed --nocapture`;
/// prints the figures for the README.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the large benchmark library (DOSSIER_PERF_LIBRARY)"]
async fn speed_on_the_large_corpus() {
    let library = PathBuf::from(std::env::var_os("DOSSIER_PERF_LIBRARY").expect("DOSSIER_PERF_LIBRARY"));
    let started = std::time::Instant::now();
    let app = App::start_on(tempfile::tempdir().unwrap(), library).await;
    app.find("tbody tr").await;
    let to_list = started.elapsed();
    let in_page = app.mark("__libraryPaintedMs", 200, Duration::from_millis(10)).await;
    let painted_at: f64 = app
        .d()
        .execute("return performance.timeOrigin + (window.__libraryPaintedMs ?? NaN)", vec![])
        .await
        .unwrap()
        .convert()
        .unwrap();
    let since_exec = process_started_ms("dossier-app").map(|s| painted_at - s);
    println!(
        "start to papers list painted: {:.0} ms from the app's process start (kernel start time); {in_page:.0} ms after the page began loading; {} ms through the WebDriver session",
        since_exec.unwrap_or(f64::NAN),
        to_list.as_millis()
    );

    // A person looks at the list before they search: by then the window has
    // readied search in the background (the index opened, the palette drawn
    // once unseen).
    tokio::time::sleep(Duration::from_secs(2)).await;
    search_speed(&app, "over the papers list").await;
    app.find(".navitem:last-of-type").await.click().await.unwrap();
    search_speed(&app, "over the settings screen").await;
    app.find(".navitem").await.click().await.unwrap();
    app.find("tbody tr").await;

    // The paper with the most versions, and one with about thirty.
    let out = Command::new(binary("DOSSIER_CLI", "dossier"))
        .args(["--library", app.library.to_str().unwrap(), "paper", "list", "--json"])
        .output()
        .expect("run the CLI");
    let papers: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("paper list JSON");
    let versions_of = |p: &serde_json::Value| p["latest_version"].as_i64().unwrap_or(0);
    let most = papers.iter().max_by_key(|p| versions_of(p)).expect("a paper").clone();
    let thirty = papers.iter().min_by_key(|p| (versions_of(p) - 30).abs()).expect("a paper").clone();
    // From the full first page of the list, as a user opens one.
    let (open, versions) = app.open_paper_timed(app.find("tbody tr td.title").await).await;
    println!("open the first paper of the full list ({versions}): {open:.1} ms from click to painted");

    for paper in [thirty, most] {
        let id = paper["id"].as_i64().unwrap();
        let title = paper["title"].as_str().unwrap().to_owned();
        // Find it with the papers list's own filter, then click it.
        app.d()
            .execute(
                "const f = document.querySelector('input[type=search]'); f.value = arguments[0]; f.dispatchEvent(new Event('input'));",
                vec![serde_json::json!(title)],
            )
            .await
            .unwrap();
        let row = app.find(&format!("tbody tr[data-paper='{id}'] td.title")).await;
        let (open, versions) = app.open_paper_timed(row).await;
        println!("open paper {id} ({versions}): {open:.1} ms from click to painted");
    }

    // Memory after the work above, from the kernel's own accounting: the
    // app's process (core, SQLite, index) and the web view's processes.
    for name in ["dossier-app", "WebKitWebProces", "WebKitNetworkPr"] {
        if let Some((rss, peak)) = memory_of(name) {
            println!("memory of {name}: resident {} MB, peak {} MB", rss / 1024, peak / 1024);
        }
    }
    app.close().await;
}

/// Types five queries into the search palette a key at a time and prints
/// keystroke-to-paint percentiles, split into the IPC round trip, the
/// core's own search time, the page's update of its rows, and the wait for
/// and painting of the frame. `DOSSIER_SPEED_EACH=1` prints every keystroke's
/// figures too.
async fn search_speed(app: &App, label: &str) {
    let mut paints: Vec<f64> = Vec::new();
    let mut ipcs: Vec<f64> = Vec::new();
    let mut cores: Vec<f64> = Vec::new();
    let mut updates: Vec<f64> = Vec::new();
    let mut frames: Vec<f64> = Vec::new();
    for query in ["settlement", "négociations", "apartheid", "refugee camps", "elect"] {
        app.find("button.searchbtn").await.click().await.unwrap();
        let input = app.find(".palette input.query").await;
        for ch in query.chars() {
            app.d().execute("window.__searchPaintMs = undefined", vec![]).await.unwrap();
            input.send_keys(ch.to_string()).await.unwrap();
            // Typing pace, about seven keys a second. The page times itself
            // (keystroke to painted); asking the WebDriver in a tight loop
            // would run scripts on the page's thread while it renders.
            tokio::time::sleep(Duration::from_millis(150)).await;
            let painted = app.mark("__searchPaintMs", 100, Duration::from_millis(50)).await;
            if painted >= 0.0 {
                paints.push(painted);
                let ipc: f64 = app.d().execute("return window.__searchIpcMs ?? -1", vec![]).await.unwrap().convert().unwrap();
                let core: f64 = app.d().execute("return window.__searchCoreMs ?? -1", vec![]).await.unwrap().convert().unwrap();
                let update: f64 = app.d().execute("return window.__searchUpdateMs ?? -1", vec![]).await.unwrap().convert().unwrap();
                ipcs.push(ipc);
                cores.push(core);
                updates.push(update);
                frames.push(painted - ipc - update);
                if std::env::var_os("DOSSIER_SPEED_EACH").is_some() {
                    println!("    {query:?} {ch:?}: painted {painted:.1}, IPC {ipc:.1}, core {core:.1}, update {update:.1}, frame {:.1}", painted - ipc - update);
                }
            }
        }
        input.send_keys(thirtyfour::Key::Escape).await.unwrap();
    }
    for v in [&mut paints, &mut ipcs, &mut cores, &mut updates, &mut frames] {
        v.sort_by(|a, b| a.total_cmp(b));
    }
    let pct = |v: &[f64], p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "search keystroke to results painted ({label}) over {} keystrokes: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        paints.len(), pct(&paints, 0.5), pct(&paints, 0.95), pct(&paints, 1.0)
    );
    println!(
        "  of which the IPC round trip: p50 {:.1} ms, p95 {:.1} ms; the core's search: p50 {:.1} ms, p95 {:.1} ms",
        pct(&ipcs, 0.5), pct(&ipcs, 0.95), pct(&cores, 0.5), pct(&cores, 0.95)
    );
    println!(
        "  the page's update of its rows: p50 {:.1} ms, p95 {:.1} ms; waiting for and painting the frame: p50 {:.1} ms, p95 {:.1} ms",
        pct(&updates, 0.5), pct(&updates, 0.95), pct(&frames, 0.5), pct(&frames, 0.95)
    );
}

/// When the newest process called `name` started, in ms since the Unix
/// epoch: its start in clock ticks since boot (`/proc/PID/stat`, field 22)
/// against the uptime now (`/proc/uptime`), both at 10 ms resolution.
fn process_started_ms(name: &str) -> Option<f64> {
    let out = Command::new("pgrep").args(["-n", "-x", name]).output().ok()?;
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok()?.split_whitespace().next()?.parse().ok()?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs_f64();
    Some((now - (uptime - start_ticks / 100.0)) * 1000.0)
}

/// Resident and peak resident memory in KB (`VmRSS`, `VmHWM`) of the newest
/// process called `name`.
fn memory_of(name: &str) -> Option<(u64, u64)> {
    let out = Command::new("pgrep").args(["-n", "-x", name]).output().ok()?;
    let pid = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Runs the `dossier` CLI on `library`; panics with its error when it fails.
fn dossier(library: &Path, args: &[&str]) -> String {
    let cli = binary("DOSSIER_CLI", "dossier");
    let out = Command::new(&cli)
        .arg("--library")
        .arg(library)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", cli.display()));
    assert!(out.status.success(), "dossier {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_public_copy_opens_read_only_with_its_badge_and_refuses_edits() {
    let home = tempfile::tempdir().expect("temp dir");
    let library = home.path().join("library");
    dossier(&library, &["sample", "--as-of", SAMPLE_DAY]);
    let public = home.path().join("public");
    dossier(&library, &["public-copy", &public.to_string_lossy()]);

    let app = App::start_on(home, public).await;
    app.wait_text("main h1", "Papers").await;
    app.wait_text("[data-badge=public-copy]", "Public copy").await;
    app.wait_text(".notice", "public copy").await;
    audit(&app, "a public copy's papers list").await;
    let offered = app.d().find_all(By::Css("main .head button")).await.unwrap();
    assert!(offered.is_empty(), "no New paper or Import in a public copy");
    app.screenshot("public-copy").await;

    app.find("tbody tr td.title").await.click().await.unwrap();
    app.find("article.prose").await;
    let tabs = app.find(".tabs").await.text().await.unwrap();
    assert!(!tabs.contains("Edit"), "a public copy is read, not edited: {tabs}");

    // Even asked directly, the core refuses the write.
    let script = "const done = arguments[0]; window.__TAURI_INTERNALS__.invoke('save_version', { id: 1, input: { title: 'x', summary: '', body: 'Changed.', note: '', author: 'E2E' } }).then(() => done('saved'), e => done(e.code));";
    let code = app.d().execute_async(script, vec![]).await.unwrap().json().clone();
    assert_eq!(code, serde_json::json!("read_only"), "the save is refused");
    app.close().await;
}

/// Two computers of a team, set up with the CLI: both renamed the
/// organisation and edited paper 10 before syncing; the office's name lost.
fn team_with_a_conflict(home: &Path) -> PathBuf {
    let shared = home.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let shared = shared.to_string_lossy().into_owned();
    let (office, laptop) = (home.join("library"), home.join("laptop"));
    dossier(&office, &["sample", "--as-of", SAMPLE_DAY]);
    dossier(&office, &["sync", "setup", &shared, "--device", "Office", "--person", "Amira Haddad"]);
    dossier(&laptop, &["sync", "setup", &shared, "--device", "Luc's laptop", "--person", "Luc Gagnon"]);
    let text = |name: &str, body: &str| {
        let file = home.join(name);
        std::fs::write(&file, format!("# Beyond the Two-State Solution\n\n{body}\n")).unwrap();
        file.to_string_lossy().into_owned()
    };
    dossier(&office, &["settings", "set", "organisation", "Réseau pour la justice"]);
    dossier(&office, &["paper", "update", "10", &text("office.md", "Canada should recognise Palestine now."), "--author", "Amira Haddad"]);
    std::thread::sleep(Duration::from_millis(20));
    dossier(&laptop, &["settings", "set", "organisation", "Justice Network"]);
    dossier(&laptop, &["paper", "update", "10", &text("laptop.md", "Canada must act while talks are stalled."), "--author", "Luc Gagnon"]);
    dossier(&office, &["sync"]);
    dossier(&laptop, &["sync"]);
    office
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_library_shows_its_sync_state_conflicts_and_papers_edited_in_parallel() {
    let home = tempfile::tempdir().expect("temp dir");
    let office = team_with_a_conflict(home.path());
    let app = App::start_on(home, office).await;
    app.wait_text("main h1", "Papers").await;
    // Opening syncs: the laptop's changes arrive, and the office's name lost.
    app.wait_text("section.sync", "Synced").await;
    app.wait_text("section.sync", "1 conflict").await;
    app.wait_text("tr[data-paper='10'] .parallel", "in parallel").await;
    app.screenshot("en-team-indicator").await;
    audit(&app, "a team library's papers list with its sync state (English)").await;

    app.find("tr[data-paper='10'] td.title").await.click().await.unwrap();
    app.wait_text(".parallel", "Edited in parallel — compare").await;
    app.screenshot("en-team-paper").await;

    app.find("section.sync button.link").await.click().await.unwrap();
    app.wait_text("main h1", "Conflicts").await;
    let item = app.wait_text("li[data-conflict]", "Réseau pour la justice").await;
    assert!(item.contains("Setting “Organisation”"), "{item}");
    assert!(item.contains("on Office"), "the computer is named: {item}");
    app.screenshot("en-conflicts").await;
    audit(&app, "the conflicts (English)").await;

    go(&app, "Settings").await;
    app.wait_text("dl.team", "Office").await;
    app.wait_text(".devices", "Luc's laptop").await;
    app.d().execute("document.querySelector('dl.team').closest('.form').querySelectorAll('h2')[1].scrollIntoView()", vec![]).await.unwrap();
    app.screenshot("en-settings-team").await;
    // Leaving asks first, and says what happens to the library.
    app.d()
        .execute("[...document.querySelectorAll('button')].find(b => b.textContent.includes('Leave the team library')).click()", vec![])
        .await
        .unwrap();
    app.wait_text(".form", "The library stays here with everything it holds").await;
    app.screenshot("en-team-leave").await;
    audit(&app, "leaving the team library (English)").await;
    app.d()
        .execute("[...document.querySelectorAll('.setup button')].find(b => b.textContent.trim() === 'Cancel').click()", vec![])
        .await
        .unwrap();
    app.wait_text(".form", "Leave the team library…").await;

    to_french(&app).await;
    app.d().execute("document.querySelector('dl.team').closest('.form').querySelectorAll('h2')[1].scrollIntoView()", vec![]).await.unwrap();
    app.wait_text(".form", "Ordinateurs de l’équipe").await;
    app.screenshot("fr-settings-team").await;
    audit(&app, "a team library's settings (French)").await;
    go(&app, "Bibliothèque").await;
    app.wait_text("section.sync", "Synchronisée").await;
    app.wait_text("tr[data-paper='10'] .parallel", "en parallèle").await;
    app.screenshot("fr-team-indicator").await;
    app.find("tr[data-paper='10'] td.title").await.click().await.unwrap();
    app.wait_text(".parallel", "Modifié en parallèle — comparez").await;
    app.screenshot("fr-team-paper").await;
    go(&app, "Conflits").await;
    app.wait_text("li[data-conflict]", "Réglage « Organisation »").await;
    app.screenshot("fr-conflicts").await;
    audit(&app, "the conflicts (French)").await;

    // Bringing the value back makes it the organisation's name again.
    app.find("li[data-conflict] button.primary").await.click().await.unwrap();
    app.wait_text("main", "Aucun conflit").await;
    let name = dossier(&app.library, &["settings", "get", "organisation"]);
    assert!(name.contains("Réseau pour la justice"), "brought back: {name}");

    // The shared folder goes away (a network drive unplugged): the indicator says so.
    let shared = app.library.parent().unwrap().join("shared");
    std::fs::rename(&shared, shared.with_file_name("shared-away")).unwrap();
    app.find("section.sync button.now").await.click().await.unwrap();
    app.wait_text("section.sync", "Dossier inaccessible").await;
    app.screenshot("fr-team-unreachable").await;
    app.close().await;
}
