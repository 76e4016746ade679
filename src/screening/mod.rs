//! Screening against the comprehensive standards (issue 5). So far: the rule catalogue —
//! loading `data/rules/*.toml`, refusing a bad file with file, line and reason, and
//! running every rule's examples.

pub mod catalogue;
pub mod compiled;
pub mod edits;
pub mod engine;
pub mod facts;
pub mod publication;
pub mod rule_form;
pub mod service;
pub mod subjects;
pub mod workflow;

pub use catalogue::{load_dir, load_embedded, Catalogue, Rule, RuleError};

/// The Chinese name of a dimension of the comprehensive standards.
pub fn dimension_label(d: &str) -> &str {
    match d {
        "energy" => "能耗",
        "environment" => "环保",
        "quality" => "质量",
        "safety" => "安全",
        "technology" => "技术",
        other => other,
    }
}

/// The Chinese name of a rule outcome.
pub fn outcome_label(o: &str) -> &str {
    match o {
        "eliminate_now" => "立即淘汰",
        "eliminate_by" => "限期淘汰",
        "rectify" => "限期整改(6个月)",
        "differential_price" => "差别电价",
        "punitive_price" => "惩罚性电价",
        other => other,
    }
}
