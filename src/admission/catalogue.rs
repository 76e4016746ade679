//! The admission catalogue as data (`data/admission/*.toml`): prohibited new capacity by
//! industry and region, where capacity replacement is not allowed, replacement ratios, coal
//! reduction and dual-control settings, emission totals, park requirements, each rule with its
//! citation. A file with a syntax error, an unknown key, kind, outcome, industry, region or
//! department, or a missing citation is refused with file, line and reason; nothing loads
//! unless every file does.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The catalogue shipped with the binary.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("demo.toml", include_str!("../../data/admission/demo.toml")),
    ("settings.toml", include_str!("../../data/admission/settings.toml")),
    ("xian.toml", include_str!("../../data/admission/xian.toml")),
    ("zhengzhou.toml", include_str!("../../data/admission/zhengzhou.toml")),
];

/// What a rule checks (see README.md in data/admission/).
pub const KINDS: &[&str] = &[
    "prohibit_new_capacity",
    "prohibit_coal_fuel",
    "no_replacement_in_province",
    "replacement_ratio",
    "park_required",
    "coal_ban",
    "coal_reduction",
    "dual_control",
    "emission_total",
    "review_required",
];
/// refuse: the project cannot be admitted; condition: admitted only once it is met; note: to
/// be done in the review (a department's opinion).
pub const OUTCOMES: &[&str] = &["refuse", "condition", "note"];
pub const PROJECT_KINDS: &[&str] = &["new", "expansion", "renovation", "relocation"];
pub const DEPARTMENTS: &[&str] = &["industry", "environment", "development", "market", "emergency"];
pub const STATUSES: &[&str] = &["verified", "secondary", "unverified"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    capacity_units: Vec<String>,
    #[serde(default)]
    rule: Vec<RuleText>,
    #[serde(default)]
    adopt: Vec<Adoption>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleText {
    id: String,
    kind: String,
    regions: Vec<String>,
    industries: Vec<String>,
    #[serde(default)]
    products: Vec<String>,
    #[serde(default)]
    requires_coal: bool,
    #[serde(default)]
    project_kinds: Vec<String>,
    outcome: String,
    departments: Vec<String>,
    title_zh: String,
    title_en: String,
    ratio: Option<f64>,
    ratio_status: Option<String>,
    ratio_source: Option<String>,
    threshold_tce: Option<f64>,
    threshold_status: Option<String>,
    threshold_source: Option<String>,
    #[serde(default)]
    pollutants: Vec<String>,
    citation: Option<Citation>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub document: String,
    pub issuer: String,
    pub clause: String,
    pub status: String,
    /// The seed file holding the quoted passage (`../shared/seeds/`), "" when none.
    pub seed: String,
    /// Its line in that file (0: none).
    pub line: usize,
    pub quote: String,
}

/// A division that applies the rules of other regions as its own (the demo city).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Adoption {
    pub division: String,
    pub follows: Vec<String>,
    pub status: String,
    pub source: String,
}

