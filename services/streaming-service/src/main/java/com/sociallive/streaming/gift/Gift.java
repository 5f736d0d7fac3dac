package com.sociallive.streaming.gift;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** API.md gift: {@code {id, streamId, fromUserId, toUserId, amount, currency, giftType, createdAt}}. */
@Schema(name = "Gift")
record Gift(
        UUID id,
        UUID streamId,
        UUID fromUserId,
        UUID toUserId,
        long amount,
        String currency,
        String giftType,
        Instant createdAt) {}
