//! JSON views for the CLI and the server (feature `json`).
//!
//! Success: `{"ok":true,"version":"2005"|"2017"|"2025","qn","st","cn","pw","mn","flag","pnum",
//! "pno","rf","data_time","encrypted","deviations":[..],"values":[{"code","field","value","flag"
//! [,"code_2017"]}]}` (absent fields are `null`). Failure: `{"ok":false,"error":"<reason>",
//! "detail":"...","raw":"<input, lossily as text>"}`.
//!
//! `values` lists CP items in order except the first `DataTime` (given as `data_time`).
//! Coded items carry the `-Flag` of the same code in the same `;` group as `flag`; see
//! [`crate::Measurements`]. `value` is a JSON integer when written as one (no `.`, fits i64),
//! a JSON float for other decimal numbers, else a string.

use serde_json::{Map, Value};

use crate::codes::{map_2005_to_2017, medium_for_st};
use crate::crypto::Key;
use crate::encode::{CpWriter, EncodeOptions, Header, encode};
use crate::error::{Error, Reason, err};
use crate::frame::Status;
use crate::num::{Number, parse_number};
use crate::packet::{Packet, Version, decode, decode_line};
use crate::tolerance::Tolerance;

fn opt_str(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::String(s.to_string()))
}

fn cp_value(p: &Packet<'_>, v: &[u8]) -> Value {
    match parse_number(v) {
        Some(Number::Int(i)) => Value::from(i),
        Some(Number::Float(f)) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        None => Value::String(p.text(v).into_owned()),
    }
}

/// JSON object for a decoded packet.
pub fn packet_to_json(p: &Packet<'_>) -> Value {
    let mut m = Map::new();
    m.insert("ok".into(), Value::Bool(true));
    m.insert("version".into(), Value::from(p.version.as_str()));
    m.insert("qn".into(), opt_str(p.qn));
    m.insert("st".into(), opt_str(p.st));
    m.insert("cn".into(), Value::from(p.cn));
    m.insert("pw".into(), opt_str(p.pw));
    m.insert("mn".into(), opt_str(p.mn));
    m.insert("flag".into(), p.flag.map_or(Value::Null, Value::from));
    m.insert("pnum".into(), p.pnum.map_or(Value::Null, Value::from));
    m.insert("pno".into(), p.pno.map_or(Value::Null, Value::from));
    m.insert("rf".into(), p.rf.map_or(Value::Null, Value::from));
    m.insert("encrypted".into(), Value::Bool(p.encrypted));
    m.insert(
        "deviations".into(),
        Value::Array(p.deviations.iter().map(|d| Value::from(d.as_str())).collect()),
    );
    let medium = medium_for_st(p.st);
    let mut data_time = Value::Null;
    let mut values = Vec::new();
    for it in p.measurements() {
        if data_time.is_null() && it.code.is_none() && it.field == b"DataTime" {
            data_time = Value::String(p.text(it.value).into_owned());
            continue;
        }
        let mut o = Map::new();
        o.insert("code".into(), it.code.map_or(Value::Null, |c| Value::String(p.text(c).into_owned())));
        o.insert("field".into(), Value::String(p.text(it.field).into_owned()));
        o.insert("value".into(), cp_value(p, it.value));
        o.insert("flag".into(), it.flag.map_or(Value::Null, |f| Value::String(p.text(f).into_owned())));
        if p.version == Version::V2005
            && let Some(c) = it.code
            && let Some(c17) = map_2005_to_2017(c, medium)
        {
            o.insert("code_2017".into(), Value::from(c17));
        }
        values.push(Value::Object(o));
    }
    m.insert("data_time".into(), data_time);
    m.insert("values".into(), Value::Array(values));
    Value::Object(m)
}

