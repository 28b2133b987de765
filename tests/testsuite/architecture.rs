//! The import graph of the workspace (docs/architecture.md): read every file's `crate::`,
//! `super::` and `folio_*::` paths in `src/` and `crates/*/src/` (test-only files and
//! `#[cfg(test)] mod` blocks left out), then fail on an import cycle between modules, or on a
//! stage importing from a later one. The crates' own boundaries are held by the compiler; the
//! last test holds the one that matters most: folio-site does not depend on folio-core.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stage of each root module: a module may import from its own stage and earlier ones.
/// The report is the contract metrics fills and every later stage reads, so it comes before
/// metrics; `wording` words the report's types (and how `portfolio.json` carries their text).
const STAGES: &[(usize, &[&str])] = &[
    (
        0,
        &[
            "diagnostics",
            "fiscal",
            "slug",
            "format",
            "markup",
            "settings",
            "term",
            "vocabulary",
        ],
    ),
    (1, &["yaml"]),
    (2, &["model"]),
    (3, &["load", "schema", "synth"]),
    (4, &["report", "wording"]),
    (5, &["metrics", "lint", "quarter_end", "scaffold", "codequality"]),
    (6, &["charts"]),
    (7, &["render"]),
    (8, &["export"]),
    (9, &["write"]),
    (10, &["driver", "status_report", "init", "serve", "cmd", "cli"]),
];

fn is_test_file(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    stem == "tests"
        || stem.starts_with("tests_")
        || stem.ends_with("_tests")
        || stem == "testkit"
        || stem == "testutil"
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rs_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !is_test_file(&path) {
            out.push(path);
        }
    }
}

/// `render::views::answer` for `src/render/views/answer.rs` (and `…/views/mod.rs` → `render::views`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without comments and without its `#[cfg(test)] mod … { … }` blocks
/// (test modules sit at the end of a file).
fn code(text: &str) -> String {
    let mut text = text;
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        let after = rest[at + "#[cfg(test)]".len()..].trim_start();
        if after.starts_with("mod ") && after.split('\n').next().is_some_and(|l| l.contains('{')) {
            let cut = text.len() - rest.len() + at;
            text = &text[..cut];
            break;
        }
        rest = &rest[at + 1..];
    }
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path after `prefix` (`crate::` or `super::`), brace groups expanded one level:
/// `crate::{load, metrics::x}` gives `load` and `metrics::x`.
fn paths_after(code: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        let head: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let head = head.trim_end_matches(':').to_string();
        let after = &rest[head.len()..].trim_start_matches(':');
        if after.starts_with('{') && (head.is_empty() || rest[head.len()..].starts_with("::")) {
            let group = &after[1..after.find('}').unwrap_or(after.len() - 1)];
            for item in group.split(',') {
                let item = item.split(" as ").next().unwrap().trim();
                if !item.is_empty() {
                    out.push(if head.is_empty() {
                        item.to_string()
                    } else {
                        format!("{head}::{item}")
                    });
                }
            }
        } else if !head.is_empty() {
            out.push(head);
        }
    }
    out
}

/// The `src/` folders of the workspace: every member crate's, then the `folio` crate's. The
/// member crates' modules share one namespace with the `folio` crate's (it re-exports them
/// under the same names), so a module the `folio` crate extends (`export`) is one module.
fn src_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("src"))
        .filter(|p| p.join("lib.rs").is_file())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 3, "the member crates: {dirs:?}");
    dirs.push(root.join("src"));
    dirs
}

/// The module graph: module → the modules it imports (not its own parent or children).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for src in src_dirs() {
        assert!(src.join("lib.rs").is_file(), "no lib.rs under {}", src.display());
        let mut files = Vec::new();
        rs_files(&src, &mut files);
        for f in files {
            let m = module_of(&src, &f);
            if m != "lib" && m != "main" {
                modules.entry(m).or_default().push(f);
            }
        }
    }
    assert!(modules.len() > 50, "only {} modules found", modules.len());
    let resolve = |path: &str| -> Option<String> {
        let segs: Vec<&str> = path.split("::").collect();
        (1..=segs.len())
            .rev()
            .map(|n| segs[..n].join("::"))
            .find(|c| modules.contains_key(c))
    };
    let mut graph = BTreeMap::new();
    for (module, files) in &modules {
        let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
        let mut refs = Vec::new();
        for file in files {
            let code = code(&std::fs::read_to_string(file).unwrap());
            for krate in ["crate::", "folio_report::", "folio_core::", "folio_site::"] {
                refs.extend(paths_after(&code, krate));
            }
            refs.extend(paths_after(&code, "super::").into_iter().map(|p| {
                if parent.is_empty() {
                    p
                } else {
                    format!("{parent}::{p}")
                }
            }));
        }
        let deps: BTreeSet<String> = refs
            .iter()
            .filter_map(|r| resolve(r))
            .filter(|d| {
                d != module
                    && !module.starts_with(&format!("{d}::"))
                    && !d.starts_with(&format!("{module}::"))
            })
            .collect();
        graph.insert(module.clone(), deps);
    }
    graph
}

