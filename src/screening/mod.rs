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
pub fn dimension_label(d: &str, lang: crate::i18n::Lang) -> &str {
    let zh = lang == crate::i18n::Lang::Zh;
    match d {
        "energy" => if zh { "能耗" } else { "energy" },
        "environment" => if zh { "环保" } else { "environment" },
        "quality" => if zh { "质量" } else { "quality" },
        "safety" => if zh { "安全" } else { "safety" },
        "technology" => if zh { "技术" } else { "technology" },
        other => other,
    }
}

/// The Chinese name of a rule outcome.
pub fn outcome_label(o: &str, lang: crate::i18n::Lang) -> &str {
    let zh = lang == crate::i18n::Lang::Zh;
    match o {
        "eliminate_now" => if zh { "立即淘汰" } else { "eliminate now" },
        "eliminate_by" => if zh { "限期淘汰" } else { "eliminate by a deadline" },
        "rectify" => if zh { "限期整改(6个月)" } else { "rectify within 6 months" },
        "differential_price" => if zh { "差别电价" } else { "differential electricity price" },
        "punitive_price" => if zh { "惩罚性电价" } else { "punitive electricity price" },
        other => other,
    }
}
