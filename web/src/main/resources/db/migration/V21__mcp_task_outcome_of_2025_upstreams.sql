-- A 2025-11-25 upstream's task is now audited when it ends, as a 2026-07-28 upstream's is (V19).
-- Its tasks created before had their outcome audited when they were created: they are marked as
-- audited, so that their end does not write a second outcome. The rows do not say which era their
-- upstream spoke, so a 2026-07-28 upstream's task still running now is marked too, and gets no
-- outcome entry, as a task whose end no one asks about.
UPDATE mcp_task SET ended_at = created_at WHERE upstream_task_id IS NOT NULL AND ended_at IS NULL;
