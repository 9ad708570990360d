//! Dossier's development commands, the same on every machine:
//!
//! - `cargo xtask run`: build the desktop app and open it on the sample
//!   library (made on first run in the target folder).
//! - `cargo xtask walkthrough`: the same library, driven from the command line.
//! - `cargo xtask test`: install what the tests need (Debian/Ubuntu, as root
//!   or with sudo) and run every test: core, front end, shell, end to end.
//! - `cargo xtask test-dates`: the front-end tests, and the monthly report
//!   of a sample library made that day, under `faketime` on other days
//!   (part of `test`; needs the debug `dossier` that `test` builds).
//! - `cargo xtask deps`: only the installation step.
//! - `cargo xtask bundle [--debug]`: the `.deb` package, built by Tauri's
//!   bundler (release build unless `--debug`).
//! - `cargo xtask test-package [--release]`: build the package (from the
//!   test build unless `--release`), install it with apt, use it from the
//!   PATH and under Xvfb, remove it, and check nothing of it is left.
//!
//! Written in Rust rather than shell so that it runs wherever cargo does.

mod package;

use std::path::{Path, PathBuf};
use std::process::{exit, Command};

/// Debian packages the build and the tests use, and why.
const APT_PACKAGES: &[(&str, &str)] = &[
    ("build-essential", "C compiler for the bundled SQLite"),
    ("pkg-config", "finding system libraries at build time"),
    ("libclang-dev", "bindgen, which SQLite's session extension (team sync) is built with"),
    ("sqlite3", "the sqlite3 shell users read their library with; fixture scripts"),
    ("poppler-utils", "pdftotext, pdffonts, pdftoppm: checking exported PDFs"),
    ("qpdf", "qpdf --check on exported PDFs"),
    ("libwebkit2gtk-4.1-dev", "the web view of the desktop app"),
    ("libayatana-appindicator3-dev", "Tauri's tray support, linked by the shell"),
    ("librsvg2-dev", "icons in the desktop app"),
    ("libxdo-dev", "Tauri's keyboard shortcuts on X11"),
    ("libssl-dev", "TLS for the WebDriver client in the end-to-end tests"),
    ("file", "Tauri's bundler"),
    ("webkit2gtk-driver", "WebKitWebDriver, behind tauri-driver, for end-to-end tests"),
    ("xvfb", "a virtual display for end-to-end tests and screenshots"),
    ("xauth", "xvfb-run"),
    ("imagemagick", "screenshots of the app under Xvfb"),
    ("desktop-file-utils", "desktop-file-validate on the package's desktop entry"),
    ("appstream", "appstreamcli validate on the package's AppStream metadata"),
    ("faketime", "the tests that depend on today, run again on other days (`test-dates`)"),
];

