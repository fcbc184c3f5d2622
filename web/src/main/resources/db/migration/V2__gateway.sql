-- MCP sessions live in the database so that a restart (or another node) does not strand a client.

CREATE TABLE mcp_session (
    id                   VARCHAR(64)  NOT NULL PRIMARY KEY,   -- the Mcp-Session-Id (256 random bits)
    tenant_id            VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    agent_id             VARCHAR(36)  NOT NULL REFERENCES agent (id),
    protocol_version     VARCHAR(20)  NOT NULL,
    client_info          TEXT,
    client_capabilities  TEXT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at             TIMESTAMP WITH TIME ZONE
);

CREATE INDEX mcp_session_tenant ON mcp_session (tenant_id);

CREATE TABLE mcp_upstream_session (
    session_id           VARCHAR(64)  NOT NULL REFERENCES mcp_session (id) ON DELETE CASCADE,
    upstream_id          VARCHAR(36)  NOT NULL REFERENCES upstream (id) ON DELETE CASCADE,
    tenant_id            VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    upstream_session_id  VARCHAR(255),                        -- null when the upstream keeps no session
    protocol_version     VARCHAR(20)  NOT NULL,
    PRIMARY KEY (session_id, upstream_id)
);
