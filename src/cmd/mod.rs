//! One module per `folio` command: its arguments (clap) and a `run` that calls the library and
//! reports to the terminal. Exit codes: `Ok(0)` success, `Ok(1)` invalid content, `Err` any
//! other failure (printed by `main`, exit 1).

pub mod build;
pub mod check;
pub mod generate;
pub mod init;
pub mod new;
pub mod report;
pub mod schema;
pub mod serve;
