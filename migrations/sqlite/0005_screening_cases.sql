-- Rule catalogue versions, screening runs with their findings, and exit cases.

-- Every version of the catalogue is kept; the latest is in force.
CREATE TABLE catalogue_versions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version     TEXT NOT NULL,              -- SHA-256 prefix over file names and contents
    files_json  TEXT NOT NULL,              -- [[name, text], ...]
    rules       INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    actor       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE screening_runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    catalogue_id      INTEGER NOT NULL REFERENCES catalogue_versions(id),
    catalogue_version TEXT NOT NULL,
    scope             TEXT NOT NULL,        -- the jurisdiction screened
    actor             TEXT NOT NULL,
    at                TEXT NOT NULL,
    enterprises       INTEGER NOT NULL,
    equipment         INTEGER NOT NULL,
    findings          INTEGER NOT NULL,
    undecided         INTEGER NOT NULL
);

CREATE TABLE findings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id          INTEGER NOT NULL REFERENCES screening_runs(id) ON DELETE CASCADE,
    finding_key     TEXT NOT NULL,          -- credit code | equipment | rule
    credit_code     TEXT NOT NULL,
    enterprise_name TEXT NOT NULL,
    division_code   TEXT NOT NULL,
    industry_code   TEXT NOT NULL,
    equipment       TEXT NOT NULL DEFAULT '',
    rule_id         TEXT NOT NULL,
    title           TEXT NOT NULL,
    dimension       TEXT NOT NULL,
    facts_json      TEXT NOT NULL,
    explanation     TEXT NOT NULL,
    citation_json   TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    deadline        TEXT
);
CREATE INDEX findings_run ON findings(run_id, finding_key);

-- One exit case per finding (open cases are unique per finding key, enforced in code).
CREATE TABLE cases (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    finding_key      TEXT NOT NULL,
    credit_code      TEXT NOT NULL,
    enterprise_name  TEXT NOT NULL,
    division_code    TEXT NOT NULL,
    industry_code    TEXT NOT NULL,
    equipment        TEXT NOT NULL DEFAULT '',
    equipment_model  TEXT NOT NULL DEFAULT '',
    capacity         REAL,
    capacity_unit    TEXT NOT NULL DEFAULT '',
    rule_id          TEXT NOT NULL,
    title            TEXT NOT NULL,
    dimension        TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    rule_deadline    TEXT,
    explanation      TEXT NOT NULL,
    citation         TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL,
    deadline         TEXT,                  -- YYYY-MM-DD while a deadline runs
    extension_used   INTEGER NOT NULL DEFAULT 0,
    requested_months INTEGER,
    dismantled       INTEGER NOT NULL DEFAULT 0,
    pledge           TEXT NOT NULL DEFAULT '',
    exited_on        TEXT,                  -- day the capacity left production (sealed or dismantled)
    opened_at        TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX cases_key ON cases(finding_key);
CREATE INDEX cases_division ON cases(division_code);

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    detail_json TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- Photos of the site (before, during, after dismantling; the seal), kept as evidence.
CREATE TABLE case_photos (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL,             -- before | during | after
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data_b64     TEXT NOT NULL,
    actor        TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX case_photos_case ON case_photos(case_id);
