-- Conflicting packets per device and data time (the conflict detector of issue 10 reads them for
-- each judged outlet; issue 17 item 9: a conflict is raised as a lead).
CREATE INDEX ingest_conflicts_device ON ingest_conflicts(device_id, data_time);
