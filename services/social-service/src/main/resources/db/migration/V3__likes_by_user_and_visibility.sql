-- likedByMe of a page is answered either row by row from the primary key or, when the planner prefers it, from
-- all of the caller's likes at once: this index keeps the second plan cheap as well.
CREATE INDEX likes_user ON likes (user_id, post_id);

-- The home feed reads (created_at, id) of each followee's newest posts with index-only scans of
-- posts_author_time and fetches only the final page from the heap (docs/adr/0040-social-home-feed.md). Index-only
-- scans need an up-to-date visibility map, so posts and follows, which mostly grow by inserts, are vacuumed early.
ALTER TABLE posts SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
ALTER TABLE follows SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05);
