//! Single-threaded decode throughput over the 2016 field corpus.
//!
//! Full decode per packet: framing, length and CRC check, header parse, CP syntax check, then
//! iterate every CP item and parse every numeric value. Run in release:
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-hj212 cargo run --release -p hj212 --example decode_bench \
//!     --manifest-path crates/hj212/Cargo.toml [-- <file> [seconds]]
//! ```

use std::time::{Duration, Instant};

use hj212::{Status, Tolerance, decode};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/hj212/captures-2016-2005format.h212").to_string()
    });
    let secs: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let tol = Tolerance { nul_st: true, ..Tolerance::STRICT };

    let run = |data: &[u8]| -> (usize, usize, usize, f64) {
        let (mut ok, mut bad, mut items, mut sum) = (0usize, 0usize, 0usize, 0f64);
        let mut off = 0;
        while off < data.len() {
            match decode(&data[off..], &tol, None, true) {
                Status::Complete(p, used) => {
                    ok += 1;
                    for it in p.items() {
                        items += 1;
                        if let Some(n) = it.number() {
                            sum += n.as_f64();
                        }
                    }
                    off += used;
                }
                Status::Invalid(_, skip) => {
                    bad += 1;
                    off += skip;
                }
                Status::Partial => break,
            }
        }
        (ok, bad, items, sum)
    };

    let (ok, bad, items, _) = run(&data);
    println!("corpus: {} bytes, {ok} packets accepted, {bad} rejected, {items} CP items", data.len());
    let start = Instant::now();
    let mut loops = 0u64;
    let mut checksum = 0f64;
    while start.elapsed() < Duration::from_secs_f64(secs) {
        checksum += std::hint::black_box(run(std::hint::black_box(&data))).3;
        loops += 1;
    }
    let el = start.elapsed().as_secs_f64();
    let bytes = data.len() as f64 * loops as f64;
    let packets = (ok + bad) as f64 * loops as f64;
    println!(
        "{loops} passes in {el:.2} s: {:.1} MB/s, {:.0} packets/s, {:.1} ns/packet (checksum {checksum:.3e})",
        bytes / el / 1e6,
        packets / el,
        el * 1e9 / packets
    );

    // CRC alone, for reference.
    let start = Instant::now();
    let mut n = 0u64;
    let mut acc = 0u16;
    while start.elapsed() < Duration::from_secs_f64(secs.min(1.0)) {
        acc ^= hj212::crc16(std::hint::black_box(&data));
        n += 1;
    }
    let el = start.elapsed().as_secs_f64();
    println!("crc16 alone: {:.1} MB/s ({acc:04X})", data.len() as f64 * n as f64 / el / 1e6);
}
