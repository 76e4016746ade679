//! The message catalogue: every text a person sees, in Chinese and English, under a stable code.
//!
//! Programs read the code (the JSON API answers `{"code": …, "message": …}`); people read the
//! message in their language. Chinese is the default; English is complete.
//!
//! # How to add texts (for every domain)
//!
//! 1. Put your domain's messages in **one file of its own**, `src/i18n/catalogue/<domain>.rs`,
//!    so that parallel additions never touch the same lines:
//!
//!    ```ignore
//!    crate::messages! {
//!        /// The check character of a credit code (GB 32100-2015) is wrong.
//!        check_char "ledger.credit_code.check_char" (found: &str, expected: &str) {
//!            zh: "统一社会信用代码校验位为“{found}”，应为“{expected}”",
//!            en: "invalid credit code: check character is '{found}' but should be '{expected}'",
//!        }
//!        /// A label without parameters.
//!        has_eia "ledger.fact.has_eia" () { zh: "已办理环评", en: "EIA approved" }
//!    }
//!    ```
//!
//!    Each entry becomes a function (`catalogue::ledger::check_char(found, expected)`) that
//!    returns a [`Msg`]: the parameters are typed, so a call with a missing or extra parameter
//!    does not compile. Parameter types: `&str`/`String` (text), integers, `f64`, or another
//!    [`Msg`] (rendered in the same language, e.g. a field label inside an error).
//! 2. Register the file in `src/i18n/catalogue/mod.rs`: one `pub mod <domain>;` line and one
//!    `("<domain>", <domain>::ENTRIES),` line in [`catalogue::ALL`] (keep both lists sorted).
//! 3. Codes are `<domain>.<subject>.<what>` in lowercase (`a-z0-9_` and dots) and start with the
//!    file's domain; they are a contract (the API returns them): never reuse a code for a
//!    different meaning. The unit tests check that codes are unique and well formed, that both
//!    texts use exactly the declared `{parameters}`, that the Chinese text is Chinese and the
//!    English text has no Chinese.
//! 4. Render with `msg.render(lang)` (or `lang.t(&msg)`); in an error, carry the `Msg`:
//!    `Error::Invalid(catalogue::ledger::check_char(..))`. Look a code up at run time (a code
//!    stored in the database, e.g. an audit action) with [`label`] or [`find`].
//!
//! In maud templates, wrap *data values* (names, addresses, numbers typed by users) in
//! `span.v` (or give the element a `data-v` attribute) when they sit next to text of the frame:
//! the language test strips them before it looks for untranslated words.

pub mod catalogue;
mod lang;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

pub use lang::Lang;

/// One message of the catalogue: its code, both texts, and the names of its parameters.
#[derive(Debug)]
pub struct Entry {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub params: &'static [&'static str],
}

impl Entry {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A parameter value of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Int(i64),
    Num(f64),
    /// Another message, rendered in the same language (a label, a reason).
    Msg(Msg),
    /// A text that reference data carries in both languages (a campaign type's checklist
    /// step, a criterion): the one of the rendering language is shown.
    Both { zh: String, en: String },
}

