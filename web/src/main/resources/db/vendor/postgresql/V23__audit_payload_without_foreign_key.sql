-- A payload row is written only with its entry, in the same statement (LogAppender), and entries
-- are never deleted (V5). On PostgreSQL the foreign key from audit_payload to audit_log_entry added
-- nothing to that, and its check cost every append a scan of the tenant's whole log: PostgreSQL
-- plans the check once per connection and keeps the plan for the connection's life, and a plan made
-- while the log was small could take any index that starts with tenant_id (audit_log_entry_outcome,
-- in the benchmark) and filter leaf_index entry by entry. Appends then slowed down with every entry
-- the log held. (H2 checks a foreign key through the referenced primary key; it keeps it.)
ALTER TABLE audit_payload DROP CONSTRAINT audit_payload_tenant_id_leaf_index_fkey;
