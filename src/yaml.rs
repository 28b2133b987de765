//! All YAML parsing of folio lives here, so the parser can be swapped in one place.
