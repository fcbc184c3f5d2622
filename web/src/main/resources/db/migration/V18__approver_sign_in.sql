-- How a tenant's approvers sign in (tenant.approvers in the bundle): with a password or passkeys
-- only, and whether every vote must be signed by an enrolled device. The defaults are the bundle's:
-- passwords allowed, every vote device-bound (a tenant opts out with deviceBoundVotes: optional).
ALTER TABLE tenant ADD COLUMN approver_password_sign_in BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE tenant ADD COLUMN approver_device_bound_votes BOOLEAN DEFAULT TRUE NOT NULL;

-- Invitations to enrol a first passkey without a password: a tenant admin (or the operator) creates
-- one for a member; its link holds a random token, of which only the SHA-256 is stored. Good once,
-- until it expires or is revoked.
CREATE TABLE approver_invitation (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    member_id     VARCHAR(36)  NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    token_sha256  VARCHAR(64)  NOT NULL UNIQUE,
    created_by    VARCHAR(320) NOT NULL,                     -- the admin's email, or "operator"
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE,
    device_id     VARCHAR(36),                               -- the device enrolled with it
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX approver_invitation_member ON approver_invitation (tenant_id, member_id);
