-- Enforcement cases (执法案件, issue 10 item 3), SQLite flavour. A verified lead (0016) opens a
-- case on its enterprise or joins an open one; every step is an event and an audit entry.
-- Keyed, like leads, by credit code (re-importing the ledger keeps them). Days are Beijing
-- dates YYYY-MM-DD; `*_at` are RFC 3339 UTC timestamps.

CREATE TABLE enforcement_cases (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code      TEXT NOT NULL,
    enterprise_name  TEXT NOT NULL DEFAULT '',
    division_code    TEXT NOT NULL DEFAULT '',   -- the enterprise's when opened (scope)
    industry_code    TEXT NOT NULL DEFAULT '',
    basis            TEXT NOT NULL,              -- data/enforcement/legal-basis.toml code
    state            TEXT NOT NULL DEFAULT 'opened', -- opened | notice_served | statement_heard | decided | rectified | closed
    opened_on        TEXT NOT NULL,
    notice_served_on TEXT,
    statement_on     TEXT,
    statement        TEXT NOT NULL DEFAULT '',
    statement_waived INTEGER NOT NULL DEFAULT 0,
    decision_kind    TEXT,                       -- rectify | penalty
    penalty_yuan     REAL,
    rectify_by       TEXT,
    decided_on       TEXT,
    rectified_on     TEXT,
    closed_on        TEXT,
    opened_by        TEXT NOT NULL,
    opened_at        TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX enforcement_cases_division ON enforcement_cases(division_code, state);
CREATE INDEX enforcement_cases_credit ON enforcement_cases(credit_code, state);

-- Every step taken, with what was entered (detail: JSON).
CREATE TABLE enforcement_case_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id    INTEGER NOT NULL REFERENCES enforcement_cases(id),
    action     TEXT NOT NULL,                    -- open | serve_notice | … | lead_joined | document
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL DEFAULT '',
    step_on    TEXT NOT NULL,                    -- the day the step took place
    detail     TEXT NOT NULL DEFAULT '{}',
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL
);
CREATE INDEX enforcement_case_events_case ON enforcement_case_events(case_id, id);

-- The leads a case rests on (several per case; a lead joins one case). leads.case_id mirrors it.
CREATE TABLE enforcement_case_leads (
    case_id   INTEGER NOT NULL REFERENCES enforcement_cases(id),
    lead_id   INTEGER NOT NULL UNIQUE,
    joined_by TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (case_id, lead_id)
);

-- Documents (notices, statements, decisions, rectification proof): bytes once per SHA-256.
CREATE TABLE enforcement_blobs (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    data_b64     TEXT NOT NULL
);
CREATE TABLE enforcement_documents (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id   INTEGER NOT NULL REFERENCES enforcement_cases(id),
    kind      TEXT NOT NULL,                     -- notice | statement | decision | rectification | other
    file_name TEXT NOT NULL,
    sha256    TEXT NOT NULL REFERENCES enforcement_blobs(sha256),
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX enforcement_documents_case ON enforcement_documents(case_id);
