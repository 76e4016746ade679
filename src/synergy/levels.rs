//! Level classes of the coupling-coordination degree D: a setting (`data/synergy/levels.toml`
//! by default), checked at load with file:line, stored with every evaluation.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::i18n::catalogue::synergy as msg;
use crate::i18n::{Lang, Msg};

pub const DEFAULT_FILE: &str = "data/synergy/levels.toml";
const DEFAULT_TEXT: &str = include_str!("../../data/synergy/levels.toml");

/// The default scale (the shipped file is valid: tested).
pub static DEFAULT: LazyLock<Scale> = LazyLock::new(|| Scale::parse(DEFAULT_FILE, DEFAULT_TEXT).expect("data/synergy/levels.toml is valid (tested)"));

/// One class: min < D ≤ max (the lowest class also takes D = min).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub code: u32,
    pub min: f64,
    pub max: f64,
    pub zh: String,
    pub en: String,
}

impl Level {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub name: String,
    /// The name in Chinese (the page's default language).
    #[serde(default)]
    pub name_zh: String,
    pub source: String,
    pub status: String,
    #[serde(rename = "level")]
    pub levels: Vec<Level>,
}

/// A problem of a scale file, at its line.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleError {
    pub file: String,
    pub line: usize,
    pub reason: Msg,
}

impl std::fmt::Display for ScaleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line of the n-th `[[level]]` table (for errors about one class).
fn line_of_level(text: &str, index: usize) -> usize {
    text.match_indices("[[level]]").nth(index).map(|(at, _)| line_of(text, at)).unwrap_or(1)
}

impl Scale {
    pub fn title(&self, lang: Lang) -> &str {
        if lang == Lang::Zh && !self.name_zh.is_empty() { &self.name_zh } else { &self.name }
    }

    /// Parse and check a scale file.
    pub fn parse(file: &str, text: &str) -> Result<Scale, Vec<ScaleError>> {
        let scale: Scale = toml::from_str(text).map_err(|e| {
            vec![ScaleError { file: file.into(), line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1), reason: msg::scale_syntax(e.message().to_string()) }]
        })?;
        let problems = scale.problems();
        if problems.is_empty() {
            Ok(scale)
        } else {
            Err(problems.into_iter().map(|(i, reason)| ScaleError { file: file.into(), line: i.map(|i| line_of_level(text, i)).unwrap_or(1), reason }).collect())
        }
    }

    /// What is wrong with the classes (the class index where one is at fault).
    pub fn problems(&self) -> Vec<(Option<usize>, Msg)> {
        let mut out = Vec::new();
        if self.levels.is_empty() {
            out.push((None, msg::scale_empty()));
            return out;
        }
        let mut expected = 0.0_f64;
        for (i, l) in self.levels.iter().enumerate() {
            if !(l.min < l.max) || !l.min.is_finite() || !l.max.is_finite() {
                out.push((Some(i), msg::scale_bounds(l.code, l.min, l.max)));
            }
            if (l.min - expected).abs() > 1e-12 {
                out.push((Some(i), msg::scale_gap(l.code, expected, l.min)));
            }
            if l.zh.trim().is_empty() || l.en.trim().is_empty() {
                out.push((Some(i), msg::scale_name(l.code)));
            }
            expected = l.max;
        }
        if (expected - 1.0).abs() > 1e-12 {
            out.push((Some(self.levels.len() - 1), msg::scale_end(expected)));
        }
        out
    }

    /// The class of D (min < D ≤ max; D at or below the lowest min goes to the lowest class,
    /// above the top to the top one).
    pub fn classify(&self, d: f64) -> &Level {
        self.levels.iter().find(|l| d <= l.max + 1e-12).unwrap_or_else(|| self.levels.last().expect("a checked scale has classes"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_scale_is_valid_and_classifies_at_the_boundaries() {
        let s = &*DEFAULT;
        assert_eq!(s.levels.len(), 10);
        assert_eq!(s.classify(0.0).code, 1);
        assert_eq!(s.classify(0.1).code, 1, "0.00 < D <= 0.10");
        assert_eq!(s.classify(0.1000001).code, 2);
        assert_eq!(s.classify(0.65).zh, "初级协调");
        assert_eq!(s.classify(1.0).code, 10);
    }

    #[test]
    fn a_gap_or_a_short_scale_is_refused_at_its_line() {
        let text = DEFAULT_TEXT.replace("min = 0.3\n", "min = 0.35\n");
        let errs = Scale::parse("levels.toml", &text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].reason.code(), "synergy.scale.gap");
        let line = text.lines().position(|l| l == "min = 0.35").unwrap() + 1;
        assert!(errs[0].line <= line && errs[0].line + 3 >= line, "{} vs {line}", errs[0].line);
        let text = DEFAULT_TEXT.replace("max = 1.0\n", "max = 0.95\n");
        assert_eq!(Scale::parse("levels.toml", &text).unwrap_err()[0].reason.code(), "synergy.scale.end");
        assert_eq!(Scale::parse("levels.toml", "name = 1").unwrap_err()[0].reason.code(), "synergy.scale.syntax");
    }
}
