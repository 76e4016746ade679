//! Issue 17 item 13: with a session, `/account/password` used to take unlimited guesses of
//! the current password, unlocked and unaudited. Now wrong guesses count towards the
//! account's lockout (shared with sign-in) and every attempt's outcome is audited.

use lantian::storage::accounts::{self, LoginOutcome, MAX_FAILED_LOGINS};
use lantian::storage::audit::Actor;
use reqwest::StatusCode;

use crate::both_backends;
use crate::support::*;

async fn change(base: &str, s: &Session, current: &str, new: &str) -> (StatusCode, String) {
    let r = s
        .client
        .post(format!("{base}/account/password?lang=en"))
        .header("X-CSRF-Token", &s.csrf)
        .form(&[("_csrf", s.csrf.as_str()), ("current", current), ("new", new)])
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn audited(t: &TestDb, action: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT COALESCE(after_json, '') FROM audit_log WHERE action = $1 AND entity_id = 'township' ORDER BY seq")
        .bind(action)
        .fetch_all(&t.db.pool)
        .await
        .unwrap()
}

both_backends! {
    async fn wrong_current_passwords_lock_the_account_and_are_audited(t: &TestDb) {
        load_demo_city(&t.db, 6, 17).await;
        let base = serve(&t.db, lantian::web::WebConfig { rate_limit: 0, ..Default::default() }).await;
        let s = login(&base, "township").await;
        let right = lantian::demo::accounts::DEMO_PASSWORD;
        let guess = |i: usize| format!("Guess-Number-{i}!");

        for i in 1..MAX_FAILED_LOGINS as usize {
            let (status, page) = change(&base, &s, &guess(i), "Brand-New-Pass-2027").await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "guess {i}: {page}");
            assert!(page.contains("current password is wrong"), "guess {i}");
        }
        let (status, page) = change(&base, &s, &guess(99), "Brand-New-Pass-2027").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the fifth wrong guess locks the account");
        assert!(page.contains("locked until"), "{page}");
        // Locked: even the right password changes nothing, and sign-in is locked as well.
        let (status, _) = change(&base, &s, right, "Brand-New-Pass-2027").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert!(matches!(accounts::login(&t.db, "township", right, "10.0.0.9", None).await.unwrap(), LoginOutcome::Locked { .. }));

        // Every attempt is in the audit log, with its outcome and without any password.
        let failed = audited(t, "password_change_failed").await;
        assert_eq!(failed.len(), MAX_FAILED_LOGINS as usize + 1, "{failed:?}");
        assert!(failed[..4].iter().all(|d| d.contains("\"wrong current password\"")), "{failed:?}");
        assert!(failed[4].contains("account locked") && failed[5].contains("\"locked\""), "{failed:?}");
        let all: Vec<String> = sqlx::query_scalar("SELECT COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit_log").fetch_all(&t.db.pool).await.unwrap();
        assert!(!all.iter().any(|d| d.contains("Guess-Number") || d.contains("Brand-New") || d.contains(right)), "a password reached the audit log");
        assert!(audited(t, "password_change").await.is_empty());

        // Unlocked by the administrator: a new password breaking the rules is refused and
        // audited; then the change goes through and is audited.
        accounts::unlock(&t.db, &Actor::system(), "township").await.unwrap();
        let (status, _) = change(&base, &s, right, "short").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(audited(t, "password_change_failed").await.last().unwrap().contains("rules"));
        let (status, page) = change(&base, &s, right, "Brand-New-Pass-2027").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(audited(t, "password_change").await.len(), 1);
        assert!(matches!(accounts::login(&t.db, "township", "Brand-New-Pass-2027", "10.0.0.9", None).await.unwrap(), LoginOutcome::Success { .. }));
        assert!(matches!(lantian::storage::audit::verify(&t.db).await.unwrap(), lantian::storage::audit::Verdict::Intact { .. }));
    }
}
