//! The record of processing (GDPR Art. 30): what it says about each activity, and renderers.

pub mod csv;
pub mod document;
pub mod facts;
pub mod pdf;
mod sections;
pub mod words;

pub use facts::{ActivityFacts, activity_facts};
