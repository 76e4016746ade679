//! The enterprise list's search and filters, shared by the list page, the JSON API
//! and the exports, so that "export what I see" is always true.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[serde(default)]
pub struct ListFilter {
    /// Matches the name (substring) or the credit code (prefix).
    pub q: Option<String>,
    /// A division code; its whole subtree is included.
    pub division: Option<String>,
    /// A GB/T 4754 code at any level (2, 3 or 4 digits): a prefix match.
    pub industry: Option<String>,
    pub status: Option<String>,
    pub grade: Option<String>,
    /// 1-based page number.
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

pub const MAX_PER_PAGE: u32 = 200;

impl ListFilter {
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }
    pub fn per_page(&self) -> u32 {
        self.per_page.unwrap_or(20).clamp(1, MAX_PER_PAGE)
    }

    fn nonempty(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    /// SQL condition over table alias `e` and its bind values, in `$N` order starting at `first`.
    pub fn where_clause(&self, first: usize) -> (String, Vec<String>) {
        let mut conds = vec!["1=1".to_string()];
        let mut binds: Vec<String> = Vec::new();
        if let Some(q) = Self::nonempty(&self.q) {
            let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
            let n = first + binds.len();
            conds.push(format!(
                "(e.name LIKE ${n} ESCAPE '\\' OR e.credit_code LIKE ${} ESCAPE '\\')",
                n + 1
            ));
            binds.push(format!("%{escaped}%"));
            binds.push(format!("{}%", escaped.to_uppercase()));
        }
        let equal_or_prefix: [(Option<&str>, &str, bool); 4] = [
            (Self::nonempty(&self.division).map(crate::ledger::codes::subtree_prefix), "e.division_code", true),
            (Self::nonempty(&self.industry), "e.industry_code", true),
            (Self::nonempty(&self.status), "e.status", false),
            (Self::nonempty(&self.grade), "e.env_grade", false),
        ];
        for (value, column, prefix) in equal_or_prefix {
            if let Some(v) = value {
                let n = first + binds.len();
                match prefix.then(|| prefix_upper_bound(v)).flatten() {
                    // A prefix as a key range, so the column's index serves it on both databases
                    // (SQLite's case-insensitive LIKE cannot use a plain index).
                    Some(upper) => {
                        conds.push(format!("{column} >= ${n} AND {column} < ${}", n + 1));
                        binds.push(v.to_string());
                        binds.push(upper);
                    }
                    None => {
                        conds.push(format!("{column} = ${n}"));
                        binds.push(v.to_string());
                    }
                }
            }
        }
        (conds.join(" AND "), binds)
    }

    /// The query string that reproduces this filter (for pagination and export links).
    pub fn query_string(&self, page: Option<u32>) -> String {
        let mut parts = Vec::new();
        let mut add = |k: &str, v: &Option<String>| {
            if let Some(v) = Self::nonempty(v) {
                parts.push(format!("{k}={}", urlencode(v)));
            }
        };
        add("q", &self.q);
        add("division", &self.division);
        add("industry", &self.industry);
        add("status", &self.status);
        add("grade", &self.grade);
        if let Some(p) = page {
            parts.push(format!("page={p}"));
        }
        parts.join("&")
    }
}

/// The smallest string greater than every string starting with `prefix`, for digit codes
/// ("612021" → "612022", "6129" → "613"); None for anything that is not all ASCII digits.
pub(crate) fn prefix_upper_bound(prefix: &str) -> Option<String> {
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = prefix.as_bytes().to_vec();
    while let Some(last) = digits.pop() {
        if last < b'9' {
            digits.push(last + 1);
            return Some(String::from_utf8(digits).expect("ascii"));
        }
    }
    Some("a".into()) // all nines: every digit string sorts below a letter
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_numbered_binds() {
        let f = ListFilter {
            q: Some("水泥".into()),
            division: Some("612000".into()),
            status: Some("operating".into()),
            ..Default::default()
        };
        let (sql, binds) = f.where_clause(1);
        assert!(sql.contains("$1") && sql.contains("$2") && sql.contains("$3") && sql.contains("$4"));
        assert!(sql.contains("$5"));
        assert_eq!(binds, vec!["%水泥%", "水泥%", "6120", "6121", "operating"]);
    }

    #[test]
    fn prefix_bounds() {
        assert_eq!(prefix_upper_bound("612021").as_deref(), Some("612022"));
        assert_eq!(prefix_upper_bound("6129").as_deref(), Some("613"));
        assert_eq!(prefix_upper_bound("99").as_deref(), Some("a"));
        assert_eq!(prefix_upper_bound("C"), None);
    }

    #[test]
    fn like_wildcards_are_escaped() {
        let f = ListFilter { q: Some("50%_".into()), ..Default::default() };
        let (_, binds) = f.where_clause(1);
        assert_eq!(binds[0], "%50\\%\\_%");
    }
}
