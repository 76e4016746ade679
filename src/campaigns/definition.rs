//! Campaign types as data (`data/campaigns/*.toml`): identification criteria, dispositions,
//! the workflow each disposition follows and its checklist steps. A file with a syntax
//! error, an unknown key or an inconsistent definition is refused with file, line and reason.

use serde::{Deserialize, Serialize};

use crate::i18n::catalogue::campaigns as C;
use crate::i18n::Msg;

/// The built-in types, embedded so that the binary is self-contained.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("sanluanwu.toml", include_str!("../../data/campaigns/sanluanwu.toml")),
    ("relocation.toml", include_str!("../../data/campaigns/relocation.toml")),
];

pub const PROCEDURES: &str = include_str!("../../data/campaigns/procedures.toml");

/// What a disposition's cases go through after their checklist: closure (两断三清 and the
/// like: every step evidenced), upgrade (rectification with a deadline; overdue → another
/// disposition), relocation (target park, move date, old site disabled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowKind {
    Closure,
    Upgrade,
    Relocation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Text,
    Date,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub code: String,
    pub group: String,
    pub zh: String,
    pub en: String,
    /// The criterion is "missing procedures": the list comes from `procedures.toml`.
    #[serde(default)]
    pub procedures: bool,
    pub source: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub code: String,
    pub zh: String,
    pub en: String,
    /// The step is only done with a photo attached to it.
    #[serde(default)]
    pub photo: bool,
    /// The step records a value (a park's name, a date).
    pub value: Option<ValueKind>,
    pub source: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disposition {
    pub code: String,
    /// The word survey rows use in 整治方式.
    pub label: String,
    pub en: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub workflow: WorkflowKind,
    /// For upgrades: the disposition an overdue case turns into.
    pub overdue_becomes: Option<String>,
    /// Deadline for every enterprise (YYYY-MM-DD), or by size class below.
    pub deadline: Option<String>,
    pub deadline_sme: Option<String>,
    pub deadline_large: Option<String>,
    pub criteria_zh: Option<String>,
    pub source: String,
    #[serde(default)]
    pub step: Vec<Step>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignType {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub subject_zh: String,
    pub excluded_zh: String,
    pub subject_en: String,
    pub summary_zh: String,
    pub summary_shares_zh: String,
    pub summary_en: String,
    pub source: String,
    pub status: String,
    #[serde(default)]
    pub criterion: Vec<Criterion>,
    #[serde(default)]
    pub disposition: Vec<Disposition>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DefError {
    pub file: String,
    pub line: usize,
    pub reason: Msg,
}

impl DefError {
    /// File, line and reason, as people read it.
    pub fn message(&self) -> Msg {
        C::def_error(self.file.clone(), self.line, self.reason.clone())
    }
}

impl std::fmt::Display for DefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The line where `code = "<code>"` is written (for errors about one entry).
fn line_of_code(text: &str, code: &str) -> usize {
    let needle = format!("\"{code}\"");
    text.lines().position(|l| l.trim_start().starts_with("code") && l.contains(&needle)).map(|i| i + 1).unwrap_or(1)
}

const PLACEHOLDERS: [&str; 6] = ["{subject}", "{surveyed}", "{excluded_subject}", "{excluded}", "{completed}", "{by_disposition}"];

fn valid_day(s: &str) -> bool {
    crate::storage::cases::parse_day(s).is_some()
}

/// Parse and check one type definition.
pub fn load(file: &str, text: &str) -> Result<CampaignType, Vec<DefError>> {
    let t: CampaignType = toml::from_str(text).map_err(|e| {
        vec![DefError { file: file.into(), line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1), reason: C::def_syntax(e.message().to_string()) }]
    })?;
    let mut errors = Vec::new();
    let mut bad = |code: &str, reason: Msg| errors.push(DefError { file: file.into(), line: line_of_code(text, code), reason });
    let ident = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !ident(&t.code) {
        bad(&t.code, C::def_type_code(&t.code));
    }
    for p in PLACEHOLDERS {
        if p != "{excluded_subject}" && p != "{subject}" && !t.summary_zh.contains(p) {
            bad(&t.code, C::def_summary_placeholder(p));
        }
    }
    if t.criterion.is_empty() {
        bad(&t.code, C::def_no_criterion());
    }
    if t.disposition.is_empty() {
        bad(&t.code, C::def_no_disposition());
    }
    let mut seen = std::collections::HashSet::new();
    for c in &t.criterion {
        if !ident(&c.code) || !seen.insert(c.code.clone()) {
            bad(&c.code, C::def_bad_code(C::def_criterion(), &c.code));
        }
    }
    let mut labels = std::collections::HashSet::new();
    for d in &t.disposition {
        if !ident(&d.code) || !seen.insert(d.code.clone()) {
            bad(&d.code, C::def_bad_code(C::def_disposition(), &d.code));
        }
        for l in std::iter::once(&d.label).chain(&d.aliases) {
            if l.trim().is_empty() || !labels.insert(l.clone()) {
                bad(&d.code, C::def_label_twice(l));
            }
        }
        if d.step.is_empty() {
            bad(&d.code, C::def_no_steps(&d.code));
        }
        let mut steps = std::collections::HashSet::new();
        for s in &d.step {
            if !ident(&s.code) || !steps.insert(s.code.clone()) {
                bad(&s.code, C::def_bad_code(C::def_step(), &s.code));
            }
        }
        match (&d.overdue_becomes, d.workflow) {
            (Some(_), w) if w != WorkflowKind::Upgrade => bad(&d.code, C::def_overdue_only_upgrade(&d.code)),
            (Some(o), _) if !t.disposition.iter().any(|x| &x.code == o && x.workflow == WorkflowKind::Closure) => {
                bad(&d.code, C::def_overdue_not_closure(&d.code, o))
            }
            _ => {}
        }
        for day in [&d.deadline, &d.deadline_sme, &d.deadline_large].into_iter().flatten() {
            if !valid_day(day) {
                bad(&d.code, C::def_deadline_not_date(&d.code, day));
            }
        }
        if d.deadline.is_some() && (d.deadline_sme.is_some() || d.deadline_large.is_some()) {
            bad(&d.code, C::def_deadline_both(&d.code));
        }
        if d.deadline_sme.is_some() != d.deadline_large.is_some() {
            bad(&d.code, C::def_deadline_pair(&d.code));
        }
    }
    if errors.is_empty() { Ok(t) } else { Err(errors) }
}

/// The built-in type with this code (`sanluanwu`, `relocation`).
pub fn builtin(code: &str) -> Option<CampaignType> {
    EMBEDDED.iter().find_map(|(name, text)| load(name, text).ok().filter(|t| t.code == code))
}

impl CampaignType {
    pub fn disposition(&self, code: &str) -> Option<&Disposition> {
        self.disposition.iter().find(|d| d.code == code)
    }

    /// The disposition a survey row names (its label or an alias).
    pub fn disposition_by_label(&self, label: &str) -> Option<&Disposition> {
        let label = label.trim();
        self.disposition.iter().find(|d| d.label == label || d.aliases.iter().any(|a| a == label) || d.code == label)
    }

    pub fn labels(&self) -> Vec<&str> {
        self.disposition.iter().map(|d| d.label.as_str()).collect()
    }

    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criterion.iter().find(|c| c.code == code)
    }
}