/// A number the rule uses, with where it comes from.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Setting {
    pub value: f64,
    pub status: String,
    pub source: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Rule {
    pub id: String,
    pub kind: String,
    /// Division codes (GB/T 2260) whose subtrees the rule covers; empty: everywhere.
    pub regions: Vec<String>,
    /// GB/T 4754-2017 codes (division, group or class): a project's class in any of them.
    pub industries: Vec<String>,
    /// Product names the rule is about (a project's product containing one); empty: any.
    pub products: Vec<String>,
    pub requires_coal: bool,
    pub project_kinds: Vec<String>,
    pub outcome: String,
    pub departments: Vec<String>,
    pub title_zh: String,
    pub title_en: String,
    /// replacement_ratio, coal_reduction, emission_total: capacity (or coal, or emission
    /// offset) required per unit added.
    pub ratio: Option<Setting>,
    /// dual_control: annual energy use (tce) from which the dual-control opinion is needed.
    pub threshold_tce: Option<Setting>,
    pub pollutants: Vec<String>,
    pub citation: Citation,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CatalogueError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Catalogue {
    pub rules: Vec<Rule>,
    pub adoptions: Vec<Adoption>,
    pub capacity_units: Vec<String>,
    /// SHA-256 over the files' names and contents: a check records the version it used.
    pub version: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

fn line_of_key(text: &str, key: &str, value: &str) -> usize {
    let needle = format!("\"{value}\"");
    text.lines().position(|l| l.trim_start().starts_with(key) && l.contains(&needle)).map(|i| i + 1).unwrap_or(1)
}

fn known_region(code: &str) -> bool {
    let demo = code.len() == 6 && code.starts_with(&crate::demo::CITY_CODE[..4]) && code.bytes().all(|b| b.is_ascii_digit());
    demo || crate::ledger::codes::GBT2260.iter().any(|d| d.code == code)
}

fn known_industry(code: &str) -> bool {
    code.bytes().all(|b| b.is_ascii_digit()) && (2..=4).contains(&code.len()) && crate::ledger::codes::INDUSTRIES.get(code).is_some()
        || code.len() == 3 && crate::ledger::codes::INDUSTRIES.classes().any(|c| c.code.starts_with(code))
}

fn setting(value: Option<f64>, status: Option<String>, source: Option<String>, what: &str, bad: &mut dyn FnMut(String)) -> Option<Setting> {
    let value = value?;
    if !value.is_finite() || value <= 0.0 {
        bad(format!("{what} {value} must be a positive number"));
    }
    let status = status.unwrap_or_else(|| "cited".into());
    if status != "cited" && !STATUSES.contains(&status.as_str()) {
        bad(format!("{what}_status {status:?} must be one of {}", STATUSES.join(", ")));
    }
    if status == "unverified" && source.as_deref().unwrap_or("").trim().is_empty() {
        bad(format!("an unverified {what} needs {what}_source saying where it comes from"));
    }
    Some(Setting { value, status, source: source.unwrap_or_default() })
}

/// Load and check every file; all problems of all files are reported together.
pub fn load(files: &[(String, String)]) -> Result<Catalogue, Vec<CatalogueError>> {
    use sha2::{Digest, Sha256};
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let mut adoptions = Vec::new();
    let mut units = Vec::new();
    let mut ids = HashSet::new();
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
                errors.push(CatalogueError { file: name.clone(), line, reason: e.message().to_string() });
                continue;
            }
        };
        for u in parsed.capacity_units {
            if u.trim().is_empty() || u.trim() != u {
                errors.push(CatalogueError { file: name.clone(), line: line_of_key(text, "capacity_units", &u), reason: format!("capacity unit {u:?} is blank or padded") });
            }
            if !units.contains(&u) {
                units.push(u);
            }
        }
        for a in parsed.adopt {
            let line = line_of_key(text, "division", &a.division);
            let mut bad = |reason: String| errors.push(CatalogueError { file: name.clone(), line, reason: format!("adoption {}: {reason}", a.division) });
            if !known_region(&a.division) {
                bad(format!("unknown division {:?} (a GB/T 2260 code)", a.division));
            }
            for f in &a.follows {
                if !known_region(f) {
                    bad(format!("unknown division {f:?} to follow (a GB/T 2260 code)"));
                }
            }
            if a.follows.is_empty() || a.source.trim().is_empty() || !STATUSES.contains(&a.status.as_str()) {
                bad("needs the regions it follows, a status (verified | secondary | unverified) and a source".into());
            }
            adoptions.push(a);
        }
        for r in parsed.rule {
            let line = line_of_key(text, "id", &r.id);
            let mut errs = Vec::new();
            let mut bad = |reason: String| errs.push(reason);
            if r.id.is_empty() || !r.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                bad("id must be kebab-case (a-z, 0-9, -)".into());
            }
            if !ids.insert(r.id.clone()) {
                bad("duplicate rule id".into());
            }
            if !KINDS.contains(&r.kind.as_str()) {
                bad(format!("unknown kind {:?} (one of {})", r.kind, KINDS.join(", ")));
            }
            if !OUTCOMES.contains(&r.outcome.as_str()) {
                bad(format!("unknown outcome {:?} (one of {})", r.outcome, OUTCOMES.join(", ")));
            }
            for g in &r.regions {
                if !known_region(g) {
                    bad(format!("unknown region {g:?} (a GB/T 2260 division code)"));
                }
            }
            for i in &r.industries {
                if !known_industry(i) {
                    bad(format!("unknown industry {i:?} (a GB/T 4754-2017 division, group or class code)"));
                }
            }
            for k in &r.project_kinds {
                if !PROJECT_KINDS.contains(&k.as_str()) {
                    bad(format!("unknown project kind {k:?} (one of {})", PROJECT_KINDS.join(", ")));
                }
            }
            if r.departments.is_empty() {
                bad("needs the departments whose opinion it asks for".into());
            }
            for d in &r.departments {
                if !DEPARTMENTS.contains(&d.as_str()) {
                    bad(format!("unknown department {d:?} (one of {})", DEPARTMENTS.join(", ")));
                }
            }
            if r.title_zh.trim().is_empty() || r.title_en.trim().is_empty() {
                bad("needs title_zh and title_en".into());
            }
            if r.products.iter().any(|p| p.trim().is_empty()) {
                bad("a product filter is blank".into());
            }
            let ratio = setting(r.ratio, r.ratio_status, r.ratio_source, "ratio", &mut bad);
            let threshold = setting(r.threshold_tce, r.threshold_status, r.threshold_source, "threshold", &mut bad);
            let needs_ratio = matches!(r.kind.as_str(), "replacement_ratio" | "coal_reduction" | "emission_total");
            if needs_ratio != ratio.is_some() {
                bad("ratio is required for replacement_ratio, coal_reduction and emission_total, and only for them".into());
            }
            if (r.kind == "dual_control") != threshold.is_some() {
                bad("threshold_tce is required for dual_control, and only for it".into());
            }
            if (r.kind == "emission_total") == r.pollutants.is_empty() {
                bad("pollutants are listed for emission_total, and only for it".into());
            }
            let citation = match r.citation {
                None => {
                    bad("missing citation".into());
                    None
                }
                Some(c) => {
                    if c.document.trim().is_empty() || c.clause.trim().is_empty() || c.quote.trim().is_empty() {
                        bad("citation needs a document, a clause and a quote".into());
                    }
                    if !STATUSES.contains(&c.status.as_str()) {
                        bad(format!("citation status {:?} must be one of {}", c.status, STATUSES.join(", ")));
                    }
                    if c.status != "unverified" && (c.seed.trim().is_empty() || c.line == 0) {
                        bad("a cited rule names the seed file and line of its quote".into());
                    }
                    Some(c)
                }
            };
            if !errs.is_empty() {
                errors.extend(errs.into_iter().map(|reason| CatalogueError { file: name.clone(), line, reason: format!("rule {}: {reason}", r.id) }));
                continue;
            }
            let Some(citation) = citation else { continue };
            rules.push(Rule {
                id: r.id,
                kind: r.kind,
                regions: r.regions,
                industries: r.industries,
                products: r.products,
                requires_coal: r.requires_coal,
                project_kinds: r.project_kinds,
                outcome: r.outcome,
                departments: r.departments,
                title_zh: r.title_zh,
                title_en: r.title_en,
                ratio,
                threshold_tce: threshold,
                pollutants: r.pollutants,
                citation,
                file: name.clone(),
                line,
            });
        }
    }
    if rules.is_empty() && errors.is_empty() {
        errors.push(CatalogueError { file: files.first().map(|f| f.0.clone()).unwrap_or_default(), line: 1, reason: "the catalogue holds no rule".into() });
    }
    if units.is_empty() && errors.is_empty() {
        errors.push(CatalogueError { file: files.first().map(|f| f.0.clone()).unwrap_or_default(), line: 1, reason: "no capacity_units are declared".into() });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let version = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect::<String>()[..16].to_string();
    Ok(Catalogue { rules, adoptions, capacity_units: units, version })
}

