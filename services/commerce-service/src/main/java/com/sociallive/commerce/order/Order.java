package com.sociallive.commerce.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as API.md shows it. */
public record Order(
        UUID id,
        UUID buyerId,
        UUID sellerId,
        OrderStatus status,
        List<Item> items,
        long total,
        String currency,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt) {

    public Order {
        items = List.copyOf(items);
    }

    public record Item(UUID productId, String name, long unitPrice, int quantity, long lineTotal) {}

    public boolean isParty(UUID userId) {
        return buyerId.equals(userId) || sellerId.equals(userId);
    }

    Order withItems(List<Item> newItems) {
        return new Order(id, buyerId, sellerId, status, newItems, total, currency, createdAt, updatedAt, expiresAt);
    }
}
