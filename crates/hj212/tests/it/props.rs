//! Property tests: the framer never panics and always makes progress; encode/decode round trips.

use hj212::{EncodeOptions, Header, Status, Tolerance, decode, decode_line, encode, split_frame};
use proptest::prelude::*;

fn drain(buf: &[u8], tol: &Tolerance, at_eof: bool) -> usize {
    let mut off = 0;
    let mut steps = 0;
    while off < buf.len() {
        steps += 1;
        assert!(steps <= buf.len() + 1);
        match decode(&buf[off..], tol, None, at_eof) {
            Status::Complete(_, used) => {
                assert!(used > 0 && off + used <= buf.len());
                off += used;
            }
            Status::Invalid(_, skip) => {
                assert!(skip > 0 && off + skip <= buf.len(), "skip {skip} at {off} of {}", buf.len());
                off += skip;
            }
            Status::Partial => {
                assert!(!at_eof, "Partial at EOF");
                break;
            }
        }
    }
    off
}

fn arb_bytes() -> impl Strategy<Value = Vec<u8>> {
    // mostly protocol-looking bytes so that the interesting paths are reached
    let atoms = prop_oneof![
        Just(b"##".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"0101".to_vec()),
        Just(b"CP=&&".to_vec()),
        Just(b"&&".to_vec()),
        Just(b"1C80".to_vec()),
        Just(b"QN=1;ST=32;CN=2011;".to_vec()),
        Just(b"{0x01,0xAB}".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
        "[0-9A-Fa-f;,=-]{0,6}".prop_map(String::into_bytes),
    ];
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn framer_never_panics_and_progresses(buf in arb_bytes(), small in any::<bool>()) {
        let tol = if small { Tolerance { max_data_len: 16, ..Tolerance::ALL } } else { Tolerance::STRICT };
        drain(&buf, &tol, true);
        drain(&buf, &tol, false);
        let _ = decode_line(&buf, &tol, Some(&hj212::Key([0x30; 16])));
        let _ = split_frame(&buf, 1024, false);
        let _ = hj212::decode_stream_json(&buf, &Tolerance::ALL);
        // The CLI's direct JSON writer says exactly what the value tree says.
        let mut out = Vec::new();
        hj212::write_line_json(&buf, &tol, None, &mut out);
        prop_assert_eq!(String::from_utf8(out).unwrap(), hj212::decode_line_json(&buf, &tol).to_string());
    }

    #[test]
    fn random_bytes_never_panic(buf in prop::collection::vec(any::<u8>(), 0..300)) {
        drain(&buf, &Tolerance::ALL, true);
        let _ = hj212::decode_line_json(&buf, &Tolerance::STRICT);
    }

    #[test]
    fn encode_decode_round_trip(
        qn in proptest::option::of("[0-9]{17}"),
        st in proptest::option::of("[0-9]{2}"),
        cn in prop::sample::select(vec!["2011", "2051", "2061", "9014", "1062", "3020"]),
        pw in proptest::option::of("[0-9A-Za-z]{0,8}"),
        mn in proptest::option::of("[0-9A-F]{0,24}"),
        flag in proptest::option::of(0u8..12),
        dt in proptest::option::of("[0-9]{14}"),
        vals in prop::collection::vec(("[a-z][0-9]{5}", prop::sample::select(vec!["Rtd", "Avg", "Min", "Max", "Cou", "ZsRtd", "SampleTime", "Info"]),
            prop_oneof![any::<i32>().prop_map(|i| serde_json::json!(i)), (-1e6f64..1e6).prop_map(|f| serde_json::json!(f)), "[A-Za-z][A-Za-z0-9.]{0,6}".prop_map(|s| serde_json::json!(s))],
            proptest::option::of(prop::sample::select(vec!["N", "D", "T", "B"]))), 0..8),
        key in any::<bool>(),
    ) {
        let values: Vec<serde_json::Value> = vals.iter().map(|(c, f, v, fl)| serde_json::json!({"code": c, "field": f, "value": v, "flag": fl})).collect();
        let x = serde_json::json!({"qn": qn, "st": st, "cn": cn, "pw": pw, "mn": mn, "flag": flag, "data_time": dt, "values": values});
        let k = hj212::Key([0x42; 16]);
        let opts = EncodeOptions { key: key.then(|| k.clone()), ..EncodeOptions::default() };
        let bytes = hj212::encode_json(&x, &opts).unwrap();
        let v = hj212::decode_line_json_with_key(&bytes, &Tolerance::STRICT, Some(&k));
        prop_assert_eq!(&v["ok"], &serde_json::json!(true), "{}", v);
        // decode(encode(decode(..))) is a fixed point
        let bytes2 = hj212::encode_json(&v, &opts).unwrap();
        let v2 = hj212::decode_line_json_with_key(&bytes2, &Tolerance::STRICT, Some(&k));
        prop_assert_eq!(&v2, &v);
        prop_assert_eq!(&v["cn"], &serde_json::json!(cn));
        prop_assert_eq!(&v["mn"], &x["mn"]);
        prop_assert_eq!(&v["data_time"], &x["data_time"]);
        prop_assert_eq!(v["values"].as_array().unwrap().len(), vals.len());
        for (a, b) in v["values"].as_array().unwrap().iter().zip(&values) {
            prop_assert_eq!(&a["code"], &b["code"]);
            prop_assert_eq!(&a["field"], &b["field"]);
            prop_assert_eq!(&a["value"], &b["value"]);
            prop_assert_eq!(&a["flag"], &b["flag"]);
        }
    }

    #[test]
    fn header_round_trip(cp in "[A-Za-z0-9.=,;-]{0,200}", flag in proptest::option::of(any::<u8>())) {
        let h = Header { qn: Some("20240101000000000"), st: Some("32"), cn: "2011", pw: None, mn: Some("X"), flag, ..Header::default() };
        if let Ok(b) = encode(&h, cp.as_bytes(), &EncodeOptions::default()) {
            let r = decode_line(&b, &Tolerance::ALL, None);
            if let Ok(p) = r {
                prop_assert_eq!(p.cp(), cp.as_bytes());
                prop_assert_eq!(Header::of(&p), h);
            }
        }
    }
}
