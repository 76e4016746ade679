//! Every page speaks the viewer's language (issue 16 item 1). For each demo account, the pages
//! reachable from its home page are crawled (links followed, every GET page route of the route
//! table reached by at least one account) and each page is read in Chinese and in English:
//!
//! - in Chinese, no English word outside data values, except proper names, codes, acronyms and
//!   unit symbols (the allow-list below);
//! - in English, no Chinese outside data values.
//!
//! Data values (names, addresses, notes typed by people, reference data that exists in Chinese
//! only) are marked in the pages with `span.v` or a `data-v` attribute; `<code>`, `<pre>`,
//! `<script>`, `<style>` and `<svg>` are skipped (codes, formulas, charts drawn from data).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use lantian::i18n::Lang;

use crate::both_backends;
use crate::support::*;

/// Elements whose whole content is not text of the frame.
/// `title` and `h1` carry the page's title, which names the record shown (a plan, an
/// enterprise); the frame's own titles come from the same `lang.pick` as the navigation.
const SKIPPED: &[&str] = &["script", "style", "code", "pre", "svg", "textarea", "option", "title", "h1"];
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// The visible text of a page outside data values: text nodes and the attributes people read.
pub fn frame_text(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip_depth: Vec<String> = Vec::new(); // the tag names that opened a skipped region
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_depth.is_empty() {
                out.push(decode(rest));
            }
            break;
        };
        if lt > 0 && skip_depth.is_empty() {
            out.push(decode(&rest[..lt]));
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map(|e| &rest[e + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            if skip_depth.last() == Some(&name) {
                skip_depth.pop();
            }
            continue;
        }
        let name: String = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("").to_ascii_lowercase();
        let self_closing = tag.ends_with('/') || VOID.contains(&name.as_str());
        let data = tag.contains("data-v") || class_has_v(tag);
        if !skip_depth.is_empty() {
            // Inside a skipped region: count nested elements of the same name so that the
            // region ends at its own closing tag.
            if !self_closing && skip_depth.last() == Some(&name) {
                skip_depth.push(name);
            }
            continue;
        }
        if !data && !SKIPPED.contains(&name.as_str()) {
            for attr in ["title", "placeholder", "aria-label", "alt"] {
                if let Some(v) = attribute(tag, attr) {
                    out.push(decode(&v));
                }
            }
        }
        if (data || SKIPPED.contains(&name.as_str())) && !self_closing {
            skip_depth.push(name);
        }
    }
    out.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

fn class_has_v(tag: &str) -> bool {
    attribute(tag, "class").is_some_and(|c| c.split_whitespace().any(|x| x == "v"))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut at = 0;
    while let Some(i) = tag[at..].find(name) {
        let start = at + i;
        let before_ok = start == 0 || tag.as_bytes()[start - 1].is_ascii_whitespace();
        let after = &tag[start + name.len()..];
        if before_ok && after.starts_with("=\"") {
            let v = &after[2..];
            return v.find('"').map(|e| v[..e].to_string());
        }
        at = start + name.len();
    }
    None
}

fn decode(s: &str) -> String {
    s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", " ")
}

/// Words a Chinese page may show in Latin letters: proper names, file formats, standards,
/// chemical formulas, unit symbols, the language switch.
const ALLOWED_LATIN: &[&str] = &[
    "English", "Lantian", "Excel", "CSV", "JSON", "API", "OpenAPI", "TOML", "PDF", "PNG", "JPEG", "xlsx", "csv", "zip", "toml", "md", "Open311",
    "GB", "HJ", "GBT", "ID", "LS", "UTF", "GBK", "BOM", "CN", "ST", "MN", "PW", "CRC", "SM4", "QN",
    "NOx", "VOCs", "PM", "SO", "CO", "CH", "COD", "NH", "pH", "O2", "Nm", "mg", "kg", "kt", "km", "kWh", "MWh", "GJ", "MW", "kW", "kVA", "kA", "tce",
    "pcs", "m", "t", "h", "d", "a", "s", "min", "L", "g", "kPa", "Pa", "A", "B", "C", "D", "N", "E", "W", "V", "K", "x", "v", "tCO", "CO2e",
    "data", "README", "Lt", "No", "IP", "URL", "SMS", "SMTP", "OK", "vs", "Prometheus", "Word", "docx",
];

fn english_words(text: &str) -> Vec<String> {
    // Tokens of Latin letters, digits and the characters codes are written with; a token is a
    // word only when it is letters alone (SO2, PM2.5, a21026, /metrics, dry_hollow are codes).
    let mut words: Vec<String> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || "_-./:@%'".contains(c)))
        .map(|t| t.trim_matches(|c: char| "-.:'%".contains(c)))
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_string)
        .collect();
    words.retain(|w| {
        let all_caps = w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase());
        !all_caps && !ALLOWED_LATIN.contains(&w.as_str())
    });
    words
}