impl Arg {
    /// A data text in both languages (see [`Arg::Both`]); declare the parameter as `Arg`.
    pub fn both(zh: impl Into<String>, en: impl Into<String>) -> Arg {
        Arg::Both { zh: zh.into(), en: en.into() }
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(v.clone())
    }
}
impl From<Msg> for Arg {
    fn from(v: Msg) -> Arg {
        Arg::Msg(v)
    }
}
impl From<f64> for Arg {
    fn from(v: f64) -> Arg {
        Arg::Num(v)
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Int(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

/// A message with its parameters, not yet rendered: it can be rendered in any language.
#[derive(Clone, Debug)]
pub struct Msg {
    entry: &'static Entry,
    args: Vec<(&'static str, Arg)>,
}

impl PartialEq for Msg {
    fn eq(&self, other: &Msg) -> bool {
        self.entry.code == other.entry.code && self.args == other.args
    }
}

impl Msg {
    /// Used by [`messages!`]; call the generated functions instead.
    #[doc(hidden)]
    pub fn new(entry: &'static Entry, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg { entry, args }
    }

    /// A message found by its code at run time; `None` when the catalogue has no such code.
    pub fn from_code(code: &str, args: Vec<(&'static str, Arg)>) -> Option<Msg> {
        find(code).map(|entry| Msg { entry, args })
    }

    pub fn code(&self) -> &'static str {
        self.entry.code
    }

    pub fn args(&self) -> &[(&'static str, Arg)] {
        &self.args
    }

    /// The text in `lang` with every `{parameter}` filled in (`{{` and `}}` are literal braces).
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(self.entry.text(lang).len() + 16);
        self.walk(lang, &mut |piece| match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Param(arg) => render_arg(arg, lang, &mut out),
            Piece::Unknown(raw) => out.push_str(raw),
        });
        out
    }

    /// The template of `lang` in pieces: literal text, and each `{parameter}` with its value.
    fn walk<'a>(&'a self, lang: Lang, visit: &mut dyn FnMut(Piece<'a>)) {
        let mut rest = self.entry.text(lang);
        while let Some(i) = rest.find(['{', '}']) {
            visit(Piece::Text(&rest[..i]));
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                visit(Piece::Text(&tail[..1]));
                rest = &tail[2..];
                continue;
            }
            if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
                let name = &tail[1..end];
                match self.args.iter().find(|(n, _)| *n == name) {
                    Some((_, arg)) => visit(Piece::Param(arg)),
                    None => visit(Piece::Unknown(&tail[..=end])),
                }
                rest = &tail[end + 1..];
            } else {
                visit(Piece::Text(&tail[..1]));
                rest = &tail[1..];
            }
        }
        visit(Piece::Text(rest));
    }
}

impl Msg {
    /// The message as stored in the database (a lead's explanation): its code and parameters as
    /// JSON, so that it is rendered in the reader's language later (`from_stored`).
    pub fn to_stored(&self) -> (String, String) {
        (self.code().to_string(), args_json(&self.args).to_string())
    }

    /// A stored message back; None when the code left the catalogue or the JSON is not ours.
    pub fn from_stored(code: &str, args: &str) -> Option<Msg> {
        let value: serde_json::Value = serde_json::from_str(args).ok()?;
        msg_from_json(code, &value)
    }
}

impl Msg {
    /// The text in `lang` as HTML for a page: the message's own words as text, its text
    /// parameters (names, titles and notes people typed) marked as data values
    /// (`<span class="v">`), so that the language test tells them from the frame.
    pub fn markup(&self, lang: Lang) -> maud::Markup {
        let mut out = String::new();
        self.markup_into(lang, &mut out);
        maud::PreEscaped(out)
    }

    fn markup_into(&self, lang: Lang, out: &mut String) {
        self.walk(lang, &mut |piece| match piece {
            Piece::Text(t) | Piece::Unknown(t) => escape_into(t, out),
            Piece::Param(Arg::Text(t)) => {
                out.push_str("<span class=\"v\">");
                escape_into(t, out);
                out.push_str("</span>");
            }
            Piece::Param(Arg::Msg(m)) => m.markup_into(lang, out),
            Piece::Param(arg) => {
                let mut plain = String::new();
                render_arg(arg, lang, &mut plain);
                escape_into(&plain, out);
            }
        });
    }
}

/// A piece of a message template (see `Msg::walk`).
enum Piece<'a> {
    Text(&'a str),
    Param(&'a Arg),
    /// A `{name}` the message has no parameter for: shown as written.
    Unknown(&'a str),
}

fn escape_into(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn args_json(args: &[(&'static str, Arg)]) -> serde_json::Value {
    use serde_json::json;
    let map: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(name, arg)| {
            let v = match arg {
                Arg::Text(s) => json!({ "t": s }),
                Arg::Int(n) => json!({ "i": n }),
                Arg::Num(x) => json!({ "n": x }),
                Arg::Msg(m) => json!({ "m": m.code(), "a": args_json(&m.args) }),
                Arg::Both { zh, en } => json!({ "zh": zh, "en": en }),
            };
            (name.to_string(), v)
        })
        .collect();
    serde_json::Value::Object(map)
}

fn msg_from_json(code: &str, value: &serde_json::Value) -> Option<Msg> {
    let entry = find(code)?;
    let object = value.as_object()?;
    let mut args = Vec::with_capacity(object.len());
    for (name, v) in object {
        // Parameter names are the entry's own (&'static): an unknown one means the JSON is not ours.
        let name: &'static str = entry.params.iter().copied().find(|p| p == name)?;
        let arg = if let Some(t) = v.get("t") {
            Arg::Text(t.as_str()?.to_string())
        } else if let Some(i) = v.get("i") {
            Arg::Int(i.as_i64()?)
        } else if let Some(n) = v.get("n") {
            Arg::Num(n.as_f64()?)
        } else if let Some(m) = v.get("m") {
            Arg::Msg(msg_from_json(m.as_str()?, v.get("a")?)?)
        } else {
            Arg::Both { zh: v.get("zh")?.as_str()?.to_string(), en: v.get("en")?.as_str()?.to_string() }
        };
        args.push((name, arg));
    }
    Some(Msg { entry, args })
}

fn render_arg(arg: &Arg, lang: Lang, out: &mut String) {
    match arg {
        Arg::Text(s) => out.push_str(s),
        Arg::Int(n) => out.push_str(&n.to_string()),
        Arg::Num(x) => out.push_str(&format_number(*x)),
        Arg::Msg(m) => out.push_str(&m.render(lang)),
        Arg::Both { zh, en } => out.push_str(lang.pick(zh, en)),
    }
}

/// Numbers as people write them: no trailing zeros, no exponent for everyday magnitudes.
fn format_number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_string()
    }
}

/// Rendered in the process language ([`Lang::process`]): CLI messages and logs.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::process()))
    }
}

impl serde::Serialize for Msg {
    /// As `{"code": …, "message": …}` in the process language; the web layer renders the
    /// request's language itself.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("code", self.code())?;
        map.serialize_entry("message", &self.render(Lang::process()))?;
        map.end()
    }
}

