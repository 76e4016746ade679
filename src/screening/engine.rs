//! Screening: run the catalogue over the ledger's equipment and enterprises. Every finding
//! carries the facts that triggered it, the citation and the outcome; a rule that needs a
//! fact the ledger does not hold is reported as undecided ("data missing"), never as clear.

use std::collections::HashMap;

use evalexpr::Value;
use serde::Serialize;

use super::catalogue::{Catalogue, Citation, Rule};
use super::compiled::{fill, Slots};
use super::facts::{evaluate, Facts, Verdict};

/// One enterprise as screening sees it.
#[derive(Clone, Debug)]
pub struct Subject {
    pub enterprise_id: i64,
    pub credit_code: String,
    pub name: String,
    pub division_code: String,
    pub industry: String,
    pub facts: Vec<(String, Value)>,
    pub equipment: Vec<EquipmentFacts>,
}

#[derive(Clone, Debug)]
pub struct EquipmentFacts {
    pub name: String,
    pub kind: String,
    pub facts: Vec<(String, Value)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// Credit code (or provisional ledger number) of the enterprise.
    pub enterprise: String,
    pub enterprise_name: String,
    pub enterprise_id: i64,
    /// Equipment name; null for an enterprise-level rule.
    pub equipment: Option<String>,
    pub rule: String,
    pub title: String,
    pub dimension: String,
    /// The facts the rule's condition uses, with their values.
    pub facts: serde_json::Map<String, serde_json::Value>,
    /// The rule's explanation with the facts filled in.
    pub explanation: String,
    pub citation: Citation,
    pub outcome: String,
    pub deadline: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Undecided {
    pub enterprise: String,
    pub equipment: Option<String>,
    pub rule: String,
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Screening {
    pub catalogue_version: String,
    pub findings: Vec<Finding>,
    pub undecided: Vec<Undecided>,
}

fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::String(s) => s.clone().into(),
        Value::Float(f) => serde_json::Number::from_f64(*f).map(Into::into).unwrap_or(serde_json::Value::Null),
        Value::Int(i) => (*i).into(),
        Value::Boolean(b) => (*b).into(),
        _ => serde_json::Value::Null,
    }
}

fn in_scope(rule: &Rule, s: &Subject) -> bool {
    (rule.industries.is_empty() || rule.industries.iter().any(|i| *i == s.industry))
        && rule.jurisdiction.as_deref().is_none_or(|j| s.division_code.starts_with(crate::ledger::codes::subtree_prefix(j)))
}

fn judge(rule: &Rule, s: &Subject, equipment: Option<&EquipmentFacts>, slots: &Slots, out: &mut Screening) {
    // The fast path decides NotHit and Missing without building anything; a hit, or a
    // condition the compiled form leaves to evalexpr, takes the full path below.
    if rule.slots.iter().any(|i| slots[*i].is_none()) {
        let mut missing: Vec<String> =
            rule.slots.iter().filter(|i| slots[**i].is_none()).map(|i| super::facts::KNOWN_FACTS[*i].to_string()).collect();
        missing.sort();
        missing.dedup();
        out.undecided.push(Undecided { enterprise: s.credit_code.clone(), equipment: equipment.map(|q| q.name.clone()), rule: rule.id.clone(), missing });
        return;
    }
    if let Some(Some(false)) = rule.compiled.as_ref().map(|c| c.truth(slots)) {
        return;
    }
    let mut all = s.facts.clone();
    if let Some(q) = equipment {
        all.extend(q.facts.iter().cloned());
    }
    let facts = Facts(all);
    match evaluate(&rule.tree, &facts) {
        Ok(Verdict::Hit) => {
            let mut used = serde_json::Map::new();
            for id in rule.tree.iter_variable_identifiers() {
                if let Some((_, v)) = facts.0.iter().find(|(k, _)| k == id) {
                    used.insert(id.to_string(), to_json(v));
                }
            }
            let mut explanation = rule.explain_zh.clone();
            for (k, v) in &facts.0 {
                let shown = match v {
                    Value::String(s) => s.clone(),
                    other => to_json(other).to_string(),
                };
                explanation = explanation.replace(&format!("{{{k}}}"), &shown);
            }
            out.findings.push(Finding {
                enterprise: s.credit_code.clone(),
                enterprise_name: s.name.clone(),
                enterprise_id: s.enterprise_id,
                equipment: equipment.map(|q| q.name.clone()),
                rule: rule.id.clone(),
                title: rule.title_zh.clone(),
                dimension: rule.dimension.clone(),
                facts: used,
                explanation,
                citation: rule.citation.clone(),
                outcome: rule.outcome.clone(),
                deadline: rule.deadline.clone(),
            });
        }
        Ok(Verdict::NotHit) => {}
        Ok(Verdict::Missing(missing)) => out.undecided.push(Undecided {
            enterprise: s.credit_code.clone(),
            equipment: equipment.map(|q| q.name.clone()),
            rule: rule.id.clone(),
            missing,
        }),
        Err(reason) => out.undecided.push(Undecided {
            enterprise: s.credit_code.clone(),
            equipment: equipment.map(|q| q.name.clone()),
            rule: rule.id.clone(),
            missing: vec![format!("evaluation error: {reason}")],
        }),
    }
}

