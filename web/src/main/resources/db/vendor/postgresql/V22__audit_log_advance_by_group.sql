-- Group commit appends several entries of one log in one transaction, claiming their indices with
-- one increment of the log's counter. The counter may still only move forward, now by one or more;
-- everything else about a log's row stays as it was created.

CREATE OR REPLACE FUNCTION audit_log_advance_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tenant_id <> OLD.tenant_id OR NEW.origin <> OLD.origin
        OR NEW.created_at <> OLD.created_at OR NEW.next_index <= OLD.next_index THEN
        RAISE EXCEPTION 'audit log %: its counter may only move forward', OLD.tenant_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
