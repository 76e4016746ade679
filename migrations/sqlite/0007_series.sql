-- Time-series store (issue 9), SQLite flavour.
-- The hours that received new or late monitoring data since the averaging job last took them
-- (storage::series::take_dirty). Written by the ingestion writer in the transaction that
-- stores the values, so an hour is never stored without being marked. hour_start: the UTC
-- instant of the hour's start, Unix seconds.
CREATE TABLE series_dirty (
    device_id  INTEGER NOT NULL,
    cn         INTEGER NOT NULL,
    hour_start INTEGER NOT NULL,
    PRIMARY KEY (device_id, cn, hour_start)
);
CREATE INDEX series_dirty_order ON series_dirty(hour_start);