/// The catalogue shipped with the binary (checked by the tests, so this cannot fail in a build
/// that passed them).
pub fn embedded() -> &'static Catalogue {
    static C: std::sync::LazyLock<Catalogue> = std::sync::LazyLock::new(|| {
        let files: Vec<(String, String)> = EMBEDDED.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
        load(&files).unwrap_or_else(|e| panic!("embedded admission catalogue: {}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))
    });
    &C
}

/// Every `*.toml` file of a directory, in name order.
pub fn load_dir(dir: &Path) -> Result<Catalogue, Vec<CatalogueError>> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| vec![CatalogueError { file: dir.display().to_string(), line: 0, reason: e.to_string() }])?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) == Some("toml") {
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((path.file_name().unwrap_or_default().to_string_lossy().to_string(), text)),
                Err(e) => return Err(vec![CatalogueError { file: path.display().to_string(), line: 0, reason: e.to_string() }]),
            }
        }
    }
    files.sort();
    load(&files)
}

impl Catalogue {
    /// The regions whose rules apply in a division: its own ancestors, and what it adopted.
    pub fn covers(&self, region: &str, division: &str) -> Option<Option<&Adoption>> {
        use crate::ledger::codes::subtree_prefix;
        if division.starts_with(subtree_prefix(region)) {
            return Some(None);
        }
        self.adoptions
            .iter()
            .find(|a| division.starts_with(subtree_prefix(&a.division)) && a.follows.iter().any(|f| f == region))
            .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Result<Catalogue, Vec<CatalogueError>> {
        load(&[("t.toml".into(), text.into())])
    }

    #[test]
    fn embedded_catalogue_loads() {
        let c = embedded();
        assert!(c.rules.len() >= 10, "{}", c.rules.len());
        assert!(c.rules.iter().all(|r| !r.citation.quote.is_empty()));
    }

    /// Every cited quote is on its cited line of the seed (the seeds are in ../shared/seeds).
    #[test]
    fn quotes_are_on_their_seed_lines() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        if !dir.exists() {
            return;
        }
        for r in &embedded().rules {
            if r.citation.status == "unverified" {
                continue;
            }
            let text = std::fs::read_to_string(dir.join(&r.citation.seed)).unwrap();
            let line = text.lines().nth(r.citation.line - 1).unwrap_or("");
            assert!(line.contains(&r.citation.quote), "rule {}: quote not on {}:{}", r.id, r.citation.seed, r.citation.line);
        }
    }

