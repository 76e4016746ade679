//! The facts a rule condition may use, and how a set of facts is evaluated.

use evalexpr::{ContextWithMutableVariables, HashMapContext, Value};

/// Every fact name a condition may mention (data/rules/README.md).
pub const KNOWN_FACTS: &[&str] = &[
    // equipment
    "kind", "capacity", "fuel", "year", "age", "process", "specific_energy",
    // enterprise
    "industry", "has_outlets", "above_scale", "env_grade", "has_eia", "has_permit", "land_legal", "in_built_up_area", "energy_intensity",
    // equipment, against the benchmark and baseline levels (issue 18; last, so the slots above keep their places)
    "energy_efficiency",
];

/// A set of facts: absent facts are simply not present (never defaulted to 0 or "").
#[derive(Clone, Debug, Default)]
pub struct Facts(pub Vec<(String, Value)>);

impl Facts {
    pub fn from_toml(table: &toml::Table) -> Result<Facts, String> {
        let mut out = Vec::new();
        for (k, v) in table {
            let value = match v {
                toml::Value::String(s) => Value::String(s.clone()),
                toml::Value::Integer(i) => Value::Int(*i),
                toml::Value::Float(f) => Value::Float(*f),
                toml::Value::Boolean(b) => Value::Boolean(*b),
                other => return Err(format!("fact {k}: unsupported value {other}")),
            };
            out.push((k.clone(), value));
        }
        Ok(Facts(out))
    }

    fn context(&self) -> HashMapContext {
        let mut ctx = HashMapContext::new();
        for (k, v) in &self.0 {
            let _ = ctx.set_value(k.clone(), v.clone());
        }
        ctx
    }
}

#[derive(Debug, PartialEq)]
pub enum Verdict {
    Hit,
    NotHit,
    /// The condition needs a fact that is not known: "data missing", never a silent false.
    Missing(Vec<String>),
}

pub fn evaluate(tree: &evalexpr::Node, facts: &Facts) -> Result<Verdict, String> {
    let missing: Vec<String> = tree
        .iter_variable_identifiers()
        .filter(|id| !facts.0.iter().any(|(k, _)| k == id))
        .map(str::to_string)
        .collect();
    if !missing.is_empty() {
        let mut missing = missing;
        missing.sort();
        missing.dedup();
        return Ok(Verdict::Missing(missing));
    }
    match tree.eval_boolean_with_context(&facts.context()) {
        Ok(true) => Ok(Verdict::Hit),
        Ok(false) => Ok(Verdict::NotHit),
        Err(e) => Err(e.to_string()),
    }
}
