-- Several `lantian serve` nodes on one database (issue 15): every change to the enterprises
-- table, by any node or command, tells the others at commit (NOTIFY is transactional) so they
-- drop their cached list totals at once instead of after the cache's few seconds. One notice per
-- statement; PostgreSQL folds identical notices of one transaction into one.
CREATE FUNCTION lantian_notify_enterprises() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lantian_changes', 'enterprises');
    RETURN NULL;
END;
$$;

CREATE TRIGGER enterprises_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises
    FOR EACH STATEMENT EXECUTE FUNCTION lantian_notify_enterprises();
