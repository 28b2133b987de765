//! The exports of a site: folio-site's report exports ([`folio_site::export`], re-exported
//! here) plus the content JSON Schemas under `schemas/` ([`crate::schema`], a function of the
//! content model, which folio-site cannot see), so editors can point at the published site.

pub use folio_site::export::*;

use crate::report::Report;
use crate::schema::SchemaKind;

/// Every export as (path relative to the output root, bytes): the report's, then the schemas.
pub fn export_all(report: &Report, base_url: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut files = folio_site::export::export_all(report, base_url)?;
    for kind in SchemaKind::ALL {
        files.push((
            format!("schemas/{}", kind.file_name()),
            crate::schema::schema(kind).into_bytes(),
        ));
    }
    Ok(files)
}

/// The paths of the files [`export_all`] writes, known without computing them (`folio serve`
/// computes the exports only when one of them is asked for).
pub fn file_names() -> Vec<String> {
    let mut names = folio_site::export::file_names();
    names.extend(
        SchemaKind::ALL
            .iter()
            .map(|k| format!("schemas/{}", k.file_name())),
    );
    names
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_are_the_files_export_all_writes() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let loaded = crate::load::load(&content).expect("bundled content loads");
        let report = crate::metrics::compute(
            &loaded.portfolio,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        );
        let written: Vec<String> = super::export_all(&report, "/")
            .unwrap()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(written, super::file_names());
    }
}
