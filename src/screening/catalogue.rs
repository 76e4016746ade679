//! The rule catalogue as data (`data/rules/*.toml`). A file with a syntax error, an unknown
//! key, an unknown fact, a bad kind or outcome, or a missing citation is refused with the
//! file, line and reason; the catalogue is only replaced when every file loads.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::facts::{evaluate, Facts, Verdict, KNOWN_FACTS};

/// The starter catalogue, embedded so that the binary is self-contained.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("aluminium.toml", include_str!("../../data/rules/aluminium.toml")),
    ("boilers.toml", include_str!("../../data/rules/boilers.toml")),
    ("bricks.toml", include_str!("../../data/rules/bricks.toml")),
    ("calcium_carbide.toml", include_str!("../../data/rules/calcium_carbide.toml")),
    ("carbon.toml", include_str!("../../data/rules/carbon.toml")),
    ("cement.toml", include_str!("../../data/rules/cement.toml")),
    ("coke.toml", include_str!("../../data/rules/coke.toml")),
    ("ferroalloy.toml", include_str!("../../data/rules/ferroalloy.toml")),
    ("flat_glass.toml", include_str!("../../data/rules/flat_glass.toml")),
    ("foundry.toml", include_str!("../../data/rules/foundry.toml")),
    ("general.toml", include_str!("../../data/rules/general.toml")),
    ("refractories.toml", include_str!("../../data/rules/refractories.toml")),
    ("steel.toml", include_str!("../../data/rules/steel.toml")),
    ("synthetic_ammonia.toml", include_str!("../../data/rules/synthetic_ammonia.toml")),
    ("vocs.toml", include_str!("../../data/rules/vocs.toml")),
];

pub const DIMENSIONS: &[&str] = &["energy", "environment", "quality", "safety", "technology"];
pub const OUTCOMES: &[&str] = &["eliminate_now", "eliminate_by", "rectify", "differential_price", "punitive_price"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rule: Vec<RuleText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleText {
    id: String,
    jurisdiction: Option<String>,
    dimension: String,
    title_zh: String,
    title_en: String,
    industries: Vec<String>,
    equipment_kinds: Vec<String>,
    condition: String,
    outcome: String,
    deadline: Option<String>,
    explain_zh: String,
    citation: Option<Citation>,
    /// The day a bureau retired the rule (YYYY-MM-DD): kept for the record, no longer screens.
    retired: Option<String>,
    #[serde(default)]
    example: Vec<Example>,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub document: String,
    pub issuer: String,
    pub clause: String,
    pub version: String,
    pub effective: String,
    pub status: String,
    pub source: String,
    pub quote: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    expect: bool,
    facts: toml::Table,
}

/// A rule ready to evaluate.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    /// A local rule applies only within this division's subtree.
    pub jurisdiction: Option<String>,
    pub dimension: String,
    pub title_zh: String,
    pub title_en: String,
    pub industries: Vec<String>,
    pub equipment_kinds: Vec<String>,
    pub condition: String,
    pub tree: evalexpr::Node,
    /// The same condition compiled for speed (`None`: evalexpr evaluates it).
    pub compiled: Option<super::compiled::Compiled>,
    /// Slots of the facts the condition reads, once each in order of appearance (all must be
    /// known, or the verdict is "missing").
    pub slots: Vec<usize>,
    /// `explain_zh` split at its `{fact}` placeholders, for rendering from slots.
    pub explain_parts: Vec<super::compiled::Part>,
    pub outcome: String,
    pub deadline: Option<String>,
    pub explain_zh: String,
    pub citation: Citation,
    pub file: String,
}

/// Why a catalogue file was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

