//! HJ 212-2025 official test vectors (HJ212-2025-notes.md §4, Appendix A.1/A.2, key 16×0x30).

use hj212::{
    Deviation, EncodeOptions, Header, Key, LengthMode, Reason, Tolerance, Version, decode_line, encode, heartbeat_reply,
};

use crate::read_reference;

/// Extract the verbatim packets P1..P5 from the notes' table.
fn vectors() -> Vec<Vec<u8>> {
    let notes = String::from_utf8(read_reference("HJ212-2025-notes.md")).unwrap();
    let row = |p: &str| -> String {
        notes.lines().find(|l| l.starts_with(&format!("| {p} |"))).unwrap_or_else(|| panic!("{p}")).to_string()
    };
    let first_code = |l: &str| -> String {
        let a = l.find('`').unwrap() + 1;
        let b = a + l[a..].find('`').unwrap();
        l[a..b].to_string()
    };
    let mut v = Vec::new();
    for p in ["P1", "P2", "P3", "P4"] {
        let mut s = first_code(&row(p));
        assert!(s.starts_with("##"));
        s.push_str("\r\n");
        v.push(s.into_bytes());
    }
    // P5 = "Same header as P4 + `CP=&&{...}g=N&&B541`"
    let p4 = String::from_utf8(v[3].clone()).unwrap();
    let hdr = &p4[..p4.find("CP=&&").unwrap()];
    let cp = first_code(&row("P5"));
    assert!(cp.starts_with("CP=&&{0x"));
    v.push(format!("{hdr}{cp}\r\n").into_bytes());
    v
}

fn key() -> Key {
    Key([0x30; 16])
}

#[test]
fn a1_plain_packet() {
    let v = vectors();
    let p = decode_line(&v[0], &Tolerance::STRICT, None).unwrap();
    assert_eq!(p.version, Version::V2025);
    assert_eq!(p.flag, Some(9));
    assert!(p.needs_ack() && !p.is_split());
    assert_eq!(p.crc, 0x2200);
    assert_eq!(p.cp(), b"");
    let re = encode(&Header::of(&p), p.cp(), &EncodeOptions::default()).unwrap();
    assert_eq!(re, v[0]);
}

#[test]
fn a2_encrypted_vectors_decode_and_reencode() {
    let v = vectors();
    let t = Tolerance::STRICT;
    for (plain, enc, crc) in [(&v[1], &v[2], 0x2200), (&v[3], &v[4], 0xB541)] {
        let p = decode_line(plain, &t, None).unwrap();
        assert!(!p.encrypted);
        assert_eq!(p.crc, crc);
        // No key: the encrypted packet cannot be verified.
        assert_eq!(decode_line(enc, &t, None).unwrap_err().reason, Reason::MissingKey);
        // Wrong key: decrypts to garbage, CRC fails.
        assert!(decode_line(enc, &t, Some(&Key([0x31; 16]))).is_err());
        let e = decode_line(enc, &t, Some(&key())).unwrap();
        assert!(e.encrypted);
        assert!(e.deviations.is_empty(), "declared = plaintext length is the official reading");
        assert_eq!(e.declared_len, p.declared_len);
        assert_eq!(e.cp(), p.cp());
        assert_eq!(e.crc, crc);
        assert_eq!(e.cn, "2051");
        // Re-encode the plaintext with the key: byte for byte the official cipher text.
        let opts = EncodeOptions { key: Some(key()), length: LengthMode::Plaintext };
        let re = encode(&Header::of(&p), p.cp(), &opts).unwrap();
        assert_eq!(String::from_utf8_lossy(&re), String::from_utf8_lossy(enc));
        // The other reading of the length field (transmitted length) is accepted too.
        let opts = EncodeOptions { key: Some(key()), length: LengthMode::Transmitted };
        let tx = encode(&Header::of(&p), p.cp(), &opts).unwrap();
        let e2 = decode_line(&tx, &t, Some(&key())).unwrap();
        assert!(e2.deviations.contains(Deviation::TransmittedLength));
        assert_eq!(e2.cp(), p.cp());
        // Stream framing finds the end of the encrypted frame although the length field is short.
        let mut stream = enc.to_vec();
        stream.extend_from_slice(plain);
        let mut d = hj212::StreamDecoder::new(t, Some(key()));
        let mut out = vec![];
        d.feed(&stream, &mut out);
        d.finish(&mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["ok"], true, "{}", out[0]);
        assert_eq!(out[0]["encrypted"], true);
        assert_eq!(out[1]["encrypted"], false);
        assert_eq!(out[0]["values"], out[1]["values"]);
    }
    // P5 keeps the 3-byte tail `g=N` in plaintext.
    assert!(v[4].ends_with(b"}g=N&&B541\r\n"));
}

