//! The command line as a newcomer uses it: a paper walked through add →
//! update → diff → restore → publish → show --as-of, and listings as JSON
//! with their documented field names.

use serde_json::Value;

use crate::util::{dossier, dossier_ok, TempLibrary};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[test]
fn a_paper_walks_through_its_whole_life() {
    let t = TempLibrary::new();
    let lib = t.root();
    let v1 = t.file(
        "settlements.md",
        "# Settlements and trade\n\nCanada should **label** settlement goods.\n\n- Review the agreement\n",
    );
    let out = dossier_ok(&lib, &["paper", "add", v1.to_str().unwrap(), "--tag", "trade", "--note", "First draft"]);
    assert_eq!(out.trim(), "Added paper 1, version 1: Settlements and trade");

    let v2 = t.file(
        "settlements-2.md",
        "# Settlements and trade\n\nCanada must **exclude** settlement goods.\n\n- Review the agreement\n",
    );
    let out = dossier_ok(&lib, &["paper", "update", "1", v2.to_str().unwrap(), "--note", "Stronger ask"]);
    assert_eq!(out.trim(), "Saved paper 1, version 2: Settlements and trade");

    let diff = dossier_ok(&lib, &["paper", "diff", "1", "1", "2"]);
    assert!(diff.contains("[-should-]{+must+}"), "the word diff marks the changed words: {diff}");
    assert!(diff.contains("[-label-]{+exclude+}"), "{diff}");
    assert!(diff.starts_with("Paper 1, version 1 → 2: 2 words added, 2 removed"), "{diff}");

    let out = dossier_ok(&lib, &["paper", "publish", "1", "--version", "1"]);
    assert!(out.contains("version 1 is in force"), "{out}");
    let out = dossier_ok(&lib, &["paper", "restore", "1", "1", "--note", "Board kept the softer wording"]);
    assert_eq!(out.trim(), "Restored paper 1, version 3: Settlements and trade");

    let shown = json(&dossier_ok(&lib, &["paper", "show", "1", "--version", "3", "--json"]));
    assert_eq!(shown["version"]["body"], json(&dossier_ok(&lib, &["paper", "show", "1", "--version", "1", "--json"]))["version"]["body"],
        "version 3 has version 1's text");
    assert_eq!(shown["version"]["restored_from"], 1);

    dossier_ok(&lib, &["paper", "publish", "1"]);
    let today = chrono::Utc::now().date_naive().format("%Y-%m-%d").to_string();
    let as_of = json(&dossier_ok(&lib, &["paper", "show", "1", "--as-of", &today, "--json"]));
    assert_eq!(as_of["version"]["version"], 3, "version 3 is in force today");
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).format("%Y-%m-%d").to_string();
    let err = crate::util::dossier_err(&lib, &["paper", "show", "1", "--as-of", &yesterday]);
    assert!(err.contains("published version of paper 1 on"), "nothing was in force yesterday: {err}");

    let history = json(&dossier_ok(&lib, &["paper", "history", "1", "--json"]));
    let notes: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["note"].as_str().unwrap()).collect();
    assert_eq!(notes, ["First draft", "Stronger ask", "Restored version 1: Board kept the softer wording"]);
    assert_eq!(history[0]["author"], "CLI Tester", "the author comes from DOSSIER_AUTHOR");

    let human = dossier_ok(&lib, &["paper", "show", "1"]);
    assert!(human.starts_with("# Settlements and trade"), "{human}");
    assert!(human.contains("Version      3 of 3 (in force)"), "{human}");
}

