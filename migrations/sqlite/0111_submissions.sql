-- Submissions: what an enterprise account proposes (a ledger change, an answer to an
-- exit-case notice) waits here for the responsible bureau, which accepts it (applied in
-- the same transaction) or returns it with a reason. See src/submissions.
CREATE TABLE submissions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,                  -- ledger_update | case_answer
    target          TEXT NOT NULL,                  -- credit code | case id
    credit_code     TEXT NOT NULL,
    enterprise_name TEXT NOT NULL,
    division_code   TEXT NOT NULL,                  -- the record's division when submitted: who reviews it
    payload_json    TEXT NOT NULL,
    changes_json    TEXT NOT NULL DEFAULT '[]',     -- field-by-field diff against the record when submitted
    state           TEXT NOT NULL DEFAULT 'pending', -- pending | accepted | returned
    reason          TEXT NOT NULL DEFAULT '',       -- why it was returned
    submitted_by    TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    decided_by      TEXT NOT NULL DEFAULT '',
    decided_at      TEXT
);
CREATE INDEX submissions_target ON submissions(kind, target, state);
CREATE INDEX submissions_division ON submissions(division_code);
CREATE INDEX submissions_credit_code ON submissions(credit_code);
