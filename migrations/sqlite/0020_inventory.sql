-- Activity data (活动水平) per enterprise and year, part of the ledger bundle (issue 13): replaced
-- with the enterprise like yearly_figures.
CREATE TABLE activity_data (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    category      TEXT NOT NULL,
    item          TEXT NOT NULL,
    amount        REAL NOT NULL,
    unit          TEXT NOT NULL,
    equipment     TEXT NOT NULL DEFAULT '',
    outlet        TEXT NOT NULL DEFAULT '',
    control       TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_data_enterprise ON activity_data(enterprise_id, year);

-- What-if scenarios (saved, audited; they never change the ledger). jurisdiction = the division
-- of the account that saved it ('' for the whole platform), for scoping.
CREATE TABLE inventory_scenarios (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    year         INTEGER NOT NULL,
    steps_json   TEXT NOT NULL,
    jurisdiction TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
