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

#[test]
fn closest_finds_typos_only() {
    let keys = ["percent_complete", "planned_percent", "actual_cost"];
    assert_eq!(closest("percent_compelte", keys), Some("percent_complete"));
    assert_eq!(closest("Actual_Cost", keys), Some("actual_cost"));
    assert_eq!(closest("colour", keys), None);
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
