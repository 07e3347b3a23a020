//! The record of processing (GDPR Art. 30): what it says about each activity, and renderers;
//! and the consent test plan written out for QA.

pub mod categories;
pub mod changes;
pub mod csv;
pub mod document;
pub mod dpv;
pub mod export;
pub mod facts;
pub mod fides;
mod fides_declarations;
mod fides_taxonomy;
pub mod figure;
mod inventory;
pub mod ods;
pub mod pdf;
pub mod recipients;
pub mod review;
mod sections;
pub mod sheet;
pub mod svg;
pub mod test_plan;
pub mod wording;
pub mod words;
pub mod xlsx;

pub use facts::{ActivityFacts, activity_facts};