    #[test]
    fn bad_files_are_refused_with_file_and_line() {
        let e = one("capacity_units = [\"t/a\"]\n[[rule]]\nid = \"x\"\nkind = \"nonsense\"\n").unwrap_err();
        assert_eq!((e[0].line, e[0].reason.contains("regions")), (2, true), "{e:?}");
        let text = "capacity_units = [\"t/a\"]\n\n[[rule]]\nid = \"a-b\"\nkind = \"prohibit_new_capacity\"\nregions = [\"999999\"]\nindustries = [\"9999\"]\noutcome = \"refuse\"\ndepartments = [\"nowhere\"]\ntitle_zh = \"x\"\ntitle_en = \"x\"\n";
        let e = one(text).unwrap_err();
        let all: Vec<String> = e.iter().map(|e| e.to_string()).collect();
        assert!(all.iter().all(|m| m.starts_with("t.toml:4: rule a-b")), "{all:?}");
        for needle in ["unknown region", "unknown industry", "unknown department", "missing citation"] {
            assert!(all.iter().any(|m| m.contains(needle)), "{needle}: {all:?}");
        }
        let e = one("capacity_units = [\"t/a\"]\n[[rule]]\nid = \"a\"\nkind = \"replacement_ratio\"\nregions = []\nindustries = []\noutcome = \"refuse\"\ndepartments = [\"industry\"]\ntitle_zh = \"x\"\ntitle_en = \"x\"\nratio = 1.5\nratio_status = \"unverified\"\n[rule.citation]\ndocument = \"d\"\nissuer = \"i\"\nclause = \"c\"\nstatus = \"unverified\"\nseed = \"\"\nline = 0\nquote = \"q\"\n").unwrap_err();
        assert!(e[0].reason.contains("ratio_source"), "{e:?}");
        let e = one("[[rule]\n").unwrap_err();
        assert_eq!(e[0].line, 1);
    }
}
