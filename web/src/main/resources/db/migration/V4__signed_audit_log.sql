-- The signed audit log replaces the first-form audit_entry table: one append-only Merkle log per
-- tenant (RFC 9162 hashing), plus the platform log ('_platform') that records every tenant
-- checkpoint. Log rows carry no foreign key to tenant: evidence outlives what it is about.
-- PostgreSQL refuses UPDATE and DELETE on the log tables by trigger (db/vendor/postgresql).

DROP TABLE audit_entry;

CREATE TABLE audit_log (
    tenant_id       VARCHAR(63)   NOT NULL PRIMARY KEY,  -- a tenant id, or '_platform'
    origin          VARCHAR(255)  NOT NULL UNIQUE,        -- the checkpoint origin line, fixed forever
    next_index      BIGINT        NOT NULL,               -- the append lock: gapless indices
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_log_entry (
    tenant_id       VARCHAR(63)   NOT NULL,
    leaf_index      BIGINT        NOT NULL,
    leaf_hash       BYTEA         NOT NULL,               -- SHA-256(0x00 || leaf)
    leaf            BYTEA         NOT NULL,               -- the event's RFC 8785 canonical JSON, as hashed
    -- copies of leaf fields, for search only (the leaf is the truth)
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type      VARCHAR(40)   NOT NULL,
    correlation_id  VARCHAR(64)   NOT NULL,
    actor_type      VARCHAR(16)   NOT NULL,               -- agent | member | system
    actor_name      VARCHAR(128),
    session_id      VARCHAR(64),
    upstream_name   VARCHAR(63),
    tool_name       VARCHAR(128),
    decision        VARCHAR(20),
    outcome         VARCHAR(40)   NOT NULL,
    PRIMARY KEY (tenant_id, leaf_index)
);

CREATE INDEX audit_log_entry_time ON audit_log_entry (tenant_id, occurred_at, leaf_index);
CREATE INDEX audit_log_entry_type ON audit_log_entry (tenant_id, event_type, leaf_index);
CREATE INDEX audit_log_entry_correlation ON audit_log_entry (tenant_id, correlation_id);
CREATE INDEX audit_log_entry_actor ON audit_log_entry (tenant_id, actor_name, leaf_index);
CREATE INDEX audit_log_entry_tool ON audit_log_entry (tenant_id, tool_name, leaf_index);
CREATE INDEX audit_log_entry_outcome ON audit_log_entry (tenant_id, outcome, leaf_index);

-- Payloads that may hold personal data (tool arguments, results), committed to by the leaf through
-- SHA-256(salt || payload); erasing one (payload and salt set to NULL) leaves the tree intact.
CREATE TABLE audit_payload (
    tenant_id       VARCHAR(63)   NOT NULL,
    leaf_index      BIGINT        NOT NULL,
    kind            VARCHAR(20)   NOT NULL,               -- arguments | result
    salt            BYTEA,
    payload         BYTEA,
    erased_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant_id, leaf_index),
    FOREIGN KEY (tenant_id, leaf_index) REFERENCES audit_log_entry (tenant_id, leaf_index)
);

-- Hashes of complete, aligned subtrees of 256 leaves, so that roots and proofs never read more
-- than 256 leaf hashes plus one hash per 256 leaves.
CREATE TABLE audit_log_tile (
    tenant_id       VARCHAR(63)   NOT NULL,
    tile_index      BIGINT        NOT NULL,               -- covers leaves [256 * i, 256 * (i + 1))
    tile_hash       BYTEA         NOT NULL,
    PRIMARY KEY (tenant_id, tile_index)
);

CREATE TABLE audit_signing_key (
    tenant_id       VARCHAR(63)   NOT NULL,
    key_id          VARCHAR(8)    NOT NULL,               -- C2SP key id (hex)
    key_name        VARCHAR(255)  NOT NULL,
    public_key      BYTEA         NOT NULL,               -- raw Ed25519, 32 bytes
    private_sealed  VARCHAR(512)  NOT NULL,               -- the seed, sealed (AES-256-GCM)
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retires_at      TIMESTAMP WITH TIME ZONE,             -- signs until then, published after
    PRIMARY KEY (tenant_id, key_id)
);

CREATE TABLE audit_checkpoint (
    tenant_id       VARCHAR(63)   NOT NULL,
    tree_size       BIGINT        NOT NULL,
    root_hash       BYTEA         NOT NULL,
    note            TEXT          NOT NULL,               -- the C2SP signed note, as published
    signed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, tree_size)
);
