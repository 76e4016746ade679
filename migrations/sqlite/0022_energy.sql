-- Energy (issue 18): the unit of each piece of equipment's specific energy use (checked against
-- the benchmark product's unit), enterprises' assigned targets, energy diagnoses and the dynamic
-- renovation list. Everything outside the ledger binds by credit code (an enterprise keeps its
-- code when it is replaced by an import), never by enterprises(id).
ALTER TABLE equipment ADD COLUMN specific_energy_unit TEXT NOT NULL DEFAULT '';

-- Assigned dual-control targets per enterprise and year (entered or imported, audited).
CREATE TABLE energy_targets (
    id          INTEGER PRIMARY KEY,
    credit_code TEXT NOT NULL,
    year        INTEGER NOT NULL,
    total_tce   REAL,
    intensity   REAL,
    source      TEXT NOT NULL DEFAULT '',
    entered_by  TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    UNIQUE (credit_code, year)
);

-- Energy diagnoses (节能诊断) with their findings and follow-up (audited; appended, never edited).
CREATE TABLE energy_diagnoses (
    id           INTEGER PRIMARY KEY,
    credit_code  TEXT NOT NULL,
    year         INTEGER NOT NULL,
    diagnosed_on TEXT NOT NULL,
    agency       TEXT NOT NULL,
    findings     TEXT NOT NULL,
    follow_up    TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX energy_diagnoses_code ON energy_diagnoses(credit_code, year);

-- The renovation list: one row per stay of a piece of equipment on the list (entering and
-- leaving are recorded; a piece that comes back gets a new row).
CREATE TABLE energy_renovation (
    id            INTEGER PRIMARY KEY,
    credit_code   TEXT NOT NULL,
    equipment     TEXT NOT NULL,
    product       TEXT NOT NULL,
    class         TEXT NOT NULL,
    value         REAL NOT NULL,
    unit          TEXT NOT NULL,
    deadline      TEXT NOT NULL DEFAULT '',
    entered_at    TEXT NOT NULL,
    left_at       TEXT,
    left_reason   TEXT NOT NULL DEFAULT '',
    progress_pct  INTEGER NOT NULL DEFAULT 0,
    progress_note TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);
CREATE INDEX energy_renovation_code ON energy_renovation(credit_code, equipment);

CREATE TABLE energy_renovation_events (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES energy_renovation(id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '',
    actor    TEXT NOT NULL
);
CREATE INDEX energy_renovation_events_item ON energy_renovation_events(item_id);
