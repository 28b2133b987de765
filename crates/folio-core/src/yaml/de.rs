//! A serde `Deserializer` over the document tree built by the pre-pass, so every YAML text is
//! parsed once. Plain scalars are resolved by the YAML 1.2 core schema (null, bool, int,
//! float, else text); quoted and block scalars are text. Every error carries the position and
//! key path of the node it is about.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::tree::{Key, Kind, Node, Pos};

/// What went wrong, as serde reports it through the structured constructors of
/// [`de::Error`] (so nothing downstream parses serde's English messages).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum ErrorKind {
    /// A key the struct does not have; `expected` are the keys it has.
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    /// A required key is absent from the mapping at the error's path.
    MissingField {
        field: &'static str,
    },
    /// A node of the wrong kind: `found` and `expected` in serde's words (`string "x"`, `f64`).
    InvalidType {
        found: String,
        expected: String,
    },
    /// A node of the right kind with a wrong value.
    InvalidValue {
        found: String,
        expected: String,
    },
    /// A list or tuple of the wrong length.
    InvalidLength {
        len: usize,
        expected: String,
    },
    /// A word that is not one of an enum's `expected` variants.
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    DuplicateField {
        field: &'static str,
    },
    /// Anything else (a `Deserialize` impl's own message, e.g. chrono's date errors).
    Custom,
}

/// A deserialization error, located at the node it is about.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DeError {
    pub kind: ErrorKind,
    /// The message in serde's words, for display, e.g. "unknown field `x`, expected `a`".
    pub msg: String,
    pub pos: Option<Pos>,
    /// Key path of the node (for a key: of the mapping holding it).
    pub path: Option<String>,
}

impl DeError {
    fn new(kind: ErrorKind, msg: String) -> Self {
        DeError {
            kind,
            msg,
            pos: None,
            path: None,
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(ErrorKind::Custom, msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(
            ErrorKind::InvalidType {
                found: unexp.to_string(),
                expected: exp.to_string(),
            },
            format!("invalid type: {unexp}, expected {exp}"),
        )
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(
            ErrorKind::InvalidValue {
                found: unexp.to_string(),
                expected: exp.to_string(),
            },
            format!("invalid value: {unexp}, expected {exp}"),
        )
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError::new(
            ErrorKind::InvalidLength {
                len,
                expected: exp.to_string(),
            },
            format!("invalid length {len}, expected {exp}"),
        )
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(
            ErrorKind::UnknownVariant {
                variant: variant.to_string(),
                expected,
            },
            format!("unknown variant `{variant}`, expected one of {expected:?}"),
        )
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(
            ErrorKind::UnknownField {
                field: field.to_string(),
                expected,
            },
            format!("unknown field `{field}`, expected one of {expected:?}"),
        )
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(
            ErrorKind::MissingField { field },
            format!("missing field `{field}`"),
        )
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(
            ErrorKind::DuplicateField { field },
            format!("duplicate field `{field}`"),
        )
    }
}

/// A key path kept on the stack while descending, rendered only for an error.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(&Path::Root, k) => (*k).to_string(),
            Path::Key(p, k) => format!("{}.{k}", p.render()),
            Path::Index(p, i) => format!("{}[{i}]", p.render()),
        }
    }
}

/// Deserializes `T` from a document's root node. Keys a struct does not have are skipped and
/// returned as [`ErrorKind::UnknownField`] errors, all of them in one pass.
pub(super) fn from_node<T: de::DeserializeOwned>(node: &Node) -> (Result<T, DeError>, Vec<DeError>) {
    let unknown = std::cell::RefCell::new(Vec::new());
    let r = T::deserialize(NodeDe {
        node,
        path: &Path::Root,
        unknown: &unknown,
    });
    (r, unknown.into_inner())
}

struct NodeDe<'a> {
    node: &'a Node,
    path: &'a Path<'a>,
    /// Unknown keys found so far.
    unknown: &'a std::cell::RefCell<Vec<DeError>>,
}

impl NodeDe<'_> {
    /// Gives an error without a location this node's.
    fn locate(&self, mut e: DeError) -> DeError {
        if e.pos.is_none() {
            e.pos = Some(self.node.pos);
            e.path = Some(self.path.render());
        }
        e
    }
}

/// A plain scalar resolved by the YAML 1.2 core schema.
enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text,
}

