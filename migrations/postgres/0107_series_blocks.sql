-- Time-series store, compact layout (issue 9), PostgreSQL flavour; see the SQLite file.
CREATE TABLE series_blocks (
    device_id   BIGINT NOT NULL,
    cn          INTEGER NOT NULL,
    block_start BIGINT NOT NULL,
    pollutant   TEXT NOT NULL,
    block_end   BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    data        BYTEA NOT NULL,
    PRIMARY KEY (device_id, cn, block_start, pollutant)
);
-- The blocks are compressed already: no second compression by TOAST.
ALTER TABLE series_blocks ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE TABLE series_upgrade (id INTEGER PRIMARY KEY, pending INTEGER NOT NULL);
INSERT INTO series_upgrade (id, pending) VALUES (1, 1);

CREATE TABLE archive_days (
    day    TEXT PRIMARY KEY,
    frames BIGINT NOT NULL,
    digest TEXT NOT NULL,
    list   BYTEA NOT NULL
);
CREATE INDEX raw_packets_received ON raw_packets(received_at);
