-- Pollution–carbon synergy evaluation (减污降碳协同度, issue 13 item 4), SQLite flavour.
-- synergy_systems: the indicator systems a jurisdiction configured (the latest is in force; none
-- stored = data/synergy/indicators.toml). synergy_values: values entered per district and year
-- (imported or typed in), with who and from what. synergy_evaluations: each evaluation with
-- everything it was computed from (inputs_json: system, level scale, alpha, districts, years,
-- every value with its origin) and what it gave (outcome_json: weights, U, C, T, D, levels), so
-- it recomputes identically; outcome_sha256 is the digest of outcome_json.

CREATE TABLE synergy_systems (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    jurisdiction TEXT NOT NULL,
    name         TEXT NOT NULL,
    toml         TEXT NOT NULL,
    actor        TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX synergy_systems_jurisdiction ON synergy_systems(jurisdiction, id);

CREATE TABLE synergy_values (
    division_code TEXT NOT NULL,
    year          INTEGER NOT NULL,
    indicator     TEXT NOT NULL,
    value         REAL NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    entered_by    TEXT NOT NULL,
    entered_at    TEXT NOT NULL,
    PRIMARY KEY (division_code, year, indicator)
);

CREATE TABLE synergy_evaluations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    jurisdiction   TEXT NOT NULL,
    year_from      INTEGER NOT NULL,
    year_to        INTEGER NOT NULL,
    inputs_json    TEXT NOT NULL,
    outcome_json   TEXT NOT NULL,
    outcome_sha256 TEXT NOT NULL,
    actor          TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX synergy_evaluations_jurisdiction ON synergy_evaluations(jurisdiction, id);
