-- Monitoring analytics (issue 9 parts 2–7), SQLite flavour: the outlet's reference oxygen,
-- stored averages, data marks and their proof files.

-- 基准氧含量(%) from the ledger's 排放口 sheet; NULL: take the default of
-- data/monitoring/reference-oxygen.csv for the outlet's standard.
ALTER TABLE outlets ADD COLUMN reference_o2 REAL;

-- Hourly, daily and monthly means per outlet × pollutant. Keyed by credit code + outlet code
-- (like devices), so re-importing the ledger keeps them. period_start is the Unix time (UTC)
-- of the Beijing-time start of the hour, day or month. source: computed (from minute data by
-- the rules of data/monitoring/validity.toml) | logger (the logger's own 2061/2031 data).
-- converted: NULL where no conversion applies; limit_value: the outlet's limit when computed.
CREATE TABLE monitoring_averages (
    credit_code  TEXT NOT NULL,
    outlet_code  TEXT NOT NULL,
    period       TEXT NOT NULL,               -- hour | day | month
    source       TEXT NOT NULL,               -- computed | logger
    pollutant    TEXT NOT NULL,               -- HJ 212-2017 code
    period_start INTEGER NOT NULL,
    valid        INTEGER NOT NULL,
    valid_count  INTEGER NOT NULL,
    total_count  INTEGER NOT NULL,
    mean         REAL,
    converted    REAL,
    o2           REAL,                        -- the O2 mean used for the conversion
    emission_kg  REAL,                        -- hour: kg/h; day, month: kg in the period
    limit_value  REAL,
    PRIMARY KEY (credit_code, outlet_code, period, source, pollutant, period_start)
) WITHOUT ROWID;

-- Data marks (数据标记). A mark is never edited: it is withdrawn (withdrawn_at set, audited)
-- and, if need be, entered again. Times are Unix seconds (UTC).
CREATE TABLE monitoring_marks (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code    TEXT NOT NULL,
    outlet_code    TEXT NOT NULL,
    kind           TEXT NOT NULL,             -- a code of data/monitoring/marks.toml
    starts_at      INTEGER NOT NULL,
    ends_at        INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    proof_name     TEXT,
    proof_type     TEXT,
    proof_sha256   TEXT,
    entered_by     TEXT NOT NULL,
    entered_role   TEXT NOT NULL,
    entered_at     TEXT NOT NULL,
    withdrawn_at   TEXT,
    withdrawn_by   TEXT,
    withdraw_reason TEXT
);
CREATE INDEX monitoring_marks_outlet ON monitoring_marks(credit_code, outlet_code, starts_at);

CREATE TABLE monitoring_mark_proofs (
    mark_id INTEGER PRIMARY KEY REFERENCES monitoring_marks(id),
    content BLOB NOT NULL
);
