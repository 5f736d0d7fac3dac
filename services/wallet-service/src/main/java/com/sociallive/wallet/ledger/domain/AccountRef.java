package com.sociallive.wallet.ledger.domain;

import java.util.Objects;
import java.util.UUID;

/** An existing ledger account: its id, kind, owner (users only) and currency. */
public record AccountRef(UUID id, AccountKind kind, UUID ownerId, String currency) {

    public AccountRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        if ((kind == AccountKind.USER) != (ownerId != null)) {
            throw new IllegalArgumentException("user accounts, and only they, have an owner");
        }
    }
}
