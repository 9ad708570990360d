//! `cargo xtask test-package`: the `.deb` tested as a user gets it.
//!
//! 1. Build the package ([`crate::bundle`]); from the test build's debug
//!    profile unless `--release`, so CI compiles nothing twice. The package
//!    is the same either way but for the binaries' optimisation.
//! 2. Check its desktop entry and AppStream metadata with their validators.
//! 3. Install it with `apt-get install ./….deb` (its dependencies too).
//! 4. From the PATH, in a new home folder: `dossier --version`, `dossier
//!    --version --verbose`, `dossier sample` (into the OS data folder).
//! 5. Start the installed app under Xvfb as another new user, whose data
//!    folder the installed `dossier sample` fills (the end-to-end test
//!    `the_installed_package_opens_on_the_papers_list`): its window draws
//!    the papers list; the screenshot is kept. Started as the
//!    applications menu starts it, it prints nothing of its own.
//! 6. Remove the package (`apt-get purge`) and check that none of its files
//!    is left, and that the user's library still is.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{on_path, root, status, target_dir, Result};

/// The Debian package's name (Tauri's bundler derives it from the product
/// name).
const PACKAGE: &str = "dossier";

pub fn test(release: bool) -> Result {
    let deb = crate::bundle(release)?;
    eprintln!("xtask: testing {}", deb.display());
    validate_metadata(&deb)?;
    apt(&["install", "-y", "-q", "--no-install-recommends", &deb.to_string_lossy()])?;
    let installed = listed_files()?;
    let result = use_installed();
    // Removed even when a check failed, so the machine is left as it was.
    let removed = apt(&["purge", "-y", "-q", PACKAGE]);
    let home = result?;
    removed?;
    check_removed(&installed, &home)?;
    eprintln!("xtask: the package installs, runs from the PATH, opens the sample library, and uninstalls cleanly");
    Ok(())
}

/// The desktop entry and the AppStream file, as the package holds them.
fn validate_metadata(deb: &Path) -> Result {
    let dir = target_dir().join("package-check");
    let _ = std::fs::remove_dir_all(&dir);
    status(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&dir))?;
    let desktop = find(&dir.join("usr/share/applications"), ".desktop")?;
    status(Command::new("desktop-file-validate").arg(&desktop))?;
    let text = std::fs::read_to_string(&desktop).map_err(|e| e.to_string())?;
    for key in ["Name=Dossier", "Comment[fr]=", "GenericName[fr]=", "Exec=dossier-app"] {
        if !text.contains(key) {
            return Err(format!("the desktop entry lacks {key}:\n{text}"));
        }
    }
    let metainfo = dir.join("usr/share/metainfo/org.dossier.desktop.metainfo.xml");
    status(Command::new("appstreamcli").args(["validate", "--no-net", "--pedantic"]).arg(&metainfo))?;
    for size in ["16x16", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512"] {
        let icon = dir.join(format!("usr/share/icons/hicolor/{size}/apps/dossier-app.png"));
        if !icon.exists() {
            return Err(format!("the package has no {size} icon ({})", icon.display()));
        }
    }
    for bin in ["usr/bin/dossier", "usr/bin/dossier-app"] {
        if !dir.join(bin).exists() {
            return Err(format!("the package has no /{bin}"));
        }
    }
    Ok(())
}

fn find(dir: &Path, suffix: &str) -> Result<PathBuf> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .ok_or_else(|| format!("no {suffix} file in {}", dir.display()))
}

