package com.sociallive.wallet.money;

import com.sociallive.platform.paging.TimeIdCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a user's balance and history (postings on the user's accounts, newest first). */
@Repository
class HistoryRepository {

    private static final String LINE = """
            SELECT p.entry_id, e.type, p.amount, p.currency, p.balance_after, p.created_at,
                   e.from_user_id, e.to_user_id, e.reference, e.note
              FROM postings p
              JOIN accounts a ON a.id = p.account_id
              JOIN journal_entries e ON e.id = p.entry_id
             WHERE a.kind = 'USER' AND a.owner_id = :user""";

    private final JdbcClient jdbc;

    HistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BalanceView> balance(UUID userId, String currency) {
        return jdbc.sql("""
                        SELECT balance - held, held, updated_at FROM accounts
                         WHERE kind = 'USER' AND owner_id = :user AND currency = :currency""")
                .param("user", userId)
                .param("currency", currency)
                .query((rs, n) -> new BalanceView(
                        userId,
                        currency,
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** One page, fetched with {@code limit + 1} rows so the caller can tell whether another page follows. */
    List<TransactionView> page(UUID userId, String type, String currency, TimeIdCursor after, int limitPlusOne) {
        StringBuilder sql = new StringBuilder(LINE);
        if (type != null) {
            sql.append(" AND e.type = :type");
        }
        if (currency != null) {
            sql.append(" AND a.currency = :currency");
        }
        if (after != null) {
            sql.append(" AND (p.created_at, p.entry_id) < (:at, :id)");
        }
        sql.append(" ORDER BY p.created_at DESC, p.entry_id DESC LIMIT :limit");
        var statement = jdbc.sql(sql.toString()).param("user", userId).param("limit", limitPlusOne);
        if (type != null) {
            statement = statement.param("type", type);
        }
        if (currency != null) {
            statement = statement.param("currency", currency);
        }
        if (after != null) {
            statement =
                    statement.param("at", after.at().atOffset(ZoneOffset.UTC)).param("id", after.id());
        }
        return statement.query((rs, n) -> line(rs, userId)).list();
    }

    Optional<TransactionView> line(UUID userId, UUID entryId) {
        return jdbc.sql(LINE + " AND p.entry_id = :entry")
                .param("user", userId)
                .param("entry", entryId)
                .query((rs, n) -> line(rs, userId))
                .optional();
    }

    private static TransactionView line(ResultSet rs, UUID userId) throws SQLException {
        return TransactionView.of(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getLong(5),
                userId,
                rs.getObject(7, UUID.class),
                rs.getObject(8, UUID.class),
                rs.getString(9),
                rs.getString(10),
                rs.getObject(6, OffsetDateTime.class).toInstant());
    }
}
