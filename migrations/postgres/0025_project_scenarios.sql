-- A key project of a plan's reserve may name the saved what-if scenario that models it (issue 13):
-- the project then shows the pollution equivalents and CO2 that scenario reduces, recomputed
-- from the current inventory whenever it is shown. NULL: no modelled effect.
ALTER TABLE plan_projects ADD COLUMN scenario_id BIGINT REFERENCES inventory_scenarios(id) ON DELETE SET NULL;
