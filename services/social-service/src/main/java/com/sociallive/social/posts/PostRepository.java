package com.sociallive.social.posts;

import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.web.Times;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PostRepository {

    private static final String COLUMNS =
            "p.id, p.author_id, p.content, p.media_urls, p.like_count, p.comment_count, p.created_at, p.updated_at";
    private static final String LIKED_BY_ME =
            "EXISTS (SELECT 1 FROM likes l WHERE l.post_id = p.id AND l.user_id = :me) AS liked_by_me";

    private final JdbcClient jdbc;

    PostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID authorId, String content, List<String> mediaUrls, Instant now) {
        jdbc.sql("""
                        INSERT INTO posts (id, author_id, content, media_urls, created_at, updated_at)
                        VALUES (:id, :author, :content, :media, :now, :now)
                        """)
                .param("id", id)
                .param("author", authorId)
                .param("content", content)
                .param("media", mediaUrls.toArray(String[]::new))
                .param("now", Times.sql(now))
                .update();
    }

    Optional<PostRow> find(UUID id, UUID me) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + LIKED_BY_ME + " FROM posts p WHERE p.id = :id")
                .param("id", id)
                .param("me", me)
                .query(PostRepository::row)
                .optional();
    }

    /** Locks the post row for the rest of the transaction; its author, or empty when there is no such post. */
    Optional<UUID> lockAuthor(UUID id) {
        return jdbc.sql("SELECT author_id FROM posts WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(UUID.class)
                .optional();
    }

    void update(UUID id, String content, List<String> mediaUrls, Instant now) {
        StringBuilder set = new StringBuilder("updated_at = :now");
        var params = new java.util.HashMap<String, Object>();
        if (content != null) {
            set.append(", content = :content");
            params.put("content", content);
        }
        if (mediaUrls != null) {
            set.append(", media_urls = :media");
            params.put("media", mediaUrls.toArray(String[]::new));
        }
        jdbc.sql("UPDATE posts SET " + set + " WHERE id = :id")
                .params(params)
                .param("id", id)
                .param("now", Times.sql(now))
                .update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM posts WHERE id = :id").param("id", id).update() == 1;
    }

    /** One author's posts, newest first: a backward scan of posts_author_time from the cursor. */
    List<PostRow> byAuthor(UUID authorId, TimeIdCursor after, int rows, UUID me) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + LIKED_BY_ME + " FROM posts p WHERE p.author_id = :author"
                        + (after == null ? "" : " AND (p.created_at, p.id) < (:at, :afterId)")
                        + " ORDER BY p.created_at DESC, p.id DESC LIMIT :rows")
                .params(cursorParams(after))
                .param("author", authorId)
                .param("me", me)
                .param("rows", rows)
                .query(PostRepository::row)
                .list();
    }

    /** Everyone's posts, newest first. */
    List<PostRow> everyone(TimeIdCursor after, int rows, UUID me) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + LIKED_BY_ME + " FROM posts p"
                        + (after == null ? "" : " WHERE (p.created_at, p.id) < (:at, :afterId)")
                        + " ORDER BY p.created_at DESC, p.id DESC LIMIT :rows")
                .params(cursorParams(after))
                .param("me", me)
                .param("rows", rows)
                .query(PostRepository::row)
                .list();
    }

    /**
     * The home feed, fanned out on read: for the reader and each account they follow, the newest {@code rows}
     * posts older than the cursor (one backward probe of posts_author_time each), merged and cut to {@code rows}.
     * Exact by construction: a deleted post or an unfollowed author is simply not found.
     */
    List<PostRow> feed(UUID me, TimeIdCursor after, int rows) {
        String older = after == null ? "" : " AND (p.created_at, p.id) < (:at, :afterId)";
        // the probes read only (created_at, id) from the index (index-only scans); the heap is read for the page
        String sql = "SELECT " + COLUMNS + ", " + LIKED_BY_ME
                + " FROM posts p JOIN (SELECT q.created_at, q.id FROM ("
                + "   SELECT f.followee_id AS author_id FROM follows f WHERE f.follower_id = :me"
                + "   UNION ALL SELECT CAST(:me AS uuid)"
                + " ) a CROSS JOIN LATERAL ("
                + "   SELECT p.created_at, p.id FROM posts p WHERE p.author_id = a.author_id" + older
                + "   ORDER BY p.created_at DESC, p.id DESC LIMIT :rows"
                + " ) q ORDER BY q.created_at DESC, q.id DESC LIMIT :rows"
                + ") top ON p.id = top.id ORDER BY p.created_at DESC, p.id DESC";
        return jdbc.sql(sql)
                .params(cursorParams(after))
                .param("me", me)
                .param("rows", rows)
                .query(PostRepository::row)
                .list();
    }

    long countByAuthor(UUID authorId) {
        return jdbc.sql("SELECT count(*) FROM posts WHERE author_id = :author")
                .param("author", authorId)
                .query(Long.class)
                .single();
    }

    private static java.util.Map<String, Object> cursorParams(TimeIdCursor after) {
        return after == null
                ? java.util.Map.of()
                : java.util.Map.of("at", Times.sql(after.at()), "afterId", after.id());
    }

    private static PostRow row(ResultSet rs, int n) throws SQLException {
        Array media = rs.getArray("media_urls");
        List<String> urls = media == null ? List.of() : Arrays.asList((String[]) media.getArray());
        return new PostRow(
                rs.getObject("id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getString("content"),
                List.copyOf(urls),
                rs.getLong("like_count"),
                rs.getLong("comment_count"),
                rs.getBoolean("liked_by_me"),
                Times.read(rs, "created_at"),
                Times.read(rs, "updated_at"));
    }
}