#[test]
fn crc_is_over_plaintext() {
    let v = vectors();
    let enc = &v[2];
    let s = enc.len();
    let seg = &enc[6..s - 6];
    assert_eq!(seg.len(), 1128);
    assert_eq!(hj212::crc16(seg), 0xEA41, "CRC of the transmitted text (not what is sent)");
}

#[test]
fn heartbeat_9015_answered_with_9013() {
    let seg = b"QN=20240601085857223;ST=32;CN=9015;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&&&";
    let line = hj212::frame_segment(seg);
    let p = decode_line(&line, &Tolerance::STRICT, None).unwrap();
    let r = heartbeat_reply(&p).expect("answer due");
    assert_eq!(
        String::from_utf8(r.clone()).unwrap(),
        String::from_utf8(hj212::frame_segment(
            b"QN=20240601085857223;ST=91;CN=9013;PW=123456;MN=010000A8900016F000169DC0;Flag=8;CP=&&&&"
        ))
        .unwrap()
    );
}

#[test]
fn rf_resend_and_split_flags() {
    let seg = b"QN=20240601085857223;ST=31;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=11;PNUM=2;PNO=1;RF=1;CP=&&DataTime=20240601085857;a34013-Rtd=12.34,a34013-RawAvg=7.1&&";
    let line = hj212::frame_segment(seg);
    let p = decode_line(&line, &Tolerance::STRICT, None).unwrap();
    assert_eq!(p.version, Version::V2025);
    assert_eq!(p.rf, Some(1));
    assert_eq!((p.pnum, p.pno), (Some(2), Some(1)));
    assert!(p.is_split() && p.needs_ack());
    let v = hj212::packet_to_json(&p);
    assert_eq!(v["rf"], 1);
    assert_eq!(v["values"][1]["field"], "RawAvg");
    let re = hj212::encode_json(&v, &EncodeOptions::default()).unwrap();
    assert_eq!(re, line);
}

#[test]
fn new_2025_commands_known() {
    for seg in [
        &b"QN=20240601085857223;ST=32;CN=1014;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&SKCreateTime=20240601085857223,NewSK=0000000000000000&&"[..],
        b"QN=20240601085857223;ST=32;CN=1002;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&i23005-Info=6970000000001ABCDEFG1234&&",
        b"QN=20240601085857223;ST=44;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&BeginTime=20240601064500;EndTime=20240601084500&&",
        b"QN=20240601085857223;ST=91;CN=9013;PW=123456;MN=;Flag=8;CP=&&&&",
        b"QN=20240601085857223;ST=32;CN=3022;PW=123456;MN=1;Flag=9;CP=&&PolId=w01018&&",
        b"QN=20240601085857223;ST=32;CN=2062;PW=123456;MN=1;Flag=9;CP=&&BeginTime=20240601080000;EndTime=20240601080000&&",
        b"QN=20240601085857223;ST=32;CN=1000;PW=123456;MN=1;Flag=9;CP=&&OverTime=5;ReCount=3&&",
        b"QN=20240601085857223;ST=32;CN=3024;PW=123456;MN=1;Flag=9;CP=&&PolId=w01018&&",
        b"QN=20240601085857223;ST=32;CN=2111;PW=123456;MN=1;Flag=9;CP=&&DataTime=20240601080000;a01901-Avg=850.1&&",
        b"QN=20240601085857223;ST=32;CN=1001;PW=123456;MN=;Flag=9;CP=&&i23005-Info=1;i23006-Info=2;i23007-Info=3;i23008-Info=4&&",
    ] {
        let line = hj212::frame_segment(seg);
        let p = decode_line(&line, &Tolerance::STRICT, None).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(seg)));
        assert_eq!(p.version, Version::V2025);
    }
}

#[test]
fn encrypted_1014_and_3020_with_utf8_log() {
    // 3020 with a Chinese log: both readings of the length (bytes, characters) are accepted.
    let cp = "DataTime=20240601085857;i11001-Info=//设备维护中，数据无效//";
    let h = Header { qn: Some("20240601085857223"), st: Some("32"), cn: "3020", pw: Some("123456"), mn: Some("M"), flag: Some(8), ..Header::default() };
    let opts = EncodeOptions { key: Some(key()), length: LengthMode::Plaintext };
    let pkt = encode(&h, cp.as_bytes(), &opts).unwrap();
    let p = decode_line(&pkt, &Tolerance::STRICT, Some(&key())).unwrap();
    assert!(p.encrypted);
    assert_eq!(p.cp(), cp.as_bytes());
    let plain = encode(&h, cp.as_bytes(), &EncodeOptions::default()).unwrap();
    let s = String::from_utf8(plain).unwrap();
    let seg = &s[6..s.len() - 6];
    let by_chars = format!("##{:04}{}", seg.chars().count(), &s[6..]);
    let p = decode_line(by_chars.as_bytes(), &Tolerance::STRICT, None).unwrap();
    assert!(p.deviations.contains(Deviation::CharLength));
}
