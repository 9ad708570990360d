//! The team library: devices that exchange changes through a shared folder.
//! Each test sets up a team in a temporary folder and checks one promise of
//! `src/sync/mod.rs`.

use std::path::{Path, PathBuf};

use dossier::packets::NewPacket;
use dossier::settings::Setting;
use dossier::Library;

use crate::util::{add_paper, draft};

/// A team: a shared folder and the devices' library folders.
pub struct Team {
    pub dir: tempfile::TempDir,
    pub devices: Vec<Library>,
}

impl Team {
    /// A team of `n` devices; the first one starts it with `seed` run on
    /// its library first, the others join from the snapshot.
    pub fn new(n: usize, seed: impl FnOnce(&mut Library)) -> Team {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("shared")).unwrap();
        let mut first = Library::init(&dir.path().join("device-0")).unwrap();
        seed(&mut first);
        first.create_team(&dir.path().join("shared"), "device 0", "Person 0").unwrap();
        let mut devices = vec![first];
        for i in 1..n {
            let lib = Library::join_team(
                &dir.path().join(format!("device-{i}")),
                &dir.path().join("shared"),
                &format!("device {i}"),
                &format!("Person {i}"),
            )
            .unwrap();
            devices.push(lib);
        }
        Team { dir, devices }
    }

    pub fn shared(&self) -> PathBuf {
        self.dir.path().join("shared")
    }

    /// Every device syncs, in turn, twice round: then each has everything.
    pub fn settle(&mut self) {
        for _ in 0..2 {
            for lib in &mut self.devices {
                let report = lib.sync().unwrap();
                assert!(report.warnings.is_empty(), "{:?}", report.warnings);
            }
        }
    }

    /// Asserts every device holds the same shared tables and answers the
    /// same searches alike.
    pub fn assert_converged(&mut self) {
        let answers: Vec<Vec<(String, i64, Option<i64>)>> = self
            .devices
            .iter_mut()
            .map(|lib| {
                ["text", "paper", "version", "meeting", "d0", "o1"]
                    .iter()
                    .flat_map(|q| {
                        let mut request = dossier::search::SearchRequest::new(*q);
                        request.limit = 200;
                        lib.search(&request).unwrap().hits.into_iter().map(|h| (format!("{:?}", h.kind), h.id, h.version))
                    })
                    .collect()
            })
            .collect();
        for (i, a) in answers.iter().enumerate().skip(1) {
            assert_eq!(a, &answers[0], "device {i} answers searches as device 0 does");
        }
        let first = self.devices[0].shared_dump().unwrap();
        for (i, lib) in self.devices.iter().enumerate().skip(1) {
            let other = lib.shared_dump().unwrap();
            if other != first {
                let diff: Vec<String> = first
                    .lines()
                    .zip(other.lines())
                    .filter(|(a, b)| a != b)
                    .take(5)
                    .map(|(a, b)| format!("device 0: {a}\ndevice {i}: {b}"))
                    .collect();
                panic!("device {i} differs from device 0:\n{}", diff.join("\n"));
            }
        }
    }
}

fn change_files(shared: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let changes = shared.join("dossier-team").join("changes");
    for dev in std::fs::read_dir(changes).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(dev.path()).into_iter().flatten().flatten() {
            out.push(f.path());
        }
    }
    out.sort();
    out
}

#[test]
fn a_joining_device_gets_everything_and_ids_made_offline_never_collide() {
    let mut team = Team::new(3, |lib| {
        add_paper(lib, "Before the team", "Written while the library was alone.");
    });
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 1, "the snapshot holds the first paper");
    // Offline, each device adds papers: their ids must differ.
    let mut made = Vec::new();
    for (i, lib) in team.devices.iter_mut().enumerate() {
        for k in 0..3 {
            made.push(add_paper(lib, &format!("Device {i} paper {k}"), "Offline text.").paper_id);
        }
    }
    let mut unique = made.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), made.len(), "ids made offline on different devices never meet: {made:?}");
    assert!(made.iter().all(|&id| id < 100), "ids stay short: {made:?}");
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        assert_eq!(lib.papers(&Default::default()).unwrap().len(), 10);
    }
}

#[test]
fn two_people_saving_the_same_paper_offline_both_keep_their_text() {
    let mut team = Team::new(2, |lib| {
        add_paper(lib, "Housing", "First text.");
    });
    let paper = team.devices[0].papers(&Default::default()).unwrap()[0].id;
    team.devices[0].save_version(paper, draft("Housing", "Amira's text.", "")).unwrap();
    team.devices[1].save_version(paper, draft("Housing", "Luc's text.", "")).unwrap();
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        let history = lib.history(paper).unwrap();
        assert_eq!(history.len(), 3, "both versions are in the history");
        let bodies: Vec<String> = (1..=3).map(|n| lib.version(paper, n).unwrap().body).collect();
        assert!(bodies.contains(&"Amira's text.".to_owned()) && bodies.contains(&"Luc's text.".to_owned()));
        assert!(lib.paper(paper).unwrap().edited_in_parallel, "the paper says: edited in parallel — compare");
    }
    // Someone compares and saves a version that settles it.
    team.devices[1].save_version(paper, draft("Housing", "Both texts, merged.", "")).unwrap();
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        assert!(!lib.paper(paper).unwrap().edited_in_parallel, "a version saved after both settles it");
        assert_eq!(lib.latest_version(paper).unwrap().body, "Both texts, merged.");
    }
}