impl Disposition {
    pub fn step(&self, code: &str) -> Option<&Step> {
        self.step.iter().find(|s| s.code == code)
    }

    /// The deadline that applies to an enterprise of this size class (large | medium | small | micro | "").
    pub fn deadline_for(&self, size_class: &str) -> Option<time::Date> {
        let day = match (&self.deadline, size_class) {
            (Some(d), _) => Some(d),
            (None, "large") => self.deadline_large.as_ref(),
            (None, _) => self.deadline_sme.as_ref(),
        };
        day.and_then(|d| crate::storage::cases::parse_day(d))
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureList {
    pub prefix: String,
    pub name: String,
    pub procedures: Vec<String>,
    /// The same approvals in English, in the same order.
    pub procedures_en: Vec<String>,
    pub source: String,
    pub status: String,
}

impl ProcedureList {
    /// The approvals in the reader's language, joined as that language lists things.
    pub fn names(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::Zh => self.procedures.join("、"),
            crate::i18n::Lang::En => self.procedures_en.join(", "),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProcedureFile {
    jurisdiction: Vec<ProcedureList>,
}

/// The procedures a candidate in this division should have (the longest matching prefix).
pub fn procedures_for(division_code: &str) -> ProcedureList {
    let file: ProcedureFile = toml::from_str(PROCEDURES).expect("data/campaigns/procedures.toml is checked by a unit test");
    let mut best: Option<ProcedureList> = None;
    for j in file.jurisdiction {
        let fits = j.prefix == "default" || division_code.starts_with(&j.prefix);
        let longer = best.as_ref().is_none_or(|b| b.prefix == "default" || (j.prefix != "default" && j.prefix.len() > b.prefix.len()));
        if fits && longer {
            best = Some(j);
        }
    }
    best.expect("procedures.toml has a default entry")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_types_load() {
        for (name, text) in EMBEDDED {
            let t = load(name, text).unwrap_or_else(|e| panic!("{e:?}"));
            assert!(!t.disposition.is_empty());
        }
        let s = builtin("sanluanwu").unwrap();
        assert_eq!(s.labels(), ["关停取缔", "改造提升", "整合搬迁"]);
        let shut = s.disposition_by_label("清理取缔").unwrap();
        assert_eq!(shut.step.iter().map(|x| x.code.as_str()).collect::<Vec<_>>(), ["cut_water", "cut_power", "clear_materials", "clear_products", "clear_equipment"]);
        let r = builtin("relocation").unwrap();
        let park = r.disposition("to_park").unwrap();
        assert_eq!(park.deadline_for("large"), crate::storage::cases::parse_day("2025-12-31"));
        assert_eq!(park.deadline_for("small"), crate::storage::cases::parse_day("2022-12-31"));
        let custom = include_str!("../../data/campaigns/custom/brick-kilns.toml");
        assert!(load("brick-kilns.toml", custom).is_ok());
    }

    #[test]
    fn procedures_differ_by_province() {
        assert!(procedures_for("440113").procedures.contains(&"能耗".to_string()));
        assert!(procedures_for("612002").procedures.contains(&"电力".to_string()));
        assert_eq!(procedures_for("211100").name, "盘锦市");
        assert_eq!(procedures_for("990000").prefix, "default");
        let file: ProcedureFile = toml::from_str(PROCEDURES).unwrap();
        for j in file.jurisdiction {
            assert_eq!(j.procedures.len(), j.procedures_en.len(), "{}: every approval is named in English too", j.prefix);
            assert!(j.procedures_en.iter().all(|p| !p.is_empty() && !crate::i18n::has_chinese(p)), "{}", j.prefix);
        }
    }

    #[test]
    fn bad_definitions_name_file_and_line() {
        let e = load("x.toml", "code = \"x\"\nname_zh = 1\n").unwrap_err();
        assert_eq!((e[0].file.as_str(), e[0].line), ("x.toml", 2));
        let text = EMBEDDED[0].1.replace("overdue_becomes = \"shutdown\"", "overdue_becomes = \"nothing\"");
        let e = load("s.toml", &text).unwrap_err();
        assert!(e[0].reason.render(crate::i18n::Lang::En).contains("overdue_becomes"), "{e:?}");
        assert_eq!(e[0].line, text.lines().position(|l| l.contains("code = \"upgrade\"")).unwrap() + 1);
        let text = EMBEDDED[0].1.replacen("photo = true", "photo = true\nphoto_count = 2", 1);
        let e = load("s.toml", &text).unwrap_err();
        assert!(e[0].reason.render(crate::i18n::Lang::En).contains("photo_count"), "unknown keys are refused: {e:?}");
    }
}
