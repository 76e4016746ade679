-- Sign-in under usernames that have no account is counted and locked exactly like an
-- account (users.failed_logins / locked_until), so the answer — "locked until …" after
-- five failures — is the same whether or not the name exists (no user enumeration).
CREATE TABLE login_failures (
    username     TEXT PRIMARY KEY,          -- as typed, at most 64 characters
    failed       BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,                    -- unix seconds
    last_failed  BIGINT NOT NULL            -- unix seconds; rows idle for a day are swept
);

-- Consecutive failures of an account are forgotten after a day without one, as for
-- unknown names above.
ALTER TABLE users ADD COLUMN last_failed_at BIGINT;
