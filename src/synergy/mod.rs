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
