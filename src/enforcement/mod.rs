//! Non-site enforcement (非现场执法, issue 10), pure (no I/O): what the valid averages of
//! `monitoring` become in the hands of an environment bureau.
//!
//! - `series`: an outlet's stored hours and days as judging reads them (the input of everything here);
//! - `limits`: the limit that applies to an outlet × pollutant on each time basis (hourly, daily);
//! - `episodes`: exceedances — consecutive exceeding valid hours (water: days) of one pollutant;
//! - `lead`: a finding as a lead (线索) of the responsible bureau, open, verified or dismissed;
//! - `finding`: what a detector or the exceedance judgment reports, with its explanation;
//! - `emissions`: actual emissions per outlet and pollutant against the permitted annual amount;
//! - `detectors`: the suspicious-data detectors (flatline, bunching below the limit, dilution, …);
//! - `case`: the enforcement case's state machine (立案 → … → 结案) and the decision on a lead;
//! - `legal`: the legal bases with their fine ranges (`data/enforcement/legal-basis.toml`).
//!
//! Storage: `storage::enforcement` (judging an outlet's window, episodes, leads) and
//! `storage::enforcement_cases` (lead decisions, cases, their steps and documents).

pub mod case;
pub mod detectors;
pub mod emissions;
pub mod episodes;
pub mod finding;
pub mod lead;
pub mod legal;
pub mod limits;
pub mod series;
pub mod settings;
