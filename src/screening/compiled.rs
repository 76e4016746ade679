//! A rule condition compiled for speed. evalexpr parses the condition (it stays the
//! language); this turns its operator tree into a form that reads facts from fixed slots
//! and evaluates without allocating. The semantics are evalexpr's, operator by operator
//! (strict variant equality, int/float promotion in comparisons, checked integer
//! arithmetic, both sides of `&&`/`||` evaluated); anything this does not cover — an
//! operator it does not know, a type error, string concatenation — answers `None`, and
//! the caller asks evalexpr itself, so the verdict is always evalexpr's.

use evalexpr::{Node, Operator, Value};

use super::facts::KNOWN_FACTS;

/// Facts by slot (the position of the name in `KNOWN_FACTS`).
pub type Slots<'a> = [Option<V<'a>>; KNOWN_FACTS.len()];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum V<'a> {
    S(&'a str),
    F(f64),
    I(i64),
    B(bool),
}

impl<'a> V<'a> {
    pub fn of(v: &'a Value) -> Option<V<'a>> {
        match v {
            Value::String(s) => Some(V::S(s)),
            Value::Float(f) => Some(V::F(*f)),
            Value::Int(i) => Some(V::I(*i)),
            Value::Boolean(b) => Some(V::B(*b)),
            _ => None,
        }
    }

    fn number(self) -> Option<f64> {
        match self {
            V::F(f) => Some(f),
            V::I(i) => Some(i as f64),
            _ => None,
        }
    }
}

/// The slot of a fact name. This runs for every fact of every subject, so it is a perfect
/// hash — (length, first byte) is unique among the known facts — plus one comparison; the
/// test below keeps it in step with `KNOWN_FACTS`.
pub fn slot_of(name: &str) -> Option<usize> {
    let slot = match (name.len(), name.as_bytes().first()?) {
        (4, b'k') => 0,
        (8, b'c') => 1,
        (4, b'f') => 2,
        (4, b'y') => 3,
        (3, b'a') => 4,
        (7, b'p') => 5,
        (15, b's') => 6,
        (8, b'i') => 7,
        (11, b'h') => 8,
        (11, b'a') => 9,
        (9, b'e') => 10,
        (7, b'h') => 11,
        (10, b'h') => 12,
        (10, b'l') => 13,
        (16, b'i') => 14,
        (16, b'e') => 15,
        (17, b'e') => 16,
        _ => return None,
    };
    (KNOWN_FACTS[slot] == name).then_some(slot)
}

/// Put facts into slots (a later fact of the same name wins, as in a context).
pub fn fill<'a>(slots: &mut Slots<'a>, facts: &'a [(String, Value)]) {
    for (k, v) in facts {
        if let Some(i) = slot_of(k) {
            slots[i] = V::of(v);
        }
    }
}

/// A piece of an explanation template: text, or the value of a fact.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    Text(String),
    Fact(usize),
}

/// Split a template at `{fact}` placeholders naming known facts (other braces stay text).
pub fn parts(template: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| slot_of(&after[..close]).map(|slot| (close, slot))) {
            Some((close, slot)) => {
                text.push_str(&rest[..open]);
                if !text.is_empty() {
                    out.push(Part::Text(std::mem::take(&mut text)));
                }
                out.push(Part::Fact(slot));
                rest = &after[close + 1..];
            }
            None => {
                text.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Part::Text(text));
    }
    out
}

impl V<'_> {
    /// As JSON (how findings record the facts that triggered them).
    pub fn to_json(self) -> serde_json::Value {
        match self {
            V::S(s) => s.into(),
            V::F(f) => serde_json::Number::from_f64(f).map(Into::into).unwrap_or(serde_json::Value::Null),
            V::I(i) => i.into(),
            V::B(b) => b.into(),
        }
    }
}