/// JSON object for a rejection; `raw` is the offending input (lossily as text, CR LF trimmed).
pub fn error_json(e: &Error, raw: &[u8]) -> Value {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    let mut m = Map::new();
    m.insert("ok".into(), Value::Bool(false));
    m.insert("error".into(), Value::from(e.reason.as_str()));
    m.insert("detail".into(), Value::from(e.detail));
    m.insert("raw".into(), Value::String(String::from_utf8_lossy(raw).into_owned()));
    Value::Object(m)
}

/// Decode one input line (CR LF or LF, terminator optional) to exactly one JSON object.
pub fn decode_line_json(line: &[u8], tol: &Tolerance) -> Value {
    decode_line_json_with_key(line, tol, None)
}

/// [`decode_line_json`] with the device's SM4 key (HJ 212-2025 encrypted packets).
pub fn decode_line_json_with_key(line: &[u8], tol: &Tolerance, key: Option<&Key>) -> Value {
    match decode_line(line, tol, key) {
        Ok(p) => packet_to_json(&p),
        Err(e) => error_json(&e, line),
    }
}

// ---- Direct writers: the same JSON, byte for byte, without building a `Value` tree. ----
//
// `serde_json::Map` keeps keys sorted, so the objects above serialise with their keys in
// alphabetical order; the writers below emit the keys in that order and format strings and
// numbers with `serde_json` itself, so the output is identical (tested on the 2016 corpus and
// property-tested on arbitrary bytes). The CLI writes these: building and dropping the tree
// cost most of its time.

fn put_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    // Writing to a Vec cannot fail, and strings and numbers always serialise.
    let _ = serde_json::to_writer(&mut *out, v);
}

