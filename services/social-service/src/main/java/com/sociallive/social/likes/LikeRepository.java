package com.sociallive.social.likes;

import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.web.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LikeRepository {

    record Liker(UUID userId, Instant likedAt) {
        String cursor() {
            return new TimeIdCursor(likedAt, userId).encode();
        }
    }

    private final JdbcClient jdbc;

    LikeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the like unless it exists (or the post does not); true when a row was added. */
    boolean insertIfAbsent(UUID postId, UUID userId, Instant at) {
        return jdbc.sql("""
                        INSERT INTO likes (post_id, user_id, created_at)
                        SELECT :post, :user, :at WHERE EXISTS (SELECT 1 FROM posts WHERE id = :post)
                        ON CONFLICT (post_id, user_id) DO NOTHING
                        """)
                        .param("post", postId)
                        .param("user", userId)
                        .param("at", Times.sql(at))
                        .update()
                == 1;
    }

    boolean delete(UUID postId, UUID userId) {
        return jdbc.sql("DELETE FROM likes WHERE post_id = :post AND user_id = :user")
                        .param("post", postId)
                        .param("user", userId)
                        .update()
                == 1;
    }

    /** Moves the post's counter by {@code delta}; the new count, or empty when the post is gone. */
    Optional<Long> addToCount(UUID postId, int delta) {
        return jdbc.sql("UPDATE posts SET like_count = like_count + :delta WHERE id = :post RETURNING like_count")
                .param("delta", delta)
                .param("post", postId)
                .query(Long.class)
                .optional();
    }

    Optional<Long> count(UUID postId) {
        return jdbc.sql("SELECT like_count FROM posts WHERE id = :post")
                .param("post", postId)
                .query(Long.class)
                .optional();
    }

    /** Newest like first. */
    List<Liker> likers(UUID postId, TimeIdCursor after, int rows) {
        return jdbc.sql("SELECT user_id, created_at FROM likes WHERE post_id = :post"
                        + (after == null ? "" : " AND (created_at, user_id) < (:at, :afterId)")
                        + " ORDER BY created_at DESC, user_id DESC LIMIT :rows")
                .params(
                        after == null
                                ? java.util.Map.of()
                                : java.util.Map.of("at", Times.sql(after.at()), "afterId", after.id()))
                .param("post", postId)
                .param("rows", rows)
                .query((rs, n) -> new Liker(rs.getObject("user_id", UUID.class), Times.read(rs, "created_at")))
                .list();
    }
}
