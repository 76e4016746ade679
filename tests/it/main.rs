//! One integration-test binary (it links once). Storage behaviour runs on both
//! SQLite and PostgreSQL through `both_backends!`.

mod support;

mod access;
mod admission;
mod archive;
mod audit;
mod audit_witness;
mod backup;
mod campaigns;
mod cases;
mod cli;
mod complaints;
mod encodings;
mod enforcement;
mod enforcement_cases;
mod csv_injection;
mod demo_history;
mod error_pages;
mod headers;
mod excel_input;
mod import_limits;
mod import_scope;
mod energy;
mod inventory;
mod ingest;
mod ingest_hardening;
mod language;
mod ledger_storage;
mod lockout;
mod login_timing;
mod monitoring;
mod password_change;
mod lists;
mod monitoring_averages;
mod multinode;
mod plans;
mod plans_campaigns_language;
mod publication;
mod races;
mod security;
mod series;
mod submissions;
mod synergy;
mod tax;
mod web;
