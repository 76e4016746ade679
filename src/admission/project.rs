//! A project as submitted (`FILE.json` of `lantian admission check`, the form of
//! `/admission/new`): parsed from JSON field by field, so a refusal names the field, the value
//! and the reason; no input panics (property-tested). The JSON shape is documented in
//! `data/admission/README.md`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::i18n::catalogue::admission as A;
use crate::i18n::Msg;

/// The longest project file accepted (bytes).
pub const MAX_BYTES: usize = 256 * 1024;
const MAX_ITEMS: usize = 200;
const MAX_TEXT: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    New,
    Expansion,
    Renovation,
    Relocation,
}

impl ProjectKind {
    pub fn code(self) -> &'static str {
        match self {
            ProjectKind::New => "new",
            ProjectKind::Expansion => "expansion",
            ProjectKind::Renovation => "renovation",
            ProjectKind::Relocation => "relocation",
        }
    }
    pub fn parse(s: &str) -> Option<ProjectKind> {
        [ProjectKind::New, ProjectKind::Expansion, ProjectKind::Renovation, ProjectKind::Relocation].into_iter().find(|k| k.code() == s)
    }
    pub fn label(self) -> Msg {
        match self {
            ProjectKind::New => A::kind_new(),
            ProjectKind::Expansion => A::kind_expansion(),
            ProjectKind::Renovation => A::kind_renovation(),
            ProjectKind::Relocation => A::kind_relocation(),
        }
    }
}

/// Capacity of one product: built by the project and removed by it (at the same site).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub name: String,
    pub unit: String,
    pub added: f64,
    #[serde(default)]
    pub removed: f64,
}

/// Capacity elsewhere that the project cites as replaced (产能置换): an exit case of the ledger
/// (`case_id`, whose division and enterprise the platform fills in), or capacity described.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Replaced {
    pub case_id: Option<i64>,
    pub capacity: f64,
    pub unit: String,
    /// Where the replaced capacity is (division code; "" until filled from the case).
    #[serde(default)]
    pub division: String,
    /// Whose it is (credit code), when known.
    #[serde(default)]
    pub credit_code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Emission {
    pub pollutant: String,
    /// Tonnes a year the project adds.
    pub t: f64,
    /// Tonnes a year reduced elsewhere to make room for it (总量来源).
    #[serde(default)]
    pub offset_t: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    pub kind: ProjectKind,
    /// The enterprise of the ledger (credit code), or "" for a new company.
    #[serde(default)]
    pub credit_code: String,
    /// The company's name (a new company's, or the ledger's name of the enterprise).
    pub company: String,
    pub industry: String,
    pub division: String,
    pub in_park: bool,
    #[serde(default)]
    pub park: String,
    pub products: Vec<Product>,
    /// Annual comprehensive energy use (tce), when stated.
    pub energy_tce: Option<f64>,
    /// Annual coal use (t), when stated.
    pub coal_t: Option<f64>,
    /// Coal use (t/a) cut elsewhere for this project (煤炭减量替代 source).
    #[serde(default)]
    pub coal_offset_t: f64,
    #[serde(default)]
    pub fuels: Vec<String>,
    /// The emissions, when stated (an empty list: none).
    pub emissions: Option<Vec<Emission>>,
    #[serde(default)]
    pub replaced: Vec<Replaced>,
    /// The project is an equipment upsizing inside a core enterprise (装备大型化置换, declared).
    #[serde(default)]
    pub upsizing_core_enterprise: bool,
}

impl Project {
    /// Uses coal: coal consumption stated above zero, or coal among its fuels.
    pub fn uses_coal(&self) -> bool {
        self.coal_t.is_some_and(|c| c > 0.0) || self.fuels.iter().any(|f| f == "coal")
    }
}

pub const FUELS: &[&str] = &["coal", "coke", "natural_gas", "oil", "electricity", "biomass", "hydrogen", "other"];

/// A refusal: the field (a JSON path such as `products[1].unit`), the value as given, the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    pub field: String,
    pub value: String,
    pub reason: Msg,
}

