//! JSON Schemas of the content files (`folio schema`), generated from the model's structs.
//!
//! The loader deserializes the very same structs (`deny_unknown_fields` → the schema's
//! `additionalProperties: false`), and the constraints the loader checks by hand are declared
//! on the structs with `#[schemars(...)]` (ranges, id patterns), so schema and loader agree.
//! Rules that span fields are added here: `rate` is required for `time_and_materials`.
//!
//! The schemas use JSON Schema draft-07, the draft every YAML and JSON editor extension
//! supports (the YAML language server, VS Code).

use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{json, Value};

use crate::model::{Person, PipelineFile, PortfolioFile, ProjectFile, UpdateFrontMatter};

/// Which content file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    Portfolio,
    Project,
    Update,
    Pipeline,
    People,
}

impl SchemaKind {
    pub const ALL: [SchemaKind; 5] = [
        SchemaKind::Portfolio,
        SchemaKind::Project,
        SchemaKind::Update,
        SchemaKind::Pipeline,
        SchemaKind::People,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Portfolio => "portfolio",
            SchemaKind::Project => "project",
            SchemaKind::Update => "update",
            SchemaKind::Pipeline => "pipeline",
            SchemaKind::People => "people",
        }
    }

    /// `<kind>.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The schema's `$id`: a URN, since the schemas have no canonical web address.
    pub fn id(self) -> String {
        format!("urn:folio:schema:{}", self.name())
    }

    fn title(self) -> &'static str {
        match self {
            SchemaKind::Portfolio => "folio portfolio.yaml",
            SchemaKind::Project => "folio projects/<project-id>/project.yaml",
            SchemaKind::Update => {
                "folio status update front matter (projects/<project-id>/updates/<YYYY-MM-DD>.md)"
            }
            SchemaKind::Pipeline => "folio pipeline.yaml",
            SchemaKind::People => "folio people.yaml",
        }
    }

    fn description(self) -> &'static str {
        match self {
            SchemaKind::Portfolio => {
                "Site and portfolio settings of a folio content folder (content/portfolio.yaml)."
            }
            SchemaKind::Project => {
                "A project's definition and baseline. The project id is the folder name and must \
                 match ^[a-z0-9][a-z0-9-]{0,63}$."
            }
            SchemaKind::Update => {
                "The YAML front matter between the `---` fences of a weekly status update; the \
                 Markdown narrative follows it. The file name gives the update date."
            }
            SchemaKind::Pipeline => {
                "The sales pipeline (content/pipeline.yaml): opportunities with amount, \
                 probability and dates, weighted into the coming quarters."
            }
            SchemaKind::People => {
                "The people of the portfolio (content/people.yaml): a list of people with their \
                 capacity, aliases and targets. Names, aliases and e-mails are unique."
            }
        }
    }
}

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of one kind of content file as a JSON value.
pub fn schema_value(kind: SchemaKind) -> Value {
    let schema = match kind {
        SchemaKind::Portfolio => generate::<PortfolioFile>(),
        SchemaKind::Project => generate::<ProjectFile>(),
        SchemaKind::Update => generate::<UpdateFrontMatter>(),
        SchemaKind::Pipeline => generate::<PipelineFile>(),
        SchemaKind::People => generate::<Vec<Person>>(),
    };
    let mut value = schema.to_value();
    bound_numbers(&mut value);
    bound_dates(&mut value);
    strip_rust_formats(&mut value);
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".into(), json!(kind.id()));
        obj.insert("title".into(), json!(kind.title()));
        obj.insert("description".into(), json!(kind.description()));
        if kind == SchemaKind::Project {
            obj.insert(
                "if".into(),
                json!({ "properties": { "engagement": { "const": "time_and_materials" } },
                        "required": ["engagement"] }),
            );
            obj.insert("then".into(), json!({ "required": ["rate"] }));
        }
    }
    value
}

/// Gives every number without an upper (lower) bound the loader's limit
/// [`crate::load::MAX_AMOUNT`] (its negation), so an editor flags `actual_cost: 1e308` as
/// the loader does.
fn bound_numbers(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let is_number = match map.get("type") {
                Some(Value::String(t)) => t == "number",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "number"),
                _ => false,
            };
            if is_number {
                let max = crate::load::MAX_AMOUNT;
                if !map.contains_key("maximum") && !map.contains_key("exclusiveMaximum") {
                    map.insert("maximum".into(), json!(max as i64));
                }
                if !map.contains_key("minimum") && !map.contains_key("exclusiveMinimum") {
                    map.insert("minimum".into(), json!(-max as i64));
                }
            }
            map.values_mut().for_each(bound_numbers);
        }
        Value::Array(items) => items.iter_mut().for_each(bound_numbers),
        _ => {}
    }
}

/// What every date of the content matches: `YYYY-MM-DD` from 1970 to 2199, the loader's
/// [`crate::load::MIN_DATE`]..=[`crate::load::MAX_DATE`] (the day of the month is checked by
/// `format: date`).
pub const DATE_PATTERN: &str = "^(19[7-9][0-9]|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// Gives every `format: date` string the [`DATE_PATTERN`], so an editor flags `9999-12-31`
/// as the loader does.
fn bound_dates(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str) == Some("date") {
                map.insert("pattern".into(), json!(DATE_PATTERN));
            }
            map.values_mut().for_each(bound_dates);
        }
        Value::Array(items) => items.iter_mut().for_each(bound_dates),
        _ => {}
    }
}

/// Removes the Rust-specific `format`s schemars adds to numbers (`double`, `uint8`, ...): they
/// are not JSON Schema formats and some editors warn about them. Standard ones (`date`) stay.
fn strip_rust_formats(value: &mut Value) {
    const RUST: &[&str] = &[
        "double", "float", "int", "uint", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
        "uint64",
    ];
    match value {
        Value::Object(map) => {
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| RUST.contains(&f))
            {
                map.remove("format");
            }
            map.values_mut().for_each(strip_rust_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_rust_formats),
        _ => {}
    }
}

/// The JSON Schema of one kind of content file, pretty-printed, with a final newline.
pub fn schema(kind: SchemaKind) -> String {
    let mut s = serde_json::to_string_pretty(&schema_value(kind)).expect("a JSON value serializes");
    s.push('\n');
    s
}

/// Writes `DIR/<kind>.schema.json` for every kind (creating `DIR`); returns the paths
/// written.
pub fn write_all(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context as _;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::new();
    for kind in SchemaKind::ALL {
        let path = dir.join(kind.file_name());
        std::fs::write(&path, schema(kind)).with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