/// What is wrong with a page in `lang`: the offending texts.
pub fn violations(html: &str, lang: Lang) -> Vec<String> {
    frame_text(html)
        .into_iter()
        .filter(|t| match lang {
            Lang::En => lantian::i18n::has_chinese(t) && t != "中文",
            Lang::Zh => !english_words(t).is_empty(),
        })
        .map(|t| t.chars().take(120).collect())
        .collect()
}

/// A route path (`/cases/{id}`) as a pattern over request paths.
fn matches_route(route: &str, path: &str) -> bool {
    let (r, p): (Vec<&str>, Vec<&str>) = (route.split('/').collect(), path.split('/').collect());
    r.len() == p.len() && r.iter().zip(&p).all(|(a, b)| (a.starts_with('{') && !b.is_empty()) || a == b)
}

/// GET routes that answer a page (not a file, the API, or a redirect-only action).
fn page_routes() -> Vec<&'static str> {
    lantian::web::routes::table()
        .into_iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path)
        .filter(|p| !p.starts_with("/api/") && !p.starts_with("/static/") && !p.starts_with("/open311/") && *p != "/healthz" && *p != "/metrics")
        .filter(|p| !p.contains('.') && !p.contains("/photos/") && !p.contains("/proof") && !p.contains("/documents/") && !p.contains("/files/{file}"))
        .collect()
}

fn route_of<'a>(routes: &[&'a str], path: &str) -> Option<&'a str> {
    // The most specific route (fewest parameters) wins: /cases/overdue before /cases/{id}.
    routes.iter().filter(|r| matches_route(r, path)).min_by_key(|r| r.matches('{').count()).copied()
}

fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=\"") {
        rest = &rest[i + 6..];
        if let Some(e) = rest.find('"') {
            // A fragment names a place on the page, not another page (and a query after it would be part of it).
            let href = decode(&rest[..e]).split('#').next().unwrap_or_default().to_string();
            if href.starts_with('/') && !href.starts_with("//") {
                out.push(href);
            }
            rest = &rest[e..];
        }
    }
    out
}

const ROLES: &[&str] = &["admin", "city-industry", "city-environment", "city-development", "county-market", "county-emergency", "township", "grid", "enterprise"];

/// Pages that need a query to answer (a form's target), with one that does.
fn seeded(path: &str, code: &str) -> Option<String> {
    (path == "/screening/why").then(|| format!("/screening/why?code={code}"))
}