impl InputError {
    pub fn message(&self) -> Msg {
        A::input_error(self.field.clone(), self.value.clone(), self.reason.clone())
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())
    }
}

fn shown(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s }
}

struct Reader<'a> {
    errors: Vec<InputError>,
    units: &'a [String],
}

impl Reader<'_> {
    fn bad(&mut self, field: &str, value: &Value, reason: Msg) {
        self.errors.push(InputError { field: field.into(), value: shown(value), reason });
    }

    fn text(&mut self, obj: &serde_json::Map<String, Value>, field: &str, path: &str, required: bool) -> String {
        match obj.get(field) {
            None | Some(Value::Null) => {
                if required {
                    self.bad(path, &Value::Null, A::input_required());
                }
                String::new()
            }
            Some(Value::String(s)) => {
                let t = s.trim();
                if required && t.is_empty() {
                    self.bad(path, &Value::String(s.clone()), A::input_required());
                } else if t.chars().count() > MAX_TEXT {
                    self.bad(path, &Value::String(s.clone()), A::input_too_long(MAX_TEXT));
                } else if t.chars().any(char::is_control) {
                    self.bad(path, &Value::String(s.clone()), A::input_control_chars());
                }
                t.to_string()
            }
            Some(v) => {
                self.bad(path, v, A::input_not_text());
                String::new()
            }
        }
    }

    fn number(&mut self, obj: &serde_json::Map<String, Value>, field: &str, path: &str, required: bool) -> Option<f64> {
        match obj.get(field) {
            None | Some(Value::Null) => {
                if required {
                    self.bad(path, &Value::Null, A::input_required());
                }
                None
            }
            Some(v @ Value::Number(n)) => match n.as_f64() {
                Some(x) if x.is_finite() && x >= 0.0 && x < 1e12 => Some(x),
                _ => {
                    self.bad(path, v, A::input_not_quantity());
                    None
                }
            },
            Some(v) => {
                self.bad(path, v, A::input_not_number());
                None
            }
        }
    }

    fn boolean(&mut self, obj: &serde_json::Map<String, Value>, field: &str, path: &str) -> bool {
        match obj.get(field) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(v) => {
                self.bad(path, v, A::input_not_bool());
                false
            }
        }
    }

    fn list<'v>(&mut self, obj: &'v serde_json::Map<String, Value>, field: &str) -> Option<&'v Vec<Value>> {
        match obj.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Array(a)) if a.len() <= MAX_ITEMS => Some(a),
            Some(v @ Value::Array(_)) => {
                self.bad(field, v, A::input_too_many(MAX_ITEMS));
                None
            }
            Some(v) => {
                self.bad(field, v, A::input_not_list());
                None
            }
        }
    }

    fn unit(&mut self, obj: &serde_json::Map<String, Value>, path: &str) -> String {
        let u = self.text(obj, "unit", path, true);
        if !u.is_empty() && !self.units.iter().any(|k| k == &u) {
            self.bad(path, &Value::String(u.clone()), A::input_unit(self.units.join(", ")));
        }
        u
    }

    fn unknown_keys(&mut self, obj: &serde_json::Map<String, Value>, known: &[&str], prefix: &str) {
        for (k, v) in obj {
            if !known.contains(&k.as_str()) {
                let field = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                self.bad(&field, v, A::input_unknown_field(known.join(", ")));
            }
        }
    }
}

const TOP: &[&str] = &[
    "name", "kind", "enterprise", "company", "industry", "division", "in_park", "park", "products", "energy_tce", "coal_t", "coal_offset_t",
    "fuels", "emissions", "replaced", "upsizing_core_enterprise",
];

/// Parse a project from JSON text. `units` are the capacity units of the catalogue. All
/// problems are reported at once.
pub fn parse(text: &str, units: &[String]) -> Result<Project, Vec<InputError>> {
    if text.len() > MAX_BYTES {
        return Err(vec![InputError { field: "".into(), value: format!("{} bytes", text.len()), reason: A::input_file_too_large(MAX_BYTES) }]);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![InputError { field: "".into(), value: format!("line {} column {}", e.line(), e.column()), reason: A::input_not_json(e.to_string()) }]
    })?;
    from_value(&value, units)
}

