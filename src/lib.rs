//! capimap: model, check and document server-side conversion-API (CAPI) data flows, and export
//! the GDPR Art. 30 record of processing.
//!
//! The domain (`model`, `store`, `graph`, …) never depends on the user interface; the desktop
//! app lives in `ui` behind the `gui` feature.

pub mod catalog;
pub mod check;
pub mod diff;
pub mod edit;
pub mod examples;
pub mod graph;
pub mod import;
pub mod inspect;
pub mod layout;
pub mod model;
pub mod pages;
pub mod parallel;
pub mod report;
pub mod store;
pub mod summary;
pub mod synthetic;

#[cfg(feature = "gui")]
pub mod ui;