/// The days `test-dates` runs on, with the month whose report is due then:
/// a new year's first days, a month's last day, a leap day, a year's last.
const OTHER_DAYS: &[(&str, &str)] = &[
    ("2027-01-03", "December 2026"),
    ("2027-03-31", "February 2027"),
    ("2028-02-29", "January 2028"),
    ("2030-12-31", "November 2030"),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("deps") => deps(),
        Some("test") => deps().and_then(|()| test()),
        Some("run") => deps().and_then(|()| run_app()),
        Some("test-dates") => deps().and_then(|()| test_dates()),
        Some("walkthrough") => walkthrough(),
        Some("bundle") => deps().and_then(|()| bundle(!args.iter().any(|a| a == "--debug"))).map(|deb| {
            println!("{}", deb.display());
        }),
        Some("test-package") => deps().and_then(|()| package::test(args.iter().any(|a| a == "--release"))),
        _ => {
            eprintln!("usage: cargo xtask run | walkthrough | test | test-dates | deps | bundle [--debug] | test-package [--release]");
            exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("xtask: {e}");
        exit(1);
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn root() -> PathBuf {
    // `cargo xtask` runs this with the manifest folder of the checkout it was
    // called in; the build-time one names whichever checkout last built the
    // binary into a target folder several checkouts share.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    manifest
        .as_deref()
        .unwrap_or(Path::new(env!("CARGO_MANIFEST_DIR")))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn status(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}");
    let st = cmd.status().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({st})"))
    }
}

/// Installs the Debian packages that are missing; does nothing when all are
/// there or when this is not a Debian-like system.
fn deps() -> Result {
    if !on_path("npm") {
        return Err("Node.js 20 or newer with npm is needed for the front end; install it first".into());
    }
    if !Path::new("/usr/bin/dpkg").exists() {
        eprintln!("xtask: not a Debian-like system; install by hand: {}", names().join(" "));
        return Ok(());
    }
    let missing: Vec<&str> = names()
        .into_iter()
        .filter(|p| {
            !Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
                .unwrap_or(false)
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {}", missing.join(" "));
    let is_root = is_root();
    let apt = |args: &[&str]| {
        let mut cmd = if is_root { Command::new("apt-get") } else { Command::new("sudo") };
        if !is_root {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        status(&mut cmd)
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

/// Whether this runs as root (else apt goes through sudo).
fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

fn on_path(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// `cargo` with every build in the one target folder.
fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.current_dir(root()).env("CARGO_TARGET_DIR", target_dir()).args(args);
    cmd
}

/// `npm` in `ui/`, installing the locked packages first if they are missing.
fn npm(args: &[&str]) -> Result {
    node_modules()?;
    status(Command::new("npm").current_dir(root().join("ui")).args(args))
}

/// Installs the front end's locked packages unless they are there.
fn node_modules() -> Result {
    let ui = root().join("ui");
    if ui.join("node_modules").join(".package-lock.json").exists() {
        return Ok(());
    }
    status(Command::new("npm").current_dir(&ui).args(["ci", "--no-audit", "--no-fund"]))
}

/// Builds the front end, then the `dossier` CLI and the desktop app in one
/// cargo invocation over the one workspace.
fn build_app() -> Result {
    npm(&["run", "build"])?;
    status(&mut cargo(&["build", "--locked", "--package", "dossier", "--package", "dossier-app"]))
}

fn names() -> Vec<&'static str> {
    APT_PACKAGES.iter().map(|(name, _)| *name).collect()
}

/// Every test: the core, the front end's components, the shell's wiring,
/// and the real app end to end under a virtual display.
///
/// One `cargo test --workspace` builds the core, the CLI, the shell and
/// their tests in one dependency graph (the shell embeds the built front
/// end, so that is built first), and the end-to-end tests drive the
/// binaries it left in the target folder.
fn test() -> Result {
    eprintln!("xtask: building the front end");
    npm(&["run", "build"])?;
    eprintln!("xtask: core, command line and shell tests");
    status(&mut cargo(&["test", "--locked", "--workspace"]))?;
    eprintln!("xtask: front-end tests");
    npm(&["test"])?;
    test_dates()?;
    eprintln!("xtask: end-to-end tests");
    if !on_path("tauri-driver") {
        status(Command::new("cargo").args(["install", "tauri-driver", "--locked"]))?;
    }
    let target = target_dir();
    status(
        Command::new("xvfb-run")
            .current_dir(root())
            .args(["-a", "-s", "-screen 0 1280x800x24", "cargo", "test", "--locked", "--manifest-path", "tests/e2e/Cargo.toml", "--", "--test-threads=1"])
            .env("CARGO_TARGET_DIR", &target)
            .env("DOSSIER_APP", target.join("debug").join("dossier-app"))
            .env("DOSSIER_CLI", target.join("debug").join("dossier")),
    )
}

/// What depends on today, on other days: the front-end tests, and a
/// sample library made that day, whose report due that day (the CLI's
/// default month) must hold last month's meetings.
fn test_dates() -> Result {
    node_modules()?;
    let cli = target_dir().join("debug").join("dossier");
    if !cli.exists() {
        return Err(format!("{} is not built; run `cargo xtask test`", cli.display()));
    }
    for (day, due) in OTHER_DAYS {
        eprintln!("xtask: the tests that depend on today, on {day}");
        let fake = |program: &Path| {
            let mut cmd = Command::new("faketime");
            cmd.arg(format!("{day} 12:00:00")).arg(program);
            cmd
        };
        status(fake(Path::new("npm")).current_dir(root().join("ui")).arg("test"))?;
        let library = std::env::temp_dir().join(format!("dossier-test-dates-{}-{day}", std::process::id()));
        let _ = std::fs::remove_dir_all(&library);
        let checked = (|| -> Result {
            status(fake(&cli).arg("--library").arg(&library).arg("sample"))?;
            let out = fake(&cli)
                .arg("--library")
                .arg(&library)
                .args(["report", "lobbying"])
                .output()
                .map_err(|e| format!("cannot run {}: {e}", cli.display()))?;
            let text = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() || !text.contains(&format!("report, {due}")) || !text.contains("Adeyemi") {
                return Err(format!(
                    "on {day}, a new sample's report should be {due}'s with the meeting with Grace Adeyemi; got:\n{text}{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            Ok(())
        })();
        let _ = std::fs::remove_dir_all(&library);
        checked?;
    }
    Ok(())
}

/// Builds the `.deb` with Tauri's bundler (the `@tauri-apps/cli` the front
/// end already locks): the app from `src-tauri/tauri.conf.json`, with the
/// `dossier` command added beside it on the PATH. Returns the package.
pub(crate) fn bundle(release: bool) -> Result<PathBuf> {
    let profile = if release { "release" } else { "debug" };
    // The whole workspace's programs, as the tests build them, so the
    // features of shared dependencies are the same and nothing is compiled
    // again for the package.
    let mut build = vec!["build", "--locked", "--workspace", "--bins"];
    if release {
        build.push("--release");
    }
    status(&mut cargo(&build))?;
    let cli = target_dir().join(profile).join("dossier");
    let config = bundle_config(&cli);
    // The bundler is one of them; its own `beforeBuildCommand` builds the
    // front end.
    node_modules()?;
    let tauri = root().join("ui").join("node_modules").join(".bin").join("tauri");
    let mut cmd = Command::new(&tauri);
    cmd.current_dir(root().join("src-tauri"))
        .env("CARGO_TARGET_DIR", target_dir())
        .args(["build", "--bundles", "deb", "--ci", "--config", &config]);
    if !release {
        cmd.arg("--debug");
    }
    status(&mut cmd)?;
    let dir = target_dir().join(profile).join("bundle").join("deb");
    let version = env!("CARGO_PKG_VERSION");
    std::fs::read_dir(&dir)
        .map_err(|e| format!("no packages in {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name.ends_with(".deb") && name.contains(&format!("_{version}_"))
        })
        .ok_or_else(|| format!("the bundler left no {version} package in {}", dir.display()))
}

/// The bundler's extra configuration: the `dossier` command built in this
/// target folder, installed as `/usr/bin/dossier`.
fn bundle_config(cli: &Path) -> String {
    let path = cli.to_string_lossy().replace('\\', "\\\\").replace('"', "\\\"");
    format!(r#"{{"bundle":{{"linux":{{"deb":{{"files":{{"/usr/bin/dossier":"{path}"}}}}}}}}}}"#)
}

/// The sample library used by `run` and `walkthrough`, made once.
fn sample_library(exe: &Path) -> Result<PathBuf> {
    let library = target_dir().join("sample-library");
    if !library.join("library.sqlite").exists() {
        status(Command::new(exe).arg("--library").arg(&library).arg("sample"))?;
    }
    Ok(library)
}

/// Builds the desktop app and opens it on the sample library.
fn run_app() -> Result {
    build_app()?;
    let debug = target_dir().join("debug");
    let library = sample_library(&debug.join("dossier"))?;
    eprintln!("xtask: opening Dossier on {}", library.display());
    status(Command::new(debug.join("dossier-app")).arg("--library").arg(&library))
}

/// Creates a fresh sample library and walks a paper through its life with
/// the command line.
fn walkthrough() -> Result {
    status(&mut cargo(&["build", "--locked", "--package", "dossier", "--bin", "dossier"]))?;
    let target = target_dir();
    let exe = target.join("debug").join("dossier");
    let library = target.join("walkthrough-library");
    if library.exists() {
        std::fs::remove_dir_all(&library).map_err(|e| format!("cannot clear {}: {e}", library.display()))?;
    }
    let work = target.join("walkthrough");
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let step = |args: &[&str]| -> Result {
        println!("\n$ dossier {}", args.join(" "));
        status(Command::new(&exe).arg("--library").arg(&library).args(args).env("DOSSIER_AUTHOR", "Demo User"))
    };
    step(&["sample"])?;
    step(&["paper", "list"])?;
    step(&["campaign", "list", "--from", "2021", "--to", "2022"])?;
    let draft = work.join("revision.md");
    std::fs::write(
        &draft,
        "# A walk-through paper\n\nCanada should **review** its trade arrangements.\n\n- Label settlement goods\n",
    )
    .map_err(|e| e.to_string())?;
    let revision = work.join("revision-2.md");
    std::fs::write(
        &revision,
        "# A walk-through paper\n\nCanada must **end** preferential treatment of settlement goods.\n\n- Label settlement goods\n- Report on progress\n",
    )
    .map_err(|e| e.to_string())?;
    let (d, r) = (draft.to_string_lossy().into_owned(), revision.to_string_lossy().into_owned());
    step(&["paper", "add", &d, "--tag", "trade", "--note", "First draft"])?;
    let id = {
        let out = Command::new(&exe)
            .arg("--library")
            .arg(&library)
            .args(["paper", "list", "--json"])
            .output()
            .map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // The newest paper is listed first; its id is the first "id" field.
        text.split("\"id\": ")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .map(str::to_owned)
            .ok_or("cannot find the new paper's id")?
    };
    step(&["paper", "update", &id, &r, "--note", "Firmer ask after the committee hearing"])?;
    step(&["paper", "diff", &id, "1", "2"])?;
    step(&["paper", "publish", &id, "--version", "1"])?;
    step(&["paper", "restore", &id, "1", "--note", "The board kept the first wording"])?;
    step(&["paper", "history", &id])?;
    step(&["paper", "publish", &id])?;
    let today = today();
    step(&["paper", "show", &id, "--as-of", &today])?;
    println!("\nThe sample library is at {}; try `dossier --library {} --help`.", library.display(), library.display());
    Ok(())
}

fn today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}
