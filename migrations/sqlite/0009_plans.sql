-- Work plans (issue 12): the organisation tree of units, plans with numbered tasks and
-- quantitative targets, monthly progress reports with attachments, supervision notices,
-- the key project reserve and the year-end report's editable text blocks.

-- The organisation: bureaus by department, district/county governments, development-zone
-- committees, townships. Each unit sits in a division; accounts belong to a unit.
CREATE TABLE units (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,       -- as the platform shows it, e.g. 青岚市工业和信息化局
    short_name    TEXT NOT NULL DEFAULT '',   -- as documents write it, e.g. 市工信局
    kind          TEXT NOT NULL,              -- government | bureau | zone | township
    department    TEXT NOT NULL DEFAULT '',   -- bureaus: industry | environment | market | emergency | development | …
    division_code TEXT NOT NULL REFERENCES divisions(code),
    parent_id     INTEGER REFERENCES units(id),
    created_at    TEXT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
ALTER TABLE users ADD COLUMN unit_id INTEGER REFERENCES units(id);

CREATE TABLE plans (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT NOT NULL,
    issuer          TEXT NOT NULL,            -- issuing body as printed
    doc_number      TEXT NOT NULL DEFAULT '', -- e.g. 安工信字〔2024〕50号
    division_code   TEXT NOT NULL REFERENCES divisions(code),  -- where the plan applies (figures from the ledger are taken here)
    lead_unit_id    INTEGER NOT NULL REFERENCES units(id),
    start_date      TEXT NOT NULL,            -- YYYY-MM-DD
    end_date        TEXT NOT NULL,
    due_day         INTEGER NOT NULL DEFAULT 25,   -- monthly reports are due by this day
    at_risk_ratio   REAL NOT NULL DEFAULT 0.9,     -- progress ≥ this share of the milestone: at risk, below: behind
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number        TEXT NOT NULL,              -- as numbered in the document, e.g. 2.1
    title         TEXT NOT NULL,
    measures      TEXT NOT NULL DEFAULT '',
    due_date      TEXT NOT NULL,              -- the time node
    lead_unit_id  INTEGER NOT NULL REFERENCES units(id),
    state         TEXT NOT NULL DEFAULT 'not_started',   -- follows the accepted reports: not_started | in_progress | completed
    updated_at    TEXT NOT NULL,
    UNIQUE (plan_id, number)
);

CREATE TABLE task_units (
    task_id  INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL REFERENCES units(id),
    role     TEXT NOT NULL,                   -- responsible | cooperating
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_unit ON task_units(unit_id);

CREATE TABLE targets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    indicator       TEXT NOT NULL,
    measure_unit    TEXT NOT NULL,            -- %, 台, 家, 个, 亿元 …
    kind            TEXT NOT NULL,            -- change_pct (a change against the baseline, in %) | level (a value to reach)
    direction       TEXT NOT NULL,            -- decrease | increase
    baseline_year   INTEGER NOT NULL,
    baseline_value  REAL NOT NULL,
    target_year     INTEGER NOT NULL,
    target_value    REAL NOT NULL,
    milestones_json TEXT NOT NULL DEFAULT '{}',  -- {"2024": 238, "2025": 800}
    source          TEXT NOT NULL,            -- how the current value is obtained (see plans::Source)
    unit_id         INTEGER NOT NULL REFERENCES units(id),   -- the unit answering for it (reports it when source = reported)
    UNIQUE (plan_id, code)
);

-- One report per unit, plan and month.
CREATE TABLE plan_reports (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    month         TEXT NOT NULL,              -- YYYY-MM
    submitted_on  TEXT NOT NULL,              -- YYYY-MM-DD (Beijing date)
    state         TEXT NOT NULL,              -- submitted | returned | accepted
    summary       TEXT NOT NULL DEFAULT '',
    review_note   TEXT NOT NULL DEFAULT '',
    reviewed_by   TEXT NOT NULL DEFAULT '',
    author        TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (plan_id, unit_id, month)
);

CREATE TABLE plan_report_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id   INTEGER NOT NULL REFERENCES plan_reports(id) ON DELETE CASCADE,
    task_id     INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    target_id   INTEGER REFERENCES targets(id) ON DELETE CASCADE,
    task_state  TEXT NOT NULL DEFAULT '',     -- tasks: in_progress | completed
    value       REAL,                         -- targets: the value reached
    progress    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_report_items_report ON plan_report_items(report_id);

CREATE TABLE plan_report_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id    INTEGER NOT NULL REFERENCES plan_reports(id) ON DELETE CASCADE,
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data_b64     TEXT NOT NULL
);

-- Supervision (督办): reminder → circular notice → interview, each with its date and answer.
CREATE TABLE notices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    subject      TEXT NOT NULL,               -- task:ID | target:ID | report:YYYY-MM
    level        TEXT NOT NULL,               -- reminder | circular | interview
    reason       TEXT NOT NULL,
    issued_on    TEXT NOT NULL,
    answer_by    TEXT NOT NULL,
    issued_by    TEXT NOT NULL,
    answer       TEXT NOT NULL DEFAULT '',
    answered_on  TEXT
);
CREATE INDEX notices_plan ON notices(plan_id, unit_id);

-- Key project reserve.
CREATE TABLE plan_projects (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id            INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    domain             TEXT NOT NULL,         -- energy | transport | industry | environment
    investment_10k     REAL NOT NULL,         -- 10,000 yuan
    year               INTEGER NOT NULL,
    status             TEXT NOT NULL,         -- planned | under_construction | completed
    expected_reduction TEXT NOT NULL DEFAULT '',
    unit_id            INTEGER NOT NULL REFERENCES units(id)
);

-- Year-end report text blocks a unit edits before publishing.
CREATE TABLE annual_texts (
    unit_id  INTEGER NOT NULL REFERENCES units(id),
    year     INTEGER NOT NULL,
    section  TEXT NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (unit_id, year, section)
);
