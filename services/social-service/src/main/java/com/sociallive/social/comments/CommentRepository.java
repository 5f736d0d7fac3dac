package com.sociallive.social.comments;

import com.sociallive.platform.paging.TimeIdCursor;
import com.sociallive.social.web.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CommentRepository {

    record Target(UUID commentAuthor, UUID postId, UUID postAuthor) {}

    private final JdbcClient jdbc;

    CommentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Counts one more comment on the post and locks its row until the transaction ends, so that comment creates and
     * deletes of one post run one after the other; false when there is no such post.
     */
    boolean countOneMore(UUID postId) {
        return jdbc.sql("UPDATE posts SET comment_count = comment_count + 1 WHERE id = :id")
                        .param("id", postId)
                        .update()
                == 1;
    }

    boolean postExists(UUID postId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM posts WHERE id = :id)")
                .param("id", postId)
                .query(Boolean.class)
                .single();
    }

    boolean isCommentOf(UUID commentId, UUID postId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM comments WHERE id = :id AND post_id = :post)")
                .param("id", commentId)
                .param("post", postId)
                .query(Boolean.class)
                .single();
    }

    void insert(CommentRow row) {
        jdbc.sql("""
                        INSERT INTO comments (id, post_id, parent_id, author_id, content, created_at)
                        VALUES (:id, :post, :parent, :author, :content, :at)
                        """)
                .param("id", row.id())
                .param("post", row.postId())
                .param("parent", row.parentId(), java.sql.Types.OTHER)
                .param("author", row.authorId())
                .param("content", row.content())
                .param("at", Times.sql(row.createdAt()))
                .update();
    }

    Optional<Target> target(UUID commentId) {
        return jdbc.sql("""
                        SELECT c.author_id, c.post_id, p.author_id AS post_author
                        FROM comments c JOIN posts p ON p.id = c.post_id
                        WHERE c.id = :id
                        """)
                .param("id", commentId)
                .query((rs, n) -> new Target(
                        rs.getObject("author_id", UUID.class),
                        rs.getObject("post_id", UUID.class),
                        rs.getObject("post_author", UUID.class)))
                .optional();
    }

    boolean lockPost(UUID postId) {
        return jdbc.sql("SELECT id FROM posts WHERE id = :id FOR UPDATE")
                .param("id", postId)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /** Deletes the comment and its replies (at any depth); how many comments went. */
    int deleteWithReplies(UUID commentId) {
        return jdbc.sql("""
                        WITH RECURSIVE thread AS (
                            SELECT id FROM comments WHERE id = :id
                            UNION ALL
                            SELECT c.id FROM comments c JOIN thread t ON c.parent_id = t.id
                        )
                        DELETE FROM comments WHERE id IN (SELECT id FROM thread)
                        """).param("id", commentId).update();
    }

    void countFewer(UUID postId, int removed) {
        jdbc.sql("UPDATE posts SET comment_count = comment_count - :n WHERE id = :id")
                .param("n", removed)
                .param("id", postId)
                .update();
    }

    /** Oldest first. */
    List<CommentRow> byPost(UUID postId, TimeIdCursor after, int rows) {
        return jdbc.sql("SELECT id, post_id, parent_id, author_id, content, created_at FROM comments"
                        + " WHERE post_id = :post"
                        + (after == null ? "" : " AND (created_at, id) > (:at, :afterId)")
                        + " ORDER BY created_at, id LIMIT :rows")
                .params(
                        after == null
                                ? java.util.Map.of()
                                : java.util.Map.of("at", Times.sql(after.at()), "afterId", after.id()))
                .param("post", postId)
                .param("rows", rows)
                .query(CommentRepository::row)
                .list();
    }

    private static CommentRow row(ResultSet rs, int n) throws SQLException {
        return new CommentRow(
                rs.getObject("id", UUID.class),
                rs.getObject("post_id", UUID.class),
                rs.getObject("parent_id", UUID.class),
                rs.getObject("author_id", UUID.class),
                rs.getString("content"),
                Times.read(rs, "created_at"));
    }
}
