//! Full decode (line and stream, strict and tolerant, with a key) and JSON round trip.
#![no_main]

use hj212::{EncodeOptions, Key, Status, Tolerance, decode, decode_line, decode_line_json_with_key, encode_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let key = Key([0x30; 16]);
    for tol in [Tolerance::STRICT, Tolerance::ALL] {
        let mut off = 0;
        while off < data.len() {
            match decode(&data[off..], &tol, Some(&key), true) {
                Status::Complete(p, used) => {
                    for it in p.items() {
                        let _ = it.number();
                        let _ = (it.code(), it.field());
                    }
                    for m in p.measurements() {
                        let _ = m.flag;
                    }
                    off += used;
                }
                Status::Invalid(_, skip) => off += skip,
                Status::Partial => panic!("Partial at EOF"),
            }
        }
        if let Ok(p) = decode_line(data, &tol, Some(&key)) {
            let _ = hj212::heartbeat_reply(&p);
            let v = decode_line_json_with_key(data, &tol, Some(&key));
            // JSON from a decode re-encodes, and re-decoding is a fixed point.
            let opts = EncodeOptions { key: p.encrypted.then(|| key.clone()), ..Default::default() };
            if let Ok(b) = encode_json(&v, &opts) {
                let v2 = decode_line_json_with_key(&b, &Tolerance::ALL, Some(&key));
                if v2["ok"] == true {
                    let b2 = encode_json(&v2, &opts).unwrap();
                    let v3 = decode_line_json_with_key(&b2, &Tolerance::ALL, Some(&key));
                    assert_eq!(v2["values"], v3["values"]);
                    assert_eq!(v2["cn"], v3["cn"]);
                }
            }
        }
    }
});
