-- Project admission review (准入审核, issue 18 item 3), SQLite flavour. A project as submitted
-- (its JSON in the input shape of data/admission/README.md), the findings of its last check, the
-- departments' opinions, the decision; approved replacement capacity is bound to the exit case it
-- came from, once (the primary key), so it cannot be counted twice. Times are RFC 3339 UTC.

CREATE TABLE admission_projects (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,              -- new | expansion | renovation | relocation
    credit_code       TEXT NOT NULL DEFAULT '',   -- the ledger's enterprise ('' for a new company)
    company           TEXT NOT NULL,
    industry_code     TEXT NOT NULL,
    division_code     TEXT NOT NULL,              -- the project's location: its jurisdiction
    project_json      TEXT NOT NULL,
    findings_json     TEXT NOT NULL DEFAULT '',   -- admission::check::to_json of the last check
    verdict           TEXT NOT NULL DEFAULT '',   -- refused | undecided | conditional | admissible
    departments       TEXT NOT NULL DEFAULT '',   -- department codes asked, separated by spaces
    catalogue_version TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL,              -- submitted | checked | decided | published
    decision          TEXT NOT NULL DEFAULT '',   -- approved | refused
    reasons           TEXT NOT NULL DEFAULT '',
    submitted_by      TEXT NOT NULL,
    submitted_role    TEXT NOT NULL,
    submitted_at      TEXT NOT NULL,
    checked_at        TEXT,
    decided_by        TEXT NOT NULL DEFAULT '',
    decided_at        TEXT,
    published_at      TEXT,
    updated_at        TEXT NOT NULL
);
CREATE INDEX admission_projects_division ON admission_projects(division_code);
CREATE INDEX admission_projects_credit ON admission_projects(credit_code);

CREATE TABLE admission_opinions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  INTEGER NOT NULL REFERENCES admission_projects(id),
    department  TEXT NOT NULL,
    stance      TEXT NOT NULL,                    -- agree | conditions | disagree
    text        TEXT NOT NULL DEFAULT '',
    by_user     TEXT NOT NULL,
    at          TEXT NOT NULL,
    UNIQUE (project_id, department)
);

CREATE TABLE admission_replacements (
    case_id     INTEGER PRIMARY KEY,              -- the exit case whose capacity was replaced: once
    project_id  INTEGER NOT NULL REFERENCES admission_projects(id),
    capacity    REAL NOT NULL,
    unit        TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX admission_replacements_project ON admission_replacements(project_id);
