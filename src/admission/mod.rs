//! Project admission review (准入审核, issue 18 item 3), no I/O: the admission catalogue as
//! data (`catalogue`, `data/admission/*.toml`), the project as submitted (`project`, parsed
//! from JSON naming field, value and reason), the check of a project against the catalogue
//! (`check`: findings each with its cited rule, and a verdict) and the review's state machine
//! (`workflow`: submitted → checked → department opinions → decision with reasons → published).

pub mod catalogue;
pub mod check;
pub mod project;
pub mod workflow;

pub use catalogue::Catalogue;
pub use check::{check, Finding, Outcome, Outcomes, Verdict};
pub use project::Project;