/// `apt-get`, as root or through sudo.
fn apt(args: &[&str]) -> Result {
    let mut cmd = if crate::is_root() { Command::new("apt-get") } else { Command::new("sudo") };
    if !crate::is_root() {
        cmd.arg("apt-get");
    }
    status(cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The files the installed package owns (not its folders).
fn listed_files() -> Result<Vec<PathBuf>> {
    let out = Command::new("dpkg").args(["-L", PACKAGE]).output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{PACKAGE} is not installed"));
    }
    let files: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    if !files.contains(&PathBuf::from("/usr/bin/dossier")) || !files.contains(&PathBuf::from("/usr/bin/dossier-app")) {
        return Err(format!("the installed package lacks a program: {files:?}"));
    }
    Ok(files)
}

/// Uses what was installed as a new user would, in a new home folder, and
/// returns that folder.
fn use_installed() -> Result<PathBuf> {
    let home = target_dir().join("package-home");
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    let as_user = |cmd: &mut Command| -> Result<String> {
        // The OS's folders, not the developer's: only HOME says where they are.
        let out = cmd
            .env_clear()
            .env("HOME", &home)
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("LANG", "C.UTF-8")
            .output()
            .map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if !out.status.success() {
            return Err(format!("{cmd:?} failed: {text}{}", String::from_utf8_lossy(&out.stderr)));
        }
        Ok(text)
    };
    let version = as_user(Command::new("dossier").arg("--version"))?;
    if version.trim() != format!("dossier {}", env!("CARGO_PKG_VERSION")) {
        return Err(format!("`dossier --version` printed {version:?}"));
    }
    let verbose = as_user(Command::new("dossier").args(["--version", "--verbose"]))?;
    println!("{verbose}");
    let sample = as_user(Command::new("dossier").arg("sample"))?;
    println!("{sample}");
    let library = home.join(".local/share/dossier");
    if !library.join("library.sqlite").exists() {
        return Err(format!("`dossier sample` made no library in the OS data folder ({})", library.display()));
    }
    let log = home.join(".local/state/dossier/logs");
    if !log.is_dir() {
        return Err(format!("the installed `dossier` wrote no log in {}", log.display()));
    }
    open_installed_app()?;
    starts_quietly(&home)?;
    Ok(home)
}

/// Started from the applications menu, the app says nothing on a console:
/// run for a few seconds under Xvfb, it prints no line of its own.
fn starts_quietly(home: &Path) -> Result {
    let out = Command::new("timeout")
        .args(["8", "xvfb-run", "-a", "/usr/bin/dossier-app"])
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("LANG", "C.UTF-8")
        .output()
        .map_err(|e| e.to_string())?;
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let ours: Vec<&str> = said.lines().filter(|l| l.to_lowercase().contains("dossier")).collect();
    if !ours.is_empty() {
        return Err(format!("the installed app printed on the console: {ours:?}"));
    }
    if !said.trim().is_empty() {
        eprintln!("xtask: the system's libraries printed (not Dossier's own words):\n{said}");
    }
    Ok(())
}

/// The end-to-end test that starts `/usr/bin/dossier-app` as a new user.
fn open_installed_app() -> Result {
    if !on_path("tauri-driver") {
        status(Command::new("cargo").args(["install", "tauri-driver", "--locked"]))?;
    }
    let shots = target_dir().join("package-screenshots");
    std::fs::create_dir_all(&shots).map_err(|e| e.to_string())?;
    status(
        Command::new("xvfb-run")
            .current_dir(root())
            .args(["-a", "-s", "-screen 0 1280x800x24", "cargo", "test", "--locked", "--manifest-path", "tests/e2e/Cargo.toml", "--"])
            .args(["--ignored", "--exact", "the_installed_package_opens_on_the_papers_list"])
            .env("CARGO_TARGET_DIR", target_dir())
            .env("DOSSIER_APP", "/usr/bin/dossier-app")
            .env("DOSSIER_SCREENSHOTS", &shots),
    )?;
    eprintln!("xtask: the installed app's window: {}", shots.join("installed-app.png").display());
    Ok(())
}

/// After removal: no file of the package is left; the user's library is.
fn check_removed(files: &[PathBuf], home: &Path) -> Result {
    let left: Vec<&PathBuf> = files.iter().filter(|p| p.exists()).collect();
    if !left.is_empty() {
        return Err(format!("removing the package left {left:?}"));
    }
    let dpkg = Command::new("dpkg-query").args(["-W", "-f=${Status}", PACKAGE]).output().map_err(|e| e.to_string())?;
    if String::from_utf8_lossy(&dpkg.stdout).contains("ok installed") {
        return Err(format!("dpkg still lists {PACKAGE}"));
    }
    if !home.join(".local/share/dossier/library.sqlite").exists() {
        return Err("removing the package removed the user's library".into());
    }
    Ok(())
}
