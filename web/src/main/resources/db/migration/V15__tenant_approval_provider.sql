-- A tenant's external CIBA provider, declared in its bundle (tenant.approvalProvider): the gateway
-- asks it about the tenant's held calls instead of the tenant's built-in provider. No row: the
-- built-in provider, with the gateway's own registration there (gateway_ciba_client). The bundle
-- import owns this table; the gateway only reads it.
CREATE TABLE tenant_approval_provider (
    tenant_id       VARCHAR(63)   NOT NULL PRIMARY KEY REFERENCES tenant (id),
    issuer          VARCHAR(2048) NOT NULL,                  -- exactly as declared; discovery must say the same
    client_id       VARCHAR(255)  NOT NULL,                  -- the gateway's client id at that provider
    secret_sealed   VARCHAR(1024) NOT NULL,                  -- its client secret, sealed (SecretBox)
    delivery_mode   VARCHAR(10)   NOT NULL,                  -- ping | poll
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
