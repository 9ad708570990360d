//! How long a Hill day of twelve meetings takes: every packet laid out, a
//! PDF per meeting, the itinerary and the combined PDF written, and the
//! exports recorded.
//!
//! Run with `cargo bench --bench day`. The target is ≤ 3 s for everything
//! in a release build.

#[path = "../tests/support/packet_fixture.rs"]
mod fixture;

use chrono::{NaiveDate, NaiveTime};
use criterion::{criterion_group, criterion_main, Criterion};
use dossier::engagements::{EngagementKind, NewEngagement};
use dossier::export::day::DayOptions;
use dossier::export::PaperSize;
use dossier::papers::Lang;

fn twelve_meetings(c: &mut Criterion) {
    let mut fx = fixture::build();
    let long = fx.long_paper(8);
    let (en, fr, official) = (fx.en_paper, fx.fr_paper, fx.official);
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    // The fixture's 14:30 meeting has its own packet; eleven more are planned.
    fx.packet(&[(en, None), (fr, None), (long, None)]);
    for k in 0..11 {
        fx.lib
            .add_engagement(NewEngagement {
                kind: if k % 4 == 3 { EngagementKind::Call } else { EngagementKind::Meeting },
                date: day,
                time: NaiveTime::from_hms_opt(8 + k as u32 / 2, (k as u32 % 2) * 30, 0),
                place: format!("Room {}, Wellington Building, Ottawa", 200 + k),
                campaign_id: None,
                subject: format!("Hill day meeting {}", k + 1),
                notes: String::new(),
                follow_ups: String::new(),
                attendees: "Samira Haddad, Julien Marchand".into(),
                reportable: None,
                official_ids: vec![official],
                papers: vec![(en, Some(1)), (fr, Some(1)), (long, Some(1))],
                subjects: vec![],
                logged_by: "Bench".into(),
            })
            .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let opts = DayOptions {
        date: day,
        folder: out.path().join("day"),
        paper: PaperSize::Letter,
        lang: Lang::En,
        organisation: None,
        at: None,
        prepared_by: "Bench".into(),
    };
    let first = fx.lib.prepare_day(&opts).expect("the day prints");
    let bytes: u64 = std::fs::read_dir(&first.folder).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    eprintln!(
        "Hill day: {} meetings, {} pages combined, {} files, {} KB in all",
        first.meetings.len(),
        first.combined_pages,
        first.meetings.len() + 2,
        bytes / 1024
    );
    let mut group = c.benchmark_group("day");
    group.sample_size(10);
    group.bench_function("twelve_meetings", |b| b.iter(|| fx.lib.prepare_day(&opts).expect("the day prints")));
    group.finish();
}

criterion_group!(benches, twelve_meetings);
criterion_main!(benches);
