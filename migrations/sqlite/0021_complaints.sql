-- Complaints from the public (举报, issue 14), SQLite flavour. The complainant's identity is in
-- its own table, read only by the handling officer's page (never by a list, export, the public
-- page or Open311). Times `*_at` are RFC 3339 UTC; days `*_on`/`due_on` are Beijing dates.

CREATE TABLE complaints (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking        TEXT NOT NULL UNIQUE,        -- JB20261204-XXXXXXX (complaints::tracking)
    token           TEXT NOT NULL UNIQUE,        -- Open311 token
    channel         TEXT NOT NULL,               -- web | open311 | demo
    partner         TEXT NOT NULL DEFAULT '',    -- the Open311 key's partner system
    categories      TEXT NOT NULL,               -- codes separated by spaces (several may apply)
    service_code    TEXT NOT NULL,               -- the first category (Open311)
    description     TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    lon             REAL,
    lat             REAL,
    division_code   TEXT NOT NULL,               -- the jurisdiction (district holding the point)
    bureau          TEXT NOT NULL,               -- department code (data/complaints/routing.csv)
    stage           TEXT NOT NULL,
    not_accepted_reason TEXT NOT NULL DEFAULT '',
    merged_into     TEXT NOT NULL DEFAULT '',    -- tracking number of the complaint it joined
    supporters      INTEGER NOT NULL DEFAULT 0,  -- people who joined it as a duplicate
    real_name       INTEGER NOT NULL DEFAULT 0,
    reward_flag     INTEGER NOT NULL DEFAULT 0,  -- real-name: goes to the reward procedure
    handler         TEXT NOT NULL DEFAULT '',    -- username of the handling officer
    answer          TEXT NOT NULL DEFAULT '',
    published       INTEGER NOT NULL DEFAULT 0,  -- the answer is public (on closing)
    extended        INTEGER NOT NULL DEFAULT 0,
    received_at     TEXT NOT NULL,
    accepted_on     TEXT,
    stage_on        TEXT NOT NULL,               -- Beijing day the stage began
    due_on          TEXT,                        -- the stage's deadline (NULL: final stage)
    overdue_noticed TEXT NOT NULL DEFAULT '',    -- stage whose overdue notice was sent
    closed_at       TEXT,
    updated_at      TEXT NOT NULL,
    challenge_nonce TEXT UNIQUE                  -- one answered challenge files one complaint
);
CREATE INDEX complaints_division ON complaints(division_code, id);
CREATE INDEX complaints_received ON complaints(received_at);
CREATE INDEX complaints_due ON complaints(due_on);
CREATE INDEX complaints_stage ON complaints(stage, id);
CREATE INDEX complaints_lat ON complaints(lat);

CREATE TABLE complaint_identities (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaints(id),
    name         TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT ''
);

-- Every stage change, with its reason; the public page shows the stages, never the actor.
CREATE TABLE complaint_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    action       TEXT NOT NULL,
    from_stage   TEXT NOT NULL,
    to_stage     TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, id);

CREATE TABLE complaint_photos (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data_b64     TEXT NOT NULL
);
CREATE INDEX complaint_photos_complaint ON complaint_photos(complaint_id);

-- API keys of partner systems (Open311): only the SHA-256 of the key is kept.
CREATE TABLE open311_keys (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- The officers' inbox: notices by district and bureau; each account remembers the last it saw.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,                 -- complaint_new | complaint_overdue
    division_code TEXT NOT NULL,
    bureau        TEXT NOT NULL DEFAULT '',
    complaint_id  INTEGER,
    message_code  TEXT NOT NULL,
    message_args  TEXT NOT NULL,
    link          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    mailed        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_division ON notifications(division_code, id);

CREATE TABLE inbox_seen (
    username TEXT PRIMARY KEY,
    last_id  INTEGER NOT NULL
);

-- The secret signing the public form's challenges (shared by every node).
CREATE TABLE complaint_secret (
    id     INTEGER PRIMARY KEY,
    secret TEXT NOT NULL
);
INSERT INTO complaint_secret (id, secret) VALUES (1, lower(hex(randomblob(32))));
