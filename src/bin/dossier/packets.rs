//! `dossier packet …`: compose briefing packets.

use dossier::api::packets::DayRequest;
use dossier::export::day::DayOptions;
use dossier::export::ExportOptions;
use dossier::import::read_document;
use dossier::packets::{ItemAdded, NewPacket, Packet};
use dossier::{dates, Library, Result};

use crate::cli::PacketCommand;
use crate::output;
use crate::records::paper_ref;

pub fn run(lib: &mut Library, cmd: PacketCommand) -> Result<()> {
    match cmd {
        PacketCommand::Create { title, official, engagement, date, prepared_by, out } => {
            let p = lib.create_packet(NewPacket {
                title,
                official_id: official,
                engagement_id: engagement,
                meeting_on: date.map(|d| dates::parse_date(&d, "--date")).transpose()?,
                prepared_by: crate::author(prepared_by),
            })?;
            show(&p, out.json)
        }
        PacketCommand::Add { packet, paper, out } => {
            let (paper, version) = paper_ref(&paper)?;
            added(&lib.add_packet_item(packet, paper, version)?, out.json)
        }
        PacketCommand::Remove { packet, item, out } => show(&lib.remove_packet_item(packet, item)?, out.json),
        PacketCommand::Move { packet, item, position, out } => {
            show(&lib.move_packet_item(packet, item, position)?, out.json)
        }
        PacketCommand::Notes { packet, file, out } => {
            let notes = read_document(&file, lib.max_file_bytes())?;
            let text = match notes.title {
                Some(t) => format!("# {t}\n\n{}", notes.body),
                None => notes.body,
            };
            show(&lib.set_packet_notes(packet, &text)?, out.json)
        }
        PacketCommand::List(out) => list(lib, out.json),
        PacketCommand::Show { packet, out } => show(&lib.packet(packet)?, out.json),
        PacketCommand::Export { packet, out, print, json } => {
            let opts = ExportOptions { out, paper: print.paper.parse()?, lang: print.lang.parse()?, organisation: print.organisation, at: None };
            export(lib, packet, &opts, json.json)
        }
        PacketCommand::Day { date, out, print, prepared_by, json } => {
            let request = DayRequest { date, paper: print.paper, lang: print.lang, organisation: print.organisation, prepared_by };
            day(lib, &request.options(out)?, json.json)
        }
        PacketCommand::Exports { packet, out } => exports(lib, packet, out.json),
    }
}

fn list(lib: &Library, json: bool) -> Result<()> {
    let list = lib.packets()?;
    if json {
        return output::json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.id.to_string(),
                output::clip(&p.title, 60),
                p.meeting_on.clone().unwrap_or_default(),
                p.items.len().to_string(),
                output::day(&p.updated_at),
            ]
        })
        .collect();
    output::table(&["ID", "TITLE", "MEETING", "PAPERS", "CHANGED"], &rows);
    Ok(())
}

fn export(lib: &mut Library, packet: i64, opts: &ExportOptions, json: bool) -> Result<()> {
    let report = lib.export_packet(packet, opts)?;
    if json {
        return output::json(&report);
    }
    outln!(
        "Wrote {} ({} pages, {} KB, {}){}",
        report.path.display(),
        report.pages,
        report.bytes.div_ceil(1024),
        report.paper.as_str(),
        if report.draft { " — DRAFT: it holds unpublished text" } else { "" }
    );
    for v in &report.versions {
        outln!("  paper {} version {}: {}", v.paper_id, v.version, v.title);
    }
    Ok(())
}

fn day(lib: &mut Library, opts: &DayOptions, json: bool) -> Result<()> {
    let report = lib.prepare_day(opts)?;
    for w in &report.warnings {
        eprintln!("warning: {}", crate::wording::message(w));
    }
    if json {
        return output::json(&report);
    }
    let rows: Vec<Vec<String>> = report
        .meetings
        .iter()
        .map(|m| {
            vec![
                m.time.clone().unwrap_or_default(),
                output::clip(&m.officials.join(", "), 40),
                format!("{}{}", m.packet_id, if m.packet_created { " (new)" } else { "" }),
                m.pages.to_string(),
                m.first_page.to_string(),
                m.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&["TIME", "WITH", "PACKET", "PAGES", "FROM PAGE", "FILE"], &rows);
    outln!("Wrote {} meeting PDFs in {}", report.meetings.len(), report.folder.display());
    outln!("  itinerary: {}", report.itinerary.display());
    outln!("  every packet, double-sided: {} ({} pages)", report.combined.display(), report.combined_pages);
    if report.meetings.iter().any(|m| m.draft) {
        outln!("DRAFT: a packet holds unpublished text");
    }
    Ok(())
}

fn exports(lib: &Library, packet: i64, json: bool) -> Result<()> {
    let list = lib.packet_exports(packet)?;
    if json {
        return output::json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let versions: Vec<String> = e.versions.iter().map(|v| format!("{}@{}", v.paper_id, v.version)).collect();
            vec![
                e.id.to_string(),
                e.exported_at.clone(),
                e.path.clone(),
                e.pages.to_string(),
                format!("{} {}", e.paper, e.lang),
                versions.join(" "),
            ]
        })
        .collect();
    output::table(&["ID", "EXPORTED", "FILE", "PAGES", "PAPER", "VERSIONS"], &rows);
    Ok(())
}

/// The packet after an addition, and the warnings about it: on stderr,
/// worded with their hints, and in JSON beside the packet's fields.
fn added(a: &ItemAdded, json: bool) -> Result<()> {
    for w in &a.warnings {
        eprintln!("warning: {}", crate::wording::message(w));
    }
    if json {
        #[derive(serde::Serialize)]
        struct Reply<'a> {
            #[serde(flatten)]
            packet: &'a Packet,
            warnings: &'a [dossier::Message],
        }
        return output::json(&Reply { packet: &a.packet, warnings: &a.warnings });
    }
    show(&a.packet, false)
}

fn show(p: &Packet, json: bool) -> Result<()> {
    if json {
        return output::json(p);
    }
    outln!("Packet {}: {}", p.id, p.title);
    output::fields(&[
        ("Meeting", p.meeting_on.clone().unwrap_or_default()),
        ("Official", p.official_id.map(|o| o.to_string()).unwrap_or_default()),
        ("Engagement", p.engagement_id.map(|e| e.to_string()).unwrap_or_default()),
    ]);
    for item in &p.items {
        let pin = item.pinned_version.map_or("latest published".to_owned(), |n| format!("version {n}"));
        outln!("  {}. {} (paper {}, {pin}) [item {}]", item.position, item.title, item.paper_id, item.id);
    }
    if p.items.is_empty() {
        outln!("  (no papers yet: dossier packet add {} PAPER[@VERSION])", p.id);
    }
    Ok(())
}
