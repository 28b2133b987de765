//! The JSON Schemas committed in `schemas/` (referenced by the example content for editors)
//! must be exactly what `folio schema` generates from the model.

use folio::schema::{schema, SchemaKind};

#[test]
fn committed_schemas_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for (kind, file) in [
        (SchemaKind::Portfolio, "portfolio.schema.json"),
        (SchemaKind::Project, "project.schema.json"),
        (SchemaKind::Update, "update.schema.json"),
    ] {
        let committed = std::fs::read_to_string(root.join(file)).unwrap();
        assert_eq!(
            committed,
            schema(kind),
            "schemas/{file} is stale: run `folio schema --out schemas`"
        );
    }
}