/// Render a template: placeholders of absent facts stay as written.
pub fn render(parts: &[Part], slots: &Slots) -> String {
    let mut out = String::new();
    for p in parts {
        match p {
            Part::Text(t) => out.push_str(t),
            Part::Fact(i) => match slots[*i] {
                Some(V::S(s)) => out.push_str(s),
                Some(v) => out.push_str(&v.to_json().to_string()),
                None => {
                    out.push('{');
                    out.push_str(KNOWN_FACTS[*i]);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[derive(Clone, Debug)]
pub enum Compiled {
    Str(String),
    Float(f64),
    Int(i64),
    Bool(bool),
    Var(usize),
    Not(Box<Compiled>),
    Neg(Box<Compiled>),
    Bin(Op, Box<Compiled>, Box<Compiled>),
}

#[derive(Clone, Copy, Debug)]
pub enum Op {
    Eq,
    Neq,
    Lt,
    Leq,
    Gt,
    Geq,
    And,
    Or,
    Add,
    Sub,
    Mul,
    Div,
}

/// Compile an evalexpr tree; `None` if it uses anything not covered here.
pub fn compile(node: &Node) -> Option<Compiled> {
    let kids = node.children();
    let two = |op: Op| -> Option<Compiled> {
        match kids {
            [a, b] => Some(Compiled::Bin(op, Box::new(compile(a)?), Box::new(compile(b)?))),
            _ => None,
        }
    };
    match node.operator() {
        Operator::RootNode => match kids {
            [only] => compile(only),
            _ => None,
        },
        Operator::Const { value } => match value {
            Value::String(s) => Some(Compiled::Str(s.clone())),
            Value::Float(f) => Some(Compiled::Float(*f)),
            Value::Int(i) => Some(Compiled::Int(*i)),
            Value::Boolean(b) => Some(Compiled::Bool(*b)),
            _ => None,
        },
        Operator::VariableIdentifierRead { identifier } => slot_of(identifier).map(Compiled::Var),
        Operator::Not => match kids {
            [a] => Some(Compiled::Not(Box::new(compile(a)?))),
            _ => None,
        },
        Operator::Neg => match kids {
            [a] => Some(Compiled::Neg(Box::new(compile(a)?))),
            _ => None,
        },
        Operator::Eq => two(Op::Eq),
        Operator::Neq => two(Op::Neq),
        Operator::Lt => two(Op::Lt),
        Operator::Leq => two(Op::Leq),
        Operator::Gt => two(Op::Gt),
        Operator::Geq => two(Op::Geq),
        Operator::And => two(Op::And),
        Operator::Or => two(Op::Or),
        Operator::Add => two(Op::Add),
        Operator::Sub => two(Op::Sub),
        Operator::Mul => two(Op::Mul),
        Operator::Div => two(Op::Div),
        _ => None,
    }
}

impl Compiled {
    /// The condition's truth, or `None` where evalexpr must decide (type errors included).
    pub fn truth(&self, slots: &Slots) -> Option<bool> {
        match self.eval(slots)? {
            V::B(b) => Some(b),
            _ => None,
        }
    }

    fn eval<'s>(&'s self, slots: &Slots<'s>) -> Option<V<'s>> {
        Some(match self {
            Compiled::Str(s) => V::S(s),
            Compiled::Float(f) => V::F(*f),
            Compiled::Int(i) => V::I(*i),
            Compiled::Bool(b) => V::B(*b),
            Compiled::Var(i) => slots[*i]?,
            Compiled::Not(a) => match a.eval(slots)? {
                V::B(b) => V::B(!b),
                _ => return None,
            },
            Compiled::Neg(a) => match a.eval(slots)? {
                V::I(i) => V::I(i.checked_neg()?),
                V::F(f) => V::F(-f),
                _ => return None,
            },
            Compiled::Bin(op, a, b) => {
                let (a, b) = (a.eval(slots)?, b.eval(slots)?);
                binary(*op, a, b)?
            }
        })
    }
}

fn binary<'s>(op: Op, a: V<'s>, b: V<'s>) -> Option<V<'s>> {
    // Strings compare as strings, two ints as ints, otherwise both must be numbers (f64
    // comparison operators, so a NaN compares false every way), as in evalexpr.
    let compare = |f: fn(f64, f64) -> bool, s: fn(&str, &str) -> bool, i: fn(i64, i64) -> bool| -> Option<V<'s>> {
        match (a, b) {
            (V::S(x), V::S(y)) => Some(V::B(s(x, y))),
            (V::I(x), V::I(y)) => Some(V::B(i(x, y))),
            (V::S(_) | V::B(_), _) | (_, V::S(_) | V::B(_)) => None,
            (x, y) => Some(V::B(f(x.number()?, y.number()?))),
        }
    };
    Some(match op {
        // evalexpr compares values as enums: different variants are never equal.
        Op::Eq => V::B(a == b),
        Op::Neq => V::B(a != b),
        Op::Lt => compare(|x, y| x < y, |x, y| x < y, |x, y| x < y)?,
        Op::Leq => compare(|x, y| x <= y, |x, y| x <= y, |x, y| x <= y)?,
        Op::Gt => compare(|x, y| x > y, |x, y| x > y, |x, y| x > y)?,
        Op::Geq => compare(|x, y| x >= y, |x, y| x >= y, |x, y| x >= y)?,
        Op::And => match (a, b) {
            (V::B(x), V::B(y)) => V::B(x && y),
            _ => return None,
        },
        Op::Or => match (a, b) {
            (V::B(x), V::B(y)) => V::B(x || y),
            _ => return None,
        },
        Op::Add | Op::Sub | Op::Mul | Op::Div => match (a, b) {
            (V::I(x), V::I(y)) => V::I(match op {
                Op::Add => x.checked_add(y)?,
                Op::Sub => x.checked_sub(y)?,
                Op::Mul => x.checked_mul(y)?,
                _ => x.checked_div(y)?,
            }),
            (x, y) => {
                let (x, y) = (x.number()?, y.number()?);
                V::F(match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                    _ => x / y,
                })
            }
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::facts::{evaluate, Facts, Verdict};
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = Value> {
        prop_oneof![
            prop_oneof![Just("coal"), Just("gas"), Just("shaft"), Just("3120"), Just("")].prop_map(|s| Value::String(s.into())),
            (-5.0f64..20000.0).prop_map(Value::Float),
            prop_oneof![Just(f64::NAN), Just(3.0), Just(0.0)].prop_map(Value::Float),
            (-3i64..3000).prop_map(Value::Int),
            any::<bool>().prop_map(Value::Boolean),
        ]
    }

    #[test]
    fn slots_follow_known_facts() {
        for (i, k) in KNOWN_FACTS.iter().enumerate() {
            assert_eq!(slot_of(k), Some(i), "{k}");
        }
        assert_eq!(slot_of("nonsense"), None);
    }

    /// Every condition of the built-in catalogue, plus a few with arithmetic and mixed
    /// types, gives exactly evalexpr's verdict on random facts of every type.
    #[test]
    fn agrees_with_evalexpr() {
        let catalogue = crate::screening::load_embedded().unwrap();
        let mut conditions: Vec<String> = catalogue.rules.iter().map(|r| r.condition.clone()).collect();
        conditions.extend(
            [
                "capacity * 2 > year - 2000",
                "-capacity < 0 && year / 2 == 1009",
                "kind == 3 || capacity == 3",
                "process < fuel",
                "!(age >= 10) || specific_energy <= 1.5e3",
                "capacity + year > 2010.5",
            ]
            .map(String::from),
        );
        let trees: Vec<(String, Node, Compiled)> = conditions
            .iter()
            .map(|c| {
                let t = evalexpr::build_operator_tree(c).unwrap();
                let compiled = compile(&t).unwrap_or_else(|| panic!("{c} compiles"));
                (c.clone(), t, compiled)
            })
            .collect();
        let names: Vec<&str> = KNOWN_FACTS.to_vec();
        proptest!(ProptestConfig::with_cases(3000), |(values in proptest::collection::vec(value(), KNOWN_FACTS.len()))| {
            let facts: Vec<(String, Value)> = names.iter().zip(values).map(|(k, v)| (k.to_string(), v)).collect();
            let mut slots: Slots = [None; KNOWN_FACTS.len()];
            fill(&mut slots, &facts);
            for (c, tree, compiled) in &trees {
                let reference = evaluate(tree, &Facts(facts.clone()));
                match compiled.truth(&slots) {
                    Some(t) => prop_assert_eq!(reference, Ok(if t { Verdict::Hit } else { Verdict::NotHit }), "{}", c),
                    // Undecided here means evalexpr errs or yields a non-boolean, or needs string concatenation.
                    None => prop_assert!(!matches!(reference, Ok(Verdict::Hit) | Ok(Verdict::NotHit)) || c.contains('+'), "{} gave {:?}", c, reference),
                }
            }
        });
    }
}
