-- Approvers' enrolled devices: a passkey (a WebAuthn credential, its public key only) and, for push,
-- the device's FCM registration token. A revoked device keeps its row (votes and audit entries
-- name it) but can no longer sign in, decide or receive pushes.
CREATE TABLE approver_device (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id          VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    member_id          VARCHAR(36)   NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    label              VARCHAR(100)  NOT NULL,                -- the approver's name for it ("Pixel 8")
    credential_id      VARCHAR(1400) NOT NULL,                -- base64url, as the authenticator made it
    public_key_cose    VARCHAR(2048) NOT NULL,                -- base64url COSE key, also in the audit log
    credential_record  TEXT          NOT NULL,                -- webauthn4j attested credential data, base64url
    sign_count         BIGINT        NOT NULL,
    push_token_sealed  VARCHAR(4096),                         -- FCM registration token, sealed; null: no push
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at       TIMESTAMP WITH TIME ZONE,
    revoked_at         TIMESTAMP WITH TIME ZONE,
    revoked_by         VARCHAR(320),                          -- the member who revoked it
    CONSTRAINT approver_device_credential_unique UNIQUE (tenant_id, credential_id)
);
CREATE INDEX approver_device_member ON approver_device (tenant_id, member_id);

-- Signed-in sessions of the approver app. The cookie holds the token; only its SHA-256 is stored.
-- The CSRF token is sent back in a header (double submit), compared with its stored digest.
CREATE TABLE approver_session (
    token_sha256  VARCHAR(64)  NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    member_id     VARCHAR(36)  NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    device_id     VARCHAR(36)  REFERENCES approver_device (id) ON DELETE CASCADE,  -- null: password
    csrf_sha256   VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX approver_session_expiry ON approver_session (expires_at);

-- WebAuthn challenges handed out and not yet used: each is good once, for one purpose, briefly.
-- A decision's challenge is the SHA-256 of its statement (tenant, request, its arguments' digest,
-- the decision, edited arguments' digest or reason, a nonce), kept here to be compared on use.
CREATE TABLE webauthn_challenge (
    challenge    VARCHAR(64)  NOT NULL PRIMARY KEY,           -- base64url
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    purpose      VARCHAR(20)  NOT NULL,                       -- enrol | sign_in | decision
    member_id    VARCHAR(36),                                 -- who it was issued to, when known
    statement    TEXT,                                        -- a decision's statement (canonical JSON)
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webauthn_challenge_expiry ON webauthn_challenge (expires_at);

-- The verified device assertion of each device-bound vote: with the device's public key (in the
-- enrolment's audit entry) anyone can check offline that this credential signed this statement.
CREATE TABLE approval_vote_proof (
    id                   VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id            VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    approval_id          VARCHAR(36)   NOT NULL,
    approver             VARCHAR(320)  NOT NULL,
    device_id            VARCHAR(36)   NOT NULL,
    credential_id        VARCHAR(1400) NOT NULL,
    statement            TEXT          NOT NULL,
    authenticator_data   TEXT          NOT NULL,              -- base64url, as signed
    client_data_json     TEXT          NOT NULL,              -- base64url, as signed
    signature            TEXT          NOT NULL,              -- base64url
    verified_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX approval_vote_proof_request ON approval_vote_proof (tenant_id, approval_id);