/// The cycles of `graph` (its strongly connected components of more than one module).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: finishing order on the graph, then components on the reversed graph.
    fn visit<'a>(
        v: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<&'a str>,
        out: &mut Vec<&'a str>,
    ) {
        if !seen.insert(v) {
            return;
        }
        for w in g.get(v).into_iter().flatten() {
            visit(w, g, seen, out);
        }
        out.push(v);
    }
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    for v in graph.keys() {
        visit(v, graph, &mut seen, &mut order);
    }
    let mut reversed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (v, ws) in graph {
        for w in ws {
            reversed.entry(w.clone()).or_default().insert(v.clone());
        }
    }
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for v in order.into_iter().rev() {
        let mut component = Vec::new();
        visit(v, &reversed, &mut seen, &mut component);
        if component.len() > 1 {
            found.push(component.into_iter().map(str::to_string).collect());
        }
    }
    found
}

#[test]
fn modules_import_without_cycles() {
    let found = cycles(&graph());
    assert!(found.is_empty(), "import cycles between modules: {found:?}");
}

#[test]
fn no_stage_imports_from_a_later_one() {
    let stage: BTreeMap<&str, usize> = STAGES
        .iter()
        .flat_map(|(n, mods)| mods.iter().map(move |m| (*m, *n)))
        .collect();
    let root = |m: &str| m.split("::").next().unwrap().to_string();
    let mut wrong = Vec::new();
    for (module, deps) in graph() {
        let from = root(&module);
        let Some(&at) = stage.get(from.as_str()) else {
            panic!("`{from}` has no stage: add it to STAGES in this file");
        };
        for dep in deps {
            let to = root(&dep);
            let later = stage.get(to.as_str()).is_none_or(|s| *s > at);
            if to != from && later {
                wrong.push(format!("{module} → {dep}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports from a later stage: {wrong:#?}");
}

/// The reading is not vacuous: it sees the imports it must see, and a made-up cycle.
#[test]
fn the_graph_reader_sees_imports_and_cycles() {
    let g = graph();
    assert!(
        g["metrics::project"].contains("report"),
        "{:?}",
        g["metrics::project"]
    );
    assert!(g["render::views::summary"].contains("render::views::answer"));
    assert!(g["driver"].contains("load") && g["driver"].contains("write"));
    // Across crates: the model re-exports the contract's vocabulary.
    assert!(g["model"].contains("vocabulary"), "{:?}", g["model"]);
    assert_eq!(
        paths_after("use crate::{load, metrics::x as y};\nsuper::a::B", "crate::"),
        ["load", "metrics::x"]
    );
    let mut bad = g.clone();
    bad.get_mut("report").unwrap().insert("metrics::project".into());
    assert!(!cycles(&bad).is_empty(), "a made-up cycle is found");
}

/// The compiler holds the flow only if the crates' dependencies do: folio-site (the views) does
/// not depend on folio-core (the content model), and folio-report (the contract) on neither.
#[test]
fn crate_dependencies_run_one_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates");
    let deps = |krate: &str| -> Vec<String> {
        let text = std::fs::read_to_string(root.join(krate).join("Cargo.toml")).unwrap();
        text.lines()
            .filter_map(|l| l.split(['.', ' ', '=']).next())
            .filter(|name| name.starts_with("folio"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(deps("folio-site"), ["folio-report"]);
    assert_eq!(deps("folio-core"), ["folio-report"]);
    assert!(deps("folio-report").is_empty(), "{:?}", deps("folio-report"));
}
