package com.sociallive.wallet.money;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the user endpoints; {@code currency} defaults to COIN. */
final class Requests {

    private Requests() {}

    static final String CURRENCY = "[A-Z]{3,8}";
    static final String CURRENCY_MESSAGE = "must be an upper-case currency code such as COIN";

    record DepositRequest(
            @NotNull @Positive @Max(1_000_000_000_000L) Long amount,

            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE)
            String currency,

            @Size(max = 200) String reference) {

        DepositRequest normalized() {
            return new DepositRequest(amount, currency == null ? "COIN" : currency, reference);
        }
    }

    record WithdrawRequest(
            @NotNull @Positive @Max(1_000_000_000_000L) Long amount,

            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE)
            String currency,

            @Size(max = 200) String destination) {

        WithdrawRequest normalized() {
            return new WithdrawRequest(amount, currency == null ? "COIN" : currency, destination);
        }
    }

    record TransferRequest(
            @NotNull UUID toUserId,
            @NotNull @Positive @Max(1_000_000_000_000L) Long amount,

            @Pattern(regexp = CURRENCY, message = CURRENCY_MESSAGE)
            String currency,

            @Size(max = 500) String note) {

        TransferRequest normalized() {
            return new TransferRequest(toUserId, amount, currency == null ? "COIN" : currency, note);
        }
    }
}
