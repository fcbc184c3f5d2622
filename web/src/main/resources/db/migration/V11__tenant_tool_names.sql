-- How a tenant's agents see tool and prompt names: 'qualified' (<upstream>__<name>, the default) or
-- 'plain' (as the upstream names them; a bundle may choose it only with exactly one upstream).
ALTER TABLE tenant ADD COLUMN tool_names VARCHAR(16) DEFAULT 'qualified' NOT NULL;
