-- Tasks an upstream created for an agent's task-augmented request (MCP 2025-11-25, "Tasks"). The
-- agent sees only the gateway's id for it: unguessable, and found only for the agent that created
-- the task, whose gateway session routes tasks/get, tasks/result and tasks/cancel to the upstream.
CREATE TABLE mcp_task (
    id                VARCHAR(64)  NOT NULL PRIMARY KEY,      -- the id the agent sees
    tenant_id         VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    agent_id          VARCHAR(36)  NOT NULL REFERENCES agent (id),
    session_id        VARCHAR(64)  NOT NULL,                  -- the gateway session that created it
    upstream_id       VARCHAR(36)  NOT NULL,
    upstream_task_id  VARCHAR(200) NOT NULL,
    call_id           VARCHAR(36)  NOT NULL,                  -- the call's audit correlation id
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX mcp_task_upstream ON mcp_task (session_id, upstream_id, upstream_task_id);
