//! A local rule from a form instead of hand-written TOML: title, a condition built from
//! (fact, operator, value) rows, outcome and basis become the same catalogue entry an expert
//! would write, with one example that must trigger it and one that must not, derived from the
//! condition. The catalogue loader still checks the result in full. No I/O.

use super::catalogue::OUTCOMES;

/// How a fact may be compared, from data/rules/README.md ("Facts a condition may use").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactType {
    Text,
    Float,
    Int,
    Bool,
}

/// (fact, type, Chinese label, English label) for every fact a form may use
/// (`in_built_up_area` is left out: the ledger does not hold it yet).
pub const FACTS: &[(&str, FactType, &str, &str)] = &[
    ("kind", FactType::Text, "设备类型", "equipment kind"),
    ("capacity", FactType::Float, "设备规模(该类设备的单位)", "capacity (in the kind's unit)"),
    ("process", FactType::Text, "工艺", "process"),
    ("fuel", FactType::Text, "燃料", "fuel"),
    ("year", FactType::Int, "投产年份", "year commissioned"),
    ("age", FactType::Int, "已使用年数", "age in years"),
    ("specific_energy", FactType::Float, "单位产品能耗", "unit product energy consumption"),
    ("energy_efficiency", FactType::Text, "能效水平(benchmark/between/below_baseline)", "energy efficiency (benchmark/between/below_baseline)"),
    ("industry", FactType::Text, "行业代码", "industry code"),
    ("has_outlets", FactType::Bool, "有排放口", "has outlets"),
    ("has_permit", FactType::Bool, "有排污许可证", "has a discharge permit"),
    ("has_eia", FactType::Bool, "有环评手续", "has an EIA approval"),
    ("land_legal", FactType::Bool, "用地合法", "legal land use"),
    ("above_scale", FactType::Bool, "规上企业", "above scale"),
    ("env_grade", FactType::Text, "环保绩效等级", "environmental grade"),
    ("energy_intensity", FactType::Float, "万元增加值能耗", "energy per 10,000 yuan of value added"),
];

/// (operator code in the form, Chinese label, English label)
pub const OPERATORS: &[(&str, &str, &str)] = &[
    ("lt", "小于", "less than"),
    ("le", "不大于", "at most"),
    ("gt", "大于", "greater than"),
    ("ge", "不小于", "at least"),
    ("eq", "等于", "equals"),
    ("ne", "不等于", "differs from"),
    ("is_true", "为是", "is yes"),
    ("is_false", "为否", "is no"),
];

pub const DIMENSIONS: &[&str] = &["energy", "environment", "quality", "safety", "technology"];

#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(default)]
pub struct RuleDraft {
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    pub dimension: String,
    pub jurisdiction: String,
    /// GB/T 4754-2017 class codes, separated by spaces or commas.
    pub industries: String,
    /// Equipment kinds, separated by spaces or commas (empty: an enterprise-level rule).
    pub equipment_kinds: String,
    /// "all" (every row holds) or "any" (one row holds).
    pub joiner: String,
    pub fact1: String,
    pub op1: String,
    pub value1: String,
    pub fact2: String,
    pub op2: String,
    pub value2: String,
    pub fact3: String,
    pub op3: String,
    pub value3: String,
    pub outcome: String,
    pub deadline: String,
    pub explain_zh: String,
    pub document: String,
    pub issuer: String,
    pub clause: String,
    pub version: String,
    pub effective: String,
    pub status: String,
    pub source: String,
    pub quote: String,
}

/// One row of the condition, checked.
#[derive(Clone, Debug, PartialEq)]
struct Clause {
    fact: String,
    ty: FactType,
    op: String,
    value: Literal,
}