fn resolve(s: &str) -> Plain {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Plain::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Plain::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    let b = s.as_bytes();
    let digits = |x: &[u8]| !x.is_empty() && x.iter().all(u8::is_ascii_digit);
    let unsigned = b.strip_prefix(b"-").or_else(|| b.strip_prefix(b"+")).unwrap_or(b);
    if digits(unsigned) {
        if let Ok(i) = s.parse::<i64>() {
            return Plain::Int(i);
        }
        if let Ok(u) = s.trim_start_matches('+').parse::<u64>() {
            return Plain::Uint(u);
        }
        return s.parse().map_or(Plain::Text, Plain::Float);
    }
    if let Some(h) = s.strip_prefix("0x") {
        return i64::from_str_radix(h, 16).map_or(Plain::Text, Plain::Int);
    }
    if let Some(o) = s.strip_prefix("0o") {
        return i64::from_str_radix(o, 8).map_or(Plain::Text, Plain::Int);
    }
    // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let (mant, exp) = match unsigned.iter().position(|c| *c == b'e' || *c == b'E') {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let mant_ok = match mant.iter().position(|c| *c == b'.') {
        Some(i) => {
            let (int, frac) = (&mant[..i], &mant[i + 1..]);
            (digits(int) && (frac.is_empty() || digits(frac))) || (int.is_empty() && digits(frac))
        }
        None => digits(mant),
    };
    let exp_ok =
        exp.is_none_or(|e| digits(e.strip_prefix(b"-").or_else(|| e.strip_prefix(b"+")).unwrap_or(e)));
    if mant_ok && exp_ok {
        if let Ok(f) = s.parse::<f64>() {
            return Plain::Float(f);
        }
    }
    Plain::Text
}

fn is_null(node: &Node) -> bool {
    matches!(&node.kind, Kind::Scalar { text, plain: true } if matches!(resolve(text), Plain::Null))
}

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            Kind::Scalar { text, plain: false } => visitor.visit_str(text),
            Kind::Scalar { text, plain: true } => match resolve(text) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Int(i) => visitor.visit_i64(i),
                Plain::Uint(u) => visitor.visit_u64(u),
                Plain::Float(f) => visitor.visit_f64(f),
                Plain::Text => visitor.visit_str(text),
            },
            Kind::Seq(items) => visitor.visit_seq(SeqAcc {
                items: items.iter().enumerate(),
                path: self.path,
                unknown: self.unknown,
            }),
            Kind::Map(entries) => visitor.visit_map(MapAcc {
                entries: entries.iter(),
                fields: None,
                value: None,
                path: self.path,
                unknown: self.unknown,
            }),
        };
        r.map_err(|e| self.locate(e))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            // Text wanted: any scalar but null is its text (`name: 2026` is the text "2026").
            Kind::Scalar { text, .. } if !is_null(self.node) => {
                visitor.visit_str(text).map_err(|e| self.locate(e))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if is_null(self.node) {
            visitor.visit_none().map_err(|e| self.locate(e))
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Scalar { text, .. } if !is_null(self.node) => {
                let d: StrDeserializer<'_, DeError> = text.as_str().into_deserializer();
                visitor.visit_enum(d).map_err(|e| self.locate(e))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            Kind::Map(entries) => visitor
                .visit_map(MapAcc {
                    entries: entries.iter(),
                    fields: Some(fields),
                    value: None,
                    path: self.path,
                    unknown: self.unknown,
                })
                .map_err(|e| self.locate(e)),
            _ => self.deserialize_any(visitor),
        }
    }

    // Everything else is read as the node is (unit and tuple structs too).
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char bytes byte_buf unit unit_struct seq tuple
        tuple_struct map identifier
    }
}

struct SeqAcc<'a, I> {
    items: I,
    path: &'a Path<'a>,
    unknown: &'a std::cell::RefCell<Vec<DeError>>,
}

impl<'de, 'a, I: Iterator<Item = (usize, &'a Node)>> de::SeqAccess<'de> for SeqAcc<'a, I> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some((i, node)) => {
                let path = Path::Index(self.path, i);
                seed.deserialize(NodeDe {
                    node,
                    path: &path,
                    unknown: self.unknown,
                })
                .map(Some)
            }
        }
    }
}

struct MapAcc<'a> {
    entries: std::slice::Iter<'a, (Key, Node)>,
    /// For a struct: its keys; any other key is recorded as unknown and skipped.
    fields: Option<&'static [&'static str]>,
    value: Option<(&'a Key, &'a Node)>,
    path: &'a Path<'a>,
    unknown: &'a std::cell::RefCell<Vec<DeError>>,
}

impl<'de> de::MapAccess<'de> for MapAcc<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let (key, value) = loop {
            let Some((key, value)) = self.entries.next() else {
                return Ok(None);
            };
            match self.fields {
                Some(fields) if !fields.contains(&key.text.as_str()) => {
                    let mut e = <DeError as de::Error>::unknown_field(&key.text, fields);
                    e.pos = Some(key.pos);
                    e.path = Some(self.path.render());
                    self.unknown.borrow_mut().push(e);
                }
                _ => break (key, value),
            }
        };
        self.value = Some((key, value));
        let d: StrDeserializer<'_, DeError> = key.text.as_str().into_deserializer();
        seed.deserialize(d).map(Some).map_err(|mut e| {
            if e.pos.is_none() {
                e.pos = Some(key.pos);
                e.path = Some(self.path.render());
            }
            e
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (key, node) = self
            .value
            .take()
            .ok_or_else(|| <DeError as de::Error>::custom("value requested before its key"))?;
        let path = Path::Key(self.path, &key.text);
        seed.deserialize(NodeDe {
            node,
            path: &path,
            unknown: self.unknown,
        })
    }
}