#[test]
fn a_packet_pinned_to_a_version_keeps_that_text_when_versions_are_renumbered() {
    let mut team = Team::new(2, |lib| {
        add_paper(lib, "Transit", "One.");
    });
    let paper = team.devices[0].papers(&Default::default()).unwrap()[0].id;
    // Device 1 saves first (earlier clock) but device 0 pins its own version 2.
    team.devices[1].save_version(paper, draft("Transit", "Device one's two.", "")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    team.devices[0].save_version(paper, draft("Transit", "Device zero's two.", "")).unwrap();
    let packet = team.devices[0]
        .create_packet(NewPacket { title: "Hill day".into(), official_id: None, engagement_id: None, meeting_on: None, prepared_by: String::new() })
        .unwrap();
    team.devices[0].add_packet_item(packet.id, paper, Some(2)).unwrap();
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        let item = &lib.packet(packet.id).unwrap().items[0];
        let pinned = lib.version(paper, item.pinned_version.unwrap()).unwrap();
        assert_eq!(pinned.body, "Device zero's two.", "the pin follows its version, whatever its number now");
    }
}

#[test]
fn the_last_writer_wins_per_field_and_the_value_that_lost_can_be_brought_back() {
    let mut team = Team::new(2, |_| {});
    team.devices[0].set_setting(Setting::Organisation, "Old Name").unwrap();
    team.settle();
    team.devices[0].set_setting(Setting::Organisation, "Name from zero").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    team.devices[1].set_setting(Setting::Organisation, "Name from one").unwrap();
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        assert_eq!(lib.setting(Setting::Organisation).unwrap().as_deref(), Some("Name from one"), "the later change wins");
    }
    let lost = team.devices[0].conflicts(false).unwrap();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].value.as_deref(), Some("Name from zero"));
    assert_eq!(lost[0].current.as_deref(), Some("Name from one"), "the list shows the value that won too");
    assert_eq!(lost[0].field, "value");
    let kept = team.devices[0].keep_conflict(lost[0].id).unwrap();
    assert!(kept.kept_at.is_some());
    assert!(team.devices[0].conflicts(false).unwrap().is_empty());
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        assert_eq!(lib.setting(Setting::Organisation).unwrap().as_deref(), Some("Name from zero"), "brought back everywhere");
    }
}

#[test]
fn an_item_moved_on_one_device_while_removed_on_another_is_removed_and_the_move_kept_aside() {
    let mut team = Team::new(2, |lib| {
        let a = add_paper(lib, "A", "a").paper_id;
        let b = add_paper(lib, "B", "b").paper_id;
        let p = lib
            .create_packet(NewPacket { title: "P".into(), official_id: None, engagement_id: None, meeting_on: None, prepared_by: String::new() })
            .unwrap();
        lib.add_packet_item(p.id, a, None).unwrap();
        lib.add_packet_item(p.id, b, None).unwrap();
    });
    let packet = team.devices[0].packets().unwrap()[0].clone();
    let first = packet.items[0].id;
    team.devices[0].remove_packet_item(packet.id, first).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    team.devices[1].move_packet_item(packet.id, first, 2).unwrap();
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        let items = lib.packet(packet.id).unwrap().items;
        assert_eq!(items.len(), 1, "the removal wins");
        assert_eq!(items[0].title, "B");
    }
    let kept = team.devices[1].conflicts(false).unwrap();
    assert!(kept.iter().any(|c| c.reason == "removed" && c.table == "packet_items"), "{kept:?}");
}

#[test]
fn stray_half_written_and_conflicted_copy_files_never_stop_or_double_a_sync() {
    let mut team = Team::new(2, |_| {});
    add_paper(&mut team.devices[0], "One", "1");
    team.devices[0].sync().unwrap();
    let files = change_files(&team.shared());
    assert_eq!(files.len(), 1);
    let original = files[0].clone();
    let dir = original.parent().unwrap().to_owned();
    // What sync clients and people leave in a folder.
    std::fs::copy(&original, dir.join("00000001 (laptop's conflicted copy 2026-11-29).changes")).unwrap();
    std::fs::write(dir.join("notes.txt"), "garbage").unwrap();
    std::fs::write(team.shared().join("dossier-team").join("changes").join("README"), "x").unwrap();
    // The next file arrives cut in half, as a sync client delivers it.
    add_paper(&mut team.devices[0], "Two", "2");
    team.devices[0].sync().unwrap();
    let second = dir.join("00000002.changes");
    let whole = std::fs::read(&second).unwrap();
    std::fs::write(&second, &whole[..whole.len() / 2]).unwrap();
    let report = team.devices[1].sync().unwrap();
    assert_eq!(report.files_applied, 1, "the whole file is applied, the cut one waits");
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 1);
    // The rest arrives.
    std::fs::write(&second, &whole).unwrap();
    let report = team.devices[1].sync().unwrap();
    assert_eq!((report.files_applied, report.warnings.len()), (1, 0));
    let again = team.devices[1].sync().unwrap();
    assert_eq!(again.files_applied, 0, "nothing is applied twice");
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 2);
    team.settle();
    team.assert_converged();
}

#[test]
fn a_vanished_folder_fails_clearly_and_the_changes_wait_for_it() {
    let mut team = Team::new(2, |_| {});
    add_paper(&mut team.devices[0], "Waits", "text");
    let shared = team.shared();
    let moved = team.dir.path().join("unplugged");
    std::fs::rename(&shared, &moved).unwrap();
    let err = team.devices[0].sync().unwrap_err();
    assert_eq!(err.code(), "sync");
    let status = team.devices[0].sync_status().unwrap();
    assert!(!status.reachable);
    assert_eq!(status.waiting_out, 1, "the change waits in the library");
    std::fs::rename(&moved, &shared).unwrap();
    team.settle();
    team.assert_converged();
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 1);
}

