package com.sociallive.wallet.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code internal_transfers}: one row per reference, written in the transaction that moves the money. */
@Repository
class InternalTransferRepository {

    private final JdbcClient jdbc;

    InternalTransferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the reference. False when it is taken: the other transfer has committed by then (the unique index makes
     * a concurrent claimer wait for it), so {@link #findByReference} sees it.
     */
    boolean claim(InternalTransferView transfer, String callingService) {
        return jdbc.sql("""
                                INSERT INTO internal_transfers (id, reference, from_user_id, to_user_id, amount, fee,
                                                                currency, type, calling_service, created_at)
                                VALUES (:id, :reference, :from, :to, :amount, :fee, :currency, :type, :caller, :at)
                                ON CONFLICT (reference) DO NOTHING""")
                        .param("id", transfer.id())
                        .param("reference", transfer.reference())
                        .param("from", transfer.fromUserId())
                        .param("to", transfer.toUserId())
                        .param("amount", transfer.amount())
                        .param("fee", transfer.fee())
                        .param("currency", transfer.currency())
                        .param("type", transfer.type())
                        .param("caller", callingService)
                        .param("at", transfer.createdAt().atOffset(ZoneOffset.UTC))
                        .update()
                == 1;
    }

    Optional<InternalTransferView> findByReference(String reference) {
        return jdbc.sql("""
                        SELECT id, reference, from_user_id, to_user_id, amount, fee, currency, type, created_at
                          FROM internal_transfers WHERE reference = :reference""")
                .param("reference", reference)
                .query((rs, n) -> new InternalTransferView(
                        rs.getObject(1, java.util.UUID.class),
                        rs.getString(2),
                        rs.getObject(3, java.util.UUID.class),
                        rs.getObject(4, java.util.UUID.class),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getString(8),
                        "COMPLETED",
                        rs.getObject(9, OffsetDateTime.class).toInstant()))
                .optional();
    }
}
