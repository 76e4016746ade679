-- Time-series store, compact layout (issue 9), SQLite flavour.
-- One row per (device, command, block period, pollutant) holding the period's values
-- compressed (monitoring::block): an hour of real-time data (2011), a Beijing day of minute
-- data (2051), a month of hourly data (2061), a year of daily data (2031). block_start and
-- block_end are Unix seconds. Rows of `measurements` are the write buffer: the ingestion
-- writer inserts there (the primary key refuses resends), and storage::series::compact moves
-- closed periods into blocks, deleting the rows in the same transaction.
CREATE TABLE series_blocks (
    device_id   INTEGER NOT NULL,
    cn          INTEGER NOT NULL,
    block_start INTEGER NOT NULL,
    pollutant   TEXT NOT NULL,
    block_end   INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (device_id, cn, block_start, pollutant)
);
-- Existing rows are converted by code after the migrations (storage::series::upgrade).
CREATE TABLE series_upgrade (id INTEGER PRIMARY KEY, pending INTEGER NOT NULL);
INSERT INTO series_upgrade (id, pending) VALUES (1, 1);

-- Daily digests of the raw archive (storage::archive): per Beijing day the list of its frames
-- (receive time, MN, 16 bytes of the frame's SHA-256), whose SHA-256 is in the audit chain.
CREATE TABLE archive_days (
    day    TEXT PRIMARY KEY,
    frames INTEGER NOT NULL,
    digest TEXT NOT NULL,
    list   BLOB NOT NULL
);
CREATE INDEX raw_packets_received ON raw_packets(received_at);
