-- The audit log is append-only (issue 17 item 14): entries are never changed or removed,
-- not even by maintenance (backups copy the file, restores replace it whole). Tampering
-- then needs a deliberate DROP TRIGGER first; the witness file outside the database
-- (audit-witness.log) catches what is done after that.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: an entry cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: an entry cannot be deleted');
END;
