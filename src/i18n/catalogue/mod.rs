//! The catalogue, one file per domain. To add a domain: create `<domain>.rs` with one
//! `crate::messages! { … }` block, then add one line to each list below (kept sorted).

use super::Entry;

pub mod account;
pub mod admission;
pub mod admin;
pub mod audit;
pub mod campaigns;
pub mod cases;
pub mod cli;
pub mod common;
pub mod complaints;
pub mod dashboard;
pub mod detectors;
pub mod enforcement;
pub mod enforcement_cases;
pub mod energy;
pub mod excel;
pub mod http;
pub mod inventory;
pub mod ledger;
pub mod limits;
pub mod login;
pub mod monitoring;
pub mod plans;
pub mod public;
pub mod publication;
pub mod rules;
pub mod screening;
pub mod submissions;
pub mod synergy;
pub mod tax;

/// Every domain file with its code prefix.
pub static ALL: &[(&str, &[Entry])] = &[
    ("account", account::ENTRIES),
    ("admission", admission::ENTRIES),
    ("admin", admin::ENTRIES),
    ("audit", audit::ENTRIES),
    ("campaigns", campaigns::ENTRIES),
    ("cases", cases::ENTRIES),
    ("cli", cli::ENTRIES),
    ("common", common::ENTRIES),
    ("complaints", complaints::ENTRIES),
    ("dashboard", dashboard::ENTRIES),
    ("detectors", detectors::ENTRIES),
    ("enforcement", enforcement::ENTRIES),
    ("enforcement_cases", enforcement_cases::ENTRIES),
    ("energy", energy::ENTRIES),
    ("excel", excel::ENTRIES),
    ("http", http::ENTRIES),
    ("inventory", inventory::ENTRIES),
    ("ledger", ledger::ENTRIES),
    ("limits", limits::ENTRIES),
    ("login", login::ENTRIES),
    ("monitoring", monitoring::ENTRIES),
    ("plans", plans::ENTRIES),
    ("public", public::ENTRIES),
    ("publication", publication::ENTRIES),
    ("rules", rules::ENTRIES),
    ("screening", screening::ENTRIES),
    ("submissions", submissions::ENTRIES),
    ("synergy", synergy::ENTRIES),
    ("tax", tax::ENTRIES),
];
