//! Dossier's development commands, the same on every machine:
//!
//! - `cargo xtask run`: build Dossier and show it working on a fresh copy of
//!   the sample library.
//! - `cargo xtask test`: install what the tests need (Debian/Ubuntu, as root
//!   or with sudo) and run every test.
//! - `cargo xtask deps`: only the installation step.
//!
//! Written in Rust rather than shell so that it runs wherever cargo does.

use std::path::{Path, PathBuf};
use std::process::{exit, Command};

/// Debian packages the build and the tests use, and why.
const APT_PACKAGES: &[(&str, &str)] = &[
    ("build-essential", "C compiler for the bundled SQLite"),
    ("pkg-config", "finding system libraries at build time"),
    ("sqlite3", "the sqlite3 shell users read their library with; fixture scripts"),
    ("poppler-utils", "pdftotext, pdffonts, pdftoppm: checking exported PDFs"),
    ("qpdf", "qpdf --check on exported PDFs"),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("deps") => deps(),
        Some("test") => deps().and_then(|()| test(&args[1..])),
        Some("run") => run(),
        _ => {
            eprintln!("usage: cargo xtask run | test [cargo test args] | deps");
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
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
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

fn names() -> Vec<&'static str> {
    APT_PACKAGES.iter().map(|(name, _)| *name).collect()
}

/// Every test: the core's unit and integration tests.
fn test(extra: &[String]) -> Result {
    status(
        Command::new("cargo")
            .current_dir(root())
            .args(["test", "--locked", "--package", "dossier"])
            .args(extra),
    )
}

/// Builds Dossier, creates a fresh sample library and walks through it.
fn run() -> Result {
    status(Command::new("cargo").current_dir(root()).args(["build", "--locked", "--package", "dossier", "--bin", "dossier"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let exe = target.join("debug").join("dossier");
    let library = target.join("sample-library");
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
