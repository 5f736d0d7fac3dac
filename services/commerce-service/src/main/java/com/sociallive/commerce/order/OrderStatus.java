package com.sociallive.commerce.order;

/**
 * PENDING_PAYMENT → PAID → SHIPPED → COMPLETED; CANCELLED from PENDING_PAYMENT (by the buyer or by expiry);
 * REFUNDED from PAID or SHIPPED.
 */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    SHIPPED,
    COMPLETED,
    CANCELLED,
    REFUNDED;

    boolean canBecome(OrderStatus next) {
        return switch (next) {
            case PAID, CANCELLED -> this == PENDING_PAYMENT;
            case SHIPPED -> this == PAID;
            case COMPLETED -> this == SHIPPED;
            case REFUNDED -> this == PAID || this == SHIPPED;
            case PENDING_PAYMENT -> false;
        };
    }
}
