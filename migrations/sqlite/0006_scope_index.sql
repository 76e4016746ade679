-- Jurisdiction scopes of county level and wider are filtered row by row while pages walk the
-- primary key (see auth::scope). These indexes carry the division code beside each filter
-- column (and the id), so that walk and the filtered pages read index entries only, never
-- whole rows. They replace the single-column filter indexes.
CREATE INDEX enterprises_id_division ON enterprises(id, division_code);
DROP INDEX enterprises_industry;
CREATE INDEX enterprises_industry ON enterprises(industry_code, division_code);
DROP INDEX enterprises_status;
CREATE INDEX enterprises_status ON enterprises(status, id, division_code);
DROP INDEX enterprises_grade;
CREATE INDEX enterprises_grade ON enterprises(env_grade, id, division_code);
