-- Narrow indexes for the enterprise list's filters and counts.
CREATE INDEX enterprises_status ON enterprises(status);
CREATE INDEX enterprises_grade ON enterprises(env_grade);
