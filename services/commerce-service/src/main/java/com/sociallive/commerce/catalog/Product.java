package com.sociallive.commerce.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A product as API.md shows it. */
public record Product(
        UUID id,
        UUID sellerId,
        String name,
        String description,
        long price,
        String currency,
        int stock,
        List<String> imageUrls,
        String status,
        Instant createdAt,
        Instant updatedAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String ARCHIVED = "ARCHIVED";

    public Product {
        imageUrls = List.copyOf(imageUrls);
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
