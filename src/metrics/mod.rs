//! Metrics stage: pure functions from the model and an as-of date to the [`Report`]
//! (SPEC §3). No filesystem, no clock.

use chrono::NaiveDate;

use crate::model::Portfolio;
use crate::report::Report;

/// Computes every figure of SPEC §3 for `portfolio` as of `as_of`.
pub fn compute(portfolio: &Portfolio, as_of: NaiveDate) -> Report {
    let _ = (portfolio, as_of);
    unimplemented!("compute")
}
