package com.sociallive.streaming.room;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the live rooms read and write in the streams tables: liveness, viewers, counts, likes and chat. */
@Repository
class RoomRepository {

    private final JdbcClient jdbc;

    RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record RoomInfo(UUID streamId, UUID hostId, boolean live) {}

    record Admission(RoomInfo room, boolean removed) {}

    /** The stream and whether the user was removed from it, in one query (the WebSocket handshake's check). */
    Optional<Admission> admission(UUID streamId, UUID userId) {
        return jdbc.sql("""
                        SELECT s.id, s.host_id, s.status,
                               EXISTS (SELECT 1 FROM stream_removed_viewers r
                                        WHERE r.stream_id = s.id AND r.user_id = ?) AS removed
                          FROM streams s WHERE s.id = ?
                        """)
                .param(userId)
                .param(streamId)
                .query((rs, n) -> new Admission(
                        new RoomInfo(
                                rs.getObject("id", UUID.class),
                                rs.getObject("host_id", UUID.class),
                                "LIVE".equals(rs.getString("status"))),
                        rs.getBoolean("removed")))
                .optional();
    }

    Optional<RoomInfo> find(UUID streamId) {
        return jdbc.sql("SELECT id, host_id, status FROM streams WHERE id = ?")
                .param(streamId)
                .query((rs, n) -> new RoomInfo(
                        rs.getObject("id", UUID.class),
                        rs.getObject("host_id", UUID.class),
                        "LIVE".equals(rs.getString("status"))))
                .optional();
    }

    boolean isRemoved(UUID streamId, UUID userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM stream_removed_viewers WHERE stream_id = ? AND user_id = ?)")
                .param(streamId)
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    void markRemoved(UUID streamId, UUID userId, UUID removedBy) {
        jdbc.sql("""
                        INSERT INTO stream_removed_viewers (stream_id, user_id, removed_by, removed_at)
                        VALUES (?, ?, ?, now()) ON CONFLICT DO NOTHING
                        """).param(streamId).param(userId).param(removedBy).update();
    }

    void recordViewer(UUID streamId, UUID userId) {
        jdbc.sql("""
                        INSERT INTO stream_viewers (stream_id, user_id, first_joined_at)
                        VALUES (?, ?, now()) ON CONFLICT DO NOTHING
                        """).param(streamId).param(userId).update();
    }

    /** The presence snapshot that GET /live sorts by; ended streams keep their final numbers. */
    void recordCounts(UUID streamId, int viewers, int peak) {
        jdbc.sql("""
                        UPDATE streams SET viewer_count = ?, peak_viewer_count = GREATEST(peak_viewer_count, ?, ?)
                        WHERE id = ? AND status = 'LIVE'
                        """).param(viewers).param(peak).param(viewers).param(streamId).update();
    }

    long addLikes(UUID streamId, long delta) {
        return jdbc.sql("UPDATE streams SET like_count = like_count + ? WHERE id = ? RETURNING like_count")
                .param(delta)
                .param(streamId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    void saveChat(UUID id, UUID streamId, UUID userId, String text, String frame, Instant sentAt) {
        jdbc.sql("""
                        INSERT INTO chat_messages (id, stream_id, user_id, text, frame, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .param(id)
                .param(streamId)
                .param(userId)
                .param(text)
                .param(frame)
                .param(Timestamp.from(sentAt))
                .update();
    }

    record StoredChat(UUID id, String frame) {}

    /** The last {@code limit} chat frames of the stream, oldest first. */
    List<StoredChat> recentChat(UUID streamId, int limit) {
        if (limit == 0) {
            return List.of();
        }
        List<StoredChat> newestFirst = new ArrayList<>(
                jdbc.sql("SELECT id, frame FROM chat_messages WHERE stream_id = ? ORDER BY seq DESC LIMIT ?")
                        .param(streamId)
                        .param(limit)
                        .query((rs, n) -> new StoredChat(rs.getObject("id", UUID.class), rs.getString("frame")))
                        .list());
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
