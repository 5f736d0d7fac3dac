-- Live streams, their viewers, chat history, gifts and the idempotency records of POST /gifts.

CREATE TABLE streams (
    id                uuid PRIMARY KEY,
    host_id           uuid        NOT NULL,
    host_username     text        NOT NULL,
    title             text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 140),
    description       text,
    category          text,
    status            text        NOT NULL CHECK (status IN ('LIVE', 'ENDED')),
    stream_key        text        NOT NULL UNIQUE,
    publishing        boolean     NOT NULL DEFAULT false,
    -- snapshot of the presence store (memory or Redis), written by the viewer-count ticker
    viewer_count      integer     NOT NULL DEFAULT 0 CHECK (viewer_count >= 0),
    peak_viewer_count integer     NOT NULL DEFAULT 0 CHECK (peak_viewer_count >= 0),
    like_count        bigint      NOT NULL DEFAULT 0,
    gifts_total       bigint      NOT NULL DEFAULT 0 CHECK (gifts_total >= 0),
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz
);

-- one LIVE stream per host, also under concurrent POST /start (409 ALREADY_LIVE)
CREATE UNIQUE INDEX streams_one_live_per_host ON streams (host_id) WHERE status = 'LIVE';
-- GET /live: most viewers first, keyset on (viewer_count, id)
CREATE INDEX streams_live_by_viewers ON streams (viewer_count DESC, id DESC) WHERE status = 'LIVE';

-- every user who ever joined a stream (unique viewers of the end stats)
CREATE TABLE stream_viewers (
    stream_id       uuid        NOT NULL REFERENCES streams (id),
    user_id         uuid        NOT NULL,
    first_joined_at timestamptz NOT NULL,
    PRIMARY KEY (stream_id, user_id)
);

-- viewers removed by the host or an ADMIN may not come back to that stream
CREATE TABLE stream_removed_viewers (
    stream_id  uuid        NOT NULL REFERENCES streams (id),
    user_id    uuid        NOT NULL,
    removed_by uuid        NOT NULL,
    removed_at timestamptz NOT NULL,
    PRIMARY KEY (stream_id, user_id)
);

-- chat history; a newcomer receives the last 50 messages of the stream (the exact frames that were sent)
CREATE TABLE chat_messages (
    id        uuid        PRIMARY KEY,
    stream_id uuid        NOT NULL REFERENCES streams (id),
    user_id   uuid        NOT NULL,
    text      text        NOT NULL,
    frame     text        NOT NULL,
    sent_at   timestamptz NOT NULL
);
CREATE INDEX chat_messages_recent ON chat_messages (stream_id, id DESC);

CREATE TABLE gifts (
    id                 uuid        PRIMARY KEY,
    stream_id          uuid        NOT NULL REFERENCES streams (id),
    from_user_id       uuid        NOT NULL,
    to_user_id         uuid        NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0 AND amount <= 1000000000000),
    currency           text        NOT NULL,
    gift_type          text        NOT NULL,
    message            text,
    status             text        NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'FAILED')),
    wallet_transfer_id uuid,
    created_at         timestamptz NOT NULL,
    completed_at       timestamptz
);
CREATE INDEX gifts_by_stream ON gifts (stream_id, id);

-- Idempotency-Key of POST /gifts, scoped per user. The gift id (and so the wallet reference "gift:<id>") is fixed
-- when the key is first seen, so a retry after a crash or a wallet timeout moves the money at most once.
CREATE TABLE gift_idempotency_keys (
    user_id      uuid        NOT NULL,
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    gift_id      uuid        NOT NULL REFERENCES gifts (id),
    state        text        NOT NULL CHECK (state IN ('IN_PROGRESS', 'RETRYABLE', 'DONE')),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
