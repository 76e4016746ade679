//! Who may change which rule (issue 17 item 5): a catalogue edit is compared rule by rule with
//! the version in force, and every rule it adds, changes, retires or removes must lie in the
//! editor's jurisdiction. A national or provincial rule (no `jurisdiction`, or one wider than
//! the editor's) is changed only by an account whose scope covers the whole platform; a county
//! bureau writes and retires the local rules of its county. Pure.

use std::collections::{BTreeMap, BTreeSet};

/// Whether an editor with `scope` may change a rule of `jurisdiction` (None: national or provincial).
pub fn editor_admits(scope: &crate::auth::Scope, jurisdiction: Option<&str>) -> bool {
    match (scope, jurisdiction) {
        (crate::auth::Scope::All, _) => true,
        (_, None) => false,
        (scope, Some(j)) => scope.admits_division(j),
    }
}

/// Each rule's id → (jurisdiction, its TOML as written), from the files of a catalogue
/// version. Files that do not parse contribute nothing (the catalogue check reports them).
pub fn rule_texts(files: &[(String, String)]) -> BTreeMap<String, (Option<String>, String)> {
    let mut out = BTreeMap::new();
    for (_, text) in files {
        let Ok(table) = text.parse::<toml::Table>() else { continue };
        let Some(rules) = table.get("rule").and_then(|r| r.as_array()) else { continue };
        for rule in rules {
            let Some(t) = rule.as_table() else { continue };
            let Some(id) = t.get("id").and_then(|v| v.as_str()) else { continue };
            let jurisdiction = t.get("jurisdiction").and_then(|v| v.as_str()).map(str::to_string);
            out.insert(id.to_string(), (jurisdiction, toml::to_string(t).unwrap_or_default()));
        }
    }
    out
}

/// The ids of the rules an edit from `old` to `new` touches that `admits` does not allow
/// (`admits(None)` asks about a national or provincial rule without a jurisdiction).
pub fn outside(old: &[(String, String)], new: &[(String, String)], admits: impl Fn(Option<&str>) -> bool) -> Vec<String> {
    let (old, new) = (rule_texts(old), rule_texts(new));
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut refused = Vec::new();
    for id in ids {
        let (before, after) = (old.get(id), new.get(id));
        if before.map(|b| &b.1) == after.map(|a| &a.1) {
            continue;
        }
        // Both the rule as it was and as it would be must be the editor's: a county may neither
        // take over a national rule nor widen its own rule to the province.
        let allowed = [before, after].into_iter().flatten().all(|(j, _)| admits(j.as_deref()));
        if !allowed {
            refused.push(id.clone());
        }
    }
    refused
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rules: &[(&str, Option<&str>, &str)]) -> Vec<(String, String)> {
        let mut text = String::new();
        for (id, j, outcome) in rules {
            text.push_str(&format!("[[rule]]\nid = \"{id}\"\n"));
            if let Some(j) = j {
                text.push_str(&format!("jurisdiction = \"{j}\"\n"));
            }
            text.push_str(&format!("outcome = \"{outcome}\"\n\n"));
        }
        vec![("f.toml".into(), text)]
    }

    /// A county bureau of 612002.
    fn county(j: Option<&str>) -> bool {
        j.is_some_and(|j| j.starts_with("612002"))
    }

    #[test]
    fn a_county_changes_its_own_rules_only() {
        let old = file(&[("national", None, "rectify"), ("mine", Some("612002"), "rectify")]);
        // Its own rule: changed, fine. Adding a local rule of its county: fine.
        let new = file(&[("national", None, "rectify"), ("mine", Some("612002"), "eliminate_now"), ("new", Some("612002"), "rectify")]);
        assert!(outside(&old, &new, county).is_empty());
        // Retiring or changing a national rule, adding a provincial one, widening its own: refused.
        let new = file(&[("national", None, "eliminate_now"), ("mine", Some("610000"), "rectify"), ("province", Some("610000"), "rectify")]);
        assert_eq!(outside(&old, &new, county), vec!["mine", "national", "province"]);
        // Removing a national rule is a change too.
        assert_eq!(outside(&old, &file(&[("mine", Some("612002"), "rectify")]), county), vec!["national"]);
        // Unchanged rules are nobody's business.
        assert!(outside(&old, &old, county).is_empty());
        // The platform's administrator may change anything.
        assert!(outside(&old, &file(&[]), |_| true).is_empty());
    }
}
