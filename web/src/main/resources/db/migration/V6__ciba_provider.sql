-- The per-tenant OpenID CIBA provider: OAuth clients, the issuer's signing keys, approval requests
-- (one per auth_req_id), replay guards and the outbox of ping/push callbacks.

-- A client of the tenant's issuer: the gateway (CIBA grant), an agent using OAuth instead of an API
-- key (client_credentials), or any other CIBA client the tenant registers.
CREATE TABLE oauth_client (
    id                     VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id              VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    client_id              VARCHAR(63)   NOT NULL,
    description            VARCHAR(500),
    grant_types            VARCHAR(200)  NOT NULL,          -- space-separated: ciba client_credentials
    auth_method            VARCHAR(40)   NOT NULL,          -- client_secret_basic | client_secret_post | private_key_jwt
    secret_hash            VARCHAR(64),                     -- SHA-256 (hex) of the secret; null until one is issued
    jwks                   TEXT,                            -- public keys (JSON), for private_key_jwt and signed requests
    agent_id               VARCHAR(36)   REFERENCES agent (id),
    fapi                   BOOLEAN       NOT NULL DEFAULT FALSE,
    delivery_mode          VARCHAR(10),                     -- poll | ping | push (CIBA clients)
    notification_endpoint  VARCHAR(2048),
    request_signing_alg    VARCHAR(10),                     -- ES256 | PS256: signed requests required
    source                 VARCHAR(10)   NOT NULL,          -- bundle | api
    enabled                BOOLEAN       NOT NULL DEFAULT TRUE,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT oauth_client_unique UNIQUE (tenant_id, client_id)
);

-- The issuer's JWT signing keys. Private keys are sealed (AES-256-GCM); a rotated key stops signing
-- at retired_at and stays in the JWKS until publish_until, when the last token it signed expires.
CREATE TABLE ciba_signing_key (
    tenant_id       VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    kid             VARCHAR(64)  NOT NULL,
    alg             VARCHAR(10)  NOT NULL,
    private_sealed  TEXT         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at      TIMESTAMP WITH TIME ZONE,
    publish_until   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant_id, kid)
);

-- One backchannel authentication request. The aggregate's full state is `snapshot` (JSON); the
-- columns beside it are what queries need. auth_req_id itself is never stored, only its SHA-256.
CREATE TABLE approval_request (
    id                         VARCHAR(36)  NOT NULL PRIMARY KEY,
    tenant_id                  VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    auth_req_id_hash           VARCHAR(64)  NOT NULL,
    client_id                  VARCHAR(63)  NOT NULL,
    state                      VARCHAR(12)  NOT NULL,
    risk                       VARCHAR(10)  NOT NULL,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    snapshot                   TEXT         NOT NULL,
    poll_interval_seconds      INTEGER      NOT NULL,
    next_poll_at               TIMESTAMP WITH TIME ZONE,   -- polling before this is slow_down
    notification_sealed        TEXT,                       -- ping, push: sealed JSON of the callback's
                                                           -- token, auth_req_id and issuer
    scope                      VARCHAR(500) NOT NULL,
    CONSTRAINT approval_request_auth_req_id_unique UNIQUE (auth_req_id_hash)
);
CREATE INDEX approval_request_pending ON approval_request (tenant_id, state, created_at);

-- A JWT id seen in a signed request or client assertion, kept until the JWT expires: a second use
-- is a replay.
CREATE TABLE oauth_jti (
    tenant_id   VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    client_id   VARCHAR(63)  NOT NULL,
    jti         VARCHAR(255) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, client_id, jti)
);

-- Ping and push callbacks still to deliver, with their retry state. Written in the transaction of
-- the decision that causes them; a scheduler claims due rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE ciba_delivery (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    approval_id      VARCHAR(36)   NOT NULL REFERENCES approval_request (id),
    kind             VARCHAR(12)   NOT NULL,              -- ping | push_tokens | push_error
    endpoint         VARCHAR(2048) NOT NULL,
    body_sealed      TEXT          NOT NULL,              -- push bodies carry tokens: sealed
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,            -- null once delivered or given up
    not_after        TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ciba_delivery_due ON ciba_delivery (next_attempt_at);
