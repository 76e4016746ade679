//! Sign-in lockout on both databases: a locked account is told until when, an unknown
//! name is locked exactly the same way (no user enumeration), an administrator unlocks.

use lantian::storage::accounts::{self, LoginOutcome, LOCKOUT_SECONDS, MAX_FAILED_LOGINS};
use lantian::storage::audit::Actor;
use sqlx::Row;

use crate::both_backends;
use crate::support::*;

fn kind(o: &LoginOutcome) -> &'static str {
    match o {
        LoginOutcome::Success { .. } => "success",
        LoginOutcome::Refused => "refused",
        LoginOutcome::Locked { .. } => "locked",
    }
}

both_backends! {
    async fn locked_accounts_and_unknown_names_answer_alike(t: &TestDb) {
        load_demo_city(&t.db, 8, 5).await;
        let password = lantian::demo::accounts::DEMO_PASSWORD;
        let attempt = |name: &'static str, pw: &'static str| accounts::login(&t.db, name, pw, "10.1.2.3", None);
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        for _ in 0..MAX_FAILED_LOGINS {
            known.push(kind(&attempt("township", "Wrong-Pass-2026").await.unwrap()));
            unknown.push(kind(&attempt("no-such-user", "Wrong-Pass-2026").await.unwrap()));
        }
        let mut expected = vec!["refused"; MAX_FAILED_LOGINS as usize - 1];
        expected.push("locked");
        assert_eq!(known, expected);
        assert_eq!(unknown, known, "an unknown name is locked exactly like an account");

        // The right password does not open a locked account; the answer names the time.
        let now = accounts::unix_now();
        let LoginOutcome::Locked { until } = attempt("township", password).await.unwrap() else { panic!("still locked") };
        assert!(until > now && until <= now + LOCKOUT_SECONDS + 1, "{until} vs {now}");
        let LoginOutcome::Locked { until: other } = attempt("no-such-user", "x").await.unwrap() else { panic!("unknown name locked") };
        assert!((other - until).abs() <= 2);
        let users = accounts::list_users(&t.db).await.unwrap();
        assert_eq!(users.iter().find(|u| u.username == "township").unwrap().locked_until, Some(until));

        // Another account from the same address is not affected (one office, one NAT address).
        assert_eq!(kind(&attempt("grid", password).await.unwrap()), "success");

        // The administrator unlocks; audited.
        accounts::unlock(&t.db, &Actor::system(), "township").await.unwrap();
        assert_eq!(kind(&attempt("township", password).await.unwrap()), "success");
        accounts::unlock(&t.db, &Actor::system(), "no-such-user").await.unwrap();
        assert_eq!(kind(&attempt("no-such-user", "x").await.unwrap()), "refused", "the count starts again");
        let missing = accounts::unlock(&t.db, &Actor::system(), "never-tried").await.unwrap_err();
        assert!(matches!(missing, lantian::Error::NotFound(_)), "{missing}");
        let unlocks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'user_unlock'").fetch_one(&t.db.pool).await.unwrap();
        assert_eq!(unlocks, 2);

        // A run of failures a day old is forgotten rather than completed today.
        let long_ago = accounts::unix_now() - 2 * 24 * 3600;
        sqlx::query("UPDATE users SET failed_logins = 4, last_failed_at = $1 WHERE username = 'grid'").bind(long_ago).execute(&t.db.pool).await.unwrap();
        assert_eq!(kind(&attempt("grid", "Wrong-Pass-2026").await.unwrap()), "refused");
        let failed: i64 = sqlx::query("SELECT failed_logins FROM users WHERE username = 'grid'").fetch_one(&t.db.pool).await.unwrap().get(0);
        assert_eq!(failed, 1);

        // Disabled accounts answer like a wrong password (and are counted the same way).
        accounts::set_disabled(&t.db, &Actor::system(), "grid", true).await.unwrap();
        assert_eq!(kind(&attempt("grid", password).await.unwrap()), "refused");
    }
}
