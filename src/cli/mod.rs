//! What the `folio` binary adds around the library: terminal output ([`ui`]) and writing
//! results to standard output ([`stdout`]).

pub(crate) mod stdout;
pub(crate) mod ui;
