package com.sociallive.wallet.money;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * API.md {@code Transaction}: one line of a user's history, i.e. one posting on the user's account. {@code id} is the
 * journal entry's id, the same on both sides of a transfer. Optional fields are left out when empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Transaction")
public record TransactionView(
        UUID id,

        @Schema(allowableValues = {"DEPOSIT", "WITHDRAWAL", "TRANSFER", "PAYMENT", "REFUND", "GIFT"})
        String type,

        @Schema(allowableValues = {"CREDIT", "DEBIT"}) String direction,
        @Schema(description = "minor units, always > 0") long amount,
        String currency,

        @Schema(description = "the account's balance right after this line")
        long balanceAfter,

        @Schema(allowableValues = {"COMPLETED", "PENDING", "FAILED"})
        String status,

        UUID counterpartyUserId,
        String reference,
        String note,
        Instant createdAt) {

    static final String COMPLETED = "COMPLETED";

    static TransactionView of(
            UUID entryId,
            String type,
            long signedAmount,
            String currency,
            long balanceAfter,
            UUID ownerId,
            UUID fromUserId,
            UUID toUserId,
            String reference,
            String note,
            Instant createdAt) {
        UUID counterparty = ownerId.equals(fromUserId) ? toUserId : fromUserId;
        return new TransactionView(
                entryId,
                type,
                signedAmount > 0 ? "CREDIT" : "DEBIT",
                Math.abs(signedAmount),
                currency,
                balanceAfter,
                COMPLETED,
                counterparty,
                reference,
                note,
                createdAt);
    }
}