both_backends! {
    async fn every_page_speaks_the_viewers_language(t: &TestDb) {
        let city = load_demo_city(&t.db, 150, 11).await;
        lantian::screening::service::run(&t.db, &lantian::storage::audit::Actor::system(), &lantian::auth::Scope::All).await.unwrap();
        let today = lantian::plans::due::today_beijing();
        let plan = lantian::demo::plans::load(&t.db, today).await.unwrap();
        lantian::demo::synergy::load(&t.db, 2026).await.unwrap(); // the synergy evaluation: /synergy/district
        lantian::demo::activity::ensure_scenario(&t.db).await.unwrap().expect("the demo scenario: /inventory/scenarios/{id}");
        let cells = lantian::demo::accounts::accounts(&city).into_iter().find(|u| u.username == "grid").map(|u| u.divisions).unwrap_or_default();
        lantian::demo::campaigns::load(&t.db, 7, &cells).await.unwrap();
        // The demo complaints (issue 14) over the demo boundaries.
        lantian::storage::map::replace(&t.db, &lantian::storage::audit::Actor::system(), &lantian::map::DEMO, "demo").await.unwrap();
        lantian::demo::complaints::load_if_none(&t.db).await.unwrap();
        lantian::demo::admission::load_if_none(&t.db).await.unwrap(); // the admission review: /admission/{id}
        // Published samples of the public lists (issue 14 item 1): /public links to enterprises' public pages.
        assert!(lantian::demo::publication::publish_samples(&t.db).await.unwrap() > 0);
        // Energy (issue 18): targets, a diagnosis and the renovation list of the demo city.
        lantian::demo::energy::load_if_none(&t.db).await.unwrap();
        let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let routes = page_routes();
        let some_code = city.bundles[0].enterprise.credit_code.clone();

        // Records no link leads to from an empty city: a lead opened into a case, an
        // enterprise's submission, last month's reports, an outlet's tax.
        let county = lantian::demo::accounts::DEMO_COUNTY;
        let e = city.bundles.iter().find(|b| b.enterprise.division_code.starts_with(county) && !b.outlets.is_empty()).expect("an enterprise with outlets").clone();
        let lead = crate::enforcement_cases::insert_lead(&t.db, &e.enterprise.credit_code, &e.enterprise.division_code, &e.enterprise.industry_code, "exceedance", 1_780_000_000).await;
        let decided = lantian::storage::enforcement_cases::decide_lead(
            &t.db,
            &lantian::storage::audit::Actor::system(),
            &lantian::auth::Scope::All,
            lead,
            &lantian::storage::enforcement_cases::LeadDecision {
                verdict: Some(lantian::enforcement::case::Verdict::Verify),
                reason: "调取历史数据核实".into(),
                target: lantian::storage::enforcement_cases::Target::NewCase { basis: "permit_34".into() },
            },
            today,
        )
        .await
        .unwrap();
        let second_lead = crate::enforcement_cases::insert_lead(&t.db, &e.enterprise.credit_code, &e.enterprise.division_code, &e.enterprise.industry_code, "flatline", 1_780_100_000).await;
        let enterprise_viewer = lantian::auth::Viewer {
            user_id: 0,
            username: "enterprise".into(),
            display_name: String::new(),
            role: lantian::auth::Role::Enterprise,
            department: None,
            scope: lantian::auth::Scope::Enterprise(e.enterprise.credit_code.clone()),
            ip: "10.0.0.9".into(),
        };
        let mut proposed = e.clone();
        proposed.enterprise.contact_phone = "029-88886666".into();
        let submission = lantian::storage::submissions::submit_ledger_update(&t.db, &enterprise_viewer, &proposed).await.unwrap();
        let last_month = lantian::plans::due::month_of(today - time::Duration::days(today.day() as i64));
        let seeds = [
            format!("/enforcement/leads/{second_lead}"),
            format!("/enforcement/cases/{}", decided.case_id.unwrap()),
            format!("/submissions/{submission}"),
            format!("/plans/{plan}/reports?month={last_month}"),
            format!("/tax/outlets/{}/{}", e.enterprise.credit_code, e.outlets[0].code),
        ];

        let mut reached: BTreeSet<&str> = BTreeSet::new();
        let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for role in ROLES {
            let s = login(&base, role).await;
            let mut seen_per_route: BTreeMap<&str, usize> = BTreeMap::new();
            let mut visited: BTreeSet<String> = BTreeSet::new();
            let mut queue: VecDeque<String> = VecDeque::from(vec!["/".to_string(), "/account".to_string(), "/public".to_string()]);
            queue.extend(routes.iter().filter(|r| !r.contains('{')).map(|r| r.to_string()));
            queue.extend(seeds.iter().cloned());
            while let Some(url) = queue.pop_front() {
                let path = url.split(['?', '#']).next().unwrap_or("").to_string();
                const DOWNLOADS: &[&str] = &[".xlsx", ".csv", ".json", ".zip", ".docx", ".png", ".jpg", ".pdf", ".geojson", ".xml"];
                if DOWNLOADS.iter().any(|d| path.ends_with(d)) || path.contains("/files/") && path.starts_with("/plans/") {
                    continue; // a download
                }
                let Some(route) = route_of(&routes, &path) else { continue };
                let url = seeded(route, &some_code).filter(|_| !url.contains('?')).unwrap_or(url);
                let n = seen_per_route.entry(route).or_default();
                if *n >= 2 || !visited.insert(url.clone()) {
                    continue;
                }
                *n += 1;
                let sep = if url.contains('?') { '&' } else { '?' };
                let mut pages = Vec::new();
                for lang in [Lang::Zh, Lang::En] {
                    let r = s.client.get(format!("{base}{url}{sep}lang={}", lang.code())).send().await.unwrap();
                    let status = r.status().as_u16();
                    let html = r.text().await.unwrap();
                    if status != 200 {
                        break; // refused for this role, or a redirect: the access matrix covers those
                    }
                    for v in violations(&html, lang) {
                        problems.entry(format!("{route} [{}]", lang.code())).or_default().push(format!("{role} {url}: {v}"));
                    }
                    pages.push(html);
                }
                if pages.len() == 2 {
                    reached.insert(route);
                    for l in links(&pages[0]) {
                        queue.push_back(l);
                    }
                }
            }
        }
        // The pages of the public, without signing in.
        let anonymous = cookie_client();
        for path in ["/login", "/public", "/public/map"] {
            for lang in [Lang::Zh, Lang::En] {
                let html = anonymous.get(format!("{base}{path}?lang={}", lang.code())).send().await.unwrap().text().await.unwrap();
                reached.insert(path);
                for v in violations(&html, lang) {
                    problems.entry(format!("{path} [{}]", lang.code())).or_default().push(format!("anonymous: {v}"));
                }
            }
        }
        let unreached: Vec<&&str> = routes.iter().filter(|r| !reached.contains(**r)).collect();
        let report: Vec<String> = problems.iter().map(|(k, v)| format!("{k} ({}):\n    {}", v.len(), v.iter().take(4).cloned().collect::<Vec<_>>().join("\n    "))).collect();
        if let Ok(file) = std::env::var("LANTIAN_LANGUAGE_REPORT") {
            std::fs::write(file, problems.iter().map(|(k, v)| format!("{k} ({}):\n    {}", v.len(), v.join("\n    "))).collect::<Vec<_>>().join("\n")).unwrap();
        }
        assert!(problems.is_empty(), "{} page(s) speak the wrong language:\n{}", problems.len(), report.join("\n"));
        assert!(unreached.is_empty(), "page routes no account reached (add data or a seed): {unreached:?}");
    }
}

#[test]
fn the_checker_tells_frame_text_from_data() {
    let page = r#"<html><head><title>台账</title><style>.a{}</style></head><body><h1>企业台账</h1>
        <p>名称: <span class="v">Acme 水泥</span></p><td data-v>江苏</td><code>env-no-eia</code>
        <a title="Export">导出</a><svg><text>label</text></svg><p>SO2 PM2.5 mg/m³ 120 t/d</p></body></html>"#;
    assert_eq!(violations(page, Lang::Zh), vec!["Export".to_string()]);
    let en = r#"<h1>Ledger</h1><p>Name: <span class="v">水泥厂</span></p><a href="?lang=zh">中文</a><p>共 3 家</p>"#;
    assert_eq!(violations(en, Lang::En), vec!["共 3 家".to_string()]);
    assert!(english_words("统一社会信用代码 91350100M000100Y43，CSV 与 Excel").is_empty());
    assert_eq!(english_words("状态 operating"), vec!["operating".to_string()]);
}
