package com.sociallive.streaming.gift;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class GiftRepository {

    private final JdbcClient jdbc;

    GiftRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StreamInfo(UUID hostId, boolean live) {}

    record KeyRecord(String requestHash, UUID giftId, String state, Instant createdAt, Instant updatedAt) {}

    record GiftRow(Gift gift, String status, String message) {}

    Optional<StreamInfo> stream(UUID streamId) {
        return jdbc.sql("SELECT host_id, status FROM streams WHERE id = ?")
                .param(streamId)
                .query((rs, n) -> new StreamInfo(rs.getObject("host_id", UUID.class), "LIVE".equals(rs.getString(2))))
                .optional();
    }

    Optional<KeyRecord> findKey(UUID userId, String key) {
        return jdbc.sql("""
                        SELECT request_hash, gift_id, state, created_at, updated_at
                          FROM gift_idempotency_keys WHERE user_id = ? AND key = ?
                        """)
                .param(userId)
                .param(key)
                .query((rs, n) -> new KeyRecord(
                        rs.getString("request_hash"),
                        rs.getObject("gift_id", UUID.class),
                        rs.getString("state"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    void deleteKey(UUID userId, String key) {
        jdbc.sql("DELETE FROM gift_idempotency_keys WHERE user_id = ? AND key = ?")
                .param(userId)
                .param(key)
                .update();
    }

    void insertPendingGift(Gift gift, String message) {
        jdbc.sql("""
                        INSERT INTO gifts (id, stream_id, from_user_id, to_user_id, amount, currency, gift_type, message,
                                           status, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)
                        """)
                .param(gift.id())
                .param(gift.streamId())
                .param(gift.fromUserId())
                .param(gift.toUserId())
                .param(gift.amount())
                .param(gift.currency())
                .param(gift.giftType())
                .param(message)
                .param(Timestamp.from(gift.createdAt()))
                .update();
    }

    /** Claims a fresh key for {@code giftId}; false when another request holds it already. */
    boolean insertKey(UUID userId, String key, String requestHash, UUID giftId) {
        return jdbc.sql("""
                        INSERT INTO gift_idempotency_keys (user_id, key, request_hash, gift_id, state, created_at,
                                                           updated_at)
                        VALUES (?, ?, ?, ?, 'IN_PROGRESS', now(), now())
                        ON CONFLICT DO NOTHING
                        """)
                        .param(userId)
                        .param(key)
                        .param(requestHash)
                        .param(giftId)
                        .update()
                == 1;
    }

    /** Takes over a key whose request failed retryably or whose worker went silent; false when someone else did. */
    boolean claim(UUID userId, String key, Instant staleBefore) {
        return jdbc.sql("""
                        UPDATE gift_idempotency_keys SET state = 'IN_PROGRESS', updated_at = now()
                         WHERE user_id = ? AND key = ?
                           AND (state = 'RETRYABLE' OR (state = 'IN_PROGRESS' AND updated_at < ?))
                        """)
                        .param(userId)
                        .param(key)
                        .param(Timestamp.from(staleBefore))
                        .update()
                == 1;
    }

    void setKeyState(UUID userId, String key, String state) {
        jdbc.sql("UPDATE gift_idempotency_keys SET state = ?, updated_at = now() WHERE user_id = ? AND key = ?")
                .param(state)
                .param(userId)
                .param(key)
                .update();
    }

    /** PENDING → COMPLETED; true when this call completed it (so the stream's total grows exactly once). */
    boolean complete(UUID giftId, UUID transferId) {
        return jdbc.sql("""
                        UPDATE gifts SET status = 'COMPLETED', wallet_transfer_id = ?, completed_at = now()
                         WHERE id = ? AND status = 'PENDING'
                        """).param(transferId).param(giftId).update() == 1;
    }

    void fail(UUID giftId) {
        jdbc.sql("UPDATE gifts SET status = 'FAILED', completed_at = now() WHERE id = ? AND status = 'PENDING'")
                .param(giftId)
                .update();
    }

    void addToStreamTotal(UUID streamId, long amount) {
        jdbc.sql("UPDATE streams SET gifts_total = gifts_total + ? WHERE id = ?")
                .param(amount)
                .param(streamId)
                .update();
    }

    Optional<GiftRow> findGift(UUID giftId) {
        return jdbc.sql("""
                        SELECT id, stream_id, from_user_id, to_user_id, amount, currency, gift_type, message, status,
                               created_at
                          FROM gifts WHERE id = ?
                        """).param(giftId).query(GiftRepository::map).optional();
    }

    private static GiftRow map(ResultSet rs, int n) throws SQLException {
        return new GiftRow(
                new Gift(
                        rs.getObject("id", UUID.class),
                        rs.getObject("stream_id", UUID.class),
                        rs.getObject("from_user_id", UUID.class),
                        rs.getObject("to_user_id", UUID.class),
                        rs.getLong("amount"),
                        rs.getString("currency"),
                        rs.getString("gift_type"),
                        rs.getTimestamp("created_at").toInstant()),
                rs.getString("status"),
                rs.getString("message"));
    }
}
