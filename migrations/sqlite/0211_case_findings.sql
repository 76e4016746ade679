-- One exit case per enterprise and screening run, carrying all its findings (the cases
-- row keeps the most severe finding as its lead, for lists and exports).
CREATE TABLE case_findings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    finding_key     TEXT NOT NULL,
    equipment       TEXT NOT NULL DEFAULT '',
    equipment_model TEXT NOT NULL DEFAULT '',
    capacity        REAL,
    capacity_unit   TEXT NOT NULL DEFAULT '',
    rule_id         TEXT NOT NULL,
    title           TEXT NOT NULL,
    dimension       TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    rule_deadline   TEXT,
    explanation     TEXT NOT NULL,
    citation        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_findings_case ON case_findings(case_id);
CREATE INDEX case_findings_key ON case_findings(finding_key);
ALTER TABLE cases ADD COLUMN run_id BIGINT;
