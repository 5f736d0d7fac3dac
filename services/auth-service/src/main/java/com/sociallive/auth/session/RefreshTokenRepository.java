package com.sociallive.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefreshTokenRepository {

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(byte[] hash, UUID sessionId, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at)
                VALUES (:hash, :sessionId, clock_timestamp(), :expiresAt)
                """)
                .param("hash", hash)
                .param("sessionId", sessionId)
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    /** The token and its session, locked until the end of the transaction (concurrent refreshes queue up). */
    Optional<StoredToken> findForUpdate(byte[] hash) {
        return jdbc.sql("""
                SELECT t.session_id, t.expires_at, t.used_at, s.user_id, s.revoked_at
                FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
                WHERE t.token_hash = :hash
                FOR UPDATE OF t
                """)
                .param("hash", hash)
                .query((rs, row) -> new StoredToken(
                        rs.getObject("session_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") != null,
                        rs.getTimestamp("revoked_at") != null))
                .optional();
    }

    void markUsed(byte[] hash) {
        jdbc.sql("UPDATE refresh_tokens SET used_at = clock_timestamp() WHERE token_hash = :hash")
                .param("hash", hash)
                .update();
    }

    record StoredToken(UUID sessionId, UUID userId, Instant expiresAt, boolean used, boolean sessionRevoked) {}
}
