//! folio's one integration test binary (as ripgrep and mdBook do: `autotests = false` in
//! Cargo.toml): one module per subject, so the library and the test dependencies link once.
//! Run one subject with `cargo test --test testsuite <module>::`, e.g. `cargo test --test
//! testsuite check::`. Shared helpers: `common` (fixture portfolios in Rust, on folio-core's
//! `metrics::testkit`), `harness` (running the binary, fixture copies, output folders) and
//! `testutil` (also used by the library's unit tests).

mod common;
mod harness;
#[path = "../../crates/folio-core/src/testutil.rs"]
mod testutil;

mod architecture;
mod build;
mod charts;
mod check;
mod cli;
mod e2e_build;
mod exports;
mod gitlab_ci;
mod headline;
mod init;
mod new;
mod pinned_outputs;
mod pipeline;
mod reliability;
mod reliability_cli;
mod reliability_render;
mod render;
mod report;
mod schema;
mod serve;
mod summary;
mod time;
mod yaml;