/// A text not yet in the catalogue (transitional; the language test finds it on pages).
pub fn untranslated(text: impl Into<String>) -> Msg {
    catalogue::common::untranslated(text.into())
}

/// The entry with this code, if the catalogue has one.
pub fn find(code: &str) -> Option<&'static Entry> {
    static INDEX: OnceLock<HashMap<&'static str, &'static Entry>> = OnceLock::new();
    INDEX
        .get_or_init(|| catalogue::ALL.iter().flat_map(|(_, entries)| entries.iter()).map(|e| (e.code, e)).collect())
        .get(code)
        .copied()
}

/// The label of a code stored as data (an audit action, a state, a unit): the text of
/// `<prefix>.<key>` in `lang`, or the key itself when the catalogue has no such entry
/// (the language test catches those on pages).
pub fn label(prefix: &str, key: &str, lang: Lang) -> String {
    match find(&format!("{prefix}.{key}")) {
        Some(e) if e.params.is_empty() => e.text(lang).to_string(),
        _ => key.to_string(),
    }
}

/// Whether a catalogue has a label for `<prefix>.<key>`.
pub fn has_label(prefix: &str, key: &str) -> bool {
    find(&format!("{prefix}.{key}")).is_some()
}

/// Declares the messages of one domain file; see the module documentation.
#[macro_export]
macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident $code:literal ( $($p:ident : $t:ty),* $(,)? ) { zh: $zh:literal, en: $en:literal $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name($($p: $t),*) -> $crate::i18n::Msg {
                static ENTRY: $crate::i18n::Entry = $crate::i18n::Entry { code: $code, zh: $zh, en: $en, params: &[$(stringify!($p)),*] };
                $crate::i18n::Msg::new(&ENTRY, vec![$((stringify!($p), $crate::i18n::Arg::from($p))),*])
            }
        )*
        /// Every message of this file (for lookup by code and the catalogue-wide checks).
        pub static ENTRIES: &[$crate::i18n::Entry] = &[
            $( $crate::i18n::Entry { code: $code, zh: $zh, en: $en, params: &[$(stringify!($p)),*] } ),*
        ];
    };
}

/// Whether a text contains Chinese characters (CJK ideographs or CJK punctuation).
pub fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF))
}

#[cfg(test)]
mod markup_tests {
    use super::*;