pub fn from_value(value: &Value, units: &[String]) -> Result<Project, Vec<InputError>> {
    let mut r = Reader { errors: Vec::new(), units };
    let Some(obj) = value.as_object() else {
        return Err(vec![InputError { field: "".into(), value: shown(value), reason: A::input_not_object() }]);
    };
    r.unknown_keys(obj, TOP, "");
    let name = r.text(obj, "name", "name", true);
    let kind_text = r.text(obj, "kind", "kind", true);
    let kind = ProjectKind::parse(&kind_text);
    if kind.is_none() && !kind_text.is_empty() {
        r.bad("kind", &Value::String(kind_text.clone()), A::input_kind());
    }
    // The enterprise of the ledger, or a new company.
    let mut credit_code = String::new();
    match obj.get("enterprise") {
        None | Some(Value::Null) => {}
        Some(Value::Object(e)) => {
            r.unknown_keys(e, &["credit_code"], "enterprise");
            credit_code = r.text(e, "credit_code", "enterprise.credit_code", true);
            if !credit_code.is_empty() && crate::ledger::credit_code::validate(&credit_code).is_err() {
                r.bad("enterprise.credit_code", &Value::String(credit_code.clone()), A::input_credit_code());
            }
        }
        Some(v) => r.bad("enterprise", v, A::input_not_object()),
    }
    let company = match obj.get("company") {
        None | Some(Value::Null) => String::new(),
        Some(Value::Object(c)) => {
            r.unknown_keys(c, &["name"], "company");
            r.text(c, "name", "company.name", true)
        }
        Some(v) => {
            r.bad("company", v, A::input_not_object());
            String::new()
        }
    };
    if credit_code.is_empty() && company.is_empty() && !r.errors.iter().any(|e| e.field.starts_with("enterprise") || e.field.starts_with("company")) {
        r.bad("enterprise", &Value::Null, A::input_who());
    }
    let industry = r.text(obj, "industry", "industry", true);
    if !industry.is_empty() && !crate::ledger::codes::INDUSTRIES.is_class(&industry) {
        r.bad("industry", &Value::String(industry.clone()), A::input_industry());
    }
    let division = r.text(obj, "division", "division", true);
    if !division.is_empty() && !valid_division(&division) {
        r.bad("division", &Value::String(division.clone()), A::input_division());
    }
    let in_park = r.boolean(obj, "in_park", "in_park");
    let park = r.text(obj, "park", "park", false);
    if in_park && park.is_empty() {
        r.bad("park", &Value::Null, A::input_park_name());
    }
    let mut products = Vec::new();
    match r.list(obj, "products") {
        None if !obj.contains_key("products") || obj.get("products") == Some(&Value::Null) => r.bad("products", &Value::Null, A::input_no_capacity()),
        None => {}
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                let path = format!("products[{i}]");
                let Some(p) = item.as_object() else {
                    r.bad(&path, item, A::input_not_object());
                    continue;
                };
                r.unknown_keys(p, &["name", "unit", "added", "removed"], &path);
                let name = r.text(p, "name", &format!("{path}.name"), true);
                let unit = r.unit(p, &format!("{path}.unit"));
                let added = r.number(p, "added", &format!("{path}.added"), true);
                let removed = r.number(p, "removed", &format!("{path}.removed"), false).unwrap_or(0.0);
                if let Some(added) = added {
                    products.push(Product { name, unit, added, removed });
                }
            }
            if items.is_empty() || (!products.is_empty() && products.iter().all(|p| p.added == 0.0 && p.removed == 0.0)) {
                r.bad("products", &Value::Array(items.clone()), A::input_no_capacity());
            }
        }
    }
    let energy_tce = r.number(obj, "energy_tce", "energy_tce", false);
    let coal_t = r.number(obj, "coal_t", "coal_t", false);
    let coal_offset_t = r.number(obj, "coal_offset_t", "coal_offset_t", false).unwrap_or(0.0);
    let mut fuels = Vec::new();
    if let Some(items) = r.list(obj, "fuels") {
        for (i, f) in items.iter().enumerate() {
            match f.as_str() {
                Some(s) if FUELS.contains(&s) => fuels.push(s.to_string()),
                _ => r.bad(&format!("fuels[{i}]"), f, A::input_fuel(FUELS.join(", "))),
            }
        }
    }
    let emissions = match r.list(obj, "emissions") {
        None => None,
        Some(items) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let path = format!("emissions[{i}]");
                let Some(e) = item.as_object() else {
                    r.bad(&path, item, A::input_not_object());
                    continue;
                };
                r.unknown_keys(e, &["pollutant", "t", "offset_t"], &path);
                let pollutant = r.text(e, "pollutant", &format!("{path}.pollutant"), true);
                let t = r.number(e, "t", &format!("{path}.t"), true);
                let offset_t = r.number(e, "offset_t", &format!("{path}.offset_t"), false).unwrap_or(0.0);
                if let Some(t) = t {
                    out.push(Emission { pollutant, t, offset_t });
                }
            }
            Some(out)
        }
    };
    let mut replaced = Vec::new();
    if let Some(items) = r.list(obj, "replaced") {
        for (i, item) in items.iter().enumerate() {
            let path = format!("replaced[{i}]");
            let Some(x) = item.as_object() else {
                r.bad(&path, item, A::input_not_object());
                continue;
            };
            r.unknown_keys(x, &["case_id", "capacity", "unit", "division", "credit_code"], &path);
            let case_id = match x.get("case_id") {
                None | Some(Value::Null) => None,
                Some(v) => match v.as_i64() {
                    Some(n) if n > 0 => Some(n),
                    _ => {
                        r.bad(&format!("{path}.case_id"), v, A::input_case_id());
                        None
                    }
                },
            };
            let capacity = r.number(x, "capacity", &format!("{path}.capacity"), true);
            let unit = r.unit(x, &format!("{path}.unit"));
            let division = r.text(x, "division", &format!("{path}.division"), case_id.is_none());
            if !division.is_empty() && !valid_division(&division) {
                r.bad(&format!("{path}.division"), &Value::String(division.clone()), A::input_division());
            }
            let credit_code = r.text(x, "credit_code", &format!("{path}.credit_code"), false);
            if let Some(capacity) = capacity {
                if capacity == 0.0 {
                    r.bad(&format!("{path}.capacity"), &serde_json::json!(capacity), A::input_not_quantity());
                }
                replaced.push(Replaced { case_id, capacity, unit, division, credit_code });
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, x) in replaced.iter().enumerate() {
            if let Some(id) = x.case_id {
                if !seen.insert(id) {
                    r.bad(&format!("replaced[{i}].case_id"), &serde_json::json!(id), A::input_case_twice());
                }
            }
        }
    }
    let upsizing_core_enterprise = r.boolean(obj, "upsizing_core_enterprise", "upsizing_core_enterprise");
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    let kind = kind.unwrap_or(ProjectKind::New);
    Ok(Project {
        name,
        kind,
        credit_code,
        company,
        industry,
        division,
        in_park,
        park,
        products,
        energy_tce,
        coal_t,
        coal_offset_t,
        fuels,
        emissions,
        replaced,
        upsizing_core_enterprise,
    })
}

