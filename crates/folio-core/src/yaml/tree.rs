//! The YAML document tree: nodes, mapping keys and their positions. Built by the fast scanner
//! (`fast.rs`) or the event walk (`index.rs`), deserialized by `de.rs` and searched by key path
//! through [`super::KeyIndex`].

/// A position in a YAML text: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

/// A node of a YAML document. For a block mapping, `pos` is its first key.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar's text; `plain` when unquoted (and so resolved as null, bool, number or text).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

impl Node {
    /// Removes the mapping entry whose key sits at `pos`; false when there is none.
    pub fn remove_key_at(&mut self, pos: Pos) -> bool {
        match &mut self.kind {
            Kind::Scalar { .. } => false,
            Kind::Seq(items) => items.iter_mut().any(|n| n.remove_key_at(pos)),
            Kind::Map(entries) => {
                if let Some(i) = entries.iter().position(|(k, _)| k.pos == pos) {
                    entries.remove(i);
                    true
                } else {
                    entries.iter_mut().any(|(_, v)| v.remove_key_at(pos))
                }
            }
        }
    }
}

/// A mapping key (always a scalar).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub pos: Pos,
}
