//! Screening: run the catalogue over the ledger's equipment and enterprises. Every finding
//! carries the facts that triggered it, the citation and the outcome; a rule that needs a
//! fact the ledger does not hold is reported as undecided ("data missing"), never as clear.

use std::collections::HashMap;

use evalexpr::Value;
use serde::Serialize;

use super::catalogue::{Catalogue, Citation, Rule};
use super::compiled::{fill, render, Slots};
use super::facts::KNOWN_FACTS;
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
    /// Slots of `facts` (see `EquipmentFacts::index`).
    pub index: FactIndex,
}

#[derive(Clone, Debug)]
pub struct EquipmentFacts {
    pub name: String,
    pub kind: String,
    pub facts: Vec<(String, Value)>,
    /// Precomputed for the first pass, which must not chase the name strings: the slot of
    /// each of the first facts, and the kind's position in the equipment kind list.
    pub index: FactIndex,
}

/// Slots of a fact list and the equipment kind, computed once when facts are built.
#[derive(Clone, Copy, Debug)]
pub struct FactIndex {
    slots: [u8; FactIndex::INLINE],
    kind: u16,
}

impl FactIndex {
    const INLINE: usize = 10;
    const NONE: u8 = u8::MAX;

    pub fn new(facts: &[(String, Value)], kind: Option<&str>) -> FactIndex {
        let mut slots = [Self::NONE; Self::INLINE];
        for (i, (k, _)) in facts.iter().take(Self::INLINE).enumerate() {
            slots[i] = super::compiled::slot_of(k).map(|s| s as u8).unwrap_or(Self::NONE);
        }
        let kind = kind
            .and_then(|k| crate::ledger::codes::EQUIPMENT_KINDS.all.iter().position(|x| x.kind == k))
            .map(|i| i as u16)
            .unwrap_or(u16::MAX);
        FactIndex { slots, kind }
    }

    /// Put the facts into slots using the precomputed positions.
    fn fill<'a>(&self, slots: &mut Slots<'a>, facts: &'a [(String, Value)]) {
        for (i, (k, v)) in facts.iter().enumerate() {
            let slot = match self.slots.get(i) {
                Some(&s) if s != Self::NONE => Some(s as usize),
                Some(_) => None,
                None => super::compiled::slot_of(k),
            };
            if let Some(s) = slot {
                slots[s] = super::compiled::V::of(v);
            }
        }
    }
}

impl EquipmentFacts {
    pub fn new(name: String, kind: String, facts: Vec<(String, Value)>) -> EquipmentFacts {
        let index = FactIndex::new(&facts, Some(&kind));
        EquipmentFacts { name, kind, facts, index }
    }
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
    pub missing: Vec<std::borrow::Cow<'static, str>>,
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

fn finding(
    rule: &Rule,
    s: &Subject,
    equipment: Option<&EquipmentFacts>,
    facts: serde_json::Map<String, serde_json::Value>,
    explanation: String,
) -> Finding {
    Finding {
        enterprise: s.credit_code.clone(),
        enterprise_name: s.name.clone(),
        enterprise_id: s.enterprise_id,
        equipment: equipment.map(|q| q.name.clone()),
        rule: rule.id.clone(),
        title: rule.title_zh.clone(),
        dimension: rule.dimension.clone(),
        facts,
        explanation,
        citation: rule.citation.clone(),
        outcome: rule.outcome.clone(),
        deadline: rule.deadline.clone(),
    }
}

fn judge(rule: &Rule, s: &Subject, equipment: Option<&EquipmentFacts>, slots: &Slots, out: &mut Screening) {
    // The fast path decides NotHit and Missing without building anything; a hit, or a
    // condition the compiled form leaves to evalexpr, takes the full path below.
    if rule.slots.iter().any(|i| slots[*i].is_none()) {
        let mut missing: Vec<std::borrow::Cow<'static, str>> =
            rule.slots.iter().filter(|i| slots[**i].is_none()).map(|i| super::facts::KNOWN_FACTS[*i].into()).collect();
        missing.sort();
        out.undecided.push(Undecided { enterprise: s.credit_code.clone(), equipment: equipment.map(|q| q.name.clone()), rule: rule.id.clone(), missing });
        return;
    }
    match rule.compiled.as_ref().map(|c| c.truth(slots)) {
        Some(Some(false)) => return,
        Some(Some(true)) => {
            let facts = rule.slots.iter().filter_map(|i| Some((KNOWN_FACTS[*i].to_string(), slots[*i]?.to_json()))).collect();
            out.findings.push(finding(rule, s, equipment, facts, render(&rule.explain_parts, slots)));
            return;
        }
        // Not compiled, or a case the compiled form leaves to evalexpr.
        _ => {}
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
            out.findings.push(finding(rule, s, equipment, used, explanation));
        }
        Ok(Verdict::NotHit) => {}
        Ok(Verdict::Missing(missing)) => out.undecided.push(Undecided {
            enterprise: s.credit_code.clone(),
            equipment: equipment.map(|q| q.name.clone()),
            rule: rule.id.clone(),
            missing: missing.into_iter().map(Into::into).collect(),
        }),
        Err(reason) => out.undecided.push(Undecided {
            enterprise: s.credit_code.clone(),
            equipment: equipment.map(|q| q.name.clone()),
            rule: rule.id.clone(),
            missing: vec![format!("evaluation error: {reason}").into()],
        }),
    }
}

/// FNV-1a: the kind lookup runs once per piece of equipment, on short trusted keys, where
/// SipHash's DoS resistance buys nothing and costs a tenth of the pass.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// What the first pass decided for one (subject, equipment, rule); "not hit" is not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Hit,
    Missing,
    /// The compiled form leaves this one to evalexpr.
    Reference,
}

