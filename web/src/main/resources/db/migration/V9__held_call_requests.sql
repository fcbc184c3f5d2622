-- Which client request waits on which held call, so that the agent's notifications/cancelled for
-- that request withdraws the approval on whichever node it arrives. Identical calls that joined a
-- held call each have a row of their own.
CREATE TABLE held_call_request (
    tenant_id       VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    session_id      VARCHAR(64)  NOT NULL,
    request_id      VARCHAR(200) NOT NULL,                   -- the JSON-RPC id as JSON text
    held_call_id    VARCHAR(36)  NOT NULL REFERENCES held_call (id) ON DELETE CASCADE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, session_id, request_id)
);

CREATE INDEX held_call_request_call ON held_call_request (held_call_id);
