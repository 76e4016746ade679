//! Which records a viewer may see: the jurisdiction part of access control.
//! Every ledger query takes a `Scope` (there is no unscoped variant for the web
//! to call by mistake); out-of-scope records behave exactly like missing ones.

use crate::ledger::codes::subtree_prefix;
use crate::ledger::filter::prefix_upper_bound;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Administrators and the command line (an operator on the server).
    All,
    /// These divisions and everything below them (a county, a township, grid cells).
    Divisions(Vec<String>),
    /// One enterprise, by credit code.
    Enterprise(String),
    /// Nothing at all (e.g. an account whose jurisdiction is not set).
    Nothing,
}

impl Scope {
    /// The scope of an account from its stored fields.
    pub fn of_account(role: super::Role, divisions: &str, enterprise_code: &str) -> Scope {
        use super::Role;
        match role {
            Role::Admin => Scope::All,
            Role::Enterprise if !enterprise_code.is_empty() => Scope::Enterprise(enterprise_code.to_string()),
            Role::Enterprise => Scope::Nothing,
            _ => {
                let codes: Vec<String> = divisions.split_whitespace().map(str::to_string).collect();
                if codes.is_empty() { Scope::Nothing } else { Scope::Divisions(codes) }
            }
        }
    }

    /// SQL condition over enterprise alias `e`, with bind values numbered from `first`.
    pub fn where_clause(&self, first: usize) -> (String, Vec<String>) {
        match self {
            Scope::All => ("1=1".into(), vec![]),
            Scope::Nothing => ("1=0".into(), vec![]),
            Scope::Enterprise(code) => (format!("e.credit_code = ${first}"), vec![code.clone()]),
            Scope::Divisions(codes) => {
                let mut conds = Vec::new();
                let mut binds = Vec::new();
                for code in codes {
                    let prefix = subtree_prefix(code);
                    let Some(upper) = prefix_upper_bound(prefix) else { continue };
                    let n = first + binds.len();
                    // A county or wider holds a large share of the ledger: used as an index range
                    // it makes the planner sort every matching id to page through them (measured:
                    // list pages fell from thousands to tens of requests a second), so it is written
                    // as an expression no index serves and pages walk the primary key. Townships and
                    // grid cells are small: there the index range is the fast plan.
                    let column = if code.len() <= 6 { "(e.division_code || '')" } else { "e.division_code" };
                    conds.push(format!("({column} >= ${n} AND {column} < ${})", n + 1));
                    binds.push(prefix.to_string());
                    binds.push(upper);
                }
                if conds.is_empty() { ("1=0".into(), vec![]) } else { (format!("({})", conds.join(" OR ")), binds) }
            }
        }
    }

    /// Whether a record in this division (belonging to this enterprise) is in scope.
    pub fn admits(&self, division_code: &str, credit_code: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Nothing => false,
            Scope::Enterprise(code) => code == credit_code,
            Scope::Divisions(codes) => codes.iter().any(|c| division_code.starts_with(subtree_prefix(c))),
        }
    }

    /// Whether a division code is inside this scope (for division-level views).
    pub fn admits_division(&self, division_code: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Divisions(codes) => codes.iter().any(|c| division_code.starts_with(subtree_prefix(c))),
            Scope::Enterprise(_) | Scope::Nothing => false,
        }
    }

    /// The widest single division root, for narrowing views (the first listed).
    pub fn home_division(&self) -> Option<&str> {
        match self {
            Scope::Divisions(codes) => codes.first().map(String::as_str),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    #[test]
    fn divisions_cover_their_subtrees_only() {
        let county = Scope::Divisions(vec!["612002".into()]);
        assert!(county.admits("612002101", "x"));
        assert!(county.admits("612002101203", "x"));
        assert!(!county.admits("612003101", "x"));
        let city = Scope::Divisions(vec!["612000".into()]);
        assert!(city.admits("612021", "x") && !city.admits("610100", "x"));
        let cells = Scope::Divisions(vec!["612002101001".into(), "612002101002".into()]);
        assert!(cells.admits("612002101002", "x") && !cells.admits("612002101003", "x"));
        assert!(city.where_clause(1).0.contains("(e.division_code || '') >= $1"), "wide scopes walk the primary key");
        let (sql, binds) = cells.where_clause(3);
        assert_eq!(sql, "((e.division_code >= $3 AND e.division_code < $4) OR (e.division_code >= $5 AND e.division_code < $6))");
        assert_eq!(binds, ["612002101001", "612002101002", "612002101002", "612002101003"]);
    }

    #[test]
    fn accounts_without_a_jurisdiction_see_nothing() {
        assert_eq!(Scope::of_account(Role::Bureau, "  ", ""), Scope::Nothing);
        assert_eq!(Scope::of_account(Role::Enterprise, "612000", ""), Scope::Nothing);
        assert_eq!(Scope::of_account(Role::Admin, "", ""), Scope::All);
        assert_eq!(Scope::Nothing.where_clause(1).0, "1=0");
        assert_eq!(Scope::Divisions(vec!["junk".into()]).where_clause(1).0, "1=0");
        let e = Scope::of_account(Role::Enterprise, "", "91610000MA6TG2TX3P");
        assert!(e.admits("612002", "91610000MA6TG2TX3P") && !e.admits("612002", "91610000MA6TG2TX4X"));
    }
}