#[test]
fn a_file_from_a_newer_dossier_waits_with_a_message_and_the_others_go_on() {
    let mut team = Team::new(3, |_| {});
    add_paper(&mut team.devices[0], "Newer", "text");
    team.devices[0].sync().unwrap();
    add_paper(&mut team.devices[2], "Current", "text");
    team.devices[2].sync().unwrap();
    // Rewrite device 0's file as if a later schema wrote it.
    let path = change_files(&team.shared())
        .into_iter()
        .find(|p| p.to_string_lossy().contains(&team.devices[0].sync_status().unwrap().device))
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let first = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let second = first + bytes[first..].iter().position(|&b| b == b'\n').unwrap();
    let header = String::from_utf8(bytes[first..second].to_vec()).unwrap().replacen(&format!("\"schema\":{}", dossier::SCHEMA_VERSION), "\"schema\":99", 1);
    let newer = [&bytes[..first], header.as_bytes(), &bytes[second..]].concat();
    std::fs::write(&path, newer).unwrap();
    let report = team.devices[1].sync().unwrap();
    assert_eq!(report.files_applied, 1, "device 2's file is applied");
    assert!(report.warnings.iter().any(|w| matches!(w, dossier::Message::SyncNewerFormat { schema: 99, .. })), "{:?}", report.warnings);
}

/// A seeded random mix of writes on several devices, offline spells, syncs
/// in random orders, folder faults and an adversary that writes hostile
/// files into the folder; at the end every device holds the same library,
/// every acknowledged write is there, or lost to a later change and shown
/// in a conflicts list, and nothing the adversary wrote was applied.
mod simulation {
    use std::collections::{BTreeMap, BTreeSet};

    use dossier::packets::NewPacket;
    use dossier::settings::Setting;
    use dossier::vocab::Status;

    use super::Team;
    use crate::util::draft;

    /// xorshift64*: small, seeded, the same on every machine.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// What the test knows was acknowledged.
    #[derive(Default)]
    struct Oracle {
        papers: BTreeSet<String>,
        versions: BTreeSet<String>,
        packets: BTreeSet<String>,
        /// Field → every value written, with the writes each device knew of
        /// when it wrote (those it overwrote knowingly).
        fields: BTreeMap<String, Vec<Write>>,
        removed_items: BTreeSet<(i64, i64)>,
        added_items: Vec<(i64, i64, String)>,
    }

    struct Write {
        value: String,
        id: usize,
        /// Writes this one replaced knowingly.
        overwrote: BTreeSet<usize>,
    }

    /// Which writes each device has seen (its own, and those synced to it).
    struct Knowledge {
        seen: Vec<BTreeSet<usize>>,
        /// Writes made but not yet written to the folder, per device.
        unsent: Vec<BTreeSet<usize>>,
        published: BTreeSet<usize>,
    }

    /// What a run went through, to show it was not idle.
    #[derive(Debug, Default)]
    pub struct Stats {
        pub syncs: usize,
        pub files_applied: i64,
        pub conflicts: usize,
        pub faults: usize,
        /// Hostile files written, and how many the devices quarantined.
        pub attacks: usize,
        pub quarantined: usize,
        /// The shared folder's size at the end, and how many files it holds.
        pub folder_bytes: u64,
        pub folder_files: usize,
    }

