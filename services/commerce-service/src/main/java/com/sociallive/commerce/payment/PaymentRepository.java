package com.sociallive.commerce.payment;

import com.sociallive.commerce.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PaymentRepository {

    private static final String COLUMNS = "id, order_id, kind, method, amount, currency, from_user_id, to_user_id,"
            + " status, reference, attempt_version, idem_user_id, idem_key, created_at, updated_at";

    private final JdbcClient jdbc;

    PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Attempt a) {
        jdbc.sql("INSERT INTO payments (" + COLUMNS + ") VALUES (:id, :order, :kind, :method, :amount, :currency,"
                        + " :from, :to, :status, :reference, :version, :idemUser, :idemKey, :createdAt, :updatedAt)")
                .param("id", a.id())
                .param("order", a.orderId())
                .param("kind", a.kind())
                .param("method", a.method())
                .param("amount", a.amount())
                .param("currency", a.currency())
                .param("from", a.fromUserId())
                .param("to", a.toUserId())
                .param("status", a.status())
                .param("reference", a.reference())
                .param("version", a.version())
                .param("idemUser", a.idemUserId())
                .param("idemKey", a.idemKey())
                .param("createdAt", Times.ts(a.createdAt()))
                .param("updatedAt", Times.ts(a.updatedAt()))
                .update();
    }

    Optional<Attempt> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id")
                .param("id", id)
                .query(PaymentRepository::map)
                .optional();
    }

    /** The attempt of this kind that is PENDING or SUCCEEDED (at most one, by a unique index). */
    Optional<Attempt> findLive(UUID orderId, String kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :order AND kind = :kind"
                        + " AND status IN ('PENDING', 'SUCCEEDED')")
                .param("order", orderId)
                .param("kind", kind)
                .query(PaymentRepository::map)
                .optional();
    }

    List<Attempt> listByOrder(UUID orderId, String kind) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE order_id = :order AND kind = :kind"
                        + " ORDER BY created_at, id")
                .param("order", orderId)
                .param("kind", kind)
                .query(PaymentRepository::map)
                .list();
    }

    /** Takes a PENDING attempt up again (a retry): a new version, and the retry's idempotency key. */
    Attempt takeUp(Attempt a, UUID idemUser, String idemKey) {
        return jdbc.sql("UPDATE payments SET attempt_version = attempt_version + 1, updated_at = :now,"
                        + " idem_user_id = coalesce(:idemUser, idem_user_id), idem_key = coalesce(:idemKey, idem_key)"
                        + " WHERE id = :id RETURNING " + COLUMNS)
                .param("now", Times.ts(Times.now()))
                .param("idemUser", idemUser)
                .param("idemKey", idemKey)
                .param("id", a.id())
                .query(PaymentRepository::map)
                .single();
    }

    /**
     * Takes up PENDING attempts that nobody touched since {@code before}, skipping rows another instance holds;
     * each gets a new version.
     */
    List<Attempt> takeUpStale(Instant before, int limit) {
        return jdbc.sql("UPDATE payments SET attempt_version = attempt_version + 1, updated_at = :now"
                        + " WHERE id IN (SELECT id FROM payments WHERE status = 'PENDING' AND updated_at < :before"
                        + " ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING " + COLUMNS)
                .param("now", Times.ts(Times.now()))
                .param("before", Times.ts(before))
                .param("limit", limit)
                .query(PaymentRepository::map)
                .list();
    }

    /** The money moved: SUCCEEDED whatever the attempt's state (the wallet's word is final). */
    boolean markSucceeded(UUID id, UUID transferId) {
        return jdbc.sql("UPDATE payments SET status = 'SUCCEEDED', wallet_transfer_id = :transfer,"
                                + " failure_code = NULL, updated_at = :now WHERE id = :id AND status <> 'SUCCEEDED'")
                        .param("transfer", transferId)
                        .param("now", Times.ts(Times.now()))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Nothing moved: FAILED, only if still PENDING at the version the caller took up. */
    boolean markFailed(UUID id, int version, String code) {
        return jdbc.sql("UPDATE payments SET status = 'FAILED', failure_code = :code, updated_at = :now"
                                + " WHERE id = :id AND status = 'PENDING' AND attempt_version = :version")
                        .param("code", code)
                        .param("now", Times.ts(Times.now()))
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    private static Attempt map(ResultSet rs, int row) throws SQLException {
        return new Attempt(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("kind"),
                rs.getString("method"),
                rs.getLong("amount"),
                rs.getString("currency"),
                rs.getObject("from_user_id", UUID.class),
                rs.getObject("to_user_id", UUID.class),
                rs.getString("status"),
                rs.getString("reference"),
                rs.getInt("attempt_version"),
                rs.getObject("idem_user_id", UUID.class),
                rs.getString("idem_key"),
                Times.instant(rs.getTimestamp("created_at")),
                Times.instant(rs.getTimestamp("updated_at")));
    }
}