#[derive(Clone, Copy, Debug)]
pub struct Marked {
    pub subject: u32,
    /// Index into the subject's equipment; `u32::MAX` for an enterprise-level rule.
    pub equipment: u32,
    pub rule: u32,
    pub mark: Mark,
}

fn decide(rule: &Rule, slots: &Slots) -> Option<Mark> {
    if rule.slots.iter().any(|i| slots[*i].is_none()) {
        return Some(Mark::Missing);
    }
    match rule.compiled.as_ref().map(|c| c.truth(slots)) {
        Some(Some(false)) => None,
        Some(Some(true)) => Some(Mark::Hit),
        _ => Some(Mark::Reference),
    }
}

/// Split `0..n` into one contiguous range per core (one range for small inputs).
fn ranges(n: usize) -> Vec<std::ops::Range<usize>> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    let parts = if n < 2000 { 1 } else { threads };
    let size = n.div_ceil(parts.max(1)).max(1);
    (0..n).step_by(size).map(|start| start..(start + size).min(n)).collect()
}

/// Run `work` over each range on its own thread; results in range order.
fn in_parallel<T: Send>(n: usize, work: impl Fn(std::ops::Range<usize>) -> T + Sync) -> Vec<T> {
    let ranges = ranges(n);
    if ranges.len() <= 1 {
        return ranges.into_iter().map(&work).collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = ranges.into_iter().map(|r| scope.spawn(|| work(r))).collect();
        handles.into_iter().map(|h| h.join().expect("screening thread")).collect()
    })
}

/// The first pass: every rule over every subject and its equipment, on every core,
/// keeping only what needs reporting. No allocation per verdict.
pub fn mark(catalogue: &Catalogue, subjects: &[Subject]) -> Vec<Marked> {
    let mut by_kind: HashMap<&str, Vec<(usize, &Rule)>, std::hash::BuildHasherDefault<Fnv>> = HashMap::default();
    let mut enterprise_level = Vec::new();
    for (i, r) in catalogue.rules.iter().enumerate() {
        if r.equipment_kinds.is_empty() {
            enterprise_level.push((i, r));
        }
        for k in &r.equipment_kinds {
            by_kind.entry(k.as_str()).or_default().push((i, r));
        }
    }
    // The same by position in the equipment kind list (a kind outside it is looked up by name).
    let kinds = &crate::ledger::codes::EQUIPMENT_KINDS.all;
    let by_kind_id: Vec<Option<&Vec<(usize, &Rule)>>> = kinds.iter().map(|k| by_kind.get(k.kind.as_str())).collect();
    in_parallel(subjects.len(), |range| {
        let mut out = Vec::new();
        for si in range {
            let s = &subjects[si];
            let mut base: Slots = [None; KNOWN_FACTS.len()];
            s.index.fill(&mut base, &s.facts);
            for (ri, r) in enterprise_level.iter().filter(|(_, r)| in_scope(r, s)) {
                if let Some(mark) = decide(r, &base) {
                    out.push(Marked { subject: si as u32, equipment: u32::MAX, rule: *ri as u32, mark });
                }
            }
            for (qi, q) in s.equipment.iter().enumerate() {
                let rules = match by_kind_id.get(q.index.kind as usize) {
                    Some(rules) => *rules,
                    None => by_kind.get(q.kind.as_str()),
                };
                let Some(rules) = rules else { continue };
                let mut slots = base;
                q.index.fill(&mut slots, &q.facts);
                for (ri, r) in rules.iter().filter(|(_, r)| in_scope(r, s)) {
                    if let Some(mark) = decide(r, &slots) {
                        out.push(Marked { subject: si as u32, equipment: qi as u32, rule: *ri as u32, mark });
                    }
                }
            }
        }
        out
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The second pass: findings (facts, explanation, citation) and undecided items for the marks.
pub fn materialize(catalogue: &Catalogue, subjects: &[Subject], marks: &[Marked]) -> Screening {
    let parts = in_parallel(marks.len(), |range| {
        let mut out = Screening { catalogue_version: String::new(), findings: vec![], undecided: vec![] };
        for m in &marks[range] {
            let s = &subjects[m.subject as usize];
            let mut slots: Slots = [None; KNOWN_FACTS.len()];
            fill(&mut slots, &s.facts);
            let equipment = s.equipment.get(m.equipment as usize);
            if let Some(q) = equipment {
                fill(&mut slots, &q.facts);
            }
            judge(&catalogue.rules[m.rule as usize], s, equipment, &slots, &mut out);
        }
        out
    });
    let mut out = Screening { catalogue_version: catalogue.version.clone(), findings: vec![], undecided: vec![] };
    for p in parts {
        out.findings.extend(p.findings);
        out.undecided.extend(p.undecided);
    }
    out
}

/// Run the catalogue over the subjects on every core; the result is in subject order
/// whatever the split.
pub fn screen(catalogue: &Catalogue, subjects: &[Subject]) -> Screening {
    materialize(catalogue, subjects, &mark(catalogue, subjects))
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

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// The compiled fast path gives exactly the findings and undecided items of the
    /// evalexpr path, explanation and facts included, on the demo city.
    #[test]
    fn fast_and_reference_paths_agree_on_the_demo_city() {
        let city = crate::demo::generate(1500, 3);
        let subjects = crate::screening::subjects::from_bundles(&city.bundles, 2026);
        let fast = crate::screening::load_embedded().unwrap();
        let mut reference = crate::screening::load_embedded().unwrap();
        for r in &mut reference.rules {
            r.compiled = None;
        }
        let a = screen(&fast, &subjects);
        let b = screen(&reference, &subjects);
        assert!(a.findings.len() > 100);
        assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    }
}
