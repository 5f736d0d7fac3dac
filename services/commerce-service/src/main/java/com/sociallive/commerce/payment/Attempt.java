package com.sociallive.commerce.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * One saga step that moves money through the wallet for an order: kind PAYMENT (buyer → seller, reference
 * {@code order:<orderId>}) or REFUND (seller → buyer, reference {@code refund:<orderId>}). {@code version} grows
 * each time a caller (a request or the recovery job) takes the attempt up, so that a stale caller cannot settle it.
 */
record Attempt(
        UUID id,
        UUID orderId,
        String kind,
        String method,
        long amount,
        String currency,
        UUID fromUserId,
        UUID toUserId,
        String status,
        String reference,
        int version,
        UUID idemUserId,
        String idemKey,
        Instant createdAt,
        Instant updatedAt) {

    static final String PAYMENT = "PAYMENT";
    static final String REFUND = "REFUND";
    static final String PENDING = "PENDING";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";

    static String referenceFor(String kind, UUID orderId) {
        return (PAYMENT.equals(kind) ? "order:" : "refund:") + orderId;
    }

    /** The wallet Idempotency-Key: derived from the order and this attempt. */
    String walletKey() {
        return "order:" + orderId + ":" + kind.toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