#[test]
fn listings_print_stable_json_field_names() {
    let t = TempLibrary::new();
    let lib = t.root();
    let f = t.file("p.md", "# Au-delà des deux États\n\nLes négociations sont au point mort.\n");
    dossier_ok(&lib, &["paper", "add", f.to_str().unwrap(), "--lang", "fr", "--tag", "Palestine"]);
    let papers = json(&dossier_ok(&lib, &["paper", "list", "--json"]));
    let p = &papers[0];
    for field in ["id", "title", "lang", "status", "tags", "latest_version", "version_in_force", "translation_id", "created_at", "updated_at"] {
        assert!(p.get(field).is_some(), "paper JSON has `{field}`: {p}");
    }
    assert_eq!(p["title"], "Au-delà des deux États");
    assert_eq!(p["lang"], "fr");
    assert_eq!(p["tags"], serde_json::json!(["palestine"]));

    dossier_ok(&lib, &["official", "add", "--given-name", "Samir", "--family-name", "Khalil", "--chamber", "house",
        "--party", "NDP", "--riding", "Hamilton Centre", "--title", "Member of Parliament",
        "--institution", "House of Commons", "--since", "2019-10-21"]);
    dossier_ok(&lib, &["campaign", "add", "--title", "Hill days", "--start", "2026-04-01", "--tag", "annual"]);
    let e = json(&dossier_ok(&lib, &["engagement", "add", "--kind", "meeting", "--date", "2026-10-14", "--time", "10:30",
        "--official", "1", "--campaign", "1", "--paper", "1@1", "--subject", "Two-state impasse", "--json"]));
    assert_eq!(e["reportable"], true, "a meeting with an MP is reportable by default");
    assert_eq!(e["papers"][0]["version"], 1);
    assert_eq!(e["officials"][0]["name"], "Samir Khalil");

    let officials = json(&dossier_ok(&lib, &["official", "list", "--json"]));
    for field in ["id", "given_name", "family_name", "name", "chamber", "party", "constituency", "title", "roles", "engagements"] {
        assert!(officials[0].get(field).is_some(), "official JSON has `{field}`");
    }
    let engagements = json(&dossier_ok(&lib, &["engagement", "list", "--official", "1", "--from", "2026-10-01", "--to", "2026-10-31", "--json"]));
    assert_eq!(engagements.as_array().unwrap().len(), 1);
    for field in ["id", "kind", "date", "time", "place", "campaign_id", "campaign_title", "subject", "notes", "follow_ups", "reportable", "officials", "papers"] {
        assert!(engagements[0].get(field).is_some(), "engagement JSON has `{field}`");
    }
    let campaigns = json(&dossier_ok(&lib, &["campaign", "list", "--json"]));
    assert_eq!(campaigns[0]["engagements"], 1);
    let human = dossier_ok(&lib, &["engagement", "list"]);
    assert!(human.lines().next().unwrap().starts_with("ID  DATE"), "a header row: {human}");
    assert!(human.contains("Two-state impasse"));
}

#[test]
fn packets_are_composed_from_the_command_line() {
    let t = TempLibrary::new();
    let lib = t.root();
    let f = t.file("p.md", "# Paper\n\nText.\n");
    dossier_ok(&lib, &["paper", "add", f.to_str().unwrap()]);
    dossier_ok(&lib, &["paper", "add", f.to_str().unwrap(), "--title", "Second"]);
    dossier_ok(&lib, &["packet", "create", "--title", "Visit", "--date", "2026-12-02"]);
    dossier_ok(&lib, &["packet", "add", "1", "1@1"]);
    dossier_ok(&lib, &["packet", "add", "1", "2"]);
    let moved = json(&dossier_ok(&lib, &["packet", "move", "1", "2", "1", "--json"]));
    assert_eq!(moved["items"][0]["title"], "Second");
    assert_eq!(moved["items"][1]["pinned_version"], 1);
    assert_eq!(moved["prepared_by"], "CLI Tester");
    let notes = t.file("notes.md", "## The ask\n\nMeet the families.\n");
    let shown = json(&dossier_ok(&lib, &["packet", "notes", "1", notes.to_str().unwrap(), "--json"]));
    assert!(shown["notes"].as_str().unwrap().contains("The ask"));
}

#[test]
fn adding_a_never_published_paper_to_a_packet_warns_at_once() {
    let t = TempLibrary::new();
    let lib = t.root();
    let f = t.file("p.md", "# Paper\n\nText.\n");
    dossier_ok(&lib, &["paper", "add", f.to_str().unwrap()]);
    dossier_ok(&lib, &["packet", "create", "--title", "Visit"]);
    let out = dossier(&lib, &["packet", "add", "1", "1"]);
    assert!(out.status.success(), "a warning, not a refusal");
    let (stdout, stderr) = (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
    assert!(stdout.contains("1. Paper (paper 1, latest published)"), "the packet is shown with the paper in it: {stdout}");
    assert_eq!(
        stderr,
        "warning: paper 1 “Paper” has no published version yet: packet 1 cannot be printed until you publish it \
         (`dossier paper publish 1`) or pin a version (`dossier packet add 1 1@N`)\n",
        "the warning says what to do"
    );
    let reply = json(&dossier_ok(&lib, &["packet", "add", "1", "1", "--json"]));
    assert_eq!(reply["items"].as_array().unwrap().len(), 2, "the packet's fields as before: {reply}");
    assert_eq!(reply["warnings"][0]["key"], "packet_add_unpublished", "JSON carries the warning's key: {reply}");
    assert_eq!(reply["warnings"][0]["params"]["paper"], 1);
    let pinned = dossier(&lib, &["packet", "add", "1", "1@1", "--json"]);
    assert!(pinned.stderr.is_empty(), "a pinned version is no worry: {}", String::from_utf8_lossy(&pinned.stderr));
    assert_eq!(json(&String::from_utf8(pinned.stdout).unwrap())["warnings"], serde_json::json!([]));
}
