-- Packets whose slot (device, CN, DataTime, pollutant) already held other values from the same
-- device (issue 17 item 9: forged packets for future slots pre-empted the real logger's). The
-- stored values stay; the new packet is archived in raw_packets with verdict 'conflict' and
-- listed here, where bureau staff see it (/monitoring). Append-only, like the archive.
CREATE TABLE ingest_conflicts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    received_at TEXT NOT NULL,                -- RFC 3339 UTC, as raw_packets.received_at
    device_id   INTEGER NOT NULL,
    mn          TEXT NOT NULL,
    peer        TEXT NOT NULL DEFAULT '',
    cn          INTEGER NOT NULL,
    data_time   INTEGER NOT NULL,             -- YYYYMMDDhhmmss, Beijing time
    qn          TEXT NOT NULL DEFAULT '',
    pollutants  TEXT NOT NULL                 -- codes whose values differ, comma-separated
);
CREATE INDEX ingest_conflicts_received ON ingest_conflicts(received_at);

CREATE TRIGGER ingest_conflicts_no_update BEFORE UPDATE ON ingest_conflicts
BEGIN SELECT RAISE(ABORT, 'ingest_conflicts is append-only (evidence)'); END;
CREATE TRIGGER ingest_conflicts_no_delete BEFORE DELETE ON ingest_conflicts
BEGIN SELECT RAISE(ABORT, 'ingest_conflicts is append-only (evidence)'); END;