    pub fn run(seed: u64, devices: usize, operations: usize) -> Stats {
        let mut stats = Stats::default();
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut team = Team::new(devices, |_| {});
        let mut oracle = Oracle::default();
        let mut know = Knowledge { seen: vec![BTreeSet::new(); devices], unsent: vec![BTreeSet::new(); devices], published: BTreeSet::new() };
        let mut next_write = 0usize;
        let mut offline = vec![false; devices];
        let mut hidden: Option<(std::path::PathBuf, std::path::PathBuf)> = None;
        let mut cut: Option<(std::path::PathBuf, Vec<u8>)> = None;
        let mut evil_seq: BTreeMap<String, i64> = BTreeMap::new();
        for step in 0..operations {
            let d = rng.below(devices);
            let marker = format!("s{seed}o{step}d{d}");
            let lib = &mut team.devices[d];
            let papers = lib.papers(&Default::default()).unwrap();
            let packets = lib.packets().unwrap();
            let mut lww = |oracle: &mut Oracle, know: &mut Knowledge, field: String, value: String| {
                let overwrote: BTreeSet<usize> = know.seen[d]
                    .iter()
                    .copied()
                    .filter(|w| oracle.fields.get(&field).is_some_and(|ws| ws.iter().any(|x| x.id == *w)))
                    .collect();
                oracle.fields.entry(field).or_default().push(Write { value, id: next_write, overwrote });
                know.seen[d].insert(next_write);
                know.unsent[d].insert(next_write);
                next_write += 1;
            };
            match rng.below(17) {
                0 | 1 => {
                    lib.add_paper(dossier::papers::NewPaper { lang: dossier::vocab::Lang::En, tags: vec![], draft: draft(&marker, &marker, "") })
                        .unwrap();
                    oracle.papers.insert(marker);
                }
                2..=4 if !papers.is_empty() => {
                    let p = &papers[rng.below(papers.len())];
                    lib.save_version(p.id, draft(&p.title, &marker, "")).unwrap();
                    oracle.versions.insert(marker);
                }
                5 if !papers.is_empty() => {
                    let p = &papers[rng.below(papers.len())];
                    let status = if rng.below(2) == 0 { Status::Archived } else { Status::Draft };
                    // Setting the status a paper already has changes nothing.
                    if p.status != status && lib.set_status(p.id, status).is_ok() {
                        lww(&mut oracle, &mut know, format!("status {}", p.id), status.as_str().to_owned());
                    }
                }
                6 => {
                    lib.set_setting(Setting::Organisation, &marker).unwrap();
                    lww(&mut oracle, &mut know, "organisation".into(), marker);
                }
                7 => {
                    lib.create_packet(NewPacket { title: marker.clone(), official_id: None, engagement_id: None, meeting_on: None, prepared_by: String::new() })
                        .unwrap();
                    oracle.packets.insert(marker);
                }
                // An archived paper cannot go in a packet.
                8 if !packets.is_empty() && papers.iter().any(|p| p.status != Status::Archived) => {
                    let k = &packets[rng.below(packets.len())];
                    let open: Vec<_> = papers.iter().filter(|p| p.status != Status::Archived).collect();
                    let p = open[rng.below(open.len())];
                    let before: BTreeSet<i64> = lib.packet(k.id).unwrap().items.iter().map(|i| i.id).collect();
                    let after = lib.add_packet_item(k.id, p.id, None).unwrap().packet;
                    let item = after.items.iter().map(|i| i.id).find(|i| !before.contains(i)).unwrap();
                    oracle.added_items.push((k.id, item, marker));
                }
                9 if !packets.is_empty() => {
                    let k = &packets[rng.below(packets.len())];
                    if !k.items.is_empty() {
                        let item = k.items[rng.below(k.items.len())].id;
                        lib.remove_packet_item(k.id, item).unwrap();
                        oracle.removed_items.insert((k.id, item));
                    }
                }
                10 if !packets.is_empty() => {
                    let k = &packets[rng.below(packets.len())];
                    if !k.items.is_empty() {
                        let item = k.items[rng.below(k.items.len())].id;
                        lib.move_packet_item(k.id, item, 1 + rng.below(k.items.len()) as i64).unwrap();
                    }
                }
                11 if !packets.is_empty() => {
                    let k = &packets[rng.below(packets.len())];
                    lib.set_packet_notes(k.id, &marker).unwrap();
                    lww(&mut oracle, &mut know, format!("notes {}", k.id), marker);
                }
                12 => offline[d] = !offline[d],
                13 => {
                    stats.faults += 1;
                    // A fault: one file cut in half, another device's folder
                    // late, or a stray copy and garbage; each undone later.
                    let files = super::change_files(&team.shared());
                    match rng.below(3) {
                        0 if cut.is_none() && !files.is_empty() => {
                            let f = files[rng.below(files.len())].clone();
                            let whole = std::fs::read(&f).unwrap();
                            std::fs::write(&f, &whole[..whole.len() / 2]).unwrap();
                            cut = Some((f, whole));
                        }
                        1 if hidden.is_none() && !files.is_empty() => {
                            let dir = files[rng.below(files.len())].parent().unwrap().to_owned();
                            let away = team.dir.path().join(format!("late-{step}"));
                            std::fs::rename(&dir, &away).unwrap();
                            hidden = Some((dir, away));
                        }
                        _ if !files.is_empty() => {
                            let f = &files[rng.below(files.len())];
                            let copy = f.with_file_name(format!("{} (conflicted copy).changes", step));
                            std::fs::copy(f, copy).unwrap();
                            std::fs::write(f.with_file_name(format!("junk-{step}")), b"not a change file").unwrap();
                        }
                        _ => {}
                    }
                }
                14 => {
                    if let Some((dir, away)) = hidden.take() {
                        if dir.exists() {
                            // The device wrote new files meanwhile: put the late ones back beside them.
                            for f in std::fs::read_dir(&away).unwrap().flatten() {
                                std::fs::rename(f.path(), dir.join(f.file_name())).unwrap();
                            }
                        } else {
                            std::fs::rename(away, dir).unwrap();
                        }
                    }
                    // After the late folder is back, where a cut file may lie.
                    if let Some((f, whole)) = cut.take() {
                        std::fs::write(f, whole).unwrap();
                    }
                }
                16 => {
                    stats.attacks += 1;
                    adversary(&team, &mut rng, &mut evil_seq, step);
                }
                _ if !offline[d] => stats.files_applied += sync_one(&mut team, d, &mut know),
                _ => {}
            }
        }
        if let Some((dir, away)) = hidden.take() {
            std::fs::create_dir_all(&dir).unwrap();
            for f in std::fs::read_dir(&away).unwrap().flatten() {
                std::fs::rename(f.path(), dir.join(f.file_name())).unwrap();
            }
        }
        if let Some((f, whole)) = cut.take() {
            std::fs::write(f, whole).unwrap();
        }
        for _ in 0..3 {
            for d in 0..devices {
                stats.files_applied += sync_one(&mut team, d, &mut know);
            }
        }
        team.assert_converged();
        check(&team, &oracle);
        untouched(&team);
        stats.quarantined = team.devices.iter().map(|lib| lib.sync_status().unwrap().quarantined.len()).sum();
        stats.syncs = operations / 16 + 3 * devices;
        stats.conflicts = team.devices.iter().map(|lib| lib.conflicts(true).unwrap().len()).sum();
        let mut stack = vec![team.shared()];
        while let Some(p) = stack.pop() {
            for e in std::fs::read_dir(&p).unwrap().flatten() {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    stats.folder_bytes += e.metadata().unwrap().len();
                    stats.folder_files += 1;
                }
            }
        }
        stats
    }

    /// Writes one hostile file into the folder, from a device that never
    /// joined: a header lying about its entries, a file cut short, one
    /// claiming a huge length, a value of the wrong type, a row whose
    /// parent does not exist, a clock far in the future, a version removed.
    /// Every row it would add has an id from 800000 and a body starting
    /// `adversary`, for [`untouched`] to look for.
    fn adversary(team: &Team, rng: &mut Rng, evil_seq: &mut BTreeMap<String, i64>, step: usize) {
        use crate::sync_attacks::{changeset, clock, db_of, forge, now_millis, place};
        use rusqlite::types::Value;
        let db = db_of(team, 0);
        let id = 800_000 + step as i64;
        let body = Value::Text(format!("adversary {step}"));
        let kind = rng.below(7);
        // A file cut short waits for the rest forever: each from a device of its own.
        let device = if kind == 1 { format!("{:016x}", 0xef00_0000u64 + step as u64) } else { format!("{:016x}", 0xee00u64 + rng.below(3) as u64) };
        let seq = {
            let next = evil_seq.entry(device.clone()).or_insert(0);
            *next += 1;
            *next
        };
        let version = |paper: i64, title: Value| {
            changeset(&db, "paper_versions", false, 0, &[("id", Value::Integer(id)), ("paper_id", Value::Integer(paper)), ("title", title), ("body", body.clone()), ("parent_id", Value::Null), ("restored_from", Value::Null)])
        };
        let real_paper = || {
            let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            conn.query_row("SELECT min(id) FROM papers", [], |r| r.get::<_, Option<i64>>(0)).unwrap().unwrap_or(1)
        };
        let now = clock(now_millis(), &device);
        let bytes = match kind {
            0 => forge(&device, seq, &[(now, version(real_paper(), Value::Text("t".into())))], Some(1 << 40)),
            1 => {
                let whole = forge(&device, seq, &[(now, version(real_paper(), Value::Text("t".into())))], None);
                whole[..whole.len() * (1 + rng.below(9)) / 10].to_vec()
            }
            2 => {
                let whole = forge(&device, seq, &[(now, version(real_paper(), Value::Text("t".into())))], None);
                let text = String::from_utf8_lossy(&whole).into_owned();
                let at = text.find("\"length\":").unwrap();
                let end = at + text[at..].find(',').unwrap();
                [text[..at].as_bytes(), b"\"length\":1099511627776", &whole[end..]].concat()
            }
            3 => forge(&device, seq, &[(now, version(real_paper(), Value::Blob(vec![0xfe; 16])))], None),
            4 => forge(&device, seq, &[(now, version(888_888, Value::Text("t".into())))], None),
            5 => forge(&device, seq, &[(format!("9999999999999999-9999-{device}"), version(real_paper(), Value::Text("t".into())))], None),
            _ => {
                let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
                let victim: Option<(i64, i64)> = conn.query_row("SELECT id, paper_id FROM paper_versions ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).ok();
                let (vid, pid) = victim.unwrap_or((1, 1));
                let removal = changeset(&db, "paper_versions", true, 0, &[("id", Value::Integer(vid)), ("paper_id", Value::Integer(pid))]);
                forge(&device, seq, &[(now, removal)], None)
            }
        };
        place(&team.shared(), &device, seq, &bytes);
    }

    /// Nothing the adversary wrote is in any device's library.
    fn untouched(team: &Team) {
        for i in 0..team.devices.len() {
            let conn = rusqlite::Connection::open_with_flags(crate::sync_attacks::db_of(team, i), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
            let hostile: i64 = conn
                .query_row(
                    "SELECT (SELECT count(*) FROM paper_versions WHERE id >= 800000 OR body LIKE 'adversary%' OR typeof(title) <> 'text')
                          + (SELECT count(*) FROM papers WHERE id >= 800000)",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(hostile, 0, "device {i}: nothing the adversary wrote was applied");
        }
    }

    fn sync_one(team: &mut Team, d: usize, know: &mut Knowledge) -> i64 {
        // A sync may find a file still arriving; it never fails for that.
        let report = team.devices[d].sync().expect("sync");
        let sent: Vec<usize> = know.unsent[d].iter().copied().collect();
        know.published.extend(sent);
        know.unsent[d].clear();
        let published = know.published.clone();
        know.seen[d].extend(published);
        report.files_applied
    }

    fn check(team: &Team, oracle: &Oracle) {
        for (i, lib) in team.devices.iter().enumerate() {
            let papers = lib.papers(&Default::default()).unwrap();
            let titles: Vec<String> = papers.iter().map(|p| lib.history(p.id).unwrap()[0].title.clone()).collect();
            let unique: BTreeSet<String> = titles.iter().cloned().collect();
            assert_eq!(unique.len(), titles.len(), "device {i}: no paper doubled");
            assert_eq!(unique, oracle.papers, "device {i}: every paper made is there");
            let mut bodies = BTreeSet::new();
            let mut count = 0;
            for p in &papers {
                for v in lib.history(p.id).unwrap() {
                    bodies.insert(lib.version(p.id, v.version).unwrap().body);
                    count += 1;
                }
            }
            assert_eq!(count, oracle.papers.len() + oracle.versions.len(), "device {i}: no version lost or doubled");
            assert!(oracle.versions.is_subset(&bodies), "device {i}: every version saved is there");
            let packets: BTreeSet<String> = lib.packets().unwrap().into_iter().map(|k| k.title).collect();
            assert_eq!(packets, oracle.packets, "device {i}: packets");
            for (packet, item, marker) in &oracle.added_items {
                let present = lib.packet(*packet).unwrap().items.iter().any(|it| it.id == *item);
                let removed = oracle.removed_items.contains(&(*packet, *item));
                assert!(present != removed, "device {i}: item {item} ({marker}) is there unless removed");
            }
        }
        // Each value written to a field is the final one, or was replaced by
        // someone who had seen it, or shows in a device's conflicts list.
        let lost: BTreeSet<String> = team
            .devices
            .iter()
            .flat_map(|lib| lib.conflicts(true).unwrap())
            .filter_map(|c| c.value)
            .collect();
        let lib = &team.devices[0];
        for (field, writes) in &oracle.fields {
            let last = if field == "organisation" {
                lib.setting(Setting::Organisation).unwrap().unwrap_or_default()
            } else if let Some(id) = field.strip_prefix("notes ") {
                lib.packet(id.parse().unwrap()).unwrap().notes
            } else {
                let id: i64 = field.strip_prefix("status ").unwrap().parse().unwrap();
                lib.paper(id).unwrap().status.as_str().to_owned()
            };
            assert!(writes.iter().any(|w| w.value == last) || field.starts_with("status"), "{field}: {last} was written");
            for w in writes {
                let replaced_knowingly = writes.iter().any(|x| x.overwrote.contains(&w.id));
                assert!(
                    w.value == last || replaced_knowingly || lost.contains(&w.value),
                    "{field}: the value {} was lost without a trace",
                    w.value
                );
            }
        }
    }
}

#[test]
fn a_seeded_team_of_devices_converges_and_loses_no_acknowledged_write() {
    let mut applied = 0;
    let mut conflicts = 0;
    let mut quarantined = 0;
    for seed in 1..=3 {
        let stats = simulation::run(seed, 3 + (seed as usize % 3), 150);
        applied += stats.files_applied;
        conflicts += stats.conflicts;
        quarantined += stats.quarantined;
    }
    assert!(applied > 20 && conflicts > 0, "the runs exchanged files ({applied}) and met conflicts ({conflicts})");
    assert!(quarantined > 0, "the adversary's files were met and set aside");
}

/// The long run the README gives: `DOSSIER_SYNC_OPS=10000 cargo test --release
/// --test tests -- --ignored a_long_simulation --nocapture`.
#[test]
#[ignore]
fn a_long_simulation() {
    let ops: usize = std::env::var("DOSSIER_SYNC_OPS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let seed: u64 = std::env::var("DOSSIER_SYNC_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(7);
    let started = std::time::Instant::now();
    let stats = simulation::run(seed, 5, ops);
    println!(
        "{ops} operations on 5 devices, seed {seed}: {} files applied, {} conflicts kept, {} faults, {} hostile files ({} quarantined over all devices, none applied); converged, 0 acknowledged writes lost ({:.1} s); shared folder {} files, {:.1} MB",
        stats.files_applied,
        stats.conflicts,
        stats.faults,
        stats.attacks,
        stats.quarantined,
        started.elapsed().as_secs_f64(),
        stats.folder_files,
        stats.folder_bytes as f64 / 1_048_576.0
    );
}

#[test]
fn a_public_copy_holds_no_byte_of_drafts_notes_or_engagements_and_opens_read_only() {
    use chrono::NaiveDate;
    use dossier::campaigns::NewCampaign;
    use dossier::engagements::NewEngagement;
    use dossier::officials::{NewOfficial, NewRole};
    use dossier::vocab::{Chamber, EngagementKind};

    const MARK: &str = "zqxsecretmarker";
    let t = crate::util::TempLibrary::new();
    let root = t.root();
    let mut lib = t.lib;
    let published = add_paper(&mut lib, "Public position", "What we say in public.").paper_id;
    lib.publish(published, None, None).unwrap();
    lib.save_version(published, draft("Public position", &format!("A draft with {MARK} in it."), &format!("note {MARK}"))).unwrap();
    add_paper(&mut lib, &format!("Draft only {MARK}"), "Never published.");
    let official = lib
        .add_official(NewOfficial {
            given_name: "Ana".into(),
            family_name: format!("Official{MARK}"),
            chamber: Chamber::House,
            party: String::new(),
            constituency: String::new(),
            roles: vec![NewRole { title: "MP".into(), branch: String::new(), institution: String::new(), started_on: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), ended_on: None }],
        })
        .unwrap()
        .id;
    lib.add_engagement(NewEngagement {
        kind: EngagementKind::Meeting,
        date: NaiveDate::from_ymd_opt(2024, 5, 3).unwrap(),
        time: None,
        place: String::new(),
        campaign_id: None,
        subject: "Housing".into(),
        notes: format!("Confidential: {MARK}"),
        follow_ups: String::new(),
        attendees: String::new(),
        reportable: None,
        official_ids: vec![official],
        papers: vec![],
        subjects: vec![],
        logged_by: "Test Staff".into(),
    })
    .unwrap();
    lib.add_campaign(NewCampaign {
        title: "Affordable housing".into(),
        started_on: NaiveDate::from_ymd_opt(2019, 1, 1),
        ended_on: None,
        summary: "Public summary.".into(),
        description: format!("Internal strategy {MARK}"),
        outcome: String::new(),
        tags: vec![],
        paper_ids: vec![published],
    })
    .unwrap();
    let packet = lib
        .create_packet(NewPacket { title: "Hill day".into(), official_id: None, engagement_id: None, meeting_on: None, prepared_by: String::new() })
        .unwrap();
    lib.set_packet_notes(packet.id, &format!("Talking points {MARK}")).unwrap();
    lib.set_setting(Setting::Organisation, "Open Org").unwrap();
    lib.set_setting(Setting::Registrant, &format!("Registrant {MARK}")).unwrap();
    assert!(lib.search(&dossier::search::SearchRequest::new(MARK)).unwrap().hits.len() >= 2, "the marker is searchable in the library");

    let dir = t.dir.path().join("public");
    let copy = lib.public_copy(&dir).unwrap();
    assert_eq!((copy.papers, copy.versions, copy.campaigns), (1, 1, 1));
    // Refreshing replaces it whole.
    lib.public_copy(&dir).unwrap();
    let mut files = vec![dir.clone()];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().flatten().map(|e| e.path()));
        } else {
            let bytes = std::fs::read(&path).unwrap();
            assert!(!bytes.windows(MARK.len()).any(|w| w.eq_ignore_ascii_case(MARK.as_bytes())), "{} holds the marker", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 3, "the database and the index files were checked ({checked} files)");

    let mut public = Library::open(&dir).unwrap();
    assert!(public.is_read_only() && public.is_public_copy().unwrap());
    let hits = public.search(&dossier::search::SearchRequest::new("public")).unwrap().hits;
    assert!(!hits.is_empty(), "volunteers can search it");
    assert_eq!(public.latest_version(published).unwrap().body, "What we say in public.");
    assert_eq!(public.setting(Setting::Organisation).unwrap().as_deref(), Some("Open Org"));
    let err = public.set_setting(Setting::Organisation, "x").unwrap_err();
    assert_eq!(err.code(), "read_only");
    // A library that is not a public copy is never written over.
    let err = lib.public_copy(&root).unwrap_err();
    assert_eq!(err.code(), "conflict");
}

#[test]
fn every_devices_meetings_reach_the_monthly_report_with_who_logged_them() {
    use chrono::NaiveDate;
    use dossier::engagements::NewEngagement;
    use dossier::officials::{NewOfficial, NewRole};
    use dossier::vocab::Chamber;

    let mut team = Team::new(3, |lib| {
        lib.add_official(NewOfficial {
            given_name: "Ana".into(),
            family_name: "Tremblay".into(),
            chamber: Chamber::House,
            party: String::new(),
            constituency: String::new(),
            roles: vec![NewRole { title: "Member of Parliament".into(), branch: String::new(), institution: "House of Commons".into(), started_on: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), ended_on: None }],
        })
        .unwrap();
    });
    let official = team.devices[0].officials().unwrap()[0].id;
    for (i, lib) in team.devices.iter_mut().enumerate() {
        let date = NaiveDate::from_ymd_opt(2026, 10, 5 + i as u32).unwrap();
        lib.add_engagement(NewEngagement {
            logged_by: format!("Person {i}"),
            ..crate::util::meeting(date, vec![official], &format!("Meeting logged on device {i}"))
        })
        .unwrap();
    }
    team.settle();
    team.assert_converged();
    let report = team.devices[0].lobbying_report("2026-10".parse().unwrap(), NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).unwrap();
    let logged: Vec<&str> = report.rows.iter().map(|r| r.logged_by.as_str()).collect();
    assert_eq!(report.rows.len(), 3, "one row per device's meeting");
    for i in 0..3 {
        assert!(logged.contains(&format!("Person {i}").as_str()), "{logged:?}");
    }
    let e = team.devices[2].engagements(&Default::default()).unwrap();
    assert!(e.iter().any(|e| e.logged_by == "Person 0" && e.subject == "Meeting logged on device 0"));
}

