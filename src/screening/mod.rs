//! Screening against the comprehensive standards (issue 5). So far: the rule catalogue —
//! loading `data/rules/*.toml`, refusing a bad file with file, line and reason, and
//! running every rule's examples.

pub mod catalogue;
pub mod compiled;
pub mod engine;
pub mod facts;
pub mod service;
pub mod subjects;
pub mod workflow;

pub use catalogue::{load_dir, load_embedded, Catalogue, Rule, RuleError};
