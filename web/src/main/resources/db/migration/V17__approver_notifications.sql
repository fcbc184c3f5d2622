-- Notifications to approvers of new, reminded and escalated approval requests, one row per
-- recipient and channel (push, email) and one per event for the tenant's webhook. Written in the
-- transaction of the event; the provider's timer claims due rows with FOR UPDATE SKIP LOCKED,
-- sends them and retries with backoff until sent, skipped (the request was decided or expired, no
-- device, the channel was turned off) or failed for good. Nothing in a row is secret: the notice is
-- what any approver of the request may read (summary, risk, expiry, binding code), never the
-- arguments or the auth_req_id.
CREATE TABLE approver_notification (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    approval_id      VARCHAR(36)   NOT NULL REFERENCES approval_request (id),
    kind             VARCHAR(12)   NOT NULL,              -- requested | reminder | escalated
    channel          VARCHAR(8)    NOT NULL,              -- push | email | webhook
    recipient        VARCHAR(320),                        -- the approver's email; null for the webhook
    notice           TEXT          NOT NULL,              -- JSON: what the message says
    state            VARCHAR(8)    NOT NULL,              -- pending | sent | skipped | failed
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,            -- null once no longer pending
    not_after        TIMESTAMP WITH TIME ZONE NOT NULL,   -- the request's expiry: no use after it
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX approver_notification_due ON approver_notification (next_attempt_at);
CREATE INDEX approver_notification_request ON approver_notification (tenant_id, approval_id);

-- A tenant's signed webhook for chat bridges, declared in its bundle (tenant.notifications.webhook).
-- The bundle import owns this table; the provider's notification timer only reads it.
CREATE TABLE tenant_webhook (
    tenant_id      VARCHAR(63)   NOT NULL PRIMARY KEY REFERENCES tenant (id),
    url            VARCHAR(2048) NOT NULL,                -- https (http only with private networks allowed)
    secret_sealed  VARCHAR(1024) NOT NULL,                -- the HMAC-SHA256 key, sealed (SecretBox)
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