/// `dossier sync` killed (SIGKILL) at random moments, while writing its
/// changes out and while applying another device's: the next sync
/// completes, and nothing is applied twice or lost.
#[test]
fn a_sync_killed_at_any_moment_is_completed_by_the_next_and_applies_nothing_twice() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use crate::util::dossier_ok;

    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    dossier_ok(&a, &["init"]);
    dossier_ok(&a, &["sync", "setup", shared.to_str().unwrap(), "--device", "laptop a"]);
    dossier_ok(&b, &["sync", "setup", shared.to_str().unwrap(), "--device", "laptop b"]);
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let mut expected = 0;
    let mut seed = 0x5eed_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let killed_sync = |library: &std::path::Path, delay: Duration| -> bool {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--library")
            .arg(library)
            .arg("sync")
            .env("DOSSIER_AUTHOR", "Killer")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while started.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                return false;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill();
        let _ = child.wait();
        running
    };
    let mut kills = 0;
    for round in 0..4 {
        // Forty papers on device a, one write each.
        for k in 0..40 {
            std::fs::write(docs.join(format!("r{round}-{k}.md")), format!("# Round {round} paper {k}\n\nText {round} {k}.\n")).unwrap();
        }
        dossier_ok(&a, &["import", docs.to_str().unwrap(), "--lang", "en"]);
        for f in std::fs::read_dir(&docs).unwrap().flatten() {
            std::fs::remove_file(f.path()).unwrap();
        }
        expected += 40;
        // Device a's sync killed while it writes its file out, then device b's
        // while it applies it; each run again until one finishes.
        for library in [&a, &b] {
            for _ in 0..8 {
                let delay = Duration::from_micros(next() % 25_000);
                if killed_sync(library, delay) {
                    kills += 1;
                    dossier_ok(library, &["check"]);
                }
            }
            dossier_ok(library, &["sync"]);
        }
        let listed = dossier_ok(&b, &["paper", "list", "--json"]);
        let papers: Vec<serde_json::Value> = serde_json::from_str(&listed).unwrap();
        assert_eq!(papers.len(), expected, "round {round}: every paper arrived once");
    }
    assert!(kills >= 10, "the syncs were killed while running ({kills} times)");
    println!("{kills} syncs killed while running");
    let (la, lb) = (Library::open(&a).unwrap(), Library::open(&b).unwrap());
    assert_eq!(la.shared_dump().unwrap(), lb.shared_dump().unwrap());
}

