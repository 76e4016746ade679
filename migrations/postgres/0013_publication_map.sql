-- Settings an operator chooses that pages show (the public lists' issuing body, publication
-- period and objection channel), and the district boundaries drawn as the base of maps.

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One polygon or multipolygon per division (GeoJSON geometry text, WGS 84 lon/lat), loaded
-- from a GeoJSON file (`lantian map load`) or the demo city's file; `source` names the file.
CREATE TABLE boundaries (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    level    TEXT NOT NULL,
    geometry TEXT NOT NULL,
    source   TEXT NOT NULL
);
