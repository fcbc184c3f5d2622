-- Audit, first form: append-only rows, one per tools/call decision and one per forwarded outcome.
-- (The signed Merkle log replaces this table in a later migration.)

-- A sequence, not an identity column: EclipseLink reads identities on H2 with a function H2 2.x
-- no longer has. Steps of 50 match the entity's allocation size (EclipseLink takes each value
-- as the last of a block of 50, hence the start).
CREATE SEQUENCE audit_entry_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE audit_entry (
    id                BIGINT        NOT NULL PRIMARY KEY,   -- from audit_entry_seq
    tenant_id         VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type        VARCHAR(40)   NOT NULL,   -- tool_call.decision | tool_call.outcome
    call_id           VARCHAR(36)   NOT NULL,   -- correlates the decision and its outcome
    agent_id          VARCHAR(36),
    agent_name        VARCHAR(63),
    session_id        VARCHAR(64),
    upstream_name     VARCHAR(63),
    tool_name         VARCHAR(128),
    arguments_digest  VARCHAR(64),              -- SHA-256 (hex) of the arguments' canonical JSON
    decision          VARCHAR(20),              -- allow | deny | require_approval
    rule_name         VARCHAR(100),
    reason            VARCHAR(1000),
    outcome           VARCHAR(30)   NOT NULL,
    decision_micros   BIGINT,
    upstream_millis   BIGINT
);

CREATE INDEX audit_entry_tenant_time ON audit_entry (tenant_id, occurred_at);
CREATE INDEX audit_entry_call ON audit_entry (tenant_id, call_id);