#[test]
fn a_library_from_an_older_dossier_upgrades_in_place_and_becomes_the_first_device() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1/library.sqlite");
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::copy(&fixture, old.join("library.sqlite")).unwrap();
    std::fs::create_dir_all(dir.path().join("shared")).unwrap();
    let mut first = Library::open(&old).unwrap();
    assert!(
        std::fs::read_dir(old.join("backups")).unwrap().flatten().any(|e| e.file_name().to_string_lossy().starts_with("before-schema-")),
        "the usual backup before the upgrade"
    );
    let fr = first.papers(&Default::default()).unwrap().into_iter().find(|p| p.lang.as_str() == "fr").unwrap();
    assert!(!fr.edited_in_parallel, "an old history reads as one line");
    first.create_team(&dir.path().join("shared"), "office", "Person").unwrap();
    let mut second = Library::join_team(&dir.path().join("second"), &dir.path().join("shared"), "home", "Person").unwrap();
    assert_eq!(second.shared_dump().unwrap(), first.shared_dump().unwrap(), "the new device holds the old library whole");
    assert_eq!(second.paper(fr.id).unwrap().version_in_force, Some(2));
    // Both go on writing; new ids follow each device's slot.
    let a = add_paper(&mut first, "After the upgrade", "x").paper_id;
    let b = add_paper(&mut second, "On the second device", "y").paper_id;
    assert_ne!(a, b);
    first.sync().unwrap();
    second.sync().unwrap();
    first.sync().unwrap();
    assert_eq!(second.shared_dump().unwrap(), first.shared_dump().unwrap());
}

