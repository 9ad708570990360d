//! Library settings from the command line: listed, read, set, cleared, and
//! unknown keys refused without a write.

use serde_json::Value;

use crate::util::{dossier_err, dossier_ok, snapshot, TempLibrary};

#[test]
fn settings_are_listed_read_set_and_cleared() {
    let t = TempLibrary::new();
    let root = t.root();
    let listed: Value = serde_json::from_str(&dossier_ok(&root, &["settings", "--json"])).unwrap();
    assert_eq!(listed, serde_json::json!({ "organisation": null, "registrant": null, "registry_numbers": null }), "a new library has none set");

    let out = dossier_ok(&root, &["settings", "set", "registrant", "  Samira Khoury "]);
    assert_eq!(out.trim(), "registrant is now “Samira Khoury”");
    assert_eq!(dossier_ok(&root, &["settings", "get", "registrant"]), "Samira Khoury\n", "trimmed, printed bare for scripts");
    assert_eq!(dossier_ok(&root, &["settings", "get", "organisation"]), "", "an unset value prints nothing");

    let table = dossier_ok(&root, &["settings"]);
    let value_of = |key: &str| table.lines().find(|l| l.starts_with(key)).map(|l| l[key.len()..].trim_start().to_owned());
    assert!(table.starts_with("KEY"), "{table}");
    assert!(value_of("registrant ").is_some_and(|v| v.starts_with("Samira Khoury")), "{table}");
    assert!(value_of("organisation ").is_some_and(|v| v.starts_with("(not set)")), "{table}");

    let cleared: Value = serde_json::from_str(&dossier_ok(&root, &["settings", "set", "registrant", "", "--json"])).unwrap();
    assert_eq!(cleared, serde_json::json!({ "key": "registrant", "value": null }));
    assert_eq!(t.lib.settings().unwrap().registrant, None);
}

#[test]
fn an_unknown_key_or_a_multi_line_value_is_refused_and_nothing_is_written() {
    let t = TempLibrary::new();
    let root = t.root();
    let before = snapshot(&root);
    let err = dossier_err(&root, &["settings", "set", "registrar", "X"]);
    assert_eq!(err.trim(), "error: unknown setting `registrar`: the settings are organisation, registrant, registry-numbers");
    let err = dossier_err(&root, &["settings", "get", "colour"]);
    assert!(err.contains("unknown setting `colour`"), "{err}");
    let err = dossier_err(&root, &["settings", "set", "organisation", "Line one\nLine two"]);
    assert!(err.contains("must be one line"), "{err}");
    assert_eq!(snapshot(&root), before, "refusals wrote nothing");
}

#[test]
fn the_sample_library_names_its_organisation_and_registrant() {
    let mut t = TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).unwrap();
    let s = t.lib.settings().unwrap();
    assert_eq!(s.registrant.as_deref(), Some("Samira Khoury"), "the executive director files the reports");
    assert!(s.organisation.is_some_and(|o| !o.is_empty()));
}
