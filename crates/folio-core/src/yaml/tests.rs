//! Unit tests of the YAML layer: key-path index, refusals and error translation.

use std::path::Path;

use super::*;
use crate::model::{ProjectFile, UpdateFrontMatter};

fn src(text: &str) -> Source<'_> {
    Source::file(Path::new("f.yaml"), text)
}

#[test]
fn index_maps_key_paths_to_lines_and_columns() {
    let text = "title: x\nstatus:\n  overall: green\nrisks:\n  - id: r-1\n    probability: 3\n  - {id: r-2, impact: 4}\n";
    let idx = scan(src(text)).unwrap();
    assert_eq!(idx.key("title"), Pos::new(1, 1));
    assert_eq!(idx.value("title"), Pos::new(1, 8));
    assert_eq!(idx.key("status.overall"), Pos::new(3, 3));
    assert_eq!(idx.value("status.overall"), Pos::new(3, 12));
    assert_eq!(idx.key("risks[0].probability"), Pos::new(6, 5));
    assert_eq!(idx.scalar("risks[0].probability"), Some("3"));
    assert_eq!(idx.key("risks[1]"), Pos::new(7, 5));
    assert_eq!(idx.key("risks[1].impact"), Pos::new(7, 15));
    // A missing key falls back to its nearest ancestor.
    assert_eq!(idx.value("risks[1].status"), Pos::new(7, 5));
    assert_eq!(idx.value("nothing.here"), Pos::new(1, 1));
    // A block mapping's value starts at its first key.
    assert_eq!(idx.value("status"), Pos::new(3, 3));
    assert_eq!(idx.value("risks[0]"), Pos::new(5, 5));
    let idx = scan(src("# comment

name: x
"))
    .unwrap();
    assert_eq!(idx.value(""), Pos::new(3, 1));
}

#[test]
fn line_offset_shifts_file_lines() {
    let s = Source {
        path: Path::new("u.md"),
        text: "a: 1\n",
        line_offset: 1,
    };
    let d = s.error("x", Pos::new(1, 4), "m");
    assert_eq!((d.line, d.column), (2, 4));
}

#[test]
fn anchors_and_aliases_are_refused() {
    let bomb = "a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n";
    let err = scan(src(bomb)).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].code, "yaml-anchor");
    assert_eq!(err[0].line, 1);
    let err = scan(src("a: *x\n")).unwrap_err();
    assert!(err[0].code == "yaml-alias" || err[0].code == "yaml-syntax");
}