fn put_opt_str(out: &mut Vec<u8>, v: Option<&str>) {
    match v {
        Some(s) => put_json(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn put_opt<T: serde::Serialize>(out: &mut Vec<u8>, v: Option<T>) {
    match v {
        Some(x) => put_json(out, &x),
        None => out.extend_from_slice(b"null"),
    }
}

fn put_cp_value(out: &mut Vec<u8>, p: &Packet<'_>, v: &[u8]) {
    match parse_number(v) {
        Some(Number::Int(i)) => put_json(out, &i),
        Some(Number::Float(f)) if f.is_finite() => put_json(out, &f),
        Some(Number::Float(_)) => out.extend_from_slice(b"null"),
        None => put_json(out, p.text(v).as_ref()),
    }
}

/// Appends the JSON of a decoded packet (exactly [`packet_to_json`] serialised) to `out`.
pub fn write_packet_json(p: &Packet<'_>, out: &mut Vec<u8>) {
    let medium = medium_for_st(p.st);
    let mut data_time: Option<std::borrow::Cow<'_, str>> = None;
    let mut values = Vec::with_capacity(256);
    let mut first = true;
    values.push(b'[');
    for it in p.measurements() {
        if data_time.is_none() && it.code.is_none() && it.field == b"DataTime" {
            data_time = Some(p.text(it.value));
            continue;
        }
        if !first {
            values.push(b',');
        }
        first = false;
        values.extend_from_slice(b"{\"code\":");
        match it.code {
            Some(c) => put_json(&mut values, p.text(c).as_ref()),
            None => values.extend_from_slice(b"null"),
        }
        if p.version == Version::V2005
            && let Some(c) = it.code
            && let Some(c17) = map_2005_to_2017(c, medium)
        {
            values.extend_from_slice(b",\"code_2017\":");
            put_json(&mut values, c17);
        }
        values.extend_from_slice(b",\"field\":");
        put_json(&mut values, p.text(it.field).as_ref());
        values.extend_from_slice(b",\"flag\":");
        match it.flag {
            Some(f) => put_json(&mut values, p.text(f).as_ref()),
            None => values.extend_from_slice(b"null"),
        }
        values.extend_from_slice(b",\"value\":");
        put_cp_value(&mut values, p, it.value);
        values.push(b'}');
    }
    values.push(b']');
    out.extend_from_slice(b"{\"cn\":");
    put_json(out, p.cn);
    out.extend_from_slice(b",\"data_time\":");
    put_opt_str(out, data_time.as_deref());
    out.extend_from_slice(b",\"deviations\":[");
    for (i, d) in p.deviations.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        put_json(out, d.as_str());
    }
    out.extend_from_slice(b"],\"encrypted\":");
    out.extend_from_slice(if p.encrypted { b"true" } else { b"false" });
    out.extend_from_slice(b",\"flag\":");
    put_opt(out, p.flag);
    out.extend_from_slice(b",\"mn\":");
    put_opt_str(out, p.mn);
    out.extend_from_slice(b",\"ok\":true,\"pno\":");
    put_opt(out, p.pno);
    out.extend_from_slice(b",\"pnum\":");
    put_opt(out, p.pnum);
    out.extend_from_slice(b",\"pw\":");
    put_opt_str(out, p.pw);
    out.extend_from_slice(b",\"qn\":");
    put_opt_str(out, p.qn);
    out.extend_from_slice(b",\"rf\":");
    put_opt(out, p.rf);
    out.extend_from_slice(b",\"st\":");
    put_opt_str(out, p.st);
    out.extend_from_slice(b",\"values\":");
    out.extend_from_slice(&values);
    out.extend_from_slice(b",\"version\":");
    put_json(out, p.version.as_str());
    out.push(b'}');
}

/// Appends the JSON of a rejection (exactly [`error_json`] serialised) to `out`.
pub fn write_error_json(e: &Error, raw: &[u8], out: &mut Vec<u8>) {
    let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    out.extend_from_slice(b"{\"detail\":");
    put_json(out, e.detail);
    out.extend_from_slice(b",\"error\":");
    put_json(out, e.reason.as_str());
    out.extend_from_slice(b",\"ok\":false,\"raw\":");
    put_json(out, String::from_utf8_lossy(raw).as_ref());
    out.push(b'}');
}

/// [`decode_line_json_with_key`] appended to `out` as text (no trailing newline).
pub fn write_line_json(line: &[u8], tol: &Tolerance, key: Option<&Key>, out: &mut Vec<u8>) {
    match decode_line(line, tol, key) {
        Ok(p) => write_packet_json(&p, out),
        Err(e) => write_error_json(&e, line, out),
    }
}

/// Incremental stream decoder: feed raw bytes as they arrive, get one JSON object per frame
/// or per rejected run of bytes.
#[derive(Debug, Clone)]
pub struct StreamDecoder {
    buf: Vec<u8>,
    tol: Tolerance,
    key: Option<Key>,
}

impl StreamDecoder {
    pub fn new(tol: Tolerance, key: Option<Key>) -> Self {
        StreamDecoder { buf: Vec::new(), tol, key }
    }

    fn run(&mut self, at_eof: bool, mut emit: impl FnMut(Emitted<'_, '_>)) {
        let mut off = 0;
        while off < self.buf.len() {
            match decode(&self.buf[off..], &self.tol, self.key.as_ref(), at_eof) {
                Status::Complete(p, used) => {
                    emit(Emitted::Packet(&p));
                    off += used;
                }
                Status::Invalid(e, skip) => {
                    let skip = skip.max(1).min(self.buf.len() - off);
                    let raw = &self.buf[off..off + skip];
                    // bare line ends between frames are not worth a report
                    if !raw.iter().all(|b| matches!(b, b'\r' | b'\n')) {
                        emit(Emitted::Rejected(&e, raw));
                    }
                    off += skip;
                }
                Status::Partial => break,
            }
        }
        self.buf.drain(..off);
    }

    /// Append bytes and push the JSON for every frame completed so far.
    pub fn feed(&mut self, chunk: &[u8], out: &mut Vec<Value>) {
        self.buf.extend_from_slice(chunk);
        self.run(false, |x| out.push(x.to_value()));
    }

    /// End of input: flush what is left (a frame without CR LF, or garbage).
    pub fn finish(&mut self, out: &mut Vec<Value>) {
        self.run(true, |x| out.push(x.to_value()));
        self.buf.clear();
    }

    /// [`StreamDecoder::feed`] written as JSON lines (each ending in `\n`) to `out`.
    pub fn feed_lines(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        self.buf.extend_from_slice(chunk);
        self.run(false, |x| x.write_line(out));
    }

    /// [`StreamDecoder::finish`] written as JSON lines to `out`.
    pub fn finish_lines(&mut self, out: &mut Vec<u8>) {
        self.run(true, |x| x.write_line(out));
        self.buf.clear();
    }
}

/// What the stream decoder found: a packet, or a run of bytes it rejected.
enum Emitted<'p, 'b> {
    Packet(&'p Packet<'b>),
    Rejected(&'p Error, &'p [u8]),
}

impl Emitted<'_, '_> {
    fn to_value(&self) -> Value {
        match self {
            Emitted::Packet(p) => packet_to_json(p),
            Emitted::Rejected(e, raw) => error_json(e, raw),
        }
    }

    fn write_line(&self, out: &mut Vec<u8>) {
        match self {
            Emitted::Packet(p) => write_packet_json(p, out),
            Emitted::Rejected(e, raw) => write_error_json(e, raw, out),
        }
        out.push(b'\n');
    }
}

/// Decode a whole raw byte stream (as a server would see it on a connection) to JSON objects.
pub fn decode_stream_json(stream: &[u8], tol: &Tolerance) -> Vec<Value> {
    let mut d = StreamDecoder::new(*tol, None);
    let mut out = Vec::new();
    d.feed(stream, &mut out);
    d.finish(&mut out);
    out
}

fn get_str<'v>(o: &'v Map<String, Value>, k: &'static str) -> Result<Option<&'v str>, Error> {
    match o.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(err(Reason::BadFieldSyntax, "JSON field must be a string or null")),
    }
}

fn get_u32(o: &Map<String, Value>, k: &'static str, max: u64) -> Result<Option<u32>, Error> {
    match o.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(x) if x <= max => Ok(Some(x as u32)),
            _ => Err(err(Reason::BadFieldSyntax, "JSON number out of range")),
        },
        Some(Value::String(s)) => match s.parse::<u64>() {
            Ok(x) if x <= max => Ok(Some(x as u32)),
            _ => Err(err(Reason::BadFieldSyntax, "JSON number out of range")),
        },
        Some(_) => Err(err(Reason::BadFieldSyntax, "JSON field must be a number or null")),
    }
}

