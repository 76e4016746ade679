//! What `lantian hj212 decode` does per line, without the process and the pipe: the 2016 corpus
//! decoded line by line to JSON text, (a) through the serde_json tree (`decode_line_json` then
//! `to_string`, what the CLI did before) and (b) written directly (`write_line_json`, what it
//! does now). Same output, checked. Run in release:
//!
//! ```text
//! cargo run --release -p hj212 --features json --example json_bench [-- <file> [seconds]]
//! ```

use std::time::{Duration, Instant};

use hj212::Tolerance;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/hj212/captures-2016-2005format.h212").to_string());
    let secs: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lines: Vec<&[u8]> = data.split_inclusive(|&b| b == b'\n').collect();
    let tol = Tolerance::STRICT;
    let tree = |out: &mut Vec<u8>| {
        for l in &lines {
            out.extend_from_slice(hj212::decode_line_json(l, &tol).to_string().as_bytes());
            out.push(b'\n');
        }
    };
    let direct = |out: &mut Vec<u8>| {
        for l in &lines {
            hj212::write_line_json(l, &tol, None, out);
            out.push(b'\n');
        }
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    tree(&mut a);
    direct(&mut b);
    assert!(a == b, "the two ways must print the same JSON");
    println!("corpus: {} bytes, {} lines, {} bytes of JSON", data.len(), lines.len(), b.len());
    for (name, f) in [("serde_json tree", &tree as &dyn Fn(&mut Vec<u8>)), ("direct writer", &direct)] {
        let mut out = Vec::with_capacity(b.len());
        let start = Instant::now();
        let mut loops = 0u64;
        while start.elapsed() < Duration::from_secs_f64(secs) {
            out.clear();
            f(&mut out);
            std::hint::black_box(&out);
            loops += 1;
        }
        let el = start.elapsed().as_secs_f64();
        println!("{name}: {loops} passes in {el:.2} s: {:.1} MB/s of input", data.len() as f64 * loops as f64 / el / 1e6);
    }
}
