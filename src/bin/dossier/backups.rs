//! `dossier backup FILE | --list`, `dossier backups` and `dossier restore FILE --to DIR`.

use std::path::Path;

use dossier::backup::BackupInfo;
use dossier::{Library, Result};

use crate::cli::BackupArgs;
use crate::output;

pub fn backup(lib: &mut Library, args: BackupArgs) -> Result<()> {
    let Some(file) = args.file.filter(|_| !args.list) else {
        return list(lib, args.out.json);
    };
    let info = lib.backup(&file)?;
    if args.out.json {
        return output::json(&info);
    }
    outln!("Wrote the backup {} ({})", info.path.display(), size(info.bytes));
    outln!("{}", holds(&info));
    outln!("The search index is not in it; it is rebuilt after a restore.");
    Ok(())
}

pub fn list(lib: &Library, json: bool) -> Result<()> {
    let backups = lib.automatic_backups();
    if json {
        return output::json(&backups);
    }
    if backups.is_empty() {
        outln!("No automatic backups yet in {}", lib.backups_dir().display());
        return Ok(());
    }
    let rows: Vec<Vec<String>> = backups
        .iter()
        .map(|b| {
            vec![
                b.made_at.clone(),
                match b.kind {
                    dossier::backup::BackupKind::Daily => "daily".into(),
                    dossier::backup::BackupKind::BeforeMigration => "before upgrade".into(),
                },
                size(b.bytes),
                b.path.display().to_string(),
            ]
        })
        .collect();
    output::table(&["MADE", "KIND", "SIZE", "FILE"], &rows);
    Ok(())
}

pub fn restore(file: &Path, to: &Path, json: bool) -> Result<()> {
    let (lib, report) = Library::restore(file, to)?;
    if json {
        return output::json(&report);
    }
    outln!("Restored {} into the library {}", report.backup.path.display(), lib.root().display());
    outln!("{}", holds(&report.backup));
    if report.backup.schema_version < report.schema_version {
        outln!(
            "Its schema was upgraded from version {} to {}; the backup itself is unchanged.",
            report.backup.schema_version, report.schema_version
        );
    }
    Ok(())
}

fn holds(info: &BackupInfo) -> String {
    format!(
        "It holds {} papers ({} versions), {} campaigns, {} officials, {} engagements, {} packets and {} original files (schema {}).",
        info.papers, info.versions, info.campaigns, info.officials, info.engagements, info.packets, info.originals, info.schema_version
    )
}

/// A size for people: bytes, KB or MB.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{:.0} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / 1_048_576.0),
    }
}
