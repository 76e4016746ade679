//! Integration tests: labelled samples, the 2016 field corpus, HJ 212-2025 official vectors,
//! property tests.

mod corpus;
mod props;
mod samples;
mod v2025;

use std::path::PathBuf;

pub fn reference(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/hj212/")).join(name)
}

pub fn read_reference(name: &str) -> Vec<u8> {
    let p = reference(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}
