//! GitLab Code Quality report (`folio check --format gitlab`): the diagnostics as the JSON
//! array GitLab reads from `artifacts:reports:codequality` and shows in merge requests.
//!
//! Each issue carries `description`, `check_name` (the diagnostic code), `fingerprint`,
//! `severity` and `location` (`path` relative to the repository, `lines.begin`). The
//! fingerprint is a 128-bit FNV-1a hash of code, path, message and the occurrence number of
//! that triple, so it is stable across runs and machines, does not change when a problem only
//! moves to another line, and still tells apart two identical problems in one file.

use std::path::{Component, Path};

use serde_json::{json, Value};

use crate::diagnostics::{Diagnostic, Level};

/// 128-bit FNV-1a of `bytes`, as 32 lower-case hex digits.
pub fn fnv1a_128(bytes: &[u8]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for &b in bytes {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:032x}")
}

/// `/`-separated path with `.` segments removed; an absolute path under the current directory
/// (the repository root in CI) is made relative to it.
fn normalize(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = match &cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let mut parts: Vec<String> = Vec::new();
    for c in rel.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => parts.push("..".into()),
            Component::RootDir => parts.push(String::new()),
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() && rel.has_root() {
        "/".into()
    } else {
        joined
    }
}

/// The repository-relative path of a diagnostic: content prefix joined with the
/// content-relative path (a path that is already absolute is only normalized).
pub fn repo_path(content_prefix: &Path, diag_path: &Path) -> String {
    if diag_path.is_absolute() {
        normalize(diag_path)
    } else {
        normalize(&content_prefix.join(diag_path))
    }
}

/// GitLab's severity for a diagnostic level: errors fail the build, so they are `critical`.
pub fn severity(level: Level) -> &'static str {
    match level {
        Level::Error => "critical",
        Level::Warning => "minor",
    }
}

/// The issue text: message, what was found and expected, and the hint.
pub fn description(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(found) = &d.found {
        text.push_str(&format!("; found: {found}"));
    }
    if let Some(expected) = &d.expected {
        text.push_str(&format!("; expected: {expected}"));
    }
    if let Some(hint) = &d.hint {
        text.push_str(&format!(". Hint: {hint}"));
    }
    text
}

/// The diagnostics as Code Quality issues (JSON values).
pub fn issues(diags: &[Diagnostic], content_prefix: &Path) -> Vec<Value> {
    let mut seen: std::collections::HashMap<(String, String, String), usize> = Default::default();
    diags
        .iter()
        .map(|d| {
            let path = repo_path(content_prefix, &d.path);
            let key = (d.code.to_string(), path.clone(), d.message.clone());
            let n = seen.entry(key).or_insert(0);
            *n += 1;
            let material = format!("{}\u{0}{}\u{0}{}\u{0}{}", d.code, path, d.message, n);
            json!({
                "type": "issue",
                "engine_name": "folio",
                "check_name": d.code,
                "description": description(d),
                "categories": ["Bug Risk"],
                "fingerprint": fnv1a_128(material.as_bytes()),
                "severity": severity(d.level),
                "location": { "path": path, "lines": { "begin": d.line.max(1) } },
            })
        })
        .collect()
}

/// The diagnostics as a Code Quality JSON array; `content_prefix` is the content folder as
/// seen from the repository root, prepended to each path.
pub fn gitlab_report(diags: &[Diagnostic], content_prefix: &Path) -> String {
    let mut s = serde_json::to_string_pretty(&issues(diags, content_prefix)).expect("JSON values serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_known_vectors() {
        assert_eq!(fnv1a_128(b""), "6c62272e07bb014262b821756295c58d");
        assert_eq!(fnv1a_128(b"a"), "d228cb696f1a8caf78912b704e4a8964");
    }

    #[test]
    fn paths_are_repo_relative() {
        assert_eq!(
            repo_path(Path::new("./content"), Path::new("projects/a/project.yaml")),
            "content/projects/a/project.yaml"
        );
        assert_eq!(
            repo_path(Path::new("."), Path::new("portfolio.yaml")),
            "portfolio.yaml"
        );
        assert_eq!(
            repo_path(Path::new("sub/./content/"), Path::new("./x.yaml")),
            "sub/content/x.yaml"
        );
    }

    fn diag(level: Level, code: &'static str, path: &str, line: usize, message: &str) -> Diagnostic {
        let d = match level {
            Level::Error => Diagnostic::error(code, path, line, 3, message),
            Level::Warning => Diagnostic::warning(code, path, line, 3, message),
        };
        d.hint("use `percent_complete`")
    }

    #[test]
    fn report_parses_as_code_quality_json() {
        let diags = vec![
            diag(
                Level::Error,
                "unknown-key",
                "projects/a/updates/2026-03-02.md",
                7,
                "unknown key `percent_compelte`",
            ),
            diag(
                Level::Error,
                "unknown-key",
                "projects/a/updates/2026-03-02.md",
                9,
                "unknown key `percent_compelte`",
            ),
            diag(
                Level::Warning,
                "stale",
                "projects/b/project.yaml",
                0,
                "no update for 30 days",
            ),
        ];
        let text = gitlab_report(&diags, Path::new("./content"));
        assert!(text.ends_with("]\n"));
        let v: Value = serde_json::from_str(&text).unwrap();
        let issues = v.as_array().unwrap();
        assert_eq!(issues.len(), 3);
        let first = &issues[0];
        assert_eq!(first["check_name"], "unknown-key");
        assert_eq!(first["severity"], "critical");
        assert_eq!(
            first["location"]["path"],
            "content/projects/a/updates/2026-03-02.md"
        );
        assert_eq!(first["location"]["lines"]["begin"], 7);
        let desc = first["description"].as_str().unwrap();
        assert!(desc.contains("unknown key `percent_compelte`") && desc.contains("use `percent_complete`"));
        assert_eq!(issues[2]["severity"], "minor");
        assert_eq!(
            issues[2]["location"]["lines"]["begin"], 1,
            "whole-file problems point at line 1"
        );
        // Fingerprints: hex, distinct for the two identical messages, stable across runs and
        // independent of the line a problem is on.
        let fps: Vec<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        assert!(fps
            .iter()
            .all(|f| f.len() == 32 && f.chars().all(|c| c.is_ascii_hexdigit())));
        assert_ne!(fps[0], fps[1]);
        assert_eq!(text, gitlab_report(&diags, Path::new("content")));
        let mut moved = diags.clone();
        moved[0].line = 12;
        assert_eq!(
            gitlab_report(&moved, Path::new("content")),
            text.replace("\"begin\": 7", "\"begin\": 12")
        );
        assert_eq!(gitlab_report(&[], Path::new("content")), "[]\n");
    }
}