fn value_text(v: &Value) -> Result<String, Error> {
    let s = match v {
        Value::Null => String::new(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                format!("{:?}", n.as_f64().unwrap_or(0.0))
            }
        }
        Value::String(s) => {
            let inner_ok = s.len() >= 4 && s.starts_with("//") && s.ends_with("//") && !s[2..s.len() - 2].contains("//");
            if !inner_ok && s.bytes().any(|b| matches!(b, b';' | b',' | b'=' | b'&')) {
                return Err(err(Reason::BadFieldSyntax, "CP value contains `;`, `,`, `=` or `&`"));
            }
            if s.contains("&&") {
                return Err(err(Reason::BadFieldSyntax, "CP value contains `&&`"));
            }
            s.clone()
        }
        Value::Bool(_) => return Err(err(Reason::BadFieldSyntax, "CP value is a boolean")),
        _ => return Err(err(Reason::BadFieldSyntax, "CP value must be a number or a string")),
    };
    Ok(s)
}

fn key_text(s: &str) -> Result<&str, Error> {
    if s.is_empty() || s.bytes().any(|b| matches!(b, b';' | b',' | b'=' | b'&') || b < 0x20) {
        return Err(err(Reason::BadFieldSyntax, "CP key is empty or contains a separator"));
    }
    Ok(s)
}