/// Run the catalogue over the subjects, split across the machine's cores; the result
/// is in subject order whatever the split.
pub fn screen(catalogue: &Catalogue, subjects: &[Subject]) -> Screening {
    let mut by_kind: HashMap<&str, Vec<&Rule>> = HashMap::new();
    let mut enterprise_level = Vec::new();
    for r in &catalogue.rules {
        if r.equipment_kinds.is_empty() {
            enterprise_level.push(r);
        }
        for k in &r.equipment_kinds {
            by_kind.entry(k.as_str()).or_default().push(r);
        }
    }
    let run = |chunk: &[Subject]| {
        let mut out = Screening { catalogue_version: catalogue.version.clone(), findings: vec![], undecided: vec![] };
        for s in chunk {
            let mut base: Slots = [None; super::facts::KNOWN_FACTS.len()];
            fill(&mut base, &s.facts);
            for r in enterprise_level.iter().filter(|r| in_scope(r, s)) {
                judge(r, s, None, &base, &mut out);
            }
            for q in &s.equipment {
                let Some(rules) = by_kind.get(q.kind.as_str()) else { continue };
                let mut slots = base;
                fill(&mut slots, &q.facts);
                for r in rules.iter().filter(|r| in_scope(r, s)) {
                    judge(r, s, Some(q), &slots, &mut out);
                }
            }
        }
        out
    };
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    if threads == 1 || subjects.len() < 2000 {
        return run(subjects);
    }
    let size = subjects.len().div_ceil(threads);
    let parts: Vec<Screening> = std::thread::scope(|scope| {
        let handles: Vec<_> = subjects.chunks(size).map(|chunk| scope.spawn(move || run(chunk))).collect();
        handles.into_iter().map(|h| h.join().expect("screening thread")).collect()
    });
    let mut out = Screening { catalogue_version: catalogue.version.clone(), findings: vec![], undecided: vec![] };
    for p in parts {
        out.findings.extend(p.findings);
        out.undecided.extend(p.undecided);
    }
    out
}

/// Why an enterprise was or was not flagged: every rule that applies to it (by industry,
/// jurisdiction and equipment kind), with the facts the condition looked at and its verdict.
#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub rule: String,
    pub title: String,
    pub equipment: Option<String>,
    /// hit | not_hit | missing
    pub verdict: String,
    pub condition: String,
    pub facts: serde_json::Map<String, serde_json::Value>,
    pub missing: Vec<String>,
}

pub fn explain(catalogue: &Catalogue, s: &Subject) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut consider = |rule: &Rule, equipment: Option<&EquipmentFacts>| {
        let mut all = s.facts.clone();
        if let Some(q) = equipment {
            all.extend(q.facts.iter().cloned());
        }
        let facts = Facts(all);
        let mut used = serde_json::Map::new();
        for id in rule.tree.iter_variable_identifiers() {
            if let Some((_, v)) = facts.0.iter().find(|(k, _)| k == id) {
                used.insert(id.to_string(), to_json(v));
            }
        }
        let (verdict, missing) = match evaluate(&rule.tree, &facts) {
            Ok(Verdict::Hit) => ("hit", vec![]),
            Ok(Verdict::NotHit) => ("not_hit", vec![]),
            Ok(Verdict::Missing(m)) => ("missing", m),
            Err(e) => ("missing", vec![format!("evaluation error: {e}")]),
        };
        out.push(Reason {
            rule: rule.id.clone(),
            title: rule.title_zh.clone(),
            equipment: equipment.map(|q| q.name.clone()),
            verdict: verdict.into(),
            condition: rule.condition.clone(),
            facts: used,
            missing,
        });
    };
    for rule in catalogue.rules.iter().filter(|r| in_scope(r, s)) {
        if rule.equipment_kinds.is_empty() {
            consider(rule, None);
        }
        for q in s.equipment.iter().filter(|q| rule.equipment_kinds.iter().any(|k| *k == q.kind)) {
            consider(rule, Some(q));
        }
    }
    out
}
