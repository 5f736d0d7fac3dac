-- Fills social.bench_users with :users random user ids, for a database-only run (EXPLAIN, pgbench) where the
-- users need not exist in the auth service. For a run through the gateway, SocialBench.java register fills the
-- table with the ids of really registered users instead.
--   psql "$DB" -v users=10000 -f synthetic-users.sql
\set ON_ERROR_STOP on
\if :{?users} \else \set users 10000 \endif
SET search_path TO social;
DROP TABLE IF EXISTS bench_users;
CREATE TABLE bench_users (idx int PRIMARY KEY, id uuid NOT NULL UNIQUE, username text, registered boolean);
INSERT INTO bench_users (idx, id, username, registered)
SELECT i, gen_random_uuid(), 'bench_' || lpad(i::text, 6, '0'), false FROM generate_series(1, :users) AS i;
ANALYZE bench_users;
