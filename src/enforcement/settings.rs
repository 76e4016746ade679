//! `data/enforcement/judging.toml`: how far back detectors read and how often `serve` judges.

use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct Judging {
    pub history_days: i64,
    pub every_seconds: u64,
}

pub static JUDGING: LazyLock<Judging> =
    LazyLock::new(|| toml::from_str(include_str!("../../data/enforcement/judging.toml")).expect("data/enforcement/judging.toml is well-formed (tested)"));

#[cfg(test)]
mod tests {
    #[test]
    fn the_settings_parse() {
        assert!(super::JUDGING.history_days > 0 && super::JUDGING.every_seconds > 0);
    }
}
