//! Turns deserialization errors into diagnostics a PM can act on: located by key path through the
//! [`KeyIndex`], with what was found, what was expected and a hint (did you mean ...?).

use super::de::DeError;
use super::index::{KeyIndex, Pos};
use super::Source;
use crate::diagnostics::Diagnostic;

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// The names between backticks in serde's "expected one of `a`, `b`" lists.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// The first backticked name in `s`.
fn first_backticked(s: &str) -> &str {
    s.split('`').nth(1).unwrap_or("")
}

fn shown(path: &str) -> String {
    if path.is_empty() {
        "the file".to_string()
    } else {
        format!("`{path}`")
    }
}

/// serde's name of an expected type, in words.
fn expected_words(e: &str) -> String {
    let e = e.trim();
    match e {
        "f64" | "f32" => "a number".to_string(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number ≥ 0".to_string(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_string(),
        "a formatted date string" => "a date as YYYY-MM-DD, e.g. 2026-01-09".to_string(),
        "a sequence" => "a list".to_string(),
        "a map" => "a mapping of keys".to_string(),
        _ if e.starts_with("struct ") => "a mapping of keys".to_string(),
        _ if e.starts_with("enum ") => "one of the allowed words".to_string(),
        _ => e.to_string(),
    }
}

/// serde's `Unexpected` value, in words.
fn found_words(f: &str) -> String {
    let f = f.trim();
    match f {
        "unit value" => "an empty value".to_string(),
        "map" => "a mapping".to_string(),
        "sequence" => "a list".to_string(),
        _ => f.replace("floating point", "number").replace("integer", "number"),
    }
}

const CHRONO: [&str; 7] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "bad or unsupported format string",
];

/// One deserialization error as a diagnostic.
pub(super) fn translate(src: Source<'_>, index: &KeyIndex, e: &DeError) -> Diagnostic {
    let path = e.path.clone().unwrap_or_default();
    let msg = e.msg.clone();
    let pos = e.pos.unwrap_or(Pos::new(1, 1));
    let at_value = pos;

    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let key = first_backticked(rest);
        let expected = backticked(rest.split_once(", expected").map_or("", |x| x.1));
        let mut d = src
            .error(
                "unknown-key",
                pos,
                if path.is_empty() {
                    format!("unknown key `{key}`")
                } else {
                    format!("unknown key `{key}` in `{path}`")
                },
            )
            .found(format!("`{key}`"));
        d = if expected.is_empty() {
            d.expected("no keys here")
        } else {
            d.expected(format!("one of {}", list(&expected)))
        };
        return match closest(key, expected.iter().copied()) {
            Some(c) => d.hint(format!("did you mean `{c}`?")),
            None => d.hint("remove the key or fix its spelling (keys are case-sensitive)"),
        };
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let word = first_backticked(rest);
        let expected = backticked(rest.split_once(", expected").map_or("", |x| x.1));
        let d = src
            .error(
                "invalid-value",
                at_value,
                format!("{} cannot be `{word}`", shown(&path)),
            )
            .found(format!("`{word}`"))
            .expected(format!("one of {}", list(&expected)));
        return match closest(word, expected.iter().copied()) {
            Some(c) => d.hint(format!("did you mean `{c}`?")),
            None => d.hint(format!("use one of {}", list(&expected))),
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let key = first_backticked(rest);
        return src
            .error(
                "missing-key",
                at_value,
                if path.is_empty() {
                    format!("missing required key `{key}`")
                } else {
                    format!("missing required key `{key}` in `{path}`")
                },
            )
            .expected(format!("a `{key}:` entry"))
            .hint(format!("add `{key}: ...` (see docs/content.md for its meaning)"));
    }
    if let Some(rest) = msg.strip_prefix("duplicate field ") {
        let key = first_backticked(rest);
        return src
            .error("duplicate-key", at_value, format!("duplicate key `{key}`"))
            .expected("each key once per mapping")
            .hint("remove one of them");
    }
    if CHRONO.contains(&msg.as_str()) {
        let found = index.scalar(&path).unwrap_or("").to_string();
        let d = src
            .error(
                "invalid-date",
                at_value,
                format!("{} is not a valid date", shown(&path)),
            )
            .found(format!("`{found}`"))
            .expected("a date as YYYY-MM-DD, e.g. 2026-01-09");
        return if msg == CHRONO[0] {
            d.hint("that day does not exist in the calendar (check month 1-12 and the days of the month)")
        } else {
            d.hint("write the date as four-digit year, month and day: YYYY-MM-DD")
        };
    }
    for (prefix, code) in [
        ("invalid type: ", "invalid-type"),
        ("invalid value: ", "invalid-value"),
        ("invalid length ", "invalid-value"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let expected = expected_words(expected);
            let mut d = src
                .error(code, at_value, format!("{} must be {expected}", shown(&path)))
                .found(found_words(found))
                .expected(expected.clone());
            if found.trim() == "unit value" {
                d = d.hint("give a value after the colon, or remove the key if it is optional");
            } else if expected == "a number" || expected.starts_with("a whole number") {
                d = d.hint("write a plain number without quotes, currency signs or thousands separators, e.g. `125000`");
            } else if expected.contains("mapping") {
                d = d.hint("indent the keys below this one by two spaces");
            } else if expected == "a list" {
                d = d.hint("write each item on its own line starting with `- `");
            }
            return d;
        }
    }
    src.error("yaml-invalid", pos, msg)
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
