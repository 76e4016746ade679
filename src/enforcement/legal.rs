//! The legal bases an enforcement case may rest on (`data/enforcement/legal-basis.toml`): the
//! article, what it punishes, its fine range in yuan, and where the text was read. No I/O: the
//! file is embedded and checked when first used (and by the tests, against the texts in
//! `shared/reference/standards/`).

use std::sync::LazyLock;

use serde::Deserialize;

/// One article with its fine range.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    /// Stable code (`permit_34`, `air_99`): stored with every case.
    pub code: String,
    pub law_zh: String,
    pub law_en: String,
    pub article: u32,
    pub article_zh: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub fine_min_yuan: f64,
    pub fine_max_yuan: f64,
    /// The text it was read in (a file of `shared/reference/standards/`), the line of the article
    /// and a phrase of that line (the fine range).
    pub source_file: String,
    pub source_line: u32,
    pub source_quote: String,
    /// `verified` (read in the source) or `unverified`.
    pub status: String,
}

impl Basis {
    /// 「排污许可管理条例 第三十四条」 / "Regulation … Art. 34".
    pub fn title_zh(&self) -> String {
        format!("《{}》{}", self.law_zh, self.article_zh)
    }
    pub fn title_en(&self) -> String {
        format!("{}, Art. {}", self.law_en, self.article)
    }
    /// Whether a fine lies within the article's range (both ends included: 「以上」「以下」).
    pub fn admits_fine(&self, yuan: f64) -> bool {
        yuan.is_finite() && yuan >= self.fine_min_yuan && yuan <= self.fine_max_yuan
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    basis: Vec<Basis>,
}

/// Parse and check a legal-basis file: every problem as `line: reason` (English; the file is
/// reference data maintained with the code, not user input).
pub fn parse(text: &str) -> Result<Vec<Basis>, Vec<String>> {
    let file: File = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for b in &file.basis {
        let at = format!("basis {:?}", b.code);
        if b.code.is_empty() || !b.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            problems.push(format!("{at}: the code must be lower-case letters, digits and _"));
        }
        if !seen.insert(b.code.clone()) {
            problems.push(format!("{at}: the code is used twice"));
        }
        if !(b.fine_min_yuan.is_finite() && b.fine_min_yuan > 0.0 && b.fine_min_yuan <= b.fine_max_yuan) {
            problems.push(format!("{at}: the fine range {}–{} is not 0 < min ≤ max", b.fine_min_yuan, b.fine_max_yuan));
        }
        if !matches!(b.status.as_str(), "verified" | "unverified") {
            problems.push(format!("{at}: status {:?} must be verified or unverified", b.status));
        }
        if b.status == "verified" && (b.source_file.is_empty() || b.source_line == 0 || b.source_quote.is_empty()) {
            problems.push(format!("{at}: a verified basis names its source file, line and quote"));
        }
        for (name, v) in [("law_zh", &b.law_zh), ("law_en", &b.law_en), ("summary_zh", &b.summary_zh), ("summary_en", &b.summary_en), ("article_zh", &b.article_zh)] {
            if v.trim().is_empty() {
                problems.push(format!("{at}: {name} is empty"));
            }
        }
    }
    if problems.is_empty() { Ok(file.basis) } else { Err(problems) }
}

static BASES: LazyLock<Vec<Basis>> =
    LazyLock::new(|| parse(include_str!("../../data/enforcement/legal-basis.toml")).expect("data/enforcement/legal-basis.toml is well-formed (tested)"));

/// Every legal basis of the embedded list, in file order.
pub fn bases() -> &'static [Basis] {
    &BASES
}

/// The basis with this code.
pub fn find(code: &str) -> Option<&'static Basis> {
    BASES.iter().find(|b| b.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_list_parses_and_has_the_articles_of_the_facts_file() {
        let codes: Vec<&str> = bases().iter().map(|b| b.code.as_str()).collect();
        assert_eq!(codes, ["permit_34", "permit_36", "air_99", "air_100", "water_83"]);
        let range = |c: &str| find(c).map(|b| (b.fine_min_yuan, b.fine_max_yuan)).unwrap();
        // monitoring-facts.md §4.3.
        assert_eq!(range("permit_34"), (200_000.0, 1_000_000.0));
        assert_eq!(range("permit_36"), (20_000.0, 200_000.0));
        assert_eq!(range("air_99"), (100_000.0, 1_000_000.0));
        assert_eq!(range("air_100"), (20_000.0, 200_000.0));
        assert_eq!(range("water_83"), (100_000.0, 1_000_000.0));
        assert!(find("permit_34").unwrap().admits_fine(200_000.0) && find("permit_34").unwrap().admits_fine(1_000_000.0));
        assert!(!find("permit_34").unwrap().admits_fine(199_999.0) && !find("permit_34").unwrap().admits_fine(f64::NAN));
    }

    /// Every verified row's article is on the cited line of the cited text, with its fine range.
    #[test]
    fn verified_rows_are_where_they_say() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/standards");
        for b in bases().iter().filter(|b| b.status == "verified") {
            let text = std::fs::read_to_string(dir.join(&b.source_file)).unwrap_or_else(|e| panic!("{}: {e}", b.source_file));
            let line = text.lines().nth(b.source_line as usize - 1).unwrap_or_else(|| panic!("{} has no line {}", b.source_file, b.source_line));
            assert!(line.starts_with(&b.article_zh), "{}: line {} does not start with {}: {line}", b.code, b.source_line, b.article_zh);
            assert!(line.contains(&b.source_quote), "{}: line {} does not contain {}: {line}", b.code, b.source_line, b.source_quote);
        }
    }

    #[test]
    fn a_broken_file_is_refused_with_every_problem() {
        let text = r#"
[[basis]]
code = "Bad Code"
law_zh = "法"
law_en = "Law"
article = 1
article_zh = "第一条"
summary_zh = "摘要"
summary_en = ""
fine_min_yuan = 300
fine_max_yuan = 200
source_file = ""
source_line = 0
source_quote = ""
status = "verified"
"#;
        let problems = parse(text).unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(parse("[[basis]]\ncode = 1").is_err());
    }
}
