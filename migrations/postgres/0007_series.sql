-- Time-series store (issue 9), PostgreSQL flavour; see the SQLite file.
CREATE TABLE series_dirty (
    device_id  BIGINT NOT NULL,
    cn         INTEGER NOT NULL,
    hour_start BIGINT NOT NULL,
    PRIMARY KEY (device_id, cn, hour_start)
);
CREATE INDEX series_dirty_order ON series_dirty(hour_start);
