-- The social graph and posts of the benchmark, generated inside PostgreSQL from social.bench_users(idx, id):
--   * every user follows on average :avg_follows others (uniform 0.5x..1.5x), never themselves;
--   * users 1..:celebrities are each followed by :celebrity_followers users (the "celebrities");
--   * :posts posts by random authors (celebrities post 5x as often), spread over the last 90 days, with
--     time-ordered (version 7 style) ids.
-- It deletes every post, like, comment and follow first: run it only against a benchmark database.
--   psql "$DB" -v posts=500000 -v avg_follows=100 -v celebrities=5 -v celebrity_followers=5000 -f dataset.sql
\set ON_ERROR_STOP on
\timing on
\if :{?posts} \else \set posts 500000 \endif
\if :{?avg_follows} \else \set avg_follows 100 \endif
\if :{?celebrities} \else \set celebrities 5 \endif
\if :{?celebrity_followers} \else \set celebrity_followers 5000 \endif
SET search_path TO social;
TRUNCATE posts, comments, likes, follows;

SELECT count(*) AS users FROM bench_users \gset

-- celebrities first: each followed by :celebrity_followers distinct other users
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT f.id, c.id, now() - random() * interval '365 days'
FROM bench_users c
CROSS JOIN LATERAL (
    SELECT u.id FROM bench_users u
    WHERE u.idx <> c.idx
    ORDER BY random()
    LIMIT :celebrity_followers
) f
WHERE c.idx <= :celebrities
ON CONFLICT DO NOTHING;

-- everyone: about :avg_follows followees each, uniform among all users
INSERT INTO follows (follower_id, followee_id, created_at)
SELECT u.id, v.id, now() - random() * interval '365 days'
FROM bench_users u
CROSS JOIN LATERAL (
    -- "+ 0 * u.idx" ties the subquery to the row, so that it is evaluated again for every user
    SELECT 1 + floor(random() * :users)::int AS idx
    FROM generate_series(1, greatest(1, (:avg_follows * (0.5 + random()))::int - :celebrities + 0 * u.idx))
) pick
JOIN bench_users v ON v.idx = pick.idx
WHERE v.idx <> u.idx
ON CONFLICT DO NOTHING;

-- posts: authors drawn by index, celebrities weighted 5x; created_at over 90 days; v7-style ids from created_at
INSERT INTO posts (id, author_id, content, media_urls, like_count, comment_count, created_at, updated_at)
SELECT
    (lpad(to_hex((extract(epoch FROM t.at) * 1000)::bigint), 12, '0') || '7'
        || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid,
    a.id,
    'Bench post ' || g || ': ' || substr(repeat(md5(g::text), 4), 1, 40 + (g % 160)),
    CASE WHEN g % 5 = 0 THEN ARRAY['https://cdn.example/media/' || g || '.jpg'] ELSE '{}'::text[] END,
    0, 0, t.at, t.at
FROM generate_series(1, :posts) AS g
CROSS JOIN LATERAL (SELECT now() - random() * interval '90 days' + 0 * g * interval '1 s' AS at) t
CROSS JOIN LATERAL (
    SELECT CASE WHEN random() < (5.0 * :celebrities) / (:users + 4.0 * :celebrities)
                THEN 1 + floor(random() * :celebrities)::int
                ELSE 1 + floor(random() * :users)::int END + 0 * g AS idx
) pick
JOIN bench_users a ON a.idx = pick.idx;

ANALYZE posts;
ANALYZE follows;

SELECT (SELECT count(*) FROM bench_users) AS users,
       (SELECT count(*) FROM posts) AS posts,
       (SELECT count(*) FROM follows) AS follows,
       round((SELECT count(*) FROM follows)::numeric / (SELECT count(*) FROM bench_users), 1) AS avg_followees,
       (SELECT max(c) FROM (SELECT count(*) AS c FROM follows GROUP BY followee_id) x) AS max_followers;