    #[test]
    fn text_parameters_are_marked_as_data_and_escaped() {
        let m = catalogue::ledger::at_cell("企业", 3, "名称", "<b>甲</b>", catalogue::ledger::not_a_number());
        let html = m.markup(Lang::En).into_string();
        assert!(html.starts_with("sheet &#39;<span class=\"v\">企业</span>&#39; row 3"), "{html}");
        assert!(html.contains("&lt;b&gt;甲&lt;/b&gt;") && html.ends_with(": not a number"), "{html}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(template: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let t = template.replace("{{", "").replace("}}", "");
        let mut rest = t.as_str();
        while let Some(i) = rest.find('{') {
            let Some(end) = rest[i..].find('}') else { break };
            out.insert(rest[i + 1..i + end].to_string());
            rest = &rest[i + end + 1..];
        }
        out
    }

    #[test]
    fn a_stored_message_comes_back_with_every_kind_of_parameter() {
        let inner = catalogue::campaigns::name_required();
        let m = catalogue::campaigns::definition_invalid(3, inner);
        let (code, args) = m.to_stored();
        assert_eq!(Msg::from_stored(&code, &args), Some(m.clone()));
        assert_eq!(Msg::from_stored(&code, &args).unwrap().render(Lang::En), m.render(Lang::En));
        let both = Msg::new(m.entry, vec![("count", Arg::Num(2.5)), ("first", Arg::both("甲", "A"))]);
        let (code, args) = both.to_stored();
        assert_eq!(Msg::from_stored(&code, &args), Some(both));
        // Not ours: an unknown code, a parameter the entry does not declare, broken JSON.
        assert_eq!(Msg::from_stored("no.such.code", "{}"), None);
        assert_eq!(Msg::from_stored(&code, r#"{"evil":{"t":"x"}}"#), None);
        assert_eq!(Msg::from_stored(&code, "{"), None);
    }

    #[test]
    fn codes_are_unique_well_formed_and_in_their_domain() {
        let mut seen = BTreeSet::new();
        for (domain, entries) in catalogue::ALL {
            for e in entries.iter() {
                assert!(seen.insert(e.code), "code {} is declared twice", e.code);
                assert!(e.code.starts_with(&format!("{domain}.")), "code {} is not in domain {domain}", e.code);
                assert!(
                    e.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.' || c == '-'),
                    "code {} must be lowercase a-z0-9_-.",
                    e.code
                );
            }
        }
    }

    #[test]
    fn both_texts_use_exactly_the_declared_parameters() {
        for (_, entries) in catalogue::ALL {
            for e in entries.iter() {
                let declared: BTreeSet<String> = e.params.iter().map(|p| p.to_string()).collect();
                assert_eq!(placeholders(e.zh), declared, "{}: Chinese text parameters", e.code);
                assert_eq!(placeholders(e.en), declared, "{}: English text parameters", e.code);
            }
        }
    }

    #[test]
    fn chinese_texts_are_chinese_and_english_texts_have_no_chinese() {
        for (_, entries) in catalogue::ALL {
            for e in entries.iter() {
                assert!(!has_chinese(e.en), "{}: English text contains Chinese: {}", e.code, e.en);
                let bare = e.zh.replace(|c: char| c == '{' || c == '}', "");
                let only_params = e.params.iter().fold(bare.clone(), |s, p| s.replace(p, "")).trim().is_empty();
                let symbol = !bare.chars().any(|c| c.is_ascii_alphabetic()) || only_params;
                assert!(has_chinese(e.zh) || symbol || e.zh == e.en, "{}: Chinese text has no Chinese: {}", e.code, e.zh);
            }
        }
    }

    #[test]
    fn renders_parameters_nested_messages_and_braces() {
        let m = catalogue::common::invalid_value(catalogue::common::field_id(), "abc");
        assert_eq!(m.code(), "common.invalid_value");
        assert!(m.render(Lang::Zh).contains("abc"));
        assert!(m.render(Lang::Zh).contains("编号"));
        assert!(m.render(Lang::En).contains("id"));
        assert_eq!(format_number(2.50), "2.5");
        assert_eq!(format_number(3.0), "3");
        let found = Msg::from_code("common.invalid_value", vec![("field", Arg::from("x")), ("value", Arg::from(1))]).unwrap();
        assert!(found.render(Lang::En).contains('1'));
        assert!(Msg::from_code("common.no_such_code", vec![]).is_none());
    }

    #[test]
    fn label_falls_back_to_the_key() {
        assert_eq!(label("common.nothing", "xyz", Lang::Zh), "xyz");
    }
}
