-- The audit log is append-only (issue 17 item 14): entries are never changed or removed,
-- not even by maintenance (pg_dump copies them; a restore replaces the schema whole).
-- Tampering then needs a deliberate DROP TRIGGER first; the witness file outside the
-- database (--audit-witness) catches what is done after that.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
