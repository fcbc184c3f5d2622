-- Reminders and escalation steps of approval requests: when the next one is due (null when none is,
-- or the request is no longer pending). The provider's timer claims due rows with
-- FOR UPDATE SKIP LOCKED, so on several nodes each reminder and step is taken once.
ALTER TABLE approval_request ADD COLUMN follow_up_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX approval_request_follow_up ON approval_request (follow_up_at);

-- The gateway's held call names its approval by the SHA-256 of the auth_req_id (the identifier
-- itself stays sealed), so that the built-in provider in the same deployment can have the gateway
-- ask for new progress at once after a vote instead of at its next poll.
ALTER TABLE held_call ADD COLUMN auth_req_id_sha256 VARCHAR(64);
CREATE INDEX held_call_auth_req_id ON held_call (tenant_id, auth_req_id_sha256);
