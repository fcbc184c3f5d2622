-- Tenant model. Every tenant-owned row carries tenant_id; written for H2 2.x and PostgreSQL 15.

CREATE TABLE tenant (
    id              VARCHAR(63)  NOT NULL PRIMARY KEY,  -- the slug in /t/{tenant}/...
    display_name    VARCHAR(200) NOT NULL,
    demo            BOOLEAN      NOT NULL DEFAULT FALSE,
    bundle_digest   VARCHAR(64),                         -- SHA-256 (hex) of the last imported bundle
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE upstream (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id           VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    name                VARCHAR(63)   NOT NULL,
    url                 VARCHAR(2048) NOT NULL,
    credentials_sealed  VARCHAR(8192),                   -- AES-256-GCM sealed JSON, never plaintext
    connect_timeout_ms  INTEGER       NOT NULL,
    read_timeout_ms     INTEGER       NOT NULL,
    CONSTRAINT upstream_name_unique UNIQUE (tenant_id, name)
);

CREATE TABLE agent (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    name         VARCHAR(63)  NOT NULL,
    description  VARCHAR(500),
    enabled      BOOLEAN      NOT NULL DEFAULT TRUE,
    CONSTRAINT agent_name_unique UNIQUE (tenant_id, name)
);

CREATE TABLE agent_key (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    agent_id     VARCHAR(36)  NOT NULL REFERENCES agent (id),
    prefix       VARCHAR(40)  NOT NULL,                  -- public part of the key, the lookup index
    secret_hash  VARCHAR(64)  NOT NULL,                  -- SHA-256 (hex) of the secret part
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT agent_key_prefix_unique UNIQUE (prefix)
);

CREATE TABLE member (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id      VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    email          VARCHAR(320) NOT NULL,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(200),                         -- PBKDF2, null when the member has none
    CONSTRAINT member_email_unique UNIQUE (tenant_id, email)
);

CREATE TABLE member_role (
    tenant_id  VARCHAR(63) NOT NULL REFERENCES tenant (id),
    member_id  VARCHAR(36) NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    role       VARCHAR(20) NOT NULL,
    PRIMARY KEY (member_id, role)
);

CREATE TABLE approver_group (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    name         VARCHAR(63)  NOT NULL,
    description  VARCHAR(500),
    CONSTRAINT approver_group_name_unique UNIQUE (tenant_id, name)
);

CREATE TABLE approver_group_member (
    tenant_id  VARCHAR(63) NOT NULL REFERENCES tenant (id),
    group_id   VARCHAR(36) NOT NULL REFERENCES approver_group (id) ON DELETE CASCADE,
    member_id  VARCHAR(36) NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);

-- Policies are versioned: an import that changes the rules adds a version; the highest is in force.
CREATE TABLE policy_version (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id   VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    version     INTEGER      NOT NULL,
    document    TEXT         NOT NULL,                   -- the policy as canonical JSON
    digest      VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT policy_version_unique UNIQUE (tenant_id, version)
);