#[derive(Debug)]
pub struct Catalogue {
    pub rules: Vec<Rule>,
    /// SHA-256 over the files' names and contents: a screening records the version it used.
    pub version: String,
    pub examples_run: usize,
    /// Rules marked retired: checked, kept in the files, not screened.
    pub retired: usize,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

fn line_of_rule(text: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    text.lines().position(|l| l.trim_start().starts_with("id") && l.contains(&needle)).map(|i| i + 1).unwrap_or(1)
}

/// Load and check every file; all problems of all files are reported together.
pub fn load(files: &[(String, String)]) -> Result<Catalogue, Vec<RuleError>> {
    use sha2::{Digest, Sha256};
    let kinds: HashSet<&str> = crate::ledger::codes::EQUIPMENT_KINDS.all.iter().map(|k| k.kind.as_str()).collect();
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let mut ids = HashSet::new();
    let mut examples_run = 0;
    let mut retired = 0;
    let mut hasher = Sha256::new();
    for (name, text) in files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(text.as_bytes());
        hasher.update([0]);
        let parsed: File = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
                errors.push(RuleError { file: name.clone(), line, reason: e.message().to_string() });
                continue;
            }
        };
        for r in parsed.rule {
            let line = line_of_rule(text, &r.id);
            let mut bad = |reason: String| errors.push(RuleError { file: name.clone(), line, reason: format!("rule {}: {reason}", r.id) });
            if !ids.insert(r.id.clone()) {
                bad("duplicate rule id".into());
            }
            if let Some(j) = &r.jurisdiction {
                // The demo city (612000) and its counties are fictional: not in GB/T 2260.
                let demo = j.len() == 6 && j.starts_with(&crate::demo::CITY_CODE[..4]) && j.bytes().all(|b| b.is_ascii_digit());
                if !crate::ledger::codes::GBT2260.iter().any(|d| &d.code == j) && !demo {
                    bad(format!("unknown jurisdiction {j:?} (a GB/T 2260 division code)"));
                }
            }
            if !DIMENSIONS.contains(&r.dimension.as_str()) {
                bad(format!("unknown dimension {:?} (one of {})", r.dimension, DIMENSIONS.join(", ")));
            }
            if !OUTCOMES.contains(&r.outcome.as_str()) {
                bad(format!("unknown outcome {:?} (one of {})", r.outcome, OUTCOMES.join(", ")));
            }
            if (r.outcome == "eliminate_by") != r.deadline.is_some() {
                bad("a deadline is required for eliminate_by and only for it".into());
            }
            if let Some(d) = &r.deadline {
                if time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).is_err() {
                    bad(format!("deadline {d:?} is not a YYYY-MM-DD date"));
                }
            }
            for k in &r.equipment_kinds {
                if !kinds.contains(k.as_str()) {
                    bad(format!("unknown equipment kind {k:?} (see data/equipment-kinds.csv)"));
                }
            }
            for i in &r.industries {
                if !crate::ledger::codes::INDUSTRIES.is_class(i) {
                    bad(format!("unknown industry class {i:?} (GB/T 4754-2017)"));
                }
            }
            let citation = match r.citation {
                None => {
                    bad("missing citation".into());
                    None
                }
                Some(c) => {
                    if c.document.trim().is_empty() || c.clause.trim().is_empty() || c.source.trim().is_empty() {
                        bad("citation needs a document, a clause and a source".into());
                    }
                    if c.status != "verified" && c.status != "unverified" {
                        bad(format!("citation status {:?} must be verified or unverified", c.status));
                    }
                    Some(c)
                }
            };
            let tree = match evalexpr::build_operator_tree(&r.condition) {
                Ok(t) => Some(t),
                Err(e) => {
                    bad(format!("condition {:?} does not parse: {e}", r.condition));
                    None
                }
            };
            if let Some(tree) = &tree {
                for id in tree.iter_variable_identifiers() {
                    if !KNOWN_FACTS.contains(&id) {
                        bad(format!("condition uses unknown fact {id:?} (known: {})", KNOWN_FACTS.join(", ")));
                    }
                }
                if !r.example.iter().any(|e| e.expect) || !r.example.iter().any(|e| !e.expect) {
                    bad("needs at least one example that must trigger it and one that must not".into());
                }
                for (n, ex) in r.example.iter().enumerate() {
                    examples_run += 1;
                    let verdict = Facts::from_toml(&ex.facts).and_then(|f| evaluate(tree, &f));
                    match verdict {
                        Ok(Verdict::Hit) if ex.expect => {}
                        Ok(Verdict::NotHit) if !ex.expect => {}
                        Ok(v) => bad(format!("example {} expects {} but the condition gives {v:?}", n + 1, ex.expect)),
                        Err(e) => bad(format!("example {}: {e}", n + 1)),
                    }
                }
            }
            if let Some(day) = &r.retired {
                if time::Date::parse(day, time::macros::format_description!("[year]-[month]-[day]")).is_err() {
                    bad(format!("retired {day:?} must be a date YYYY-MM-DD"));
                }
            }
            if let (Some(tree), Some(citation)) = (tree, citation) {
                if r.retired.is_some() {
                    retired += 1;
                    continue;
                }
                rules.push(Rule {
                    id: r.id,
                    jurisdiction: r.jurisdiction,
                    dimension: r.dimension,
                    title_zh: r.title_zh,
                    title_en: r.title_en,
                    industries: r.industries,
                    equipment_kinds: r.equipment_kinds,
                    condition: r.condition,
                    compiled: super::compiled::compile(&tree),
                    slots: {
                        let mut slots: Vec<usize> = Vec::new();
                        for s in tree.iter_variable_identifiers().filter_map(super::compiled::slot_of) {
                            if !slots.contains(&s) {
                                slots.push(s);
                            }
                        }
                        slots
                    },
                    explain_parts: super::compiled::parts(&r.explain_zh),
                    tree,
                    outcome: r.outcome,
                    deadline: r.deadline,
                    explain_zh: r.explain_zh,
                    citation,
                    file: name.clone(),
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(Catalogue { rules, version: hex::encode(&hasher.finalize()[..8]), examples_run, retired })
    } else {
        Err(errors)
    }
}

pub fn load_embedded() -> Result<Catalogue, Vec<RuleError>> {
    load(&EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect::<Vec<_>>())
}

/// Every `*.toml` in a directory, in name order.
pub fn load_dir(dir: &Path) -> Result<Catalogue, Vec<RuleError>> {
    let fail = |reason: String| vec![RuleError { file: dir.display().to_string(), line: 0, reason }];
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| fail(e.to_string()))? {
        let path = entry.map_err(|e| fail(e.to_string()))?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
            files.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), text));
        }
    }
    files.sort();
    load(&files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_catalogue_loads_and_every_example_holds() {
        let c = load_embedded().unwrap_or_else(|e| panic!("{}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")));
        assert!(c.rules.len() >= 40, "{}", c.rules.len());
        assert!(c.examples_run >= 2 * c.rules.len());
        assert!(c.rules.iter().any(|r| r.citation.status == "verified"));
    }

    #[test]
    fn every_rule_file_in_data_is_embedded() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, embedded);
    }

    fn one(text: &str) -> Vec<RuleError> {
        load(&[("local.toml".into(), text.into())]).unwrap_err()
    }

    const GOOD: &str = r#"
