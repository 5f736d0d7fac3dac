-- Accounts. Usernames and e-mails are stored lower-case; the unique indexes on lower(...) also guard rows written
-- by hand or by a future migration that forgets to lower-case.
CREATE TABLE users (
    id            uuid PRIMARY KEY,
    username      text        NOT NULL,
    email         text        NOT NULL,
    password_hash text        NOT NULL,
    display_name  text        NOT NULL,
    bio           text,
    avatar_url    text,
    roles         text[]      NOT NULL DEFAULT ARRAY['USER'],
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9_.]{3,30}$')
);
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- EC P-256 keys that sign access and service tokens (private JWK kept here; or supplied from the environment).
-- The newest key signs; the JWKS publishes the newest two, so tokens of the previous key stay valid until expiry.
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY,
    private_jwk text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX signing_keys_created_at_idx ON signing_keys (created_at DESC);

-- A session is one refresh-token family: login or registration opens it, every refresh rotates its token,
-- revocation (logout, reuse of a used-up token) ends it and refuses every access token carrying its id (sid).
CREATE TABLE sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_revoked_at_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

-- Refresh tokens are 256 random bits handed to the client once; only their SHA-256 is stored.
CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES sessions (id),
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Failed logins per account key (user id, or the normalised login of an unknown account), shared by all instances.
CREATE TABLE login_failures (
    id          bigserial PRIMARY KEY,
    account_key text        NOT NULL,
    failed_at   timestamptz NOT NULL
);
CREATE INDEX login_failures_account_idx ON login_failures (account_key, failed_at);

-- Fixed-window request counters (per client IP and action), shared by all instances.
CREATE TABLE rate_counters (
    bucket       text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL
);
