package com.sociallive.wallet.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Body of {@code POST /internal/transfers} (internal-apis.md). */
record InternalTransferRequest(
        @NotNull UUID fromUserId,
        @NotNull UUID toUserId,
        @NotNull @Positive @Max(1_000_000_000_000L) Long amount,

        @Pattern(regexp = "[A-Z]{3,8}", message = "must be an upper-case currency code such as COIN")
        String currency,

        @NotNull
        @Pattern(regexp = "PAYMENT|REFUND|GIFT|TRANSFER", message = "must be PAYMENT, REFUND, GIFT or TRANSFER")
        String type,

        @NotBlank @Size(max = 200) String reference,
        @Min(0) @Max(10_000) Integer feeBps,
        @Size(max = 500) String note) {

    InternalTransferRequest normalized() {
        return new InternalTransferRequest(
                fromUserId,
                toUserId,
                amount,
                currency == null ? "COIN" : currency,
                type,
                reference,
                feeBps == null ? 0 : feeBps,
                note);
    }
}