[[rule]]
id = "local-small-kiln"
dimension = "technology"
title_zh = "小窑"
title_en = "Small kiln"
industries = ["3011"]
equipment_kinds = ["cement_clinker_line"]
condition = 'capacity < 1000.0'
outcome = "rectify"
explain_zh = "产能 {capacity}"
[rule.citation]
document = "某市方案"
issuer = "某市"
clause = "二(一)"
version = "2026"
effective = "2026-01-01"
status = "unverified"
source = "local file"
quote = ""
[[rule.example]]
expect = true
facts = { capacity = 800.0 }
[[rule.example]]
expect = false
facts = { capacity = 1800.0 }
"#;

    #[test]
    fn a_good_local_rule_loads() {
        let c = load(&[("local.toml".into(), GOOD.into())]).unwrap();
        assert_eq!(c.rules[0].id, "local-small-kiln");
    }

    #[test]
    fn bad_files_are_refused_with_file_line_and_reason() {
        let e = one(&GOOD.replace("condition = 'capacity < 1000.0'", "condition = '(capacity < 1000.0'"));
        assert_eq!((e[0].file.as_str(), e[0].line), ("local.toml", 3));
        assert!(e[0].reason.contains("does not parse"), "{e:?}");

        let e = one(&GOOD.replace("capacity < 1000.0", "capacityy < 1000.0"));
        assert!(e.iter().any(|x| x.reason.contains("unknown fact \"capacityy\"")), "{e:?}");

        let cut = GOOD.find("[rule.citation]").unwrap();
        let end = GOOD.find("[[rule.example]]").unwrap();
        let e = one(&format!("{}{}", &GOOD[..cut], &GOOD[end..]));
        assert!(e.iter().any(|x| x.reason.contains("missing citation")), "{e:?}");

        let e = one(&GOOD.replace("outcome = \"rectify\"", "outcome = \"rectify\"\ncolour = \"red\""));
        assert!(e[0].reason.contains("unknown field"), "{e:?}");
        assert_eq!(e[0].line, 11, "the line of the unknown key");

        let e = one(&GOOD.replace("facts = { capacity = 1800.0 }", "facts = { capacity = 800.0 }"));
        assert!(e.iter().any(|x| x.reason.contains("example 2 expects false")), "{e:?}");

        let e = one(&GOOD.replace("[[rule]]\nid", "[[rule]\nid"));
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn missing_facts_are_reported_not_defaulted() {
        let c = load_embedded().unwrap();
        let r = c.rules.iter().find(|r| r.condition.contains("specific_energy")).unwrap();
        let v = evaluate(&r.tree, &Facts(vec![("capacity".into(), evalexpr::Value::Float(1.0))])).unwrap();
        assert!(matches!(v, Verdict::Missing(m) if m.contains(&"specific_energy".to_string())));
    }
}
