-- Held calls: tool calls a policy rule held for approval, from the hold to the forwarded result.
-- Every state change is a row update in the same transaction as its audit entry, so a restart or
-- another node carries on where this one stopped.

-- The gateway's own registration as a CIBA client of each tenant's provider (the built-in one by
-- default). The secret is sealed (AES-256-GCM), never stored in the clear.
CREATE TABLE gateway_ciba_client (
    tenant_id       VARCHAR(63)   NOT NULL PRIMARY KEY REFERENCES tenant (id),
    issuer_url      VARCHAR(2048) NOT NULL,                  -- where the provider's discovery is found
    client_id       VARCHAR(63)   NOT NULL,
    secret_sealed   VARCHAR(1024) NOT NULL,
    delivery_mode   VARCHAR(10)   NOT NULL,                  -- ping | poll
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE held_call (
    id                      VARCHAR(36)   NOT NULL PRIMARY KEY, -- the call id: audit correlation id
    tenant_id               VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    agent_id                VARCHAR(36)   NOT NULL REFERENCES agent (id),
    agent_name              VARCHAR(63)   NOT NULL,
    session_id              VARCHAR(64)   NOT NULL,
    upstream                VARCHAR(63)   NOT NULL,
    tool                    VARCHAR(128)  NOT NULL,
    arguments               TEXT          NOT NULL,          -- as the agent sent them (JSON)
    arguments_sha256        VARCHAR(64)   NOT NULL,          -- RFC 8785 digest: the retry key
    policy_rule             VARCHAR(100)  NOT NULL,
    quorum                  VARCHAR(500)  NOT NULL,          -- text form: "2 of db-owners"
    binding_code            VARCHAR(16)   NOT NULL,          -- CS-4F2K, shown to agent and approvers
    state                   VARCHAR(16)   NOT NULL,          -- see HeldCallState
    progress                VARCHAR(500),                    -- the provider's last word on the votes
    auth_req_id_sealed      VARCHAR(1024),
    notification_token_hash VARCHAR(64),                     -- SHA-256 (hex) of the ping bearer token
    approved_arguments      TEXT,                            -- as approved (an approver may edit)
    answer_sealed           TEXT,                            -- the upstream's answer, sealed
    outcome_text            VARCHAR(2000),                   -- why it was rejected, expired or failed
    delivered               BOOLEAN       NOT NULL DEFAULT FALSE, -- the result reached the agent
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at              TIMESTAMP WITH TIME ZONE,
    next_poll_at            TIMESTAMP WITH TIME ZONE,
    decided_at              TIMESTAMP WITH TIME ZONE,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX held_call_retry ON held_call (tenant_id, agent_id, arguments_sha256, tool);
CREATE INDEX held_call_due ON held_call (state, next_poll_at);
CREATE INDEX held_call_notification ON held_call (notification_token_hash);
