package com.sociallive.wallet.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** internal-apis.md {@code InternalTransfer}. */
@Schema(name = "InternalTransfer")
record InternalTransferView(
        UUID id,
        String reference,
        UUID fromUserId,
        UUID toUserId,
        long amount,
        long fee,
        String currency,
        String type,
        String status,
        Instant createdAt) {}
