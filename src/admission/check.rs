//! A project checked against the admission catalogue: one finding per applicable rule (with
//! the rule's citation, and the settings it used with their status), and a verdict. No I/O;
//! what only the ledger knows (whether replaced capacity has really exited, whether another
//! project already counted it) is checked by `storage::admission` and added as findings of
//! the kind `replacement_ledger`.

use serde::{Deserialize, Serialize};

use super::catalogue::{Catalogue, Citation, Rule, Setting};
use super::project::Project;
use crate::i18n::catalogue::admission as A;
use crate::i18n::{Arg, Lang, Msg};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The project cannot be admitted.
    Refuse,
    /// The facts the rule needs are not in the project: said so, never guessed.
    Undecided,
    /// Admitted only once this is met.
    Condition,
    /// To be done in the review (an opinion, an assessment).
    Note,
    /// The rule applies and is met.
    Clear,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Refuse => "refuse",
            Outcome::Undecided => "undecided",
            Outcome::Condition => "condition",
            Outcome::Note => "note",
            Outcome::Clear => "clear",
        }
    }
    pub fn label(self) -> Msg {
        match self {
            Outcome::Refuse => A::outcome_refuse(),
            Outcome::Undecided => A::outcome_undecided(),
            Outcome::Condition => A::outcome_condition(),
            Outcome::Note => A::outcome_note(),
            Outcome::Clear => A::outcome_clear(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A rule refuses it.
    Refused,
    /// Facts are missing for some rule.
    Undecided,
    /// Admissible once its conditions are met.
    Conditional,
    Admissible,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Refused => "refused",
            Verdict::Undecided => "undecided",
            Verdict::Conditional => "conditional",
            Verdict::Admissible => "admissible",
        }
    }
    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Refused, Verdict::Undecided, Verdict::Conditional, Verdict::Admissible].into_iter().find(|v| v.code() == s)
    }
    pub fn label(self) -> Msg {
        match self {
            Verdict::Refused => A::verdict_refused(),
            Verdict::Undecided => A::verdict_undecided(),
            Verdict::Conditional => A::verdict_conditional(),
            Verdict::Admissible => A::verdict_admissible(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule_id: String,
    pub kind: String,
    pub outcome: Outcome,
    pub title_zh: String,
    pub title_en: String,
    pub explanation: Msg,
    pub citation: Citation,
    pub departments: Vec<String>,
    /// The division that applies this rule of another region as its own (an adoption).
    pub adopted_by: Option<String>,
    /// The setting the rule used (ratio, threshold) with its status.
    pub setting: Option<Setting>,
}

impl Finding {
    pub fn title(&self) -> Arg {
        Arg::both(self.title_zh.clone(), self.title_en.clone())
    }

    /// The finding as JSON (`lantian admission check`, stored with the project): the
    /// explanation rendered in `lang` and as code + parameters.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let (code, args) = self.explanation.to_stored();
        serde_json::json!({
            "rule": self.rule_id,
            "kind": self.kind,
            "outcome": self.outcome.code(),
            "title": if lang == Lang::Zh { &self.title_zh } else { &self.title_en },
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "explanation": self.explanation.render(lang),
            "explanation_code": code,
            "explanation_args": serde_json::from_str::<serde_json::Value>(&args).unwrap_or(serde_json::Value::Null),
            "citation": self.citation,
            "departments": self.departments,
            "adopted_by": self.adopted_by,
            "setting": self.setting,
        })
    }

    pub fn from_json(v: &serde_json::Value) -> Option<Finding> {
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let outcome: Outcome = serde_json::from_value(v.get("outcome")?.clone()).ok()?;
        let args = v.get("explanation_args").map(|a| a.to_string()).unwrap_or_else(|| "{}".into());
        let explanation = Msg::from_stored(&s("explanation_code"), &args).unwrap_or_else(|| A::stored_explanation_lost(s("explanation")));
        Some(Finding {
            rule_id: s("rule"),
            kind: s("kind"),
            outcome,
            title_zh: s("title_zh"),
            title_en: s("title_en"),
            explanation,
            citation: serde_json::from_value(v.get("citation")?.clone()).ok()?,
            departments: serde_json::from_value(v.get("departments").cloned().unwrap_or_default()).unwrap_or_default(),
            adopted_by: v.get("adopted_by").and_then(|x| x.as_str()).map(str::to_string),
            setting: v.get("setting").and_then(|x| serde_json::from_value(x.clone()).ok()),
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcomes {
    pub findings: Vec<Finding>,
    pub verdict: Verdict,
    /// Departments whose opinions the review needs (from the rules that apply).
    pub departments: Vec<String>,
    pub catalogue_version: String,
}

pub fn verdict_of(findings: &[Finding]) -> Verdict {
    let worst = findings.iter().map(|f| f.outcome).min().unwrap_or(Outcome::Clear);
    match worst {
        Outcome::Refuse => Verdict::Refused,
        Outcome::Undecided => Verdict::Undecided,
        Outcome::Condition => Verdict::Conditional,
        Outcome::Note | Outcome::Clear => Verdict::Admissible,
    }
}

/// The departments asked for an opinion: those of every finding, environment always (the
/// resource and environment admission review), in the order of `DEPARTMENTS`.
pub fn departments_of(findings: &[Finding]) -> Vec<String> {
    super::catalogue::DEPARTMENTS
        .iter()
        .filter(|d| **d == "environment" || findings.iter().any(|f| f.departments.iter().any(|x| x == *d)))
        .map(|d| d.to_string())
        .collect()
}

/// A figure as findings show it (up to three decimals, no trailing zeros).
pub fn fmt_number(x: f64) -> String {
    fmt(x)
}

fn fmt(x: f64) -> String {
    let s = format!("{:.3}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-0" { "0".into() } else { s.to_string() }
}

fn product_matches(rule: &Rule, name: &str) -> bool {
    rule.products.is_empty() || rule.products.iter().any(|p| name.contains(p.as_str()))
}

/// Per unit: capacity added, removed at the site, and replaced elsewhere, over the products the
/// rule is about (replaced capacity counts for the units the rule's products use).
fn capacity_by_unit(rule: &Rule, p: &Project) -> Vec<(String, f64, f64, f64)> {
    let mut out: Vec<(String, f64, f64, f64)> = Vec::new();
    for prod in p.products.iter().filter(|x| product_matches(rule, &x.name)) {
        match out.iter_mut().find(|(u, ..)| *u == prod.unit) {
            Some(e) => {
                e.1 += prod.added;
                e.2 += prod.removed;
            }
            None => out.push((prod.unit.clone(), prod.added, prod.removed, 0.0)),
        }
    }
    for r in &p.replaced {
        if let Some(e) = out.iter_mut().find(|(u, ..)| *u == r.unit) {
            e.3 += r.capacity;
        }
    }
    out
}

/// Check a project against the catalogue. `today` is not needed: the catalogue's rules carry no
/// dates yet.
pub fn check(cat: &Catalogue, p: &Project) -> Outcomes {
    let mut findings = Vec::new();
    for rule in &cat.rules {
        // Where: the rule's regions (or everywhere), directly or by adoption.
        let adopted_by = if rule.regions.is_empty() {
            Some(None)
        } else {
            rule.regions.iter().find_map(|g| cat.covers(g, &p.division))
        };
        let Some(adopted_by) = adopted_by else { continue };
        if !rule.industries.is_empty() && !rule.industries.iter().any(|i| p.industry.starts_with(i.as_str())) {
            continue;
        }
        if !rule.project_kinds.is_empty() && !rule.project_kinds.iter().any(|k| k == p.kind.code()) {
            continue;
        }
        if !rule.products.is_empty() && !p.products.iter().any(|x| product_matches(rule, &x.name)) {
            continue;
        }
        if rule.requires_coal && !p.uses_coal() {
            continue;
        }
        let refuse_or = |o: &str| match o {
            "refuse" => Outcome::Refuse,
            "condition" => Outcome::Condition,
            _ => Outcome::Note,
        };
        let (outcome, explanation, setting) = match rule.kind.as_str() {
            "prohibit_new_capacity" => {
                let by_unit = capacity_by_unit(rule, p);
                let grows: Vec<String> = by_unit
                    .iter()
                    .filter(|(_, a, r, x)| a - r - x > 1e-9)
                    .map(|(u, a, r, x)| format!("{} {u}", fmt(a - r - x)))
                    .collect();
                if grows.is_empty() {
                    (Outcome::Clear, A::why_no_net_capacity(), None)
                } else {
                    (refuse_or(&rule.outcome), A::why_net_capacity(grows.join(", "), p.industry.clone()), None)
                }
            }
            "prohibit_coal_fuel" | "coal_ban" => {
                if p.uses_coal() {
                    (refuse_or(&rule.outcome), A::why_uses_coal(p.coal_t.map(fmt).unwrap_or_else(|| "?".into())), None)
                } else if p.coal_t.is_none() && p.fuels.is_empty() {
                    (Outcome::Undecided, A::why_fuel_unknown(), None)
                } else {
                    (Outcome::Clear, A::why_no_coal(), None)
                }
            }
            "no_replacement_in_province" => {
                let province = &p.division[..p.division.len().min(2)];
                let inside: Vec<&super::project::Replaced> = p.replaced.iter().filter(|r| r.division.starts_with(province)).collect();
                let unknown = p.replaced.iter().filter(|r| r.division.is_empty()).count();
                if p.replaced.is_empty() {
                    (Outcome::Clear, A::why_no_replacement(), None)
                } else if unknown > 0 {
                    (Outcome::Undecided, A::why_replaced_location_unknown(unknown), None)
                } else if inside.is_empty() {
                    (Outcome::Clear, A::why_replacement_outside_province(), None)
                } else if p.upsizing_core_enterprise && !p.credit_code.is_empty() && inside.iter().all(|r| r.credit_code == p.credit_code) {
                    (Outcome::Condition, A::why_upsizing_declared(), None)
                } else if p.upsizing_core_enterprise {
                    (refuse_or(&rule.outcome), A::why_upsizing_not_internal(), None)
                } else {
                    let total: f64 = inside.iter().map(|r| r.capacity).sum();
                    (refuse_or(&rule.outcome), A::why_replacement_in_province(fmt(total), inside[0].unit.clone()), None)
                }
            }
            "replacement_ratio" => {
                let ratio = rule.ratio.clone().expect("checked at load");
                let by_unit = capacity_by_unit(rule, p);
                if p.replaced.is_empty() && p.kind != super::project::ProjectKind::Relocation {
                    // Not a replacement project: the prohibition rules judge its growth.
                    continue;
                }
                let short: Vec<String> = by_unit
                    .iter()
                    .filter(|(_, a, r, x)| *a > 0.0 && r + x + 1e-9 < ratio.value * a)
                    .map(|(u, a, r, x)| format!("{} {u} < {} × {} {u}", fmt(r + x), fmt(ratio.value), fmt(*a)))
                    .collect();
                if short.is_empty() {
                    (Outcome::Clear, A::why_ratio_met(fmt(ratio.value)), Some(ratio))
                } else {
                    (refuse_or(&rule.outcome), A::why_ratio_short(short.join(", "), fmt(ratio.value)), Some(ratio))
                }
            }
            "park_required" => {
                if p.in_park {
                    (Outcome::Clear, A::why_in_park(p.park.clone()), None)
                } else {
                    (refuse_or(&rule.outcome), A::why_outside_park(), None)
                }
            }
            "coal_reduction" => {
                let ratio = rule.ratio.clone().expect("checked at load");
                match p.coal_t {
                    None if p.fuels.iter().any(|f| f == "coal") => (Outcome::Undecided, A::why_coal_amount_missing(), Some(ratio)),
                    None if p.fuels.is_empty() => (Outcome::Undecided, A::why_fuel_unknown(), Some(ratio)),
                    None => (Outcome::Clear, A::why_no_coal(), Some(ratio)),
                    Some(c) if c <= 0.0 => (Outcome::Clear, A::why_no_coal(), Some(ratio)),
                    Some(c) if p.coal_offset_t + 1e-9 >= ratio.value * c => {
                        (Outcome::Clear, A::why_coal_offset_met(fmt(p.coal_offset_t), fmt(c), fmt(ratio.value)), Some(ratio))
                    }
                    Some(c) => (refuse_or(&rule.outcome), A::why_coal_offset_short(fmt(p.coal_offset_t), fmt(c), fmt(ratio.value)), Some(ratio)),
                }
            }
            "dual_control" => {
                let threshold = rule.threshold_tce.clone().expect("checked at load");
                match p.energy_tce {
                    None => (Outcome::Undecided, A::why_energy_missing(), Some(threshold)),
                    Some(e) if e >= threshold.value => (refuse_or(&rule.outcome), A::why_energy_review(fmt(e), fmt(threshold.value)), Some(threshold)),
                    Some(e) => (Outcome::Clear, A::why_energy_below(fmt(e), fmt(threshold.value)), Some(threshold)),
                }
            }
            "emission_total" => {
                let ratio = rule.ratio.clone().expect("checked at load");
                match &p.emissions {
                    None => (Outcome::Undecided, A::why_emissions_missing(), Some(ratio)),
                    Some(list) => {
                        let short: Vec<String> = list
                            .iter()
                            .filter(|e| rule.pollutants.iter().any(|x| x.eq_ignore_ascii_case(&e.pollutant)))
                            .filter(|e| e.t > 0.0 && e.offset_t + 1e-9 < ratio.value * e.t)
                            .map(|e| format!("{} {} t/a < {} × {} t/a", e.pollutant, fmt(e.offset_t), fmt(ratio.value), fmt(e.t)))
                            .collect();
                        if short.is_empty() {
                            (Outcome::Clear, A::why_totals_met(rule.pollutants.join(", ")), Some(ratio))
                        } else {
                            (refuse_or(&rule.outcome), A::why_totals_short(short.join("; ")), Some(ratio))
                        }
                    }
                }
            }
            "review_required" => (refuse_or(&rule.outcome), A::why_review_required(), None),
            _ => continue,
        };
        findings.push(Finding {
            rule_id: rule.id.clone(),
            kind: rule.kind.clone(),
            outcome,
            title_zh: rule.title_zh.clone(),
            title_en: rule.title_en.clone(),
            explanation,
            citation: rule.citation.clone(),
            departments: rule.departments.clone(),
            adopted_by: adopted_by.map(|a| a.division.clone()),
            setting,
        });
    }
    if findings.is_empty() {
        findings.push(Finding {
            rule_id: "no-rule-applies".into(),
            kind: "none".into(),
            outcome: Outcome::Note,
            title_zh: "本准入目录无适用条款".into(),
            title_en: "No rule of this admission catalogue applies".into(),
            explanation: A::why_no_rule(p.division.clone(), p.industry.clone()),
            citation: Citation {
                document: "".into(),
                issuer: "".into(),
                clause: "".into(),
                status: "unverified".into(),
                seed: "".into(),
                line: 0,
                quote: "".into(),
            },
            departments: vec!["environment".into()],
            adopted_by: None,
            setting: None,
        });
    }
    finish(findings, &cat.version)
}

/// Verdict and departments of a list of findings (also after the ledger's findings are added).
pub fn finish(mut findings: Vec<Finding>, version: &str) -> Outcomes {
    findings.sort_by(|a, b| a.outcome.cmp(&b.outcome));
    Outcomes { verdict: verdict_of(&findings), departments: departments_of(&findings), findings, catalogue_version: version.to_string() }
}

/// The whole outcome as JSON (the CLI's output; also stored with the project).
pub fn to_json(o: &Outcomes, lang: Lang) -> serde_json::Value {
    serde_json::json!({
        "verdict": o.verdict.code(),
        "verdict_text": o.verdict.label().render(lang),
        "catalogue_version": o.catalogue_version,
        "departments": o.departments,
        "findings": o.findings.iter().map(|f| f.to_json(lang)).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admission::catalogue::embedded;
    use crate::admission::project::parse;

    fn project(json: &str) -> Project {
        parse(json, &embedded().capacity_units).unwrap_or_else(|e| panic!("{}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))
    }

    fn rule<'a>(o: &'a Outcomes, id: &str) -> &'a Finding {
        o.findings.iter().find(|f| f.rule_id == id).unwrap_or_else(|| panic!("no finding {id}: {:?}", o.findings.iter().map(|f| &f.rule_id).collect::<Vec<_>>()))
    }

    /// A new cement line in Zhengzhou that only adds capacity: refused, citing seed 004 line 45.
    #[test]
    fn prohibited_project_is_refused_with_its_rule() {
        let p = project(r#"{"name":"新建熟料线","kind":"new","company":{"name":"某建材公司"},"industry":"3011","division":"410122",
            "in_park":true,"park":"某产业集聚区","products":[{"name":"熟料","unit":"t/d","added":5000}],
            "energy_tce":200000,"coal_t":0,"fuels":["natural_gas"],"emissions":[]}"#);
        let o = check(embedded(), &p);
        assert_eq!(o.verdict, Verdict::Refused);
        let f = rule(&o, "zz-2018-prohibit-overcapacity");
        assert_eq!(f.outcome, Outcome::Refuse);
        assert_eq!((f.citation.seed.as_str(), f.citation.line), ("004_287681968311ce01.txt", 45));
        assert!(f.explanation.render(Lang::En).contains("5000 t/d"), "{}", f.explanation.render(Lang::En));
        // A coal-fired ceramics kiln: refused by the coal rule.
        let p = project(r#"{"name":"陶瓷扩建","kind":"expansion","company":{"name":"某陶瓷"},"industry":"3071","division":"410181",
            "in_park":true,"park":"园区","products":[{"name":"陶瓷砖","unit":"万件/a","added":100}],"coal_t":3000,"emissions":[]}"#);
        let o = check(embedded(), &p);
        assert_eq!(rule(&o, "zz-2018-prohibit-coal-fired-refractories-ceramics").outcome, Outcome::Refuse);
        // A new chemical plant outside a park.
        let p = project(r#"{"name":"化工新建","kind":"new","company":{"name":"某化工"},"industry":"2641","division":"410122",
            "in_park":false,"products":[{"name":"涂料","unit":"t/a","added":10000}],"coal_t":0,"energy_tce":10,"emissions":[]}"#);
        assert_eq!(rule(&check(embedded(), &p), "zz-2018-chemicals-in-parks").outcome, Outcome::Refuse);
    }

    /// An auto-parts line in Zhengzhou, no coal, small energy use, emissions offset: admissible.
    #[test]
    fn allowed_project_is_admissible() {
        let p = project(r#"{"name":"汽车零部件","kind":"new","company":{"name":"某汽配"},"industry":"3670","division":"410122",
            "in_park":true,"park":"经开区","products":[{"name":"汽车零部件","unit":"万件/a","added":50}],"energy_tce":800,"coal_t":0,
            "fuels":["electricity","natural_gas"],"emissions":[{"pollutant":"VOCs","t":2.5,"offset_t":2.5}]}"#);
        let o = check(embedded(), &p);
        assert_eq!(o.verdict, Verdict::Admissible, "{:?}", o.findings);
        assert!(o.findings.iter().all(|f| f.outcome == Outcome::Clear));
        // Above the (unverified) dual-control threshold: a condition naming the setting.
        let mut p2 = p.clone();
        p2.energy_tce = Some(5000.0);
        let o = check(embedded(), &p2);
        assert_eq!(o.verdict, Verdict::Conditional);
        assert_eq!(rule(&o, "zz-2018-dual-control").setting.as_ref().unwrap().status, "unverified");
        // Energy not stated: undecided, not clear.
        p2.energy_tce = None;
        assert_eq!(rule(&check(embedded(), &p2), "zz-2018-dual-control").outcome, Outcome::Undecided);
    }

    /// Replacement: cement in-province replacement refused; a core enterprise's internal
    /// upsizing is a condition; a relocation must replace at least as much as it builds.
    #[test]
    fn replacement_projects() {
        let base = r#"{"name":"熟料线置换","kind":"expansion","enterprise":{"credit_code":"91410100MA00000007"},"company":{"name":"某水泥"},
            "industry":"3011","division":"410122","in_park":true,"park":"园区","products":[{"name":"熟料","unit":"t/d","added":5000}],
            "energy_tce":100,"coal_t":0,"fuels":["natural_gas"],"emissions":[],
            "replaced":[{"capacity":5000,"unit":"t/d","division":"410181","credit_code":"CODE"}]UPS}"#;
        let code = crate::ledger::credit_code::complete("91410100MA0000000").unwrap();
        let other = base.replace("91410100MA00000007", &code).replace("CODE", "OTHER").replace("UPS", "");
        let o = check(embedded(), &project(&other));
        assert_eq!(rule(&o, "zz-2018-no-replacement-in-province").outcome, Outcome::Refuse);
        assert_eq!(rule(&o, "zz-2018-prohibit-overcapacity").outcome, Outcome::Clear, "no net capacity");
        let upsizing = base.replace("91410100MA00000007", &code).replace("CODE", &code).replace("UPS", ",\"upsizing_core_enterprise\":true");
        let o = check(embedded(), &project(&upsizing));
        assert_eq!(rule(&o, "zz-2018-no-replacement-in-province").outcome, Outcome::Condition);
        assert_eq!(o.verdict, Verdict::Conditional);
        // Relocation of a foundry: replaced 800 t/a for 1000 t/a built → refused (等量或减量置换).
        let reloc = r#"{"name":"铸造退城入园","kind":"relocation","company":{"name":"某铸造"},"industry":"3391","division":"410122",
            "in_park":true,"park":"园区","products":[{"name":"铸件","unit":"t/a","added":1000,"removed":0}],"energy_tce":100,"coal_t":0,
            "fuels":["electricity"],"emissions":[],"replaced":[{"capacity":800,"unit":"t/a","division":"410102"}]}"#;
        let o = check(embedded(), &project(reloc));
        assert_eq!(rule(&o, "zz-2018-relocation-equal-or-reduced").outcome, Outcome::Refuse);
        assert_eq!(rule(&o, "zz-2018-prohibit-overcapacity").outcome, Outcome::Refuse, "200 t/a net growth");
        let o = check(embedded(), &project(&reloc.replace("\"capacity\":800", "\"capacity\":1000")));
        assert_eq!(rule(&o, "zz-2018-relocation-equal-or-reduced").outcome, Outcome::Clear);
        assert_eq!(o.verdict, Verdict::Admissible, "{:?}", o.findings);
    }

    /// The demo city follows the Zhengzhou and Xi'an rules by adoption: findings say so.
    #[test]
    fn demo_city_applies_adopted_rules() {
        let p = project(r#"{"name":"x","kind":"new","company":{"name":"c"},"industry":"3216","division":"612002101","in_park":true,"park":"p",
            "products":[{"name":"电解铝","unit":"t/a","added":100000}],"energy_tce":1,"coal_t":0,"fuels":["electricity"],"emissions":[]}"#);
        let o = check(embedded(), &p);
        let f = rule(&o, "zz-2018-prohibit-overcapacity-aluminium");
        assert_eq!((f.outcome, f.adopted_by.as_deref()), (Outcome::Refuse, Some("612000")));
        assert_eq!(rule(&o, "xa-2024-admission-review").outcome, Outcome::Note);
        // Outside every region and adoption: only the rules without regions apply.
        let mut far = p.clone();
        far.division = "110101".into();
        far.industry = "3670".into();
        assert_eq!(check(embedded(), &far).findings[0].rule_id, "no-rule-applies");
    }

    #[test]
    fn findings_round_trip_through_json() {
        let p = project(crate::admission::project::tests_good());
        let o = check(embedded(), &p);
        for f in &o.findings {
            assert_eq!(Finding::from_json(&f.to_json(Lang::Zh)).as_ref(), Some(f));
        }
    }
}
