//! Turns deserialization errors into diagnostics a PM can act on: located by key path through the
//! [`KeyIndex`], with what was found, what was expected and a hint (did you mean ...?). The
//! words of a name that must be one of a list ([`one_of`], [`did_you_mean`]) serve the loader's
//! reference checks too.

use super::de::{DeError, ErrorKind};
use super::index::KeyIndex;
use super::tree::Pos;
use super::Source;
use crate::diagnostics::{closest, echo, Diagnostic};

fn shown(path: &str) -> String {
    if path.is_empty() {
        "the file".to_string()
    } else {
        format!("`{path}`")
    }
}

/// `message` about a key, followed by the mapping it is in (`path`), if any.
fn in_path(message: String, path: &str) -> String {
    if path.is_empty() {
        message
    } else {
        format!("{message} in `{path}`")
    }
}

/// An error `code` at `at`: the value at `path` (`says` what is wrong with it), found as the
/// text `found`, quoted.
fn quoting(src: Source<'_>, code: &'static str, at: Pos, path: &str, says: &str, found: &str) -> Diagnostic {
    src.error(code, at, format!("{} {says}", shown(path)))
        .found(format!("`{found}`"))
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
    let pos = e.pos.unwrap_or(Pos::new(1, 1));
    let at_value = pos;

    match &e.kind {
        ErrorKind::UnknownField { field, expected } => {
            let key = echo(field.as_str());
            let d = src
                .error("unknown-key", pos, in_path(format!("unknown key `{key}`"), &path))
                .found(format!("`{key}`"))
                .expected(one_of(expected, "no keys here"));
            did_you_mean(
                d,
                field,
                expected,
                "remove the key or fix its spelling (keys are case-sensitive)",
            )
        }
        ErrorKind::UnknownVariant { variant, expected } => {
            let shown_variant = echo(variant);
            let d = quoting(
                src,
                "invalid-value",
                at_value,
                &path,
                &format!("cannot be `{shown_variant}`"),
                &shown_variant,
            )
            .expected(format!("one of {}", list(expected)));
            did_you_mean(d, variant, expected, format!("use one of {}", list(expected)))
        }
        ErrorKind::MissingField { field: key } => src
            .error(
                "missing-key",
                at_value,
                in_path(format!("missing required key `{key}`"), &path),
            )
            .expected(format!("a `{key}:` entry"))
            .hint(format!("add `{key}: ...` (see docs/content.md for its meaning)")),
        ErrorKind::DuplicateField { field: key } => src
            .error("duplicate-key", at_value, format!("duplicate key `{key}`"))
            .expected("each key once per mapping")
            .hint("remove one of them"),
        ErrorKind::Custom if CHRONO.contains(&e.msg.as_str()) => {
            let found = echo(index.scalar(&path).unwrap_or("")).into_owned();
            let d = quoting(
                src,
                "invalid-date",
                at_value,
                &path,
                "is not a valid date",
                &found,
            )
            .expected("a date as YYYY-MM-DD, e.g. 2026-01-09");
            if e.msg == CHRONO[0] {
                d.hint("that day does not exist in the calendar (check month 1-12 and the days of the month)")
            } else {
                d.hint("write the date as four-digit year, month and day: YYYY-MM-DD")
            }
        }
        ErrorKind::Custom => src.error("yaml-invalid", pos, e.msg.clone()),
        ErrorKind::InvalidType { found, expected } => {
            wrong(src, "invalid-type", at_value, &path, found_words(found), expected)
        }
        ErrorKind::InvalidValue { found, expected } => wrong(
            src,
            "invalid-value",
            at_value,
            &path,
            found_words(found),
            expected,
        ),
        ErrorKind::InvalidLength { len, expected } => wrong(
            src,
            "invalid-value",
            at_value,
            &path,
            format!("{len} items"),
            expected,
        ),
    }
}

/// A value of the wrong type or form: what was found, what was expected, and a hint.
fn wrong(
    src: Source<'_>,
    code: &'static str,
    at: Pos,
    path: &str,
    found: String,
    expected: &str,
) -> Diagnostic {
    let expected = expected_words(expected);
    let mut d = src
        .error(code, at, format!("{} must be {expected}", shown(path)))
        .found(found.clone())
        .expected(expected.clone());
    if found == "an empty value" {
        d = d.hint("give a value after the colon, or remove the key if it is optional");
    } else if expected == "a number" || expected.starts_with("a whole number") {
        d = d.hint(
            "write a plain number without quotes, currency signs or thousands separators, e.g. `125000`",
        );
    } else if expected.contains("mapping") {
        d = d.hint("indent the keys below this one by two spaces");
    } else if expected == "a list" {
        d = d.hint("write each item on its own line starting with `- `");
    }
    d
}

/// `names` in backquotes, separated by commas.
fn list<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a name that must be one of `names` (keys, words, ids) is expected to be: "one of `a`,
/// `b`", or `none` when there are none.
pub(crate) fn one_of<S: AsRef<str>>(names: &[S], none: &str) -> String {
    if names.is_empty() {
        none.to_string()
    } else {
        format!("one of {}", list(names))
    }
}

/// `d` with a hint for an unknown `name`: the closest of `names` ("did you mean `…`?"), else
/// `otherwise`.
pub(crate) fn did_you_mean<S: AsRef<str>>(
    d: Diagnostic,
    name: &str,
    names: &[S],
    otherwise: impl Into<String>,
) -> Diagnostic {
    match closest(name, names.iter().map(|n| n.as_ref())) {
        Some(c) => d.hint(format!("did you mean `{c}`?")),
        None => d.hint(otherwise),
    }
}
