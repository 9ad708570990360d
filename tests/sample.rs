//! The sample library that ships with Dossier holds what every screen
//! needs: campaigns for every year since 2004, papers with several versions
//! in English and French, officials and engagements.

use std::collections::BTreeSet;

use chrono::Datelike;
use dossier::campaigns::CampaignFilter;
use dossier::engagements::EngagementFilter;
use dossier::papers::{Lang, PaperFilter};

use crate::util::{dossier_err, dossier_ok, snapshot, TempLibrary};

#[test]
fn the_sample_library_covers_every_year_and_every_kind_of_record() {
    let mut t = TempLibrary::new();
    let counts = t.lib.load_sample().expect("the sample library loads");
    let lib = &t.lib;

    let campaigns = lib.campaigns(&CampaignFilter::default()).unwrap();
    assert!(campaigns.len() >= 30, "30 or more campaigns, got {}", campaigns.len());
    let years: BTreeSet<i32> = campaigns.iter().map(|c| c.started_on[..4].parse().unwrap()).collect();
    for year in 2004..=chrono::Utc::now().year() {
        assert!(years.contains(&year), "a campaign starts in {year}");
    }

    let papers = lib.papers(&PaperFilter::default()).unwrap();
    assert!(papers.len() >= 10, "at least 10 papers, got {}", papers.len());
    assert!(papers.iter().any(|p| p.lang == Lang::Fr) && papers.iter().any(|p| p.lang == Lang::En));
    let multi = papers.iter().filter(|p| p.latest_version >= 3).count();
    assert!(multi >= 4, "at least 4 papers with 3+ versions, got {multi}");
    let linked = papers.iter().filter(|p| p.translation_id.is_some()).count();
    assert!(linked >= 4, "two pairs linked as translations, got {linked} linked papers");
    let scripts = papers.iter().any(|p| {
        let body = lib.latest_version(p.id).unwrap().body;
        body.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) && body.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c))
    });
    assert!(scripts, "one paper contains Arabic and Hebrew names");

    let officials = lib.officials().unwrap();
    assert!(officials.len() >= 25, "at least 25 officials, got {}", officials.len());
    let engagements = lib.engagements(&EngagementFilter::default()).unwrap();
    assert!(engagements.len() >= 60, "at least 60 engagements, got {}", engagements.len());
    assert_eq!(counts.engagements, engagements.len());
    assert!(lib.integrity_check().unwrap().is_empty());
}

#[test]
fn the_sample_goes_only_into_an_empty_library() {
    let t = TempLibrary::new();
    let root = t.root();
    drop(t.lib);
    let out = dossier_ok(&root, &["sample"]);
    assert!(out.starts_with("Created the sample library"), "{out}");
    let before = snapshot(&root);
    let err = dossier_err(&root, &["sample"]);
    assert!(err.contains("already holds"), "{err}");
    assert_eq!(snapshot(&root), before, "the second attempt changed nothing");
}

#[test]
fn the_sample_packets_export_as_pdfs_with_the_draft_mark_only_where_due() {
    let mut t = TempLibrary::new();
    t.lib.load_sample().expect("the sample library loads");
    let packets = t.lib.packets().unwrap();
    assert_eq!(packets.len(), 2, "two packets are being prepared in the sample");
    for p in &packets {
        let out = t.dir.path().join(format!("packet-{}.pdf", p.id));
        let opts = dossier::export::ExportOptions { out: out.clone(), ..Default::default() };
        let report = t.lib.export_packet(p.id, &opts).expect("a sample packet exports");
        assert!(report.pages >= 5, "cover, contents, office holder, talking points and papers: {} pages", report.pages);
        assert!(std::fs::metadata(&out).unwrap().len() > 10_000, "the PDF was written");
        let has_draft_item = p.items.iter().any(|i| i.pinned_version == Some(3));
        assert_eq!(report.draft, has_draft_item, "the DRAFT mark appears exactly when an unpublished version is in `{}`", p.title);
        assert_eq!(t.lib.packet_exports(p.id).unwrap().len(), 1, "the export is recorded against the packet");
    }
}
