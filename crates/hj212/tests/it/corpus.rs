//! The 2016 field corpus (9,455 CRLF-terminated HJ/T 212-2005 packets).
//!
//! Known peers reject 8 packets: 5 length mismatches, 1 CRC mismatch, 1 missing header,
//! 1 unreadable length. Six more carry NUL bytes in ST under a valid CRC: strict decoding
//! rejects them as `bad_field_syntax`, the `nul_st` tolerance accepts them (see the crate docs).

use std::collections::BTreeMap;

use hj212::{Deviation, Reason, Status, Tolerance, decode, decode_line};

use crate::read_reference;

const FILE: &str = "captures-2016-2005format.h212";

fn peers_reject() -> BTreeMap<usize, Reason> {
    use Reason::*;
    BTreeMap::from([
        (2108, LengthMismatch),
        (3336, LengthMismatch),
        (3496, BadHeader), // `##9ST=...`: unreadable length
        (3669, CrcMismatch),
        (3670, BadHeader), // `2BC0`: no `##`
        (6303, LengthMismatch),
        (7151, LengthMismatch),
        (9197, LengthMismatch),
    ])
}

const NUL_ST_LINES: [usize; 6] = [251, 435, 1354, 1444, 4651, 6034];

fn lines(data: &[u8]) -> Vec<&[u8]> {
    let mut v: Vec<&[u8]> = data.split_inclusive(|&b| b == b'\n').collect();
    if v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

#[test]
fn corpus_line_by_line() {
    let data = read_reference(FILE);
    let lines = lines(&data);
    assert_eq!(lines.len(), 9455);
    let mut want = peers_reject();
    for l in NUL_ST_LINES {
        want.insert(l, Reason::BadFieldSyntax);
    }
    let mut got = BTreeMap::new();
    let mut values = 0usize;
    for (i, l) in lines.iter().enumerate() {
        assert!(l.ends_with(b"\r\n"));
        match decode_line(l, &Tolerance::STRICT, None) {
            Ok(p) => values += p.items().count(),
            Err(e) => {
                got.insert(i + 1, e.reason);
            }
        }
    }
    assert_eq!(got, want);
    assert!(values > 100_000, "{values}");

    // With `nul_st` only the 8 the peers reject remain, and the 6 record the deviation.
    let t = Tolerance { nul_st: true, ..Tolerance::STRICT };
    let mut got = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        match decode_line(l, &t, None) {
            Ok(p) => {
                assert_eq!(p.deviations.contains(Deviation::NulSt), NUL_ST_LINES.contains(&(i + 1)));
                if p.deviations.contains(Deviation::NulSt) {
                    assert_eq!(p.st, None);
                }
            }
            Err(e) => {
                got.insert(i + 1, e.reason);
            }
        }
    }
    assert_eq!(got, peers_reject());

    // Everything tolerated: the 8 stay rejected (bytes lost, CRC wrong, no header).
    let mut got = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        if let Err(e) = decode_line(l, &Tolerance::ALL, None) {
            got.insert(i + 1, e.reason);
        }
    }
    assert_eq!(got.keys().copied().collect::<Vec<_>>(), peers_reject().keys().copied().collect::<Vec<_>>());
}

#[test]
fn corpus_as_a_stream() {
    // Frame the whole file as one TCP stream, in chunks of odd sizes; map each result to the
    // line it started on. Same verdicts as line by line.
    let data = read_reference(FILE);
    let t = Tolerance { nul_st: true, ..Tolerance::STRICT };
    for chunk in [data.len(), 4096, 1000, 7] {
        let mut buf: Vec<u8> = Vec::new();
        let mut base = 0usize; // stream offset of buf[0]
        let mut fed = 0usize;
        let mut results: BTreeMap<usize, Result<(), Reason>> = BTreeMap::new();
        let starts: Vec<usize> =
            std::iter::once(0).chain(data.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1)).collect();
        let line_of = |off: usize| starts.partition_point(|&s| s <= off);
        loop {
            let at_eof = fed == data.len();
            let mut off = 0;
            loop {
                match decode(&buf[off..], &t, None, at_eof) {
                    Status::Complete(_, used) => {
                        results.insert(line_of(base + off), Ok(()));
                        off += used;
                    }
                    Status::Invalid(e, skip) => {
                        results.entry(line_of(base + off)).or_insert(Err(e.reason));
                        off += skip;
                    }
                    Status::Partial => break,
                }
                if off >= buf.len() {
                    break;
                }
            }
            buf.drain(..off);
            base += off;
            if at_eof {
                break;
            }
            let end = (fed + chunk).min(data.len());
            buf.extend_from_slice(&data[fed..end]);
            fed = end;
        }
        assert_eq!(results.len(), 9455, "chunk {chunk}");
        let rejected: BTreeMap<usize, Reason> =
            results.into_iter().filter_map(|(l, r)| r.err().map(|e| (l, e))).collect();
        assert_eq!(rejected, peers_reject(), "chunk {chunk}");
    }
}

#[test]
fn corpus_json_round_trip() {
    let data = read_reference(FILE);
    let t = Tolerance::STRICT;
    let mut n = 0;
    for l in lines(&data) {
        let v = hj212::decode_line_json(l, &t);
        if v["ok"] == true {
            let enc = hj212::encode_json(&v, &hj212::EncodeOptions::default()).unwrap();
            assert_eq!(hj212::decode_line_json(&enc, &t), v);
            n += 1;
        }
    }
    assert_eq!(n, 9455 - 14);
}

#[test]
fn the_direct_json_writer_matches_the_value_tree_on_every_packet() {
    // What `lantian hj212 decode` prints (write_line_json, write_packet_json) must be exactly
    // what the serde_json tree serialises to, strict and tolerant, line by line and as a stream;
    // the labelled samples add 2017 packets, GBK text and the rejections.
    let mut data = read_reference(FILE);
    data.extend_from_slice(&read_reference("samples.txt"));
    for tol in [Tolerance::STRICT, Tolerance::ALL] {
        let mut out = Vec::new();
        for line in lines(&data) {
            out.clear();
            hj212::write_line_json(line, &tol, None, &mut out);
            assert_eq!(String::from_utf8(out.clone()).unwrap(), hj212::decode_line_json(line, &tol).to_string(), "{}", String::from_utf8_lossy(line));
        }
        let (mut lines_out, mut values_out) = (hj212::StreamDecoder::new(tol, None), hj212::StreamDecoder::new(tol, None));
        let (mut written, mut values) = (Vec::new(), Vec::new());
        for chunk in data.chunks(4093) {
            lines_out.feed_lines(chunk, &mut written);
            values_out.feed(chunk, &mut values);
        }
        lines_out.finish_lines(&mut written);
        values_out.finish(&mut values);
        let expected: String = values.iter().map(|v| format!("{v}\n")).collect();
        assert!(values.len() > 9_000);
        assert!(String::from_utf8(written).unwrap() == expected, "the stream writer differs from the value tree");
    }
}
