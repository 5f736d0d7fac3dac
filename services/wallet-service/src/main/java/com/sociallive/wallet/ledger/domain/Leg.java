package com.sociallive.wallet.ledger.domain;

import java.util.Objects;

/** One posting of a journal entry: {@code amount > 0} credits the account, {@code < 0} debits it. */
public record Leg(AccountRef account, long amount) {

    public Leg {
        Objects.requireNonNull(account, "account");
        if (amount == 0) {
            throw new IllegalArgumentException("a posting moves money");
        }
    }

    public boolean isDebit() {
        return amount < 0;
    }
}
