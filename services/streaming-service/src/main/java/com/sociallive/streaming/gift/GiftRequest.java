package com.sociallive.streaming.gift;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** {@code POST /gifts} body. */
record GiftRequest(
        @NotNull UUID streamId,
        @NotNull @Min(1) @Max(1_000_000_000_000L) Long amount,

        @Size(min = 1, max = 50) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "letters, digits, _ . - only")
        String giftType,

        @Size(max = 200) String message) {

    static final String DEFAULT_TYPE = "coin";

    String giftTypeOrDefault() {
        return giftType == null ? DEFAULT_TYPE : giftType;
    }
}
