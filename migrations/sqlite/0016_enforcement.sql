-- Non-site enforcement (issue 10), SQLite flavour: exceedance episodes and leads (线索).
-- Keyed, like monitoring_averages, by credit code + outlet code, so re-importing the ledger
-- keeps them. Times are Unix seconds (UTC) of Beijing-time period starts.

-- Derived from the stored averages by storage::enforcement::judge; recomputed freely.
CREATE TABLE exceedance_episodes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code   TEXT NOT NULL,
    outlet_code   TEXT NOT NULL,
    pollutant     TEXT NOT NULL,               -- HJ 212-2017 code
    basis         TEXT NOT NULL,               -- hour | day
    starts_at     INTEGER NOT NULL,            -- start of the first exceeding period
    ends_at       INTEGER NOT NULL,            -- start of the last exceeding period
    periods       INTEGER NOT NULL,
    max_value     REAL NOT NULL,
    limit_value   REAL NOT NULL,
    max_ratio     REAL NOT NULL,
    division_code TEXT NOT NULL DEFAULT '',    -- the enterprise's, when judged (scope)
    industry_code TEXT NOT NULL DEFAULT '',
    detected_at   INTEGER NOT NULL,            -- when first found (alerts: new episodes)
    UNIQUE (credit_code, outlet_code, pollutant, basis, starts_at)
);
CREATE INDEX exceedance_episodes_time ON exceedance_episodes(starts_at);
CREATE INDEX exceedance_episodes_division ON exceedance_episodes(division_code, starts_at);

-- Every finding (an exceedance episode or a detector's hit) becomes a lead for the
-- responsible environment bureau. A lead keeps its id while its finding grows (same start);
-- an open lead whose finding vanished on recompute is deleted, a decided one is kept.
CREATE TABLE leads (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    credit_code      TEXT NOT NULL,
    outlet_code      TEXT NOT NULL,
    detector         TEXT NOT NULL,            -- exceedance | flatline | bunching | …
    pollutant        TEXT NOT NULL DEFAULT '', -- '' when the finding concerns the outlet
    starts_at        INTEGER NOT NULL,
    ends_at          INTEGER NOT NULL,         -- exclusive
    explanation_code TEXT NOT NULL,            -- catalogue code of the explanation
    explanation_args TEXT NOT NULL,            -- its parameters (JSON)
    figures          TEXT NOT NULL DEFAULT '{}', -- JSON object key → number
    division_code    TEXT NOT NULL DEFAULT '',
    industry_code    TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'open', -- open | verified | dismissed
    decided_by       TEXT,
    decided_at       INTEGER,
    decision_reason  TEXT,
    case_id          INTEGER,                  -- the enforcement case a verified lead joined
    detected_at      INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    UNIQUE (credit_code, outlet_code, detector, pollutant, starts_at)
);
CREATE INDEX leads_division ON leads(division_code, status, starts_at);
CREATE INDEX leads_time ON leads(starts_at);

-- Outlet-days whose averages changed since they were last judged (written by the averager).
CREATE TABLE judge_dirty (
    credit_code TEXT NOT NULL,
    outlet_code TEXT NOT NULL,
    day_start   INTEGER NOT NULL,
    PRIMARY KEY (credit_code, outlet_code, day_start)
) WITHOUT ROWID;

-- Packets refused because their DataTime lay in the future (the future_time detector):
-- found per device without scanning the archive.
CREATE INDEX raw_packets_rejected ON raw_packets(device_id, reason, received_at) WHERE verdict = 'rejected';
