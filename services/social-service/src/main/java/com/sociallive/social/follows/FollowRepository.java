package com.sociallive.social.follows;

import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.web.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class FollowRepository {

    record Edge(UUID userId, Instant at) {
        String cursor() {
            return new TimeIdCursor(at, userId).encode();
        }
    }

    private final JdbcClient jdbc;

    FollowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void follow(UUID follower, UUID followee, Instant at) {
        jdbc.sql("""
                        INSERT INTO follows (follower_id, followee_id, created_at) VALUES (:follower, :followee, :at)
                        ON CONFLICT (follower_id, followee_id) DO NOTHING
                        """)
                .param("follower", follower)
                .param("followee", followee)
                .param("at", Times.sql(at))
                .update();
    }

    void unfollow(UUID follower, UUID followee) {
        jdbc.sql("DELETE FROM follows WHERE follower_id = :follower AND followee_id = :followee")
                .param("follower", follower)
                .param("followee", followee)
                .update();
    }

    /** The user's followers, most recent first. */
    List<Edge> followers(UUID user, TimeIdCursor after, int rows) {
        return page("follower_id", "followee_id", user, after, rows);
    }

    /** Whom the user follows, most recent first. */
    List<Edge> following(UUID user, TimeIdCursor after, int rows) {
        return page("followee_id", "follower_id", user, after, rows);
    }

    private List<Edge> page(String listed, String owner, UUID user, TimeIdCursor after, int rows) {
        return jdbc.sql("SELECT " + listed + " AS user_id, created_at FROM follows WHERE " + owner + " = :user"
                        + (after == null ? "" : " AND (created_at, " + listed + ") < (:at, :afterId)")
                        + " ORDER BY created_at DESC, " + listed + " DESC LIMIT :rows")
                .params(after == null ? Map.of() : Map.of("at", Times.sql(after.at()), "afterId", after.id()))
                .param("user", user)
                .param("rows", rows)
                .query((rs, n) -> new Edge(rs.getObject("user_id", UUID.class), Times.read(rs, "created_at")))
                .list();
    }

    long countFollowers(UUID user) {
        return jdbc.sql("SELECT count(*) FROM follows WHERE followee_id = :user")
                .param("user", user)
                .query(Long.class)
                .single();
    }

    long countFollowing(UUID user) {
        return jdbc.sql("SELECT count(*) FROM follows WHERE follower_id = :user")
                .param("user", user)
                .query(Long.class)
                .single();
    }
}
