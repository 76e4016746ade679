//! Sessions, CSRF, lockout, password rules and rate limits over HTTP.

use reqwest::StatusCode;

use crate::support::*;

async fn city(config: lantian::web::WebConfig) -> (String, TestDb) {
    let t = TestDb::sqlite().await;
    load_demo_city(&t.db, 30, 3).await;
    let base = serve(&t.db, config).await;
    (base, t)
}

fn session_cookie(r: &reqwest::Response) -> Option<String> {
    r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find_map(|c| {
        c.strip_prefix("lantian_session=").map(|rest| rest.split(';').next().unwrap().to_string()).filter(|v| !v.is_empty())
    })
}

/// The login form's CSRF token and the cookie that carries it.
async fn login_form(c: &reqwest::Client, base: &str) -> String {
    let page = c.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    page.split("name=\"_csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csrf_is_required_on_every_change() {
    let (base, t) = city(Default::default()).await;
    let Session { client, csrf } = login(&base, "admin").await;
    let add = |token: Option<&str>| {
        let mut form = vec![("username", "csrf-probe"), ("role", "admin"), ("password", "Probe-Pass-2026")];
        if let Some(tk) = token {
            form.push(("_csrf", tk));
        }
        client.post(format!("{base}/admin/users")).form(&form).send()
    };
    assert_eq!(add(None).await.unwrap().status(), StatusCode::FORBIDDEN, "no token");
    assert_eq!(add(Some("0123")).await.unwrap().status(), StatusCode::FORBIDDEN, "wrong token");
    // Another session's token is no good either.
    let other = login(&base, "city-industry").await;
    assert_eq!(add(Some(&other.csrf)).await.unwrap().status(), StatusCode::FORBIDDEN, "someone else's token");
    let users = lantian::storage::accounts::list_users(&t.db).await.unwrap();
    assert!(users.iter().all(|u| u.username != "csrf-probe"), "nothing was written");
    // A JSON API call needs the header.
    let r = client.post(format!("{base}/api/ledger/import?dry_run=true")).body("x").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(add(Some(&csrf)).await.unwrap().status(), StatusCode::OK, "the session's own token");
    // The login form itself: the double-submit cookie must match the field.
    let fresh = cookie_client();
    let token = login_form(&fresh, &base).await;
    let wrong = fresh
        .post(format!("{base}/login"))
        .form(&[("_csrf", "forged"), ("username", "admin"), ("password", lantian::demo::accounts::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let right = fresh
        .post(format!("{base}/login"))
        .form(&[("_csrf", token.as_str()), ("username", "admin"), ("password", lantian::demo::accounts::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    // Refusals are audited.
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'csrf_rejected'").fetch_one(&t.db.pool).await.unwrap();
    assert!(n >= 4, "{n}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_never_keeps_a_session_id_it_was_given() {
    let (base, _t) = city(Default::default()).await;
    // An attacker plants a session id in the victim's browser before login.
    let planted = "a".repeat(64);
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = client.get(format!("{base}/login")).header("cookie", format!("lantian_session={planted}")).send().await.unwrap();
    let login_csrf = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .find_map(|v| v.to_str().unwrap().strip_prefix("lantian_csrf=").map(|r| r.split(';').next().unwrap().to_string()))
        .unwrap();
    let r = client
        .post(format!("{base}/login"))
        .header("cookie", format!("lantian_session={planted}; lantian_csrf={login_csrf}"))
        .form(&[("_csrf", login_csrf.as_str()), ("username", "grid"), ("password", lantian::demo::accounts::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let issued = session_cookie(&r).expect("a new session cookie");
    assert_ne!(issued, planted);
    let cookie = r.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).find(|c| c.starts_with("lantian_session=")).unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let me = |token: String| client.get(format!("{base}/api/me")).header("cookie", format!("lantian_session={token}")).send();
    assert_eq!(me(planted.clone()).await.unwrap().status(), StatusCode::UNAUTHORIZED, "the planted id is worth nothing");
    assert_eq!(me(issued.clone()).await.unwrap().status(), StatusCode::OK);

    // Signing in again in the same browser (as someone else) ends the earlier session.
    let again = client
        .post(format!("{base}/api/login"))
        .header("cookie", format!("lantian_session={issued}"))
        .json(&serde_json::json!({ "username": "admin", "password": lantian::demo::accounts::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    let second = session_cookie(&again).unwrap();
    assert_ne!(second, issued);
    assert_eq!(me(issued).await.unwrap().status(), StatusCode::UNAUTHORIZED, "the earlier session ended");
    assert_eq!(me(second.clone()).await.unwrap().status(), StatusCode::OK);

    // Behind HTTPS the cookie is Secure.
    let https = client
        .post(format!("{base}/api/login"))
        .header("x-forwarded-proto", "https")
        .json(&serde_json::json!({ "username": "admin", "password": lantian::demo::accounts::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    let cookie = https.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_account_and_logout_ends_the_session() {
    let (base, t) = city(Default::default()).await;
    let c = cookie_client();
    let attempt = |username: &'static str, password: &'static str| {
        c.post(format!("{base}/api/login")).json(&serde_json::json!({ "username": username, "password": password })).send()
    };
    let mut codes = Vec::new();
    for _ in 0..lantian::storage::accounts::MAX_FAILED_LOGINS {
        let r = attempt("township", "Wrong-Pass-2026").await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        codes.push(r.json::<serde_json::Value>().await.unwrap()["code"].as_str().unwrap().to_string());
    }
    assert_eq!(codes.last().unwrap(), "account_locked", "{codes:?}");
    assert!(codes[..codes.len() - 1].iter().all(|c| c == "login_refused"), "{codes:?}");
    // Locked: even the right password is refused, and the answer says until when.
    let r = attempt("township", lantian::demo::accounts::DEMO_PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let locked: serde_json::Value = r.json().await.unwrap();
    assert_eq!(locked["code"], "account_locked");
    assert!(locked["locked_until"].as_str().unwrap().ends_with('Z'), "{locked}");
    assert!(locked["message"].as_str().unwrap().contains("北京时间"), "{locked}");
    // An unknown name gives the same sequence of answers: nothing tells which names exist.
    let mut unknown = Vec::new();
    for _ in 0..=lantian::storage::accounts::MAX_FAILED_LOGINS {
        let r = attempt("nobody", "Wrong-Pass-2026").await.unwrap();
        unknown.push(r.json::<serde_json::Value>().await.unwrap()["code"].as_str().unwrap().to_string());
    }
    codes.push("account_locked".into());
    assert_eq!(unknown, codes);
    // The sign-in page says it in Chinese, with the time.
    let page = c.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    let token = page.split("name=\"_csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let r = c
        .post(format!("{base}/login"))
        .form(&[("_csrf", token.as_str()), ("username", "township"), ("password", lantian::demo::accounts::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let text = r.text().await.unwrap();
    assert!(text.contains("已锁定") && text.contains("北京时间") && text.contains("系统管理员解锁"), "{text}");
    let users = lantian::storage::accounts::list_users(&t.db).await.unwrap();
    assert!(users.iter().find(|u| u.username == "township").unwrap().locked);
    // One person's lockout does not shut out the office: another account signs in from the same address.
    let _ = login(&base, "grid").await;
    // The administrator unlocks it on the accounts page (audited).
    let admin = login(&base, "admin").await;
    let page = admin.client.get(format!("{base}/admin/users")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("/admin/users/township/unlock") && page.contains("已锁定至"), "the page offers the unlock");
    let r = admin.client.post(format!("{base}/admin/users/township/unlock")).form(&[("_csrf", admin.csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("已解锁账号 township"));
    let r = attempt("township", lantian::demo::accounts::DEMO_PASSWORD).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let csrf = r.json::<serde_json::Value>().await.unwrap()["csrf_token"].as_str().unwrap().to_string();
    assert_eq!(c.get(format!("{base}/api/me")).send().await.unwrap().status(), StatusCode::OK);
    let r = c.post(format!("{base}/api/logout")).header("x-csrf-token", &csrf).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(c.get(format!("{base}/api/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_rules_and_disabled_accounts() {
    let (base, t) = city(Default::default()).await;
    let Session { client, csrf } = login(&base, "grid").await;
    let other = login(&base, "grid").await;
    let change = |current: &str, new: &str| {
        client
            .post(format!("{base}/account/password"))
            .form(&[("_csrf", csrf.as_str()), ("current", current), ("new", new)])
            .send()
    };
    let weak = change(lantian::demo::accounts::DEMO_PASSWORD, "password").await.unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.text().await.unwrap().contains("至少需要 10 个字符"), "in the page's language (Chinese)");
    let ok = change(lantian::demo::accounts::DEMO_PASSWORD, "New-Pass-2026x").await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(client.get(format!("{base}/api/me")).send().await.unwrap().status(), StatusCode::OK, "this session goes on");
    assert_eq!(other.client.get(format!("{base}/api/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED, "other sessions end");
    // Disabling an account ends its sessions at once and refuses new logins.
    lantian::storage::accounts::set_disabled(&t.db, &lantian::storage::audit::Actor::system(), "grid", true).await.unwrap();
    assert_eq!(client.get(format!("{base}/api/me")).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let r = cookie_client()
        .post(format!("{base}/api/login"))
        .json(&serde_json::json!({ "username": "grid", "password": "New-Pass-2026x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_answer_429() {
    let config = lantian::web::WebConfig { rate_limit: 2, login_rate_limit: 3, ..Default::default() };
    let (base, _t) = city(config).await;
    let s = login(&base, "admin").await;
    let mut statuses = Vec::new();
    for _ in 0..20 {
        statuses.push(s.client.get(format!("{base}/api/me")).send().await.unwrap().status());
    }
    assert!(statuses.contains(&StatusCode::OK));
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_failed_sign_ins_count_against_an_address() {
    let config = lantian::web::WebConfig { rate_limit: 0, login_rate_limit: 3, ..Default::default() };
    let (base, _t) = city(config).await;
    // Only failures count (3 here), so many successful sign-ins from one office pass.
    for _ in 0..5 {
        let _ = login(&base, "grid").await;
    }
    let c = cookie_client();
    for _ in 0..3 {
        let r = c.post(format!("{base}/api/login")).json(&serde_json::json!({ "username": "x", "password": "y" })).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = c
        .post(format!("{base}/api/login"))
        .json(&serde_json::json!({ "username": "grid", "password": lantian::demo::accounts::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the address waits, even with the right password");
    let wait: u64 = r.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait > 60 && wait <= 15 * 60, "{wait}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_answer_a_scraper_with_the_token_and_nobody_else() {
    let config = lantian::web::WebConfig { metrics_token: Some("s3cret-scrape-token".into()), ..Default::default() };
    let (base, _t) = city(config).await;
    let c = cookie_client();
    let get = |token: Option<&str>| {
        let mut r = c.get(format!("{base}/metrics"));
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(get(None).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(get(Some("wrong")).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    let r = get(Some("s3cret-scrape-token")).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = r.text().await.unwrap();
    assert!(text.contains("# TYPE") && text.contains("lantian_hj212"), "{}", &text[..200.min(text.len())]);
    // The token opens /metrics only.
    assert_eq!(c.get(format!("{base}/monitoring")).bearer_auth("s3cret-scrape-token").send().await.unwrap().status(), StatusCode::SEE_OTHER);
}

/// Issue 17 item 10: after login, `next` never leads off the site, and a `next` with a
/// control character (which browsers strip, turning `/\t/evil` into `//evil`) neither
/// redirects away nor breaks the answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_next_never_redirects_off_site() {
    let (base, _t) = city(Default::default()).await;
    for next in ["/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "%2F%2Fevil.example", "https://evil.example/", "/%5Cevil.example"] {
        let c = cookie_client();
        let page = c.get(format!("{base}/login?next={next}")).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{next}");
        let html = page.text().await.unwrap();
        let token = html.split("name=\"_csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let decoded = percent_decode(next);
        let r = c
            .post(format!("{base}/login"))
            .form(&[("_csrf", token.as_str()), ("username", "admin"), ("password", lantian::demo::accounts::DEMO_PASSWORD), ("next", decoded.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(r.headers()["location"], "/", "{next}");
    }
    // A path on the site is kept.
    let c = cookie_client();
    let token = login_form(&c, &base).await;
    let r = c
        .post(format!("{base}/login"))
        .form(&[("_csrf", token.as_str()), ("username", "admin"), ("password", lantian::demo::accounts::DEMO_PASSWORD), ("next", "/enterprises?page=2")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/enterprises?page=2");
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
