//! Lantian (蓝天): the platform Chinese city and county governments use to run
//! industrial pollution control and pollution–carbon co-reduction.
//! See ARCHITECTURE.md for the bird's-eye view and the code map.

pub mod admission;
pub mod auth;
pub mod campaigns;
pub mod complaints;
pub mod cli;
pub mod demo;
pub mod energy;
pub mod enforcement;
pub mod error;
pub mod excel;
pub mod i18n;
pub mod inventory;
pub mod ingest;
pub mod ledger;
pub mod monitoring;
pub mod map;
pub mod plans;
pub mod screening;
pub mod simulate;
pub mod storage;
pub mod submissions;
pub mod synergy;
pub mod tax;
pub mod web;

pub use error::{Error, Result};
