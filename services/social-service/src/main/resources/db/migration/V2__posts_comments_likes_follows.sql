-- Posts, comments, likes and follows of the social service.
-- Counters (like_count, comment_count) live on the post row and are changed in the same transaction as the
-- like/comment rows, so they are exact under concurrency. Feeds are read on demand (fan-out on read, see
-- docs/adr/0040-social-home-feed.md): every list is a keyset scan of one of the indexes below.

CREATE TABLE posts (
    id            uuid        PRIMARY KEY,
    author_id     uuid        NOT NULL,
    content       text        NOT NULL CHECK (char_length(content) BETWEEN 1 AND 5000),
    media_urls    text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(media_urls) <= 10),
    like_count    bigint      NOT NULL DEFAULT 0 CHECK (like_count >= 0),
    comment_count bigint      NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
-- user timeline (GET /posts?authorId=) and the per-author probes of the home feed, scanned backwards
CREATE INDEX posts_author_time ON posts (author_id, created_at, id);
-- GET /posts without authorId: everyone's posts, newest first
CREATE INDEX posts_time ON posts (created_at, id);

CREATE TABLE comments (
    id         uuid        PRIMARY KEY,
    post_id    uuid        NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    parent_id  uuid        REFERENCES comments (id) ON DELETE CASCADE,
    author_id  uuid        NOT NULL,
    content    text        NOT NULL CHECK (char_length(content) BETWEEN 1 AND 2000),
    created_at timestamptz NOT NULL
);
CREATE INDEX comments_post_time ON comments (post_id, created_at, id);
CREATE INDEX comments_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE likes (
    post_id    uuid        NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
-- GET /likes?postId= (newest like first)
CREATE INDEX likes_post_time ON likes (post_id, created_at, user_id);

CREATE TABLE follows (
    follower_id uuid        NOT NULL,
    followee_id uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CHECK (follower_id <> followee_id)
);
-- GET /users/{id}/followers and follower counts
CREATE INDEX follows_followee_time ON follows (followee_id, created_at, follower_id);
-- GET /users/{id}/following (the primary key serves the home feed's "whom do I follow")
CREATE INDEX follows_follower_time ON follows (follower_id, created_at, followee_id);
