//! Server-rendered pages (maud). One file per page; `layout` holds the frame.

pub mod account;
pub mod admin;
pub mod campaign_items;
pub mod campaigns;
pub mod cases;
pub mod dossier;
pub mod exceedances;
pub mod home;
pub mod import;
pub mod layout;
pub mod list;
pub mod login;
pub mod monitoring;
pub mod outlet;
pub mod patrol;
pub mod pager;
pub mod plans;
pub mod plans_annual;
pub mod plans_reports;
pub mod public;
pub mod rule_form;
pub mod rules;
pub mod screening;
pub mod submissions;
pub mod tax;
pub mod my_cases;