/// A division code as the ledger writes it: 6, 9 or 12 digits.
pub fn valid_division(code: &str) -> bool {
    matches!(code.len(), 6 | 9 | 12) && code.bytes().all(|b| b.is_ascii_digit())
}

/// The project as JSON in the input shape (what `parse` reads back to the same project).
pub fn to_value(p: &Project) -> Value {
    let mut v = serde_json::json!({
        "name": p.name,
        "kind": p.kind.code(),
        "industry": p.industry,
        "division": p.division,
        "in_park": p.in_park,
        "products": p.products,
        "coal_offset_t": p.coal_offset_t,
        "fuels": p.fuels,
        "replaced": p.replaced.iter().map(|r| {
            let mut x = serde_json::json!({ "capacity": r.capacity, "unit": r.unit });
            if let Some(id) = r.case_id { x["case_id"] = id.into(); }
            if !r.division.is_empty() { x["division"] = r.division.clone().into(); }
            if !r.credit_code.is_empty() { x["credit_code"] = r.credit_code.clone().into(); }
            x
        }).collect::<Vec<_>>(),
        "upsizing_core_enterprise": p.upsizing_core_enterprise,
    });
    if !p.credit_code.is_empty() {
        v["enterprise"] = serde_json::json!({ "credit_code": p.credit_code });
    }
    if !p.company.is_empty() {
        v["company"] = serde_json::json!({ "name": p.company });
    }
    if !p.park.is_empty() {
        v["park"] = p.park.clone().into();
    }
    if let Some(e) = p.energy_tce { v["energy_tce"] = e.into(); }
    if let Some(c) = p.coal_t { v["coal_t"] = c.into(); }
    if let Some(e) = &p.emissions { v["emissions"] = serde_json::json!(e); }
    v
}

