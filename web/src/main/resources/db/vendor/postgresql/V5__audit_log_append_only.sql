-- The database itself keeps the audit log append-only: rows of the log, its tiles and checkpoints
-- are never updated or deleted, whoever asks. A payload may only be erased (set to NULL); a log's
-- counter may only move forward by one; a signing key may only be given a retirement time.

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE FUNCTION audit_log_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tenant_id <> OLD.tenant_id OR NEW.origin <> OLD.origin
        OR NEW.created_at <> OLD.created_at OR NEW.next_index <> OLD.next_index + 1 THEN
        RAISE EXCEPTION 'audit log %: only appending one entry at a time is allowed', OLD.tenant_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION audit_payload_erase_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tenant_id <> OLD.tenant_id OR NEW.leaf_index <> OLD.leaf_index OR NEW.kind <> OLD.kind
        OR NEW.payload IS NOT NULL OR NEW.salt IS NOT NULL OR NEW.erased_at IS NULL THEN
        RAISE EXCEPTION 'audit payload %/%: it can only be erased', OLD.tenant_id, OLD.leaf_index
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION audit_key_retire_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tenant_id <> OLD.tenant_id OR NEW.key_id <> OLD.key_id OR NEW.key_name <> OLD.key_name
        OR NEW.public_key <> OLD.public_key OR NEW.private_sealed <> OLD.private_sealed
        OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'audit signing key %/%: only its retirement time may change',
            OLD.tenant_id, OLD.key_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_log_entry_append_only BEFORE UPDATE OR DELETE ON audit_log_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_tile_append_only BEFORE UPDATE OR DELETE ON audit_log_tile
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_advance BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_advance_only();
CREATE TRIGGER audit_payload_no_delete BEFORE DELETE ON audit_payload
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_payload_erase BEFORE UPDATE ON audit_payload
    FOR EACH ROW EXECUTE FUNCTION audit_payload_erase_only();
CREATE TRIGGER audit_signing_key_no_delete BEFORE DELETE ON audit_signing_key
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_signing_key_retire BEFORE UPDATE ON audit_signing_key
    FOR EACH ROW EXECUTE FUNCTION audit_key_retire_only();

CREATE TRIGGER audit_log_entry_no_truncate BEFORE TRUNCATE ON audit_log_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_payload_no_truncate BEFORE TRUNCATE ON audit_payload
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
