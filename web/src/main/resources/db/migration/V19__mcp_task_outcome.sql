-- A 2026-07-28 upstream's task (the io.modelcontextprotocol/tasks extension) is audited when it
-- ends, not when it is created: the row keeps the call's tool and arguments' digest for the
-- outcome's audit entry, and ended_at marks that entry as written, so that it is written once
-- however often, and on however many nodes, the agent asks about the ended task.
ALTER TABLE mcp_task ADD COLUMN tool VARCHAR(128);
ALTER TABLE mcp_task ADD COLUMN arguments_sha256 VARCHAR(64);
ALTER TABLE mcp_task ADD COLUMN ended_at TIMESTAMP WITH TIME ZONE;
