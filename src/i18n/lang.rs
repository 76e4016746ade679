//! The viewer's language: Chinese by default, English on request.
//!
//! On the web: `?lang=en|zh` (remembered in a cookie by `web::remember_language`), else the
//! `lang` cookie, else the browser's `Accept-Language`, else Chinese. On the command line:
//! `LANTIAN_LANG`, else `LC_ALL` / `LC_MESSAGES` / `LANG`, else Chinese.

use std::sync::OnceLock;

use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Uri};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The text of a catalogue label (a message without parameters) in this language, borrowed
    /// for as long as the program runs — for templates and places that need a `&str`.
    pub fn label(self, msg: super::Msg) -> &'static str {
        debug_assert!(msg.entry.params.is_empty(), "{} takes parameters; use Lang::t", msg.entry.code);
        match self {
            Lang::Zh => msg.entry.zh,
            Lang::En => msg.entry.en,
        }
    }

    /// Render a catalogue message in this language.
    pub fn t(self, msg: &super::Msg) -> String {
        msg.render(self)
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en-US`, `en_GB.UTF-8` …; anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim();
        let primary = s.split(['-', '_', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The preferred of Chinese and English in an `Accept-Language` header (by q-value,
    /// earlier first on ties); `None` when it names neither.
    pub fn from_accept_language(value: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in value.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else { continue };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                .unwrap_or(1.0);
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    /// The language of a request: query, cookie, `Accept-Language`, Chinese.
    pub fn of_request(uri: &Uri, headers: &HeaderMap) -> Lang {
        let from_query = uri.query().and_then(|q| {
            q.split('&').find_map(|kv| kv.strip_prefix("lang=")).and_then(|v| match v {
                "zh" | "zh-CN" => Some(Lang::Zh),
                "en" => Some(Lang::En),
                _ => None,
            })
        });
        let from_cookie = || {
            headers
                .get_all(header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .find_map(|c| c.trim().strip_prefix("lang=").and_then(Lang::parse))
        };
        let from_browser =
            || headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language);
        from_query.or_else(from_cookie).or_else(from_browser).unwrap_or(Lang::Zh)
    }

    pub fn from_parts(parts: &Parts) -> Lang {
        Lang::of_request(&parts.uri, &parts.headers)
    }

    /// The language chosen by environment variables (`LANTIAN_LANG`, then the POSIX locale
    /// variables); Chinese when none names Chinese or English (`C`, `POSIX`, unset).
    pub fn from_env_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LANTIAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k).filter(|v| !v.trim().is_empty()))
            .map(|v| Lang::parse(&v))
            .next()
            .flatten()
            .unwrap_or(Lang::Zh)
    }

    /// The language of this process (command-line messages, logs), read once.
    pub fn process() -> Lang {
        static PROCESS: OnceLock<Lang> = OnceLock::new();
        *PROCESS.get_or_init(|| Lang::from_env_vars(|k| std::env::var(k).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Some(Lang::Zh));
        assert_eq!(Lang::from_accept_language("fr;q=1, en;q=0.5, zh;q=0.7"), Some(Lang::Zh));
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(Lang::from_accept_language("en;q=0"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn request_language_order_is_query_cookie_browser_default() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
        let plain: Uri = "/x".parse().unwrap();
        assert_eq!(Lang::of_request(&plain, &h), Lang::En);
        h.insert(header::COOKIE, "a=b; lang=zh".parse().unwrap());
        assert_eq!(Lang::of_request(&plain, &h), Lang::Zh);
        let q: Uri = "/x?a=1&lang=en".parse().unwrap();
        assert_eq!(Lang::of_request(&q, &h), Lang::En);
        assert_eq!(Lang::of_request(&plain, &HeaderMap::new()), Lang::Zh);
    }

    #[test]
    fn environment_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_env_vars(env(&[])), Lang::Zh);
        assert_eq!(Lang::from_env_vars(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env_vars(env(&[("LANG", "C.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env_vars(env(&[("LANTIAN_LANG", "zh"), ("LANG", "en_US.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env_vars(env(&[("LC_ALL", "en_GB"), ("LANG", "zh_CN.UTF-8")])), Lang::En);
    }
}