#[test]
fn deep_nesting_is_refused_without_recursion() {
    let deep = format!("a: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let err = scan(src(&deep)).unwrap_err();
    assert_eq!(err[0].code, "yaml-too-deep");
    let mut block = String::new();
    for i in 0..200 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    let err = scan(src(&block)).unwrap_err();
    assert_eq!(err[0].code, "yaml-too-deep");
    assert_eq!(err[0].line, MAX_DEPTH + 1);
    // 32 levels are fine.
    let ok = format!("a: {}1{}\n", "[".repeat(MAX_DEPTH - 1), "]".repeat(MAX_DEPTH - 1));
    assert!(scan(src(&ok)).is_ok());
}

#[test]
fn every_duplicate_key_is_reported() {
    let err = scan(src("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")).unwrap_err();
    assert_eq!(err.len(), 2);
    assert!(err.iter().all(|d| d.code == "duplicate-key"));
    assert_eq!((err[0].line, err[0].column), (4, 3));
    assert!(err[0].hint.as_deref().unwrap().contains("line 3"));
    assert_eq!(err[1].line, 5);
}

#[test]
fn second_document_is_refused() {
    let err = scan(src("a: 1\n---\nb: 2\n")).unwrap_err();
    assert_eq!(err[0].line, 2);
}

#[test]
fn decode_refuses_large_and_non_utf8() {
    let big = vec![b'a'; MAX_FILE_BYTES + 1];
    assert_eq!(decode(Path::new("x"), &big).unwrap_err().code, "file-too-large");
    let d = decode(Path::new("x"), b"ab\ncd\xFFe").unwrap_err();
    assert_eq!((d.code, d.line, d.column), ("not-utf8", 2, 3));
    assert_eq!(decode(Path::new("x"), b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
}

const UPDATE: &str = "status:\n  overall: green\npercent_compelte: 10\nactual_cost: 5\n";

#[test]
fn unknown_key_gets_did_you_mean() {
    let err = parse::<UpdateFrontMatter>(src(UPDATE)).unwrap_err();
    let d = &err[0];
    assert_eq!(d.code, "unknown-key");
    assert_eq!((d.line, d.column), (3, 1));
    assert_eq!(d.hint.as_deref(), Some("did you mean `percent_complete`?"));
    assert!(d.expected.as_deref().unwrap().contains("`actual_cost`"));
}

#[test]
fn bad_enum_value_is_named_with_choices() {
    let text = "status:\n  overall: purple\npercent_complete: 10\nactual_cost: 5\n";
    let d = &parse::<UpdateFrontMatter>(src(text)).unwrap_err()[0];
    assert_eq!(d.code, "invalid-value");
    assert_eq!((d.line, d.column), (2, 12));
    assert!(d.message.contains("status.overall"), "{d}");
    assert!(d.expected.as_deref().unwrap().contains("`amber`"));
}

#[test]
fn missing_key_bad_date_and_type_are_located() {
    let d = &parse::<UpdateFrontMatter>(src("percent_complete: 1\nactual_cost: 1\n")).unwrap_err()[0];
    assert_eq!((d.code, d.line), ("missing-key", 1));
    assert!(d.message.contains("`status`"));
    let text = "status: {overall: red}\npercent_complete: 1\nactual_cost: 1\nforecast_end: 2026-02-30\n";
    let d = &parse::<UpdateFrontMatter>(src(text)).unwrap_err()[0];
    assert_eq!((d.code, d.line, d.column), ("invalid-date", 4, 15));
    assert_eq!(d.found.as_deref(), Some("`2026-02-30`"));
    let text = "status: {overall: red}\npercent_complete: ten\nactual_cost: 1\n";
    let d = &parse::<UpdateFrontMatter>(src(text)).unwrap_err()[0];
    assert_eq!((d.code, d.line, d.column), ("invalid-type", 2, 19));
    assert_eq!(d.expected.as_deref(), Some("a number"));
}

#[test]
fn empty_text_reports_the_first_missing_key() {
    let d = &parse::<ProjectFile>(src("# nothing\n")).unwrap_err()[0];
    assert_eq!(d.code, "missing-key");
    assert_eq!(d.line, 1);
}

#[derive(Debug, serde::Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Mixed {
    text: String,
    opt: Option<f64>,
    n: f64,
    i: u8,
    flag: bool,
    targets: std::collections::BTreeMap<String, f64>,
    list: Vec<String>,
}

#[test]
fn deserializer_resolves_plain_scalars_by_the_core_schema() {
    let text = "text: 2026\nopt: ~\nn: -1.5e3\ni: 0x1F\nflag: true\ntargets: {FY27-Q1: 10, 'FY27-Q2': .5}\nlist: [a, 'b', \"c\", 1]\n";
    let (m, _) = parse::<Mixed>(src(text)).unwrap();
    assert_eq!(m.text, "2026");
    assert_eq!(m.opt, None);
    assert_eq!(m.n, -1500.0);
    assert_eq!(m.i, 31);
    assert!(m.flag);
    assert_eq!(m.targets["FY27-Q2"], 0.5);
    assert_eq!(m.list, ["a", "b", "c", "1"]);
    // A quoted number is text, not a number.
    let d = &parse::<Mixed>(src(&text.replace("n: -1.5e3", "n: '3'"))).unwrap_err()[0];
    assert_eq!((d.code, d.line, d.column), ("invalid-type", 3, 4));
    // Out of range for the target type.
    let d = &parse::<Mixed>(src(&text.replace("i: 0x1F", "i: 300"))).unwrap_err()[0];
    assert_eq!((d.code, d.line), ("invalid-value", 4));
    // An empty value where text is required.
    let d = &parse::<Mixed>(src(&text.replace("text: 2026", "text:"))).unwrap_err()[0];
    assert_eq!((d.code, d.line), ("invalid-type", 1));
    assert!(d.hint.as_deref().unwrap().contains("give a value"));
    // `.inf` is a number (the loader's range checks refuse it).
    let (m, _) = parse::<Mixed>(src(&text.replace("n: -1.5e3", "n: .inf"))).unwrap();
    assert!(m.n.is_infinite());
}

#[test]
fn tags_are_refused() {
    let err = scan(src("a: !!binary aGVsbG8=\n")).unwrap_err();
    assert_eq!(err[0].code, "yaml-tag");
}

#[test]
fn duplicates_in_large_mappings_are_found_without_quadratic_work() {
    let mut text: String = (0..20_000).map(|i| format!("k{i}: 1\n")).collect();
    text.push_str("k7: 2\nk19999: 3\n");
    let err = scan(src(&text)).unwrap_err();
    assert_eq!(err.len(), 2);
    assert_eq!(err[0].line, 20_001);
    assert!(err[1].hint.as_deref().unwrap().contains("line 20000"));
}

/// The fast path must build exactly the tree of the general pre-pass, or give up.
fn assert_same_tree(text: &str) -> bool {
    let Some(fast) = super::fast::scan(text) else {
        return false;
    };
    let slow = super::index::scan_events(src(text))
        .unwrap_or_else(|e| panic!("fast path accepted a text the general one refuses: {e:?}\n{text}"));
    assert_eq!(fast.as_ref(), slow.root(), "trees differ for:\n{text}");
    true
}

#[test]
fn fast_path_matches_the_general_pre_pass() {
    let taken = [
        "",
        "# only a comment\n\n",
        UPDATE,
        "status:\n  overall: green\n  schedule: amber\npercent_complete: 5\nactual_cost: -6000\nhours: 1.5e3\n",
        "risks:\n  - id: r-1\n    title: Change freeze — Q4 (customer's)\n    probability: 3\n  - {id: r-2, impact: 4, status: open}\nissues: []\ntags: [a, b-c,  d]\n",
        "a:\n  b:\n    c:\n      d: 1\n  e: 2\nf:\n",
        "- a\n- b: 1\n  c: 2\n- {x: 1}\n- [p, q]\n",
        "key:    spaced value\nempty:\nnext: 2026-01-09\n",
        "milestones:\n  - {id: m1, forecast: 2026-02-20}\n  - id: m2\n    done:\n",
        "revenue_targets:\n  FY27-Q1: 100000\n  FY27.Q2: 1\n",
        "x: {}\ny: []\nz: ~\n",
        "title: ü — é\nname: {a: ö, b: é}\nnon-ascii-key-falls-back: 1\n",
    ];
    for t in taken {
        assert!(assert_same_tree(t), "fast path not taken for:\n{t}");
    }
    let refused = [
        "a: 'quoted'\n",
        "a: |\n  block\n",
        "a: 1 # comment\n",
        "a: &x 1\nb: *x\n",
        "a: 1\na: 2\n",
        "a: multi\n  line\n",
        "a:\n- indentless\n",
        "a:\tb\n",
        "a: b: c\n",
        "a: {b: {c: d}}\n",
        "a: [b,\n  c]\n",
        "  a: 1\n",
        "a:\n    b: 1\n  c: 2\n",
        "- - nested\n",
        "a: -\n",
        "a: x:\n",
        "---\na: 1\n",
        "a: !!str 1\n",
        "a : 1\n",
        "a:1\n",
        "a: {b: 1,}\n",
        "a: \u{1}\n",
    ];
    for t in refused {
        assert!(
            super::fast::scan(t).is_none(),
            "fast path should give up on:\n{t}"
        );
    }
}

#[test]
fn fast_path_matches_on_every_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut stack = vec![root];
    // More content to compare on, e.g. a real portfolio: FOLIO_EXTRA_CONTENT=DIR.
    if let Ok(extra) = std::env::var("FOLIO_EXTRA_CONTENT") {
        stack.push(extra.into());
    }
    let (mut files, mut fast) = (0, 0);
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let yaml = match p.extension().and_then(|e| e.to_str()) {
                Some("yaml") => text.as_str(),
                Some("md") => match crate::load::split_front_matter(&text) {
                    Some(y) => y,
                    None => continue,
                },
                _ => continue,
            };
            files += 1;
            if assert_same_tree(yaml) {
                fast += 1;
            }
        }
    }
    assert!(files > 80, "{files}");
    eprintln!("fast path taken for {fast} of {files} files");
    assert!(
        fast * 10 > files * 8,
        "fast path taken for {fast} of {files} files"
    );
}