/// Build the CP text from the `data_time` and `values` of a JSON object (inverse of
/// [`packet_to_json`]): `DataTime` first, then consecutive values of the same code and flag in
/// one `;` group closed by `code-Flag=...`, every uncoded value in its own group.
pub fn cp_from_json(o: &Map<String, Value>) -> Result<Vec<u8>, Error> {
    let mut w = CpWriter::new();
    if let Some(dt) = get_str(o, "data_time")? {
        w.item(b"DataTime", value_text(&Value::String(dt.to_string()))?.as_bytes());
    }
    let empty = Vec::new();
    let values = match o.get("values") {
        None | Some(Value::Null) => &empty,
        Some(Value::Array(a)) => a,
        Some(_) => return Err(err(Reason::BadFieldSyntax, "`values` must be an array")),
    };
    let mut cur: Option<(String, Option<String>)> = None;
    let close = |w: &mut CpWriter, cur: &mut Option<(String, Option<String>)>| {
        if let Some((code, Some(f))) = cur.take() {
            w.coded(code.as_bytes(), b"Flag", f.as_bytes());
        }
    };
    for v in values {
        let vo = v.as_object().ok_or(err(Reason::BadFieldSyntax, "`values` item must be an object"))?;
        let field = key_text(get_str(vo, "field")?.ok_or(err(Reason::MissingField, "value without `field`"))?)?;
        let code = get_str(vo, "code")?.map(key_text).transpose()?;
        let flag = get_str(vo, "flag")?.map(|f| value_text(&Value::String(f.to_string()))).transpose()?;
        let text = value_text(vo.get("value").unwrap_or(&Value::Null))?;
        match code {
            None => {
                close(&mut w, &mut cur);
                w.group().item(field.as_bytes(), text.as_bytes());
            }
            Some(code) if field == "Flag" => {
                close(&mut w, &mut cur);
                w.group().coded(code.as_bytes(), b"Flag", text.as_bytes());
            }
            Some(code) => {
                let same = cur.as_ref().is_some_and(|(c, f)| c == code && *f == flag);
                if !same {
                    close(&mut w, &mut cur);
                    w.group();
                    cur = Some((code.to_string(), flag));
                }
                w.coded(code.as_bytes(), field.as_bytes(), text.as_bytes());
            }
        }
    }
    close(&mut w, &mut cur);
    Ok(w.into_bytes())
}

/// Build a packet (with CR LF) from a JSON object shaped like [`packet_to_json`]'s output.
/// Keys used: `cn` (required), `qn`, `st`, `pw`, `mn`, `flag`, `pnum`, `pno`, `rf`,
/// `data_time`, `values`; others (`ok`, `version`, `deviations`, `code_2017`, ...) are ignored.
/// `decode(encode(x)) == x` for every `x` produced by a strict decode.
pub fn encode_json(v: &Value, opts: &EncodeOptions) -> Result<Vec<u8>, Error> {
    let o = v.as_object().ok_or(err(Reason::BadFieldSyntax, "JSON input must be an object"))?;
    let cn = get_str(o, "cn")?.ok_or(err(Reason::MissingField, "no `cn`"))?;
    let h = Header {
        qn: get_str(o, "qn")?,
        st: get_str(o, "st")?,
        cn,
        pw: get_str(o, "pw")?,
        mn: get_str(o, "mn")?,
        flag: get_u32(o, "flag", 255)?.map(|x| x as u8),
        pnum: get_u32(o, "pnum", 999_999_999)?,
        pno: get_u32(o, "pno", 999_999_999)?,
        rf: get_u32(o, "rf", 255)?.map(|x| x as u8),
    };
    let cp = cp_from_json(o)?;
    encode(&h, &cp, opts)
}

