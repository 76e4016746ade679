-- Ledger (台账) schema, SQLite flavour. Types are limited to INTEGER, REAL and TEXT
-- because the sqlx Any driver decodes nothing else from SQLite; flags are 0/1 integers.

CREATE TABLE divisions (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    level  TEXT NOT NULL,            -- province | city | county | township | grid
    parent TEXT,
    source TEXT NOT NULL             -- gbt2260 | demo | local
);
CREATE INDEX divisions_parent ON divisions(parent);

CREATE TABLE enterprises (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code         TEXT NOT NULL UNIQUE,   -- USCC, or a provisional ledger number LS... for unlicensed workshops
    name                TEXT NOT NULL,
    division_code       TEXT NOT NULL REFERENCES divisions(code),
    industry_code       TEXT NOT NULL,
    address             TEXT NOT NULL DEFAULT '',
    longitude           REAL,
    latitude            REAL,
    above_scale         INTEGER NOT NULL DEFAULT 0,
    size_class          TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL,
    business_licence    INTEGER NOT NULL DEFAULT 1,
    eia_approval        TEXT NOT NULL DEFAULT '',
    discharge_permit_no TEXT NOT NULL DEFAULT '',
    land_use_legal      INTEGER NOT NULL DEFAULT 1,
    env_grade           TEXT NOT NULL DEFAULT '',
    legal_representative TEXT NOT NULL DEFAULT '',
    contact_phone       TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX enterprises_division ON enterprises(division_code);
CREATE INDEX enterprises_industry ON enterprises(industry_code);
CREATE INDEX enterprises_name ON enterprises(name);

CREATE TABLE production_lines (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    product       TEXT NOT NULL DEFAULT '',
    capacity      REAL,
    capacity_unit TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'operating',
    UNIQUE (enterprise_id, name)
);

CREATE TABLE equipment (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id     INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    line_name         TEXT NOT NULL DEFAULT '',
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    model             TEXT NOT NULL DEFAULT '',
    capacity          REAL,
    capacity_unit     TEXT NOT NULL DEFAULT '',
    fuel              TEXT NOT NULL DEFAULT '',
    process           TEXT NOT NULL DEFAULT '',
    year_commissioned INTEGER,
    specific_energy   REAL,
    status            TEXT NOT NULL DEFAULT 'operating',
    UNIQUE (enterprise_id, name)
);
CREATE INDEX equipment_kind ON equipment(kind);

CREATE TABLE outlets (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    medium        TEXT NOT NULL,              -- air | water
    UNIQUE (enterprise_id, code)
);

CREATE TABLE outlet_pollutants (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    outlet_id          INTEGER NOT NULL REFERENCES outlets(id) ON DELETE CASCADE,
    pollutant_code     TEXT NOT NULL,
    pollutant_name     TEXT NOT NULL DEFAULT '',
    limit_value        REAL,
    limit_unit         TEXT NOT NULL DEFAULT '',
    standard           TEXT NOT NULL DEFAULT '',
    permitted_annual_t REAL,
    UNIQUE (outlet_id, pollutant_code)
);

CREATE TABLE yearly_figures (
    enterprise_id        INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    year                 INTEGER NOT NULL,
    energy_tce           REAL,
    water_m3             REAL,
    value_added_10k_yuan REAL,
    PRIMARY KEY (enterprise_id, year)
);

-- Hash-chained audit log: hash = SHA-256(prev_hash || canonical entry). Append-only.
CREATE TABLE audit_log (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    role          TEXT NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL DEFAULT '',
    enterprise_id INTEGER,
    before_json   TEXT,
    after_json    TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX audit_log_enterprise ON audit_log(enterprise_id, seq);

-- One row: the chain head. Updating it in every appending transaction serialises appends.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
