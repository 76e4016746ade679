//! The district pollution–carbon synergy evaluation (减污降碳协同度, issue 13 item 4), pure:
//! no I/O.
//!
//! - `method`: min–max normalisation by direction, entropy weights, the coupling degree C,
//!   the coordination index T and the coupling-coordination degree D, hand-worked in its tests.
//! - `levels`: the level classes of D, a setting (`data/synergy/levels.toml`).
//! - `system`: the indicator system a bureau configures (`data/synergy/indicators.toml` is the
//!   default, on the five dimensions of the Xi'an plan), with the hook for computed indicators.
//! - `evaluate`: one evaluation from its stored inputs (recomputes identically).
//! - `table`: the command line's CSV files (indicators with a direction, subsystem scores),
//!   every problem named by row and column.

pub mod entry;
pub mod evaluate;
pub mod levels;
pub mod method;
pub mod system;
pub mod table;

pub use method::{Coupled, Direction, EntropyWeight};

/// Years as written on a form or the command line: `2025` or `2023-2025`.
pub fn parse_years(text: &str) -> Result<Vec<i32>, crate::i18n::Msg> {
    let bad = || crate::i18n::catalogue::synergy::years_invalid(text);
    let (a, b) = match text.trim().split_once('-') {
        Some((a, b)) => (a.trim().parse::<i32>().map_err(|_| bad())?, b.trim().parse::<i32>().map_err(|_| bad())?),
        None => {
            let y = text.trim().parse::<i32>().map_err(|_| bad())?;
            (y, y)
        }
    };
    if a > b || !(2000..=2100).contains(&a) || !(2000..=2100).contains(&b) {
        return Err(bad());
    }
    Ok((a..=b).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_parse() {
        assert_eq!(super::parse_years("2023-2025").unwrap(), vec![2023, 2024, 2025]);
        assert_eq!(super::parse_years(" 2024 ").unwrap(), vec![2024]);
        for bad in ["", "2025-2023", "abc", "1999", "2024-"] {
            assert!(super::parse_years(bad).is_err(), "{bad}");
        }
    }
}
