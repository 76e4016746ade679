-- Remediation campaigns (散乱污, relocation, custom): campaigns, their items (survey rows
-- matched to the ledger), checklist steps, events, content-addressed photos, patrols and
-- county alerts. Dates are YYYY-MM-DD text, timestamps RFC 3339 UTC.

CREATE TABLE campaigns (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT NOT NULL,
    type_code          TEXT NOT NULL,            -- sanluanwu | relocation | custom
    definition         TEXT NOT NULL,            -- the type's TOML as used (custom types keep their file)
    division_code      TEXT NOT NULL,
    start_date         TEXT NOT NULL,
    end_date           TEXT NOT NULL,
    target             INTEGER,                  -- planned number to remediate, if set
    patrol_every_days  INTEGER NOT NULL DEFAULT 7,
    weight_completion  REAL NOT NULL DEFAULT 0.6,
    weight_timeliness  REAL NOT NULL DEFAULT 0.4,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL
);

CREATE TABLE campaign_items (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id      INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    division_code    TEXT NOT NULL,
    name             TEXT NOT NULL,
    address          TEXT NOT NULL DEFAULT '',
    credit_code      TEXT NOT NULL,              -- the ledger key (GB 32100 code or provisional LS…)
    -- Deferred: accepting a submission or an --update import replaces the enterprise row under
    -- the same id inside one transaction; the reference is checked at commit.
    enterprise_id    INTEGER REFERENCES enterprises(id) DEFERRABLE INITIALLY DEFERRED,
    verdict          TEXT NOT NULL,              -- pending | confirmed | excluded
    exclusion_reason TEXT NOT NULL DEFAULT '',
    criteria         TEXT NOT NULL DEFAULT '',   -- criterion codes met, space-separated
    disposition      TEXT,
    status           TEXT,                       -- not_started | in_progress | completed | county_accepted | accepted
    deadline         TEXT,
    round            INTEGER NOT NULL DEFAULT 0,
    size_class       TEXT NOT NULL DEFAULT '',
    longitude        REAL,
    latitude         REAL,
    surveyed_on      TEXT NOT NULL,
    completed_on     TEXT,
    accepted_on      TEXT,
    reopened         INTEGER NOT NULL DEFAULT 0,
    last_patrol_on   TEXT,
    updated_at       TEXT NOT NULL,
    UNIQUE (campaign_id, credit_code)
);
CREATE INDEX campaign_items_division ON campaign_items(campaign_id, division_code);
CREATE INDEX campaign_items_code ON campaign_items(credit_code);

CREATE TABLE campaign_steps (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id   INTEGER NOT NULL REFERENCES campaign_items(id) ON DELETE CASCADE,
    round     INTEGER NOT NULL,
    step_code TEXT NOT NULL,
    value     TEXT NOT NULL DEFAULT '',
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX campaign_steps_item ON campaign_steps(item_id);

CREATE TABLE campaign_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id     INTEGER NOT NULL REFERENCES campaign_items(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL DEFAULT '',
    detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX campaign_events_item ON campaign_events(item_id);

-- Photo bytes once per content (SHA-256); photos reference them.
CREATE TABLE campaign_blobs (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    data_b64     TEXT NOT NULL
);

CREATE TABLE campaign_photos (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id     INTEGER NOT NULL REFERENCES campaign_items(id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    step_code   TEXT NOT NULL DEFAULT '',        -- the checklist step, or '' for a patrol photo
    patrol_id   INTEGER,
    sha256      TEXT NOT NULL REFERENCES campaign_blobs(sha256),
    file_name   TEXT NOT NULL,
    taken_at    TEXT,                            -- EXIF DateTimeOriginal, when present
    latitude    REAL,                            -- EXIF GPS, else the phone's position, when given
    longitude   REAL,
    position_source TEXT NOT NULL DEFAULT '',    -- exif | device | ''
    distance_m  REAL,                            -- from the site's recorded position
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX campaign_photos_item ON campaign_photos(item_id);

CREATE TABLE campaign_patrols (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    item_id     INTEGER NOT NULL REFERENCES campaign_items(id) ON DELETE CASCADE,
    division_code TEXT NOT NULL,
    inspector   TEXT NOT NULL,
    finding     TEXT NOT NULL,                   -- still_closed | reopened
    note        TEXT NOT NULL DEFAULT '',
    on_day      TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX campaign_patrols_item ON campaign_patrols(item_id);

CREATE TABLE campaign_alerts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    item_id       INTEGER NOT NULL REFERENCES campaign_items(id) ON DELETE CASCADE,
    division_code TEXT NOT NULL,                 -- the site's; the county sees it in its scope
    kind          TEXT NOT NULL,                 -- reopened
    message       TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX campaign_alerts_campaign ON campaign_alerts(campaign_id);
