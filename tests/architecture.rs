//! The core's layering, checked: the invariants ARCHITECTURE.md states about
//! which module may import which, read from the source itself.
//!
//! Every file under `src/` (but the CLI in `src/bin/`) is a node; a
//! `crate::…` or `super::…` path in its code (tests excluded) is an edge to
//! the file that path names. The checks fail with the offending edge or
//! cycle, so a newcomer sees which `use` broke which rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`search::index`) → the modules its code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let modules: BTreeMap<String, String> = files
        .iter()
        .filter(|p| !p.starts_with(src.join("bin")))
        .map(|p| (module_of(&src, p), std::fs::read_to_string(p).expect("source file reads")))
        .collect();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut edges = BTreeMap::new();
    for (module, text) in &modules {
        let code = without_tests_and_comments(text);
        let mut targets = BTreeSet::new();
        for path in paths_in(&code, module) {
            if let Some(target) = resolve(&names, &path) {
                if &target != module {
                    targets.insert(target);
                }
            }
        }
        edges.insert(module.clone(), targets);
    }
    edges
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src").with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code that runs: `#[cfg(test)]` modules and comments dropped.
fn without_tests_and_comments(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every `crate::a::b` and `super::a` path, as absolute segments, including
/// each name inside `use crate::{a, b::c}` groups.
fn paths_in(code: &str, module: &str) -> Vec<Vec<String>> {
    let parent: Vec<String> = {
        let mut p: Vec<String> = module.split("::").map(str::to_owned).collect();
        p.pop();
        p
    };
    let mut out = Vec::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    out.push(base.iter().cloned().chain(segments(item.trim())).collect());
                }
            } else {
                out.push(base.iter().cloned().chain(segments(rest)).collect());
            }
        }
    }
    out
}

fn segments(text: &str) -> Vec<String> {
    let mut segs = Vec::new();
    let mut rest = text;
    loop {
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        segs.push(rest[..end].to_owned());
        match rest[end..].strip_prefix("::") {
            Some(next) => rest = next,
            None => break,
        }
    }
    segs
}

/// The longest prefix of `path` that is a module.
fn resolve(names: &BTreeSet<String>, path: &[String]) -> Option<String> {
    (1..=path.len()).rev().map(|n| path[..n].join("::")).find(|m| names.contains(m))
}

/// A cycle through `start`, if any, as the list of modules on it.
fn cycle_from(edges: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_owned(), vec![start.to_owned()])];
    let mut seen = BTreeSet::new();
    while let Some((at, trail)) = stack.pop() {
        for next in edges.get(&at).into_iter().flatten() {
            if next == start {
                let mut cycle = trail.clone();
                cycle.push(start.to_owned());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut t = trail.clone();
                t.push(next.clone());
                stack.push((next.clone(), t));
            }
        }
    }
    None
}

fn reachable(edges: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(at) = todo.pop() {
        for next in edges.get(&at).into_iter().flatten() {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn the_module_graph_is_one_way() {
    let edges = graph();
    assert!(edges.len() > 50 && edges.contains_key("search::index"), "read the whole source tree: {:?}", edges.keys());
    for module in edges.keys() {
        if let Some(cycle) = cycle_from(&edges, module) {
            panic!("modules import each other in a circle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn leaf_modules_import_only_leaves() {
    let edges = graph();
    let allowed: &[(&str, &[&str])] = &[
        ("layout", &[]),
        ("links", &[]),
        ("vocab", &[]),
        ("message", &["vocab"]),
        ("error", &["layout", "message", "vocab"]),
        ("progress", &["error"]),
        ("files", &["error", "message"]),
        ("dates", &["error", "message"]),
    ];
    for (leaf, may) in allowed {
        let imports = edges.get(*leaf).unwrap_or_else(|| panic!("the leaf module {leaf} exists"));
        for target in imports {
            assert!(may.contains(&target.as_str()), "the leaf `{leaf}` imports `{target}`; it may import only {may:?}");
        }
    }
}

#[test]
fn nothing_below_the_library_imports_it_and_nothing_imports_the_use_cases() {
    let edges = graph();
    for below in reachable(&edges, "library") {
        assert!(
            !edges[&below].contains("library"),
            "`{below}` is below `library` (the library depends on it) yet imports it"
        );
    }
    for (module, targets) in &edges {
        // The generator lists every type that crosses IPC, the use cases' own included.
        if !module.starts_with("api") && module != "bindings" {
            assert!(!targets.contains("api") && !targets.iter().any(|t| t.starts_with("api::")), "`{module}` imports the use cases; only the faces may");
        }
    }
}
