//! Remediation campaigns (散乱污 remediation, heavy-polluting relocation, custom types):
//! the type definitions as data (`definition`), survey rows (`survey`), the item state
//! machine (`workflow`), progress figures and rankings (`progress`), field photos
//! (`photo`: image type, EXIF time and position) and patrol schedules (`patrol`).
//! No I/O here: `storage::campaigns` persists, `web::pages::campaigns` shows.

pub mod definition;
pub mod dossier;
pub mod patrol;
pub mod photo;
pub mod progress;
pub mod survey;
pub mod workflow;

pub use definition::{CampaignType, Disposition, WorkflowKind};
pub use survey::{Status, Verdict};
