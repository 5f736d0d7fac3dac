package com.sociallive.commerce.payment;

import java.time.Instant;
import java.util.UUID;

/** A payment attempt as API.md shows it; status PENDING, SUCCEEDED or FAILED. */
record Payment(UUID id, UUID orderId, long amount, String currency, String method, String status, Instant createdAt) {

    static Payment of(Attempt attempt) {
        return new Payment(
                attempt.id(),
                attempt.orderId(),
                attempt.amount(),
                attempt.currency(),
                attempt.method(),
                attempt.status(),
                attempt.createdAt());
    }
}
