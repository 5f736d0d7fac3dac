-- Idempotency keys (package com.sociallive.wallet.idempotency; reusable: a service that adopts the component
-- copies this table into its own schema). A key is claimed with INSERT ... ON CONFLICT; the stored answer is
-- written in the same transaction as the effect, so a key never records an answer whose effect was lost.
CREATE TABLE idempotency_keys (
    scope            text        NOT NULL,
    idem_key         text        NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
    request_hash     text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
    claim_token      uuid        NOT NULL,
    locked_until     timestamptz NOT NULL,
    response_status  int,
    response_body    text,
    response_location text,
    error_code       text,
    error_title      text,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
