//! Stepping over a deserialization problem so the rest of a file is read too: the node at
//! fault is replaced in a copy of the tree by a placeholder of the expected type (a missing
//! key gets one), and the text is deserialized again. Problems inside a placeholder are its
//! own, never reported.

use std::collections::HashMap;

use super::de::{DeError, ErrorKind};
use super::tree::{Key, Kind, Node};

/// How often one placeholder is changed before giving up on the file.
const MAX_TRIES: u8 = 4;

/// The placeholders put into a tree, by key path.
#[derive(Default)]
pub(super) struct Placeholders {
    tries: HashMap<String, u8>,
}

/// Whether `path` is `base` or lies below it.
fn within(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        && (!base.is_empty() || path.is_empty())
}

impl Placeholders {
    /// Whether `e` is about a placeholder (and so not the author's problem).
    pub(super) fn caused(&self, e: &DeError) -> bool {
        let path = e.path.as_deref().unwrap_or("");
        self.tries.keys().any(|p| within(path, p))
    }

    /// Changes `tree` so that deserializing it again gets past `e`; false when it cannot.
    pub(super) fn step_over(&mut self, tree: &mut Node, e: &DeError) -> bool {
        let path = e.path.clone().unwrap_or_default();
        match &e.kind {
            ErrorKind::MissingField { field } => {
                let Some(Node {
                    pos,
                    kind: Kind::Map(entries),
                }) = node_at(tree, &path)
                else {
                    return false;
                };
                let pos = *pos;
                entries.push((
                    Key {
                        text: field.to_string(),
                        pos,
                    },
                    Node {
                        pos,
                        kind: scalar("1", true),
                    },
                ));
                let key = if path.is_empty() {
                    field.to_string()
                } else {
                    format!("{path}.{field}")
                };
                self.tries.insert(key, 0);
                true
            }
            ErrorKind::UnknownField { .. } => e.pos.is_some_and(|pos| tree.remove_key_at(pos)),
            ErrorKind::DuplicateField { .. } => false,
            kind => {
                let tries = self.tries.entry(path.clone()).or_insert(0);
                *tries += 1;
                if *tries > MAX_TRIES {
                    return false;
                }
                let Some(node) = node_at(tree, &path) else {
                    return false;
                };
                let new = match kind {
                    ErrorKind::UnknownVariant { expected, .. } => match expected.first() {
                        Some(v) => scalar(v, false),
                        None => return false,
                    },
                    ErrorKind::InvalidType { expected, .. }
                    | ErrorKind::InvalidValue { expected, .. }
                    | ErrorKind::InvalidLength { expected, .. } => of_type(expected),
                    // A `Deserialize` impl's own refusal; dates are the only ones in the model.
                    _ => scalar("2000-01-01", false),
                };
                if node.kind == new {
                    return false;
                }
                node.kind = new;
                true
            }
        }
    }
}

fn scalar(text: &str, plain: bool) -> Kind {
    Kind::Scalar {
        text: text.to_string(),
        plain,
    }
}

/// A placeholder for serde's name of an expected type.
fn of_type(expected: &str) -> Kind {
    if expected.contains("sequence") || expected.contains("tuple") {
        Kind::Seq(Vec::new())
    } else if expected.starts_with("struct ") || expected.contains("map") {
        Kind::Map(Vec::new())
    } else if expected.contains("bool") {
        scalar("false", true)
    } else if expected.contains("date") {
        scalar("2000-01-01", false)
    } else {
        // Numbers, and text (any scalar reads as text).
        scalar("1", true)
    }
}

/// The node at a key path such as `risks[2].probability` (the root for `""`).
fn node_at<'a>(node: &'a mut Node, path: &str) -> Option<&'a mut Node> {
    let mut node = node;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let (i, after) = r.split_once(']')?;
            let Kind::Seq(items) = &mut node.kind else {
                return None;
            };
            node = items.get_mut(i.parse::<usize>().ok()?)?;
            rest = after;
        } else {
            let r = rest.strip_prefix('.').unwrap_or(rest);
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let (key, after) = r.split_at(end);
            let Kind::Map(entries) = &mut node.kind else {
                return None;
            };
            node = entries
                .iter_mut()
                .rev()
                .find(|(k, _)| k.text == key)
                .map(|(_, v)| v)?;
            rest = after;
        }
    }
    Some(node)
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn paths_within() {
        assert!(within("a.b", "a"));
        assert!(within("a[0]", "a"));
        assert!(within("a", "a"));
        assert!(!within("ab", "a"));
        assert!(!within("a", ""));
        assert!(within("", ""));
    }
}
