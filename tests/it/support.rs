//! Test databases on both backends.

pub use lantian::auth::Scope;
use lantian::storage::Db;

pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

pub fn pg_base() -> String {
    std::env::var("LANTIAN_TEST_PG").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        // Named as in a data directory, so `Location::SqliteDir` finds it (backup tests).
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("lantian.db").display());
        let db = Db::connect(&url, 4).await.unwrap();
        lantian::storage::ledger::seed_reference(&db).await.unwrap();
        TestDb { db, url, _dir: Some(dir), pg_name: None }
    }

    /// A fresh PostgreSQL database per test. PostgreSQL is part of the test environment
    /// (.ci/run starts it); a missing server fails the test rather than skipping it.
    pub async fn postgres() -> TestDb {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let name = format!("lantian_t_{}_{}", std::process::id(), rand_suffix());
        let mut admin = sqlx::AnyConnection::connect(&format!("{}/postgres", pg_base()))
            .await
            .expect("PostgreSQL must be running on 127.0.0.1:5432 (set LANTIAN_TEST_PG to point elsewhere)");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut admin).await.unwrap();
        let url = format!("{}/{name}", pg_base());
        let db = Db::connect(&url, 4).await.unwrap();
        lantian::storage::ledger::seed_reference(&db).await.unwrap();
        TestDb { db, url, _dir: None, pg_name: Some(name) }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = self.pg_name.take() {
            // Best effort: drop the database from a separate thread with its own runtime.
            let base = pg_base();
            let pool = self.db.pool.clone();
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async move {
                    use sqlx::Connection;
                    pool.close().await;
                    if let Ok(mut admin) = sqlx::AnyConnection::connect(&format!("{base}/postgres")).await {
                        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin).await;
                    }
                });
            })
            .join()
            .ok();
        }
    }
}

impl TestDb {
    /// Where this database lives, as the command line would name it.
    pub fn location(&self) -> lantian::storage::Location {
        match &self._dir {
            Some(dir) => lantian::storage::Location::SqliteDir(dir.path().to_path_buf()),
            None => lantian::storage::Location::Url(self.url.clone()),
        }
    }
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{nanos}_{}", N.fetch_add(1, Ordering::Relaxed))
}

/// Define `$name` once, run it as `$name::sqlite` and `$name::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($(async fn $name:ident($db:ident: &TestDb) $body:block)+) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                async fn run($db: &$crate::support::TestDb) $body
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() { run(&$crate::support::TestDb::sqlite().await).await }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() { run(&$crate::support::TestDb::postgres().await).await }
            }
        )+
    };
}

/// A small demo ledger as workbook bytes.
pub fn demo_workbook(n: usize, seed: u64) -> (lantian::demo::DemoCity, Vec<u8>) {
    let city = lantian::demo::generate(n, seed);
    let bytes = lantian::excel::export::workbook(&city.bundles).unwrap();
    (city, bytes)
}

pub async fn load_demo_divisions(db: &Db, city: &lantian::demo::DemoCity) {
    lantian::storage::ledger::upsert_divisions(db, &city.divisions, "demo").await.unwrap();
}

/// A demo city of `n` enterprises with one account per role (see `lantian::demo::accounts`).
pub async fn load_demo_city(db: &Db, n: usize, seed: u64) -> lantian::demo::DemoCity {
    use lantian::storage::audit::Actor;
    let (city, bytes) = demo_workbook(n, seed);
    load_demo_divisions(db, &city).await;
    lantian::storage::ledger::import(db, lantian::excel::parse_workbook(&bytes).unwrap(), &Actor::system(), lantian::storage::ledger::ImportMode::Insert, false, |_, _| {})
        .await
        .unwrap();
    for u in lantian::demo::accounts::accounts(&city) {
        lantian::storage::accounts::add_user(db, &Actor::system(), &u).await.unwrap();
    }
    city
}

/// Serve the platform over `db` on an ephemeral port; returns the base URL.
pub async fn serve(db: &Db, config: lantian::web::WebConfig) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = lantian::web::router_with(db.clone(), config);
    tokio::spawn(async move { lantian::web::serve_on(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// A signed-in HTTP client: its cookie jar holds the session; `csrf` goes in X-CSRF-Token.
pub struct Session {
    pub client: reqwest::Client,
    pub csrf: String,
}

pub fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

pub async fn login(base: &str, username: &str) -> Session {
    let client = cookie_client();
    let r = client
        .post(format!("{base}/api/login"))
        .json(&serde_json::json!({ "username": username, "password": lantian::demo::accounts::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "login as {username}");
    let body: serde_json::Value = r.json().await.unwrap();
    Session { client, csrf: body["csrf_token"].as_str().unwrap().to_string() }
}

/// What someone with the database owner's rights does before tampering with the audit log:
/// the append-only triggers (migration 0015) refuse UPDATE and DELETE until they are dropped.
pub async fn drop_audit_triggers(db: &Db) {
    let statements: &[&str] = match db.backend {
        lantian::storage::Backend::Sqlite => &["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
        lantian::storage::Backend::Postgres => &["DROP TRIGGER audit_log_no_change ON audit_log", "DROP TRIGGER audit_log_no_truncate ON audit_log"],
    };
    for sql in statements {
        sqlx::query(sql).execute(&db.pool).await.unwrap();
    }
}
