package com.sociallive.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SessionRepository {

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void open(UUID sessionId, UUID userId) {
        jdbc.sql("INSERT INTO sessions (id, user_id, created_at) VALUES (:id, :userId, clock_timestamp())")
                .param("id", sessionId)
                .param("userId", userId)
                .update();
    }

    Optional<UUID> ownerOf(UUID sessionId) {
        return jdbc.sql("SELECT user_id FROM sessions WHERE id = :id")
                .param("id", sessionId)
                .query(UUID.class)
                .optional();
    }

    /** Ends a session; its first revocation time is kept. */
    int revoke(UUID sessionId, String reason) {
        return jdbc.sql("""
                UPDATE sessions SET revoked_at = clock_timestamp(), revoked_reason = :reason
                WHERE id = :id AND revoked_at IS NULL
                """).param("id", sessionId).param("reason", reason).update();
    }

    int revokeAllOf(UUID userId, String reason) {
        return jdbc.sql("""
                UPDATE sessions SET revoked_at = clock_timestamp(), revoked_reason = :reason
                WHERE user_id = :userId AND revoked_at IS NULL
                """).param("userId", userId).param("reason", reason).update();
    }

    boolean isRevoked(UUID sessionId) {
        return jdbc.sql("SELECT count(*) FROM sessions WHERE id = :id AND revoked_at IS NOT NULL")
                        .param("id", sessionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Instant now() {
        return jdbc.sql("SELECT clock_timestamp()")
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    List<RevokedSession> revokedSince(Instant since) {
        return jdbc.sql("""
                SELECT id, revoked_at FROM sessions WHERE revoked_at >= :since ORDER BY revoked_at, id LIMIT 100000
                """)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> new RevokedSession(
                        rs.getObject("id", UUID.class).toString(),
                        rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    record RevokedSession(String sessionId, Instant revokedAt) {}
}