/// Random texts from YAML-ish pieces: the fast path either gives up or agrees with the general
/// pre-pass, and nothing panics.
#[test]
fn random_texts_never_panic_and_fast_path_agrees() {
    const PIECES: [&str; 24] = [
        "a",
        "id",
        "r-1",
        "2026-01-09",
        "5",
        "-3",
        ": ",
        ":",
        "- ",
        "\n",
        "\n  ",
        "\n    ",
        " ",
        "{",
        "}",
        "[",
        "]",
        ", ",
        "#",
        "'",
        "x y",
        "~",
        "é",
        "\n- ",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut agreed = 0;
    for _ in 0..20_000 {
        let n = (next() % 30) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        if assert_same_tree(&text) {
            agreed += 1;
        }
        let _ = parse::<UpdateFrontMatter>(src(&text));
        let _ = parse::<ProjectFile>(src(&text));
    }
    assert!(agreed > 100, "{agreed}");
}

#[test]
fn random_line_structures_agree() {
    const KEYS: [&str; 5] = ["a", "id", "status", "b-c", "x.y"];
    const VALUES: [&str; 9] = [
        "1",
        "-2.5",
        "green",
        "2026-01-09",
        "two words",
        "~",
        "{a: 1, b: x}",
        "[p, q]",
        "{}",
    ];
    let mut seed: u64 = 0x1234_5678_9ABC_DEF1;
    let mut next = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    let mut agreed = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next(8) + 1 {
            text.push_str(&" ".repeat(2 * next(4)));
            if next(3) == 0 {
                text.push_str("- ");
            }
            match next(4) {
                0 => text.push_str(VALUES[next(VALUES.len())]),
                1 => text.push_str(&format!("{}:", KEYS[next(KEYS.len())])),
                _ => text.push_str(&format!(
                    "{}: {}",
                    KEYS[next(KEYS.len())],
                    VALUES[next(VALUES.len())]
                )),
            }
            text.push('\n');
        }
        if assert_same_tree(&text) {
            agreed += 1;
        }
    }
    assert!(agreed > 300, "{agreed}");
}

