//! How long a fifty-page briefing packet takes to lay out and serialise,
//! and a paper holding a 3 MB table.
//!
//! Run with `cargo bench --bench export`. The target is ≤ 300 ms per
//! tagged packet in a release build and ≤ 700 KB per file.

#[path = "../tests/support/packet_fixture.rs"]
mod fixture;

use criterion::{criterion_group, criterion_main, Criterion};
use dossier::export::ExportOptions;

fn fifty_pages(c: &mut Criterion) {
    let mut fx = fixture::build();
    let long = fx.long_paper(60);
    let (en, fr) = (fx.en_paper, fx.fr_paper);
    let packet = fx.packet(&[(en, None), (fr, None), (long, None)]);
    let opts = ExportOptions::default();
    let first = fx.lib.export_packet_pdf(packet, &opts).expect("the packet exports");
    eprintln!("fifty-page packet: {} pages, {} bytes", first.pages, first.bytes.len());
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    group.bench_function("fifty_page_packet", |b| {
        b.iter(|| fx.lib.export_packet_pdf(packet, &opts).expect("the packet exports"))
    });
    group.finish();
}

fn three_megabyte_table(c: &mut Criterion) {
    let mut fx = fixture::build();
    let body = fixture::table_markdown(21_500);
    let size = body.len();
    let table = fx.paper_with_body("Figures", body);
    let packet = fx.packet(&[(table, None)]);
    let opts = ExportOptions::default();
    let first = fx.lib.export_packet_pdf(packet, &opts).expect("the packet exports");
    eprintln!("3 MB table ({size} bytes of Markdown): {} pages, {} bytes", first.pages, first.bytes.len());
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("three_megabyte_table", |b| b.iter(|| fx.lib.export_packet_pdf(packet, &opts).expect("the packet exports")));
    group.finish();
}

criterion_group!(benches, fifty_pages, three_megabyte_table);
criterion_main!(benches);
