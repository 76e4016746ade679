//! Code tables embedded from `data/hj212/*.csv`: pollutant codes (HJ 212-2017 Appendix B with
//! the HJ/T 212-2005 "原编码" column) and command codes.

use std::sync::OnceLock;

/// CSV sources, embedded at compile time.
pub const POLLUTANT_CODES_CSV: &str = include_str!("../../../data/hj212/pollutant_codes.csv");
pub const COMMANDS_CSV: &str = include_str!("../../../data/hj212/commands.csv");

/// Medium of a pollutant code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Water,
    Air,
}

/// One row of `pollutant_codes.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollutantCode {
    pub code_2017: String,
    pub name_zh: String,
    /// Empty when the standard gives `--` (no 2005 code).
    pub code_2005: String,
    pub unit: String,
    pub unit_amount: String,
    pub data_type: String,
    pub medium: Medium,
    pub source: String,
    pub verified: bool,
}

/// One row of `commands.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandInfo {
    pub cn: u16,
    pub name_zh: String,
    /// Versions that define the command, e.g. `["2005","2017","2025"]`.
    pub versions: Vec<String>,
    pub source: String,
    pub verified: bool,
}

/// Minimal RFC 4180 CSV line splitter (double quotes, `""` escapes; no embedded newlines).
pub(crate) fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if cur.is_empty() => quoted = true,
            (false, ',') => out.push(std::mem::take(&mut cur)),
            (_, c) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn rows(csv: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    csv.lines().skip(1).filter(|l| !l.trim().is_empty()).map(split_csv_line)
}

/// All pollutant codes.
pub fn pollutant_codes() -> &'static [PollutantCode] {
    static V: OnceLock<Vec<PollutantCode>> = OnceLock::new();
    V.get_or_init(|| {
        rows(POLLUTANT_CODES_CSV)
            .map(|r| PollutantCode {
                code_2017: r[0].clone(),
                name_zh: r[1].clone(),
                code_2005: r[2].clone(),
                unit: r[3].clone(),
                unit_amount: r[4].clone(),
                data_type: r[5].clone(),
                medium: if r[6] == "water" { Medium::Water } else { Medium::Air },
                source: r[7].clone(),
                verified: r[8] == "yes",
            })
            .collect()
    })
}

/// All command codes.
pub fn commands() -> &'static [CommandInfo] {
    static V: OnceLock<Vec<CommandInfo>> = OnceLock::new();
    V.get_or_init(|| {
        rows(COMMANDS_CSV)
            .map(|r| CommandInfo {
                cn: r[0].parse().expect("commands.csv: cn"),
                name_zh: r[1].clone(),
                versions: r[2].split('|').map(str::to_string).collect(),
                source: r[3].clone(),
                verified: r[4] == "yes",
            })
            .collect()
    })
}

/// Bitmap of known CNs (0..=9999), built once.
fn known_cn_bitmap() -> &'static [u64; 157] {
    static B: OnceLock<[u64; 157]> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = [0u64; 157];
        for c in commands() {
            b[c.cn as usize / 64] |= 1 << (c.cn % 64);
        }
        b
    })
}

/// Whether `cn` is in the command table (any version).
#[inline]
pub fn is_known_command(cn: u16) -> bool {
    cn <= 9999 && known_cn_bitmap()[cn as usize / 64] & (1 << (cn % 64)) != 0
}

/// Information about a command code.
pub fn command_info(cn: u16) -> Option<&'static CommandInfo> {
    commands().iter().find(|c| c.cn == cn)
}

/// Look up a 2017 code (e.g. `a21026`).
pub fn pollutant(code_2017: &str) -> Option<&'static PollutantCode> {
    pollutant_codes().iter().find(|p| p.code_2017 == code_2017)
}