#[derive(Clone, Debug, PartialEq)]
enum Literal {
    Text(String),
    Float(f64),
    Int(i64),
    None,
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn float_text(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('.') || s.contains('e') { s } else { format!("{s}.0") }
}

fn list(s: &str) -> Vec<String> {
    s.split([' ', ',', ',', '、', '\n', '\t']).map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

impl Clause {
    fn expression(&self) -> String {
        let sym = match self.op.as_str() {
            "lt" => "<",
            "le" => "<=",
            "gt" => ">",
            "ge" => ">=",
            "eq" => "==",
            "ne" => "!=",
            "is_true" => return self.fact.clone(),
            _ => return format!("!{}", self.fact),
        };
        let value = match &self.value {
            Literal::Text(s) => format!("\"{}\"", s),
            Literal::Float(x) => float_text(*x),
            Literal::Int(i) => i.to_string(),
            Literal::None => String::new(),
        };
        format!("{} {sym} {value}", self.fact)
    }

    /// Whether the row holds for this candidate value.
    fn holds(&self, candidate: &Literal, flag: bool) -> bool {
        match (&self.value, candidate) {
            (Literal::None, _) => (self.op == "is_true") == flag,
            (Literal::Text(v), Literal::Text(c)) => (self.op == "eq") == (v == c),
            (Literal::Float(v), Literal::Float(c)) => compare(*c, &self.op, *v),
            (Literal::Int(v), Literal::Int(c)) => compare(*c as f64, &self.op, *v as f64),
            _ => false,
        }
    }
}

fn compare(c: f64, op: &str, v: f64) -> bool {
    match op {
        "lt" => c < v,
        "le" => c <= v,
        "gt" => c > v,
        "ge" => c >= v,
        "eq" => c == v,
        "ne" => c != v,
        _ => false,
    }
}

/// A TOML value for one fact such that each of its rows holds or fails as asked; None when the
/// rows contradict each other (e.g. capacity < 5 and capacity > 10 both holding).
fn example_value(rows: &[(&Clause, bool)]) -> Option<String> {
    let first = rows.first()?.0;
    let mut candidates: Vec<(Literal, bool, String)> = Vec::new();
    match first.ty {
        FactType::Bool => {
            for flag in [true, false] {
                candidates.push((Literal::None, flag, flag.to_string()));
            }
        }
        FactType::Text => {
            for (c, _) in rows {
                if let Literal::Text(v) = &c.value {
                    candidates.push((Literal::Text(v.clone()), false, toml_str(v)));
                    let other = format!("{v}_other");
                    candidates.push((Literal::Text(other.clone()), false, toml_str(&other)));
                }
            }
        }
        FactType::Float | FactType::Int => {
            let mut points: Vec<f64> = rows.iter().filter_map(|(c, _)| match c.value { Literal::Float(x) => Some(x), Literal::Int(i) => Some(i as f64), _ => None }).collect();
            let pairs: Vec<f64> = points.iter().flat_map(|a| points.iter().map(move |b| (a + b) / 2.0)).collect();
            points.extend(pairs);
            for p in points.clone() {
                for x in [p - 1.0, p, p + 1.0] {
                    if first.ty == FactType::Int {
                        let i = x.round() as i64;
                        candidates.push((Literal::Int(i), false, i.to_string()));
                    } else {
                        candidates.push((Literal::Float(x), false, float_text(x)));
                    }
                }
            }
        }
    }
    candidates.into_iter().find(|(c, flag, _)| rows.iter().all(|(row, hold)| row.holds(c, *flag) == *hold)).map(|(_, _, text)| text)
}

impl RuleDraft {
    fn clauses(&self, problems: &mut Vec<String>) -> Vec<Clause> {
        let rows = [(&self.fact1, &self.op1, &self.value1), (&self.fact2, &self.op2, &self.value2), (&self.fact3, &self.op3, &self.value3)];
        let mut out = Vec::new();
        for (n, (fact, op, value)) in rows.iter().enumerate() {
            let n = n + 1;
            if fact.trim().is_empty() {
                continue;
            }
            let Some(&(name, ty, _, _)) = FACTS.iter().find(|f| f.0 == fact.trim()) else {
                problems.push(format!("条件第 {n} 行:未知的事实 {fact:?} / condition row {n}: unknown fact"));
                continue;
            };
            let op = op.trim();
            let allowed: &[&str] = match ty {
                FactType::Bool => &["is_true", "is_false"],
                FactType::Text => &["eq", "ne"],
                FactType::Float | FactType::Int => &["lt", "le", "gt", "ge", "eq", "ne"],
            };
            if !allowed.contains(&op) {
                problems.push(format!("条件第 {n} 行:{name} 不能用运算 {op:?} / condition row {n}: operator not allowed for {name}"));
                continue;
            }
            let v = value.trim();
            let literal = match ty {
                FactType::Bool => Literal::None,
                FactType::Text if v.is_empty() => {
                    problems.push(format!("条件第 {n} 行:请填写 {name} 的值 / condition row {n}: a value is required"));
                    continue;
                }
                FactType::Text if v.contains(['"', '\\', '\'']) || v.chars().count() > 60 => {
                    problems.push(format!("条件第 {n} 行:值 {v:?} 不能含引号或反斜杠,且不超过 60 字 / condition row {n}: no quotes or backslashes, at most 60 characters"));
                    continue;
                }
                FactType::Text => Literal::Text(v.to_string()),
                FactType::Float => match v.parse::<f64>() {
                    Ok(x) if x.is_finite() => Literal::Float(x),
                    _ => {
                        problems.push(format!("条件第 {n} 行:{name} 的值 {v:?} 不是数字 / condition row {n}: not a number"));
                        continue;
                    }
                },
                FactType::Int => match v.parse::<i64>() {
                    Ok(i) if i.abs() < 1_000_000 => Literal::Int(i),
                    _ => {
                        problems.push(format!("条件第 {n} 行:{name} 的值 {v:?} 不是整数 / condition row {n}: not a whole number"));
                        continue;
                    }
                },
            };
            out.push(Clause { fact: name.to_string(), ty, op: op.to_string(), value: literal });
        }
        out
    }

    /// The condition in the catalogue's expression language, or the problems of the rows.
    pub fn condition(&self) -> Result<String, Vec<String>> {
        let mut problems = Vec::new();
        let clauses = self.clauses(&mut problems);
        if clauses.is_empty() && problems.is_empty() {
            problems.push("请至少填写一行条件 / fill in at least one condition row".into());
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(self.join(&clauses))
    }

    fn join(&self, clauses: &[Clause]) -> String {
        let sep = if self.joiner == "any" { " || " } else { " && " };
        clauses.iter().map(Clause::expression).collect::<Vec<_>>().join(sep)
    }

    /// The catalogue entry (a `[[rule]]` table with its citation and two examples), or every
    /// problem of the form at once.
    pub fn to_toml(&self) -> Result<String, Vec<String>> {
        let mut problems = Vec::new();
        let id = self.id.trim();
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') || id.len() > 80 {
            problems.push(format!("规则编号 {id:?} 只能由小写字母、数字和连字符组成(如 local-612000-small-boiler) / rule id: lowercase letters, digits and hyphens"));
        }
        for (label, v) in [("中文标题 / Chinese title", &self.title_zh), ("英文标题 / English title", &self.title_en), ("依据文件 / document", &self.document), ("发布机关 / issuer", &self.issuer), ("条款 / clause", &self.clause), ("核实情况与出处 / how it was checked (source)", &self.source)] {
            if v.trim().is_empty() {
                problems.push(format!("请填写{label}"));
            }
        }
        if !DIMENSIONS.contains(&self.dimension.as_str()) {
            problems.push(format!("请选择维度 / choose a dimension (found {:?})", self.dimension));
        }
        if !OUTCOMES.contains(&self.outcome.as_str()) {
            problems.push(format!("请选择处置方式 / choose an outcome (found {:?})", self.outcome));
        }
        let deadline = self.deadline.trim();
        if self.outcome == "eliminate_by" && deadline.is_empty() {
            problems.push("“限期淘汰”须填写期限 / eliminate_by needs a deadline".into());
        }
        if self.outcome != "eliminate_by" && !deadline.is_empty() {
            problems.push("只有“限期淘汰”填写期限 / only eliminate_by has a deadline".into());
        }
        if !["verified", "unverified"].contains(&self.status.as_str()) {
            problems.push("请选择依据核实状态 / choose whether the basis was checked".into());
        }
        let clauses = self.clauses(&mut problems);
        if clauses.is_empty() {
            problems.push("请至少填写一行条件 / fill in at least one condition row".into());
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let industries = list(&self.industries);
        let kinds = list(&self.equipment_kinds);
        let condition = self.join(&clauses);
        let explain = if self.explain_zh.trim().is_empty() {
            let facts: Vec<String> = clauses.iter().map(|c| format!("{} {{{}}}", FACTS.iter().find(|f| f.0 == c.fact).map(|f| f.2).unwrap_or(&c.fact), c.fact)).collect();
            format!("{}:{}", self.title_zh.trim(), facts.join(","))
        } else {
            self.explain_zh.trim().to_string()
        };
        let array = |xs: &[String]| format!("[{}]", xs.iter().map(|x| toml_str(x)).collect::<Vec<_>>().join(", "));
        let mut t = String::new();
        t.push_str("\n[[rule]]\n");
        t.push_str(&format!("id = {}\n", toml_str(id)));
        t.push_str(&format!("dimension = {}\n", toml_str(&self.dimension)));
        t.push_str(&format!("title_zh = {}\n", toml_str(self.title_zh.trim())));
        t.push_str(&format!("title_en = {}\n", toml_str(self.title_en.trim())));
        if !self.jurisdiction.trim().is_empty() {
            t.push_str(&format!("jurisdiction = {}\n", toml_str(self.jurisdiction.trim())));
        }
        t.push_str(&format!("industries = {}\n", array(&industries)));
        t.push_str(&format!("equipment_kinds = {}\n", array(&kinds)));
        t.push_str(&format!("condition = {}\n", toml_str(&condition)));
        t.push_str(&format!("outcome = {}\n", toml_str(&self.outcome)));
        if !deadline.is_empty() {
            t.push_str(&format!("deadline = {}\n", toml_str(deadline)));
        }
        t.push_str(&format!("explain_zh = {}\n", toml_str(&explain)));
        t.push_str("[rule.citation]\n");
        for (k, v) in [
            ("document", &self.document),
            ("issuer", &self.issuer),
            ("clause", &self.clause),
            ("version", &self.version),
            ("effective", &self.effective),
            ("status", &self.status),
            ("source", &self.source),
            ("quote", &self.quote),
        ] {
            t.push_str(&format!("{k} = {}\n", toml_str(v.trim())));
        }
        // The scope's own facts (first industry, first kind) keep the examples inside it.
        let mut scope_facts = Vec::new();
        if let Some(i) = industries.first() {
            if !clauses.iter().any(|c| c.fact == "industry") {
                scope_facts.push(format!("industry = {}", toml_str(i)));
            }
        }
        if let Some(k) = kinds.first() {
            if !clauses.iter().any(|c| c.fact == "kind") {
                scope_facts.push(format!("kind = {}", toml_str(k)));
            }
        }
        let any = self.joiner == "any";
        let mut facts_of_example = Vec::new();
        for expect in [true, false] {
            // Triggering: every row holds. Not triggering: with "all", the first row fails and
            // the others hold; with "any", every row fails.
            let mut facts = scope_facts.clone();
            let mut seen: Vec<&str> = Vec::new();
            for c in &clauses {
                if seen.contains(&c.fact.as_str()) {
                    continue;
                }
                seen.push(&c.fact);
                let rows: Vec<(&Clause, bool)> =
                    clauses.iter().enumerate().filter(|(_, x)| x.fact == c.fact).map(|(i, x)| (x, expect || (!any && i > 0))).collect();
                match example_value(&rows) {
                    Some(v) => facts.push(format!("{} = {v}", c.fact)),
                    None => {
                        return Err(vec![format!(
                            "条件中关于 {} 的几行互相矛盾,无法构造{}的示例 / the rows on {} contradict each other",
                            c.fact,
                            if expect { "触发" } else { "不触发" },
                            c.fact
                        )])
                    }
                }
            }
            facts_of_example.push((expect, facts));
        }
        for (expect, facts) in facts_of_example {
            t.push_str(&format!("[[rule.example]]\nexpect = {expect}\nfacts = {{ {} }}\n", facts.join(", ")));
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> RuleDraft {
        RuleDraft {
            id: "local-612000-small-coal-boiler".into(),
            title_zh: "10蒸吨以下燃煤锅炉".into(),
            title_en: "Coal boiler under 10 t/h".into(),
            dimension: "environment".into(),
            jurisdiction: "612000".into(),
            equipment_kinds: "coal_boiler".into(),
            joiner: "all".into(),
            fact1: "capacity".into(),
            op1: "lt".into(),
            value1: "10".into(),
            fact2: "fuel".into(),
            op2: "eq".into(),
            value2: "coal".into(),
            outcome: "rectify".into(),
            document: "青岚市大气污染防治实施方案(示范)".into(),
            issuer: "青岚市人民政府".into(),
            clause: "三(二)".into(),
            status: "unverified".into(),
            source: "demo".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_form_gives_a_rule_the_catalogue_accepts() {
        let d = draft();
        assert_eq!(d.condition().unwrap(), "capacity < 10.0 && fuel == \"coal\"");
        let entry = d.to_toml().unwrap();
        let files = vec![("local.toml".to_string(), entry.clone())];
        let c = crate::screening::catalogue::load(&files).unwrap_or_else(|e| panic!("{e:?}\n{entry}"));
        let rule = c.rules.iter().find(|r| r.id == d.id).unwrap();
        assert_eq!(rule.jurisdiction.as_deref(), Some("612000"));
        assert_eq!(c.examples_run, 2);
    }

    #[test]
    fn every_operator_and_type_gives_examples_that_hold() {
        for &(fact, ty, _, _) in FACTS {
            let ops: &[&str] = match ty {
                FactType::Bool => &["is_true", "is_false"],
                FactType::Text => &["eq", "ne"],
                _ => &["lt", "le", "gt", "ge", "eq", "ne"],
            };
            for op in ops {
                for joiner in ["all", "any"] {
                    let mut d = draft();
                    d.equipment_kinds.clear();
                    d.joiner = joiner.into();
                    (d.fact1, d.op1, d.value1) = (fact.into(), op.to_string(), if ty == FactType::Text { "A".into() } else { "5".into() });
                    let other = if fact == "has_eia" { "land_legal" } else { "has_eia" };
                    (d.fact2, d.op2, d.value2) = (other.into(), "is_false".into(), String::new());
                    let entry = d.to_toml().unwrap();
                    crate::screening::catalogue::load(&[("local.toml".into(), entry.clone())]).unwrap_or_else(|e| panic!("{fact} {op} {joiner}: {e:?}\n{entry}"));
                }
            }
        }
    }

    #[test]
    fn ranges_on_one_fact_and_contradictions() {
        let mut d = draft();
        (d.fact2, d.op2, d.value2) = ("capacity".into(), "ge".into(), "4".into());
        let entry = d.to_toml().unwrap();
        crate::screening::catalogue::load(&[("local.toml".into(), entry.clone())]).unwrap_or_else(|e| panic!("{e:?}\n{entry}"));
        (d.op1, d.value1, d.op2, d.value2) = ("lt".into(), "4".into(), "gt".into(), "10".into());
        assert!(d.to_toml().unwrap_err()[0].contains("矛盾"));
    }

    #[test]
    fn all_problems_at_once() {
        let d = RuleDraft { id: "Bad Id".into(), fact1: "capacity".into(), op1: "is_true".into(), fact2: "nonsense".into(), outcome: "eliminate_by".into(), ..Default::default() };
        let p = d.to_toml().unwrap_err();
        for needle in ["规则编号", "中文标题", "维度", "期限", "核实", "第 1 行", "第 2 行"] {
            assert!(p.iter().any(|x| x.contains(needle)), "{needle}: {p:?}");
        }
        let d = RuleDraft { fact1: "capacity".into(), op1: "lt".into(), value1: "ten".into(), ..draft() };
        assert!(d.to_toml().unwrap_err().iter().any(|x| x.contains("不是数字")));
        let d = RuleDraft { fact1: "process".into(), op1: "eq".into(), value1: "a\"b".into(), ..draft() };
        assert!(d.to_toml().unwrap_err().iter().any(|x| x.contains("引号")));
    }
}
