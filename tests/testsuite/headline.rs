//! The whole truth on the first screen (committed and best case, what moved, who asks whom,
//! nothing stale shown as current): `folio check`'s `escalation-without-next-step` and
//! `quarter-end-update` warnings, and the example built at other as-of dates.

use std::fs;
use std::path::{Path, PathBuf};

use crate::harness::{check, fixture_copy, folio, stderr};

/// An open escalation without `next_step` is a warning at its latest mention, with the fix; the
/// check still passes. Once resolved, or given a next step, it is not.
#[test]
fn escalation_without_next_step_is_a_warning() {
    let tmp = fixture_copy("valid");
    let file = tmp.path().join("projects/acme/updates/2026-01-16.md");
    let text = fs::read_to_string(&file).unwrap();
    let without = text.replace(", next_step: Security review call with the customer CISO", "");
    assert_ne!(
        without, text,
        "the fixture's escalation has a next step to take away"
    );
    fs::write(&file, &without).unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "projects/acme/updates/2026-01-16.md:18:5: warning[escalation-without-next-step]: open escalation `esc-1` has no `next_step`"
        ),
        "{err}"
    );
    assert!(err.contains("hint: add `next_step`"), "{err}");

    fs::write(&file, without.replace("status: open}", "status: resolved}")).unwrap();
    let (_, _, err) = check(tmp.path(), &[]);
    assert!(!err.contains("escalation-without-next-step"), "{err}");
}

/// FY26-Q4 of the fixture (fiscal year from February) ends on 2026-01-31. As of 01-25 (6 days
/// left) acme (latest update 01-16) and beta (01-09) have revenue left and no update dated
/// 01-25..01-31: each is a `quarter-end-update` warning at its latest update. As of 01-17 (14
/// days left) none is.
#[test]
fn quarter_end_update_warnings() {
    let tmp = fixture_copy("valid");
    let yaml = tmp.path().join("portfolio.yaml");
    let base = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{base}as_of: 2026-01-25\n")).unwrap();
    let (code, _, err) = check(tmp.path(), &[]);
    assert_eq!(code, 0, "{err}");
    for file in [
        "projects/acme/updates/2026-01-16.md",
        "projects/beta/updates/2026-01-09.md",
    ] {
        let line = err
            .lines()
            .find(|l| l.starts_with(file) && l.contains("warning[quarter-end-update]"))
            .unwrap_or_else(|| panic!("no quarter-end-update at {file}: {err}"));
        assert!(line.contains("FY26-Q4 ends on 2026-01-31"), "{line}");
    }
    assert!(
        err.contains("expected: an update dated 2026-01-25 to 2026-01-31"),
        "{err}"
    );

    fs::write(&yaml, format!("{base}as_of: 2026-01-17\n")).unwrap();
    let (_, _, err) = check(tmp.path(), &[]);
    assert!(!err.contains("quarter-end-update"), "{err}");
}

/// The bundled example.
fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// Builds the example as of `as_of` into a temporary folder; returns it and portfolio.json.
fn build_example(as_of: &str) -> (tempfile::TempDir, serde_json::Value) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let example = example().display().to_string();
    let o = folio(
        out.path(),
        &[
            "build",
            "--content",
            &example,
            "--output",
            "site",
            "--as-of",
            as_of,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let json = serde_json::from_str(&fs::read_to_string(site.join("portfolio.json")).unwrap()).unwrap();
    (out, json)
}

/// Built as of 2027-02-15 the example's FY28-Q1 forecast is all at risk (every project is red or
/// stale by then): the verdict is never "on track" while the committed figure is below target,
/// and the summary does not say so.
#[test]
fn example_as_of_2027_02_15_is_not_on_track_below_target() {
    let (out, json) = build_example("2027-02-15");
    let q = json["portfolio"]["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["label"] == "FY28-Q1")
        .expect("FY28-Q1");
    let (committed, target) = (q["committed"].as_f64().unwrap(), q["target"].as_f64().unwrap());
    assert!(committed < target, "{q}");
    assert_ne!(q["verdict"], "on_track", "{q}");
    assert!(q["last_week"].is_object(), "{q}");
    let html = fs::read_to_string(out.path().join("site/index.html")).unwrap();
    let text = page_text(&html).to_lowercase();
    assert!(
        !text.contains("on track"),
        "the summary reads \"on track\" below target"
    );
}

/// The text a reader sees of `html` (no `<style>` or `<script>` text).
fn page_text(html: &str) -> String {
    use folio::render::html_tokens::{self, Token};
    let mut text = String::new();
    html_tokens::each(html, |t| {
        if let Token::Text {
            text: t,
            element: None,
        } = t
        {
            text.push_str(t);
        }
        true
    });
    text
}