#[test]
fn every_unknown_key_is_reported() {
    let text = "status:\n  overal: green\n  overall: red\npercent_compelte: 10\npercent_complete: 10\nactual_cost: 5\nrisks:\n  - {id: r-1, titel: x}\n";
    let err = parse::<UpdateFrontMatter>(src(text)).unwrap_err();
    let found: Vec<(usize, &str)> = err
        .iter()
        .map(|d| (d.line, d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            (2, "did you mean `overall`?"),
            (4, "did you mean `percent_complete`?"),
            (8, "did you mean `title`?")
        ]
    );
    // Another kind of problem does not end the report of the file.
    let text = "status: {overall: red}\npercent_complete: ten\nactual_cost: 1\nbogus: 1\n";
    assert_eq!(parse::<UpdateFrontMatter>(src(text)).unwrap_err().len(), 2);
}

#[test]
fn missing_key_wrong_type_and_wrong_enum_are_all_reported() {
    let text = "status: {overall: greenish}\npercent_complete: ten\nbogus: 1\n\
                risks:\n  - {id: r-1, probability: high}\n  - {id: r-2, status: shut}\n\
                milestones: 3\n";
    let err = parse::<UpdateFrontMatter>(src(text)).unwrap_err();
    let mut found: Vec<(usize, &str)> = err.iter().map(|d| (d.line, d.code)).collect();
    found.sort();
    assert_eq!(
        found,
        [
            (1, "invalid-value"), // overall: greenish
            (1, "missing-key"),   // actual_cost (reported at the root mapping)
            (2, "invalid-type"),  // percent_complete: ten
            (3, "unknown-key"),   // bogus
            (5, "invalid-type"),  // probability: high
            (6, "invalid-value"), // status: shut
            (7, "invalid-type"),  // milestones: 3
        ],
        "{err:#?}"
    );
    let overall = err.iter().find(|d| d.code == "invalid-value").unwrap();
    assert_eq!(
        overall.hint.as_deref(),
        Some("use one of `green`, `amber`, `red`")
    );
}

#[test]
fn unknown_keys_are_all_reported_not_capped_at_50() {
    let mut text = String::from("status: {overall: red}\npercent_complete: 1\nactual_cost: 1\n");
    for i in 0..300 {
        text.push_str(&format!("extra{i}: 1\n"));
    }
    let err = parse::<UpdateFrontMatter>(src(&text)).unwrap_err();
    assert_eq!(err.iter().filter(|d| d.code == "unknown-key").count(), 300);
}

#[test]
fn nul_byte_in_yaml_is_an_error() {
    let d = decode(Path::new("x"), b"a: 1\nrisks:\n  - id: R1\0\n  - id: R2\n").unwrap_err();
    assert_eq!(d.code, "nul-byte");
    assert_eq!((d.line, d.column), (3, 11));
}
