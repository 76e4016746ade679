-- Online monitoring (HJ 212), SQLite flavour: the device registry, the append-only raw
-- packet archive, the time series of parsed values, and per-device contact figures.

-- A data logger (数采仪), identified by its MN, bound to one outlet of the ledger. The
-- binding is by credit code + outlet code (not outlet id) so that re-importing the ledger,
-- which replaces outlet rows, keeps the binding.
CREATE TABLE devices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    mn          TEXT NOT NULL UNIQUE,
    password    TEXT,                         -- PW the logger must send; NULL: not checked
    sm4_key     TEXT,                         -- HJ 212-2025 SM4 key, 32 hex digits; NULL: none
    credit_code TEXT NOT NULL,                -- the enterprise (enterprises.credit_code)
    outlet_code TEXT NOT NULL,                -- its outlet (outlets.code), e.g. DA001
    tolerance   TEXT NOT NULL DEFAULT '',     -- hj212 tolerances for this logger, e.g. "gbk,nul_st"
    protocol    TEXT NOT NULL DEFAULT '2017', -- the version the logger is configured for (informative)
    enabled     INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX devices_outlet ON devices(credit_code, outlet_code);

-- Every frame received, accepted or not, exactly as received (evidence). Append-only: the
-- server never updates or deletes a row. verdict: accepted | duplicate | rejected.
-- raw is the frame as text; frames that are not valid UTF-8 or hold NUL bytes are stored
-- as 'hex:' + lower-case hex, which is lossless.
CREATE TABLE raw_packets (
    received_at TEXT NOT NULL,
    device_id   INTEGER,
    mn          TEXT NOT NULL DEFAULT '',
    peer        TEXT NOT NULL DEFAULT '',
    cn          TEXT NOT NULL DEFAULT '',
    qn          TEXT NOT NULL DEFAULT '',
    verdict     TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    raw         TEXT NOT NULL
);

-- Parsed values, one row per (device, command, data time, pollutant). The primary key is the
-- natural key that makes a resent packet (RF=1, or the same packet again) a no-op.
-- data_time is the packet's DataTime as the integer YYYYMMDDhhmmss (Beijing time, as sent).
CREATE TABLE measurements (
    device_id INTEGER NOT NULL,
    cn        INTEGER NOT NULL,
    data_time INTEGER NOT NULL,
    pollutant TEXT NOT NULL,
    rtd       REAL,
    avg       REAL,
    min       REAL,
    max       REAL,
    cou       REAL,
    zs_rtd    REAL,
    zs_avg    REAL,
    zs_min    REAL,
    zs_max    REAL,
    flag      TEXT,
    extra     TEXT,                           -- other fields of the pollutant, "Field=value,…"
    PRIMARY KEY (device_id, cn, data_time, pollutant)
) WITHOUT ROWID;

-- Last contact of each device (an authenticated packet; wrong passwords do not count).
CREATE TABLE device_status (
    device_id       INTEGER PRIMARY KEY,
    last_contact_at TEXT NOT NULL,
    last_peer       TEXT NOT NULL DEFAULT '',
    last_cn         TEXT NOT NULL DEFAULT '',
    packets_total   INTEGER NOT NULL DEFAULT 0
);

-- Packets per device and day (Beijing date, YYYY-MM-DD).
CREATE TABLE device_daily (
    device_id  INTEGER NOT NULL,
    day        TEXT NOT NULL,
    accepted   INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (device_id, day)
);

-- The archive is evidence: rows can be added, never changed or removed.
CREATE TRIGGER raw_packets_no_update BEFORE UPDATE ON raw_packets
BEGIN SELECT RAISE(ABORT, 'raw_packets is append-only (evidence)'); END;
CREATE TRIGGER raw_packets_no_delete BEFORE DELETE ON raw_packets
BEGIN SELECT RAISE(ABORT, 'raw_packets is append-only (evidence)'); END;
