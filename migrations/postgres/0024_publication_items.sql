-- The public portal (issue 14 item 1): the decision of bureau staff on each item of each
-- published list, audited in the same transaction (storage::publication::decide). An item is
-- shown to the public only while its list is open (setting publication.list.<list> not "off"),
-- it is eligible for the list (a case still under its rectification order, a campaign item
-- accepted by the city, a stored exceedance episode) and its decision here is "published";
-- closed capacity is published by the case's own 公示 step unless withdrawn here.
-- Items are keyed by the case or campaign item id, an episode by its natural key
-- (credit code|outlet|pollutant|basis|start), which survives recomputation.
CREATE TABLE publication_items (
    list_code  TEXT NOT NULL,              -- rectification | closed | campaign | exceedance
    item_key   TEXT NOT NULL,
    published  BIGINT NOT NULL,            -- 1 published, 0 withdrawn
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (list_code, item_key)
);
