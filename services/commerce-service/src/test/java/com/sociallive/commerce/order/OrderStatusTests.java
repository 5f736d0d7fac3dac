package com.sociallive.commerce.order;

import static com.sociallive.commerce.order.OrderStatus.CANCELLED;
import static com.sociallive.commerce.order.OrderStatus.COMPLETED;
import static com.sociallive.commerce.order.OrderStatus.PAID;
import static com.sociallive.commerce.order.OrderStatus.PENDING_PAYMENT;
import static com.sociallive.commerce.order.OrderStatus.REFUNDED;
import static com.sociallive.commerce.order.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderStatusTests {

    /** API.md: PENDING_PAYMENT → PAID → SHIPPED → COMPLETED; CANCELLED from PENDING_PAYMENT; REFUNDED from PAID|SHIPPED. */
    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING_PAYMENT, EnumSet.of(PAID, CANCELLED),
            PAID, EnumSet.of(SHIPPED, REFUNDED),
            SHIPPED, EnumSet.of(COMPLETED, REFUNDED),
            COMPLETED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            REFUNDED, EnumSet.noneOf(OrderStatus.class));

    @Test
    void shouldAllowExactlyTheTransitionsOfTheContract() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertThat(from.canBecome(to))
                        .as(from + " -> " + to)
                        .isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }
}
