//! Open311 GeoReport v2 (facts §4.1): services (one per 12369 category), service definitions,
//! requests and their query, tokens, discovery and errors, in JSON and XML. Statuses are the
//! specification's two: a complaint is `open` until a final stage (closed, not accepted,
//! merged). Times are ISO 8601 with the +08:00 offset; text is UTF-8. No I/O.

use serde_json::{json, Value};

use super::{Category, Stage};
use crate::i18n::Lang;

pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// Split `name.json` / `name.xml` into the name and its format.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        if let Some(n) = file.strip_suffix(".json") {
            Some((n, Format::Json))
        } else {
            file.strip_suffix(".xml").map(|n| (n, Format::Xml))
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "text/xml; charset=utf-8",
        }
    }
}

/// One service per category; the other categories of a complaint go in the attribute
/// `other_categories`.
pub fn services(lang: Lang) -> Value {
    Value::Array(
        Category::ALL
            .iter()
            .map(|c| {
                json!({
                    "service_code": c.code(),
                    "service_name": c.label().render(lang),
                    "description": c.description().render(lang),
                    "metadata": true,
                    "type": "realtime",
                    "keywords": "12369",
                    "group": lang.pick("生态环境", "environment"),
                })
            })
            .collect(),
    )
}

pub fn service_definition(c: Category, lang: Lang) -> Value {
    let values: Vec<Value> = Category::ALL.iter().filter(|o| **o != c).map(|o| json!({ "key": o.code(), "name": o.label().render(lang) })).collect();
    json!({
        "service_code": c.code(),
        "attributes": [
            {
                "variable": true,
                "code": "other_categories",
                "datatype": "multivaluelist",
                "required": false,
                "datatype_description": lang.pick("同一举报涉及的其他污染类型", "other pollution types the same report concerns"),
                "order": 1,
                "description": lang.pick("其他类型", "Other types"),
                "values": values,
            },
            {
                "variable": true,
                "code": "real_name",
                "datatype": "singlevaluelist",
                "required": false,
                "datatype_description": lang.pick("实名举报(可参与举报奖励)须提供姓名和联系方式", "a real-name report (eligible for the reward procedure) needs a name and a contact"),
                "order": 2,
                "description": lang.pick("实名举报", "Real-name report"),
                "values": [ { "key": "true", "name": lang.pick("是", "yes") }, { "key": "false", "name": lang.pick("否", "no") } ],
            }
        ]
    })
}

/// What the API shows of a complaint: never the complainant.
#[derive(Clone, Debug)]
pub struct Request {
    pub tracking: String,
    pub stage: Stage,
    pub status_notes: String,
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    pub agency: String,
    pub requested: String,
    pub updated: String,
    pub expected: Option<String>,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

pub fn request(r: &Request) -> Value {
    json!({
        "service_request_id": r.tracking,
        "status": r.stage.open311_status(),
        "status_notes": r.status_notes,
        "service_name": r.service_name,
        "service_code": r.service_code,
        "description": r.description,
        "agency_responsible": r.agency,
        "service_notice": "",
        "requested_datetime": iso(&r.requested),
        "updated_datetime": iso(&r.updated),
        "expected_datetime": r.expected.clone(),
        "address": r.address,
        "address_id": Value::Null,
        "zipcode": Value::Null,
        "lat": r.lat,
        "long": r.lon,
        "media_url": Value::Null,
    })
}

/// A stored RFC 3339 UTC time as ISO 8601 in Beijing time (+08:00).
pub fn iso(stored: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(stored, &Rfc3339)
        .ok()
        .map(|t| t.to_offset(time::macros::offset!(+8)).replace_nanosecond(0).unwrap_or(t))
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| stored.to_string())
}

/// The end of a Beijing day as ISO 8601 (expected_datetime).
pub fn end_of_day(d: time::Date) -> String {
    format!("{}T23:59:59+08:00", super::deadlines::format_date(d))
}

pub fn errors(code: u16, description: &str) -> Value {
    json!([{ "code": code, "description": description }])
}

pub fn discovery(base: &str) -> Value {
    json!({
        "changeset": "2026-12-04T00:00:00+08:00",
        "contact": "12369",
        "key_service": format!("{base}/admin/open311"),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": format!("{base}/open311/v2"),
                "changeset": "2026-12-04T00:00:00+08:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ]
    })
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn item_tag(list: &str) -> &'static str {
    match list {
        "services" => "service",
        "service_requests" => "request",
        "errors" => "error",
        "endpoints" => "endpoint",
        "formats" => "format",
        "attributes" => "attribute",
        "values" => "value",
        _ => "item",
    }
}

fn write(out: &mut String, tag: &str, v: &Value) {
    match v {
        Value::Null => out.push_str(&format!("<{tag}></{tag}>")),
        Value::Bool(b) => out.push_str(&format!("<{tag}>{b}</{tag}>")),
        Value::Number(n) => out.push_str(&format!("<{tag}>{n}</{tag}>")),
        Value::String(s) => out.push_str(&format!("<{tag}>{}</{tag}>", escape(s))),
        Value::Array(items) => {
            out.push_str(&format!("<{tag}>"));
            for i in items {
                write(out, item_tag(tag), i);
            }
            out.push_str(&format!("</{tag}>"));
        }
        Value::Object(map) => {
            out.push_str(&format!("<{tag}>"));
            for (k, v) in map {
                write(out, k, v);
            }
            out.push_str(&format!("</{tag}>"));
        }
    }
}

/// A document as XML: `root` names the top element (`services`, `service_requests`,
/// `service_definition`, `discovery`, `errors`).
pub fn xml(root: &str, v: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    write(&mut out, root, v);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_cover_the_six_categories_in_both_formats() {
        let s = services(Lang::Zh);
        assert_eq!(s.as_array().unwrap().len(), 6);
        assert_eq!(s[0]["service_code"], "air");
        assert_eq!(s[0]["type"], "realtime");
        let x = xml("services", &s);
        assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?><services><service><description>"), "{x}");
        assert_eq!(x.matches("<service>").count(), 6);
    }

    #[test]
    fn xml_escapes_what_people_type() {
        let x = xml("errors", &errors(400, "a <b> & \"c\"\u{1}"));
        assert_eq!(x, "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>400</code><description>a &lt;b&gt; &amp; &quot;c&quot;</description></error></errors>");
    }

    #[test]
    fn formats_and_statuses() {
        assert_eq!(Format::split("services.json"), Some(("services", Format::Json)));
        assert_eq!(Format::split("JB1.xml"), Some(("JB1", Format::Xml)));
        assert_eq!(Format::split("x.html"), None);
        assert_eq!(Stage::Answered.open311_status(), "open");
        assert_eq!(Stage::NotAccepted.open311_status(), "closed");
        assert_eq!(iso("2026-12-04T01:02:03.456Z"), "2026-12-04T09:02:03+08:00");
    }
}