/// Map an HJ/T 212-2005 pollutant code to the HJ 212-2017 code.
///
/// `medium` narrows the lookup (ST=32 → water, ST=31 → air): 2005 water codes are 3 digits
/// (`011`), gas codes 2 digits (`02`), flows `B01`/`B02`, flue parameters `S01`…`S08`, so
/// without a medium the lookup is still unambiguous; with a medium a code of the other table
/// is not mapped (e.g. a vendor `023` inside a flue-gas packet is not "total chromium").
pub fn map_2005_to_2017(code_2005: &[u8], medium: Option<Medium>) -> Option<&'static str> {
    if code_2005.is_empty() || code_2005.len() > 3 {
        return None;
    }
    // Looked up for every CP item of a 2005 packet: an index instead of a walk of the table.
    // Each slot keeps the first row of the table that matches, as the walk did.
    type Index = std::collections::HashMap<Box<[u8]>, [Option<&'static str>; 3]>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = Index::new();
        for p in pollutant_codes().iter().filter(|p| !p.code_2005.is_empty()) {
            let slots = index.entry(p.code_2005.as_bytes().into()).or_insert([None; 3]);
            let medium_slot = match p.medium {
                Medium::Water => 1,
                Medium::Air => 2,
            };
            for slot in [0, medium_slot] {
                slots[slot].get_or_insert(p.code_2017.as_str());
            }
        }
        index
    });
    let slot = match medium {
        None => 0,
        Some(Medium::Water) => 1,
        Some(Medium::Air) => 2,
    };
    index.get(code_2005).and_then(|slots| slots[slot])
}

/// The reverse mapping (2017 → 2005), when the standard gives one.
pub fn map_2017_to_2005(code_2017: &str) -> Option<&'static str> {
    pollutant(code_2017).filter(|p| !p.code_2005.is_empty()).map(|p| p.code_2005.as_str())
}

/// Medium implied by a system code (ST): 31 flue gas → air, 32 waste water → water.
/// (HJ 212-2017 Table 5: 21 surface water, 22 ambient air, 31 flue gas, 32 waste water.)
pub fn medium_for_st(st: Option<&str>) -> Option<Medium> {
    match st {
        Some("21") | Some("32") => Some(Medium::Water),
        Some("22") | Some("31") => Some(Medium::Air),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2005_index_agrees_with_a_walk_of_the_table() {
        let walk = |code: &[u8], medium: Option<Medium>| {
            pollutant_codes().iter().find(|p| p.code_2005.as_bytes() == code && medium.is_none_or(|m| m == p.medium)).map(|p| p.code_2017.as_str())
        };
        let mut codes: Vec<&[u8]> = pollutant_codes().iter().map(|p| p.code_2005.as_bytes()).filter(|c| !c.is_empty()).collect();
        codes.extend([b"999".as_slice(), b"S9", b"0"]);
        for c in codes {
            for m in [None, Some(Medium::Water), Some(Medium::Air)] {
                assert_eq!(map_2005_to_2017(c, m), walk(c, m), "{:?} {m:?}", String::from_utf8_lossy(c));
            }
        }
    }

    #[test]
    fn tables_load() {
        assert!(pollutant_codes().len() > 150);
        assert!(commands().len() > 40);
        assert!(pollutant_codes().iter().all(|p| p.verified));
    }

    #[test]
    fn mapping_2005() {
        let m = |c: &str, med| map_2005_to_2017(c.as_bytes(), med);
        assert_eq!(m("01", None), Some("a34013"));
        assert_eq!(m("02", None), Some("a21026"));
        assert_eq!(m("03", None), Some("a21002"));
        assert_eq!(m("S01", None), Some("a19001"));
        assert_eq!(m("S02", None), Some("a01011"));
        assert_eq!(m("S03", None), Some("a01012"));
        assert_eq!(m("B02", None), Some("a00000"));
        assert_eq!(m("B01", None), Some("w00000"));
        assert_eq!(m("011", None), Some("w01018"));
        assert_eq!(m("060", None), Some("w21003"));
        assert_eq!(m("023", Some(Medium::Air)), None);
        assert_eq!(m("023", Some(Medium::Water)), Some("w20116"));
        assert_eq!(m("a21026", None), None);
        assert_eq!(map_2017_to_2005("a21026"), Some("02"));
        let p = pollutant("a21026").unwrap();
        assert_eq!(p.name_zh, "二氧化硫");
        assert_eq!(p.unit, "毫克/立方米");
    }

    #[test]
    fn command_table() {
        for cn in [1011, 2011, 2051, 9013, 9014, 9015, 8013, 1014, 3020, 3024, 2111] {
            assert!(is_known_command(cn), "{cn}");
        }
        assert!(!is_known_command(1234));
        assert!(!is_known_command(9999));
        assert!(command_info(9015).unwrap().versions.contains(&"2025".to_string()));
    }

    #[test]
    fn csv_split() {
        assert_eq!(split_csv_line(r#"a,"b,c",,"d""e""#), ["a", "b,c", "", "d\"e"]);
    }
}
