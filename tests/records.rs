//! Campaigns, officials with roles over time, engagements and packets.

use dossier::campaigns::{CampaignFilter, NewCampaign};
use dossier::dates::parse_date;
use dossier::engagements::{EngagementFilter, EngagementKind, NewEngagement};
use dossier::officials::{Chamber, NewOfficial, NewRole};
use dossier::packets::NewPacket;
use dossier::Library;

use crate::util::{add_paper, draft, snapshot, TempLibrary};

fn d(s: &str) -> chrono::NaiveDate {
    parse_date(s, "date").unwrap()
}

fn role(title: &str, from: &str, to: Option<&str>) -> NewRole {
    NewRole {
        title: title.into(),
        branch: "House of Commons".into(),
        institution: "House of Commons".into(),
        started_on: d(from),
        ended_on: to.map(d),
    }
}

fn official(lib: &mut Library, family: &str) -> i64 {
    lib.add_official(NewOfficial {
        given_name: "Hélène".into(),
        family_name: family.into(),
        chamber: Chamber::House,
        party: "Liberal".into(),
        constituency: "Outremont".into(),
        roles: vec![role("Member of Parliament", "2008-10-14", None)],
    })
    .unwrap()
    .id
}

fn engagement(kind: EngagementKind, date: &str, officials: Vec<i64>) -> NewEngagement {
    NewEngagement {
        kind,
        notes: "Asked for a written answer.".into(),
        ..crate::util::meeting(d(date), officials, "Follow-up on humanitarian access")
    }
}

#[test]
fn an_official_keeps_roles_over_time_and_the_current_title_is_the_open_role() {
    let mut t = TempLibrary::new();
    let id = official(&mut t.lib, "Tremblay");
    let o = t
        .lib
        .add_role(
            id,
            NewRole {
                title: "Minister of Foreign Affairs".into(),
                branch: "Office of the Minister".into(),
                institution: "Global Affairs Canada".into(),
                started_on: d("2021-10-26"),
                ended_on: None,
            },
        )
        .unwrap();
    assert_eq!(o.roles.len(), 2, "the backbench role is kept");
    assert_eq!(o.title, "Minister of Foreign Affairs", "the latest open role is the title");
    assert_eq!(o.role_on("2015-05-01").unwrap().title, "Member of Parliament", "in 2015 she was an MP");
    assert_eq!(o.name, "Hélène Tremblay");

    let err = t.lib.add_role(id, role("Critic", "2020-01-01", Some("2019-01-01"))).unwrap_err();
    assert_eq!(err.code(), "invalid", "a role cannot end before it starts: {err}");
}

#[test]
fn engagements_are_reportable_by_default_only_when_oral_with_an_official() {
    let mut t = TempLibrary::new();
    let o = official(&mut t.lib, "Haddad");
    let meeting = t.lib.add_engagement(engagement(EngagementKind::Meeting, "2026-10-06", vec![o])).unwrap();
    let letter = t.lib.add_engagement(engagement(EngagementKind::Letter, "2026-10-07", vec![o])).unwrap();
    let mailing = t.lib.add_engagement(engagement(EngagementKind::Call, "2026-10-08", vec![])).unwrap();
    assert!(meeting.reportable, "a meeting with an office holder is an oral, arranged communication");
    assert!(!letter.reportable, "letters are not in the monthly report");
    assert!(!mailing.reportable, "a call with no office holder has no one to report");
    let mut forced = engagement(EngagementKind::Letter, "2026-10-09", vec![o]);
    forced.reportable = Some(true);
    assert!(t.lib.add_engagement(forced).unwrap().reportable, "an explicit flag wins");
}

#[test]
fn engagement_lists_filter_by_official_and_dates_newest_first() {
    let mut t = TempLibrary::new();
    let a = official(&mut t.lib, "Aziz");
    let b = official(&mut t.lib, "Brown");
    t.lib.add_engagement(engagement(EngagementKind::Meeting, "2009-03-02", vec![a])).unwrap();
    t.lib.add_engagement(engagement(EngagementKind::Call, "2010-06-15", vec![a, b])).unwrap();
    t.lib.add_engagement(engagement(EngagementKind::Meeting, "2011-01-20", vec![b])).unwrap();
    let with_a = t
        .lib
        .engagements(&EngagementFilter { official_id: Some(a), ..Default::default() })
        .unwrap();
    assert_eq!(with_a.iter().map(|e| e.date.as_str()).collect::<Vec<_>>(), ["2010-06-15", "2009-03-02"]);
    let in_2010 = t
        .lib
        .engagements(&EngagementFilter { from: Some(d("2010-01-01")), to: Some(d("2010-12-31")), ..Default::default() })
        .unwrap();
    assert_eq!(in_2010.len(), 1);
    assert_eq!(in_2010[0].officials.len(), 2, "both officials are listed with the call");
    let err = t.lib.engagements(&EngagementFilter { official_id: Some(99), ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), "not_found", "filtering by an unknown official is an error, not an empty list");
}

