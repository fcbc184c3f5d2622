-- A tenant's own bounds on how long an approval request may wait (tenant bundle:
-- tenant.approvalExpiry); NULL means the platform's settings (countersign.ciba.*-expiry).
ALTER TABLE tenant ADD COLUMN approval_default_expiry_seconds INTEGER;
ALTER TABLE tenant ADD COLUMN approval_max_expiry_seconds INTEGER;