/// Encode one JSON text line (for `lantian hj212 encode`).
pub fn encode_json_line(line: &[u8], opts: &EncodeOptions) -> Result<Vec<u8>, Error> {
    let v: Value = serde_json::from_slice(line.trim_ascii()).map_err(|_| err(Reason::BadFieldSyntax, "input line is not valid JSON"))?;
    encode_json(&v, opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decode_shape() {
        let line = b"##0139ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817000;B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&4980\r\n";
        let v = decode_line_json(line, &Tolerance::STRICT);
        assert_eq!(
            v,
            json!({"ok":true,"version":"2005","qn":null,"st":"32","cn":"2011","pw":"123456","mn":"LD130133000015",
                "flag":null,"pnum":null,"pno":null,"rf":null,"encrypted":false,"deviations":[],
                "data_time":"20160824003817000",
                "values":[
                    {"code":"B01","field":"Rtd","value":36.91,"flag":null,"code_2017":"w00000"},
                    {"code":"011","field":"Rtd","value":231.0,"flag":"N","code_2017":"w01018"},
                    {"code":"060","field":"Rtd","value":1.803,"flag":"N","code_2017":"w21003"}]})
        );
        let enc = encode_json(&v, &EncodeOptions::default()).unwrap();
        assert_eq!(decode_line_json(&enc, &Tolerance::STRICT), v);
        let bad = decode_line_json(b"hello\r\n", &Tolerance::STRICT);
        assert_eq!(bad["ok"], json!(false));
        assert_eq!(bad["error"], json!("bad_header"));
        assert_eq!(bad["raw"], json!("hello"));
    }

    #[test]
    fn stream() {
        let p = b"##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n";
        let mut s = b"junk\r\n".to_vec();
        s.extend_from_slice(p);
        s.extend_from_slice(p);
        let v = decode_stream_json(&s, &Tolerance::STRICT);
        assert_eq!(v.len(), 3);
        assert_eq!(v[0]["error"], json!("bad_header"));
        assert_eq!(v[1]["ok"], json!(true));
        // byte-by-byte feeding gives the same result
        let mut d = StreamDecoder::new(Tolerance::STRICT, None);
        let mut out = vec![];
        for b in &s {
            d.feed(std::slice::from_ref(b), &mut out);
        }
        d.finish(&mut out);
        assert_eq!(out, v);
    }

    #[test]
    fn encode_errors() {
        let o = EncodeOptions::default();
        assert_eq!(encode_json(&json!({"qn":"1"}), &o).unwrap_err().reason, Reason::MissingField);
        assert_eq!(encode_json(&json!([]), &o).unwrap_err().reason, Reason::BadFieldSyntax);
        assert!(encode_json(&json!({"cn":"2011","values":[{"code":"a","field":"Rtd","value":"x;y"}]}), &o).is_err());
        assert!(encode_json_line(b"{not json", &o).is_err());
        let ok = encode_json_line(br#"{"cn":"2011","st":"22","flag":4,"data_time":"20240101000000","values":[{"code":"a21026","field":"Rtd","value":1.5,"flag":"N"},{"code":"a21026","field":"ZsRtd","value":2,"flag":"N"}]}"#, &o).unwrap();
        assert_eq!(
            String::from_utf8(ok).unwrap(),
            format!("##{:04}ST=22;CN=2011;Flag=4;CP=&&DataTime=20240101000000;a21026-Rtd=1.5,a21026-ZsRtd=2,a21026-Flag=N&&{}\r\n",
                "ST=22;CN=2011;Flag=4;CP=&&DataTime=20240101000000;a21026-Rtd=1.5,a21026-ZsRtd=2,a21026-Flag=N&&".len(),
                String::from_utf8(crate::crc::crc_hex(crate::crc::crc16(b"ST=22;CN=2011;Flag=4;CP=&&DataTime=20240101000000;a21026-Rtd=1.5,a21026-ZsRtd=2,a21026-Flag=N&&")).to_vec()).unwrap())
        );
    }
}
