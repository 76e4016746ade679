//! Reference code lists, read from the readable files in `data/` (embedded at build time
//! so the binary is self-contained on an intranet): GB/T 4754-2017 industries, GB/T 2260
//! divisions, and the equipment-kind vocabulary shared with the screening rules.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

const INDUSTRIES_CSV: &str = include_str!("../../data/industries/gbt4754-2017.csv");
const DIVISIONS_CSV: &str = include_str!("../../data/divisions/gbt2260.csv");
const EQUIPMENT_KINDS_CSV: &str = include_str!("../../data/equipment-kinds.csv");

#[derive(Clone, Debug, Deserialize)]
pub struct Industry {
    pub code: String,
    pub level: String,
    pub name_zh: String,
    pub parent: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DivisionRow {
    pub code: String,
    pub name_zh: String,
    pub level: String,
    pub parent: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct EquipmentKind {
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub capacity_unit: String,
    pub capacity_meaning_zh: String,
    pub industries: String,
    pub source: String,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Vec<T> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.unwrap_or_else(|e| panic!("data file {name} row {}: {e}", i + 2)))
        .collect()
}

pub struct Industries {
    pub all: Vec<Industry>,
    by_code: HashMap<String, usize>,
}

impl Industries {
    pub fn get(&self, code: &str) -> Option<&Industry> {
        self.by_code.get(code).map(|&i| &self.all[i])
    }
    /// Is this a 4-digit class code (the level the ledger records)?
    pub fn is_class(&self, code: &str) -> bool {
        self.get(code).is_some_and(|i| i.level == "class")
    }
    pub fn name(&self, code: &str) -> &str {
        self.get(code).map(|i| i.name_zh.as_str()).unwrap_or("")
    }
    pub fn classes(&self) -> impl Iterator<Item = &Industry> {
        self.all.iter().filter(|i| i.level == "class")
    }
}

pub static INDUSTRIES: LazyLock<Industries> = LazyLock::new(|| {
    let all: Vec<Industry> = parse("data/industries/gbt4754-2017.csv", INDUSTRIES_CSV);
    let by_code = all.iter().enumerate().map(|(i, r)| (r.code.clone(), i)).collect();
    Industries { all, by_code }
});

pub static GBT2260: LazyLock<Vec<DivisionRow>> =
    LazyLock::new(|| parse("data/divisions/gbt2260.csv", DIVISIONS_CSV));

pub struct EquipmentKinds {
    pub all: Vec<EquipmentKind>,
}

impl EquipmentKinds {
    /// By id or Chinese name, as people write either in a spreadsheet.
    pub fn find(&self, text: &str) -> Option<&EquipmentKind> {
        let t = text.trim();
        self.all.iter().find(|k| k.kind == t || k.name_zh == t)
    }
    pub fn name_zh<'a>(&'a self, kind: &'a str) -> &'a str {
        self.find(kind).map(|k| k.name_zh.as_str()).unwrap_or(kind)
    }

    /// The kind's name in `lang` (the code itself when the kind is unknown).
    pub fn name<'a>(&'a self, kind: &'a str, lang: crate::i18n::Lang) -> &'a str {
        match self.find(kind) {
            Some(k) => lang.pick(&k.name_zh, &k.name_en),
            None => kind,
        }
    }

    /// The Chinese name of a process code, as the kinds' `capacity_meaning_zh` column lists
    /// them (`工艺 process=dry(新型干法)/wet(湿法)`); None for a code no kind names.
    pub fn process_zh(&self, code: &str) -> Option<&str> {
        self.all.iter().find_map(|k| {
            let list = &k.capacity_meaning_zh[k.capacity_meaning_zh.find("process=")? + "process=".len()..];
            list.split('/').find_map(|item| {
                let (c, rest) = item.split_once('(')?;
                (c.trim() == code).then(|| rest.split(')').next().unwrap_or(rest).trim())
            })
        })
    }
}

/// A process code (`chain_grate`) as people read it: the Chinese name from the equipment kinds,
/// in English the code's words (`chain grate`), which are the technical terms themselves.
pub fn process_label(code: &str, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Zh => EQUIPMENT_KINDS.process_zh(code).map(str::to_string).unwrap_or_else(|| code.to_string()),
        crate::i18n::Lang::En => code.replace('_', " "),
    }
}

/// A capacity unit as people write it: `10k_pcs/a` is 万块/年, `m3` is m³.
pub fn unit_label(unit: &str, lang: crate::i18n::Lang) -> String {
    let zh = lang == crate::i18n::Lang::Zh;
    match unit {
        "10k_pcs/a" => if zh { "万块/年" } else { "10⁴ pcs/a" }.to_string(),
        "10k_t/a" => if zh { "万吨/年" } else { "10⁴ t/a" }.to_string(),
        "m2" => "m²".to_string(),
        "m3" => "m³".to_string(),
        other => other.to_string(),
    }
}

pub static EQUIPMENT_KINDS: LazyLock<EquipmentKinds> = LazyLock::new(|| EquipmentKinds {
    all: parse("data/equipment-kinds.csv", EQUIPMENT_KINDS_CSV),
});

/// The code prefix that selects a division's whole subtree among enterprise division codes:
/// 610000 → "61", 612000 → "6120", 612001 → "612001"; 9- and 12-digit codes are their own prefix.
pub fn subtree_prefix(code: &str) -> &str {
    if code.len() == 6 {
        if let Some(p) = code.strip_suffix("0000") {
            return p;
        }
        if let Some(p) = code.strip_suffix("00") {
            return p;
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load_and_know_key_codes() {
        assert_eq!(INDUSTRIES.name("3011"), "水泥制造");
        assert!(INDUSTRIES.is_class("3120"));
        assert!(!INDUSTRIES.is_class("30"));
        assert!(GBT2260.iter().any(|d| d.code == "610000"));
        assert!(GBT2260.iter().any(|d| d.code == "610900"), "Ankang");
        assert!(EQUIPMENT_KINDS.find("cement_clinker_line").is_some());
        assert!(EQUIPMENT_KINDS.all.iter().all(|k| !k.capacity_unit.is_empty()));
    }

    #[test]
    fn subtree_prefixes() {
        assert_eq!(subtree_prefix("610000"), "61");
        assert_eq!(subtree_prefix("612000"), "6120");
        assert_eq!(subtree_prefix("612001"), "612001");
        assert_eq!(subtree_prefix("612001003"), "612001003");
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn processes_and_units_read_as_words() {
        assert_eq!(process_label("clamp", Lang::Zh), "土窑");
        assert_eq!(process_label("dry", Lang::Zh), "新型干法");
        assert_eq!(process_label("chain_grate", Lang::En), "chain grate");
        assert_eq!(process_label("no_such_process", Lang::Zh), "no_such_process");
        assert_eq!(unit_label("10k_pcs/a", Lang::Zh), "万块/年");
        assert_eq!(unit_label("t/d", Lang::En), "t/d");
    }
}
