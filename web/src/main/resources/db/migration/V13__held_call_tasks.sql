-- A held call asked for as a task (MCP 2025-11-25 "Tasks", or the 2026-07-28 tasks extension) is a
-- task of the gateway's own: the agent polls it while the approvers decide, and it ends with the
-- held call's outcome. Such a row names the held call instead of an upstream's task.
ALTER TABLE mcp_task ADD COLUMN held_call_id VARCHAR(36) REFERENCES held_call (id);
ALTER TABLE mcp_task ALTER COLUMN upstream_task_id DROP NOT NULL;
ALTER TABLE mcp_task ADD CONSTRAINT mcp_task_one_kind
    CHECK ((upstream_task_id IS NULL AND held_call_id IS NOT NULL)
        OR (upstream_task_id IS NOT NULL AND held_call_id IS NULL));