#[test]
fn an_engagement_pins_the_version_in_force_on_its_date() {
    let mut t = TempLibrary::new();
    let v1 = add_paper(&mut t.lib, "Flotilla", "First text.");
    t.lib.publish(v1.paper_id, Some(1), Some(dossier::dates::parse_moment("2010-06-01", "t").unwrap())).unwrap();
    t.lib.save_version(v1.paper_id, draft("Flotilla", "Second text.", "Later")).unwrap();
    let mut e = engagement(EngagementKind::Meeting, "2010-06-10", vec![]);
    e.papers = vec![(v1.paper_id, None)];
    let logged = t.lib.add_engagement(e).unwrap();
    assert_eq!(logged.papers[0].version, 1, "on 2010-06-10 version 1 was in force, not the later draft");
}

#[test]
fn campaigns_list_in_order_and_filter_by_year() {
    let mut t = TempLibrary::new();
    let p = add_paper(&mut t.lib, "FTA", "Text.");
    for (title, start, end) in [
        ("Free trade agreement", "2005-02-01", Some("2005-11-30")),
        ("Lebanon war", "2006-07-20", Some("2006-12-15")),
        ("Hill days", "2004-05-01", None),
    ] {
        t.lib
            .add_campaign(NewCampaign {
                title: title.into(),
                started_on: Some(d(start)),
                ended_on: end.map(d),
                tags: vec!["Trade".into()],
                paper_ids: vec![p.paper_id],
                ..Default::default()
            })
            .unwrap();
    }
    let all = t.lib.campaigns(&CampaignFilter::default()).unwrap();
    assert_eq!(all.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["Hill days", "Free trade agreement", "Lebanon war"]);
    let in_2006 = t.lib.campaigns(&CampaignFilter { from_year: Some(2006), to_year: Some(2006), tag: None }).unwrap();
    assert_eq!(
        in_2006.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(),
        ["Hill days", "Lebanon war"],
        "an ongoing campaign runs in 2006 too; the 2005 one does not"
    );
    assert_eq!(all[0].paper_ids, [p.paper_id]);
    assert_eq!(all[0].tags, ["trade"]);

    let before = snapshot(&t.root());
    let err = t
        .lib
        .add_campaign(NewCampaign {
            title: "Backwards".into(),
            started_on: Some(d("2010-05-01")),
            ended_on: Some(d("2010-01-01")),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid", "{err}");
    assert_eq!(snapshot(&t.root()), before);
}

#[test]
fn packet_items_keep_their_order_through_moves_and_removals() {
    let mut t = TempLibrary::new();
    let ids: Vec<i64> = ["A", "B", "C"].iter().map(|n| add_paper(&mut t.lib, n, "Text.").paper_id).collect();
    let packet = t
        .lib
        .create_packet(NewPacket { title: "Meeting with the critic".into(), prepared_by: "Staff".into(), ..Default::default() })
        .unwrap();
    for &id in &ids {
        t.lib.add_packet_item(packet.id, id, None).unwrap();
    }
    let p = t.lib.add_packet_item(packet.id, ids[0], Some(1)).unwrap().packet;
    assert_eq!(p.items.len(), 4);
    assert_eq!(p.items[3].pinned_version, Some(1), "an item can be pinned to a version");
    let c_item = p.items[2].id;
    let p = t.lib.move_packet_item(packet.id, c_item, 1).unwrap();
    assert_eq!(p.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(), ["C", "A", "B", "A"]);
    let p = t.lib.remove_packet_item(packet.id, p.items[1].id).unwrap();
    assert_eq!(p.items.iter().map(|i| (i.position, i.title.as_str())).collect::<Vec<_>>(), [(1, "C"), (2, "B"), (3, "A")]);
    let err = t.lib.add_packet_item(packet.id, ids[1], Some(9)).unwrap_err();
    assert_eq!(err.code(), "not_found", "pinning a version that does not exist fails: {err}");

    let first = p.items[0].id;
    let p = t.lib.pin_packet_item(packet.id, first, Some(1)).unwrap();
    assert_eq!(p.items[0].pinned_version, Some(1), "an item can be pinned after it was added");
    let p = t.lib.pin_packet_item(packet.id, first, None).unwrap();
    assert_eq!(p.items[0].pinned_version, None, "and unpinned back to the latest published version");
    let err = t.lib.pin_packet_item(packet.id, first, Some(5)).unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
}
