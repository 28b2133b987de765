//! folio-report: the contract between computing and showing (docs/architecture.md).
//!
//! [`report::Report`] carries every figure and every judgement folio computes, as typed data;
//! [`wording`] puts its typed reasons and events into English and [`mod@format`] its numbers, in
//! one place. `folio-core` fills a report from content, `folio-site` shows one; folio-site
//! depends on this crate only, so a view cannot name the content model. The leaf helpers every
//! stage shares live here too: [`diagnostics`], [`fiscal`] quarters, [`slug`], [`markup`],
//! [`term`] and the build [`settings`].

#![warn(missing_docs)]

pub mod diagnostics;
pub mod fiscal;
pub mod format;
pub mod markup;
pub mod report;
pub mod settings;
pub mod slug;
pub mod term;
pub mod vocabulary;
pub mod wording;
