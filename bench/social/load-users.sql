-- Loads users.csv (written by `java SocialBench.java register`) into social.bench_users, so that dataset.sql builds
-- the graph and posts on the ids of really registered users.
--   psql "$DB" -f load-users.sql        (run it in this directory: \copy reads ./users.csv)
\set ON_ERROR_STOP on
SET search_path TO social;
DROP TABLE IF EXISTS bench_users;
CREATE TABLE bench_users (idx int PRIMARY KEY, id uuid NOT NULL UNIQUE, username text, registered boolean);
\copy bench_users (idx, id, username, registered) FROM 'users.csv' WITH (FORMAT csv)
ANALYZE bench_users;
SELECT count(*) AS bench_users, count(*) FILTER (WHERE registered) AS registered FROM bench_users;
