//! Slugs: the one rule that turns a value into a URL folder name or an HTML id part
//! ([`slug`]), and the allocator that gives each distinct value of a set its own slug
//! ([`unique_slugs`]), so "Pat Lee" and "pat_lee" never share a page.

use std::collections::{BTreeMap, BTreeSet};

/// Lower-case letters and digits (any script: "Müller" stays "müller", distinct from
/// "muller"), every run of other characters one `-`, none at either end. Empty when the text
/// has no letter or digit. Different values can share a slug ("Pat Lee", "PAT LEE"); where
/// each value needs its own, use [`unique_slugs`].
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-').len();
    out.truncate(trimmed);
    out
}

/// The slug of a value without letters or digits ("." or "—").
pub const EMPTY_SLUG: &str = "none";

/// A distinct slug for each key, from its natural slug (`(key, natural)` pairs; an empty
/// natural slug counts as [`EMPTY_SLUG`]). Deterministic: among keys sharing a natural slug, the
/// smallest key keeps it; the others, in key order, get the first free `<slug>-2`, `<slug>-3`, …
/// that is no other key's natural slug either. So a value keeps its slug when values with other
/// slugs come and go.
pub fn unique_slugs<K: Ord + Clone>(pairs: impl IntoIterator<Item = (K, String)>) -> BTreeMap<K, String> {
    let natural: BTreeMap<K, String> = pairs
        .into_iter()
        .map(|(k, s)| {
            let s = if s.is_empty() { EMPTY_SLUG.to_string() } else { s };
            (k, s)
        })
        .collect();
    // First pass: the smallest key of each natural slug claims it.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut out: BTreeMap<K, String> = BTreeMap::new();
    for (k, s) in &natural {
        if taken.insert(s.clone()) {
            out.insert(k.clone(), s.clone());
        }
    }
    // Second pass: the others, in key order, get the first free numbered form.
    for (k, s) in &natural {
        if out.contains_key(k) {
            continue;
        }
        let free = (2..)
            .map(|n| format!("{s}-{n}"))
            .find(|c| !taken.contains(c))
            .expect("an unbounded range has a free number");
        taken.insert(free.clone());
        out.insert(k.clone(), free);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_folder_names() {
        assert_eq!(slug("Mei Lin Tan"), "mei-lin-tan");
        assert_eq!(slug("Hannah Müller"), "hannah-müller");
        assert_eq!(slug("  EMEA / UK "), "emea-uk");
        assert_eq!(slug("---"), "");
        assert_eq!(slug("latest-"), "latest");
    }

    #[test]
    fn colliding_values_get_numbered_slugs_in_value_order() {
        let values = ["Pat Lee", "Pat-Lee", "PAT LEE", "pat_lee", ".", "None", "Ann"];
        let got = unique_slugs(values.iter().map(|v| (*v, slug(v))));
        let want = [
            ("PAT LEE", "pat-lee"),
            ("Pat Lee", "pat-lee-2"),
            ("Pat-Lee", "pat-lee-3"),
            ("pat_lee", "pat-lee-4"),
            (".", "none"),
            ("None", "none-2"),
            ("Ann", "ann"),
        ];
        for (v, s) in want {
            assert_eq!(got[v], s, "{v}");
        }
        let distinct: BTreeSet<&String> = got.values().collect();
        assert_eq!(distinct.len(), values.len());
    }

    #[test]
    fn a_value_whose_slug_looks_numbered_keeps_it() {
        // "pat-lee-2" is a real value: the second "pat-lee" skips that slug.
        let values = ["pat lee", "Pat Lee", "pat-lee-2"];
        let got = unique_slugs(values.iter().map(|v| (*v, slug(v))));
        assert_eq!(got["Pat Lee"], "pat-lee");
        assert_eq!(got["pat-lee-2"], "pat-lee-2");
        assert_eq!(got["pat lee"], "pat-lee-3");
    }
}