#[test]
fn a_paper_edited_on_one_device_while_archived_on_another_keeps_the_version_and_stays_archived() {
    use dossier::vocab::Status;
    let mut team = Team::new(2, |lib| {
        let p = add_paper(lib, "Water rights", "First.").paper_id;
        lib.publish(p, None, None).unwrap();
    });
    let paper = team.devices[0].papers(&Default::default()).unwrap()[0].id;
    team.devices[0].set_status(paper, Status::Archived).unwrap();
    team.devices[1].save_version(paper, draft("Water rights", "Edited while it was being archived.", "")).unwrap();
    team.settle();
    team.assert_converged();
    for lib in &team.devices {
        assert_eq!(lib.paper(paper).unwrap().status, Status::Archived, "archiving is a field: it stays");
        assert_eq!(lib.latest_version(paper).unwrap().body, "Edited while it was being archived.", "the edit is a version: it lands");
    }
}

#[test]
fn a_change_file_that_cannot_be_written_leaves_the_changes_waiting_and_the_next_sync_sends_them_once() {
    let mut team = Team::new(2, |_| {});
    add_paper(&mut team.devices[0], "Blocked", "text");
    let device = team.devices[0].sync_status().unwrap().device;
    // A file occupies the name of this device's folder of change files, so
    // the write fails (as a full disk or a locked folder would make it).
    let dir = team.shared().join("dossier-team").join("changes").join(&device);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    std::fs::write(&dir, b"in the way").unwrap();
    let err = team.devices[0].sync().unwrap_err();
    assert!(["io", "disk_full"].contains(&err.code()), "{err}");
    assert_eq!(team.devices[0].sync_status().unwrap().waiting_out, 1, "the change still waits");
    std::fs::remove_file(&dir).unwrap();
    add_paper(&mut team.devices[0], "After", "text");
    team.settle();
    team.assert_converged();
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 2, "both papers, once each");
}

#[test]
fn a_device_that_leaves_keeps_its_library_and_no_longer_counts_in_the_team() {
    let mut team = Team::new(2, |_| {});
    add_paper(&mut team.devices[1], "Written before leaving", "text");
    let status = team.devices[1].leave_team().unwrap();
    assert!(!status.in_team);
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 1, "the library stays whole");
    assert_eq!(team.devices[1].sync().unwrap_err().code(), "sync", "no more syncing");
    team.devices[0].sync().unwrap();
    assert_eq!(team.devices[0].papers(&Default::default()).unwrap().len(), 1, "its last changes reached the team");
    let members = team.devices[0].sync_status().unwrap().devices;
    assert_eq!(members.len(), 1, "{members:?}");
    // A new device still joins (on a slot never held, while there is one).
    let joined = Library::join_team(&team.dir.path().join("device-new"), &team.shared(), "new", "New").unwrap();
    assert_eq!(joined.papers(&Default::default()).unwrap().len(), 1);
}