#[cfg(test)]
pub(crate) fn tests_good() -> &'static str {
    tests::GOOD
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units() -> Vec<String> {
        crate::admission::catalogue::embedded().capacity_units.clone()
    }

    pub(crate) const GOOD: &str = r#"{"name":"x","kind":"new","company":{"name":"新公司"},"industry":"3011","division":"612002101",
        "in_park":false,"products":[{"name":"熟料","unit":"t/d","added":5000}],"energy_tce":10,"coal_t":0,"emissions":[]}"#;

    #[test]
    fn good_project_parses_and_round_trips() {
        let p = parse(GOOD, &units()).unwrap();
        assert_eq!(p.products[0].added, 5000.0);
        let again = from_value(&to_value(&p), &units()).unwrap();
        assert_eq!(p, again);
    }

    #[test]
    fn missing_location_and_capacity_are_named() {
        let e = parse(r#"{"name":"x","kind":"new","company":{"name":"c"},"industry":"3011","products":[]}"#, &units()).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"division"), "{fields:?}");
        assert!(fields.contains(&"products"), "{fields:?}");
        let e = parse(r#"{"name":"x","kind":"new","company":{"name":"c"},"industry":"3011","division":"612002"}"#, &units()).unwrap_err();
        assert_eq!(e[0].field, "products");
    }

    #[test]
    fn bad_values_name_field_value_and_reason() {
        let e = parse(&GOOD.replace("\"t/d\"", "\"furlongs\"").replace("5000", "-1"), &units()).unwrap_err();
        let m: Vec<String> = e.iter().map(|e| e.message().render(crate::i18n::Lang::En)).collect();
        assert!(m.iter().any(|m| m.contains("products[0].unit") && m.contains("furlongs")), "{m:?}");
        assert!(m.iter().any(|m| m.contains("products[0].added") && m.contains("-1")), "{m:?}");
        assert!(parse("[1,2", &units()).unwrap_err()[0].message().render(crate::i18n::Lang::En).contains("line 1"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn any_text_never_panics(s in "\\PC{0,200}") {
            let _ = parse(&s, &units());
        }

        #[test]
        fn mangled_good_project_never_panics(cut in 0usize..400, insert in "[\\[\\]{}\",:0-9a-z.-]{0,8}") {
            let mut s = GOOD.to_string();
            let at = s.char_indices().map(|(i, _)| i).nth(cut % GOOD.chars().count()).unwrap_or(0);
            s.insert_str(at, &insert);
            let _ = parse(&s, &units());
        }

        #[test]
        fn any_json_value_never_panics(v in arb_json()) {
            let _ = from_value(&v, &units());
        }
    }

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
            any::<i64>().prop_map(|i| Value::Number(i.into())),
            "[a-z0-9/]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 32, 6, |inner| {
            let keys = prop_oneof![
                Just("name".to_string()), Just("kind".to_string()), Just("products".to_string()), Just("replaced".to_string()),
                Just("unit".to_string()), Just("added".to_string()), Just("division".to_string()), Just("emissions".to_string()),
                Just("capacity".to_string()), Just("case_id".to_string()), "[a-z]{1,4}".prop_map(|s| s),
            ];
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(keys, inner, 0..5).prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
