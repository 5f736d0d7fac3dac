package com.sociallive.streaming.stream;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StreamRepository {

    private static final String COLUMNS =
            "id, host_id, host_username, title, description, category, status, stream_key, viewer_count,"
                    + " peak_viewer_count, gifts_total, started_at, ended_at";

    private final JdbcClient jdbc;

    StreamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a LIVE stream; the partial unique index refuses a second LIVE stream of the same host. */
    void insert(StreamRow row) {
        jdbc.sql("""
                        INSERT INTO streams (id, host_id, host_username, title, description, category, status,
                                             stream_key, started_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'LIVE', ?, ?)
                        """)
                .param(row.id())
                .param(row.hostId())
                .param(row.hostUsername())
                .param(row.title())
                .param(row.description())
                .param(row.category())
                .param(row.streamKey())
                .param(Timestamp.from(row.startedAt()))
                .update();
    }

    Optional<StreamRow> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM streams WHERE id = ?")
                .param(id)
                .query(StreamRepository::map)
                .optional();
    }

    Optional<StreamRow> findByKey(String streamKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM streams WHERE stream_key = ?")
                .param(streamKey)
                .query(StreamRepository::map)
                .optional();
    }

    /** Ends a LIVE stream with its final peak; empty when it was not LIVE any more (someone else ended it). */
    Optional<StreamRow> end(UUID id, int peak) {
        return jdbc.sql("""
                        UPDATE streams
                           SET status = 'ENDED', ended_at = now(), viewer_count = 0, publishing = false,
                               peak_viewer_count = GREATEST(peak_viewer_count, ?)
                         WHERE id = ? AND status = 'LIVE'
                        RETURNING %s
                        """.formatted(COLUMNS))
                .param(peak)
                .param(id)
                .query(StreamRepository::map)
                .optional();
    }

    void markPublishing(UUID id, boolean publishing) {
        jdbc.sql("UPDATE streams SET publishing = ? WHERE id = ? AND status = 'LIVE'")
                .param(publishing)
                .param(id)
                .update();
    }

    long uniqueViewers(UUID id) {
        return jdbc.sql("SELECT count(*) FROM stream_viewers WHERE stream_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    /** LIVE streams, most viewers first, keyset after (viewerCount, id) when given. */
    List<StreamRow> live(String category, Integer afterViewers, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM streams WHERE status = 'LIVE'");
        var params = new java.util.ArrayList<Object>();
        if (category != null) {
            sql.append(" AND lower(category) = lower(?)");
            params.add(category);
        }
        if (afterViewers != null) {
            sql.append(" AND (viewer_count, id) < (?, ?)");
            params.add(afterViewers);
            params.add(afterId);
        }
        sql.append(" ORDER BY viewer_count DESC, id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query(StreamRepository::map)
                .list();
    }

    private static StreamRow map(ResultSet rs, int n) throws SQLException {
        return new StreamRow(
                rs.getObject("id", UUID.class),
                rs.getObject("host_id", UUID.class),
                rs.getString("host_username"),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("category"),
                rs.getString("status"),
                rs.getString("stream_key"),
                rs.getInt("viewer_count"),
                rs.getInt("peak_viewer_count"),
                rs.getLong("gifts_total"),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("ended_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
