-- Accounts and sessions. A user's reach is its role, department and jurisdiction
-- (division codes, or one enterprise's credit code); see src/auth.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL DEFAULT '',
    role                TEXT NOT NULL,              -- admin | bureau | township | grid | enterprise
    department          TEXT NOT NULL DEFAULT '',   -- bureau staff: industry | environment | market | emergency | development
    divisions           TEXT NOT NULL DEFAULT '',   -- space-separated division codes (jurisdiction roots, grid cells)
    enterprise_code     TEXT NOT NULL DEFAULT '',   -- enterprise accounts: the credit code (stable across re-imports)
    password_hash       TEXT NOT NULL,              -- argon2id PHC string
    disabled            INTEGER NOT NULL DEFAULT 0,
    failed_logins       INTEGER NOT NULL DEFAULT 0,
    locked_until        BIGINT,                     -- unix seconds; refused until then
    password_changed_at TEXT NOT NULL,
    created_at          TEXT NOT NULL
);

-- The cookie carries a random token; only its SHA-256 is stored, so a copy of the
-- database does not hand out live sessions.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    ip          TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    last_seen   BIGINT NOT NULL,                -- unix seconds
    expires_at  BIGINT NOT NULL                 -- unix seconds
);
CREATE INDEX sessions_user ON sessions(user_id);
