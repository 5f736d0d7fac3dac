package com.sociallive.wallet.money;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** API.md balance: {@code available} can be spent; {@code held} is reserved (always 0 with the sandbox provider). */
@Schema(name = "Balance")
public record BalanceView(
        UUID userId,
        String currency,
        long available,
        long held,

        @Schema(description = "last change of the balance; null for a user with no activity", nullable = true)
        Instant updatedAt) {}
